// The controls overview marks the controls with warnings, which the "needing attention" filter of
// the controls view shows: applicable without a risk is one, applicable for a legal reason is not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { controlsOverview } from '../../server/src/core/overview';
import { RISKS, ROOT, soaText, TODAY, workspaceOf } from '../helpers';

test('hasWarnings follows the diagnostics about a control, including severity settings', () => {
  const soa = soaText({
    'A.5.6': '    applicable: true\n    status: implemented\n    owner: CISO\n',
    'A.5.7': '    applicable: true\n    status: implemented\n    reasons: [legal]\n    owner: CISO\n',
  });
  const control = (files: Record<string, string>, id: string) => {
    const { ws } = workspaceOf(files);
    return controlsOverview(ws, `${ROOT}/soa.yaml`, TODAY).scopes[0].controls.find((c) => c.id === id)!;
  };
  const files = { 'soa.yaml': soa, 'risks.yaml': RISKS };
  assert.equal(control(files, 'A.5.6').hasWarnings, true, 'applicable, no risk, no other reason');
  assert.equal(control(files, 'A.5.6').hasErrors, false);
  assert.equal(control(files, 'A.5.7').hasWarnings, false, 'applicable for a legal reason');
  const quiet = { ...files, 'isms.config.yaml': 'severity:\n  soa/applicable-without-risk: off\n' };
  assert.equal(control(quiet, 'A.5.6').hasWarnings, false, 'a code turned off does not count');
});

test('a finding reported once for many entries marks each affected control, and hover keeps the per-entry facts', () => {
  // No risk register: one soa/applicable-without-risk on `controls:` for both entries.
  const soa = soaText({
    'A.5.6': '    applicable: true\n    status: planned\n    justification: Selected in the 2026 risk assessment.\n',
    'A.5.7': '    applicable: true\n    status: planned\n    justification: Selected in the 2026 risk assessment.\n',
  }, 'standard: ISO/IEC 27001:2022\n');
  const { ws, service, uri } = workspaceOf({ 'soa.yaml': soa });
  const findings = service.check(uri('soa.yaml')).filter((f) => f.code === 'soa/applicable-without-risk');
  assert.equal(findings.length, 1);
  assert.equal(findings[0].data?.id, undefined);
  const controls = controlsOverview(ws, `${ROOT}/soa.yaml`, TODAY).scopes[0].controls;
  assert.deepEqual(controls.filter((c) => c.hasWarnings).map((c) => c.id), ['A.5.6', 'A.5.7']);
  const line = soa.split('\n').indexOf('  A.5.6:');
  const h = service.hover(uri('soa.yaml'), { line, character: 4 })!.markdown;
  assert.match(h, /No risk linked and no other reason recorded \(there is no risk register in this scope\)\./);
  assert.match(h, /Justification: Selected in the 2026 risk assessment\. _\(the same text as 1 other control: A\.5\.7\)_/);
});

test('a risk register that lists no risk yet is one cause too; with risks, each untraced control is its own finding', () => {
  const bare = { 'A.5.6': '    applicable: true\n    status: planned\n', 'A.5.7': '    applicable: true\n    status: planned\n' };
  const check = (risks: string) => {
    const { service, uri } = workspaceOf({ 'soa.yaml': soaText(bare), 'risks.yaml': risks });
    return service.check(uri('soa.yaml')).filter((f) => f.code === 'soa/applicable-without-risk');
  };
  const empty = check('risks: {}\n');
  assert.equal(empty.length, 1);
  assert.match(empty[0].message, /^The risk register \(risks\.yaml\) lists no risk yet, so 2 applicable controls trace to no risk/);
  assert.deepEqual(check(RISKS).map((f) => f.data?.id), ['A.5.6', 'A.5.7']);
});
