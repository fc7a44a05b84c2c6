// The core importer (server/src/core/import) on in-memory tables: header recognition by meaning,
// value readers, per-row edition, table and header-row choice, and both importers end to end
// without a file system.
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { leadingControlId, resolveRow, sheetEdition, titleDisagreement } from '../../server/src/core/import/edition';
import { normaliseHeader, parseMapOverride, recogniseRiskHeader, recogniseSoaHeader } from '../../server/src/core/import/headers';
import { importRisks, parseControlList } from '../../server/src/core/import/riskImport';
import { importSoa } from '../../server/src/core/import/soaImport';
import { locate, tidyTable, type ImportTable } from '../../server/src/core/import/table';
import { isChoiceList, isThreePointScale, parseApplicable, parseLevel, parseStatus, parseTreatment } from '../../server/src/core/import/values';
import { applicableValue, parseSoa } from '../../server/src/core/soa';
import { parseRiskRegister } from '../../server/src/core/risks';

const table = (name: string, rows: string[][], extra: Partial<ImportTable> = {}): ImportTable => tidyTable({ name, rows, ...extra });

describe('import: headers by meaning', () => {
  it('recognises SoA columns in the ways people write them', () => {
    const cases: [string, string | undefined][] = [
      ['Is Control Applicable? ', 'applicable'], ['Applicable (Y/N)', 'applicable'], ['**Applicable?**', 'applicable'], ['In scope', 'applicable'],
      ['Ist die Maßnahme anwendbar?', 'applicable'], ['Anwendbarkeit', 'applicable'], ['Included', 'applicable'],
      ['Justification for the Inclusion/Exclusion', 'justification'], ['Reason for inclusion or exclusion', 'justification'], ['Begründung', 'justification'],
      ['Justification (if No)', 'justification'], ['Rationale', 'justification'],
      ['Reason for selection', 'reasons'], ['Reasons for Selection', 'reasons'], ['Auswahlgrund', 'reasons'],
      ['Implemented?', 'status'], ['Implementation Status\t', 'status'], ['Umgesetzt?', 'status'], ['Umsetzungsstatus', 'status'], ['Maturity', 'status'], ['Reifegrad', 'status'],
      ['Implementation Description', undefined], ['How implemented', undefined], ['Umsetzungsbeschreibung', undefined],
      ['Control Owner', 'owner'], ['Verantwortlich', 'owner'], ['Risk IDs', 'risks'], ['Linked risks', 'risks'],
      ['Evidence', 'evidence'], ['Nachweis', 'evidence'], ['Policy/Guideline', 'policies'], ['Related documents', 'policies'],
      ['Remarks', 'notes'], ['Bemerkung', 'notes'], ['Theme', 'theme'], ['Bereich', 'theme'],
      ['Control Title', 'title'], ['Control Name', 'title'], ['Kontrollname', 'title'],
      ['Control ID', 'id'], ['Control', 'id'], ['Nr.', 'id'], ['Kontroll-ID', 'id'], ['Annex A ref', 'id'], ['#', 'id'], ['Maßnahme', 'id'],
      ['Reference', undefined], ['Referenz', undefined], ['Standard', undefined],
    ];
    for (const [h, want] of cases) assert.equal(recogniseSoaHeader(h), want, h);
  });

  it('recognises risk-register columns', () => {
    const cases: [string, string | undefined][] = [
      ['Risk ID', 'id'], ['ID', 'id'], ['Ref', 'id'], ['No.', 'id'], ['Risk', 'title'], ['Risk Title', 'title'], ['Risk name', 'title'],
      ['Likelihood (1-5)', 'likelihood'], ['Probability', 'likelihood'], ['Eintrittswahrscheinlichkeit', 'likelihood'],
      ['Impact', 'impact'], ['Max Impact', 'impact'], ['Severity', 'impact'], ['Schadenshöhe', 'impact'],
      ['Inherent Score', 'score'], ['Risk Rating', 'score'], ['Risk Level', 'level'], ['Residual Likelihood', 'residual'], ['Residual Score', 'residual'],
      ['Treatment', 'treatment'], ['Treatment Decision', 'treatment'], ['Risk Response', 'treatment'], ['Treatment Plan', undefined],
      ['Risk Owner', 'owner'], ['Existing Controls', 'controls'], ['Annex A Control', 'controls'], ['Measure/Control', 'controls'],
      ['Review Date', 'review'], ['Next review', 'review'], ['Target Date', 'due'], ['Due', 'due'],
      ['Asset / Process', 'asset'], ['Threat', 'threat'], ['Bedrohung', 'threat'], ['Vulnerability', 'vulnerability'], ['Description', 'description'],
      ['Status', 'status'], ['Remarks', 'notes'], ['Category', undefined],
    ];
    for (const [h, want] of cases) assert.equal(recogniseRiskHeader(h), want, h);
  });

  it('normalises markup and punctuation, and validates --map', () => {
    assert.equal(normaliseHeader('**Is Control Applicable?**\t'), 'is control applicable');
    assert.equal(normaliseHeader('[Owner](https://wiki/roles)'), 'owner');
    assert.deepEqual(parseMapOverride('soa', 'Entscheidung = applicable'), { header: 'Entscheidung', target: 'applicable' });
    assert.deepEqual(parseMapOverride('risks', 'Extra=x-extra'), { header: 'Extra', target: 'x-extra' });
    assert.throws(() => parseMapOverride('soa', 'Ctl=likelihood'), /not a field/);
    assert.throws(() => parseMapOverride('soa', 'no-equals'), /Column name=field/);
  });
});

