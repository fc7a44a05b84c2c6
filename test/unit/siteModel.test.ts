// The published site's page model (core, pure): which pages exist, what each shows, and the
// relative links between them; plus policy/version-not-bumped, which the site's versions rely on.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { computeFindings } from '../../server/src/core/diagnostics';
import { buildSite, rowState } from '../../server/src/core/site/model';
import { policyPath, relLink, slug, uniquePath, uniqueSlugs } from '../../server/src/core/site/paths';
import { codes, RISKS, ROOT, soaText, TODAY, workspaceOf } from '../helpers';

const POLICY = `---
title: Access Policy
owner: CISO
approved-by: Board
version: "1.2"
effective: 2026-01-01
next-review: 2027-01-01
classification: internal
---
# Access Policy

## Purpose
We implement A.5.15 here, and \`A.5.16\` in code is not a reference.

## Purpose
Passwords follow Annex A 5.17; the range A.8.1-A.8.3 is cited too.
`;

function site(extra: Record<string, string> = {}, history?: Map<string, { hash: string; date: string; author: string; subject: string }[]>) {
  const { ws, uri } = workspaceOf({
    'soa.yaml': soaText({ 'A.5.1': '    applicable: false\n    justification: We are a one-person company without any staff at all.\n', 'A.5.2': '' }),
    'risks.yaml': RISKS,
    'policies/access.md': POLICY,
    'policies/hr/Leavers & Movers.md': '# Leavers\nSee [access](../access.md#purpose).\n',
    ...extra,
  });
  return { model: buildSite(ws, { root: ROOT, today: TODAY, history }), uri, ws };
}

describe('site paths', () => {
  it('links between pages are relative, in both directions and with fragments', () => {
    assert.equal(relLink('index.html', 'controls/A.5.15.html'), 'controls/A.5.15.html');
    assert.equal(relLink('controls/A.5.15.html', 'risks.html#risk-r-001'), '../risks.html#risk-r-001');
    assert.equal(relLink('policies/hr/x.html', 'policies/access.html#purpose'), '../access.html#purpose');
    assert.equal(relLink('policies/a.html', 'policies/a.html'), 'a.html');
  });
  it('policy pages keep folders, lose a doubled policies/ and unsafe characters, and never collide', () => {
    assert.equal(policyPath('policies/access-control.md'), 'policies/access-control.html');
    assert.equal(policyPath('handbook/HR/Leavers & Movers.md'), 'policies/handbook/HR/Leavers-Movers.html');
    assert.equal(policyPath('../../etc/passwd.md'), 'policies/etc/passwd.html');
    const taken = new Set<string>();
    assert.equal(uniquePath('policies/a.html', taken), 'policies/a.html');
    assert.equal(uniquePath('policies/A.html', taken), 'policies/A-2.html');
  });
  it('headings get GitHub-like slugs, repeated ones numbered', () => {
    assert.equal(slug('Passwords, keys & MFA'), 'passwords-keys--mfa');
    assert.deepEqual(uniqueSlugs(['Purpose', 'Purpose', 'Purpose-1']), ['purpose', 'purpose-1', 'purpose-1-1']);
  });
});

