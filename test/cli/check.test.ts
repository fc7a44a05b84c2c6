// The bundled CLI (dist/cli.js) on fixture workspaces: output lines, exit codes, formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { soaText, RISKS } from '../helpers';

const CLI = path.resolve('dist/cli.js');
const EXAMPLE = path.resolve('examples/acme-isms');
const run = (args: string[], cwd = EXAMPLE) => {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
const FRONT = '---\ntitle: P\nowner: O\napproved-by: A\nversion: "1"\neffective: 2026-01-01\nnext-review: 2027-01-01\ncontrols: [A.5.15]\n---\n';

function fixture(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'isms-cli-'));
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), text);
  }
  return dir;
}

test('text output on the example: file:line:col severity code message, exit 1', () => {
  const r = run(['check', '.', '--today', '2026-11-22']);
  assert.equal(r.code, 1, r.err);
  const lines = r.out.trim().split('\n');
  assert.ok(lines.includes('policies/access-control.md:48:32 warning ref/legacy-control A.9.2.3 Management of privileged access rights is an ISO/IEC 27001:2013 control; its 2022 successor is A.8.2 Privileged access rights.') || lines.some((l) => /^policies\/access-control\.md:48:\d+ warning ref\/legacy-control A\.9\.2\.3 /.test(l)), r.out);
  for (const code of ['soa/excluded-without-justification', 'soa/applicable-without-risk', 'ref/unknown-risk', 'ref/missing-file', 'ref/unknown-control', 'policy/review-overdue', 'risk/untreated']) {
    assert.ok(lines.some((l) => l.split(' ')[2] === code), code);
  }
  assert.equal(lines.length, 9, 'eight findings and a summary line');
  assert.match(lines[8], /^8 problems \(4 errors, 4 warnings, 0 info, 0 hints\)$/);
});

test('a clean workspace exits 0', () => {
  const dir = fixture({ 'soa.yaml': soaText(), 'risks.yaml': RISKS, 'policies/p.md': FRONT + 'Access control A.5.15.\n' });
  const r = run(['check', dir, '--today', '2026-11-22']);
  assert.equal(r.code, 0, r.out);
  assert.equal(r.out, 'No problems found.\n');
});

test('--fail-on warning and --max-warnings', () => {
  const dir = fixture({ 'soa.yaml': soaText({ 'A.5.6': '    applicable: true\n' }), 'risks.yaml': RISKS });
  assert.equal(run(['check', dir]).code, 0, 'warnings alone pass by default');
  assert.equal(run(['check', dir, '--fail-on', 'warning']).code, 1);
  assert.equal(run(['check', dir, '--max-warnings', '0']).code, 1);
  assert.equal(run(['check', dir, '--max-warnings', '1']).code, 0);
});

test('--format json', () => {
  const r = run(['check', '--format', 'json', '--today', '2026-11-22']);
  const json = JSON.parse(r.out);
  assert.deepEqual(json.summary, { error: 4, warning: 4, info: 0, hint: 0 });
  const f = json.findings.find((x: { code: string }) => x.code === 'ref/unknown-control');
  assert.deepEqual(Object.keys(f).sort(), ['code', 'column', 'data', 'endColumn', 'endLine', 'file', 'line', 'message', 'severity', 'uri']);
  assert.equal(f.file, 'policies/secure-development.md');
  assert.deepEqual(f.data.suggestions.slice(0, 1), ['A.8.25']);
});

test('--format sarif validates against the SARIF 2.1.0 schema', () => {
  const r = run(['check', '--format', 'sarif', '--today', '2026-11-22']);
  const sarif = JSON.parse(r.out) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[]; tool: { driver: { rules: { help: { text: string } }[] } } }[] };
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  const validate = ajv.compile(schema);
  assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
  const run0 = sarif.runs[0];
  assert.equal(run0.results.length, 8);
  assert.ok(run0.tool.driver.rules.every((rule: { help: { text: string } }) => rule.help.text.length > 20));
  const region = run0.results.find((x: { ruleId: string }) => x.ruleId === 'ref/legacy-control')!.locations[0].physicalLocation;
  assert.equal(region.artifactLocation.uri, 'policies/access-control.md');
  assert.equal(region.region.startLine, 48);
});

test('--format github prints workflow annotations', () => {
  const r = run(['check', '--format', 'github', '--today', '2026-11-22']);
  assert.match(r.out, /^::error file=soa\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=soa\/excluded-without-justification::/m);
  assert.match(r.out, /^::warning file=policies\/access-control\.md,line=48,/m);
});

test('given only a changed file, it still checks it against its SoA', () => {
  const excluded = '    applicable: false\n    justification: No premises of our own; staff work from home offices.\n';
  const dir = fixture({ 'soa.yaml': soaText({ 'A.7.4': excluded }), 'risks.yaml': RISKS, 'policies/p.md': FRONT + 'CCTV (A.7.4)\n', 'policies/q.md': FRONT + 'See A.9.2.3\n' });
  const r = run(['check', 'policies/p.md'], dir);
  assert.equal(r.code, 0, 'a warning only');
  assert.match(r.out, /^policies\/p\.md:10:7 warning policy\/excluded-control-cited /m);
  assert.doesNotMatch(r.out, /q\.md/, 'other files are not reported');
});

test('usage errors exit 2 with one line and no stack trace', () => {
  for (const args of [['check', '--bogus'], ['check', 'no/such/folder'], ['frobnicate'], ['check', '--format', 'xml'], []]) {
    const r = run(args);
    assert.equal(r.code, 2, args.join(' '));
    assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
  }
});

test('show prints a control, a 2013 control and a clause', () => {
  assert.match(run(['show', 'A.5.15']).out, /Access control/);
  assert.match(run(['show', 'A.9.2.3']).out, /A\.8\.2/);
  assert.match(run(['show', '6.1.3']).out, /risk treatment/i);
  assert.equal(run(['show', 'A.99.1']).code, 2);
});

test('a second run with nothing changed reuses the cached findings; any change invalidates them', () => {
  const dir = fixture({ 'soa.yaml': soaText({ 'A.5.6': '    applicable: true\n' }), 'risks.yaml': RISKS });
  const cache = mkdtempSync(path.join(tmpdir(), 'isms-cache-'));
  const env = { ...process.env, NO_COLOR: '1', ISMS_CACHE_DIR: cache };
  const go = () => spawnSync(process.execPath, [CLI, 'check', dir], { encoding: 'utf8', env }).stdout;
  const first = go();
  assert.equal(readdirSync(cache).length, 1, 'the cache is written outside the workspace');
  assert.equal(go(), first);
  writeFileSync(path.join(dir, 'soa.yaml'), soaText());
  assert.equal(go(), 'No problems found.\n');
});

test('a folder whose name has characters that URIs encode (+, parentheses, @, space) is checked like any other', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'isms-cli-')), 'Acme ISMS+(copy)@2');
  cpSync(EXAMPLE, dir, { recursive: true });
  const r = run(['check', '.', '--today', '2026-11-22', '--no-cache'], dir);
  assert.match(r.out.trim().split('\n').pop()!, /^8 problems /, r.out);
});
