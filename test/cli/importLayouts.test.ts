// `isms-author import soa|risks` on the layouts real SoAs and risk registers come in (issue 14),
// with fixtures written here: an XLSX template with title rows, theme rows between controls,
// trailing tabs, question headers, a maturity scale, an ID whose title names another control and
// formatting down to row 3000; a Markdown handbook with one table per theme; a German CSV with
// mixed numbering; a risk register with word scales. Each import must keep every decision and
// justification, report every mapping and disagreement, and give files that `check` reads with no
// structural finding.
import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { runImport } from '../../server/src/cli/import';
import { applicableValue, parseSoa, type SoaEntry } from '../../server/src/core/soa';
import { parseRiskRegister } from '../../server/src/core/risks';
import { CLI, cliEnv } from '../helpers';

const run = promisify(execFile);
let tmp: string;
before(async () => { tmp = await mkdtemp(path.join(tmpdir(), 'isms-import-layouts-')); });
after(async () => { await rm(tmp, { recursive: true, force: true }); });

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { cwd, env: cliEnv() });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? 2, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** Codes that mean the importer wrote something the checker cannot read as intended. */
const STRUCTURAL = /^(file\/syntax|soa\/invalid-value|soa\/unknown-field|soa\/duplicate-control|soa\/status-conflict|risk\/invalid-value|risk\/duplicate-risk|config\/invalid)$/;

async function checkCodes(dir: string): Promise<string[]> {
  const r = await cli(['check', '.', '--format', 'json', '--no-cache', '--today', '2026-12-01'], dir);
  assert.ok(r.code === 0 || r.code === 1, `check ran (exit ${r.code}): ${r.stderr}`);
  const findings = (JSON.parse(r.stdout) as { findings?: { code: string }[] } | { code: string }[]);
  const list = Array.isArray(findings) ? findings : findings.findings ?? [];
  return list.map((f) => f.code);
}

const text = (e: SoaEntry | undefined, k: 'status' | 'justification' | 'owner'): string | undefined => e?.[k]?.value;

async function templateWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('SoA 2022');
  ws.addRow(['Statement of Applicability']);
  ws.addRow(['ISO/IEC 27001:2022 Annex A']);
  ws.addRow(['Organisation:', 'Fjord Analytics AS']);
  ws.addRow([]);
  ws.addRow(['Control No.', 'Control Title', 'Is Control Applicable? ', 'Justification for the Inclusion/Exclusion', 'Implementation Status\t', 'Control Owner']);
  ws.addRow(['5 Organizational Controls']);
  ws.mergeCells('A6:F6');
  ws.addRow(['A.5.1 Policies for Information Security', 'Policies for Information Security', 'Yes\t', 'Board approves the policy set every year\t', 'Established\t', 'CISO']);
  ws.addRow(['A.5.2', 'Information security roles and responsibilities', 'Yes', 'Roles are needed for the ISMS to work', 'In Progress', 'CEO']);
  ws.addRow(['A.5.3', 'Segregation of duties', 'No', '[Provide justification]', 'Not Applicable', '']);
  ws.addRow(['A.5.7', 'Threat intelligence', 'Yes', 'Customers ask for threat monitoring', 'Pending', 'SOC lead']);
  ws.addRow(['A.5.9', 'Access control', 'Yes', 'Asset inventory feeds the risk assessment', 'Absent', 'IT']);
  ws.addRow(['6 People Controls']);
  ws.mergeCells('A12:F12');
  ws.addRow(['A.6.1', 'Screening', 'Yes', 'Staff handle customer payment data', 'Operational', 'HR']);
  ws.addRow(['A.12.3.1', 'Information backup', 'Yes', 'Backups protect customer analytics data', 'Advanced', 'IT']);
  ws.addRow(['A.8.1', 'User endpoint devices', 'Yes', 'Laptops hold customer extracts', 'Established', 'IT']);
  ws.addRow(['A.7.4', 'Physical security monitoring', 'No', 'We have no premises; staff work from home and the data centre is the provider\'s', 'Not Applicable', '']);
  // Formatting far below the data: the sheet reports thousands of rows that hold nothing.
  ws.getCell('A3000').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  const scale = wb.addWorksheet('Status list');
  for (const s of ['Status', 'Pending', 'Absent', 'In Progress', 'Established', 'Operational', 'Advanced', 'Not Applicable']) scale.addRow([s]);
  await wb.xlsx.writeFile(file);
}

