// Diagnostics: opening the example workspace is enough for all eight deliberate mistakes of
// examples/acme-isms to appear, each in the right file, on the right line, with the right code.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, EXPECTED, EXTENSION_ID, file, ourDiagnostics, SOURCE, untilDiagnostics } from './helpers';

describe('the extension under test', () => {
  it('is the development build the runner asked for, and active', async () => {
    await activate();
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext?.isActive);
    // The runners name the folder they loaded as the development extension; an installed copy
    // of the same ID must not stand in for it.
    const expected = process.env.ISMS_EDITOR_EXTENSION_PATH;
    if (expected) assert.equal(ext.extensionPath, expected);
  });
});

describe('diagnostics', () => {
  before(async () => { await activate(); });

  it('reports exactly the eight deliberate mistakes of the example workspace', async () => {
    const want = [...EXPECTED].sort();
    // The server publishes file by file: wait for the full set, then compare (a timeout reports
    // what was there instead).
    const got = await untilDiagnostics(
      () => { const now = ourDiagnostics(); return JSON.stringify(now) === JSON.stringify(want) ? now : undefined; },
      () => `expected ${JSON.stringify(want)}, have ${JSON.stringify(ourDiagnostics())}`,
      90_000,
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
