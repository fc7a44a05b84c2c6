// `isms-author import soa`: spreadsheets in the layouts people actually use become a soa.yaml that
// the core parser reads. Two real files come from the CenedrilTeam iso27001-starter-kit
// (github.com/CenedrilTeam/iso27001-starter-kit, licensed CC BY 4.0), read from the repository's
// own unchanged copies in test/fixtures/corpus (see its MANIFEST.tsv); the other fixtures are
// generated here.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import ExcelJS from 'exceljs';
import { runExport } from '../../server/src/cli/export';
import { detectDelimiter, runImport } from '../../server/src/cli/import';
import { normaliseHeader, slug } from '../../server/src/core/import/headers';
import { parseApplicable, parseRiskIds, parseStatus } from '../../server/src/core/import/values';
import { catalogue } from '../../server/src/core/catalogue';
import { applicableValue, parseSoa, type SoaEntry } from '../../server/src/core/soa';

const STARTER_KIT = path.resolve(import.meta.dirname, '../fixtures/corpus/CenedrilTeam__iso27001-starter-kit');
const EN_CSV = path.join(STARTER_KIT, 'registers/statement-of-applicability.csv');
const DE_CSV = path.join(STARTER_KIT, 'registers-de/statement-of-applicability.csv');
const ACME = path.resolve(import.meta.dirname, '../../examples/acme-isms');
const IDS = catalogue.controls.map((c) => c.id);

let tmp: string;
before(async () => { tmp = await mkdtemp(path.join(tmpdir(), 'isms-import-')); });
after(async () => { await rm(tmp, { recursive: true, force: true }); });

async function importTo(file: string, name: string) {
  const output = path.join(tmp, name, 'soa.yaml');
  const result = await runImport({ file, output, force: false });
  const text = await readFile(output, 'utf8');
  const soa = parseSoa(text);
  assert.deepEqual(soa.errors, [], 'the written YAML parses cleanly');
  const byId = new Map(soa.entries.map((e) => [e.id, e]));
  return { ...result, text, soa, byId };
}

const field = (e: SoaEntry | undefined, key: string): string | undefined => {
  if (!e) return undefined;
  switch (key) {
    case 'status': return e.status?.value;
    case 'justification': return e.justification?.value;
    case 'owner': return e.owner?.value;
    case 'evidence': return e.evidence?.value;
    default: return undefined;
  }
};

