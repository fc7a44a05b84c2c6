// The check cache key (server/src/cli/cache.ts): everything the findings depend on changes it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cacheKey } from '../../server/src/cli/cache';
import { Workspace } from '../../server/src/core/workspace';

function workspace(edit: (ws: Workspace) => void = () => {}): Workspace {
  const ws = new Workspace();
  ws.setFolders(['file:///ws']);
  ws.set('file:///ws/soa.yaml', 'controls: {}\n');
  ws.set('file:///ws/isms.config.yaml', 'severity: {}\n');
  ws.setModified('file:///ws/soa.yaml', '2026-01-01T00:00:00Z');
  ws.markExists('file:///ws/policies/security.pdf');
  edit(ws);
  return ws;
}

const key = (ws: Workspace, parts = ['2026-11-22', 'file:///ws'], build = 'build-a') => cacheKey(ws, parts, build);

test('code without a build hash (these sources, run by tsx) caches nothing', () => {
  assert.equal(cacheKey(workspace(), ['2026-11-22', 'file:///ws']), undefined);
});

test('the key changes with the build, a text, a time, the configuration, a listed file, the date and the targets', () => {
  const base = key(workspace());
  assert.equal(key(workspace()), base, 'the same inputs give the same key');
  const variants: [string, string | undefined][] = [
    ['another build', key(workspace(), undefined, 'build-b')],
    ['an edited SoA', key(workspace((ws) => ws.set('file:///ws/soa.yaml', 'controls: {A.5.1: {}}\n')))],
    ['a new commit time', key(workspace((ws) => ws.setModified('file:///ws/soa.yaml', '2026-02-01T00:00:00Z')))],
    ['another configuration', key(workspace((ws) => ws.set('file:///ws/isms.config.yaml', 'severity: {soa/stale: off}\n')))],
    ['a deleted PDF', key(workspace((ws) => ws.markExists('file:///ws/policies/security.pdf', false)))],
    ['another date', key(workspace(), ['2026-11-23', 'file:///ws'])],
    ['other targets', key(workspace(), ['2026-11-22', 'file:///ws/policies'])],
  ];
  for (const [what, k] of variants) assert.notEqual(k, base, what);
  assert.equal(new Set(variants.map(([, k]) => k)).size, variants.length, 'every variant has a key of its own');
});
