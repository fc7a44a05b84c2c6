// `isms-author export soa`: the Statement of Applicability as CSV, XLSX, HTML or Markdown for
// auditors. Every format renders the same core table (server/src/core/soaTable.ts), so all four
// list the 93 Annex A controls in catalogue order, including those the SoA does not address.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import { indexFor } from '../core/diagnostics';
import type { SoaFile } from '../core/scopeIndex';
import { buildSoaTable, cellText, riskText, SOA_COLUMNS, type SoaCounts, type SoaRow, type SoaTable, type Theme } from '../core/soaTable';
import { joinUri } from '../core/uris';
import { Workspace } from '../core/workspace';
import { fileUri, loadFolder } from '../host/fsWorkspace';

export type ExportFormat = 'csv' | 'xlsx' | 'html' | 'md';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'xlsx', 'html', 'md'];

export interface ExportArgs {
  /** Directory that relative `folder` and `output` paths are resolved against. */
  cwd: string;
  /** The ISMS folder to read. */
  folder: string;
  format: ExportFormat;
  /** File to write; without it CSV, Markdown and HTML are returned as `text` (for stdout). */
  output?: string;
  /** YYYY-MM-DD, printed as the generation date. */
  today: string;
}

/**
 * Loads `folder`, finds its SoA and renders it. When the folder holds several ISMS scopes with an
 * SoA, an output file is written once per scope (named after the scope's folder); without one
 * the user is asked to choose. Throws an Error with a user-facing message.
 */
export async function runExport(args: ExportArgs): Promise<{ written?: string; writtenEach?: string[]; text?: string }> {
  if (!EXPORT_FORMATS.includes(args.format)) throw new Error(`Unknown export format "${args.format}"; use one of ${EXPORT_FORMATS.join(', ')}.`);
  if (args.format === 'xlsx' && !args.output) throw new Error('XLSX is a binary format: pass an output file with -o, for example `-o soa.xlsx`.');
  const folder = path.resolve(args.cwd, args.folder);
  const stat = await fs.stat(folder).catch(() => undefined);
  if (!stat?.isDirectory()) throw new Error(`${folder} is not a folder.`);
  const tables = await loadSoaTables(folder, args.today);
  const output = args.output ? path.resolve(args.cwd, args.output) : undefined;
  if (tables.length > 1) {
    const names = tables.map((t) => t.name);
    if (!output) {
      const first = path.relative(args.cwd, path.join(folder, tables[0].relative)) || '.';
      throw new Error(`${path.relative(args.cwd, folder) || '.'} holds ${tables.length} ISMS scopes with an SoA (${tables.map((t) => t.relative || '.').join(', ')}). Name the one to export, e.g. \`isms-author export soa ${first} --format ${args.format}\`, or pass -o FILE to write one file per scope.`);
    }
    const ext = path.extname(output);
    const base = output.slice(0, output.length - ext.length);
    const writtenEach: string[] = [];
    for (const [i, t] of tables.entries()) {
      const file = `${base}-${names[i]}${ext}`;
      await write(file, await render(t.table, args.format));
      writtenEach.push(file);
    }
    return { writtenEach };
  }
  const data = await render(tables[0].table, args.format);
  if (!output) return { text: data as string };
  await write(output, data);
  return { written: output };
}

const render = async (table: SoaTable, format: ExportFormat): Promise<string | Uint8Array> =>
  format === 'xlsx' ? renderXlsx(table) : format === 'csv' ? renderCsv(table) : format === 'md' ? renderMarkdown(table) : renderHtml(table);

async function write(file: string, data: string | Uint8Array): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, data);
}

/** The table of the first scope (the folder's own first) that has an SoA. */
export async function loadSoaTable(folder: string, today: string): Promise<SoaTable> {
  return (await loadSoaTables(folder, today))[0].table;
}

/**
 * One table per ISMS scope under `folder` that has an SoA, the folder's own first, each with its
 * folder relative to `folder` and a name for file names ("soa" for the folder itself).
 */
