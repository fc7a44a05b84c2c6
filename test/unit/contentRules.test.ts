// The content checks of issue 8, each with findings it must raise and look-alikes it must not:
// ref/title-mismatch, ref/mixed-edition, ref/clause-as-control, soa/repeated-justification,
// soa/implemented-without-evidence, policy/claims-uncited, policy/cites-unclaimed, soa/stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyEdits, codes, RISKS, soaText, workspaceOf } from '../helpers';
import { catalogue } from '../../server/src/core/catalogue';
import type { Finding } from '../../server/src/core/types';

const FRONT = '---\ntitle: Access Control Policy\nowner: Head of IT\napproved-by: CEO\nversion: "2.1"\neffective: 2026-01-15\nnext-review: 2027-01-15\n---\n';
const front = (extra: string) => FRONT.replace('---\n\n', '').replace(/---\n$/, `${extra}---\n`);

function policy(body: string, head = FRONT, files: Record<string, string> = {}) {
  const { service, uri } = workspaceOf({ 'soa.yaml': soaText(), 'risks.yaml': RISKS, ...files, 'policies/p.md': head + body });
  const u = uri('policies/p.md');
  const findings = service.check(u);
  return { findings, text: head + body, fixes: (f: Finding) => service.quickFixes(u, [f]) };
}
const only = (fs: Finding[], code: string) => fs.filter((f) => f.code === code);
const lineOf = (text: string, f: Finding) => text.split('\n')[f.range.start.line];

// ---------------------------------------------------------------------------------------------
// ref/title-mismatch

test('ref/title-mismatch: a valid ID next to another control\'s title, in prose, lists and tables', () => {
  const body = [
    '# Access', '',
    '- A.5.9 Access Control Policy',
    '- A.5.15 — Access control',
    '', '| Control | Title |', '|---|---|', '| A.8.2 | Password management |', '| A.8.5 | Secure authentication |', '',
  ].join('\n');
  const { findings, text, fixes } = policy(body);
  assert.deepEqual(codes(findings), ['ref/title-mismatch', 'ref/title-mismatch']);
  const [a, b] = findings;
  assert.equal(a.severity, 'warning');
  assert.equal(lineOf(text, a), '- A.5.9 Access Control Policy');
  assert.equal(a.message, 'A.5.9 is "Inventory of information and other associated assets", not "Access Control Policy"; did you mean A.5.15 Access control ("Access Control Policy" is the 2013 title of A.9.1.1 Access control policy)?');
  assert.deepEqual(a.data?.suggestions, ['A.5.15']);
  assert.deepEqual(b.data?.suggestions, ['A.5.17'], 'Password management was 2013 A.9.4.3, now A.5.17');
  assert.match(b.message, /A\.9\.4\.3 Password management system/);

  // Two fixes: replace the ID, or replace the title (in the writer's Title Case).
  const [changeId, changeTitle] = fixes(a);
  assert.equal(changeId.title, 'Change A.5.9 to A.5.15 (Access control)');
  assert.match(applyEdits(text, changeId.edits), /^- A\.5\.15 Access Control Policy$/m);
  assert.equal(changeTitle.title, 'Change the title to "Inventory of Information and Other Associated Assets"');
  assert.match(applyEdits(text, changeTitle.edits), /^- A\.5\.9 Inventory of Information and Other Associated Assets$/m);
  const tableFixes = fixes(b);
  assert.match(applyEdits(text, tableFixes[0].edits), /^\| A\.5\.17 \| Password management \|$/m);
  assert.match(applyEdits(text, tableFixes[1].edits), /^\| A\.8\.2 \| Privileged access rights \|$/m);
});

test('ref/title-mismatch knows the edition: A.12.3.1 Logging and Monitoring is wrong, A.12.3.1 Information backup is right', () => {
  const { findings } = policy('Backups: A.12.3.1 Information backup.\n\n## A.12.3.1 Logging and Monitoring\n');
  assert.deepEqual(codes(findings), ['ref/legacy-control', 'ref/legacy-control', 'ref/title-mismatch']);
  const m = only(findings, 'ref/title-mismatch')[0];
  assert.match(m.message, /A\.12\.3\.1 is "Information backup" in ISO\/IEC 27001:2013, not "Logging and Monitoring"/);
  assert.equal(m.data?.expected, 'Information backup');
});

