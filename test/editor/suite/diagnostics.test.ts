// Diagnostics: opening the example workspace is enough for all eight deliberate mistakes of
// examples/acme-isms to appear, each in the right file, on the right line, with the right code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, EXPECTED, file, ourDiagnostics, SOURCE, untilDiagnostics } from './helpers';

describe('diagnostics', () => {
  before(async () => { await activate(); });

  it('reports exactly the eight deliberate mistakes of the example workspace', async () => {
    const want = [...EXPECTED].sort();
    const got = await untilDiagnostics(
      () => { const now = ourDiagnostics(); return now.length >= want.length ? now : undefined; },
      () => `expected ${want.length} diagnostics, have ${JSON.stringify(ourDiagnostics())}`,
    );
    assert.deepEqual(got, want);
  });

  it('gives errors and warnings their severities and readable messages', () => {
    const soa = vscode.languages.getDiagnostics(file('soa.yaml')).filter((d) => d.source === SOURCE);
    const excluded = soa.find((d) => codeOf(d) === 'soa/excluded-without-justification');
    assert.ok(excluded, 'soa/excluded-without-justification on soa.yaml');
    assert.equal(excluded.severity, vscode.DiagnosticSeverity.Error);
    assert.match(excluded.message, /"N\/A" is a placeholder/);
    const legacy = vscode.languages.getDiagnostics(file('policies/access-control.md')).find((d) => codeOf(d) === 'ref/legacy-control');
    assert.ok(legacy, 'ref/legacy-control on policies/access-control.md');
    assert.equal(legacy.severity, vscode.DiagnosticSeverity.Warning);
    assert.match(legacy.message, /A\.9\.2\.3.*successor is A\.8\.2/);
  });
});
