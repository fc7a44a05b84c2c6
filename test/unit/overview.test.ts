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