test('ref/title-mismatch stays silent on correct, varied, loose or unrelated text', () => {
  const body = [
    '- A 5.15 — Access Control', '- **A.5.10** - Acceptable use of information and other associated assets',
    '- A.8.1 User endpoint devices', '- A.5.21 Managing information security in the ICT supply chain', '- A.5.34 Privacy and protection of PII',
    '- A.8.17 Clock synchronisation', '- A.5.9 Inventory of information', '- A.8.13 Backup',
    'Least privilege (A.8.2) applies. A.8.2 applies to administrators. See A.5.23 for cloud services.',
    'Physical security: A.7.1-7.4 Physical security, A.5.15-5.18 Access control, A.5.26, A.5.29 Business continuity.',
    '| Control | Policy |', '|---|---|', '| A.5.3 | Access Control Policy |', '',
    '| Finding | Clause | Status |', '|---|---|---|', '| F-01 | A.5.18 | Open |', '',
    '```', 'A.5.9 Access Control Policy', '```', '', '`A.5.9 Access Control Policy`', '',
  ].join('\n');
  assert.deepEqual(policy(body).findings, []);
});

test('ref/title-mismatch on an SoA entry\'s title field, with the title fix only', () => {
  const text = soaText({ 'A.5.9': '    applicable: true\n    status: implemented\n    reasons: [legal]\n    owner: CISO\n    title: Access control policy\n', 'A.5.10': '    applicable: true\n    status: implemented\n    reasons: [legal]\n    owner: CISO\n    title: "Acceptable use of assets"\n' });
  const { service, uri } = workspaceOf({ 'soa.yaml': text, 'risks.yaml': RISKS });
  const f = service.check(uri('soa.yaml'));
  assert.deepEqual(codes(f), ['ref/title-mismatch']);
  const fixes = service.quickFixes(uri('soa.yaml'), f);
  assert.deepEqual(fixes.map((x) => x.title), ['Change the title to "Inventory of information and other associated assets"']);
  assert.match(applyEdits(text, fixes[0].edits), /title: Inventory of information and other associated assets\n/);
});

// ---------------------------------------------------------------------------------------------
// ref/mixed-edition

test('ref/mixed-edition replaces ref/legacy-control where the file declares 2022, with a summary on the declaration', () => {
  const head = front('standard: ISO/IEC 27001:2022\n');
  const body = '# Access\nPrivileged access (A.9.2.3) and logs (A.12.4.1) are reviewed; A.8.2 applies.\n';
  const { findings, text, fixes } = policy(body, head);
  assert.deepEqual(codes(findings), ['ref/mixed-edition', 'ref/mixed-edition', 'ref/mixed-edition']);
  const [summary, first] = findings;
  assert.equal(lineOf(text, summary), 'standard: ISO/IEC 27001:2022');
  assert.deepEqual(summary.data?.ids, ['A.9.2.3', 'A.12.4.1']);
  assert.match(summary.message, /declares ISO\/IEC 27001:2022 but cites 2 ISO\/IEC 27001:2013 IDs \(A\.9\.2\.3, A\.12\.4\.1\)/);
  assert.deepEqual(first.data?.successors, ['A.8.2']);
  assert.match(first.message, /A\.9\.2\.3 Management of privileged access rights is an ISO\/IEC 27001:2013 control, but this file declares ISO\/IEC 27001:2022 \(line 8\); its 2022 successor is A\.8\.2 Privileged access rights\./);
  // The per-reference fix is the legacy one; the summary fixes them all.
  assert.match(applyEdits(text, fixes(first)[0].edits), /Privileged access \(A\.8\.2\)/);
  const all = fixes(summary)[0];
  assert.equal(all.title, 'Replace 2 ISO/IEC 27001:2013 IDs that have one 2022 successor');
  assert.match(applyEdits(text, all.edits), /Privileged access \(A\.8\.2\) and logs \(A\.8\.15\)/);
});

