// From a header row to columns: each column feeds one field (recognised by meaning, or named by
// `--map`), is kept as an `x-` field, or is ignored because it is empty. One column per field; the
// ID column is the one the table locator found by its data.
import { normaliseHeader, recogniseHeader, slug, type ImportKind, type MapOverride } from './headers';
import type { Column } from './table';

/** Columns that may appear more than once, with the one to prefer first ("Max Impact" over "Impact Financial"). */
const PREFER = /\b(max|maximum|overall|total|gesamt|inherent|brutto|combined)\b/;

export function mapColumns(kind: ImportKind, header: string[], data: string[][], idColumn: number, overrides: readonly MapOverride[]): Column[] {
  // Cells beyond the header are reported by the importer (an unquoted delimiter), not made columns.
  const width = Math.max(header.length, idColumn + 1);
  const columns: Column[] = [];
  for (let index = 0; index < width; index++) {
    const h = header[index] ?? '';
    const o = overrides.find((x) => normaliseHeader(x.header) === normaliseHeader(h) && h.trim());
    if (index === idColumn) { columns.push({ index, header: h, field: 'id', by: o ? 'map' : recogniseHeader(kind, h) === 'id' ? 'header' : 'data' }); continue; }
    if (o) {
      if (o.target === 'ignore') columns.push({ index, header: h, by: 'map', ignored: true });
      else if (o.target.startsWith('x-')) columns.push({ index, header: h, xField: o.target, by: 'map' });
      else columns.push({ index, header: h, field: o.target, by: 'map' });
      continue;
    }
    const field = recogniseHeader(kind, h);
    // Ratings after treatment stay beside the risk as x- fields; the register rates the risk before it.
    columns.push({ index, header: h, field: field === 'residual' ? undefined : field, by: 'header' });
  }
  // A second ID-like column ("Maßnahme" beside "Nr.") names the control: its title, when no column is titled.
  const hasTitle = columns.some((c) => c.field === 'title');
  for (const c of columns) {
    if (c.field !== 'id' || c.index === idColumn) continue;
    c.field = kind === 'soa' && !hasTitle && !columns.some((x) => x.field === 'title') ? 'title' : undefined;
  }
  // One column per field: the preferred one of several, else the first; the rest are kept as x- fields.
  const byField = new Map<string, Column[]>();
  for (const c of columns) if (c.field) byField.set(c.field, [...(byField.get(c.field) ?? []), c]);
  for (const [field, list] of byField) {
    if (list.length < 2 || field === 'controls') continue;
    const keep = list.find((c) => c.by === 'map') ?? list.find((c) => PREFER.test(normaliseHeader(c.header))) ?? list[0];
    for (const c of list) if (c !== keep) { c.field = undefined; c.secondOf = { field, header: keep.header }; }
  }
  const slugs = new Set<string>();
  for (const c of columns) {
    if (c.field || c.ignored || c.xField) { if (c.xField) slugs.add(c.xField); continue; }
    const empty = data.every((r) => !(r[c.index] ?? '').trim());
    if (empty) { c.ignored = true; continue; }
    const base = slug(c.header || `column ${c.index + 1}`);
    let s = base;
    for (let n = 2; slugs.has(s); n++) s = `${base}-${n}`;
    slugs.add(s);
    c.xField = s;
  }
  return columns;
}

export const columnName = (c: Column): string => (c.header ? `"${c.header}"` : `(column ${c.index + 1})`);

/** Why a column is kept as an x- field, for the report. */
export function keptBecause(c: Column, noFieldOf: string): string {
  if (c.by === 'map') return '--map';
  if (c.secondOf) return `another ${c.secondOf.field} column; "${c.secondOf.header}" is read`;
  return `not a field of ${noFieldOf}`;
}
