import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codes, RISKS, soaText, workspaceOf } from '../helpers';

const FRONT = `---
title: Access Control Policy
owner: Head of IT
approved-by: CEO
version: "2.1"
effective: 2026-01-15
next-review: 2027-01-15
---
`;
// No `controls:` list: these tests are about other rules; claims are tested in contentRules.test.ts.

const policy = (body: string, front = FRONT, soa = soaText()) => {
  const { service, uri } = workspaceOf({ 'soa.yaml': soa, 'risks.yaml': RISKS, 'policies/p.md': front + body });
  return service.check(uri('policies/p.md'));
};

test('a good policy is clean', () => {
  assert.deepEqual(policy('# Access\nLeast privilege (A.8.2) and access control A.5.15.\n'), []);
});

test('ref/legacy-control with successors, ref/unknown-control with suggestions, code ignored', () => {
  const f = policy('# Access\nReview rights per A.9.2.5 and A.8.35 secure development.\n\n```\nA.9.9.9 A.7.77\n```\n\nInline `A.6.99` too.\n');
  assert.deepEqual(codes(f), ['ref/legacy-control', 'ref/unknown-control']);
  assert.deepEqual(f[0].data?.successors, ['A.5.18']);
  assert.equal((f[1].data?.suggestions as string[])[0], 'A.8.25', 'the title words nearby rank A.8.25 first');
});

test('policy/missing-metadata, configurable', () => {
  const f = policy('# x\n', '---\ntitle: X\n---\n');
  assert.deepEqual(codes(f), ['policy/missing-metadata']);
  assert.deepEqual(f[0].data?.missing, ['owner', 'approved-by', 'version', 'effective', 'next-review']);
  assert.deepEqual(codes(policy('# x\n', '')), ['policy/missing-metadata']);
  const { service, uri } = workspaceOf({ 'isms.config.yaml': 'policy:\n  required-metadata: [title]\n', 'policies/p.md': '---\ntitle: X\n---\n' });
  assert.deepEqual(service.check(uri('policies/p.md')), []);
});

test('policy/review-overdue uses the injected date', () => {
  const f = policy('# x\n', FRONT.replace('2027-01-15', '2026-06-30'));
  assert.deepEqual(codes(f), ['policy/review-overdue']);
  assert.equal(f[0].data?.due, '2026-06-30');
});

test('policy/excluded-control-cited', () => {
  const soa = soaText({ 'A.7.4': '    applicable: false\n    justification: No premises of our own; staff work from home offices.\n' });
  assert.deepEqual(codes(policy('CCTV monitoring (A.7.4) is used.\n', FRONT, soa)), ['policy/excluded-control-cited']);
});

test('unterminated front matter is reported, not a crash', () => {
  const f = policy('# body\n', '---\ntitle: X\n');
  assert.ok(codes(f).includes('file/syntax'));
});

test('risk rules: untreated, excluded control, invalid values, duplicates, unknown and legacy IDs', () => {
  const soa = soaText({ 'A.7.4': '    applicable: false\n    justification: No premises of our own; staff work from home offices.\n' });
  const risks = `risks:
  R-001:
    title: A
    likelihood: 7
    impact: 3
    treatment: mitigate
    controls: []
  R-002:
    title: B
    likelihood: 2
    impact: 2
    treatment: mitgate
    controls: [A.7.4, A.9.2.3, A.5.99]
  R-002:
    title: C
    treatment: accept
`;
  const { service, uri } = workspaceOf({ 'soa.yaml': soa, 'risks.yaml': risks });
  assert.deepEqual(codes(service.check(uri('risks.yaml'))), ['risk/invalid-value', 'risk/untreated', 'risk/invalid-value', 'risk/excluded-control', 'ref/legacy-control', 'ref/unknown-control', 'risk/duplicate-risk']);
});

test('binary and oversized files are skipped with a message', () => {
  const { service, uri } = workspaceOf({ 'policies/b.md': 'abc\u0000def', 'isms.config.yaml': 'limits:\n  max-file-size: 100\n', 'policies/big.md': 'x'.repeat(200) });
  assert.deepEqual(codes(service.check(uri('policies/b.md'))), ['file/too-large']);
  assert.deepEqual(codes(service.check(uri('policies/big.md'))), ['file/too-large']);
});

test('config/invalid for unknown settings', () => {
  const { service, uri } = workspaceOf({ 'isms.config.yaml': 'polices: [x]\nseverity:\n  soa/nope: error\n' });
  assert.deepEqual(codes(service.check(uri('isms.config.yaml'))), ['config/invalid', 'config/invalid']);
});

test('multi-root: each document is checked against the SoA of its own scope', () => {
  const excl = '    applicable: false\n    justification: No premises of our own; staff work from home offices.\n';
  const { service, ws } = workspaceOf({});
  ws.setFolders(['file:///a', 'file:///b']);
  ws.set('file:///a/soa.yaml', soaText({ 'A.7.4': excl }));
  ws.set('file:///b/soa.yaml', soaText());
  ws.set('file:///a/policies/p.md', FRONT + 'CCTV (A.7.4)\n');
  ws.set('file:///b/policies/p.md', FRONT + 'CCTV (A.7.4)\n');
  assert.deepEqual(codes(service.check('file:///a/policies/p.md')), ['policy/excluded-control-cited']);
  assert.deepEqual(codes(service.check('file:///b/policies/p.md')), []);
});
