// A Statement of Applicability from tables (spreadsheet sheets, CSV, Markdown tables) to the text
// of a soa.yaml, with a report that names every column mapping, every row not imported and why,
// every converted 2013 ID, every ID whose title names another control and every value read from
// another scale. It decides nothing for the user: values it does not understand are kept in x-
// fields and reported.
import { columnName, keptBecause, mapColumns } from './columns';
import { leadingControlId, resolveRow, sheetEdition, titleDisagreement, type TitleDisagreement } from './edition';
import { normaliseHeader, type MapOverride } from './headers';
import { rangeList, truncate } from './report';
import { newDraft, writeSoaYaml, type MetaKey } from './soaYaml';
import { filledRows, isFilled, locate, rowLabel, type Column, type ImportTable, type LocatedTable } from './table';
import {
  isEmptyMarker, isOwnStatusWord, isTemplatePlaceholder, oneLine, parseApplicable, parseReasons, parseRiskIds, parseStatus,
  type StatusValue,
} from './values';

export interface ImportOptions {
  /** The file name, for the report and the YAML comment. */
  source: string;
  overrides?: readonly MapOverride[];
}

export interface ImportResult {
  yaml: string;
  report: string[];
  /** Entries written. */
  count: number;
}

/** Header fields that a block above the table (cover rows) may give, by label. */
const HEADER_LABELS: Record<string, MetaKey> = {
  organisation: 'organization', organization: 'organization', company: 'organization', 'organisation name': 'organization', 'organization name': 'organization',
  unternehmen: 'organization', organisationsname: 'organization', firma: 'organization',
  version: 'version', 'document version': 'version', dokumentversion: 'version',
  'approved by': 'approved-by', approver: 'approved-by', 'genehmigt von': 'approved-by', 'freigegeben von': 'approved-by',
  'approved on': 'approved-on', 'approval date': 'approved-on', 'date approved': 'approved-on', 'genehmigt am': 'approved-on', 'freigegeben am': 'approved-on', freigabedatum: 'approved-on',
};

