// Bundles the CLI and stamps it with a hash of itself: the first pass builds in memory with a
// placeholder, the hash of that output (all of the CLI's code and the catalogue JSON it embeds)
// becomes __ISMS_BUILD_HASH__ in the second pass. The check cache keys on it, so a build whose
// rules or catalogue differ in any way never reads another build's findings.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The version in package.json, as esbuild `define` values for every bundle. */
export const versionDefine = () => ({ __ISMS_VERSION__: JSON.stringify(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version) });

/**
 * Commands whose libraries (exceljs, unified, the MCP SDK) `check` never needs: main.ts imports
 * them with `await import()`, and each becomes a bundle of its own beside cli.js, so a pre-commit
 * `check` does not load and compile them. Import path in main.ts -> bundle name.
 */
export const LAZY_COMMANDS = { './tableCommands': 'cli-tables', './publish': 'cli-publish', '../mcp/server': 'cli-mcp' };

const lazyCommands = {
  name: 'lazy-commands',
  setup(b) {
    b.onResolve({ filter: /^\.{1,2}\// }, (a) => (a.kind === 'dynamic-import' && LAZY_COMMANDS[a.path] ? { path: `./${LAZY_COMMANDS[a.path]}.js`, external: true } : undefined));
  },
};

/**
 * Builds server/src/cli/main.ts into `outfile` and returns the build hash it carries, and the lazy
 * command bundles beside it. `options` are passed to esbuild (tests add a plugin here to build a
 * deliberately different CLI).
 */
export async function bundleCli(outfile, options = {}) {
  const config = {
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', legalComments: 'none',
    absWorkingDir: root, entryPoints: ['server/src/cli/main.ts'], outfile, banner: { js: '#!/usr/bin/env node' },
    ...options,
    plugins: [lazyCommands, ...(options.plugins ?? [])],
  };
  const sources = { './tableCommands': 'server/src/cli/tableCommands.ts', './publish': 'server/src/cli/publish.ts', '../mcp/server': 'server/src/mcp/server.ts' };
  await Promise.all(Object.entries(LAZY_COMMANDS).map(([from, name]) => build({
    ...config, banner: undefined, entryPoints: [sources[from]], outfile: join(dirname(outfile), `${name}.js`), define: { ...versionDefine(), ...options.define },
  })));
  const define = { ...versionDefine(), ...options.define };
  const probe = await build({ ...config, write: false, define: { ...define, __ISMS_BUILD_HASH__: '"unstamped"' } });
  const js = probe.outputFiles.find((f) => f.path.endsWith('.js'));
  const hash = createHash('sha256').update(js.contents).digest('hex').slice(0, 32);
  await build({ ...config, define: { ...define, __ISMS_BUILD_HASH__: JSON.stringify(hash) } });
  chmodSync(outfile, 0o755);
  return hash;
}