describe('import: values', () => {
  it('reads yes and no in many forms, and not a template choice list', () => {
    for (const y of ['Yes', 'Y', 'yes\t', 'TRUE', 'x', '✓', 'Ja', 'J', 'oui', 'Sí', 'Included', 'Yes - payroll data', 'Applicable']) assert.equal(parseApplicable(y), true, y);
    for (const n of ['No', 'n', 'Nein', 'non', 'Excluded', 'Not applicable', 'N/A', 'No, no premises', '✗']) assert.equal(parseApplicable(n), false, n);
    for (const u of ['', 'TBD', '?', 'Pending']) assert.equal(parseApplicable(u), undefined, u);
    assert.equal(parseApplicable('Yes / No'), 'invalid');
    assert.equal(parseApplicable('maybe'), 'invalid');
    assert.equal(isChoiceList('Implemented / Partial / Planned', parseStatus), true);
    assert.equal(isChoiceList('Implemented / operational', parseStatus), false, 'two words for the same value');
  });

  it('maps maturity and progress scales to statuses', () => {
    const cases: [string, string | undefined][] = [
      ['Pending', 'planned'], ['Absent', 'not-started'], ['In Progress', 'partial'], ['Established', 'implemented'], ['Operational', 'implemented'],
      ['Advanced', 'implemented'], ['Not Applicable', 'excluded'], ['Level 3 - Defined', 'implemented'], ['1 Initial', 'partial'], ['0', 'not-started'],
      ['70%', 'partial'], ['100 %', 'implemented'], ['Teilweise umgesetzt', 'partial'], ['Nicht begonnen', 'not-started'], ['implemented', 'implemented'],
      ['Implemented / Partial / Planned', undefined], ['banana', undefined],
    ];
    for (const [raw, want] of cases) assert.equal(parseStatus(raw), want, raw);
  });

  it('reads ratings and treatments from numbers and words', () => {
    const levels: [string, number | undefined][] = [['4', 4], ['4 - Likely', 4], ['Likely (4)', 4], ['Very low', 1], ['Rare', 1], ['Almost certain', 5], ['Very High', 5],
      ['Moderate', 3], ['sehr hoch', 5], ['Catastrophic', 5], ['whenever', undefined], ['', undefined]];
    for (const [raw, want] of levels) assert.equal(parseLevel(raw)?.value, want, raw);
    assert.equal(isThreePointScale(['Low', 'Medium', 'High', '']), true);
    assert.equal(isThreePointScale(['Low', 'Very high']), false);
    const treatments: [string, string | undefined][] = [['Reduce', 'mitigate'], ['Modify', 'mitigate'], ['Treat', 'mitigate'], ['Retain', 'accept'], ['Accept with monitoring', 'accept'],
      ['Share', 'transfer'], ['Terminate', 'avoid'], ['Risk avoidance', 'avoid'], ['Vermeiden', 'avoid'], ['Ignore', undefined]];
    for (const [raw, want] of treatments) assert.equal(parseTreatment(raw), want, raw);
  });

  it('reads controls in any written form', () => {
    assert.deepEqual(parseControlList('A.5.15, A.8.2').ids, ['A.5.15', 'A.8.2']);
    assert.deepEqual(parseControlList('5.17 / 8.5').ids, ['A.5.17', 'A.8.5']);
    assert.deepEqual(parseControlList('A 5.17 A 8.5').ids, ['A.5.17', 'A.8.5']);
    assert.deepEqual(parseControlList('A.5.19-A.5.22').ids, ['A.5.19', 'A.5.20', 'A.5.21', 'A.5.22']);
    const legacy = parseControlList('A.9.2.3 and A.99.1');
    assert.deepEqual(legacy.ids, ['A.8.2']);
    assert.deepEqual(legacy.converted, [{ from: 'A.9.2.3', to: ['A.8.2'] }]);
    assert.deepEqual(legacy.unknown, ['A.99.1']);
  });
});

