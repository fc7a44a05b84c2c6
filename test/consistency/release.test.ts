// The install story holds together: the version in package.json, the CLI's --version, the tag the
// README, the pre-commit hook and the example workflow name, the files the package ships, and the
// SoA forms the README shows (the error for a malformed SoA sends users there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { runCli } from '../helpers';
import { parseSoa } from '../../server/src/core/soa';

const readme = readFileSync('README.md', 'utf8');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const tag = `v${pkg.version}`;
const blocks = (lang: string) => [...readme.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]);

test('the CLI reports the version of package.json', () => {
  assert.equal(runCli(['--version']).out.trim(), pkg.version);
});

test('every tag the README and the example workflow name is v + the package version', () => {
  const named = [...readme.matchAll(/(?:#|rev: |@)(v\d+\.\d+\.\d+\S*)/g)].map((m) => m[1].replace(/[`).,]+$/, ''));
  assert.ok(named.length >= 3, 'the README names the release tag');
  assert.deepEqual([...new Set(named)], [tag]);
  const workflow = parse(readFileSync('docs/examples/github-actions.yml', 'utf8'));
  const uses = workflow.jobs.check.steps.map((s: { uses?: string }) => s.uses).filter((u: string | undefined) => u?.includes('isms-author'));
  assert.deepEqual(uses, [`OWNER/isms-author@${tag}`]);
  const precommit = parse(blocks('yaml').find((b) => b.startsWith('repos:'))!);
  assert.equal(precommit.repos[0].rev, tag);
  assert.equal(precommit.repos[0].hooks[0].id, parse(readFileSync('.pre-commit-hooks.yaml', 'utf8'))[0].id);
});

test('the README has an install section with the commands the install tests follow', () => {
  const section = readme.split('## Install in your ISMS repository')[1]?.split('\n## ')[0];
  assert.ok(section, 'section "Install in your ISMS repository"');
  assert.match(section, new RegExp(`npm install -D git\\+<repo-url>#${tag.replace(/\./g, '\\.')}`));
  assert.match(section, /npm pack/);
  assert.equal(pkg.scripts['test:install'].includes('test/install/'), true);
});

test('the package ships the built CLI, server, catalogue pages and schemas only', () => {
  // .npmignore decides (a `files` list would make vsce refuse .vscodeignore); what npm would pack:
  const packed = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { encoding: 'utf8' });
  assert.equal(packed.status, 0, packed.stderr);
  const files: string[] = JSON.parse(packed.stdout)[0].files.map((f: { path: string }) => f.path);
  const unexpected = files.filter((f) => !/^(dist\/cli(?:-[a-z]+)?\.js|dist\/server\.js|dist\/catalogue\/[\w.-]+\.(?:md|json)|catalogue\/schemas\/[\w.-]+\.json|package\.json|README\.md|LICENSE)$/.test(f));
  assert.deepEqual(unexpected, []);
  for (const f of ['dist/cli.js', 'dist/cli-tables.js', 'dist/cli-publish.js', 'dist/cli-mcp.js', 'dist/server.js', 'dist/catalogue/A.5.15.md', 'catalogue/schemas/soa.schema.json']) assert.ok(files.includes(f), f);
  assert.equal(pkg.files, undefined, 'vsce refuses a files list beside .vscodeignore');
  assert.equal(pkg.bin['isms-author'], 'dist/cli.js');
  assert.equal(pkg.scripts.prepare, 'node scripts/prepare.mjs');
});

test('the README shows both SoA forms, and both parse cleanly', () => {
  const soas = blocks('yaml').filter((b) => /^controls:/m.test(b)).map((b) => parseSoa(b));
  assert.deepEqual(soas.map((s) => s.form).sort(), ['list', 'map']);
  for (const s of soas) {
    assert.deepEqual(s.errors, []);
    assert.ok(s.entries.length >= 2 && s.entries.every((e) => e.idValid));
  }
});