test('ref/mixed-edition: declared in the first heading or a metadata line; not for 2013, both, or no declaration', () => {
  const body = 'Privileged access (A.9.2.3).\n';
  assert.deepEqual(codes(policy('# ISO/IEC 27001:2022 Access Control Policy\n' + body).findings), ['ref/mixed-edition', 'ref/mixed-edition']);
  assert.deepEqual(codes(policy('# Access\n\n**Standard:** ISO 27001:2022\n\n' + body).findings), ['ref/mixed-edition', 'ref/mixed-edition']);
  assert.deepEqual(codes(policy('# Access\n' + body).findings), ['ref/legacy-control'], 'no declaration');
  assert.deepEqual(codes(policy('# Access\n' + body, front('standard: ISO/IEC 27001:2013\n')).findings), ['ref/legacy-control'], '2013 declared');
  assert.deepEqual(codes(policy('# Moving from ISO 27001:2013 to ISO 27001:2022\n' + body).findings), ['ref/legacy-control'], 'a transition document declares both');
  assert.deepEqual(codes(policy('# ISO/IEC 27001:2022 control mapping\n' + body).findings), ['ref/legacy-control'], 'a mapping document cites both on purpose');
  // Switched off, the legacy finding comes back rather than nothing.
  const off = policy('# Access\n' + body, front('standard: ISO/IEC 27001:2022\n'), { 'isms.config.yaml': 'severity:\n  ref/mixed-edition: "off"\n' });
  assert.deepEqual(codes(off.findings), ['ref/legacy-control']);
});

test('ref/mixed-edition in an SoA (standard:) and a risk register', () => {
  const soa = soaText({ 'A.9.2.3': '    applicable: true\n    reasons: [legal]\n' });
  const { service, uri } = workspaceOf({ 'soa.yaml': soa, 'risks.yaml': 'standard: ISO/IEC 27001:2022\n' + RISKS.replace('[A.8.1]', '[A.8.1, A.12.3.1]') });
  const f = service.check(uri('soa.yaml'));
  assert.deepEqual(codes(f), ['ref/mixed-edition', 'ref/mixed-edition']);
  assert.equal(f[0].range.start.line, 0, 'the summary sits on standard:');
  assert.deepEqual(codes(service.check(uri('risks.yaml'))), ['ref/mixed-edition', 'ref/mixed-edition']);
});

// ---------------------------------------------------------------------------------------------
// ref/clause-as-control

test('ref/clause-as-control: "control 9.3", "A.10.2", and an A-ID whose title is a clause title', () => {
  const { findings, text, fixes } = policy('# ISMS\nManagement reviews follow control 9.3.\nCorrective action per A.10.2.\n\n- A.9.2 Internal audit\n- A.7.2 Competence\n');
  assert.deepEqual(codes(findings), ['ref/clause-as-control', 'ref/clause-as-control', 'ref/clause-as-control', 'ref/clause-as-control']);
  assert.match(findings[0].message, /"control 9\.3" is clause 9\.3 Management review of ISO\/IEC 27001, a management-system requirement, not an Annex A control; write "clause 9\.3"\./);
  assert.deepEqual(findings.map((f) => f.data?.clause), ['9.3', '10.2', '9.2', '7.2']);
  assert.match(applyEdits(text, fixes(findings[0])[0].edits), /follow clause 9\.3\./);
  assert.match(applyEdits(text, fixes(findings[2])[0].edits), /- clause 9\.2 Internal audit/);
});

test('ref/clause-as-control is silent on clauses, controls, and other standards', () => {
  const body = [
    'See clause 9.1 and clause 6.1.3.', 'A.5.1 Policies for information security applies; so does control 5.1.',
    'ISO 27002:2013 control 9.1 covers access.', 'Control 9.1 business requirements of access control.',
    '**Clause:** A.5.18 Access rights', '',
  ].join('\n');
  assert.deepEqual(policy(body).findings, []);
});

// ---------------------------------------------------------------------------------------------
// soa/repeated-justification

