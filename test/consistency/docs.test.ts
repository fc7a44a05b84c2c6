// Documentation stays honest: the README's defaults and codes equal the code's, the client's
// protocol mirror equals the server's, and the manifest points at files that exist.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { defaultsByKey } from './defaultsByKey';
import { DIAGNOSTICS } from '../../server/src/core/codes';

const readme = readFileSync('README.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

function tableRows(heading: string): string[][] {
  const section = readme.split(heading)[1].split('\n## ')[0];
  return section.split('\n').filter((l) => l.startsWith('| `')).map((l) => l.split('|').slice(1, -1).map((c) => c.trim()));
}

test('README configuration defaults equal DEFAULT_CONFIG', () => {
  const documented = Object.fromEntries(tableRows('## Configuration').map(([k, v]) => [k.replace(/`/g, ''), parse(v.replace(/`/g, ''))]));
  assert.deepEqual(documented, defaultsByKey());
});

test('README diagnostic codes and default severities equal the code', () => {
  const documented = Object.fromEntries(tableRows('## Diagnostic codes').map(([code, severity]) => [code.replace(/`/g, ''), severity]));
  assert.deepEqual(documented, Object.fromEntries(Object.entries(DIAGNOSTICS).map(([code, d]) => [code, d.severity])));
});

test('the client mirrors the server protocol exactly', () => {
  const strip = (f: string) => readFileSync(f, 'utf8').split('\n').filter((l) => !l.startsWith('//') || l.startsWith('//#')).join('\n').trim();
  assert.equal(strip('client/src/protocol.ts'), strip('server/src/lsp/protocol.ts'));
});

test('the manifest points at files that exist, and every command has the one category', () => {
  for (const g of pkg.contributes.grammars) assert.ok(existsSync(g.path), g.path);
  for (const s of pkg.contributes.snippets) assert.ok(existsSync(s.path), s.path);
  for (const c of pkg.contributes.commands) assert.equal(c.category, 'ISMS', c.command);
  // Restricted Mode turns off what runs Git; the description says what that is.
  assert.equal(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.match(pkg.capabilities.untrustedWorkspaces.description, /policy\/version-not-bumped/);
  assert.match(pkg.capabilities.untrustedWorkspaces.description, /Publish Site/);
});

test('docs/architecture.md names only files and folders that exist, and the README links it', () => {
  const doc = readFileSync('docs/architecture.md', 'utf8');
  const roots = /^(client|server|common|catalogue|scripts|test|docs|bench|examples)\//;
  const walk = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? [`${dir}/${e.name}`, ...walk(`${dir}/${e.name}`)] : [`${dir}/${e.name}`]));
  const sourcePaths = [...walk('server/src'), ...walk('client/src')];
  // Paths in backticks, and the core's files named in its tables relative to server/src/core.
  const named = [...doc.matchAll(/`([\w./-]+\.(?:ts|mjs|json|yaml|md|csv)|[\w./-]+\/)`/g)].map((m) => m[1]);
  const missing = named.filter((p) => {
    if (p.startsWith('../') || p.startsWith('dist/') || p.startsWith('~')) return false;
    if (roots.test(p)) return !existsSync(p);
    // A name relative to some folder of the sources: it must end one of their paths.
    if (/\.ts$/.test(p) || /^(rules|features|import|assistant|site)\//.test(p)) return !sourcePaths.some((f) => f === p || f.endsWith(`/${p.replace(/\/$/, '')}`) || f.includes(`/${p}`));
    return false;
  });
  assert.deepEqual(missing, [], 'docs/architecture.md names files that do not exist');
  assert.ok(named.length > 40, 'the architecture document names the files it describes');
  assert.match(readme, /docs\/architecture\.md/);
  assert.doesNotMatch(readme, /DESIGN\.md/, 'the README must not point to a design document outside the repository');
});