describe('site model', () => {
  it('has the four registers, one page per policy and one per Annex A control', () => {
    const { model } = site();
    assert.equal(model.controls.length, 93);
    assert.deepEqual(model.policies.map((p) => p.path), ['policies/access.html', 'policies/hr/Leavers-Movers.html']);
    assert.equal(model.pages.length, 4 + 2 + 93);
    assert.equal(new Set(model.pages).size, model.pages.length);
  });

  it('a policy page carries document control, sections with unique slugs and only linkable references', () => {
    const { model } = site();
    const p = model.policies[0];
    assert.equal(p.title, 'Access Policy');
    assert.deepEqual(p.fields, { title: 'Access Policy', owner: 'CISO', 'approved-by': 'Board', version: '1.2', effective: '2026-01-01', 'next-review': '2027-01-01', classification: 'internal' });
    assert.deepEqual(p.sections.map((s) => s.slug), ['access-policy', 'purpose', 'purpose-1']);
    // Written IDs are linked (a range's two ends too); the code span and the implied A.8.2 are not.
    assert.deepEqual(p.refs.map((r) => [r.id, p.text.slice(r.start, r.end)]), [['A.5.15', 'A.5.15'], ['A.5.17', 'Annex A 5.17'], ['A.8.1', 'A.8.1'], ['A.8.3', 'A.8.3']]);
    assert.deepEqual(p.controls, ['A.5.15', 'A.5.17', 'A.8.1', 'A.8.2', 'A.8.3']);
    assert.deepEqual(p.history, { kind: 'no-git' });
  });

  it('revision history comes from the host: commits when given, "uncommitted" for a file Git has no commit for', () => {
    const revs = [{ hash: 'abc', date: '2026-06-01T10:00:00Z', author: 'Sam', subject: 'Tighten access reviews' }];
    const { model } = site({}, new Map([[`${ROOT}/policies/access.md`, revs]]));
    assert.deepEqual(model.policies[0].history, { kind: 'git', revisions: revs });
    assert.deepEqual(model.policies[1].history, { kind: 'uncommitted' });
  });

  it('a control page shows the SoA decision, its risks and the exact sections of the policies citing it', () => {
    const { model } = site();
    const c = model.controls.find((x) => x.id === 'A.5.17')!;
    assert.equal(c.row.applicable, 'Yes');
    assert.deepEqual(c.row.risks.map((r) => r.id), ['R-001']);
    assert.deepEqual(c.citing, [{ policyPath: 'policies/access.html', title: 'Access Policy', section: { slug: 'purpose-1', text: 'Purpose' } }]);
    assert.equal(c.guidance, undefined);
    assert.ok(c.attributes.some((a) => a.label === 'Control type' && a.values.length));
    const withGuidance = buildSite(site().ws, { root: ROOT, today: TODAY, guidance: true });
    assert.ok(withGuidance.controls.find((x) => x.id === 'A.5.17')!.guidance?.intent);
  });

  it('the risk register page places each scored risk on the heat map and lists its controls', () => {
    const { model } = site();
    assert.deepEqual(model.risks.heat[3][4], ['R-001']); // likelihood 4, impact 5
    assert.deepEqual(model.risks.heat[1][2], ['R-002']);
    assert.equal(model.risks.heat.flat(2).length, 2);
    assert.deepEqual(model.risks.risks[0].controls, [{ id: 'A.5.15', known: true }, { id: 'A.5.17', known: true }]);
  });

  it('an unscored risk is listed but not on the map', () => {
    const { model } = site({ 'risks.yaml': `${RISKS}  R-003:\n    title: Unscored\n    likelihood: high\n    impact: 9\n` });
    assert.equal(model.risks.risks.length, 3);
    assert.equal(model.risks.heat.flat(2).length, 2);
    assert.equal(model.risks.risks[2].likelihood, undefined);
  });

  it('the index counts open findings by code and coverage per theme from the SoA table', () => {
    const { model } = site();
    const byCode = Object.fromEntries(model.index.findings.map((f) => [f.code, f.count]));
    assert.equal(byCode['soa/missing-control'], 1);
    assert.equal(model.index.findings[0].severity, 'error');
    const org = model.index.coverage.find((t) => t.theme === 'Organizational')!;
    assert.equal(org.counts.excluded, 1);
    assert.equal(org.counts['not-addressed'], 1);
    assert.equal(org.total, 37);
    assert.equal(rowState(model.soa.rows[0]), 'excluded');
  });

  it('traceability lists, per control, the citing policies and the linked risks', () => {
    const { model } = site();
    const row = model.trace.find((t) => t.id === 'A.5.15')!;
    assert.deepEqual(row.policies, ['policies/access.html']);
    assert.deepEqual(row.risks, ['R-001']);
  });

  it('the same input gives the same model (no clock, no randomness)', () => {
    assert.deepEqual(JSON.stringify(site().model), JSON.stringify(site().model));
  });
});

describe('policy/version-not-bumped', () => {
  const changed = POLICY.replace('## Purpose\nWe', '## Purpose\nFrom now on we');
  it('is silent without a baseline (outside Git, or a new file)', () => {
    const { ws, uri } = workspaceOf({ 'policies/access.md': changed });
    assert.ok(!codes(computeFindings(ws, uri('policies/access.md'), { today: TODAY })).includes('policy/version-not-bumped'));
  });
  it('warns on the version when the text changed since HEAD but the version did not', () => {
    const { ws, uri } = workspaceOf({ 'policies/access.md': changed });
    ws.setBaseline(uri('policies/access.md'), { base: POLICY });
    const f = computeFindings(ws, uri('policies/access.md'), { today: TODAY }).filter((x) => x.code === 'policy/version-not-bumped');
    assert.equal(f.length, 1);
    assert.equal(f[0].severity, 'warning');
    assert.equal(f[0].range.start.line, 4);
    assert.match(f[0].message, /still 1\.2/);
  });
  it('is silent when the version was raised, when nothing changed, or for line-ending changes only', () => {
    for (const [text, base] of [[changed.replace('"1.2"', '"1.3"'), POLICY], [POLICY, POLICY], [POLICY.replace(/\n/g, '\r\n'), POLICY]]) {
      const { ws, uri } = workspaceOf({ 'policies/access.md': text });
      ws.setBaseline(uri('policies/access.md'), { base });
      assert.ok(!codes(computeFindings(ws, uri('policies/access.md'), { today: TODAY })).includes('policy/version-not-bumped'));
    }
  });
  it('with a staged text, compares the staged text (not the working tree) with HEAD', () => {
    const { ws, uri } = workspaceOf({ 'policies/access.md': changed });
    ws.setBaseline(uri('policies/access.md'), { base: POLICY, current: POLICY });
    assert.ok(!codes(computeFindings(ws, uri('policies/access.md'), { today: TODAY })).includes('policy/version-not-bumped'));
    ws.setBaseline(uri('policies/access.md'), { base: changed.replace('"1.2"', '"1.3"'), current: changed.replace('"1.2"', '"1.3"').replace('now', 'today') });
    const f = computeFindings(ws, uri('policies/access.md'), { today: TODAY }).filter((x) => x.code === 'policy/version-not-bumped');
    assert.match(f[0].message, /^The staged policy differs/);
  });
  it('does not apply to non-policy Markdown and can be turned off', () => {
    const { ws, uri } = workspaceOf({ 'notes/x.md': changed, 'policies/access.md': changed, 'isms.config.yaml': 'severity:\n  policy/version-not-bumped: off\n' });
    ws.setBaseline(uri('notes/x.md'), { base: POLICY });
    ws.setBaseline(uri('policies/access.md'), { base: POLICY });
    for (const f of ['notes/x.md', 'policies/access.md']) assert.ok(!codes(computeFindings(ws, uri(f), { today: TODAY })).includes('policy/version-not-bumped'));
  });
});
