// Progress while the server reads and checks a large workspace: window/workDoneProgress when the
// client supports it, isms/progress when it asks for it, nothing when it does neither.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, test } from 'node:test';
import { TestClient } from './lspClient';

const POLICIES = 300;
let root: string;

before(() => {
  root = mkdtempSync(path.join(tmpdir(), 'isms-progress-'));
  writeFileSync(path.join(root, 'soa.yaml'), 'controls:\n  A.5.15:\n    applicable: true\n    status: implemented\n    reasons: [business]\n');
  mkdirSync(path.join(root, 'policies'));
  for (let i = 0; i < POLICIES; i++) {
    writeFileSync(path.join(root, 'policies', `p${String(i).padStart(3, '0')}.md`), `# Policy ${i}\n\nAccess follows A.5.15 and the 2013 control A.9.2.3.\n`);
  }
});
after(() => rmSync(root, { recursive: true, force: true }));

type ProgressValue = { kind: 'begin' | 'report' | 'end'; title?: string; message?: string; percentage?: number };

test('a client with workDoneProgress and progressNotifications sees reading and checking counts, then the end', async () => {
  const client = new TestClient();
  try {
    await client.initialize(root, { window: { workDoneProgress: true } }, { progressNotifications: true });
    const ours = () => client.notifications.filter((n) => n.method === 'isms/progress').map((n) => n.params as { message?: string; percentage?: number });
    await client.until(() => { const o = ours(); return o.some((p) => p.message?.startsWith('Checking')) && o.at(-1)?.message === undefined; });
    const created = client.requests.filter((r) => r.method === 'window/workDoneProgress/create');
    assert.equal(created.length, 1, 'one progress for the workspace');
    const token = (created[0].params as { token: string | number }).token;
    const values = () => client.notifications.filter((n) => n.method === '$/progress' && (n.params as { token: unknown }).token === token).map((n) => (n.params as { value: ProgressValue }).value);
    await client.until(() => values().some((v) => v.kind === 'end'));
    const v = values();
    assert.equal(v[0].kind, 'begin');
    assert.equal(v[0].title, 'ISMS Author');
    assert.equal(v.at(-1)!.kind, 'end');
    const messages = v.map((x) => x.message).filter((m): m is string => !!m);
    assert.ok(messages.some((m) => /^Reading \d+ of \d+ files$/.test(m)), messages.join('\n'));
    const total = POLICIES + 1;
    assert.ok(messages.includes(`Checking ${total} of ${total} files`), messages.join('\n'));
    const percentages = v.filter((x) => x.kind === 'report').map((x) => x.percentage!);
    assert.deepEqual(percentages, [...percentages].sort((a, b) => a - b), 'percentages only grow');
    assert.ok(percentages.length <= 110, `throttled to percentage steps: ${percentages.length} reports`);
    assert.deepEqual(ours().map((p) => p.message).filter(Boolean), messages.slice(messages.length - ours().filter((p) => p.message).length), 'isms/progress carries the same text');
    // And the checks themselves ran: every policy got its finding.
    await client.until(() => [...client.diagnostics.values()].filter((d) => d.some((x) => x.code === 'ref/legacy-control')).length === POLICIES);
  } finally {
    await client.shutdown();
  }
});

test('a client that supports neither gets no progress at all', async () => {
  const client = new TestClient();
  try {
    await client.initialize(root, {});
    await client.until(() => [...client.diagnostics.values()].filter((d) => d.some((x) => x.code === 'ref/legacy-control')).length === POLICIES);
    await client.request('workspace/symbol', { query: 'A.5.15' }); // answered once loading is done
    assert.equal(client.requests.filter((r) => r.method === 'window/workDoneProgress/create').length, 0);
    assert.equal(client.notifications.filter((n) => n.method === 'isms/progress' || n.method === '$/progress').length, 0);
  } finally {
    await client.shutdown();
  }
});
