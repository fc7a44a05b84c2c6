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
 * Builds server/src/cli/main.ts into `outfile` and returns the build hash it carries. `options`
 * are passed to esbuild (tests add a plugin here to build a deliberately different CLI).
 */
export async function bundleCli(outfile, options = {}) {
  const config = {
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning', legalComments: 'none',
    absWorkingDir: root, entryPoints: ['server/src/cli/main.ts'], outfile, banner: { js: '#!/usr/bin/env node' },
    ...options,
  };
  const define = { ...versionDefine(), ...options.define };
  const probe = await build({ ...config, write: false, define: { ...define, __ISMS_BUILD_HASH__: '"unstamped"' } });
  const js = probe.outputFiles.find((f) => f.path.endsWith('.js'));
  const hash = createHash('sha256').update(js.contents).digest('hex').slice(0, 32);
  await build({ ...config, define: { ...define, __ISMS_BUILD_HASH__: JSON.stringify(hash) } });
  chmodSync(outfile, 0o755);
  return hash;
}
