// `npm run test:editor`: the extension in a real VS Code (code-server 4.139.1, VS Code 1.139),
// here where desktop VS Code cannot be downloaded. Two parts share one code-server:
//  1. the mocha suite of test/editor/suite (the one `npm run test:vscode` runs in desktop VS Code)
//     inside code-server's extension host, with this repository as the development extension;
//  2. the UI scenarios of test/editor/ui.mjs: dist/isms-author.vsix installed, Debian's Chromium
//     driven by playwright-core, screenshots in test-output/editor/.
// It installs what it needs when missing: Debian's chromium and libkrb5-dev (as root), Node 24 and
// code-server into ~/.cache/isms-author (ISMS_EDITOR_CACHE). Ends with `N passed, N failed`.
// Options: --only=suite|ui, --keep (leave the temp folders), --headed (needs a display),
// --fresh (prove it works from nothing: a new empty cache, home, config and npm cache folder,
// removed afterwards, so code-server and Node 24 are installed cold as on a new machine).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const args = new Set(process.argv.slice(2));
const temps = [];

// --fresh must take effect before the modules below read HOME and ISMS_EDITOR_CACHE.
if (args.has('--fresh')) {
  const fresh = mkdtempSync(path.join(tmpdir(), 'isms-fresh-'));
  temps.push(fresh);
  const dirs = { ISMS_EDITOR_CACHE: 'editor-cache', ISMS_CACHE_DIR: 'cli-cache', HOME: 'home', XDG_CONFIG_HOME: 'home/.config', XDG_CACHE_HOME: 'home/.cache' };
  for (const [key, rel] of Object.entries(dirs)) {
    process.env[key] = path.join(fresh, rel);
    mkdirSync(process.env[key], { recursive: true });
  }
  console.log(`[test:editor] --fresh: empty cache, home and config folders under ${fresh} (removed afterwards)`);
}

const {
  CACHE, CHROMIUM, CODE_SERVER_VERSION, ensureCodeServer, ensureNode, installDebianPackages, installExtension,
  isCodeServerInstalled, killAllGroups, makeProfile, missingDebianPackages, startCodeServer,
} = await import('../test/editor/codeServer.mjs');
const { buildExtension, buildSuite, copyExample, ensureVsix, EXAMPLE_TODAY, REPO, SUITE_ENTRY } = await import('../test/editor/lib.mjs');
const { CHROMIUM_ARGS, scenarios } = await import('../test/editor/ui.mjs');

const only = [...args].find((a) => a.startsWith('--only='))?.slice(7);
const OUT = path.join(REPO, 'test-output', 'editor');
const SUITE_TIMEOUT_MS = Number(process.env.ISMS_EDITOR_SUITE_TIMEOUT_MS ?? 5 * 60_000);
const started = Date.now();
const log = (msg) => console.log(`[test:editor ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s] ${msg}`);

const results = []; // { name, state: 'passed' | 'failed' | 'skipped', detail? }
const record = (name, state, detail) => {
  results.push({ name, state, detail });
  const mark = state === 'passed' ? 'ok  ' : state === 'skipped' ? 'skip' : 'FAIL';
  console.log(`  ${mark} ${name}${detail ? `\n${detail.split('\n').map((l) => `       ${l}`).join('\n')}` : ''}`);
};

let server;
let browser;

async function cleanup() {
  await browser?.close().catch(() => {});
  browser = undefined;
  await server?.stop();
  server = undefined;
  killAllGroups();
  if (!args.has('--keep')) for (const t of temps) rmSync(t, { recursive: true, force: true });
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    killAllGroups();
    if (!args.has('--keep')) for (const t of temps) rmSync(t, { recursive: true, force: true });
    console.log(`test:editor: interrupted (${sig})`);
    process.exit(130);
  });
}
process.on('exit', killAllGroups);

function finish() {
  const passed = results.filter((r) => r.state === 'passed').length;
  const failed = results.filter((r) => r.state === 'failed').length;
  const skipped = results.filter((r) => r.state === 'skipped').length;
  log(`done; screenshots and logs in ${path.relative(REPO, OUT)}/`);
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exitCode = failed || !passed ? 1 : 0;
}

