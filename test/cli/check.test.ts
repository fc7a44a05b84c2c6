// The bundled CLI (dist/cli.js) on fixture workspaces: output lines, exit codes, formats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import Ajv from 'ajv-draft-04';
import { bundleCli } from '../../scripts/bundle-cli.mjs';
import { CLI, runCli, soaText, RISKS } from '../helpers';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/acme-isms');
const run = (args: string[], cwd = EXAMPLE) => runCli(args, { cwd });
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
  assert.deepEqual(Object.keys(f).sort(), ['code', 'column', 'data', 'endColumn', 'endLine', 'file', 'line', 'message', 'related', 'severity', 'uri']);
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

test('one finding for a shared cause lists its related places in text, json, sarif and github', () => {
  // No risk register: every applicable control without another reason has one cause.
  const bare = (ids: string[]) => Object.fromEntries(ids.map((id) => [id, '    applicable: true\n    status: planned\n']));
  const text = soaText(bare(['A.5.6', 'A.5.7', 'A.8.30']), 'standard: ISO/IEC 27001:2022\n');
  const dir = fixture({ 'soa.yaml': text });
  const lines = run(['check', dir, '--today', '2026-11-22'], dir).out.trim().split('\n');
  const line = (id: string) => text.split('\n').indexOf(`  ${id}:`) + 1;
  assert.deepEqual(lines, [
    `soa.yaml:${line('A.5.1') - 1}:1 warning soa/applicable-without-risk There is no risk register in this scope, so 3 applicable controls trace to no risk and record no other reason (A.5.6, A.5.7, A.8.30). Create risks.yaml (or point the \`risks\` globs of isms.config.yaml at your register) and link each control to the risks it treats, or record a reason such as legal or contractual.`,
    `  - soa.yaml:${line('A.5.6')}:3: A.5.6 Contact with special interest groups: applicable, no risk linked and no other reason recorded`,
    `  - soa.yaml:${line('A.5.7')}:3: A.5.7 Threat intelligence: applicable, no risk linked and no other reason recorded`,
    `  - soa.yaml:${line('A.8.30')}:3: A.8.30 Outsourced development: applicable, no risk linked and no other reason recorded`,
    '1 problem (0 errors, 1 warning, 0 info, 0 hints)',
  ]);
  const json = JSON.parse(run(['check', dir, '--format', 'json', '--today', '2026-11-22'], dir).out);
  assert.deepEqual(json.findings[0].related.map((r: { file: string; line: number; column: number }) => [r.file, r.line, r.column]), [['soa.yaml', line('A.5.6'), 3], ['soa.yaml', line('A.5.7'), 3], ['soa.yaml', line('A.8.30'), 3]]);
  assert.deepEqual(json.findings[0].data.affected, ['A.5.6', 'A.5.7', 'A.8.30']);
  const sarif = JSON.parse(run(['check', dir, '--format', 'sarif', '--today', '2026-11-22'], dir).out) as { runs: { results: { relatedLocations: { id: number; physicalLocation: { region: { startLine: number } }; message: { text: string } }[] }[] }[] };
  const schema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'));
  const validate = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false }).compile(schema);
  assert.ok(validate(sarif), JSON.stringify(validate.errors?.slice(0, 3)));
  const related = sarif.runs[0].results[0].relatedLocations;
  assert.deepEqual(related.map((r: { id: number; physicalLocation: { region: { startLine: number } }; message: { text: string } }) => [r.id, r.physicalLocation.region.startLine, r.message.text.split(' ')[0]]), [[1, line('A.5.6'), 'A.5.6'], [2, line('A.5.7'), 'A.5.7'], [3, line('A.8.30'), 'A.8.30']]);
  const gh = run(['check', dir, '--format', 'github', '--today', '2026-11-22'], dir).out;
  assert.match(gh, new RegExp(`%0A- soa.yaml%3A${line('A.5.6')}%3A3%3A A.5.6 Contact|%0A- soa.yaml:${line('A.5.6')}:3: A.5.6 Contact`));
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

