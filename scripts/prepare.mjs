// npm's `prepare`: builds dist/ (bundles and catalogue pages) in a clone of this repository.
// npm runs it when it installs the package from Git; `npm install -g git+URL` (what the
// pre-commit framework does) runs it in a clone without the devDependencies that the build needs,
// so they are installed first, exactly as package-lock.json says and without running scripts.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** What the build imports itself or bundles; one missing means the devDependencies are. */
const BUILD_NEEDS = ['esbuild', 'csv-parse', 'yaml', 'unified', 'exceljs', 'vscode-languageserver', 'vscode-languageclient', 'picomatch'];
/** Whether Node would find the package from here (in node_modules of this folder or one above). */
const installed = (name) => {
  for (let dir = root; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', name, 'package.json'))) return true;
    if (dirname(dir) === dir) return false;
  }
};
const missing = BUILD_NEEDS.filter((name) => !installed(name));

if (missing.length) {
  if (!existsSync(join(root, 'package-lock.json'))) throw new Error(`Cannot build: ${missing.join(', ')} missing and no package-lock.json to install them from.`);
  console.log(`isms-author: installing the build tools (${missing.join(', ')} missing) before building`);
  // A global install hands its settings down through the environment: this install is local.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_config_(global|location|prefix|omit|include|only|production|dry_run|package_lock_only)$/i.test(k)));
  const npm = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? [process.execPath, process.env.npm_execpath] : ['npm'];
  execFileSync(npm[0], [...npm.slice(1), 'ci', '--include=dev', '--global=false', '--ignore-scripts', '--no-audit', '--no-fund', '--prefix', root], { cwd: root, env, stdio: 'inherit', shell: npm[0] === 'npm' && process.platform === 'win32' });
}
execFileSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
