// The CLI as a new user meets it in their own repository (issue 20): a commit of one file reports
// what it breaks elsewhere, Markdown outside the policy globs is checked, and no answer misleads
// (exit codes, --help, argument checks, system errors, several scopes).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { computeFindings } from '../../server/src/core/diagnostics';
import { RISKS, runCli, soaText, workspaceOf } from '../helpers';

const run = (args: string[], cwd: string) => runCli(args, { cwd });
const FRONT = '---\ntitle: P\nowner: O\napproved-by: A\nversion: "1"\neffective: 2026-01-01\nnext-review: 2027-01-01\ncontrols: [A.5.15]\n---\n';

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'isms-answers-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
  return dir;
}
const lines = (out: string) => out.trim().split('\n');

test('a register given alone reports the risks its SoA still lists, and says it checked the SoA', () => {
  const soa = soaText({ 'A.5.15': '    applicable: true\n    status: implemented\n    reasons: [risk]\n    risks: [R-001]\n    owner: CISO\n' });
  const dir = fixture({ 'soa.yaml': soa, 'risks.yaml': RISKS, 'policies/p.md': FRONT + 'Access control A.5.15.\n' });
  assert.equal(run(['check', 'risks.yaml'], dir).code, 0, 'clean before the risk is deleted');
  writeFileSync(path.join(dir, 'risks.yaml'), RISKS.replace(/ {2}R-001:[\s\S]*?(?= {2}R-002:)/, ''));
  const r = run(['check', 'risks.yaml'], dir);
  assert.equal(r.code, 1, r.out);
  assert.ok(lines(r.out).some((l) => /^soa\.yaml:\d+:\d+ error ref\/unknown-risk Risk R-001 /.test(l)), r.out);
  assert.match(r.err, /Also checked soa\.yaml for what risks\.yaml causes there\./);
  // The full check agrees on the SoA finding.
  assert.ok(lines(run(['check', '.'], dir).out).some((l) => l.startsWith('soa.yaml:') && l.includes('ref/unknown-risk')));
});

test('an SoA given alone reports policies and risks relying on a control it now excludes, but not their own problems', () => {
  const overdue = FRONT.replace('next-review: 2027-01-01', 'next-review: 2020-01-01');
  const dir = fixture({ 'soa.yaml': soaText(), 'risks.yaml': RISKS, 'policies/p.md': overdue + 'Access control A.5.15.\n' });
  writeFileSync(path.join(dir, 'soa.yaml'), soaText({ 'A.5.15': '    applicable: false\n    justification: We hold no information and grant nobody any access at all.\n' }));
  const r = run(['check', 'soa.yaml', '--today', '2026-11-22'], dir);
  const found = lines(r.out).map((l) => `${l.split(':')[0]} ${l.split(' ')[2]}`);
  assert.ok(found.includes('policies/p.md policy/excluded-control-cited'), r.out);
  assert.ok(found.includes('risks.yaml risk/excluded-control'), r.out);
  assert.ok(!found.includes('policies/p.md policy/review-overdue'), 'the policy\'s own finding is not the SoA\'s doing');
  assert.match(r.err, /Also checked policies\/p\.md for what soa\.yaml causes there\./);
  assert.match(r.err, /Also checked risks\.yaml for what soa\.yaml causes there\./);
  // Given both, the policy is checked in full and not announced as added.
  const both = run(['check', 'soa.yaml', 'policies/p.md', '--today', '2026-11-22'], dir);
  assert.ok(lines(both.out).some((l) => l.includes('policy/review-overdue')));
  assert.doesNotMatch(both.err, /Also checked policies/);
});

test('Markdown outside the policies globs gets reference checks but no policy rules', () => {
  const dir = fixture({ 'soa.yaml': soaText(), 'risks.yaml': RISKS, 'notes/n.md': 'Procedures follow A.5.99 and A.9.2.3.\n' });
  const r = run(['check', 'notes/n.md'], dir);
  const codes = lines(r.out).slice(0, -1).map((l) => l.split(' ')[2]);
  assert.deepEqual(codes.sort(), ['ref/legacy-control', 'ref/unknown-control'], r.out);
  assert.equal(r.code, 1);
  // A folder check covers it too, and still no policy/missing-metadata for a non-policy.
  const all = run(['check', '.'], dir);
  assert.ok(lines(all.out).some((l) => l.startsWith('notes/n.md:1:') && l.includes('ref/unknown-control')), all.out);
  assert.ok(!all.out.includes('policy/missing-metadata'));
});

test('--quiet changes what is printed, never the exit code', () => {
  const dir = fixture({ 'soa.yaml': soaText({ 'A.5.6': '    applicable: true\n' }), 'risks.yaml': RISKS });
  const loud = run(['check', '.', '--fail-on', 'warning'], dir);
  assert.equal(loud.code, 1);
  assert.match(loud.out, /warning soa\/applicable-without-risk/);
  const quiet = run(['check', '.', '--quiet', '--fail-on', 'warning'], dir);
  assert.equal(quiet.code, 1);
  assert.equal(quiet.out, '', 'no error to print');
  assert.equal(run(['check', '.', '--quiet', '--max-warnings', '0'], dir).code, 1);
  assert.equal(run(['check', '.', '--quiet'], dir).code, 0);
});

