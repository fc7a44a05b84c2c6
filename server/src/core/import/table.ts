// Tables as the readers hand them over (cells as trimmed text), and the choice of the table and
// header row to import: the table whose ID column holds the most control (or risk) IDs, the header
// row above it (title rows and cover blocks are skipped), and every other table with the same
// columns (handbooks split one SoA into a table per theme).
import { catalogue } from '../catalogue';
import { leadingControlId } from './edition';
import { normaliseHeader, recogniseHeader, type ImportKind, type MapOverride } from './headers';
import { RISK_ID } from './values';

export interface ImportTable {
  /** For the report: `sheet "SoA"`, `table 2 (line 34, under "Organizational controls")`, `CSV`. */
  name: string;
  rows: string[][];
  /** The row number a person sees (sheet row, source line), per row; defaults to index + 1. */
  rowNumbers?: number[];
  /** Whether row numbers are lines of a text file (Markdown) rather than spreadsheet rows. */
  numbersAreLines?: boolean;
  /** Cells stored as numbers ("row:column", zero-based): 5.10 and 5.1 are the same number. */
  numeric?: Set<string>;
}

export interface Column {
  index: number;
  header: string;
  /** The field it feeds, or undefined when kept as `xField` or ignored. */
  field?: string;
  xField?: string;
  /** How the decision was made, for the report. */
  by: 'header' | 'data' | 'map';
  /** Another column of the same field was read instead (kept as an x- field). */
  secondOf?: { field: string; header: string };
  ignored?: boolean;
}

export interface LocatedTable {
  table: ImportTable;
  headerIndex: number;
  idColumn: number;
  /** Rows below the header with an ID in the ID column. */
  idRows: number;
}

export interface Location {
  primary: LocatedTable;
  /** Further tables with the same header, imported with the first. */
  more: LocatedTable[];
  /** Tables not imported, with the reason. */
  ignored: { table: ImportTable; reason: string }[];
}

const clean = (s: string): string => s.replace(/[\t\u00a0]+/g, ' ').replace(/\s+$/g, '').trim();

/** Trims cells (trailing tabs and non-breaking spaces too) and drops trailing empty rows and columns. */
export function tidyTable(t: ImportTable): ImportTable {
  const rows = t.rows.map((r) => r.map(clean));
  let last = rows.length;
  while (last > 0 && rows[last - 1].every((c) => !c)) last--;
  const kept = rows.slice(0, last).map((r) => {
    let end = r.length;
    while (end > 0 && !r[end - 1]) end--;
    return r.slice(0, end);
  });
  return { ...t, rows: kept, rowNumbers: t.rowNumbers?.slice(0, last) };
}

export const rowNumber = (t: ImportTable, index: number): number => t.rowNumbers?.[index] ?? index + 1;

/** "Row 12", "Line 140" (Markdown), "Row 12 of sheet "Physical"" when several sheets are read. */
export function rowLabel(t: ImportTable, index: number, several: boolean): string {
  if (t.numbersAreLines) return `Line ${rowNumber(t, index)}`;
  return `Row ${rowNumber(t, index)}${several ? ` of ${t.name}` : ''}`;
}
export const isFilled = (row: string[]): boolean => row.some((c) => c.trim() !== '');

/** The filled rows below each table's header, with their number and label for reports. */
export function* filledRows(located: readonly LocatedTable[]): Generator<{ l: LocatedTable; row: string[]; rowNo: number; at: string }> {
  for (const l of located) {
    const rows = l.table.rows;
    for (let i = l.headerIndex + 1; i < rows.length; i++) {
      const row = rows[i];
      if (!isFilled(row)) continue;
      yield { l, row, rowNo: rowNumber(l.table, i), at: rowLabel(l.table, i, located.length > 1) };
    }
  }
}

/** A cell that holds an ISO/IEC 27001 control ID of either edition (or a 2013 objective). */
export function isControlIdCell(cell: string): boolean {
  const lead = leadingControlId(cell);
  if (!lead) return false;
  return !!(catalogue.control(lead.id) || catalogue.legacyControl(lead.id) || catalogue.legacyObjective(lead.id));
}

/** A cell shaped like a risk ID with a letter prefix (R-01, RISK-7, R1). */
const isPrefixedRiskId = (cell: string): boolean => RISK_ID.test(cell.trim()) && /^[A-Za-z]/.test(cell.trim()) && !isControlIdCell(cell);

const HEADER_SCAN = 40;
const DATA_SCAN = 5000;

function idCounts(kind: ImportKind, rows: string[][], header: string[]): number[] {
  const width = Math.max(header.length, ...rows.slice(0, 50).map((r) => r.length));
  const counts = new Array<number>(width).fill(0);
  const seen = Array.from({ length: width }, () => new Set<string>());
  for (const r of rows.slice(0, DATA_SCAN)) {
    for (let c = 0; c < width; c++) {
      const cell = r[c] ?? '';
      if (!cell) continue;
      if (kind === 'soa' ? isControlIdCell(cell) : isPrefixedRiskId(cell) || (RISK_ID.test(cell) && recogniseHeader('risks', header[c] ?? '') === 'id')) {
        // Risk IDs must be unique to count: a "Risk ID" column in a treatment plan repeats them.
        if (kind === 'risks' && seen[c].has(cell)) continue;
        seen[c].add(cell);
        counts[c]++;
      }
    }
  }
  return counts;
}