try {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });

  // Prerequisites (each step is skipped when already done).
  const needBuild = !isCodeServerInstalled();
  installDebianPackages(missingDebianPackages({ needBuild }), log);
  const t0 = Date.now();
  const nodeHome = ensureNode(log);
  ensureCodeServer(nodeHome, log);
  if (needBuild) log(`installed Node 24 and code-server ${CODE_SERVER_VERSION} in ${((Date.now() - t0) / 1000).toFixed(0)} s (cached in ${CACHE})`);
  const { chromium } = await import('playwright-core');

  // What is tested: the development build for the suite, the packaged .vsix for the UI.
  log('building the .vsix (when older than the sources), the extension and the editor suite');
  const vsix = ensureVsix({ log });
  buildExtension();
  await buildSuite();
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));

  const root = mkdtempSync(path.join(tmpdir(), 'isms-editor-'));
  temps.push(root);
  const profile = makeProfile(path.join(root, 'profile'));
  installExtension(nodeHome, profile, vsix);
  const suiteResult = path.join(root, 'suite-result.json');
  log('starting code-server');
  server = await startCodeServer({
    nodeHome,
    profile,
    logFile: path.join(OUT, 'code-server.log'),
    // The example's review dates were chosen for this date (its README); the server takes it from here.
    // ISMS_CACHE_DIR: the "Check Workspace" task's CLI gets this run's own cache, not the user's.
    env: { ISMS_TODAY: EXAMPLE_TODAY, ISMS_EDITOR_RESULT_FILE: suiteResult, ISMS_EDITOR_EXTENSION_PATH: REPO, ISMS_CACHE_DIR: path.join(root, 'check-cache') },
  });
  log(`code-server ${CODE_SERVER_VERSION} listening on ${server.url}`);

  browser = await chromium.launch({ executablePath: CHROMIUM, headless: !args.has('--headed'), args: CHROMIUM_ARGS.filter((a) => a !== '--headless' || !args.has('--headed')) });
  const newPage = async () => {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
    return context.newPage();
  };

  // 1. The mocha suite in code-server's extension host.
  if (only !== 'ui') {
    try {
      log('running the mocha suite (test/editor/suite) in code-server\'s extension host');
      const workspace = copyExample('suite');
      temps.push(path.dirname(workspace));
      const remote = (p) => `vscode-remote://${server.remoteAuthority}${p}`;
      const payload = JSON.stringify([['extensionDevelopmentPath', remote(REPO)], ['extensionTestsPath', remote(SUITE_ENTRY)]]);
      const page = await newPage();
      await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(payload)}`);
      const deadline = Date.now() + SUITE_TIMEOUT_MS;
      try {
        await page.waitForFunction(() => document.title.includes('Extension Development Host'), undefined, { timeout: 120_000 });
      } catch {
        await page.screenshot({ path: path.join(OUT, '00-suite-not-started.png') });
        throw new Error('the workbench did not open as an Extension Development Host (code-server ignored extensionDevelopmentPath)');
      }
      // The suite writes its outcome to ISMS_EDITOR_RESULT_FILE when done.
      while (!existsSync(suiteResult)) {
        if (Date.now() > deadline) throw new Error(`the mocha suite wrote no result within ${SUITE_TIMEOUT_MS / 1000} s`);
        await page.waitForTimeout(250);
      }
      await page.screenshot({ path: path.join(OUT, '00-suite-done.png') });
      const { outcomes } = JSON.parse(readFileSync(suiteResult, 'utf8'));
      for (const o of outcomes) record(`suite: ${o.title}`, o.state === 'pending' ? 'skipped' : o.state, o.error);
      writeFileSync(path.join(OUT, 'suite-result.json'), readFileSync(suiteResult));
      await page.context().close();
    } catch (e) {
      record('suite: run in code-server', 'failed', e instanceof Error ? e.message : String(e));
    }
  }

  // 2. The UI scenarios with the packaged extension.
  if (only !== 'suite') {
    log('running the UI scenarios with dist/isms-author.vsix installed');
    const workspace = copyExample('ui');
    temps.push(path.dirname(workspace));
    const page = await newPage();
    let n = 0;
    let broken = false;
    for (const [name, fn] of scenarios({ page, url: server.url, workspace, manifest, extensionsDir: profile.extensions, logsDir: path.join(profile.userData, 'logs') })) {
      n++;
      const shot = path.join(OUT, `${String(n).padStart(2, '0')}-${name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60)}.png`);
      if (broken) { record(`ui: ${name}`, 'skipped', 'an earlier step failed'); continue; }
      try {
        const note = await fn();
        await page.screenshot({ path: shot });
        record(`ui: ${name}`, typeof note === 'string' && note.startsWith('skipped') ? 'skipped' : 'passed', typeof note === 'string' ? note : undefined);
      } catch (e) {
        await page.screenshot({ path: shot.replace(/\.png$/, '-FAILED.png') }).catch(() => {});
        record(`ui: ${name}`, 'failed', e instanceof Error ? e.message : String(e));
        // The first step opens the workbench; without it the rest cannot run.
        if (n === 1) broken = true;
      }
    }
  }
} catch (e) {
  record('test:editor setup', 'failed', e instanceof Error ? (e.stack ?? e.message) : String(e));
} finally {
  await cleanup();
  finish();
}