describe('import soa: XLSX template with title rows, theme rows, trailing tabs, question headers and a maturity scale', () => {
  let result: Awaited<ReturnType<typeof runImport>>;
  let byId: Map<string, SoaEntry>;
  let dir: string;
  before(async () => {
    dir = path.join(tmp, 'template');
    await mkdir(dir, { recursive: true });
    const file = path.join(tmp, 'soa-template.xlsx');
    await templateWorkbook(file);
    result = await runImport({ kind: 'soa', file, output: path.join(dir, 'soa.yaml'), force: false });
    const soa = parseSoa(await readFile(path.join(dir, 'soa.yaml'), 'utf8'));
    assert.deepEqual(soa.errors, []);
    byId = new Map(soa.entries.map((e) => [e.id, e]));
  });

  it('finds the header under the title rows and counts only the filled rows', () => {
    assert.ok(result.report.includes('Read soa-template.xlsx, sheet "SoA 2022": header on row 5, 11 filled rows below it.'), result.report.join('\n'));
    assert.ok(result.report.some((l) => l.startsWith('Not imported: sheet "Status list"')), 'the scale sheet is named as not imported');
    assert.match(result.yaml, /^organization: Fjord Analytics AS$/m, 'the cover block gives the organisation');
  });

  it('recognises the question headers and says how each column was used', () => {
    for (const line of [
      'Column "Control No." -> id.',
      'Column "Is Control Applicable?" -> applicable.',
      'Column "Justification for the Inclusion/Exclusion" -> justification.',
      'Column "Implementation Status" -> status.',
      'Column "Control Owner" -> owner.',
    ]) assert.ok(result.report.includes(line), `${line}\n${result.report.join('\n')}`);
    assert.ok(result.report.some((l) => l.startsWith('Column "Control Title" -> title')));
  });

  it('keeps every applicability decision and justification, trailing tabs removed', () => {
    const expected: [string, boolean, string][] = [
      ['A.5.1', true, 'Board approves the policy set every year'],
      ['A.5.2', true, 'Roles are needed for the ISMS to work'],
      ['A.5.3', false, '[Provide justification]'],
      ['A.5.7', true, 'Customers ask for threat monitoring'],
      ['A.5.9', true, 'Asset inventory feeds the risk assessment'],
      ['A.6.1', true, 'Staff handle customer payment data'],
      ['A.8.13', true, 'Backups protect customer analytics data'],
      ['A.8.1', true, 'Laptops hold customer extracts'],
      ['A.7.4', false, 'We have no premises; staff work from home and the data centre is the provider\'s'],
    ];
    for (const [id, applicable, justification] of expected) {
      assert.equal(applicableValue(byId.get(id)!), applicable, `${id} applicable`);
      assert.equal(text(byId.get(id), 'justification'), justification, `${id} justification`);
    }
    assert.equal(byId.size, expected.length);
  });

  it('maps the maturity scale to statuses, keeps the original and reports the mapping', () => {
    const status: [string, string | undefined][] = [['A.5.1', 'implemented'], ['A.5.2', 'partial'], ['A.5.7', 'planned'], ['A.5.9', 'not-started'], ['A.6.1', 'implemented'], ['A.8.13', 'implemented'], ['A.5.3', undefined]];
    for (const [id, s] of status) assert.equal(text(byId.get(id), 'status'), s, id);
    for (const [raw, to] of [['Established', 'implemented'], ['In Progress', 'partial'], ['Pending', 'planned'], ['Absent', 'not-started'], ['Operational', 'implemented'], ['Advanced', 'implemented'], ['Not Applicable', 'excluded (applicable: false)']]) {
      assert.ok(result.report.some((l) => l.startsWith(`Status "${raw}" -> ${to} (`)), `${raw}\n${result.report.join('\n')}`);
    }
    assert.match(result.yaml, /status: implemented # "Established"/);
    assert.match(result.yaml, /applicable: false # status "Not Applicable"/);
    assert.ok(!result.report.some((l) => /not understood/.test(l)), result.report.join('\n'));
  });

  it('resolves the edition per row: A.5.1 with its 2022 title stays, A.12.3.1 is converted, A.8.1 stays 2022', () => {
    assert.ok(byId.has('A.5.1'), 'A.5.1 "Policies for Information Security" is the 2022 control, not a 2013 heading');
    assert.ok(result.report.includes('Row 14: converted A.12.3.1 (2013: Information backup) -> A.8.13.'), result.report.join('\n'));
    assert.ok(result.report.some((l) => l.startsWith('The table uses ISO/IEC 27001:2022 IDs')));
  });

  it('reports the ID whose title names another control, with both titles, and keeps the ID', () => {
    const line = result.report.find((l) => l.startsWith('Row 11: ID A.5.9 but title "Access control"'));
    assert.ok(line, result.report.join('\n'));
    assert.match(line, /title of A\.5\.15 \(Access control\)/);
    assert.match(line, /A\.5\.9 is "Inventory of information and other associated assets"/);
    assert.match(result.yaml, /# the table's title for A\.5\.9 was "Access control", the title of A\.5\.15; ID kept as written\n {2}A\.5\.9:/);
  });

  it('reports theme rows and template placeholders instead of dropping them silently', () => {
    assert.ok(result.report.includes('Row 6: "5 Organizational Controls" is a heading between controls, not a control; nothing to import.'), result.report.join('\n'));
    assert.ok(result.report.some((l) => l.startsWith('Row 12: "6 People Controls" is a heading')));
    assert.ok(result.report.some((l) => l.includes('"[Provide justification]" is template text')));
  });

  it('gives an SoA that check reads without a structural finding', async () => {
    const codes = await checkCodes(dir);
    assert.deepEqual(codes.filter((c) => STRUCTURAL.test(c)), []);
    assert.ok(codes.includes('soa/missing-control'), 'the controls the sheet does not list are reported by check');
  });
});

const HANDBOOK = `# Information Security Handbook: Statement of Applicability

Owner: Security team. This page is the SoA; the tables below are split by theme.

## Legend

| Status | Meaning |
|---|---|
| Implemented | In place and operating |
| Partial | Being rolled out |

## Organizational controls

| ID | Title | Applicable | Justification | Status |
|----|-------|------------|---------------|--------|
| **A.5.1** | Policies for information security | Yes | Policies steer the whole ISMS | Implemented |
| **A.5.15** | Access control | Yes | Customer data needs role-based access | Partial |
| **A.5.8** | Information security in project management | No | We run no projects; all work is routine operations of one service | N/A |

## Technological controls

| ID | Title | Applicable | Justification | Status |
|----|-------|------------|---------------|--------|
| A.8.2 | Privileged access rights | yes | Admins reach production through \`bastion\` only | Planned |
| A.8.24 | Use of cryptography | ✓ | Data at rest and in transit is encrypted ([policy](policies/crypto.md)) | In progress |

## Approvals

| Role | Name |
|---|---|
| CISO | Kari Nordmann |
`;

describe('import soa: Markdown handbook with one table per theme', () => {
  it('imports every table with the SoA columns, says which tables it used and which it did not', async () => {
    const dir = path.join(tmp, 'handbook');
    await mkdir(dir, { recursive: true });
    const file = path.join(tmp, 'handbook-soa.md');
    await writeFile(file, HANDBOOK);
    const { report, yaml } = await runImport({ kind: 'soa', file, output: path.join(dir, 'soa.yaml'), force: false });
    const soa = parseSoa(yaml);
    const byId = new Map(soa.entries.map((e) => [e.id, e]));
    assert.deepEqual(soa.entries.map((e) => e.id), ['A.5.1', 'A.5.8', 'A.5.15', 'A.8.2', 'A.8.24']);
    assert.equal(applicableValue(byId.get('A.5.8')!), false);
    assert.equal(text(byId.get('A.5.8'), 'justification'), 'We run no projects; all work is routine operations of one service');
    assert.equal(text(byId.get('A.8.2'), 'justification'), 'Admins reach production through bastion only', 'code spans keep their text');
    assert.equal(text(byId.get('A.8.24'), 'status'), 'partial');
    assert.equal(applicableValue(byId.get('A.8.24')!), true, 'a tick is yes');
    assert.ok(report.includes('Read handbook-soa.md, table 2 (line 14, under "Organizational controls"): header on line 14, 3 filled rows below it.'), report.join('\n'));
    assert.ok(report.some((l) => l.startsWith('Read handbook-soa.md, table 3 (line 22, under "Technological controls")')));
    assert.ok(report.some((l) => l.startsWith('Not imported: table 1 (line 7, under "Legend")')));
    assert.ok(report.some((l) => l.startsWith('Not imported: table 4 (line 29, under "Approvals")')));
    assert.ok(report.includes('Column "ID" -> id.'));
    const codes = await checkCodes(dir);
    assert.deepEqual(codes.filter((c) => STRUCTURAL.test(c)), []);
  });
});

describe('import soa: German CSV with mixed numbering and 2013 IDs in a 2022 sheet', () => {
  it('reads every numbering form, keeps the sheet 2022 and converts the few 2013 IDs', async () => {
    const csv = [
      'Erklärung zur Anwendbarkeit;;;;;',
      'Nr.;Maßnahme;Ist die Maßnahme anwendbar?;Begründung für Auswahl oder Ausschluss;Umsetzungsgrad;Verantwortlich',
      '5.1;Informationssicherheitsrichtlinien;Ja;Geschäftsführung gibt Richtlinien vor;Umgesetzt;ISB',
      'A 5.2;Rollen und Verantwortlichkeiten;ja;Rollen sind benannt;Teilweise umgesetzt;GF',
      'A.05.03;Aufgabentrennung;Nein;"Zwei Beschäftigte; Vier-Augen-Prinzip nicht umsetzbar, Ausgleich durch Protokolle";Nicht anwendbar;',
      'Annex A 5.4;Pflichten der Leitung;J;Leitung trägt Verantwortung;Geplant;GF',
      'A.8.2;Privileged access rights;Ja;Adminrechte nur über Bastion;Umgesetzt;IT',
      'A.8.1;;Ja;Laptops mit Kundendaten;Umgesetzt;IT',
      'A.9.4.2;Secure log-on procedures;Ja;Anmeldung nur mit MFA;Umgesetzt;IT',
    ].join('\n');
    const file = path.join(tmp, 'soa-de.csv');
    await writeFile(file, csv);
    const dir = path.join(tmp, 'de');
    const { report, yaml } = await runImport({ kind: 'soa', file, output: path.join(dir, 'soa.yaml'), force: false });
    const byId = new Map(parseSoa(yaml).entries.map((e) => [e.id, e]));
    assert.deepEqual([...byId.keys()], ['A.5.1', 'A.5.2', 'A.5.3', 'A.5.4', 'A.8.1', 'A.8.2', 'A.8.5']);
    assert.equal(applicableValue(byId.get('A.5.3')!), false);
    assert.equal(text(byId.get('A.5.3'), 'justification'), 'Zwei Beschäftigte; Vier-Augen-Prinzip nicht umsetzbar, Ausgleich durch Protokolle');
    assert.equal(text(byId.get('A.5.2'), 'status'), 'partial');
    assert.equal(text(byId.get('A.5.4'), 'status'), 'planned');
    assert.equal(text(byId.get('A.8.1'), 'justification'), 'Laptops mit Kundendaten', 'A.8.1 without a title follows the 2022 sheet');
    assert.ok(report.includes('Column "Ist die Maßnahme anwendbar?" -> applicable.'), report.join('\n'));
    assert.ok(report.includes('Column "Begründung für Auswahl oder Ausschluss" -> justification.'));
    assert.ok(report.includes('Column "Umsetzungsgrad" -> status.'));
    assert.ok(report.some((l) => l.startsWith('Row 9: converted A.9.4.2 (2013: Secure log-on procedures) -> A.8.5.')), report.join('\n'));
    assert.ok(report.some((l) => /^The table uses ISO\/IEC 27001:2022 IDs \(\d+ rows\); its 1 2013 IDs are converted/.test(l)), report.join('\n'));
  });
});

async function riskWorkbook(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Risk register');
  ws.addRow(['Risk Register 2026']);
  ws.addRow([]);
  ws.addRow(['Risk Ref', 'Asset', 'Threat', 'Description', 'Likelihood', 'Impact', 'Score', 'Level', 'Status', 'Risk Owner', 'Treatment', 'Controls', 'Review Date']);
  ws.addRow(['RISK-001', 'Customer database', 'Credential theft', 'Stolen admin credentials expose customer records', 'Likely', 'Very high', 20, 'Critical', 'Open', 'CTO', 'Reduce', 'A.5.15, A.8.2, A.8.5', new Date(Date.UTC(2027, 2, 31))]);
  ws.addRow(['R-02', 'Office', 'Burglary', 'Laptops stolen from the office', 'Rare', 'Minor', 2, 'Low', 'Accepted', 'Office manager', 'Retain', '', new Date(Date.UTC(2027, 0, 15))]);
  ws.addRow(['R3', 'Payments', 'Card fraud', 'Card data handled by our staff', 'Almost certain', 'Moderate', 15, 'High', 'Closed', 'CFO', 'Terminate', '', '2026-12-01']);
  ws.addRow(['7', 'Backups', 'Ransomware', 'Backups encrypted together with production', '4', 'Severe', 20, 'Critical', 'In treatment', 'IT lead', 'Modify', '5.17 / 8.13; A.12.3.1', '']);
  ws.addRow(['R-08', 'Supplier portal', 'Supplier breach', 'A breach at our hosting provider', 'Possible', 'Major', 12, 'High', 'Open', 'CISO', 'Share (cyber insurance)', 'A.5.19-A.5.22, A.99.1', '']);
  ws.addRow(['R-09', 'Source code', 'Leak', 'Repository made public by mistake', 'Unlikely', 'Moderate', 6, 'Medium', 'Open', 'CTO', 'Treat', 'MFA everywhere', '']);
  ws.addRow(['', 'Printers', '', 'Follow-up of R-02 without its own ID', '', '', '', '', '', '', '', '', '']);
  await wb.xlsx.writeFile(file);
}

describe('import risks: XLSX register with word scales, IDs of any form and controls in any form', () => {
  it('maps IDs, words, treatments and controls, and reports each mapping', async () => {
    const file = path.join(tmp, 'risks.xlsx');
    await riskWorkbook(file);
    const dir = path.join(tmp, 'risks');
    await mkdir(dir, { recursive: true });
    const { report, yaml } = await runImport({ kind: 'risks', file, output: path.join(dir, 'risks.yaml'), force: false });
    const reg = parseRiskRegister(yaml);
    assert.deepEqual(reg.errors, []);
    const byId = new Map(reg.risks.map((r) => [r.id, r]));
    assert.deepEqual([...byId.keys()], ['RISK-001', 'R-02', 'R3', 'R-7', 'R-08', 'R-09']);
    const r1 = byId.get('RISK-001')!;
    assert.equal(r1.title?.value, 'Credential theft (Customer database)');
    assert.equal(r1.likelihood?.value, 4);
    assert.equal(r1.impact?.value, 5);
    assert.equal(r1.treatment?.value, 'mitigate');
    assert.deepEqual(r1.controls.map((c) => c.id), ['A.5.15', 'A.8.2', 'A.8.5']);
    assert.match(yaml, /likelihood: 4 # "Likely"/);
    assert.match(yaml, /review: 2027-03-31/);
    assert.equal(byId.get('R-02')!.treatment?.value, 'accept');
    assert.equal(byId.get('R-02')!.likelihood?.value, 1);
    assert.equal(byId.get('R-02')!.impact?.value, 2);
    assert.equal(byId.get('R3')!.treatment?.value, 'avoid');
    assert.equal(byId.get('R3')!.likelihood?.value, 5);
    assert.equal(byId.get('R-7')!.likelihood?.value, 4);
    assert.deepEqual(byId.get('R-7')!.controls.map((c) => c.id), ['A.5.17', 'A.8.13']);
    assert.equal(byId.get('R-08')!.treatment?.value, 'transfer');
    assert.deepEqual(byId.get('R-08')!.controls.map((c) => c.id), ['A.5.19', 'A.5.20', 'A.5.21', 'A.5.22']);
    assert.equal(byId.get('R-09')!.treatment?.value, 'mitigate');
    assert.match(yaml, /x-controls: MFA everywhere/);
    for (const line of [
      'Column "Risk Ref" -> id.', 'Column "Likelihood" -> likelihood.', 'Column "Impact" -> impact.', 'Column "Risk Owner" -> owner.',
      'Column "Treatment" -> treatment.', 'Column "Controls" -> controls.', 'Column "Review Date" -> review.',
    ]) assert.ok(report.includes(line), `${line}\n${report.join('\n')}`);
    for (const prefix of ['Likelihood "Likely" -> 4', 'Likelihood "Almost certain" -> 5', 'Impact "Very high" -> 5', 'Treatment "Reduce" -> mitigate',
      'Treatment "Retain" -> accept', 'Treatment "Share (cyber insurance)" -> transfer', 'Treatment "Terminate" -> avoid']) {
      assert.ok(report.some((l) => l.startsWith(prefix)), `${prefix}\n${report.join('\n')}`);
    }
    assert.ok(report.some((l) => l.includes('prefixed with R- (7 -> R-7)')), report.join('\n'));
    assert.ok(report.some((l) => l.includes('converted A.12.3.1 (2013) -> A.8.13')), report.join('\n'));
    assert.ok(report.some((l) => l.includes('A.99.1 is not an ISO/IEC 27001:2022 control')), report.join('\n'));
    assert.ok(report.some((l) => l.startsWith('Row 10 not imported: no risk ID')), report.join('\n'));
    const codes = await checkCodes(dir);
    assert.deepEqual(codes.filter((c) => STRUCTURAL.test(c)), []);
  });
});

describe('import: command line', () => {
  it('--dry-run prints the mapping and the YAML and writes nothing', async () => {
    const dir = path.join(tmp, 'dry');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'handbook.md'), HANDBOOK);
    const r = await cli(['import', 'soa', 'handbook.md', '--dry-run'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Column "Justification" -> justification\./);
    assert.match(r.stdout, /--- soa\.yaml \(not written\) ---\n# Statement of Applicability/);
    assert.match(r.stdout, /Dry run: 5 controls would be written to soa\.yaml; nothing was written\./);
    assert.equal(existsSync(path.join(dir, 'soa.yaml')), false);
  });

  it('--map overrides the recognition, -o names the output, --force overwrites', async () => {
    const dir = path.join(tmp, 'map');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'sheet.csv'), 'Ctl,Decision,Why,Notes\nA.5.1,Yes,Policies steer the ISMS,keep\nA.5.2,No,Two people run the company; roles are shared,\n');
    const r = await cli(['import', 'soa', 'sheet.csv', '--map', 'Ctl=id', '--map', 'Decision=applicable', '--map', 'Why=justification', '--map', 'Notes=ignore', '-o', 'out/my.soa.yaml'], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Column "Decision" -> applicable \(--map\)\./);
    assert.match(r.stdout, /Column "Notes" ignored \(--map\)\./);
    const soa = parseSoa(await readFile(path.join(dir, 'out/my.soa.yaml'), 'utf8'));
    assert.equal(applicableValue(soa.entries[1]), false);
    assert.equal(soa.entries[1].justification?.value, 'Two people run the company; roles are shared');
    const again = await cli(['import', 'soa', 'sheet.csv', '--map', 'Ctl=id', '-o', 'out/my.soa.yaml'], dir);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /already exists; pass --force/);
    const forced = await cli(['import', 'soa', 'sheet.csv', '--map', 'Ctl=id', '--map', 'Decision=applicable', '-o', 'out/my.soa.yaml', '--force'], dir);
    assert.equal(forced.code, 0, forced.stderr);
    const bad = await cli(['import', 'soa', 'sheet.csv', '--map', 'Ctl=colour'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /"colour" is not a field/);
  });

  it('a missing input is reported as missing, even where soa.yaml exists (issue 20)', async () => {
    const dir = path.join(tmp, 'missing');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'soa.yaml'), 'controls: {}\n');
    const r = await cli(['import', 'soa', 'missing.csv'], dir);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /missing\.csv not found/);
    assert.doesNotMatch(r.stderr, /already exists/);
    assert.equal(await readFile(path.join(dir, 'soa.yaml'), 'utf8'), 'controls: {}\n');
  });

  it('a binary file, a folder and an unknown kind get clear messages', async () => {
    const dir = path.join(tmp, 'bad');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'blob.csv'), Buffer.from([0, 1, 2, 3, 0, 255]));
    assert.match((await cli(['import', 'soa', 'blob.csv'], dir)).stderr, /binary file/);
    assert.match((await cli(['import', 'soa', '.'], dir)).stderr, /is a folder/);
    const usage = await cli(['import', 'assets', 'x.csv'], dir);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /import soa\|risks/);
    await writeFile(path.join(dir, 'broken.xlsx'), 'not a zip');
    assert.match((await cli(['import', 'soa', 'broken.xlsx'], dir)).stderr, /could not be read as an Excel workbook/);
  });
});