/** The header row and ID column of one table, or why it has none. */
export function locateInTable(kind: ImportKind, table: ImportTable, overrides: readonly MapOverride[] = []): LocatedTable | string {
  const rows = table.rows;
  let best: LocatedTable | undefined;
  let headerSeen = false;
  for (let h = 0; h < Math.min(rows.length, HEADER_SCAN); h++) {
    const header = rows[h];
    if (!isFilled(header)) continue;
    const fields = new Set<string>();
    const overrideId = header.findIndex((c) => overrides.some((o) => o.target === 'id' && normaliseHeader(o.header) === normaliseHeader(c)));
    header.forEach((c) => {
      const o = overrides.find((x) => normaliseHeader(x.header) === normaliseHeader(c));
      const f = o ? o.target : recogniseHeader(kind, c);
      if (f && f !== 'ignore' && !f.startsWith('x-')) fields.add(f);
    });
    if (fields.size < 2 && overrideId < 0) continue;
    headerSeen = true;
    const counts = idCounts(kind, rows.slice(h + 1), header);
    let idColumn = overrideId;
    if (idColumn < 0) {
      // The column holding the most IDs; on a tie, one whose header says it is the ID.
      for (let c = 0; c < counts.length; c++) {
        if (counts[c] === 0) continue;
        const better = idColumn < 0 || counts[c] > counts[idColumn]
          || (counts[c] === counts[idColumn] && recogniseHeader(kind, header[c] ?? '') === 'id' && recogniseHeader(kind, header[idColumn] ?? '') !== 'id');
        if (better) idColumn = c;
      }
    }
    if (idColumn < 0 || (counts[idColumn] ?? 0) === 0) continue;
    // A risk register's ID column must say so, or hold IDs with a letter prefix.
    if (kind === 'risks' && overrideId < 0 && recogniseHeader(kind, header[idColumn] ?? '') !== 'id' && !rows.slice(h + 1).some((r) => isPrefixedRiskId(r[idColumn] ?? ''))) continue;
    // Most IDs below it wins; on a tie the lower row (a cover block above the header ties with it).
    const candidate = { table, headerIndex: h, idColumn, idRows: counts[idColumn] };
    if (!best || candidate.idRows >= best.idRows) best = candidate;
  }
  if (best) return best;
  const what = kind === 'soa' ? 'control IDs' : 'risk IDs';
  return headerSeen ? `no ${what} in any column under its header` : `no header row with a column of ${what}`;
}

const headerKey = (t: LocatedTable): string => t.table.rows[t.headerIndex].map(normaliseHeader).join('|');

/** Chooses what to import from all tables of a file. */
export function locate(kind: ImportKind, tables: readonly ImportTable[], overrides: readonly MapOverride[] = []): Location | { error: string; ignored: { table: ImportTable; reason: string }[] } {
  const found: LocatedTable[] = [];
  const ignored: { table: ImportTable; reason: string }[] = [];
  for (const t of tables) {
    const r = locateInTable(kind, t, overrides);
    if (typeof r === 'string') ignored.push({ table: t, reason: r });
    else found.push(r);
  }
  if (!found.length && !tables.some((t) => t.rows.length)) return { error: 'no table found in it (Markdown files need pipe tables with a header row)', ignored };
  if (!found.length) {
    const what = kind === 'soa' ? 'a column of control IDs (A.5.1, 5.1, A.9.2.3)' : 'a column of risk IDs (R-01, RISK-001) under a header such as ID or Risk ID';
    return { error: `no table with a header row and ${what} was found`, ignored };
  }
  const primary = found.reduce((a, b) => (b.idRows > a.idRows ? b : a));
  const key = headerKey(primary);
  const more: LocatedTable[] = [];
  for (const f of found) {
    if (f === primary) continue;
    if (headerKey(f) === key) { more.push(f); continue; }
    const ids = f.table.rows.slice(f.headerIndex + 1).map((r) => r[f.idColumn] ?? '').filter(Boolean);
    const list = ids.length > 6 ? `${ids.slice(0, 5).join(', ')} and ${ids.length - 5} more` : ids.join(', ');
    ignored.push({ table: f.table, reason: `its ${f.idRows} rows with IDs (${list}) have other columns than ${primary.table.name}; move them into that table, or import this table from a file of its own` });
  }
  // Keep the file's order for tables with the same columns.
  const ordered = [primary, ...more].sort((a, b) => tables.indexOf(a.table) - tables.indexOf(b.table));
  return { primary: ordered[0], more: ordered.slice(1), ignored };
}
