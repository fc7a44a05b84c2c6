// The server's life cycle when its client goes away without saying goodbye: it must exit rather
// than linger as an orphan holding a workspace in memory.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { EXAMPLE, fileUri, TestClient } from './lspClient';

const exitOf = (client: TestClient) => new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
  if (client.child.exitCode !== null || client.child.signalCode !== null) resolve({ code: client.child.exitCode, signal: client.child.signalCode });
  else client.child.once('exit', (code, signal) => resolve({ code, signal }));
});

test('exits when the client closes the connection without shutdown', async () => {
  const client = new TestClient();
  await client.initialize(EXAMPLE, {});
  await client.until(() => client.diagnostics.size > 0);
  const exited = exitOf(client);
  client.child.stdin!.end();
  const { signal } = await exited;
  assert.equal(signal, null, 'it exits by itself, it is not killed');
  client.conn.dispose();
});

test('exits when the client process named in initialize dies', async () => {
  // A stand-in for the editor: a process that stays alive until we kill it.
  const editor = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  const client = new TestClient();
  await client.conn.sendRequest('initialize', { processId: editor.pid, rootUri: fileUri(EXAMPLE), workspaceFolders: [{ uri: fileUri(EXAMPLE), name: 'ws' }], capabilities: {} });
  await client.conn.sendNotification('initialized', {});
  await client.until(() => client.diagnostics.size > 0);
  const exited = exitOf(client);
  editor.kill('SIGKILL');
  const { signal } = await exited;
  assert.equal(signal, null, 'it exits by itself once it notices');
  client.conn.dispose();
});

test('answers shutdown and exits with code 0 on exit', async () => {
  const client = new TestClient();
  await client.initialize(EXAMPLE, {});
  assert.equal(await client.shutdown(), 0);
});