/** "policies/access.md", "docs\\isp.docx", "https://wiki/page": yes; "Access Control Policy": no. */
const isPathLike = (s: string): boolean => /^[a-z]+:\/\//i.test(s) || (!/\s{2,}/.test(s) && (/[/\\]/.test(s) || /\.[a-z][a-z0-9]{0,4}$/i.test(s)));
const splitList = (raw: string): string[] => raw.split(/[;\n,]/).map((s) => s.trim()).filter(Boolean);
/** Formula-defused text from our own CSV export starts with an apostrophe. */
const undefuse = (s: string): string => (/^'[=+\-@]/.test(s) ? s.slice(1) : s);

/** "5 Organizational controls", "A.6 People controls", "Technological Controls": a theme row between controls. */
function isThemeHeading(cells: string[]): boolean {
  const text = cells.join(' ').toLowerCase();
  return /\b(organi[sz]ational|people|physical|technological|organisatorische|personenbezogene|physische|technologische)\b/.test(text)
    || /^\s*(a\.?\s*)?\d{1,2}\.?\s+\D/i.test(cells[0] ?? '');
}

export function importSoa(tables: readonly ImportTable[], opts: ImportOptions): ImportResult {
  const overrides = opts.overrides ?? [];
  const where = locate('soa', tables, overrides);
  if ('error' in where) throw new Error(`${opts.source}: ${where.error}.${where.ignored.length > 1 ? ` Looked at ${where.ignored.map((i) => i.table.name).join(', ')}.` : ''}`);
  const report: string[] = [];
  const located = [where.primary, ...where.more];
  const primary = where.primary;
  const header = primary.table.rows[primary.headerIndex];
  const allData = located.flatMap((l) => l.table.rows.slice(l.headerIndex + 1));
  const columns = mapColumns('soa', header, allData, primary.idColumn, overrides);
  for (const o of overrides) {
    if (!header.some((h) => normaliseHeader(h) === normaliseHeader(o.header))) report.push(`Warning: --map "${o.header}=${o.target}" matches no column (columns: ${header.filter(Boolean).map((h) => `"${h}"`).join(', ')}).`);
  }
  const col = (field: string): Column | undefined => columns.find((c) => c.field === field);

  // A "reasons" column of free text (no risk, legal, contractual ... codes) is the justification.
  const reasonsCol = col('reasons');
  if (reasonsCol && !col('justification')) {
    const values = allData.map((r) => r[reasonsCol.index] ?? '').filter((v) => v.trim());
    const understood = values.filter((v) => parseReasons(v).unknown.length === 0).length;
    if (values.length && understood < values.length / 2) {
      reasonsCol.field = 'justification';
      report.push(`Column ${columnName(reasonsCol)} holds free text, not selection reasons (risk, legal, contractual ...): read as the justification.`);
    }
  }

  for (const l of located) {
    const filled = l.table.rows.slice(l.headerIndex + 1).filter(isFilled).length;
    report.push(`Read ${opts.source}, ${l.table.name}: header on ${rowLabel(l.table, l.headerIndex, false).toLowerCase()}, ${filled} filled rows below it.`);
  }
  for (const i of where.ignored) report.push(`Not imported: ${i.table.name} (${i.reason}).`);
  for (const c of columns) {
    const how = c.by === 'map' ? ' (--map)' : c.by === 'data' ? ' (it holds the control IDs)' : '';
    if (c.ignored) report.push(`Column ${columnName(c)} ignored${c.by === 'map' ? ' (--map)' : ' (empty)'}.`);
    else if (c.field === 'title') report.push(`Column ${columnName(c)} -> title${how}: compared with the catalogue title of each ID, not copied (the catalogue title is written as a comment).`);
    else if (c.field === 'theme') report.push(`Column ${columnName(c)} -> theme${how}: not copied (the catalogue gives the theme).`);
    else if (c.field) report.push(`Column ${columnName(c)} -> ${c.field}${how}.`);
    else if (c.xField) report.push(`Column ${columnName(c)} kept as ${c.xField} (${keptBecause(c, 'soa.yaml')}).`);
  }

  const describes = columns.find((c) => c.xField && /implement|umsetz|\bhow\b|wie/i.test(c.header));
  if (describes && !col('evidence')) {
    report.push(`Tip: if column ${columnName(describes)} says what stands behind each control, import again with --map "${describes.header}=evidence" so that implemented controls count as evidenced.`);
  }

  const meta = readHeaderBlock(primary.table.rows.slice(0, primary.headerIndex));

  // Edition: decided per row from ID and title; the sheet's majority only settles rows without a telling title.
  const titleCol = col('title');
  const idOf = (l: LocatedTable, r: string[]) => leadingControlId(undefuse(r[l.idColumn] ?? ''));
  // Titles are judged on their first 200 characters: a pasted paragraph is not a title anyway.
  const titleOf = (r: string[], rest: string) => ((titleCol ? (r[titleCol.index] ?? '').trim() : '') || rest).slice(0, 200);
  const rowsWithIds = located.flatMap((l) => l.table.rows.slice(l.headerIndex + 1).map((r) => ({ lead: idOf(l, r), r, l })))
    .filter((x): x is { lead: { id: string; rest: string }; r: string[]; l: LocatedTable } => !!x.lead)
    .map((x) => ({ id: x.lead.id, title: titleOf(x.r, x.lead.rest) }));
  const { edition, legacyRows, currentRows } = sheetEdition(rowsWithIds);
  if (edition === '2013') report.push(`The table uses ISO/IEC 27001:2013 control IDs (${legacyRows} rows, against ${currentRows} that can only be 2022); they are converted to their 2022 successors.`);
  else if (legacyRows) report.push(`The table uses ISO/IEC 27001:2022 IDs (${currentRows} rows); its ${legacyRows} 2013 IDs are converted to their 2022 successors.`);

  const idColumn = columns.find((c) => c.index === primary.idColumn)!;
  const numericIds = located.reduce((n, l) => n + l.table.rows.slice(l.headerIndex + 1).filter((_r, i) => l.table.numeric?.has(`${l.headerIndex + 1 + i}:${l.idColumn}`)).length, 0);
  if (numericIds) {
    report.push(`Warning: ${numericIds} IDs in column ${columnName(idColumn)} are stored as numbers, so 5.10 reads as 5.1. Format the column as text in the spreadsheet, or check the merged rows below.`);
  }

  const drafts = new Map<string, ReturnType<typeof newDraft>>();
  const xColumns = columns.filter((c) => c.xField);
  const rowNotes: string[] = [];
  const statusMappings = new Map<string, { value: StatusValue; rows: number }>();
  const droppedMarkers: number[] = [];
  // Values not understood, by what and value: a template's "Yes / No" on every row is one line.
  const unread = new Map<string, { what: string; raw: string; field: string; rows: number[]; ids: string[] }>();
  const notUnderstood = (what: string, raw: string, field: string, row: number, id: string) => {
    const key = `${what}\u0000${raw}`;
    const u = unread.get(key) ?? { what, raw, field, rows: [], ids: [] };
    u.rows.push(row);
    u.ids.push(id);
    unread.set(key, u);
  };
  for (const { l, row, rowNo, at } of filledRows(located)) {
    const cell = (field: string): string => {
      const c = col(field);
      return c ? undefuse(row[c.index] ?? '').trim() : '';
    };
    const rawId = undefuse(row[l.idColumn] ?? '').trim();
    const lead = leadingControlId(rawId);
    const filledCells = row.filter((c) => c.trim());
    if (!lead) {
      if (isThemeHeading(filledCells) && new Set(filledCells).size <= 2) rowNotes.push(`${at}: "${truncate(filledCells[0])}" is a heading between controls, not a control; nothing to import.`);
      else rowNotes.push(`${at} not imported: "${truncate(rawId || filledCells[0])}" in column ${columnName(idColumn)} is not a control ID (row: ${filledCells.map((c) => `"${truncate(c, 30)}"`).join(', ')}).`);
      continue;
    }
    const id = lead.id;
    const title = titleOf(row, lead.rest);
    const overflow = row.slice(header.length).filter((c) => c.trim());
    if (overflow.length && header.length) {
      rowNotes.push(`${at} (${id}) has ${row.length} cells but the header only ${header.length}; ignored ${overflow.map((c) => `"${truncate(c, 40)}"`).join(', ')} (an unquoted comma or semicolon in a cell?).`);
    }
    const meaning = resolveRow(id, title, edition);
    const decision = [cell('applicable'), cell('status'), cell('justification')].filter(Boolean);
    if (meaning.kind === 'unknown') {
      rowNotes.push(`${at} not imported: ${id} is neither an ISO/IEC 27001:2022 nor a 2013 control${decision.length ? `; its values (${decision.map((d) => `"${truncate(d, 30)}"`).join(', ')}) need a home` : ''}.`);
      continue;
    }
    if (meaning.kind === 'objective') {
      rowNotes.push(`${at}: ${id}${title ? ` "${truncate(title, 50)}"` : ''} is the 2013 control objective "${meaning.title}" (a heading), not a control; nothing imported${decision.length ? `, although it says ${decision.map((d) => `"${truncate(d, 30)}"`).join(', ')}` : ''}.`);
      continue;
    }
    const legacy = meaning.kind === '2013';
    const targets = meaning.kind === '2013' ? meaning.successors : [id];
    if (meaning.kind === '2013') rowNotes.push(`${at}: converted ${id} (2013: ${meaning.title}) -> ${targets.join(', ')}.`);
    const disagreement = titleDisagreement(id, title, legacy ? '2013' : '2022');
    if (disagreement) rowNotes.push(`${at}: ID ${id} but title "${truncate(disagreement.written, 70)}", which is the title of ${disagreement.matchedId} (${disagreement.matchedTitle}); ${id} is "${disagreement.expected}". Kept ${id} as written and noted it in a comment; check which one the row means.`);

    const applicableRaw = cell('applicable');
    const applicable = parseApplicable(applicableRaw);
    const statusRaw = cell('status');
    const status = parseStatus(statusRaw);
    if (applicable === 'not-addressed' || (status === 'not-addressed' && applicable === undefined)) {
      rowNotes.push(`${at}: ${id} is marked "not addressed" (as our export writes controls without an entry); no entry written.`);
      continue;
    }
    const extra: [string, string][] = [];
    let originalStatus: string | undefined;
    if (applicable === 'invalid') {
      notUnderstood('Applicability', applicableRaw, 'x-applicable', rowNo, id);
      extra.push(['x-applicable', applicableRaw]);
    }
    if (status === undefined) {
      notUnderstood('Status', statusRaw, 'x-status', rowNo, id);
      extra.push(['x-status', statusRaw]);
    } else if (statusRaw && status !== 'none' && !isOwnStatusWord(statusRaw, status)) {
      const key = statusRaw.trim();
      const m = statusMappings.get(key) ?? { value: status, rows: 0 };
      m.rows++;
      statusMappings.set(key, m);
      originalStatus = oneLine(key, 60);
    }
    const risksRaw = cell('risks');
    const riskIds = parseRiskIds(risksRaw);
    if (risksRaw && !riskIds.length && !isEmptyMarker(risksRaw)) {
      rowNotes.push(`${at} (${id}): no risk IDs found in "${truncate(risksRaw)}"; kept in x-risks.`);
      extra.push(['x-risks', risksRaw]);
    }
    // Only file paths go into policies (the checker resolves them); document names are kept aside.
    const policyItems = isEmptyMarker(cell('policies')) ? [] : splitList(cell('policies'));
    const policyPaths = policyItems.filter(isPathLike);
    if (policyPaths.length < policyItems.length) {
      const names = policyItems.filter((p) => !isPathLike(p));
      rowNotes.push(`${at} (${id}): ${names.map((p) => `"${truncate(p, 40)}"`).join(', ')} not a file path; kept in x-policies. Link the policy files in policies:.`);
      extra.push(['x-policies', names.join('; ')]);
    }
    const reasons = parseReasons(isEmptyMarker(cell('reasons')) ? '' : cell('reasons'));
    if (reasons.unknown.length) {
      rowNotes.push(`${at} (${id}): reasons ${reasons.unknown.map((u) => `"${u}"`).join(', ')} not understood; kept in x-reasons.`);
      extra.push(['x-reasons', cell('reasons')]);
    }
    let justification = cell('justification');
    const excludedHere = applicable === false || (applicable === undefined && status === 'excluded');
    if (justification && isEmptyMarker(justification) && !excludedHere) { droppedMarkers.push(rowNo); justification = ''; }
    if (justification && isTemplatePlaceholder(justification)) rowNotes.push(`${at} (${id}): the justification "${truncate(justification)}" is template text; kept as written so that it is reviewed.`);
    for (const c of xColumns) {
      const v = undefuse(row[c.index] ?? '').trim();
      if (v) extra.push([c.xField!, v]);
    }
    const texts: [string, string][] = [['justification', justification], ['owner', cell('owner')], ['evidence', cell('evidence')], ['notes', cell('notes')], ...extra];
    for (const target of targets) {
      const d = drafts.get(target) ?? newDraft();
      drafts.set(target, d);
      d.sources.push({ row: rowNo, id, legacy });
      if (typeof applicable === 'boolean') d.applicable.push(applicable);
      if (status && status !== 'none' && status !== 'not-addressed') d.status.push(status);
      for (const r of reasons.reasons) if (!d.reasons.includes(r)) d.reasons.push(r);
      for (const r of riskIds) if (!d.risks.includes(r)) d.risks.push(r);
      for (const p of policyPaths) if (!d.policies.includes(p)) d.policies.push(p);
      if (disagreement) d.comments.push(disagreementComment(id, disagreement));
      if (originalStatus && !d.originalStatus.includes(originalStatus)) d.originalStatus.push(originalStatus);
      for (const [k, v] of texts) {
        if (!v) continue;
        const list = d.text.get(k) ?? [];
        if (!list.includes(v)) list.push(v);
        d.text.set(k, list);
      }
    }
  }
  for (const [raw, m] of statusMappings) {
    const value = m.value === 'excluded' ? 'excluded (applicable: false)' : m.value;
    report.push(`Status "${raw}" -> ${value} (${m.rows} row${m.rows === 1 ? '' : 's'}); the original is kept as a comment.`);
  }
  if (droppedMarkers.length) report.push(`A justification of only "-" or "n/a" on ${droppedMarkers.length} applicable row${droppedMarkers.length === 1 ? '' : 's'} (${primary.table.numbersAreLines ? 'lines' : 'rows'} ${rangeList(droppedMarkers)}) was read as no justification.`);
  const unit = primary.table.numbersAreLines ? 'line' : 'row';
  for (const u of unread.values()) {
    const where = u.rows.length === 1 ? `${unit} ${u.rows[0]}: ${u.ids[0]}` : `${u.rows.length} ${unit}s: ${rangeList(u.rows)}`;
    report.push(`${u.what} "${u.raw}" not understood (${where}); kept in ${u.field}.`);
  }
  report.push(...rowNotes);

  const { yaml, count } = writeSoaYaml(drafts, meta, opts.source, edition, report);
  return { yaml, report, count };
}

function disagreementComment(id: string, d: TitleDisagreement): string {
  return ` the table's title for ${id} was "${oneLine(d.written)}", the title of ${d.matchedId}; ID kept as written`;
}

/** Label/value pairs above the table ("Organisation" | "Acme Ltd", or "Version: 1.4" in one cell). */
function readHeaderBlock(rows: string[][]): Partial<Record<MetaKey, string>> {
  const out: Partial<Record<MetaKey, string>> = {};
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const cell = row[i];
      if (!cell) continue;
      const inline = /^([^:]{2,40}):\s*(.+)$/.exec(cell);
      const label = HEADER_LABELS[normaliseHeader(inline ? inline[1] : cell)];
      if (!label || out[label]) continue;
      const value = inline ? inline[2].trim() : row.slice(i + 1).find((c) => c.trim())?.trim();
      if (value) out[label] = value;
    }
  }
  return out;
}
