// server/src/host/gitTimes.ts: commit times from one `git log` call, parsed without running git
// (the runner is injected), and handed to the workspace for soa/stale.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { applyGitTimes, GIT_LOG_ARGS, parseGitLog, type RunGit } from '../../server/src/host/gitTimes';
import { Workspace } from '../../server/src/core/workspace';

const LOG = [
  '\u001e2026-11-20T10:00:00+01:00', '', 'policies/a.md', 'soa.yaml',
  '\u001e2026-11-01T09:00:00Z', '', 'policies/a.md', 'risks.yaml', '"policies/\\303\\244 \\"q\\".md"',
  '\u001e2026-10-01T09:00:00Z', '', 'old/gone.md', '',
].join('\n');

test('parseGitLog: newest commit time per path, quoted paths unquoted', () => {
  const times = parseGitLog(LOG);
  assert.equal(times.get('policies/a.md'), '2026-11-20T10:00:00+01:00');
  assert.equal(times.get('soa.yaml'), '2026-11-20T10:00:00+01:00');
  assert.equal(times.get('risks.yaml'), '2026-11-01T09:00:00Z');
  assert.equal(times.get('policies/ä "q".md'), '2026-11-01T09:00:00Z');
  assert.equal(times.size, 5);
  assert.equal(parseGitLog('').size, 0);
  assert.equal(parseGitLog('fatal: not a git repository').size, 0);
});

test('applyGitTimes: one git call for the folder; times only for files the workspace has', async () => {
  const folder = path.resolve('/tmp/isms-git-times');
  const calls: { args: string[]; cwd: string }[] = [];
  const run: RunGit = async (args, cwd) => { calls.push({ args, cwd }); return LOG; };
  const ws = new Workspace();
  const uri = (rel: string) => pathToFileURL(path.join(folder, rel)).toString();
  ws.set(uri('soa.yaml'), 'controls: {}\n');
  ws.set(uri('policies/a.md'), '# A\n');
  ws.setModified(uri('policies/a.md'), '2026-11-22T00:15:22.000Z');
  assert.equal(await applyGitTimes(ws, folder, run), 2);
  assert.deepEqual(calls, [{ args: GIT_LOG_ARGS, cwd: folder }]);
  assert.equal(ws.modified(uri('policies/a.md')), '2026-11-20T10:00:00+01:00', 'the commit time replaces the checkout time');
  assert.equal(ws.modified(uri('risks.yaml')), undefined, 'not in the workspace');
  // No git, or not a repository: nothing changes.
  assert.equal(await applyGitTimes(ws, folder, async () => undefined), 0);
  assert.equal(ws.modified(uri('policies/a.md')), '2026-11-20T10:00:00+01:00');
});