const excluded = (j: string) => `    applicable: false\n    justification: ${j}\n`;
const soaCheck = (overrides: Record<string, string>, config?: string) => {
  const files: Record<string, string> = { 'soa.yaml': soaText(overrides), 'risks.yaml': RISKS };
  if (config) files['isms.config.yaml'] = config;
  const { service, uri } = workspaceOf(files);
  return service.check(uri('soa.yaml'));
};

test('soa/repeated-justification: one pasted justification for unrelated controls is one finding, the others related', () => {
  const pasted = 'We operate fully remotely and do not own or rent any office premises.';
  const four = { 'A.5.7': excluded(pasted), 'A.6.7': excluded(pasted), 'A.7.1': excluded(pasted), 'A.8.30': excluded(pasted.replace('fully ', 'entirely ')) };
  const f = soaCheck(four);
  assert.deepEqual(codes(f), ['soa/repeated-justification']);
  assert.match(f[0].message, /^Nearly the same justification is given for 4 controls \(A\.5\.7, A\.6\.7, A\.7\.1, A\.8\.30\)/);
  assert.deepEqual(f[0].data?.ids, ['A.6.7', 'A.7.1', 'A.8.30']);
  assert.deepEqual(f[0].data?.affected, ['A.5.7', 'A.6.7', 'A.7.1', 'A.8.30']);
  assert.deepEqual(f[0].related?.map((r) => r.message), ['A.6.7 Remote working: the same justification', 'A.7.1 Physical security perimeters: the same justification', 'A.8.30 Outsourced development: nearly the same justification']);
  const lines = soaText(four).split('\n');
  assert.deepEqual(f[0].related?.map((r) => lines[r.range.start.line].trim().startsWith('justification:')), [true, true, true]);
  // Three may share a reason (justification.max-repeats: 3); the threshold and similarity are configurable.
  assert.deepEqual(soaCheck({ 'A.5.7': excluded(pasted), 'A.6.7': excluded(pasted), 'A.7.1': excluded(pasted) }), []);
  assert.deepEqual(soaCheck(four, 'justification:\n  max-repeats: 4\n'), []);
  assert.equal(soaCheck(four, 'justification:\n  similarity: 1\n').length, 0, 'identical texts only: 3 identical, 1 different');
  assert.equal(soaCheck(four, 'justification:\n  max-repeats: 1\n  similarity: 1\n').length, 1, 'the three identical ones: one finding');
});

