// Which files a given file can cause findings in (for `check` given single files), and which of
// their findings those are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossFileDependents } from '../../server/src/core/dependents';
import { computeFindings, indexFor } from '../../server/src/core/diagnostics';
import type { Finding } from '../../server/src/core/types';
import { RISKS, soaText, workspaceOf } from '../helpers';

const FRONT = '---\ntitle: P\nowner: O\napproved-by: A\nversion: "1"\neffective: 2026-01-01\nnext-review: 2020-01-01\ncontrols: [A.5.15]\n---\n';
const finding = (code: string, data?: Record<string, unknown>): Finding => ({ code, data, severity: 'error', message: '', uri: '', range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } });

function setup() {
  return workspaceOf({
    'isms.config.yaml': '{}\n',
    'soa.yaml': soaText({ 'A.5.15': '    applicable: false\n    justification: We hold no information and grant nobody access at all.\n' }),
    'risks.yaml': RISKS,
    'policies/p.md': FRONT + 'Access control A.5.15.\n',
    'notes/n.md': 'A.5.15 is cited here too.\n',
  });
}

test('an SoA: the policies and registers it governs, for excluded-control findings only', () => {
  const { ws, uri } = setup();
  const deps = crossFileDependents(indexFor(ws, uri('soa.yaml')), uri('soa.yaml'));
  assert.deepEqual(deps.map((d) => d.uri).sort(), [uri('policies/p.md'), uri('risks.yaml')]);
  const policy = deps.find((d) => d.uri === uri('policies/p.md'))!;
  const found = computeFindings(ws, policy.uri, { today: '2026-11-22' });
  assert.deepEqual(found.filter(policy.caused).map((f) => f.code), ['policy/excluded-control-cited']);
  assert.ok(found.some((f) => f.code === 'policy/review-overdue'), 'the policy has its own finding, which the SoA did not cause');
  assert.deepEqual(computeFindings(ws, uri('risks.yaml')).filter(deps.find((d) => d.uri === uri('risks.yaml'))!.caused).map((f) => f.code), ['risk/excluded-control']);
});

test('a register: the SoA that names it, for risk links, staleness and its own path', () => {
  const { ws, uri } = setup();
  const [soa, ...rest] = crossFileDependents(indexFor(ws, uri('risks.yaml')), uri('risks.yaml'));
  assert.equal(rest.length, 0);
  assert.equal(soa.uri, uri('soa.yaml'));
  assert.ok(soa.caused(finding('ref/unknown-risk')) && soa.caused(finding('soa/applicable-without-risk')) && soa.caused(finding('soa/stale')));
  assert.ok(soa.caused(finding('ref/missing-file', { path: 'risks.yaml' })));
  assert.ok(!soa.caused(finding('ref/missing-file', { path: 'policies/gone.md' })), 'a missing policy is not the register\'s doing');
  assert.ok(!soa.caused(finding('soa/excluded-without-justification')));
});

test('a policy: its SoA, for staleness only; any Markdown file; the configuration: everything', () => {
  const { ws, uri } = setup();
  const [soa] = crossFileDependents(indexFor(ws, uri('policies/p.md')), uri('policies/p.md'));
  assert.equal(soa.uri, uri('soa.yaml'));
  assert.ok(soa.caused(finding('soa/stale')) && !soa.caused(finding('ref/unknown-risk')));
  const all = crossFileDependents(indexFor(ws, uri('isms.config.yaml')), uri('isms.config.yaml'));
  assert.deepEqual(all.map((d) => d.uri).sort(), ['notes/n.md', 'policies/p.md', 'risks.yaml', 'soa.yaml'].map(uri));
  assert.ok(all.every((d) => d.caused(finding('soa/undecided'))));
});
