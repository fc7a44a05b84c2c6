// Reads a spreadsheet or Markdown file into tables of trimmed text cells for the core importer
// (server/src/core/import): CSV with csv-parse (delimiter and encoding detected), XLSX with exceljs
// (one table per sheet, only rows that hold values, so a sheet formatted down to row 1048576 reads
// as the rows people filled), Markdown with remark (every GFM table, named by the heading above it).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { CellValue } from 'exceljs';
import type { Root, RootContent, Table } from 'mdast';
import { tidyTable, type ImportTable } from '../core/import/table';

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

function cellString(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoDate(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('hyperlink' in v) return String(v.text ?? '');
    if ('formula' in v || 'sharedFormula' in v) return cellString((v as { result?: CellValue }).result ?? null);
    return '';
  }
  return String(v);
}

/** exceljs is large: load it only when a spreadsheet is read, not on every `check`. */
export async function loadExcel(): Promise<typeof import('exceljs')> {
  const mod = (await import('exceljs')) as typeof import('exceljs') & { default?: typeof import('exceljs') };
  return mod.default ?? mod;
}

async function readXlsx(file: string): Promise<ImportTable[]> {
  const wb = new (await loadExcel()).Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const rows: string[][] = [];
    const rowNumbers: number[] = [];
    const numeric = new Set<string>();
    // Only rows with values: formatting alone gives a sheet a million rows.
    ws.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: string[] = [];
      row.eachCell({ includeEmpty: true }, (cell, c) => {
        const value = cell.value;
        if (typeof value === 'number') numeric.add(`${rows.length}:${c - 1}`);
        cells[c - 1] = cellString(value);
      });
      for (let c = 0; c < cells.length; c++) cells[c] ??= '';
      rows.push(cells);
      rowNumbers.push(r);
    });
    return tidyTable({ name: `sheet "${ws.name}"`, rows, rowNumbers, numeric });
  });
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 as older Excel writes it. */
function decode(buffer: Uint8Array): { text: string; encoding: string } {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(buffer), encoding: 'UTF-16LE' };
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(buffer), encoding: 'UTF-16BE' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(buffer), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(buffer), encoding: 'Windows-1252' };
  }
}

/** The delimiter used most, outside quotes, on the first lines: `,`, `;` or a tab. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([[',', 0], [';', 0], ['\t', 0]]);
  let inQuotes = false;
  let lines = 0;
  for (const ch of text.slice(0, 20_000)) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === '\n' && ++lines >= 10) break;
    else if (!inQuotes && counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

async function readCsv(file: string): Promise<ImportTable[]> {
  const { text, encoding } = decode(await fs.readFile(file));
  const delimiter = detectDelimiter(text);
  // Row numbers are record numbers, as a spreadsheet program shows them.
  const rows = parseCsv(text.replace(/^\uFEFF/, ''), { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  const name = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  return [tidyTable({ name: `CSV (${encoding}, delimiter ${name})`, rows })];
}

/** The text of a table cell: markup removed, code and links kept as their text, line breaks as spaces. */
function nodeText(node: RootContent): string {
  if ('value' in node && typeof node.value === 'string') return node.type === 'html' ? (/^<br\s*\/?>$/i.test(node.value) ? ' ' : '') : node.value;
  if (node.type === 'break') return ' ';
  return 'children' in node ? (node.children as RootContent[]).map(nodeText).join('') : '';
}

export async function readMarkdownTables(text: string): Promise<ImportTable[]> {
  const [{ unified }, { default: remarkParse }, { default: remarkGfm }] = await Promise.all([import('unified'), import('remark-parse'), import('remark-gfm')]);
  const tree = unified().use(remarkParse).use(remarkGfm).parse(text) as Root;
  const tables: ImportTable[] = [];
  let heading = '';
  const visit = (nodes: RootContent[]) => {
    for (const node of nodes) {
      if (node.type === 'heading') heading = nodeText(node).trim();
      else if (node.type === 'table') {
        const t = node as Table;
        const line = t.position?.start.line ?? 0;
        tables.push(tidyTable({
          name: `table ${tables.length + 1} (line ${line}${heading ? `, under "${heading}"` : ''})`,
          rows: t.children.map((row) => row.children.map((cell) => nodeText(cell))),
          rowNumbers: t.children.map((row) => row.position?.start.line ?? 0),
          numbersAreLines: true,
        }));
      } else if ('children' in node && (node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem')) visit(node.children as RootContent[]);
    }
  };
  visit(tree.children);
  return tables;
}

const XLSX = new Set(['.xlsx', '.xlsm']);
const MARKDOWN = new Set(['.md', '.markdown', '.mdown']);
const UNREADABLE = new Set(['.xls', '.ods', '.numbers', '.docx', '.doc', '.pdf']);

/** Every table in the file. Throws a message for formats we cannot read. */
export async function readTables(file: string): Promise<ImportTable[]> {
  const ext = path.extname(file).toLowerCase();
  if (XLSX.has(ext)) {
    try {
      return await readXlsx(file);
    } catch (e) {
      throw new Error(`${path.basename(file)} could not be read as an Excel workbook (${e instanceof Error ? e.message : String(e)}).`);
    }
  }
  if (UNREADABLE.has(ext)) throw new Error(`${path.basename(file)}: ${ext} files cannot be read; save the sheet as .xlsx or CSV (or the table as Markdown) first.`);
  if (MARKDOWN.has(ext)) return readMarkdownTables(decode(await fs.readFile(file)).text);
  const buffer = await fs.readFile(file);
  if (buffer.subarray(0, 8000).includes(0) && !(buffer[0] === 0xff || buffer[0] === 0xfe)) throw new Error(`${path.basename(file)} is a binary file, not CSV; import .csv, .xlsx or .md files.`);
  return readCsv(file);
}
