// Shared by scripts/test-vscode.mjs and scripts/test-editor.mjs: building the mocha suite, the
// extension and its .vsix, and a throw-away copy of the example workspace.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SUITE_OUT = path.join(REPO, 'test/editor/out/suite');
export const SUITE_ENTRY = path.join(SUITE_OUT, 'index.js');
export const VSIX = path.join(REPO, 'dist/isms-author.vsix');
export const EXAMPLE = path.join(REPO, 'examples/acme-isms');
/** The date the example's review dates were chosen for (its README); pinned for the server. */
export const EXAMPLE_TODAY = '2026-11-22';

const run = (cmd, args, opts = {}) => execFileSync(cmd, args, { cwd: REPO, stdio: 'inherit', ...opts });

/** Type-checks the suite and bundles it (mocha included, `vscode` external) to test/editor/out/suite. */
export async function buildSuite() {
  run(process.execPath, [path.join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'test/editor/tsconfig.json', '--noEmit']);
  const { build } = await import('esbuild');
  await build({
    entryPoints: [path.join(REPO, 'test/editor/suite/index.ts')],
    outfile: SUITE_ENTRY,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    // VS Code 1.91's extension host runs Node 20.9; mocha 12 is ESM, so it is bundled in.
    target: 'node18',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    // mocha's parallel mode (unused here) resolves worker files at run time.
    logOverride: { 'require-resolve-not-external': 'silent' },
    define: { 'import.meta.url': '__isms_import_meta_url' },
    banner: { js: 'var __isms_import_meta_url = require("url").pathToFileURL(__filename).href;' },
  });
}

/** Builds dist/ (unminified, with source maps) for --extensionDevelopmentPath runs. */
export function buildExtension() {
  run(process.execPath, ['scripts/build.mjs']);
}

/**
 * Returns the packaged .vsix, packaging it as `npm start` does when it is missing or older than
 * the sources it is built from.
 */
export function ensureVsix({ log = console.log } = {}) {
  const newest = newestMtime(['client/src', 'server/src', 'catalogue', 'package.json', 'syntaxes', 'snippets']);
  if (existsSync(VSIX) && statSync(VSIX).mtimeMs >= newest) return VSIX;
  log('packaging dist/isms-author.vsix (build --production + vsce package)');
  run(process.execPath, ['scripts/build.mjs', '--production'], { stdio: ['ignore', 'ignore', 'inherit'] });
  run(process.execPath, [path.join(REPO, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', 'dist/isms-author.vsix'], { stdio: ['ignore', 'ignore', 'inherit'] });
  return VSIX;
}

function newestMtime(rels) {
  let newest = 0;
  const walk = (p) => {
    const st = statSync(p);
    newest = Math.max(newest, st.mtimeMs);
    if (st.isDirectory()) for (const name of readdirSync(p)) if (name !== 'build' && name !== 'node_modules') walk(path.join(p, name));
  };
  for (const rel of rels) if (existsSync(path.join(REPO, rel))) walk(path.join(REPO, rel));
  return newest;
}

/** A fresh copy of examples/acme-isms in a temporary folder (tests edit and save files). */
export function copyExample(label = 'workspace') {
  const dir = mkdtempSync(path.join(tmpdir(), `isms-${label}-`));
  const target = path.join(dir, 'acme-isms');
  cpSync(EXAMPLE, target, { recursive: true });
  return target;
}
