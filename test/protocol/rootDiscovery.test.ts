// Editors that guess the workspace root: eglot outside a Git repository roots the server at the
// policy's own folder, where there is no SoA. The server looks upward from the opened document
// for the nearest isms.config.yaml or SoA and checks the document in that scope.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { EXAMPLE, fileUri, TestClient } from './lspClient';

/** A copy of the example outside any Git repository, with A.5.15 excluded so that the access
 * control policy gets a finding only its SoA can give. */
function exampleCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'isms-root-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  const soaFile = path.join(dir, 'soa.yaml');
  const soa = readFileSync(soaFile, 'utf8');
  const edited = soa.replace(/  A\.5\.15:\n(    .*\n)+/, '  A.5.15:\n    applicable: false\n    justification: Excluded in this copy so that the policy citing it gets a finding.\n');
  assert.notEqual(edited, soa);
  writeFileSync(soaFile, edited);
  return dir;
}

async function openPolicyWithRoot(root: (dir: string) => string) {
  const dir = exampleCopy();
  const client = new TestClient();
  await client.initialize(root(dir), {});
  const policy = path.join(dir, 'policies/access-control.md');
  const uri = fileUri(policy);
  await client.open(uri, readFileSync(policy, 'utf8'));
  return { dir, client, uri, soaUri: fileUri(path.join(dir, 'soa.yaml')), text: readFileSync(policy, 'utf8') };
}

test('workspace root = the policy\'s folder, SoA one level up: the policy is checked against that SoA', async () => {
  const { dir, client, uri, soaUri, text } = await openPolicyWithRoot((d) => path.join(d, 'policies'));
  try {
    await client.until(() => client.codes(uri).includes('policy/excluded-control-cited') && client.codes(soaUri).length > 0);
    assert.deepEqual(client.codes(uri).sort(), ['policy/excluded-control-cited', 'ref/legacy-control']);
    // The SoA above the root is loaded and checked like a workspace file.
    assert.deepEqual(client.codes(soaUri).sort(), ['ref/missing-file', 'ref/unknown-risk', 'soa/applicable-without-risk', 'soa/excluded-without-justification']);
    const line = text.split('\n').findIndex((l) => l.includes('implements A.5.15'));
    const hover = await client.request<{ contents: { value: string } }>('textDocument/hover', { textDocument: { uri }, position: { line, character: text.split('\n')[line].indexOf('A.5.15') + 2 } });
    assert.match(hover.contents.value, /Excluded in this copy/, 'the hover shows the entry of the SoA found above');
    assert.match(client.log, /using file:\/\/.*isms-root-[^/\s]+,/);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a document outside every workspace folder is checked in the scope found above it', async () => {
  const unrelated = mkdtempSync(path.join(tmpdir(), 'isms-unrelated-'));
  const { dir, client, uri } = await openPolicyWithRoot(() => unrelated);
  try {
    await client.until(() => client.codes(uri).includes('policy/excluded-control-cited'));
    assert.deepEqual(client.codes(uri).sort(), ['policy/excluded-control-cited', 'ref/legacy-control']);
  } finally {
    await client.shutdown();
    rmSync(dir, { recursive: true, force: true });
    rmSync(unrelated, { recursive: true, force: true });
  }
});