test('findings about --config FILE are reported at that file, once, even over several scopes', () => {
  const dir = fixture({
    'a/soa.yaml': soaText(), 'a/risks.yaml': RISKS, 'b/soa.yaml': soaText(), 'b/risks.yaml': RISKS,
    'shared/strict.yaml': 'justification:\n  min-lenght: 30\n',
  });
  const r = run(['check', 'a', 'b', '--config', 'shared/strict.yaml'], dir);
  const config = lines(r.out).filter((l) => l.includes('config/invalid'));
  assert.equal(config.length, 1, r.out);
  assert.match(config[0], /^shared\/strict\.yaml:2:3 warning config\/invalid /);
  assert.ok(!r.out.includes('isms.config.yaml'), r.out);
  // Reported for single files too: the configuration was named on the command line.
  assert.ok(lines(run(['check', 'a/soa.yaml', '--config', 'shared/strict.yaml'], dir).out).some((l) => l.startsWith('shared/strict.yaml:2:3')));
});

test('<command> --help prints that command\'s usage and exits 0', () => {
  const dir = fixture({});
  for (const command of ['check', 'init', 'export', 'import', 'show']) {
    for (const flag of ['--help', '-h']) {
      const r = run([command, flag], dir);
      assert.equal(r.code, 0, `${command} ${flag}: ${r.err}`);
      assert.match(r.out, new RegExp(`^Usage: isms-author ${command}\\b`));
      assert.equal(r.err, '');
    }
  }
  assert.match(run(['export', 'soa', '--help'], dir).out, /^Usage: isms-author export soa/);
  assert.ok(!existsSync(path.join(dir, 'soa.yaml')), 'init --help creates nothing');
});

test('arguments are validated with plain messages', () => {
  const dir = fixture({ 'soa.yaml': soaText(), 'risks.yaml': RISKS });
  const cases: [string[], RegExp][] = [
    [['check', '--today', '2026-13-45'], /--today needs a real date as YYYY-MM-DD; "2026-13-45" is not one\./],
    [['check', '--today', '2026-02-30'], /"2026-02-30" is not one/],
    [['check', '--max-warnings', '-1'], /--max-warnings needs a whole number of 0 or more; "-1" is not one\./],
    [['check', '--max-warnings', '1.5'], /"1\.5" is not one/],
    [['check', '--bogus'], /^isms-author: Unknown option --bogus for check\. Run isms-author check --help\.$/m],
    [['check', '--format'], /--format needs a value/],
    [['export', 'soa', '--format', 'csv', '--today', '2026-00-10'], /--today needs a real date/],
  ];
  for (const [args, message] of cases) {
    const r = run(args, dir);
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, message, args.join(' '));
    assert.doesNotMatch(r.err, /ambiguous|ERR_|\n\s+at /);
  }
  assert.equal(run(['check', '--today', '2028-02-29'], dir).code, 0, 'a leap day is a date');
});

test('no raw system errors: a missing output folder, init on a file', () => {
  const dir = fixture({ 'soa.yaml': soaText(), 'risks.yaml': RISKS, 'notes.txt': 'x' });
  const out = run(['check', '.', '-o', 'missing/dir/x.txt'], dir);
  assert.equal(out.code, 2);
  assert.equal(out.err, 'isms-author: Cannot write missing/dir/x.txt: the folder missing/dir does not exist.\n');
  assert.ok(!existsSync(path.join(dir, 'missing')), 'no folder is created unasked');
  const init = run(['init', 'notes.txt'], dir);
  assert.equal(init.code, 2);
  assert.equal(init.err, 'isms-author: notes.txt is a file; init needs a folder (new or existing).\n');
  const below = run(['init', 'notes.txt/sub'], dir);
  assert.equal(below.code, 2);
  assert.doesNotMatch(below.err, /ENOTDIR|EEXIST|mkdir/, below.err);
});

test('export soa over several scopes asks which, or writes each one named after its folder', () => {
  const dir = fixture({
    'unit-a/isms.config.yaml': '{}\n', 'unit-a/soa.yaml': soaText(), 'unit-a/risks.yaml': RISKS,
    'unit-b/isms.config.yaml': '{}\n', 'unit-b/soa.yaml': soaText({ 'A.5.7': '    applicable: false\n    justification: We consume no external threat intelligence feeds at all.\n' }), 'unit-b/risks.yaml': RISKS,
  });
  const ask = run(['export', 'soa', '.', '--format', 'csv'], dir);
  assert.equal(ask.code, 2);
  assert.match(ask.err, /holds 2 ISMS scopes with an SoA \(unit-a, unit-b\)/);
  assert.match(ask.err, /isms-author export soa unit-a --format csv/);
  assert.equal(ask.out, '');
  const each = run(['export', 'soa', '.', '--format', 'csv', '-o', 'out/soa.csv'], dir);
  assert.equal(each.code, 0, each.err);
  assert.equal(each.err, 'wrote out/soa-unit-a.csv\nwrote out/soa-unit-b.csv\n');
  const a = readFileSync(path.join(dir, 'out/soa-unit-a.csv'), 'utf8');
  const b = readFileSync(path.join(dir, 'out/soa-unit-b.csv'), 'utf8');
  assert.ok(!a.includes('external threat intelligence'));
  assert.ok(b.includes('external threat intelligence'), 'each file holds its own scope');
  // One scope named: exported as before.
  assert.equal(run(['export', 'soa', 'unit-b', '--format', 'csv'], dir).code, 0);
});

test('the applicable-without-risk message says "but" once', () => {
  const { ws, uri } = workspaceOf({ 'soa.yaml': soaText({ 'A.5.6': '    applicable: true\n    reasons: [risk]\n' }), 'risks.yaml': RISKS });
  const f = computeFindings(ws, uri('soa.yaml')).find((x) => x.code === 'soa/applicable-without-risk');
  assert.ok(f);
  assert.equal(f.message.match(/\bbut\b/g)?.length, 1, f.message);
});
