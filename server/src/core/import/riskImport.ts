// A risk register from tables to the text of a risks.yaml, with a report. IDs of any form
// (RISK-001, R-01, R1; bare numbers get an R- prefix), a title from the columns that describe the
// risk when there is no title column, likelihood and impact from numbers or words mapped to 1-5
// (the word kept as a comment), treatment synonyms, and controls in any written form (lists,
// ranges, bare numbers, 2013 IDs converted). Nothing it does not understand is dropped: it goes to
// an x- field and into the report.
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { catalogue } from '../catalogue';
import { findControlRefs } from '../controlRef';
import { columnName, keptBecause, mapColumns } from './columns';
import { normaliseHeader } from './headers';
import type { ImportOptions, ImportResult } from './soaImport';
import { rangeList, truncate } from './report';
import { filledRows, isFilled, locate, rowLabel, type Column } from './table';
import type { ImportTable } from './table';
import { isEmptyMarker, isThreePointScale, normaliseValue, oneLine, parseLevel, parseTreatment, RISK_ID, type Treatment } from './values';

const TEXT_FIELDS = ['description', 'asset', 'threat', 'vulnerability', 'owner', 'status', 'review', 'due', 'notes'] as const;

export interface ParsedControls { ids: string[]; converted: { from: string; to: string[] }[]; unknown: string[] }

/** Control IDs from "A.5.15, A.8.2", "5.15 / 8.2", "A 5.17 A 8.5", "A.5.19-A.5.23", "A.9.2.3" (converted). */
export function parseControlList(raw: string): ParsedControls {
  // Bare numbers are IDs in a controls column: give them the A. prefix the reference finder needs.
  const text = raw.replace(/(?<!\b[Aa][ \t.]*|[\w.])(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)(?![\w.]*\d)/g, 'A.$1');
  const out: ParsedControls = { ids: [], converted: [], unknown: [] };
  const add = (id: string) => { if (!out.ids.includes(id)) out.ids.push(id); };
  const refs = findControlRefs(text);
  // ID-shaped text the reference finder does not take (A.99.1) is reported, not dropped.
  for (const m of text.matchAll(/\bA\.\d{1,3}(?:\.\d{1,3}){1,2}\b/g)) {
    if (!refs.some((r) => m.index >= r.span.start && m.index < r.span.end)) out.unknown.push(m[0]);
  }
  for (const ref of refs) {
    if (ref.kind === 'control') add(ref.id);
    else if (ref.kind === 'legacy') {
      const to = catalogue.legacyControl(ref.id)?.successors ?? [];
      to.forEach(add);
      if (!out.converted.some((c) => c.from === ref.id)) out.converted.push({ from: ref.id, to });
    } else if (!out.unknown.includes(ref.id)) out.unknown.push(ref.id);
  }
  out.ids.sort((a, b) => catalogue.order(a) - catalogue.order(b));
  return out;
}

interface Tally { [key: string]: { to: string; rows: number[] } }
const tally = (t: Tally, key: string, to: string, row: number) => { (t[key] ??= { to, rows: [] }).rows.push(row); };