describe('import: edition per row', () => {
  it('reads the ID at the start of a cell with the title after it', () => {
    assert.deepEqual(leadingControlId('A.5.1 Policies for Information Security'), { id: 'A.5.1', rest: 'Policies for Information Security' });
    assert.deepEqual(leadingControlId('**A.05.01**'), { id: 'A.5.1', rest: '' });
    assert.equal(leadingControlId('5 Organizational controls'), undefined);
  });

  it('decides two-part IDs that are both a 2022 control and a 2013 objective by their title', () => {
    assert.equal(resolveRow('A.5.1', 'Policies for Information Security', '2013').kind, '2022', 'the 2022 title wins over a 2013 sheet');
    assert.equal(resolveRow('A.5.1', 'Management direction for information security', '2022').kind, 'objective');
    assert.equal(resolveRow('A.8.1', '', '2022').kind, '2022');
    assert.equal(resolveRow('A.8.1', '', '2013').kind, 'objective');
    assert.equal(resolveRow('A.5.37', '', '2013').kind, '2022', 'only a 2022 control');
    assert.deepEqual(resolveRow('A.9.2.3', '', '2022'), { kind: '2013', id: 'A.9.2.3', successors: ['A.8.2'], title: 'Management of privileged access rights' });
    assert.equal(resolveRow('A.99.1', '', '2022').kind, 'unknown');
  });

  it('keeps a 2022 sheet with a few 2013 IDs 2022, and calls a 2013 sheet 2013', () => {
    const mostly2022 = [{ id: 'A.5.37', title: '' }, { id: 'A.8.34', title: '' }, { id: 'A.5.1', title: 'Policies for information security' }, { id: 'A.9.2.3', title: '' }];
    assert.equal(sheetEdition(mostly2022).edition, '2022');
    const legacy = [{ id: 'A.9.2', title: 'User access management' }, { id: 'A.9.2.1', title: '' }, { id: 'A.9.2.2', title: '' }, { id: 'A.5.1', title: '' }];
    assert.equal(sheetEdition(legacy).edition, '2013');
  });

  it('names the control whose title a row carries', () => {
    const d = titleDisagreement('A.5.9', 'Access control', '2022');
    assert.equal(d?.matchedId, 'A.5.15');
    assert.equal(d?.expected, 'Inventory of information and other associated assets');
    assert.equal(titleDisagreement('A.5.15', 'Access control', '2022'), undefined);
    assert.equal(titleDisagreement('A.5.15', 'Access control policy', '2022'), undefined, 'a title plus a word is the same control');
  });
});

describe('import: choosing the table and header row', () => {
  it('skips title rows and a cover block, and takes the table with control IDs', () => {
    const cover = table('sheet "Cover"', [['Statement of Applicability'], ['Owner', 'CISO']]);
    const soa = table('sheet "SoA"', [
      ['Statement of Applicability'], ['Organisation', 'Acme'], [''],
      ['Control', 'Title', 'Applicable', 'Justification'],
      ['A.5.1', 'Policies for information security', 'Yes', 'Board approved'],
      ['A.5.2', 'Information security roles and responsibilities', 'Yes', 'Roles named'],
      ['', '', '', ''], ['', '', '', ''],
    ]);
    const where = locate('soa', [cover, soa]);
    assert.ok(!('error' in where));
    assert.equal(where.primary.table.name, 'sheet "SoA"');
    assert.equal(where.primary.headerIndex, 3);
    assert.equal(where.primary.table.rows.length, 6, 'trailing empty rows are dropped');
    assert.equal(where.ignored[0].table.name, 'sheet "Cover"');
  });

  it('explains a file without an ID column', () => {
    const where = locate('risks', [table('CSV', [['Name', 'Value'], ['a', 'b']])]);
    assert.ok('error' in where);
    assert.match(where.error, /column of risk IDs/);
  });
});

