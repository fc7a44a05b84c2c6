// `npm run test:vscode`: the editor suite (test/editor/suite) in desktop VS Code through
// @vscode/test-electron, on the minimum engines.vscode and on stable (or the versions given as
// arguments: `npm run test:vscode -- 1.95.0 insiders`). Each run gets a fresh copy of the example
// workspace and a fresh user-data folder. VS Code is downloaded into .vscode-test/ (gitignored);
// where it cannot be downloaded the run fails at once with one line saying so. Where VS Code can
// not be downloaded, `npm run test:editor` runs the same suite in code-server instead.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildExtension, buildSuite, copyExample, EXAMPLE_TODAY, REPO, SUITE_ENTRY } from '../test/editor/lib.mjs';

const DOWNLOAD_DEADLINE_MS = Number(process.env.ISMS_VSCODE_DOWNLOAD_TIMEOUT_MS ?? 10 * 60_000);

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const minimum = /(\d+\.\d+\.\d+)/.exec(pkg.engines.vscode)?.[1];
const versions = process.argv.slice(2).length ? process.argv.slice(2) : [minimum, 'stable'];

const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');

/** Says only what was downloaded or found; failures are reported by download() in one line. */
const reporter = {
  report(r) {
    if (r.stage === 'downloading' && r.bytesSoFar === 0) console.log(`test:vscode: downloading ${r.url}`);
    else if (r.stage === 'newInstallComplete') console.log(`test:vscode: installed ${r.downloadedPath}`);
    else if (r.stage === 'foundMatchingInstall') console.log(`test:vscode: using ${r.downloadedPath}`);
  },
  error() {},
};

/** Downloads (or finds in .vscode-test/) one VS Code; a failure ends the run with one line. */
async function download(version) {
  let timer;
  const deadline = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${DOWNLOAD_DEADLINE_MS / 1000} s`)), DOWNLOAD_DEADLINE_MS); });
  try {
    return await Promise.race([downloadAndUnzipVSCode({ version, timeout: 20_000, cachePath: path.join(REPO, '.vscode-test'), reporter }), deadline]);
  } catch (e) {
    const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    console.error(`test:vscode: cannot download VS Code ${version} (${reason}); this layer needs network access to Microsoft's VS Code downloads. Without it, run \`npm run test:editor\` (code-server) instead.`);
    process.exit(1);
  } finally {
    clearTimeout(timer);
  }
}

// Download first, so a machine without access fails before building anything.
const executables = [];
for (const version of versions) executables.push(await download(version));
// Desktop VS Code needs a display; on a headless Linux machine re-run under xvfb-run if it exists.
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.ISMS_UNDER_XVFB) {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim();
  if (xvfb) {
    const r = spawnSync(xvfb, ['-a', process.execPath, ...process.argv.slice(1)], { stdio: 'inherit', env: { ...process.env, ISMS_UNDER_XVFB: '1' } });
    process.exit(r.status ?? 1);
  }
  console.log('test:vscode: no DISPLAY and no xvfb-run; VS Code may fail to open a window (apt-get install xvfb)');
}

buildExtension();
await buildSuite();

const failed = [];
for (const [i, version] of versions.entries()) {
  const executable = executables[i];
  const workspace = copyExample(`vscode-${version}`);
  const userData = mkdtempSync(path.join(tmpdir(), 'isms-vscode-user-'));
  console.log(`\n== VS Code ${version}: ${workspace}`);
  try {
    await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: SUITE_ENTRY,
      extensionTestsEnv: { ISMS_TODAY: EXAMPLE_TODAY, ISMS_EDITOR_EXTENSION_PATH: REPO, ISMS_CACHE_DIR: path.join(userData, 'check-cache') },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes', `--user-data-dir=${userData}`],
    });
  } catch (e) {
    failed.push(version);
    console.error(`VS Code ${version}: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    rmSync(path.dirname(workspace), { recursive: true, force: true });
    rmSync(userData, { recursive: true, force: true });
  }
}
console.log(`\n${versions.length - failed.length} passed, ${failed.length} failed (VS Code versions: ${versions.join(', ')})`);
process.exit(failed.length ? 1 : 0);