test('soa/repeated-justification: a specific reason shared by a family of controls is not flagged', () => {
  const premises = 'No owned or leased premises; the co-location provider manages physical security under its own ISO 27001 certificate.';
  const physical = ['A.7.1', 'A.7.2', 'A.7.3', 'A.7.4', 'A.7.5', 'A.7.6', 'A.7.11'];
  const seven = Object.fromEntries(physical.map((id) => [id, excluded(premises)]));
  assert.deepEqual(soaCheck(seven), [], 'one theme: Physical');
  // Identity and access controls of two themes share the operational capability.
  const sso = 'All staff sign in through the customer\'s identity provider; we keep no accounts of our own.';
  const iam = { 'A.5.16': excluded(sso), 'A.5.17': excluded(sso), 'A.5.18': excluded(sso), 'A.8.5': excluded(sso) };
  assert.deepEqual(soaCheck(iam), [], 'one operational capability: identity and access management');
  assert.deepEqual(codes(soaCheck(iam, 'justification:\n  families: [theme]\n')), ['soa/repeated-justification'], 'theme only: two themes are no family');
  assert.deepEqual(codes(soaCheck(seven, 'justification:\n  families: []\n')), ['soa/repeated-justification'], 'families off: judged as pasted');
  // Template wording stays a warning in a family, one finding for the shared text.
  const f = soaCheck(Object.fromEntries(physical.map((id) => [id, excluded('Not applicable to our organisation.')])));
  assert.deepEqual(codes(f), ['soa/repeated-justification'], 'template wording in a family');
  assert.equal(f[0].data?.kind, 'template');
  assert.match(f[0].message, /^"Not applicable to our organisation\." is template wording, not a reason specific to your organisation, and 7 controls give it \(A\.7\.1, /);
  assert.equal(f[0].related?.length, 6);
  // Generic words only ("required by ISO 27001 for our organisation") make no family reason.
  const generic = 'This is required by ISO 27001 for our organisation.';
  assert.deepEqual(codes(soaCheck(Object.fromEntries(physical.map((id) => [id, excluded(generic)])))), ['soa/repeated-justification'], 'generic words');
});

test('soa/repeated-justification: applicable controls whose decision is traceable get a hint at most', () => {
  const needed = 'Needed to treat the linked risks.';
  const linked = (risk: string) => `    applicable: true\n    status: implemented\n    owner: CISO\n    risks: [${risk}]\n    justification: ${needed}\n`;
  const legal = `    applicable: true\n    status: implemented\n    owner: CISO\n    reasons: [contractual]\n    justification: ${needed}\n`;
  const untraced = `    applicable: true\n    status: implemented\n    owner: CISO\n    risks: [R-099]\n    justification: ${needed}\n`;
  const entries = { 'A.5.15': linked('R-001'), 'A.5.17': linked('R-001'), 'A.8.1': linked('R-002'), 'A.6.1': legal, 'A.8.9': untraced };
  const f = soaCheck(entries);
  const repeated = f.filter((x) => x.code === 'soa/repeated-justification');
  assert.equal(repeated.length, 1, 'one hint for the four traceable ones; the untraced one is soa/applicable-without-risk\'s');
  assert.equal(repeated[0].severity, 'hint');
  assert.equal(repeated[0].data?.kind, 'traceable');
  assert.deepEqual(repeated[0].data?.affected, ['A.5.15', 'A.5.17', 'A.6.1', 'A.8.1']);
  assert.deepEqual(codes(f.filter((x) => x.code !== 'soa/repeated-justification')).sort(), ['ref/unknown-risk', 'soa/applicable-without-risk']);
  assert.deepEqual(soaCheck(entries, 'justification:\n  traceable: off\n').filter((x) => x.code === 'soa/repeated-justification'), []);
  assert.equal(soaCheck(entries, 'justification:\n  traceable: warning\n').find((x) => x.code === 'soa/repeated-justification')?.severity, 'warning');
  // With the risk rule off, the untraced entry's pasted text is reported instead.
  const noRisk = soaCheck(entries, 'severity:\n  soa/applicable-without-risk: off\n').filter((x) => x.code === 'soa/repeated-justification');
  assert.deepEqual(noRisk.map((x) => [x.severity, x.data?.kind]).sort(), [['hint', 'traceable'], ['warning', 'repeated']]);
  // One text on excluded and on traceable applicable controls: a warning for the excluded ones, a hint for the others.
  const text = 'Handled by the parent company under its group-wide security programme.';
  const mixed = soaCheck({
    'A.5.7': excluded(text), 'A.6.7': excluded(text), 'A.7.1': excluded(text), 'A.8.30': excluded(text),
    'A.5.15': `    applicable: true\n    status: implemented\n    owner: CISO\n    risks: [R-001]\n    justification: ${text}\n`,
  }).filter((x) => x.code === 'soa/repeated-justification');
  assert.deepEqual(mixed.map((x) => [x.severity, x.data?.affected]).sort(), [['hint', ['A.5.15']], ['warning', ['A.5.7', 'A.6.7', 'A.7.1', 'A.8.30']]]);
  assert.match(mixed.find((x) => x.severity === 'warning')!.message, /given for 5 controls .* This finding is about the 4 whose decision rests on this text alone: this entry and its related places\.$/);
  // Template wording on a traceable applicable control: a hint, not a warning.
  const t = soaCheck({ 'A.5.15': '    applicable: true\n    status: implemented\n    owner: CISO\n    risks: [R-001]\n    justification: Not applicable to our organisation.\n' });
  assert.deepEqual(t.map((x) => [x.code, x.severity]), [['soa/repeated-justification', 'hint']]);
});

test('soa/repeated-justification: a large group names 20 others, counts the rest and relates every entry', () => {
  const pasted = 'We operate fully remotely and do not own or rent any office premises.';
  const ids = catalogue.controls.filter((_, i) => i % 2 === 0).map((c) => c.id);
  const f = soaCheck(Object.fromEntries(ids.map((id) => [id, excluded(pasted)]))).filter((x) => x.code === 'soa/repeated-justification');
  assert.equal(f.length, 1);
  const data = f[0].data as { id: string; ids: string[]; count: number; affected: string[] };
  assert.equal(data.count, ids.length);
  assert.equal(data.ids.length, 20);
  assert.ok(!data.ids.includes(data.id));
  assert.deepEqual(data.affected, ids);
  assert.equal(f[0].related?.length, ids.length - 1);
});

test('soa/repeated-justification: a line that suppresses the code leaves that entry out of the related places', () => {
  const pasted = 'We operate fully remotely and do not own or rent any office premises.';
  const five = { 'A.5.7': excluded(pasted), 'A.6.7': excluded(pasted), 'A.7.1': excluded(pasted), 'A.8.30': `    applicable: false\n    # isms-disable soa/repeated-justification\n    justification: ${pasted}\n`, 'A.8.29': excluded(pasted) };
  const f = soaCheck(five);
  assert.equal(f.length, 1);
  assert.deepEqual(f[0].related?.map((r) => r.message.split(' ')[0]), ['A.6.7', 'A.7.1', 'A.8.29']);
});

test('soa/repeated-justification: beyond 1,000 distinct justifications only identical ones are grouped', () => {
  const entry = (i: number, text: string) => `  - id: A.5.${(i % 37) + 1}\n    applicable: false\n    justification: ${text}\n`;
  const nearly = (i: number) => `We do not run this activity at our company, as recorded in internal decision record number ${i}.`;
  const soa = (n: number) => `controls:\n${Array.from({ length: n }, (_, i) => entry(i, nearly(i))).join('')}`;
  const repeated = (n: number) => {
    const { service, uri } = workspaceOf({ 'soa.yaml': soa(n), 'isms.config.yaml': 'severity:\n  soa/duplicate-control: off\njustification:\n  families: []\n' });
    return service.check(uri('soa.yaml')).filter((x) => x.code === 'soa/repeated-justification').reduce((n, x) => n + ((x.data?.affected as string[] | undefined)?.length ?? 0), 0);
  };
  assert.equal(repeated(1_000), 1_000, 'nearly the same: one group');
  assert.equal(repeated(1_001), 0, 'all different texts: compared for identity only');
});

test('soa/repeated-justification: template wording without a business-specific reason', () => {
  const f = soaCheck({ 'A.7.4': excluded('Not applicable to our organisation.'), 'A.7.5': excluded('"Not applicable to our organisation: we have no premises of our own."'), 'A.7.6': excluded('Out of scope for this company.') });
  assert.deepEqual(codes(f), ['soa/repeated-justification', 'soa/repeated-justification']);
  assert.deepEqual(f.map((x) => x.data?.id), ['A.7.4', 'A.7.6']);
  assert.equal(f[0].data?.kind, 'template');
  assert.match(f[0].message, /"Not applicable to our organisation\." is template wording, not a reason specific to your organisation; say why A\.7\.4 does not apply/);
  assert.deepEqual(soaCheck({ 'A.7.4': excluded('Not applicable to our organisation.') }, 'justification:\n  templates: [does not apply]\n'), []);
});

test('soa/repeated-justification leaves placeholders to soa/excluded-without-justification', () => {
  const na = excluded('N/A');
  const f = soaCheck({ 'A.7.1': na, 'A.7.2': na, 'A.7.3': na, 'A.7.4': na, 'A.7.5': na });
  assert.deepEqual([...new Set(codes(f))], ['soa/excluded-without-justification']);
});

// ---------------------------------------------------------------------------------------------
// soa/implemented-without-evidence

test('soa/implemented-without-evidence: implemented with no policy, no evidence and no owner', () => {
  const bare = '    applicable: true\n    status: implemented\n    reasons: [legal]\n';
  const text = soaText({ 'A.5.6': bare });
  const { service, uri } = workspaceOf({ 'soa.yaml': text, 'risks.yaml': RISKS });
  const f = service.check(uri('soa.yaml'));
  assert.deepEqual(codes(f), ['soa/implemented-without-evidence']);
  assert.match(f[0].message, /A\.5\.6 is marked implemented but names no implementing policy, no evidence and no owner;/);
  assert.deepEqual(f[0].data?.missing, ['policies', 'evidence', 'owner']);
  const [fix] = service.quickFixes(uri('soa.yaml'), f);
  assert.equal(fix.title, 'Add the evidence for A.5.6');
  assert.match(applyEdits(text, fix.edits), /  A\.5\.6:\n    applicable: true\n    status: implemented\n    reasons: \[legal\]\n    evidence: "TODO: where an auditor can see this control working"\n/);

  assert.deepEqual(soaCheck({ 'A.5.6': bare + '    evidence: Quarterly review tickets.\n' }), [], 'evidence is enough');
  assert.deepEqual(soaCheck({ 'A.5.6': bare + '    evidence: TBD\n' }).map((x) => x.code), ['soa/implemented-without-evidence'], 'a placeholder is not evidence');
  assert.deepEqual(soaCheck({ 'A.5.6': '    applicable: true\n    status: partial\n    reasons: [legal]\n' }), [], 'only implemented controls');
  assert.deepEqual(soaCheck({ 'A.5.6': bare }, 'implemented:\n  require-one-of: []\n'), [], 'switched off');
  const withEvidence = (id: string) => `    applicable: true\n    status: implemented\n    reasons: [legal]\n    owner: CISO\n    evidence: Ticket ${id}.\n`;
  const all = soaCheck({ 'A.5.6': bare + '    owner: CISO\n    policies: [policies/p.md]\n', 'A.5.1': withEvidence('A.5.1') }, 'implemented:\n  require-all: [evidence]\n').filter((x) => x.data?.id === 'A.5.6');
  assert.deepEqual(codes(all), ['soa/implemented-without-evidence']);
  assert.deepEqual(all[0].data?.missing, ['evidence']);
  assert.match(all[0].message, /A\.5\.6 is marked implemented but has no evidence;/);
});

test('soa/implemented-without-evidence: an SoA that records the field for no implemented control is one finding', () => {
  // Every implemented entry (the helper's 92 plus A.5.6) has an owner but no evidence: the SoA
  // has no place for evidence at all, one cause.
  const text = soaText({ 'A.5.6': '    applicable: true\n    status: implemented\n    reasons: [legal]\n    owner: CISO\n    x-implementation-description: Tickets in the service desk.\n' });
  const { service, uri } = workspaceOf({ 'soa.yaml': text, 'risks.yaml': RISKS, 'isms.config.yaml': 'implemented:\n  require-all: [evidence]\n' });
  const f = service.check(uri('soa.yaml')).filter((x) => x.code === 'soa/implemented-without-evidence');
  assert.equal(f.length, 1);
  assert.equal(f[0].range.start.line, text.split('\n').indexOf('controls:'));
  assert.match(f[0].message, /^None of the 93 controls marked implemented \(A\.5\.1, .* and 85 more\) names evidence: .* If `x-implementation-description` holds it, rename that field/);
  assert.equal(f[0].related?.length, 93);
  assert.equal((f[0].data?.affected as string[]).length, 93);
  assert.match(f[0].related![5].message, /^A\.5\.6: implemented, no evidence$/);
});

test('config: invalid implemented and justification settings are reported and ignored', () => {
  const { service, uri } = workspaceOf({ 'isms.config.yaml': 'implemented:\n  require-all: [evidence, tickets]\n  require-any: [owner]\njustification:\n  max-repeats: 0\n  similarity: 2\n' });
  assert.deepEqual(codes(service.check(uri('isms.config.yaml'))), ['config/invalid', 'config/invalid', 'config/invalid', 'config/invalid']);
});

// ---------------------------------------------------------------------------------------------
// policy/claims-uncited and policy/cites-unclaimed

test('policy/claims-uncited and policy/cites-unclaimed (info): front-matter claims against the body', () => {
  const head = front('controls: [A.5.15, A.5.16, A.8.2]\n');
  const body = '# Access\nAccess follows A.5.15.\n\nIdentity management: every person has exactly one identity.\n\nSign-in uses MFA (A.8.5); see also A.8.5.\n';
  const { findings, text, fixes } = policy(body, head);
  assert.deepEqual(codes(findings), ['policy/claims-uncited', 'policy/cites-unclaimed']);
  const [uncited, unclaimed] = findings;
  assert.equal(uncited.severity, 'info');
  assert.equal(uncited.data?.id, 'A.8.2', 'A.5.16 is addressed by its title words');
  assert.match(uncited.message, /lists A\.8\.2 Privileged access rights, but the policy never cites it or addresses its subject/);
  assert.equal(unclaimed.data?.id, 'A.8.5');
  assert.equal(unclaimed.range.start.line, 14, 'the first citation');
  assert.match(applyEdits(text, fixes(unclaimed)[0].edits), /controls: \[A\.5\.15, A\.5\.16, A\.8\.2, A\.8\.5\]/);
  // A range implies its members; a policy without a controls list claims nothing.
  assert.deepEqual(policy('Access rules: A.5.15-A.5.18.\n', front('controls: [A.5.15, A.5.16, A.5.17, A.5.18]\n')).findings, []);
  assert.deepEqual(policy('Access follows A.5.15 and A.8.5.\n').findings, []);
});

// ---------------------------------------------------------------------------------------------
// soa/stale

test('soa/stale: approved before the latest change to the register or a cited policy', () => {
  const soa = soaText({ 'A.5.15': '    applicable: true\n    status: implemented\n    reasons: [legal]\n    owner: CISO\n    policies: [policies/access.md]\n' }, 'standard: ISO/IEC 27001:2022\napproved-on: 2026-10-01\nrisk-register: risks.yaml\n');
  const setup = (times: Record<string, string>) => {
    const w = workspaceOf({ 'soa.yaml': soa, 'risks.yaml': RISKS, 'policies/access.md': FRONT + 'Access follows A.5.15.\n' });
    for (const [p, t] of Object.entries(times)) w.ws.setModified(w.uri(p), t);
    return w.service.check(w.uri('soa.yaml'));
  };
  const f = setup({ 'soa.yaml': '2026-10-01T09:00:00Z', 'risks.yaml': '2026-11-10T08:00:00Z', 'policies/access.md': '2026-10-20T10:00:00+01:00' });
  assert.deepEqual(codes(f), ['soa/stale']);
  assert.equal(f[0].range.start.line, 1, 'on approved-on');
  assert.match(f[0].message, /approved on 2026-10-01, but the risk register and a cited policy have changed since: risks\.yaml \(2026-11-10\), policies\/access\.md \(2026-10-20\)/);
  assert.deepEqual(f[0].data?.changed, [{ path: 'risks.yaml', modified: '2026-11-10' }, { path: 'policies/access.md', modified: '2026-10-20' }]);
  // Silent: no times, changes on or before the approval day, or a checkout that wrote everything at once.
  assert.deepEqual(setup({}), []);
  assert.deepEqual(setup({ 'soa.yaml': '2026-09-30T09:00:00Z', 'risks.yaml': '2026-10-01T17:00:00Z', 'policies/access.md': '2026-09-01T10:00:00Z' }), []);
  const checkout = '2026-11-22T00:15:22.000Z';
  assert.deepEqual(setup({ 'soa.yaml': checkout, 'risks.yaml': '2026-11-22T00:15:23.500Z', 'policies/access.md': '2026-11-22T00:15:22.900Z' }), []);
  // The SoA saved after the change is taken as reviewed with it.
  assert.deepEqual(setup({ 'soa.yaml': '2026-11-12T09:00:00Z', 'risks.yaml': '2026-11-10T08:00:00Z' }), []);
});