describe('import: whole SoA and risk register in memory', () => {
  it('imports an SoA table, reports every column and every row it does not import', () => {
    const t = table('table 1 (line 3)', [
      ['ID', 'Title', 'Applicable', 'Justification', 'Status', 'Remarks'],
      ['A.5.1', 'Policies for information security', 'Yes', 'Board approved', 'Implemented', 'yearly'],
      ['Organizational controls', '', '', '', '', ''],
      ['A.5.10', 'Acceptable use', 'No\t', 'No company devices; staff use own kit under MDM', 'Not applicable', ''],
      ['A.5.99', 'Made up', 'Yes', '', '', ''],
      ['A.5.2', 'Information security roles and responsibilities', 'Yes / No', '', 'Implemented / Partial / Planned', ''],
    ], { rowNumbers: [3, 5, 6, 7, 8, 9], numbersAreLines: true });
    const { yaml, report, count } = importSoa([t], { source: 'memo.md' });
    const soa = parseSoa(yaml);
    assert.deepEqual(soa.errors, []);
    assert.equal(count, 3);
    const byId = new Map(soa.entries.map((e) => [e.id, e]));
    assert.equal(applicableValue(byId.get('A.5.10')!), false);
    assert.equal(byId.get('A.5.10')!.justification?.value, 'No company devices; staff use own kit under MDM');
    assert.match(yaml, /notes: yearly/);
    assert.match(yaml, /x-applicable: Yes \/ No/);
    assert.ok(report.includes('Column "Remarks" -> notes.'), report.join('\n'));
    assert.ok(report.includes('Line 6: "Organizational controls" is a heading between controls, not a control; nothing to import.'), report.join('\n'));
    assert.ok(report.some((l) => l.startsWith('Line 8 not imported: A.5.99 is neither')));
    assert.ok(report.includes('Applicability "Yes / No" not understood (line 9: A.5.2); kept in x-applicable.'), report.join('\n'));
  });

  it('imports a risk register on a three-point scale and composes missing titles', () => {
    const t = table('CSV', [
      ['ID', 'Asset', 'Threat', 'Likelihood', 'Impact', 'Treatment', 'Controls', 'Owner'],
      ['R1', 'Laptops', 'Theft', 'Low', 'High', 'Mitigate', 'A.8.1; A.7.9', 'IT'],
      ['R1', 'Mail', 'Phishing', 'High', 'Medium', 'mitigate', '', 'IT'],
      ['R2', 'Mail', 'Spam', '12', 'Low', 'Ignore', '', ''],
    ]);
    const { yaml, report } = importRisks([t], { source: 'risks.csv' });
    const reg = parseRiskRegister(yaml);
    assert.deepEqual(reg.errors, []);
    assert.deepEqual(reg.risks.map((r) => r.id), ['R1', 'R1-2', 'R2']);
    assert.equal(reg.risks[0].title?.value, 'Theft (Laptops)');
    assert.equal(reg.risks[0].likelihood?.value, 1);
    assert.equal(reg.risks[0].impact?.value, 5);
    assert.equal(reg.risks[1].impact?.value, 3);
    assert.equal(reg.risks[2].likelihood, undefined);
    assert.match(yaml, /x-likelihood: 12/);
    assert.match(yaml, /x-treatment: Ignore/);
    assert.ok(report.some((l) => l.includes('uses a three-point scale')), report.join('\n'));
    assert.ok(report.some((l) => l.includes('R1 was already used on row 2; this risk is written as R1-2')), report.join('\n'));
    assert.ok(report.some((l) => l.includes('likelihood "12" is not a rating from 1 to 5')));
    assert.ok(report.some((l) => l.includes('treatment "Ignore" not understood')));
  });
});

describe('import: hostile tables', () => {
  it('multi-line cells and long titles never break the YAML', () => {
    const t = table('CSV', [
      ['ID', 'Title', 'Applicable', 'Justification', 'Status'],
      ['A.5.9', 'Access\ncontrol\n# not a key: [x]', 'Yes', 'line one\nline two: with colon\n- and a dash', 'Established\nsince 2024'],
      ['A.5.10', 'x'.repeat(5000), 'No', '"quoted" and \'single\' # hash', 'Not applicable'],
    ]);
    const { yaml } = importSoa([t], { source: 'hostile.csv' });
    const soa = parseSoa(yaml);
    assert.deepEqual(soa.errors, []);
    assert.equal(soa.entries.find((e) => e.id === 'A.5.9')?.justification?.value, 'line one\nline two: with colon\n- and a dash');
    assert.equal(soa.entries.find((e) => e.id === 'A.5.10')?.justification?.value, '"quoted" and \'single\' # hash');
  });

  it('any table either imports into YAML that parses or fails with a message', () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'A.5.1', '5.15', 'A.9.2.3', 'A.8.1', 'R-01', 'Yes', 'No', 'N/A', 'Established', 'Reduce', 'Likely', '7', '-', '[TBD]', 'Control', 'Applicable?', 'Risk ID', 'Likelihood', 'Treatment', 'Controls'),
      fc.string({ maxLength: 30 }),
    );
    const rows = fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 });
    fc.assert(fc.property(rows, fc.boolean(), (r, risks) => {
      try {
        const { yaml } = risks ? importRisks([table('T', r)], { source: 't' }) : importSoa([table('T', r)], { source: 't' });
        assert.deepEqual((risks ? parseRiskRegister(yaml) : parseSoa(yaml)).errors, []);
      } catch (e) {
        assert.ok(e instanceof Error && /^t: /.test(e.message), String(e));
      }
    }), { numRuns: 300 });
  });
});