export async function loadSoaTables(folder: string, today: string): Promise<{ relative: string; name: string; table: SoaTable }[]> {
  const ws = new Workspace();
  const root = fileUri(folder);
  ws.setFolders([root]);
  await loadFolder(ws, folder);
  const scopes = ws.allScopes().sort((a, b) => a.root.length - b.root.length || a.root.localeCompare(b.root));
  const out: { relative: string; name: string; table: SoaTable }[] = [];
  for (const scope of scopes) {
    const first = scope.docs()[0];
    if (!first) continue;
    const index = indexFor(ws, first.uri);
    if (!index.soas.length) continue;
    const soa: SoaFile | undefined = index.soaFor(joinUri(scope.root, '.isms-export'));
    const relative = path.relative(folder, fileURLToPath(scope.root)).split(path.sep).join('/');
    out.push({ relative, name: relative ? relative.replace(/[^\w.-]+/g, '-') : path.basename(folder) || 'soa', table: buildSoaTable(index, soa, today) });
  }
  if (!out.length) throw new Error(`No Statement of Applicability found in ${folder} (looked for soa.yaml, *.soa.yaml and the globs of isms.config.yaml).`);
  return out;
}

// ------------------------------------------------------------------------------------ CSV

/** Cells starting like a formula are prefixed with an apostrophe so spreadsheets show them as text. */
const defuse = (s: string): string => (/^[=+@\t\r]|^-[^\s\d-]/.test(s) ? `'${s}` : s);

/** RFC 4180 (CRLF, quotes doubled), UTF-8 with a BOM so Excel detects the encoding. */
export function renderCsv(table: SoaTable): string {
  const records = [
    SOA_COLUMNS.map((c) => c.label),
    ...table.rows.map((row) => SOA_COLUMNS.map((c) => defuse(cellText(row, c.key)))),
  ];
  return stringify(records, { bom: true, record_delimiter: '\r\n', quoted_match: /[\r\n]/ });
}

// ------------------------------------------------------------------------------------ Markdown

const mdCell = (s: string): string =>
  s.replace(/\\(?=\|)/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/\r?\n/g, '<br>');

export function renderMarkdown(table: SoaTable): string {
  const { header: h, summary } = table;
  const lines: string[] = [];
  lines.push(`# Statement of Applicability${h.organization ? ` - ${mdCell(h.organization)}` : ''}`, '');
  for (const [label, value] of headerPairs(table)) lines.push(`- **${label}:** ${value ? mdCell(value) : '-'}`);
  lines.push('', '## Summary', '');
  const summaryRows = summaryTable(summary);
  lines.push(`| ${SUMMARY_COLUMNS.map((c) => c.label).join(' | ')} |`);
  lines.push(`| ${SUMMARY_COLUMNS.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`);
  for (const r of summaryRows) lines.push(`| ${r.map((v) => mdCell(String(v))).join(' | ')} |`);
  lines.push('', '## Controls', '');
  lines.push(`| ${SOA_COLUMNS.map((c) => c.label).join(' | ')} |`);
  lines.push(`| ${SOA_COLUMNS.map(() => '---').join(' | ')} |`);
  for (const row of table.rows) lines.push(`| ${SOA_COLUMNS.map((c) => mdCell(cellText(row, c.key, '\n'))).join(' | ')} |`);
  return lines.join('\n') + '\n';
}

// ------------------------------------------------------------------------------------ shared

function headerPairs(table: SoaTable): [string, string][] {
  const h = table.header;
  return [
    ['Organisation', h.organization],
    ['Standard', h.standard],
    ['Version', h.version],
    ['Approved by', h.approvedBy],
    ['Approved on', h.approvedOn],
    ['Generated on', h.generatedOn],
    ['Source', h.soaPath],
  ];
}