test('--version prints the version in package.json', () => {
  assert.equal(run(['--version']).out, `${JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../package.json'), 'utf8')).version}\n`);
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
  const go = () => runCli(['check', dir], { env: { ISMS_CACHE_DIR: cache } }).out;
  const first = go();
  assert.equal(readdirSync(cache).length, 1, 'the cache is written outside the workspace');
  const [file] = readdirSync(cache);
  const stamped = readFileSync(path.join(cache, file), 'utf8');
  assert.equal(go(), first);
  // The second run read the cache: its findings, made unmistakable here, come back as written.
  writeFileSync(path.join(cache, file), stamped.replace(/no risk is linked/g, 'CACHED finding'));
  assert.match(go(), /CACHED finding/, 'nothing changed: the findings come from the cache');
  writeFileSync(path.join(dir, 'soa.yaml'), soaText());
  assert.equal(go(), 'No problems found.\n');
});

test('a file that is only known to exist is part of the cache key (a deleted policy PDF is reported)', () => {
  const soa = soaText({ 'A.5.1': '    applicable: true\n    status: implemented\n    reasons: [legal]\n    owner: CISO\n    policies: [policies/security.pdf]\n' });
  const dir = fixture({ 'soa.yaml': soa, 'risks.yaml': RISKS, 'policies/security.pdf': '%PDF-1.4 not text' });
  assert.equal(run(['check', '.'], dir).out, 'No problems found.\n');
  rmSync(path.join(dir, 'policies/security.pdf'));
  assert.match(run(['check', '.'], dir).out, /^soa\.yaml:\d+:\d+ error ref\/missing-file .*security\.pdf/m);
});

test('a changed build never reads the findings another build cached', async () => {
  // The failure this guards against: a build that no longer reports 2013 IDs, run after the
  // current build warmed the cache, used to print the current build's findings.
  const dir = fixture({ 'soa.yaml': soaText(), 'risks.yaml': RISKS, 'policies/p.md': FRONT + 'Access control A.5.15; formerly A.9.2.3.\n' });
  const cache = mkdtempSync(path.join(tmpdir(), 'isms-cache-'));
  const env = { ISMS_CACHE_DIR: cache };
  const current = runCli(['check', dir, '--today', '2026-11-22'], { env });
  assert.match(current.out, /ref\/legacy-control A\.9\.2\.3/);
  assert.equal(readdirSync(cache).length, 1, 'the current build cached its findings');

  const out = mkdtempSync(path.join(tmpdir(), 'isms-variant-'));
  let patched = false;
  const variantHash = await bundleCli(path.join(out, 'cli.js'), {
    plugins: [{
      name: 'drop-legacy-report',
      setup(b) {
        b.onLoad({ filter: /rules[\\/]refRules\.ts$/ }, async (a) => {
          const text = await readFile(a.path, 'utf8');
          const contents = text.replace(/(export function reportLegacy\([^)]*\): void \{)/, '$1 return;');
          patched = contents !== text;
          return { contents, loader: 'ts' as const };
        });
      },
    }],
  });
  assert.ok(patched, 'the variant really differs in its rules');
  assert.ok(!readFileSync(CLI, 'utf8').includes(variantHash), 'the variant carries a build hash of its own');
  const variant = runCli(['check', dir, '--today', '2026-11-22'], { env, cli: path.join(out, 'cli.js') });
  const fresh = runCli(['check', dir, '--today', '2026-11-22', '--no-cache'], { env, cli: path.join(out, 'cli.js') });
  assert.doesNotMatch(fresh.out, /ref\/legacy-control/, 'the variant itself reports no 2013 IDs');
  assert.equal(variant.out, fresh.out, 'the variant computed its findings instead of reading the current build\'s');
  assert.equal(runCli(['check', dir, '--today', '2026-11-22'], { env }).out, current.out, 'the current build still reads its own');
  rmSync(out, { recursive: true, force: true });
});

test('a folder whose name has characters that URIs encode (+, parentheses, @, space) is checked like any other', () => {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'isms-cli-')), 'Acme ISMS+(copy)@2');
  cpSync(EXAMPLE, dir, { recursive: true });
  const r = run(['check', '.', '--today', '2026-11-22', '--no-cache'], dir);
  assert.match(r.out.trim().split('\n').pop()!, /^8 problems /, r.out);
});
