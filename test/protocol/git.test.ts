// The server and Git: policy/version-not-bumped needs the committed text of each policy, which
// the server reads only when the client allows it (VS Code: a trusted workspace), and reads as
// soon as the client says trust was granted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile, rm, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { acmeRepository } from '../gitFixture';
import { fileUri, TestClient } from './lspClient';

let repo: string;
let policyUri: string;
const CODE = 'policy/version-not-bumped';

before(async () => {
  repo = await acmeRepository('isms-lsp-git-');
  const file = path.join(repo, 'policies/incident-response.md');
  await writeFile(file, (await readFile(file, 'utf8')).replace('## ', 'An added sentence.\n\n## '));
  policyUri = fileUri(file);
});
after(async () => { await rm(repo, { recursive: true, force: true }); });

test('in an untrusted workspace (git: false) the rule is silent until the client grants trust', async () => {
  const client = new TestClient();
  await client.initialize(repo, {}, { git: false });
  await client.until(() => client.diagnostics.has(policyUri));
  assert.ok(!client.codes(policyUri).includes(CODE), 'no Git read before trust');
  await client.conn.sendNotification('isms/gitAllowed');
  await client.until(() => client.codes(policyUri).includes(CODE));
  await client.shutdown();
});

test('other editors (no initialization option) get the rule', async () => {
  const client = new TestClient();
  await client.initialize(repo, {});
  await client.until(() => client.codes(policyUri).includes(CODE));
  const d = client.diagnostics.get(policyUri)!.find((x) => x.code === CODE)!;
  assert.equal(d.severity, 2);
  await client.shutdown();
});