const SUMMARY_COLUMNS = [
  { key: 'theme', label: 'Theme' },
  { key: 'total', label: 'Controls' },
  { key: 'applicable', label: 'Applicable' },
  { key: 'excluded', label: 'Excluded' },
  { key: 'undecided', label: 'Undecided' },
  { key: 'notAddressed', label: 'Not addressed' },
  { key: 'implemented', label: 'Implemented' },
  { key: 'partial', label: 'Partial' },
  { key: 'planned', label: 'Planned' },
  { key: 'notStarted', label: 'Not started' },
] as const;

function summaryTable(summary: SoaTable['summary']): (string | number)[][] {
  const line = (name: string, c: SoaCounts) => SUMMARY_COLUMNS.map((col) => (col.key === 'theme' ? name : c[col.key]));
  return [...(Object.entries(summary.byTheme) as [Theme, SoaCounts][]).map(([t, c]) => line(t, c)), line('Total', summary.all)];
}

/** Bars of the status chart, in the order an auditor reads them. */
function statusBars(c: SoaCounts): { label: string; value: number; cls: string }[] {
  return [
    { label: 'Implemented', value: c.implemented, cls: 'implemented' },
    { label: 'Partial', value: c.partial, cls: 'partial' },
    { label: 'Planned', value: c.planned, cls: 'planned' },
    { label: 'Not started', value: c.notStarted, cls: 'not-started' },
    { label: 'Excluded', value: c.excluded, cls: 'excluded' },
    { label: 'Undecided', value: c.undecided, cls: 'undecided' },
    { label: 'Not addressed', value: c.notAddressed, cls: 'not-addressed' },
  ];
}

const STATUS_COLOURS: Record<string, string> = {
  implemented: '#2e7d32', partial: '#f9a825', planned: '#1565c0', 'not-started': '#c62828',
  excluded: '#757575', undecided: '#8e24aa', 'not-addressed': '#000000',
};

// ------------------------------------------------------------------------------------ HTML

const esc = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const statusClass = (row: SoaRow): string => row.status.replace(/ /g, '-');

function svgChart(c: SoaCounts): string {
  const bars = statusBars(c);
  const max = Math.max(1, ...bars.map((b) => b.value));
  const labelW = 120, barW = 360, rowH = 26, top = 8;
  const height = top * 2 + bars.length * rowH;
  const parts = bars.map((b, i) => {
    const y = top + i * rowH;
    const w = Math.round((b.value / max) * barW);
    return `<text x="${labelW - 8}" y="${y + 17}" text-anchor="end">${esc(b.label)}</text>`
      + `<rect x="${labelW}" y="${y + 4}" width="${w}" height="18" fill="${STATUS_COLOURS[b.cls]}"><title>${esc(b.label)}: ${b.value}</title></rect>`
      + `<text x="${labelW + w + 6}" y="${y + 17}">${b.value}</text>`;
  });
  const desc = bars.map((b) => `${b.label} ${b.value}`).join(', ');
  return `<svg class="chart" viewBox="0 0 ${labelW + barW + 50} ${height}" width="${labelW + barW + 50}" height="${height}" role="img" aria-label="Controls by status: ${esc(desc)}">`
    + `<title>Controls by status</title>${parts.join('')}</svg>`;
}