describe('import soa: starter-kit CSVs (CC BY 4.0, CenedrilTeam/iso27001-starter-kit)', () => {
  it('imports the English SoA with all 93 controls in catalogue order', async () => {
    const { soa, byId, report, text, written } = await importTo(EN_CSV, 'en');
    assert.equal(written, path.join(tmp, 'en', 'soa.yaml'));
    assert.equal(soa.form, 'map');
    assert.equal(soa.entries.length, 93);
    assert.deepEqual(soa.entries.map((e) => e.id), IDS);
    assert.equal(soa.header.get('standard')?.value, 'ISO/IEC 27001:2022');
    const a51 = byId.get('A.5.1')!;
    assert.equal(applicableValue(a51), true);
    assert.equal(field(a51, 'status'), 'implemented');
    assert.equal(field(a51, 'justification'), 'Required by ISO 27001 5.2 and regulatory expectations');
    assert.deepEqual(a51.unknownFields, [], 'unmapped columns become x- fields');
    assert.match(text, /^ {4}x-reference: POL-001$/m);
    assert.match(text, /^ {4}x-implementation-description: Information Security Policy approved by CEO and communicated$/m);
    assert.match(text, /^ {2}# A\.5\.1 Policies for information security \(Organizational\)\n {2}A\.5\.1:$/m);
    const a830 = byId.get('A.8.30')!;
    assert.equal(applicableValue(a830), false);
    assert.equal(a830.status, undefined, '"N/A" status of an excluded control is not copied');
    assert.equal(field(a830, 'justification'), 'No outsourced development');
    assert.equal(field(byId.get('A.8.12'), 'status'), 'partial');
    assert.ok(report.includes('Column "Control ID" -> id.'));
    assert.ok(report.includes('Column "Applicable" -> applicable.'));
    assert.ok(report.includes('Column "Implementation Status" -> status.'));
    assert.ok(report.includes('Column "Reference" kept as x-reference (not a field of soa.yaml).'));
    assert.ok(report.includes('All 93 Annex A controls are present.'));
    // Row 72 of the file has an unquoted comma, so it has one cell more than the header.
    assert.ok(report.some((l) => l.startsWith('Row 72 (A.8.12) has 9 cells')), report.join('\n'));
  });

  it('imports the German SoA (Kontroll-ID, Anwendbar, Begründung, Umsetzungsstatus)', async () => {
    const { soa, byId, report } = await importTo(DE_CSV, 'de');
    assert.equal(soa.entries.length, 93);
    assert.deepEqual(soa.entries.map((e) => e.id), IDS);
    assert.equal(applicableValue(byId.get('A.5.2')!), true);
    assert.equal(field(byId.get('A.5.2'), 'status'), 'implemented');
    assert.equal(field(byId.get('A.5.2'), 'justification'), 'Erforderlich zur Zuweisung von Verantwortlichkeiten');
    assert.equal(applicableValue(byId.get('A.8.30')!), false);
    assert.equal(field(byId.get('A.8.12'), 'status'), 'partial', '"Teilweise umgesetzt"');
    assert.ok(report.includes('Column "Kontroll-ID" -> id.'));
    assert.ok(report.includes('Column "Anwendbar" -> applicable.'));
    assert.ok(report.includes('Column "Begründung" -> justification.'));
    assert.ok(report.includes('Column "Umsetzungsstatus" -> status.'));
    assert.ok(report.includes('Column "Umsetzungsbeschreibung" kept as x-umsetzungsbeschreibung (not a field of soa.yaml).'));
  });
});

describe('import soa: generated XLSX with a cover block and German columns', () => {
  it('finds the header below the cover rows, resolves the ID column and maps values', async () => {
    const file = path.join(tmp, 'de-layout.xlsx');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Deckblatt').getCell('A1').value = 'Nur ein Deckblatt';
    const ws = wb.addWorksheet('SoA');
    ws.addRow(['Erklärung zur Anwendbarkeit']);
    ws.addRow(['Organisation', 'Beispiel GmbH']);
    ws.addRow(['Version: 3.1']);
    ws.addRow(['Freigegeben von', 'Geschäftsführung']);
    ws.addRow([]);
    ws.addRow(['Nr.', 'Maßnahme', 'Anwendbar (Ja/Nein)', 'Begründung', 'Umsetzungsstatus', 'Verantwortlich', 'Risiken', 'Nachweis', 'Dokumente', 'Bemerkung', 'Interne Ref.']);
    ws.addRow(['5.1', 'Informationssicherheitsrichtlinien', 'Ja', 'Vorgabe der Geschäftsführung', 'Umgesetzt', 'ISB', 'R-01, R-02', 'Freigabeprotokoll', 'policies/isp.md; policies/ac.md', 'jährlich prüfen', 'X-1']);
    ws.addRow(['A 5.2', 'Rollen', 'ja', 'Rollen sind benannt', 'Teilweise', 'GF', '', '', 'Rollenkonzept v1.2; policies/roles.md', '', '']);
    ws.addRow(['A.05.03', 'Aufgabentrennung', 'Nein', 'Nur zwei Mitarbeitende; vier Augen nicht möglich', 'N/A', '', '', '', '', '', '']);
    ws.addRow(['A.5.4', 'Verantwortlichkeiten der Leitung', 'x', '', 'Geplant', '', '', '', '', '', '']);
    ws.addRow(['A.5.5', 'Kontakt mit Behörden', 'vielleicht', '', 'Offen', '', '', '', '', '', '']);
    ws.addRow(['A.5.6', 'Kontakt mit Interessengruppen', 'Ja', '', 'irgendwie', '', 'Phishing', '', '', '', '']);
    ws.addRow([8.1, 'Endgeräte', 'Ja', '', 'Umgesetzt', '', '', '', '', '', '']);
    ws.addRow(['8 Technologische Maßnahmen', '', '', '', '', '', '', '', '', '', '']);
    ws.addRow(['A.8.99', 'Gibt es nicht', 'Ja', '', '', '', '', '', '', '', '']);
    ws.addRow([{ richText: [{ text: 'A.8.' }, { text: '2' }] }, 'Privilegierte Zugangsrechte', 'Ja', '', 'Umgesetzt', '', '', '', '', '', '']);
    await wb.xlsx.writeFile(file);

    const { soa, byId, report, text } = await importTo(file, 'xlsx');
    assert.deepEqual(soa.entries.map((e) => e.id), ['A.5.1', 'A.5.2', 'A.5.3', 'A.5.4', 'A.5.5', 'A.5.6', 'A.8.1', 'A.8.2']);
    assert.equal(soa.header.get('organization')?.value, 'Beispiel GmbH');
    assert.equal(soa.header.get('version')?.value, '3.1');
    assert.match(text, /^version: "3\.1"$/m, 'version stays a string');
    assert.equal(soa.header.get('approved-by')?.value, 'Geschäftsführung');
    const a51 = byId.get('A.5.1')!;
    assert.equal(applicableValue(a51), true);
    assert.equal(field(a51, 'status'), 'implemented');
    assert.equal(field(a51, 'owner'), 'ISB');
    assert.deepEqual(a51.risks.map((r) => r.value), ['R-01', 'R-02']);
    assert.deepEqual(a51.policies.map((r) => r.value), ['policies/isp.md', 'policies/ac.md']);
    assert.equal(field(a51, 'evidence'), 'Freigabeprotokoll');
    assert.match(text, /^ {4}notes: jährlich prüfen$/m);
    assert.match(text, /^ {4}x-interne-ref: X-1$/m);
    assert.equal(field(byId.get('A.5.2'), 'status'), 'partial');
    assert.deepEqual(byId.get('A.5.2')!.policies.map((p) => p.value), ['policies/roles.md'], 'only file paths become policies');
    assert.match(text, /x-policies: Rollenkonzept v1\.2/);
    assert.match(text, /x-risks: Phishing/);
    assert.ok(report.some((l) => l.startsWith('Warning: 1 IDs in column "Nr." are stored as numbers')), report.join('\n'));
    assert.equal(applicableValue(byId.get('A.5.3')!), false);
    assert.equal(field(byId.get('A.5.4'), 'status'), 'planned');
    assert.equal(applicableValue(byId.get('A.5.4')!), true, '"x" ticks the box');
    assert.equal(field(byId.get('A.5.5'), 'status'), 'not-started');
    assert.match(text, /x-applicable: vielleicht/);
    assert.match(text, /x-status: irgendwie/);
    assert.equal(field(byId.get('A.8.2'), 'status'), 'implemented', 'rich text IDs are read');
    assert.ok(report.includes('Column "Nr." -> id.'));
    assert.ok(report.some((l) => l.startsWith('Column "Maßnahme" -> title')), 'the Maßnahme column holds titles, not IDs');
    assert.ok(report.includes('Column "Anwendbar (Ja/Nein)" -> applicable.'));
    assert.ok(report.includes('Column "Risiken" -> risks.'));
    assert.ok(report.includes('Column "Nachweis" -> evidence.'));
    assert.ok(report.includes('Column "Dokumente" -> policies.'));
    assert.ok(report.includes('Column "Interne Ref." kept as x-interne-ref (not a field of soa.yaml).'));
    assert.ok(report.some((l) => /sheet "SoA"/.test(l)), 'the sheet with the ID header is used');
    assert.ok(report.some((l) => l.includes('"8 Technologische Maßnahmen" is a heading between controls')));
    assert.ok(report.some((l) => l.includes('A.8.99 is neither an ISO/IEC 27001:2022 nor a 2013 control')));
    assert.ok(report.some((l) => l.includes('"vielleicht" not understood')));
    const missing = report.find((l) => l.startsWith('Missing from the table (85):'));
    assert.ok(missing, report.join('\n'));
    assert.ok(missing.includes('A.5.7, A.5.8'));
  });
});

describe('import soa: generated 2013 CSV (semicolons, Windows-1252)', () => {
  it('converts 2013 IDs to their 2022 successors and merges rows that share one', async () => {
    const file = path.join(tmp, 'soa-2013.csv');
    const csv = [
      'Statement of Applicability;;;;;;;',
      'Control;Title;Applicable (Y/N);Reason for inclusion/exclusion;Implementation status;Owner;Risk IDs;Reasons for selection',
      'A.9.2;User access management;;;;;;',
      'A.9.2.1;User registration and de-registration;Y;Joiners and leavers need accounts;Done;IT;RA-1;RRA, CO',
      'A.9.2.2;User access provisioning;Y;Access follows roles;In progress;IT;RA-1, RA-2;RRA',
      'A.9.2.5;Review of user access rights;Y;Quarterly reviews;Implemented;Security;RA-2;LR',
      'A.11.1.1;Physical security perimeter;N;"Keine eigenen Räume; wir arbeiten remote";N/A;;;',
      'A.99.1.1;Bogus;Y;;;;;',
    ].join('\r\n') + '\r\n';
    await writeFile(file, Buffer.from(csv, 'latin1'));

    const { soa, byId, report, text } = await importTo(file, 'legacy');
    assert.ok(report[0].includes('Windows-1252') && report[0].includes('";"'), report[0]);
    assert.ok(report.some((l) => l.startsWith('The table uses ISO/IEC 27001:2013 control IDs')));
    assert.ok(report.includes('Row 4: converted A.9.2.1 (2013: User registration and de-registration) -> A.5.16.'), report.join('\n'));
    assert.ok(report.some((l) => l.startsWith('Row 5: converted A.9.2.2 ') && l.endsWith('-> A.5.18.')));
    assert.ok(report.some((l) => l.includes('A.9.2 "User access management" is the 2013 control objective')));
    assert.ok(report.some((l) => l.includes('A.99.1.1 is neither')));
    assert.ok(report.some((l) => l.startsWith('A.5.18: rows') && l.includes('merged')));
    assert.ok(report.some((l) => /new in ISO\/IEC 27001:2022/.test(l) && l.includes('A.5.7')), 'new 2022 controls are called out');

    const a516 = byId.get('A.5.16')!;
    assert.equal(field(a516, 'status'), 'implemented');
    assert.deepEqual(a516.reasons.map((r) => r.value), ['risk', 'contractual']);
    assert.deepEqual(a516.risks.map((r) => r.value), ['RA-1']);
    assert.match(text, /# A\.5\.16 Identity management \(Organizational\)\n {2}# converted from ISO\/IEC 27001:2013 A\.9\.2\.1\n {2}A\.5\.16:/);
    const a518 = byId.get('A.5.18')!;
    assert.equal(field(a518, 'status'), 'partial', 'merged rows keep the least advanced status');
    assert.deepEqual(a518.risks.map((r) => r.value), ['RA-1', 'RA-2']);
    assert.deepEqual(a518.reasons.map((r) => r.value), ['risk', 'legal']);
    assert.equal(field(a518, 'justification'), 'Access follows roles\nQuarterly reviews');
    assert.equal(field(a518, 'owner'), 'IT; Security');
    assert.match(text, /# converted from ISO\/IEC 27001:2013 A\.9\.2\.2, A\.9\.2\.5/);
    const physical = catalogue.legacyControl('A.11.1.1')!.successors;
    for (const id of physical) {
      assert.equal(applicableValue(byId.get(id)!), false);
      assert.equal(field(byId.get(id), 'justification'), 'Keine eigenen Räume; wir arbeiten remote');
    }
    assert.equal(soa.entries.length, new Set(['A.5.16', 'A.5.18', ...physical]).size);
  });
});

describe('import soa: round trip and safety', () => {
  it('reads back its own CSV export of the example workspace', async () => {
    const csvFile = path.join(tmp, 'acme.csv');
    await runExport({ cwd: tmp, folder: ACME, format: 'csv', output: csvFile, today: '2027-01-05' });
    const { soa, byId } = await importTo(csvFile, 'roundtrip');
    const original = parseSoa(await readFile(path.join(ACME, 'soa.yaml'), 'utf8'));
    assert.equal(soa.entries.length, original.entries.length);
    for (const o of original.entries) {
      const e = byId.get(o.id)!;
      assert.ok(e, o.id);
      assert.equal(applicableValue(e), applicableValue(o), `${o.id} applicable`);
      assert.equal(field(e, 'status'), o.status?.value === 'excluded' ? undefined : o.status?.value, `${o.id} status`);
      assert.equal(field(e, 'owner'), o.owner?.value, `${o.id} owner`);
      assert.equal(field(e, 'justification'), o.justification?.value, `${o.id} justification`);
      assert.deepEqual(e.reasons.map((r) => r.value), o.reasons.map((r) => r.value), `${o.id} reasons`);
      assert.deepEqual(e.policies.map((r) => r.value), o.policies.map((r) => r.value), `${o.id} policies`);
      for (const r of o.risks) assert.ok(e.risks.some((x) => x.value === r.value), `${o.id} keeps ${r.value}`);
    }
    assert.equal(soa.header.get('organization'), undefined, 'a CSV has no cover block');
  });

  it('reads back its own XLSX export, header block included', async () => {
    const xlsx = path.join(tmp, 'acme.xlsx');
    await runExport({ cwd: tmp, folder: ACME, format: 'xlsx', output: xlsx, today: '2027-01-05' });
    const { soa, byId, report } = await importTo(xlsx, 'roundtrip-xlsx');
    assert.equal(soa.entries.length, 93);
    assert.equal(soa.header.get('organization')?.value, 'Acme Analytics Ltd');
    assert.equal(soa.header.get('version')?.value, '2.0');
    assert.equal(soa.header.get('approved-by')?.value, 'Chief Executive Officer');
    assert.equal(soa.header.get('approved-on')?.value, '2026-11-02');
    assert.equal(field(byId.get('A.5.15'), 'owner'), 'IT Manager');
    assert.ok(byId.get('A.5.15')!.risks.some((r) => r.value === 'R-003'));
    assert.ok(report.some((l) => l.includes('header on row 7')), report[0]);
  });

  it('refuses to overwrite an existing file unless forced', async () => {
    const dir = path.join(tmp, 'exists');
    await mkdir(dir, { recursive: true });
    const output = path.join(dir, 'soa.yaml');
    await writeFile(output, 'mine: true\n');
    await assert.rejects(runImport({ file: EN_CSV, output, force: false }), /--force/);
    assert.equal(await readFile(output, 'utf8'), 'mine: true\n');
    const { written } = await runImport({ file: EN_CSV, output, force: true });
    assert.equal(written, output);
    assert.equal(parseSoa(await readFile(output, 'utf8')).entries.length, 93);
  });

  it('explains a sheet without an ID column, and unreadable formats', async () => {
    const file = path.join(tmp, 'no-id.csv');
    await writeFile(file, 'Name,Value\na,b\n');
    const output = path.join(tmp, 'no-id', 'soa.yaml');
    await assert.rejects(runImport({ file, output, force: false }), /no table with a header row and a column of control IDs/);
    assert.equal(existsSync(output), false);
    const xls = path.join(tmp, 'old.xls');
    await writeFile(xls, 'x');
    await assert.rejects(runImport({ file: xls, output, force: false }), /save the sheet as \.xlsx or CSV/);
  });
});

describe('import soa: value and column vocabulary', () => {
  it('normalises headers and slugs', () => {
    assert.equal(normaliseHeader('Applicable (Y/N)'), 'applicable');
    assert.equal(normaliseHeader(' Kontroll-ID '), 'kontroll id');
    assert.equal(normaliseHeader('Reason for inclusion/exclusion'), 'reason for inclusion exclusion');
    assert.equal(slug('Umsetzungsbeschreibung (Details)'), 'x-umsetzungsbeschreibung-details');
    assert.equal(slug('Größe & Maß'), 'x-groesse-mass');
  });

  it('reads yes/no and statuses in English and German', () => {
    for (const y of ['Yes', 'Y', 'true', 'Included', 'Ja', 'x']) assert.equal(parseApplicable(y), true, y);
    for (const n of ['No', 'N', 'false', 'Excluded', 'Nein', 'Not applicable']) assert.equal(parseApplicable(n), false, n);
    assert.equal(parseApplicable(''), undefined);
    assert.equal(parseApplicable('Undecided'), undefined);
    assert.equal(parseApplicable('Not addressed'), 'not-addressed');
    const cases: [string, string][] = [
      ['Implemented', 'implemented'], ['Done', 'implemented'], ['Umgesetzt', 'implemented'],
      ['In progress', 'partial'], ['Partially', 'partial'], ['Partially implemented', 'partial'], ['Teilweise umgesetzt', 'partial'],
      ['Planned', 'planned'], ['Geplant', 'planned'],
      ['Not started', 'not-started'], ['Not implemented', 'not-started'], ['Offen', 'not-started'], ['not-started', 'not-started'],
      ['N/A', 'excluded'], ['not set ("done")', 'none'],
    ];
    for (const [raw, want] of cases) assert.equal(parseStatus(raw), want, raw);
    assert.equal(parseStatus('banana'), undefined);
  });

  it('extracts risk IDs and detects delimiters', () => {
    assert.deepEqual(parseRiskIds('R-003: Stolen laptop, with data; R-007: Late breach notice'), ['R-003', 'R-007']);
    assert.deepEqual(parseRiskIds('R1, R2\nRISK-12'), ['R1', 'R2', 'RISK-12']);
    assert.equal(detectDelimiter('a;b;"c,d,e"\n1;2;3\n'), ';');
    assert.equal(detectDelimiter('a,b,c\n1,2,3\n'), ',');
    assert.equal(detectDelimiter('a\tb\tc\n'), '\t');
  });
});
