// `isms-author export soa`: every format renders all 93 Annex A controls in catalogue order, from
// the example workspace (read-only; outputs go to temp folders) and from small fixtures.
import { strict as assert } from 'node:assert';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { runExport, XLSX_SHEET, XLSX_SUMMARY_SHEET, XLSX_TABLE_HEADER_ROW } from '../../server/src/cli/export';
import { catalogue } from '../../server/src/core/catalogue';

const ACME = path.resolve(import.meta.dirname, '../../examples/acme-isms');
const TODAY = '2027-01-05';
const IDS = catalogue.controls.map((c) => c.id);

let tmp: string;
before(async () => { tmp = await mkdtemp(path.join(tmpdir(), 'isms-export-')); });
after(async () => { await rm(tmp, { recursive: true, force: true }); });

/** A small workspace: a few SoA entries (one excluded, one undecided, one with tricky text). */
async function fixture(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await mkdir(path.join(dir, 'policies'), { recursive: true });
  await writeFile(path.join(dir, 'soa.yaml'), `standard: ISO/IEC 27001:2022
organization: "Pipe | Co <b>&</b>"
version: "1.4"
approved-by: Board
approved-on: 2026-10-01
risk-register: risks.yaml
controls:
  A.5.1:
    applicable: true
    status: implemented
    reasons: [contractual]
    justification: "Customers ask | for it; =SUM(A1) must stay text"
    owner: CISO
    policies: [policies/isp.md]
    evidence: "Line one\\nLine two, with comma and \\"quotes\\""
  A.5.15:
    applicable: true
    status: partial
    risks: [R-001]
  A.7.4:
    applicable: false
    justification: We have no premises of our own; staff work remotely.
  A.8.1:
    owner: IT
  A.8.2:
    applicable: true
    status: done
`);
  await writeFile(path.join(dir, 'risks.yaml'), `risks:
  R-001:
    title: Stolen credentials
    likelihood: 3
    impact: 4
    treatment: mitigate
    controls: [A.5.15, A.8.5]
  R-002:
    title: "Laptop theft, with data"
    treatment: mitigate
    controls: [A.5.15]
`);
  await writeFile(path.join(dir, 'policies', 'isp.md'), '---\ntitle: ISP\n---\n# ISP\n');
  return dir;
}

const readCsv = (text: string): string[][] => parseCsv(text, { bom: true }) as string[][];

describe('export soa: CSV', () => {
  it('writes a header row and 93 rows in catalogue order for the example workspace', async () => {
    const { text, written } = await runExport({ cwd: tmp, folder: ACME, format: 'csv', today: TODAY });
    assert.equal(written, undefined);
    assert.ok(text);
    assert.ok(text.startsWith('\uFEFF'), 'UTF-8 BOM so Excel detects the encoding');
    assert.ok(text.includes('\r\n'), 'RFC 4180 line breaks');
    const rows = readCsv(text);
    assert.deepEqual(rows[0], ['ID', 'Control', 'Theme', 'Applicable', 'Reasons', 'Justification', 'Status', 'Risks', 'Owner', 'Policies', 'Evidence']);
    assert.equal(rows.length, 94);
    assert.deepEqual(rows.slice(1).map((r) => r[0]), IDS);
    const a515 = rows.find((r) => r[0] === 'A.5.15')!;
    assert.equal(a515[1], 'Access control');
    assert.equal(a515[2], 'Organizational');
    assert.equal(a515[3], 'Yes');
    assert.equal(a515[4], 'risk, contractual');
    assert.equal(a515[6], 'implemented');
    assert.match(a515[7], /^R-003: Leavers or people who changed role keep access/);
    assert.equal(a515[8], 'IT Manager');
    assert.equal(a515[9], 'policies/access-control.md');
    const a74 = rows.find((r) => r[0] === 'A.7.4')!;
    assert.equal(a74[3], 'No');
    assert.equal(a74[6], 'excluded');
  });

  it('writes to a file relative to cwd, quotes awkward cells and keeps unaddressed controls', async () => {
    const dir = await fixture('csv');
    const { written, text } = await runExport({ cwd: tmp, folder: dir, format: 'csv', output: 'out/soa.csv', today: TODAY });
    assert.equal(text, undefined);
    assert.equal(written, path.join(tmp, 'out', 'soa.csv'));
    const rows = readCsv(await readFile(written!, 'utf8'));
    assert.equal(rows.length, 94);
    const byId = new Map(rows.slice(1).map((r) => [r[0], r]));
    const a51 = byId.get('A.5.1')!;
    assert.equal(a51[5], "Customers ask | for it; =SUM(A1) must stay text");
    assert.equal(a51[10], 'Line one\nLine two, with comma and "quotes"');
    // Both the risk the SoA lists and the one whose controls name A.5.15, with titles.
    assert.equal(byId.get('A.5.15')![7], 'R-001: Stolen credentials; R-002: Laptop theft, with data');
    assert.equal(byId.get('A.8.5')![3], 'Not addressed', 'a risk link alone does not address a control');
    assert.equal(byId.get('A.8.1')![3], 'Undecided');
    assert.equal(byId.get('A.8.1')![6], 'not set');
    assert.equal(byId.get('A.8.2')![6], 'not set ("done")');
    assert.equal(byId.get('A.6.1')![3], 'Not addressed');
    assert.equal(byId.get('A.6.1')![6], 'not addressed');
  });

  it('prefixes formula-like cells so spreadsheets do not evaluate them', async () => {
    const dir = path.join(tmp, 'formula');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'soa.yaml'), 'controls:\n  A.5.1:\n    applicable: true\n    owner: "=HYPERLINK(\\"x\\")"\n    evidence: "@cmd"\n');
    const { text } = await runExport({ cwd: tmp, folder: dir, format: 'csv', today: TODAY });
    const row = readCsv(text!).find((r) => r[0] === 'A.5.1')!;
    assert.equal(row[8], `'=HYPERLINK("x")`);
    assert.equal(row[10], "'@cmd");
  });
});