const CSS = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; margin: 24px; }
h1 { font-size: 22px; margin: 0 0 12px; }
h2 { font-size: 16px; margin: 24px 0 8px; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0 0 16px; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
.overview { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.chart text { font-size: 12px; fill: #1a1a1a; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #c8c8c8; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #eef1f5; }
table.summary { width: auto; }
table.summary td.n { text-align: right; }
table.summary tr.total td { font-weight: 600; }
td.id { white-space: nowrap; font-weight: 600; }
td.justification, td.evidence { white-space: pre-line; }
td.status { white-space: nowrap; font-weight: 600; }
td.status.implemented { color: #2e7d32; }
td.status.partial { color: #8a6d00; }
td.status.planned { color: #1565c0; }
td.status.not-started, td.status.not-set { color: #c62828; }
td.status.excluded { color: #616161; }
tr.not-addressed td { background: #fdecea; }
ul.plain { margin: 0; padding-left: 16px; }
.muted { color: #666; }
footer { margin-top: 16px; color: #666; font-size: 11px; }
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  body { margin: 0; font-size: 9pt; }
  h2 { break-after: avoid; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  th { background: #eef1f5 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  tr.not-addressed td { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

export function renderHtml(table: SoaTable): string {
  const { header: h, summary } = table;
  const title = `Statement of Applicability${h.organization ? ` - ${h.organization}` : ''}`;
  const meta = headerPairs(table).map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v ? esc(v) : '<span class="muted">not recorded</span>'}</dd>`).join('\n');
  const summaryRows = summaryTable(summary).map((r, i, all) =>
    `<tr${i === all.length - 1 ? ' class="total"' : ''}>${r.map((v, j) => (j === 0 ? `<td>${esc(String(v))}</td>` : `<td class="n">${v}</td>`)).join('')}</tr>`).join('\n');
  const list = (items: string[]) => (items.length === 0 ? '' : items.length === 1 ? esc(items[0]) : `<ul class="plain">${items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`);
  const rows = table.rows.map((row) => {
    const cells: Record<string, string> = {
      id: esc(row.id),
      title: esc(row.title),
      theme: esc(row.theme),
      applicable: esc(row.applicable),
      reasons: esc(row.reasons.join(', ')),
      justification: esc(row.justification),
      status: esc(cellText(row, 'status')),
      risks: list(row.risks.map(riskText)),
      owner: esc(row.owner),
      policies: list(row.policies),
      evidence: esc(row.evidence),
    };
    const tds = SOA_COLUMNS.map((c) => `<td class="${c.key}${c.key === 'status' ? ` ${statusClass(row)}` : ''}">${cells[c.key]}</td>`).join('');
    return `<tr id="${esc(row.id)}" class="${statusClass(row)}">${tds}</tr>`;
  }).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ISMS Author">
<title>${esc(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<dl class="meta">
${meta}
</dl>
</header>
<section class="overview">
<div>
<h2>Controls by status</h2>
${svgChart(summary.all)}
</div>
<div>
<h2>Summary by theme</h2>
<table class="summary">
<thead><tr>${SUMMARY_COLUMNS.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr></thead>
<tbody>
${summaryRows}
</tbody>
</table>
</div>
</section>
<h2>Annex A controls (ISO/IEC 27001:2022)</h2>
<table class="controls">
<thead><tr>${SOA_COLUMNS.map((c) => `<th>${esc(c.label)}</th>`).join('')}</tr></thead>
<tbody>
${rows}
</tbody>
</table>
<footer>Generated on ${esc(h.generatedOn)} by ISMS Author from ${esc(h.soaPath || 'no SoA file')}.</footer>
</body>
</html>
`;
}

// ------------------------------------------------------------------------------------ XLSX

export const XLSX_SHEET = 'Statement of Applicability';
export const XLSX_SUMMARY_SHEET = 'Summary';
/** Row of the table header in the SoA sheet; rows above it hold the header block. */
export const XLSX_TABLE_HEADER_ROW = 7;

const COLUMN_WIDTHS: Record<string, number> = {
  id: 9, title: 38, theme: 15, applicable: 13, reasons: 18, justification: 55,
  status: 14, risks: 42, owner: 22, policies: 36, evidence: 50,
};

const FILLS: Record<string, string> = {
  implemented: 'FFE8F5E9', partial: 'FFFFF8E1', planned: 'FFE3F2FD', 'not-started': 'FFFFEBEE', 'not-set': 'FFFFEBEE',
  excluded: 'FFEEEEEE', 'not-addressed': 'FFFDECEA',
};

export async function renderXlsx(table: SoaTable): Promise<Uint8Array> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'ISMS Author';
  wb.title = 'Statement of Applicability';
  // A fixed timestamp (the generation date) keeps the file reproducible for a given input.
  const stamp = /^\d{4}-\d{2}-\d{2}$/.test(table.header.generatedOn) ? new Date(`${table.header.generatedOn}T00:00:00Z`) : new Date(0);
  wb.created = stamp;
  wb.modified = stamp;

  const ws = wb.addWorksheet(XLSX_SHEET, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: XLSX_TABLE_HEADER_ROW, topLeftCell: `B${XLSX_TABLE_HEADER_ROW + 1}`, activeCell: `B${XLSX_TABLE_HEADER_ROW + 1}` }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${XLSX_TABLE_HEADER_ROW}:${XLSX_TABLE_HEADER_ROW}` },
  });
  ws.columns = SOA_COLUMNS.map((c) => ({ key: c.key, width: COLUMN_WIDTHS[c.key] }));

  // Header block: a title, then label/value pairs in columns A-B and D-E.
  const h = table.header;
  ws.mergeCells(1, 1, 1, 6);
  const titleCell = ws.getCell(1, 1);
  titleCell.value = `Statement of Applicability${h.organization ? ` - ${h.organization}` : ''}`;
  titleCell.font = { bold: true, size: 14 };
  const pairs: [number, number, string, string][] = [
    [2, 1, 'Organisation', h.organization], [2, 4, 'Version', h.version],
    [3, 1, 'Approved by', h.approvedBy], [3, 4, 'Approved on', h.approvedOn],
    [4, 1, 'Standard', h.standard], [4, 4, 'Generated on', h.generatedOn],
    [5, 1, 'Source', h.soaPath],
  ];
  for (const [r, c, label, value] of pairs) {
    const l = ws.getCell(r, c);
    l.value = label;
    l.font = { bold: true };
    ws.getCell(r, c + 1).value = value;
  }

  const headerRow = ws.getRow(XLSX_TABLE_HEADER_ROW);
  headerRow.values = SOA_COLUMNS.map((c) => c.label);
  headerRow.font = { bold: true };
  headerRow.alignment = { vertical: 'middle', wrapText: true };
  headerRow.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE3EA' } };
    cell.border = { bottom: { style: 'thin' } };
  });

  table.rows.forEach((row, i) => {
    const r = ws.getRow(XLSX_TABLE_HEADER_ROW + 1 + i);
    r.values = SOA_COLUMNS.map((c) => cellText(row, c.key, '\n'));
    r.alignment = { vertical: 'top', wrapText: true };
    const fill = FILLS[statusClass(row)];
    if (fill) r.getCell(SOA_COLUMNS.findIndex((c) => c.key === 'status') + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
  });
  ws.autoFilter = {
    from: { row: XLSX_TABLE_HEADER_ROW, column: 1 },
    to: { row: XLSX_TABLE_HEADER_ROW + table.rows.length, column: SOA_COLUMNS.length },
  };

  const sum = wb.addWorksheet(XLSX_SUMMARY_SHEET, { views: [{ state: 'frozen', ySplit: 3 }] });
  sum.columns = SUMMARY_COLUMNS.map((c, i) => ({ key: c.key, width: i === 0 ? 18 : 14 }));
  sum.getCell(1, 1).value = 'Summary by theme';
  sum.getCell(1, 1).font = { bold: true, size: 14 };
  sum.getCell(2, 1).value = 'Generated on';
  sum.getCell(2, 1).font = { bold: true };
  sum.getCell(2, 2).value = h.generatedOn;
  const sumHeader = sum.getRow(3);
  sumHeader.values = SUMMARY_COLUMNS.map((c) => c.label);
  sumHeader.font = { bold: true };
  sumHeader.eachCell((cell) => { cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE3EA' } }; });
  summaryTable(table.summary).forEach((values, i, all) => {
    const r = sum.getRow(4 + i);
    r.values = values;
    if (i === all.length - 1) r.font = { bold: true };
  });

  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

/** exceljs is large: load it only when a spreadsheet is read or written, not on every `check`. */
async function loadExcel(): Promise<typeof import('exceljs')> {
  const mod = (await import('exceljs')) as typeof import('exceljs') & { default?: typeof import('exceljs') };
  return mod.default ?? mod;
}