export function importRisks(tables: readonly ImportTable[], opts: ImportOptions): ImportResult {
  const overrides = opts.overrides ?? [];
  const where = locate('risks', tables, overrides);
  if ('error' in where) throw new Error(`${opts.source}: ${where.error}.${where.ignored.length > 1 ? ` Looked at ${where.ignored.map((i) => i.table.name).join(', ')}.` : ''}`);
  const report: string[] = [];
  const located = [where.primary, ...where.more];
  const header = where.primary.table.rows[where.primary.headerIndex];
  const data = located.flatMap((l) => l.table.rows.slice(l.headerIndex + 1));
  const columns = mapColumns('risks', header, data, where.primary.idColumn, overrides);
  for (const o of overrides) {
    if (!header.some((h) => normaliseHeader(h) === normaliseHeader(o.header))) report.push(`Warning: --map "${o.header}=${o.target}" matches no column (columns: ${header.filter(Boolean).map((h) => `"${h}"`).join(', ')}).`);
  }
  // Controls columns of prose ("EDR, MFA on admin accounts") are kept as x- fields; those with IDs are read.
  const controlCols = columns.filter((c) => c.field === 'controls');
  for (const c of controlCols) {
    const withIds = data.some((r) => parseControlList(r[c.index] ?? '').ids.length > 0 || parseControlList(r[c.index] ?? '').converted.length > 0);
    if (!withIds && c.by !== 'map') { c.field = undefined; c.xField = `x-${normaliseHeader(c.header).replace(/[^a-z0-9]+/g, '-') || 'controls'}`; }
  }
  const col = (field: string): Column | undefined => columns.find((c) => c.field === field);

  for (const l of located) report.push(`Read ${opts.source}, ${l.table.name}: header on ${rowLabel(l.table, l.headerIndex, false).toLowerCase()}, ${l.table.rows.slice(l.headerIndex + 1).filter(isFilled).length} filled rows below it.`);
  for (const i of where.ignored) report.push(`Not imported: ${i.table.name} (${i.reason}).`);
  for (const c of columns) {
    const how = c.by === 'map' ? ' (--map)' : c.by === 'data' ? ' (it holds the risk IDs)' : '';
    if (c.ignored) report.push(`Column ${columnName(c)} ignored${c.by === 'map' ? ' (--map)' : ' (empty)'}.`);
    else if (c.field === 'score' || c.field === 'level') report.push(`Column ${columnName(c)} -> ${c.field}${how}: kept as x-${c.field} (the checker rates a risk as likelihood x impact).`);
    else if (c.field) report.push(`Column ${columnName(c)} -> ${c.field}${how}.`);
    else if (c.xField) report.push(`Column ${columnName(c)} kept as ${c.xField} (${controlCols.includes(c) ? 'no control IDs in it' : keptBecause(c, 'risks.yaml')}).`);
  }

  const scale = (field: 'likelihood' | 'impact') => {
    const c = col(field);
    const three = !!c && isThreePointScale(data.map((r) => r[c.index] ?? ''));
    if (three) report.push(`Column ${columnName(c!)} uses a three-point scale (low, medium, high): read as 1, 3 and 5.`);
    return three;
  };
  const threePoint = { likelihood: scale('likelihood'), impact: scale('impact') };
  const rowNotes: string[] = [];
  const wordMaps: Record<'likelihood' | 'impact' | 'treatment', Tally> = { likelihood: {}, impact: {}, treatment: {} };
  const renamed: string[] = [];
  const composed: number[] = [];
  const risks = new YAMLMap();
  const seen = new Map<string, number>();
  let count = 0;

  for (const { l, row, rowNo, at } of filledRows(located)) {
    const cell = (field: string): string => { const c = col(field); const v = c ? (row[c.index] ?? '').trim() : ''; return isEmptyMarker(v) ? '' : v; };
    const rawId = (row[l.idColumn] ?? '').trim();
    const filledCells = row.filter((c) => c.trim());
    if (!rawId || !RISK_ID.test(rawId)) {
      rowNotes.push(`${at} not imported: ${rawId ? `"${truncate(rawId)}" is not a risk ID` : 'no risk ID'} (row: ${filledCells.map((c) => `"${truncate(c, 30)}"`).join(', ')}).`);
      continue;
    }
    let id = /^\d+$/.test(rawId) ? `R-${rawId}` : rawId;
    if (id !== rawId) renamed.push(`${rawId} -> ${id}`);
    const dup = seen.get(id);
    if (dup !== undefined) {
      let n = 2;
      while (seen.has(`${id}-${n}`)) n++;
      rowNotes.push(`${at}: ${id} was already used on row ${dup}; this risk is written as ${id}-${n}. Give it its own ID.`);
      id = `${id}-${n}`;
    }
    seen.set(id, rowNo);
    const body = new YAMLMap();
    const put = (key: string, value: unknown, comment?: string) => {
      const node = value instanceof YAMLSeq ? value : new Scalar(value);
      if (comment && node instanceof Scalar) node.comment = ` ${oneLine(comment)}`;
      body.add(new Pair(new Scalar(key), node));
    };
    let title = cell('title');
    if (!title) {
      const threat = cell('threat');
      const asset = cell('asset');
      const description = cell('description');
      title = threat && asset ? `${threat} (${asset})` : truncate(description.split(/(?<=[.!?])\s/)[0] ?? '', 120) || threat || asset;
      if (title) composed.push(rowNo);
    }
    if (title) put('title', title);
    for (const f of ['description', 'asset', 'threat', 'vulnerability', 'owner'] as const) if (cell(f)) put(f, cell(f));
    const extra: [string, string][] = [];
    const ratings: Partial<Record<'likelihood' | 'impact', number>> = {};
    for (const f of ['likelihood', 'impact'] as const) {
      const raw = cell(f);
      if (!raw) continue;
      const level = parseLevel(raw);
      let value = level?.value;
      if (level?.from === 'word' && threePoint[f]) value = { 2: 1, 3: 3, 4: 5 }[level.value] ?? level.value;
      if (value === undefined || value < 1 || value > 5) {
        rowNotes.push(`${at} (${id}): ${f} "${raw}" is not a rating from 1 to 5${value !== undefined ? ' (another scale?)' : ''}; kept in x-${f}.`);
        extra.push([`x-${f}`, raw]);
        continue;
      }
      ratings[f] = value;
      if (level?.from === 'word' || String(value) !== raw.trim()) {
        tally(wordMaps[f], raw, String(value), rowNo);
        put(f, value, `"${raw}"`);
      } else put(f, value);
    }
    const treatmentRaw = cell('treatment');
    let treatment: Treatment | undefined;
    if (treatmentRaw) {
      treatment = parseTreatment(treatmentRaw);
      if (!treatment) {
        rowNotes.push(`${at} (${id}): treatment "${truncate(treatmentRaw)}" not understood (mitigate, accept, transfer or avoid); kept in x-treatment.`);
        extra.push(['x-treatment', treatmentRaw]);
      } else if (normaliseValue(treatmentRaw) !== treatment) {
        tally(wordMaps.treatment, treatmentRaw, treatment, rowNo);
        put('treatment', treatment, `"${treatmentRaw}"`);
      } else put('treatment', treatment);
    }
    const controls: string[] = [];
    for (const c of columns.filter((x) => x.field === 'controls')) {
      const raw = (row[c.index] ?? '').trim();
      if (!raw || isEmptyMarker(raw)) continue;
      const parsed = parseControlList(raw);
      for (const x of parsed.ids) if (!controls.includes(x)) controls.push(x);
      for (const cv of parsed.converted) rowNotes.push(`${at} (${id}): converted ${cv.from} (2013) -> ${cv.to.join(', ')}.`);
      if (parsed.unknown.length) rowNotes.push(`${at} (${id}): ${parsed.unknown.join(', ')} ${parsed.unknown.length === 1 ? 'is' : 'are'} not an ISO/IEC 27001:2022 control; kept in x-controls.`);
      if (!parsed.ids.length && !parsed.converted.length && !parsed.unknown.length) rowNotes.push(`${at} (${id}): no control IDs in "${truncate(raw)}"; kept in x-controls.`);
      if (parsed.unknown.length || (!parsed.ids.length && !parsed.converted.length)) extra.push(['x-controls', raw]);
    }
    if (controls.length) {
      const seq = new YAMLSeq();
      seq.flow = true;
      for (const x of controls) seq.items.push(new Scalar(x));
      put('controls', seq);
    }
    for (const f of TEXT_FIELDS.slice(5)) if (cell(f)) put(f, cell(f));
    const scoreRaw = cell('score');
    if (scoreRaw && ratings.likelihood && ratings.impact && Number(scoreRaw) && Number(scoreRaw) !== ratings.likelihood * ratings.impact) {
      rowNotes.push(`${at} (${id}): the table's score ${scoreRaw} is not likelihood x impact (${ratings.likelihood} x ${ratings.impact} = ${ratings.likelihood * ratings.impact}); the score is kept in x-score.`);
    }
    if (scoreRaw) extra.push(['x-score', scoreRaw]);
    if (cell('level')) extra.push(['x-level', cell('level')]);
    for (const c of columns.filter((x) => x.xField)) {
      const v = (row[c.index] ?? '').trim();
      if (v) extra.push([c.xField!, v]);
    }
    const written = new Set<string>();
    for (const [k] of extra) {
      if (written.has(k)) continue;
      written.add(k);
      const value = extra.filter((e) => e[0] === k).map((e) => e[1]).filter((x, n, a) => a.indexOf(x) === n).join('\n');
      // Numbers stay numbers (scores, residual ratings); everything else is text as written.
      put(k, /^-?\d{1,9}(?:\.\d{1,6})?$/.test(value) ? Number(value) : value);
    }
    risks.add(new Pair(new Scalar(id), body));
    count++;
  }
  if (renamed.length) report.push(`Bare numbers are not risk IDs the checker can tell apart from ratings: ${renamed.length} ID${renamed.length === 1 ? '' : 's'} prefixed with R- (${truncate(renamed.join(', '), 120)}).`);
  if (composed.length) report.push(`No title column: the title of ${composed.length} risk${composed.length === 1 ? '' : 's'} (${where.primary.table.numbersAreLines ? 'lines' : 'rows'} ${rangeList(composed)}) was composed from the threat and asset, or the description.`);
  for (const [field, t] of Object.entries(wordMaps)) {
    for (const [raw, m] of Object.entries(t)) report.push(`${field[0].toUpperCase()}${field.slice(1)} "${raw}" -> ${m.to} (${m.rows.length} row${m.rows.length === 1 ? '' : 's'}); the original is kept as a comment.`);
  }
  report.push(...rowNotes);

  const doc = new Document();
  const root = new YAMLMap();
  doc.contents = root as never;
  doc.commentBefore = ` Risk register, imported from ${opts.source} by isms-author import.\n Review every risk: the import copies what the table says and decides nothing.`;
  root.add(new Pair(new Scalar('risks'), risks));
  if (!count) report.push('No risks found under the header.');
  return { yaml: doc.toString({ lineWidth: 0, flowCollectionPadding: false }), report, count };
}