describe('export soa: XLSX', () => {
  it('needs an output file', async () => {
    await assert.rejects(runExport({ cwd: tmp, folder: ACME, format: 'xlsx', today: TODAY }), /-o/);
  });

  it('writes a header block, a frozen filtered table and a summary sheet', async () => {
    const out = path.join(tmp, 'acme.xlsx');
    const { written } = await runExport({ cwd: tmp, folder: ACME, format: 'xlsx', output: out, today: TODAY });
    assert.equal(written, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    assert.deepEqual(wb.worksheets.map((w) => w.name), [XLSX_SHEET, XLSX_SUMMARY_SHEET]);
    const ws = wb.getWorksheet(XLSX_SHEET)!;
    const v = (r: number, c: number) => ws.getCell(r, c).value;
    assert.equal(v(1, 1), 'Statement of Applicability - Acme Analytics Ltd');
    assert.equal(v(2, 1), 'Organisation');
    assert.equal(v(2, 2), 'Acme Analytics Ltd');
    assert.equal(v(2, 4), 'Version');
    assert.equal(v(2, 5), '2.0');
    assert.equal(v(3, 1), 'Approved by');
    assert.equal(v(3, 2), 'Chief Executive Officer');
    assert.equal(v(3, 4), 'Approved on');
    assert.equal(v(3, 5), '2026-11-02');
    assert.equal(v(4, 1), 'Standard');
    assert.equal(v(4, 2), 'ISO/IEC 27001:2022');
    assert.equal(v(4, 4), 'Generated on');
    assert.equal(v(4, 5), TODAY);
    assert.equal(v(5, 2), 'soa.yaml');
    const h = XLSX_TABLE_HEADER_ROW;
    assert.deepEqual((ws.getRow(h).values as unknown[]).slice(1), ['ID', 'Control', 'Theme', 'Applicable', 'Reasons', 'Justification', 'Status', 'Risks', 'Owner', 'Policies', 'Evidence']);
    for (let i = 0; i < IDS.length; i++) assert.equal(v(h + 1 + i, 1), IDS[i]);
    assert.equal(ws.rowCount, h + 93);
    const r515 = h + 1 + IDS.indexOf('A.5.15');
    assert.equal(v(r515, 2), 'Access control');
    assert.equal(v(r515, 4), 'Yes');
    assert.equal(v(r515, 7), 'implemented');
    assert.match(String(v(r515, 8)), /^R-003: /);
    assert.equal(v(r515, 9), 'IT Manager');
    assert.equal(ws.getCell(r515, 6).alignment?.wrapText, true);
    assert.equal(ws.views[0].state, 'frozen');
    assert.equal((ws.views[0] as { ySplit?: number }).ySplit, h);
    assert.ok(ws.autoFilter, 'autofilter set');
    assert.ok((ws.getColumn(6).width ?? 0) >= 40, 'justification column is wide');
    assert.ok((ws.getColumn(1).width ?? 0) < 15, 'ID column is narrow');

    const sum = wb.getWorksheet(XLSX_SUMMARY_SHEET)!;
    assert.deepEqual((sum.getRow(3).values as unknown[]).slice(1, 4), ['Theme', 'Controls', 'Applicable']);
    const themes = [4, 5, 6, 7].map((r) => sum.getCell(r, 1).value);
    assert.deepEqual(themes, ['Organizational', 'People', 'Physical', 'Technological']);
    assert.deepEqual([4, 5, 6, 7].map((r) => sum.getCell(r, 2).value), [37, 8, 14, 34]);
    assert.equal(sum.getCell(8, 1).value, 'Total');
    assert.equal(sum.getCell(8, 2).value, 93);
    const total = (c: number) => Number(sum.getCell(8, c).value);
    // Applicable + excluded + undecided + not addressed = 93; applicable splits by status.
    assert.equal(total(3) + total(4) + total(5) + total(6), 93);
    assert.equal(total(7) + total(8) + total(9) + total(10), total(3));
  });
});

describe('export soa: HTML', () => {
  it('is one self-contained printable page with a chart and every control', async () => {
    const out = path.join(tmp, 'acme.html');
    await runExport({ cwd: tmp, folder: ACME, format: 'html', output: out, today: TODAY });
    const html = await readFile(out, 'utf8');
    assert.match(html, /^<!DOCTYPE html>/);
    for (const id of IDS) assert.ok(html.includes(`<tr id="${id}"`), `row for ${id}`);
    assert.ok(html.includes('<svg'), 'inline SVG chart');
    assert.ok(html.includes('@media print'));
    assert.doesNotMatch(html, /(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i, 'no external resources');
    assert.doesNotMatch(html, /url\(\s*["']?https?:/i);
    assert.doesNotMatch(html, /<script|<link|<img|<iframe/i);
    assert.ok(html.includes('Acme Analytics Ltd'));
    assert.ok(html.includes(TODAY));
  });

  it('escapes text from the SoA', async () => {
    const dir = await fixture('html');
    const { text } = await runExport({ cwd: tmp, folder: dir, format: 'html', today: TODAY });
    assert.ok(text!.includes('Pipe | Co &lt;b&gt;&amp;&lt;/b&gt;'));
    assert.ok(!text!.includes('<b>&</b>'));
  });
});

describe('export soa: Markdown', () => {
  it('writes a header block and a GFM table with escaped pipes', async () => {
    const dir = await fixture('md');
    const { text } = await runExport({ cwd: tmp, folder: dir, format: 'md', today: TODAY });
    const lines = text!.split('\n');
    assert.ok(lines.includes('- **Version:** 1.4'));
    assert.ok(lines.includes('- **Approved by:** Board'));
    assert.ok(lines.includes(`- **Generated on:** ${TODAY}`));
    const rows = lines.filter((l) => /^\| A\.\d+\.\d+ \|/.test(l));
    assert.deepEqual(rows.map((l) => l.split(' | ')[0].slice(2)), IDS);
    const a51 = rows[0];
    assert.ok(a51.includes('Customers ask \\| for it'), a51);
    assert.ok(a51.includes('Line one<br>Line two'), 'newlines become <br>');
    // Every table row has the same number of unescaped cell separators as the header.
    const cells = (l: string) => l.replace(/\\\|/g, '').split('|').length;
    const header = lines.find((l) => l.startsWith('| ID |'))!;
    for (const r of rows) assert.equal(cells(r), cells(header));
  });
});

describe('export soa: errors', () => {
  it('says so when the folder has no SoA', async () => {
    const dir = path.join(tmp, 'empty');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'notes.md'), '# Notes\n');
    await assert.rejects(runExport({ cwd: tmp, folder: dir, format: 'csv', today: TODAY }), /No Statement of Applicability/);
  });

  it('rejects a folder that does not exist', async () => {
    await assert.rejects(runExport({ cwd: tmp, folder: 'does-not-exist', format: 'md', today: TODAY }), /is not a folder/);
  });
});
