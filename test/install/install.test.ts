// Installation into a user's ISMS repository, end to end and from nothing (issue 20): each way
// the README gives is followed in a throwaway Git repository in a temporary folder, against a
// clone of this repository's HEAD (commit first: uncommitted changes are not what users get).
// Slow (npm builds the package from Git twice): run with `npm run test:install`.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { RISKS, soaText } from '../helpers';

const REPO = path.resolve('.');
const VERSION: string = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
const TAG = `v${VERSION}`;
let tmp: string;
let src: string;
let sha: string;

/** Runs a command, failing the test with its output when it exits otherwise than expected. */
function sh(cmd: string, args: string[], opts: SpawnSyncOptions & { expect?: number } = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...opts, env: { ...cleanEnv(), ...opts.env } });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.error) throw r.error;
  if (r.status !== (opts.expect ?? 0)) assert.fail(`${cmd} ${args.join(' ')} exited ${r.status} (expected ${opts.expect ?? 0}):\n${out}`);
  return { out, stdout: String(r.stdout), code: r.status };
}

/** The environment of a user's shell: no npm settings handed down from `npm run`, a private CLI cache. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return { ...env, ISMS_CACHE_DIR: path.join(tmp, 'isms-cache'), NO_COLOR: '1', GIT_AUTHOR_NAME: 'T', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 'T', GIT_COMMITTER_EMAIL: 't@example.invalid' };
}

const POLICY = '---\ntitle: Access control\nowner: CISO\napproved-by: Board\nversion: "1"\neffective: 2026-01-01\nnext-review: 2099-01-01\ncontrols: [A.5.15]\n---\n# Access control\n\nAccess is granted per A.5.15.\n';
const SOA = soaText({ 'A.5.15': '    applicable: true\n    status: implemented\n    reasons: [risk]\n    risks: [R-001]\n    owner: CISO\n' });
const BROKEN_RISKS = RISKS.replace(/ {2}R-001:[\s\S]*?(?= {2}R-002:)/, '');

/** A new ISMS repository with a clean SoA, register and policy, and a package.json for npm. */
function userRepo(name: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(path.join(dir, 'policies'), { recursive: true });
  writeFileSync(path.join(dir, 'soa.yaml'), SOA);
  writeFileSync(path.join(dir, 'risks.yaml'), RISKS);
  writeFileSync(path.join(dir, 'policies/access-control.md'), POLICY);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `isms-${name}`, private: true }, null, 2));
  writeFileSync(path.join(dir, '.gitignore'), 'node_modules/\n');
  sh('git', ['init', '-q', '-b', 'main'], { cwd: dir });
  return dir;
}

/** The README's commands, as written there, for one heading's code block. */
function readmeBlock(startsWith: string): string {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Install in your ISMS repository'));
  const block = [...section.matchAll(/```\w*\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.trimStart().startsWith(startsWith));
  assert.ok(block, `README block starting with ${startsWith}`);
  return block;
}

before(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'isms-install-'));
  sha = sh('git', ['rev-parse', 'HEAD'], { cwd: REPO }).stdout.trim();
  src = path.join(tmp, 'isms-author');
  sh('git', ['clone', '-q', REPO, src]);
  sh('git', ['checkout', '-q', sha], { cwd: src });
  // The tag the README names, in the throwaway clone only: a release pushes it for real.
  sh('git', ['tag', TAG], { cwd: src });
});
after(() => { if (tmp && !process.env.ISMS_KEEP_INSTALL_TEST) rmSync(tmp, { recursive: true, force: true }); });

test('npm pack ships the CLI, the language server, the catalogue pages and schemas, and nothing else', () => {
  const files: string[] = JSON.parse(sh('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: REPO }).stdout)[0].files.map((f: { path: string }) => f.path);
  const unexpected = files.filter((f) => !/^(dist\/cli(?:-[a-z]+)?\.js|dist\/server\.js|dist\/catalogue\/[\w.-]+\.(?:md|json)|catalogue\/schemas\/[\w.-]+\.json|package\.json|README\.md|LICENSE)$/.test(f));
  assert.deepEqual(unexpected, []);
  for (const f of ['dist/cli.js', 'dist/cli-tables.js', 'dist/cli-publish.js', 'dist/cli-mcp.js', 'dist/server.js', 'dist/catalogue/A.5.15.md', 'catalogue/schemas/soa.schema.json']) assert.ok(files.includes(f), f);
});

test('npm install -D from the packed tarball, then npx isms-author check', () => {
  // Pack the clone of HEAD; its build tools are this checkout's (npm ci put them there).
  symlinkSync(path.join(REPO, 'node_modules'), path.join(src, 'node_modules'), 'dir');
  const tarball = sh('npm', ['pack', '--pack-destination', tmp], { cwd: src }).stdout.trim().split('\n').pop()!;
  rmSync(path.join(src, 'node_modules'));
  rmSync(path.join(src, 'dist'), { recursive: true, force: true });
  const dir = userRepo('from-tarball');
  sh('npm', ['install', '-D', '--no-audit', '--no-fund', path.join(tmp, tarball)], { cwd: dir });
  const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
  assert.match(pkg.devDependencies['isms-author'], /isms-author-.*\.tgz$/);
  assert.deepEqual(Object.keys(JSON.parse(readFileSync(path.join(dir, 'package-lock.json'), 'utf8')).packages).filter(Boolean), ['node_modules/isms-author'], 'no dependencies come along');
  assert.equal(sh('npx', ['--no-install', 'isms-author', '--version'], { cwd: dir }).stdout.trim(), VERSION);
  assert.match(sh('npx', ['--no-install', 'isms-author', 'check'], { cwd: dir }).stdout, /^No problems found\.$/m);
  // The README's plain Git hook, as written there: a clean commit passes, a bad one is blocked.
  writeFileSync(path.join(dir, '.git/hooks/pre-commit'), readmeBlock('#!/bin/sh'), { mode: 0o755 });
  sh('git', ['add', '.'], { cwd: dir });
  assert.match(sh('git', ['commit', '-m', 'clean start'], { cwd: dir }).out, /No problems found\./);
  writeFileSync(path.join(dir, 'risks.yaml'), BROKEN_RISKS);
  assert.match(sh('npx', ['--no-install', 'isms-author', 'check', 'risks.yaml'], { cwd: dir, expect: 1 }).out, /soa\.yaml:\d+:\d+ error ref\/unknown-risk Risk R-001/);
  sh('git', ['add', 'risks.yaml'], { cwd: dir });
  assert.match(sh('git', ['commit', '-m', 'drop R-001'], { cwd: dir, expect: 1 }).out, /soa\.yaml:\d+:\d+ error ref\/unknown-risk/);
  writeFileSync(path.join(dir, 'soa.yaml'), SOA.replace('reasons: [risk]\n    risks: [R-001]', 'reasons: [legal]'));
  sh('git', ['add', 'soa.yaml'], { cwd: dir });
  sh('git', ['commit', '-m', 'drop R-001 and its link'], { cwd: dir });
});

test('npm install -D from the Git URL (npm builds the clone), as the README says', () => {
  const dir = userRepo('from-git');
  const url = `git+file://${src}#${TAG}`;
  const block = readmeBlock('npm install -D');
  assert.match(block, new RegExp(`npm install -D git\\+\\S+#${TAG.replace(/\./g, '\\.')}`), 'the README names the tag of package.json\'s version');
  sh('npm', ['install', '-D', '--no-audit', '--no-fund', url], { cwd: dir });
  const installed = path.join(dir, 'node_modules/isms-author');
  assert.ok(existsSync(path.join(installed, 'dist/cli.js')));
  assert.ok(!existsSync(path.join(installed, 'server')), 'sources are not shipped');
  assert.equal(sh('npx', ['--no-install', 'isms-author', '--version'], { cwd: dir }).stdout.trim(), VERSION);
  writeFileSync(path.join(dir, 'risks.yaml'), BROKEN_RISKS);
  assert.match(sh('npx', ['--no-install', 'isms-author', 'check', 'risks.yaml'], { cwd: dir, expect: 1 }).out, /soa\.yaml:\d+:\d+ error ref\/unknown-risk Risk R-001/);
});

test('the pre-commit framework with this repository as a remote hook at the tag: a bad commit is blocked, a fixed one passes', () => {
  const venv = path.join(tmp, 'venv');
  sh('python3', ['-m', 'venv', venv]);
  // pre-commit comes from the wheels this machine carries; the user's pip configuration says where.
  // Keep reading it when a run points XDG_CONFIG_HOME elsewhere (a "fresh machine" rehearsal).
  const userPipConfig = path.join(homedir(), '.config', 'pip', 'pip.conf');
  const pipEnv = !process.env.PIP_CONFIG_FILE && existsSync(userPipConfig) ? { PIP_CONFIG_FILE: userPipConfig } : undefined;
  sh(path.join(venv, 'bin/pip'), ['install', '--quiet', '--retries', '0', 'pre-commit'], { env: pipEnv });
  const dir = userRepo('with-pre-commit');
  const config = readmeBlock('repos:').replace(/repo: \S+/, `repo: ${src}`);
  assert.equal(parseYaml(config).repos[0].rev, TAG, 'the README names the tag of package.json\'s version');
  writeFileSync(path.join(dir, '.pre-commit-config.yaml'), config);
  const env = { PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home'), PATH: `${path.join(venv, 'bin')}:${process.env.PATH}` };
  sh('pre-commit', ['install'], { cwd: dir, env });
  sh('git', ['add', '.'], { cwd: dir, env });
  const first = sh('git', ['commit', '-m', 'clean ISMS'], { cwd: dir, env });
  assert.match(first.out, /ISMS Author check\.+Passed/);
  writeFileSync(path.join(dir, 'risks.yaml'), BROKEN_RISKS);
  sh('git', ['add', 'risks.yaml'], { cwd: dir, env });
  const blocked = sh('git', ['commit', '-m', 'drop R-001'], { cwd: dir, env, expect: 1 });
  assert.match(blocked.out, /ISMS Author check\.+Failed/);
  assert.match(blocked.out, /soa\.yaml:\d+:\d+ error ref\/unknown-risk Risk R-001 is not in the risk register/);
  assert.match(blocked.out, /Also checked soa\.yaml for what risks\.yaml causes there/);
  writeFileSync(path.join(dir, 'soa.yaml'), SOA.replace('reasons: [risk]\n    risks: [R-001]', 'reasons: [legal]'));
  sh('git', ['add', 'soa.yaml', 'risks.yaml'], { cwd: dir, env });
  assert.match(sh('git', ['commit', '-m', 'drop R-001 and its link'], { cwd: dir, env }).out, /ISMS Author check\.+Passed/);
});

test('the GitHub Action\'s steps, run as the runner would, annotate findings and write SARIF', () => {
  const action = parseYaml(readFileSync(path.join(REPO, 'action.yml'), 'utf8'));
  assert.equal(action.runs.using, 'composite');
  const example = parseYaml(readFileSync(path.join(REPO, 'docs/examples/github-actions.yml'), 'utf8'));
  const uses: string[] = example.jobs.check.steps.map((s: { uses?: string }) => s.uses ?? '');
  assert.ok(uses.includes(`OWNER/isms-author@${TAG}`), `the example workflow uses this action at ${TAG}`);
  // Every step that runs a command calls scripts/action-check.sh; run them with the runner's variables.
  const runs: { run: string; env: Record<string, string> }[] = action.runs.steps.filter((s: { run?: string }) => s.run);
  assert.deepEqual(runs.map((s) => /action-check\.sh" (\w+)/.exec(s.run)?.[1]), ['build', 'sarif', 'annotate']);
  const dir = userRepo('with-action');
  writeFileSync(path.join(dir, 'risks.yaml'), BROKEN_RISKS);
  const output = path.join(tmp, 'github-output');
  writeFileSync(output, '');
  const inputs: Record<string, string> = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, String((v as { default: string }).default)]));
  const expr = (value: string) => value.replace(/\$\{\{\s*([\w.-]+)\s*\}\}/g, (_, e: string) => {
    if (e === 'github.action_path') return src;
    if (e === 'runner.temp') return tmp;
    if (e.startsWith('inputs.')) return inputs[e.slice(7)] ?? '';
    throw new Error(`expression ${e} not simulated`);
  });
  const step = (i: number, expect: number) => {
    const env = Object.fromEntries(Object.entries(runs[i].env).map(([k, v]) => [k, expr(v)]));
    return sh('bash', ['-c', runs[i].run], { cwd: dir, env: { ...env, GITHUB_OUTPUT: output, GITHUB_ACTION_PATH: src }, expect });
  };
  step(0, 0);
  step(1, 0);
  const sarifFile = /^file=(.*)$/m.exec(readFileSync(output, 'utf8'))?.[1];
  assert.ok(sarifFile && existsSync(sarifFile), 'the SARIF step names its file for the upload');
  const sarif = JSON.parse(readFileSync(sarifFile, 'utf8'));
  assert.ok(sarif.runs[0].results.some((r: { ruleId: string }) => r.ruleId === 'ref/unknown-risk'));
  const annotate = step(2, 1);
  assert.match(annotate.stdout, /^::error file=soa\.yaml,line=\d+,col=\d+,.*title=ref\/unknown-risk::Risk R-001/m);
});
