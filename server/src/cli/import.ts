// `isms-author import soa`: turns the SoA spreadsheet most organisations already have (CSV or
// XLSX, English or German column names, 2022 or 2013 control IDs) into soa.yaml. It never guesses
// silently: the report lists every column and how it was used, every converted ID, every row it
// skipped and every Annex A control the spreadsheet does not mention.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { CellValue } from 'exceljs';
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { catalogue } from '../core/catalogue';
import { normaliseControlId } from '../core/controlRef';
import { REASON_VALUES, STATUS_VALUES } from '../core/soa';

export interface ImportArgs {
  /** The spreadsheet: .csv, .tsv, .txt (CSV) or .xlsx / .xlsm. */
  file: string;
  /** The soa.yaml to write. */
  output: string;
  /** Overwrite `output` when it exists. */
  force: boolean;
}

type Field = 'id' | 'title' | 'theme' | 'applicable' | 'justification' | 'reasons' | 'status' | 'owner' | 'risks' | 'evidence' | 'policies' | 'notes';
type Status = (typeof STATUS_VALUES)[number];
type Reason = (typeof REASON_VALUES)[number];

/** Column names as people write them, after `normaliseHeader`. */
const COLUMN_ALIASES: Record<Field, string[]> = {
  id: ['id', 'control', 'controls', 'control id', 'control ref', 'control reference', 'control no', 'control nr', 'control number', 'control identifier',
    'ctrl id', 'ref', 'ref no', 'nr', 'no', 'number', 'annex a', 'annex a control', 'annex a ref', 'annex a reference', 'iso control', 'iso 27001 control',
    'maßnahme', 'massnahme', 'maßnahmen nr', 'kontroll id', 'kontrolle', 'kontrollnummer', 'control objective id'],
  title: ['title', 'control title', 'control name', 'name', 'kontrollname', 'titel', 'bezeichnung', 'maßnahmentitel', 'massnahmentitel', 'maßnahmenname', 'massnahmenname', 'maßnahmenbezeichnung'],
  theme: ['theme', 'control theme', 'category', 'control category', 'domain', 'section', 'group', 'bereich', 'thema', 'kategorie'],
  applicable: ['applicable', 'applicability', 'is applicable', 'applies', 'included', 'include', 'inclusion', 'in scope', 'selected', 'applicable yes no',
    'anwendbar', 'anwendbarkeit', 'relevant'],
  justification: ['justification', 'justification for inclusion', 'justification for exclusion', 'justification for inclusion exclusion', 'justification for inclusion or exclusion',
    'reason', 'reason for inclusion', 'reason for exclusion', 'reason for inclusion exclusion', 'reason for inclusion or exclusion', 'rationale',
    'begründung', 'begruendung', 'grund', 'begründung für ausschluss', 'begründung der anwendbarkeit', 'begründung für ein oder ausschluss'],
  reasons: ['reasons', 'reasons for selection', 'selection reason', 'selection reasons', 'basis for selection', 'reason for selection', 'gründe', 'auswahlgrund', 'auswahlgründe'],
  status: ['status', 'implementation status', 'implementation', 'implemented', 'implementation state', 'state', 'control status', 'current status',
    'umsetzungsstatus', 'status der umsetzung', 'umsetzung', 'umgesetzt', 'umsetzungsstand'],
  owner: ['owner', 'control owner', 'owner role', 'responsible', 'responsible person', 'responsible party', 'responsibility', 'accountable',
    'verantwortlich', 'verantwortlicher', 'verantwortung', 'zuständig', 'zuständigkeit', 'eigentümer'],
  risks: ['risks', 'risk', 'risk ids', 'risk id', 'risk ref', 'risk refs', 'risk references', 'linked risks', 'related risks', 'risiken', 'risiko', 'risiko id', 'risiko ids'],
  evidence: ['evidence', 'evidence of implementation', 'evidence reference', 'proof', 'nachweis', 'nachweise', 'beleg', 'belege'],
  policies: ['policies', 'policy', 'documents', 'document', 'related documents', 'related policies', 'policy reference', 'policy references',
    'richtlinien', 'richtlinie', 'dokumente', 'dokument'],
  notes: ['notes', 'note', 'comments', 'comment', 'remarks', 'bemerkung', 'bemerkungen', 'kommentar', 'kommentare', 'anmerkung', 'anmerkungen'],
};

const ALIAS_TO_FIELD = new Map<string, Field>();
for (const [field, names] of Object.entries(COLUMN_ALIASES) as [Field, string[]][]) for (const n of names) ALIAS_TO_FIELD.set(n, field);

/** Header fields that a block above the table (XLSX cover rows) may give, by label. */
const HEADER_LABELS: Record<string, 'organization' | 'version' | 'approved-by' | 'approved-on'> = {
  organisation: 'organization', organization: 'organization', company: 'organization', 'organisation name': 'organization', 'organization name': 'organization',
  unternehmen: 'organization', organisationsname: 'organization', firma: 'organization',
  version: 'version', 'document version': 'version', 'dokumentversion': 'version',
  'approved by': 'approved-by', approver: 'approved-by', 'genehmigt von': 'approved-by', 'freigegeben von': 'approved-by',
  'approved on': 'approved-on', 'approval date': 'approved-on', 'date approved': 'approved-on', 'genehmigt am': 'approved-on', 'freigegeben am': 'approved-on', freigabedatum: 'approved-on',
};

const VALUE_STATUS: Record<string, Status | 'excluded' | 'none'> = {};
const setAll = (names: string[], v: Status | 'excluded' | 'none') => { for (const n of names) VALUE_STATUS[n] = v; };
setAll(['implemented', 'done', 'complete', 'completed', 'in place', 'fully implemented', 'yes', 'effective', 'operational', 'umgesetzt', 'vollständig umgesetzt',
  'erledigt', 'abgeschlossen', 'implementiert', 'eingeführt', 'ja'], 'implemented');
setAll(['partial', 'partially', 'partly', 'partially implemented', 'in progress', 'ongoing', 'started', 'wip', 'work in progress', 'teilweise',
  'teilweise umgesetzt', 'in bearbeitung', 'in umsetzung', 'begonnen'], 'partial');
setAll(['planned', 'scheduled', 'to be implemented', 'geplant', 'vorgesehen', 'in planung'], 'planned');
setAll(['not started', 'not implemented', 'open', 'no', 'not done', 'todo', 'to do', 'missing', 'offen', 'nicht begonnen', 'nicht umgesetzt', 'ausstehend', 'nein'], 'not-started');
setAll(['excluded', 'not applicable', 'n a', 'na', 'nicht anwendbar', 'entfällt', 'ausgeschlossen'], 'excluded');
setAll(['', 'not set', 'unknown', 'undecided', 'tbd', '-', 'not addressed'], 'none');

const YES = new Set(['yes', 'y', 'true', '1', 'x', '✓', '✔', 'included', 'include', 'applicable', 'ja', 'j', 'wahr', 'anwendbar', 'selected', 'in scope']);
const NO = new Set(['no', 'n', 'false', '0', 'excluded', 'exclude', 'not applicable', 'n a', 'na', 'nein', 'falsch', 'nicht anwendbar', 'ausgeschlossen', 'out of scope']);
const UNDECIDED = new Set(['', 'undecided', '?', 'tbd', 'tbc', 'offen', 'unknown', '-']);

const REASON_TOKENS: Record<string, Reason> = {
  risk: 'risk', risks: 'risk', rra: 'risk', ra: 'risk', 'risk assessment': 'risk', risiko: 'risk', risikobewertung: 'risk',
  legal: 'legal', lr: 'legal', law: 'legal', 'legal requirement': 'legal', gesetz: 'legal', gesetzlich: 'legal',
  regulatory: 'regulatory', reg: 'regulatory', regulation: 'regulatory', regulatorisch: 'regulatory',
  contractual: 'contractual', co: 'contractual', contract: 'contractual', cr: 'contractual', vertraglich: 'contractual', vertrag: 'contractual',
  business: 'business', br: 'business', 'business requirement': 'business', geschäftlich: 'business',
  'best-practice': 'best-practice', 'best practice': 'best-practice', bp: 'best-practice', 'br/bp': 'best-practice',
};

const STATUS_ORDER: Status[] = ['not-started', 'planned', 'partial', 'implemented'];

/** Lower case, brackets removed, punctuation to single spaces: "Applicable (Y/N)" -> "applicable". */
export function normaliseHeader(s: string): string {
  return s.normalize('NFC').replace(/\([^)]*\)/g, ' ').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

const normaliseValue = (s: string): string => s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}✓✔?-]+/gu, ' ').trim();

/** `x-` field name for an unmapped column: "Implementation Description" -> "x-implementation-description". */
export function slug(header: string): string {
  const s = header.normalize('NFC').toLowerCase()
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `x-${s || 'column'}`;
}

/** The leading control ID of a cell ("A.5.1", "5.1 Policies ...", "A 05.01"), normalised. */
function leadingControlId(cell: string): string | undefined {
  const m = /^\s*'?\s*((?:iso[ _]?27001(?::20\d\d)?:)?(?:annex[ \t]*)?a?[ \t]*\.?[ \t]*\d{1,2}(?:\.\d{1,2}){1,2})(?![\d.]*\d)/i.exec(cell);
  return m ? normaliseControlId(m[1]) : undefined;
}

// ------------------------------------------------------------------------------- reading

interface Sheet {
  rows: string[][];
  /** How it was read, for the report. */
  source: string;
  /** Cells stored as numbers ("row:column", zero-based): 5.10 and 5.1 are the same number. */
  numeric?: Set<string>;
}

const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

function cellString(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isoDate(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('hyperlink' in v) return String(v.text ?? '');
    if ('formula' in v || 'sharedFormula' in v) return cellString((v as { result?: CellValue }).result ?? null);
    if ('error' in v) return '';
    return '';
  }
  return String(v);
}

async function readXlsx(file: string): Promise<Sheet[]> {
  const wb = new (await loadExcel()).Workbook();
  await wb.xlsx.readFile(file);
  return wb.worksheets.map((ws) => {
    const rows: string[][] = [];
    const numeric = new Set<string>();
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, 0); c++) {
        const value = row.getCell(c).value;
        if (typeof value === 'number') numeric.add(`${r - 1}:${c - 1}`);
        cells.push(cellString(value).trim());
      }
      rows.push(cells);
    }
    return { rows, source: `sheet "${ws.name}"`, numeric };
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

async function readCsv(file: string): Promise<Sheet[]> {
  const { text, encoding } = decode(await fs.readFile(file));
  const delimiter = detectDelimiter(text);
  const rows = parseCsv(text.replace(/^\uFEFF/, ''), { delimiter, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }) as string[][];
  const name = delimiter === '\t' ? 'tab' : `"${delimiter}"`;
  return [{ rows: rows.map((r) => r.map((c) => c.trim())), source: `CSV, ${encoding}, delimiter ${name}` }];
}

async function readSheets(file: string): Promise<Sheet[]> {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx' || ext === '.xlsm') return readXlsx(file);
  if (ext === '.xls' || ext === '.ods' || ext === '.numbers') throw new Error(`${path.basename(file)}: ${ext} files cannot be read; save the sheet as .xlsx or CSV first.`);
  return readCsv(file);
}

// ------------------------------------------------------------------------------- columns

interface Column { index: number; header: string; field?: Field; xField?: string }

function headerScore(row: string[]): number {
  const fields = row.map((c) => ALIAS_TO_FIELD.get(normaliseHeader(c)));
  return fields.includes('id') ? fields.filter(Boolean).length : 0;
}

/** The first row (of the first 30) with an ID-like column and at least one other known column. */
function findHeaderRow(rows: string[][]): number {
  for (let i = 0; i < Math.min(rows.length, 30); i++) if (headerScore(rows[i]) >= 2) return i;
  return -1;
}

function mapColumns(header: string[], data: string[][]): Column[] {
  const columns: Column[] = header.map((h, index) => ({ index, header: h, field: ALIAS_TO_FIELD.get(normaliseHeader(h)) }));
  // Several columns may look like the ID ("ID" and "Control"): the one holding IDs wins.
  const idCandidates = columns.filter((c) => c.field === 'id');
  const idCount = (c: Column) => data.filter((r) => leadingControlId(r[c.index] ?? '') !== undefined).length;
  const best = idCandidates.reduce<Column | undefined>((b, c) => (!b || idCount(c) > idCount(b) ? c : b), undefined);
  for (const c of idCandidates) if (c !== best) c.field = 'title';
  // One column per field: later duplicates become x- fields.
  const taken = new Set<Field>();
  const slugs = new Set<string>();
  for (const c of columns) {
    if (c.field && taken.has(c.field)) c.field = undefined;
    if (c.field) { taken.add(c.field); continue; }
    if (!c.header.trim() && data.every((r) => !(r[c.index] ?? '').trim())) continue;
    let s = slug(c.header || `column ${c.index + 1}`);
    for (let n = 2; slugs.has(s); n++) s = `${slug(c.header)}-${n}`;
    slugs.add(s);
    c.xField = s;
  }
  return columns;
}

// ------------------------------------------------------------------------------- values

export function parseApplicable(raw: string): boolean | undefined | 'not-addressed' | 'invalid' {
  const v = normaliseValue(raw);
  if (v === 'not addressed') return 'not-addressed';
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  if (UNDECIDED.has(v)) return undefined;
  const first = v.split(' ')[0];
  if (YES.has(first)) return true;
  if (NO.has(first)) return false;
  return 'invalid';
}

export function parseStatus(raw: string): Status | 'excluded' | 'none' | 'not-addressed' | undefined {
  const v = normaliseValue(raw);
  if (v === 'not addressed') return 'not-addressed';
  if (v.startsWith('not set')) return 'none';
  if (v in VALUE_STATUS) return VALUE_STATUS[v];
  if ((STATUS_VALUES as readonly string[]).includes(raw.trim().toLowerCase())) return raw.trim().toLowerCase() as Status;
  if (/partial|teilweise|progress|bearbeitung/.test(v)) return 'partial';
  if (/plan|geplant/.test(v)) return 'planned';
  if (/\b(not|nicht|open|offen)\b/.test(v)) return 'not-started';
  if (/implemented|umgesetzt|done|erledigt/.test(v)) return 'implemented';
  return undefined;
}

function parseReasons(raw: string): { reasons: Reason[]; unknown: string[] } {
  const reasons: Reason[] = [];
  const unknown: string[] = [];
  for (const part of raw.split(/[,;\n+]|\s\/\s/)) {
    const t = part.trim().toLowerCase().replace(/\.$/, '');
    if (!t) continue;
    const r = REASON_TOKENS[t] ?? (REASON_VALUES as readonly string[]).find((x) => x === t) as Reason | undefined;
    if (r) { if (!reasons.includes(r)) reasons.push(r); } else unknown.push(part.trim());
  }
  return { reasons, unknown };
}

/** Risk IDs from "R-003, R-007", "R-003: title; R-007: title" or one per line. */
export function parseRiskIds(raw: string): string[] {
  const ids: string[] = [];
  for (const part of raw.split(/[,;\n]/)) {
    const m = /^\s*([A-Za-z]{0,8}[-_.]?\d+[A-Za-z0-9.-]*)(?=$|[\s:)(])/.exec(part);
    if (m && !ids.includes(m[1])) ids.push(m[1]);
  }
  return ids;
}

/** "policies/access.md", "docs\\isp.docx", "https://wiki/page": yes; "Access Control Policy": no. */
const isPathLike = (s: string): boolean => /^[a-z]+:\/\//i.test(s) || (!/\s{2,}/.test(s) && (/[\/\\]/.test(s) || /\.[a-z][a-z0-9]{0,4}$/i.test(s)));

const splitList = (raw: string): string[] => raw.split(/[;\n,]/).map((s) => s.trim()).filter(Boolean);

/** Formula-defused text from our own CSV export starts with an apostrophe. */
const undefuse = (s: string): string => (/^'[=+\-@]/.test(s) ? s.slice(1) : s);

// ------------------------------------------------------------------------------- entries

interface Draft {
  sources: { row: number; id: string; legacy: boolean }[];
  applicable: boolean[];
  status: (Status | 'excluded')[];
  reasons: Reason[];
  risks: string[];
  policies: string[];
  text: Map<string, { value: string }[]>;
}

export async function runImport(args: ImportArgs): Promise<{ report: string[]; written: string }> {
  const input = path.resolve(args.file);
  const output = path.resolve(args.output);
  if (!args.force && (await fs.stat(output).catch(() => undefined))) {
    throw new Error(`${output} already exists; pass --force to overwrite it.`);
  }
  if (!(await fs.stat(input).catch(() => undefined))?.isFile()) throw new Error(`${input} does not exist or is not a file.`);
  const sheets = await readSheets(input);
  let sheet: Sheet | undefined;
  let headerIndex = -1;
  for (const s of sheets) {
    headerIndex = findHeaderRow(s.rows);
    if (headerIndex >= 0) { sheet = s; break; }
  }
  if (!sheet) {
    throw new Error(`${path.basename(input)}: no header row with a control ID column (ID, Control, Control ID, Ref, Nr., Maßnahme) and at least one other known column was found.`);
  }
  const report: string[] = [];
  const header = sheet.rows[headerIndex];
  const data = sheet.rows.slice(headerIndex + 1);
  const columns = mapColumns(header, data);
  const idColumn = columns.find((c) => c.field === 'id')!;
  report.push(`Read ${path.basename(input)} (${sheet.source}); header on row ${headerIndex + 1}, ${data.length} data rows.`);
  for (const c of columns) {
    const name = c.header || `(column ${c.index + 1})`;
    if (c.field === 'title') report.push(`Mapped column "${name}" -> title (not copied: the catalogue title is written as a comment).`);
    else if (c.field === 'theme') report.push(`Mapped column "${name}" -> theme (not copied: the catalogue gives the theme).`);
    else if (c.field) report.push(`Mapped column "${name}" -> ${c.field}.`);
  }
  for (const c of columns) if (c.xField) report.push(`Unmapped column "${c.header || `(column ${c.index + 1})`}" -> ${c.xField}.`);

  const meta = readHeaderBlock(sheet.rows.slice(0, headerIndex));

  // 2013 sheets list 3-part IDs, often under 2-part objective headings; 2022 sheets list 2-part IDs.
  const ids = data.map((r) => leadingControlId(undefuse(r[idColumn.index] ?? '')));
  const legacyRows = ids.filter((id) => id && catalogue.legacyControl(id)).length;
  const currentRows = ids.filter((id) => id && depth(id) === 2 && catalogue.control(id)).length;
  const legacyLayout = legacyRows > 0 && legacyRows >= currentRows;
  if (legacyLayout) report.push(`The sheet uses ISO/IEC 27001:2013 control IDs (${legacyRows} rows); they are converted to their 2022 successors.`);

  const numericIds = data.filter((_r, i) => sheet!.numeric?.has(`${headerIndex + 1 + i}:${idColumn.index}`)).length;
  if (numericIds) {
    report.push(`Warning: ${numericIds} IDs in column "${idColumn.header}" are stored as numbers, so 5.10 reads as 5.1. Format the column as text in the spreadsheet, or check the merged rows below.`);
  }

  const drafts = new Map<string, Draft>();
  const xFields = columns.filter((c) => c.xField);
  const converted: string[] = [];
  const skipped: string[] = [];
  data.forEach((row, i) => {
    const rowNo = headerIndex + 2 + i;
    const cell = (field: Field) => {
      const c = columns.find((x) => x.field === field);
      return c ? undefuse(row[c.index] ?? '').trim() : '';
    };
    const rawId = undefuse(row[idColumn.index] ?? '').trim();
    if (row.every((c) => !c.trim())) return;
    const id = ids[i];
    if (!id) {
      skipped.push(`Skipped row ${rowNo}: "${truncate(rawId || row.find((c) => c.trim()) || '')}" is not a control ID.`);
      return;
    }
    const overflow = row.slice(header.length).filter((c) => c.trim());
    if (overflow.length) {
      report.push(`Row ${rowNo} (${id}) has ${row.length} cells but the header only ${header.length}; ignored ${overflow.map((c) => `"${truncate(c)}"`).join(', ')} (an unquoted comma or semicolon in a cell?).`);
    }
    let targets: string[];
    let legacy = false;
    if (depth(id) === 3) {
      const l = catalogue.legacyControl(id);
      if (!l) { skipped.push(`Skipped row ${rowNo}: ${id} is neither an ISO/IEC 27001:2022 nor a 2013 control.`); return; }
      targets = l.successors;
      legacy = true;
      converted.push(`Converted ${id} (2013: ${l.title}) -> ${targets.join(', ')}.`);
    } else if (legacyLayout && catalogue.legacyObjective(id)) {
      skipped.push(`Skipped row ${rowNo}: ${id} is a 2013 control objective (a heading), not a control.`);
      return;
    } else if (catalogue.control(id)) {
      targets = [id];
    } else {
      skipped.push(`Skipped row ${rowNo}: ${id} is not an ISO/IEC 27001:2022 Annex A control.`);
      return;
    }

    const applicable = parseApplicable(cell('applicable'));
    const statusRaw = cell('status');
    const status = parseStatus(statusRaw);
    if (applicable === 'not-addressed' || (status === 'not-addressed' && applicable === undefined)) return;
    const extra = new Map<string, string>();
    if (applicable === 'invalid') {
      report.push(`Row ${rowNo} (${id}): applicability "${cell('applicable')}" not understood; kept in x-applicable.`);
      extra.set('x-applicable', cell('applicable'));
    }
    if (status === undefined) {
      report.push(`Row ${rowNo} (${id}): status "${statusRaw}" not understood; kept in x-status.`);
      extra.set('x-status', statusRaw);
    }
    const riskIds = parseRiskIds(cell('risks'));
    if (cell('risks') && !riskIds.length) {
      report.push(`Row ${rowNo} (${id}): no risk IDs found in "${truncate(cell('risks'))}"; kept in x-risks.`);
      extra.set('x-risks', cell('risks'));
    }
    // Only file paths go into policies (the checker resolves them); document names are kept aside.
    const policyItems = splitList(cell('policies'));
    const policyPaths = policyItems.filter(isPathLike);
    if (policyPaths.length < policyItems.length) {
      report.push(`Row ${rowNo} (${id}): ${policyItems.filter((p) => !isPathLike(p)).map((p) => `"${truncate(p)}"`).join(', ')} not a file path; kept in x-policies. Link the policy files in policies:.`);
      extra.set('x-policies', policyItems.filter((p) => !isPathLike(p)).join('; '));
    }
    const reasons = parseReasons(cell('reasons'));
    if (reasons.unknown.length) {
      report.push(`Row ${rowNo} (${id}): reasons ${reasons.unknown.map((u) => `"${u}"`).join(', ')} not understood; kept in x-reasons.`);
      extra.set('x-reasons', cell('reasons'));
    }
    for (const c of xFields) {
      const v = undefuse(row[c.index] ?? '').trim();
      if (v) extra.set(c.xField!, v);
    }
    const texts: [string, string][] = [['justification', cell('justification')], ['owner', cell('owner')], ['evidence', cell('evidence')], ['notes', cell('notes')], ...extra];
    for (const target of targets) {
      const d: Draft = drafts.get(target) ?? { sources: [], applicable: [], status: [], reasons: [], risks: [], policies: [], text: new Map() };
      drafts.set(target, d);
      d.sources.push({ row: rowNo, id, legacy });
      if (typeof applicable === 'boolean') d.applicable.push(applicable);
      if (status && status !== 'none' && status !== 'not-addressed') d.status.push(status);
      for (const r of reasons.reasons) if (!d.reasons.includes(r)) d.reasons.push(r);
      for (const r of riskIds) if (!d.risks.includes(r)) d.risks.push(r);
      for (const p of policyPaths) if (!d.policies.includes(p)) d.policies.push(p);
      for (const [k, v] of texts) {
        if (!v) continue;
        const list = d.text.get(k) ?? [];
        if (!list.some((x) => x.value === v)) list.push({ value: v });
        d.text.set(k, list);
      }
    }
  });
  report.push(...converted, ...skipped);

  const doc = new Document();
  const root = new YAMLMap();
  doc.contents = root as never;
  doc.commentBefore = ` Statement of Applicability, imported from ${path.basename(input)} by isms-author import.\n Review every entry: the import copies what the spreadsheet says and decides nothing.`;
  const put = (map: YAMLMap, key: string, value: unknown) => {
    const node = value instanceof Scalar || value instanceof YAMLSeq || value instanceof YAMLMap ? value : new Scalar(value);
    map.add(new Pair(new Scalar(key), node));
  };
  put(root, 'standard', 'ISO/IEC 27001:2022');
  for (const k of ['organization', 'version', 'approved-by', 'approved-on'] as const) if (meta[k]) put(root, k, meta[k]);
  const missingMeta = (['organization', 'version', 'approved-by', 'approved-on'] as const).filter((k) => !meta[k]);
  const controls = new YAMLMap();
  const controlsKey = new Scalar('controls');
  if (missingMeta.length) controlsKey.commentBefore = ` Add ${missingMeta.join(', ')} above before the SoA is approved.`;
  root.add(new Pair(controlsKey, controls));

  for (const control of catalogue.controls) {
    const d = drafts.get(control.id);
    if (!d) continue;
    const key = new Scalar(control.id);
    const comment = [` ${control.id} ${control.title} (${control.theme})`];
    const legacySources = [...new Set(d.sources.filter((s) => s.legacy).map((s) => s.id))];
    if (legacySources.length) comment.push(` converted from ISO/IEC 27001:2013 ${legacySources.join(', ')}`);
    key.commentBefore = comment.join('\n');
    if (d.sources.length > 1) report.push(`${control.id}: rows ${d.sources.map((s) => s.row).join(', ')} (${[...new Set(d.sources.map((s) => s.id))].join(', ')}) were merged into one entry.`);
    const body = new YAMLMap();
    const anyTrue = d.applicable.includes(true);
    const anyFalse = d.applicable.includes(false);
    const applicable = anyTrue ? true : anyFalse ? false : undefined;
    if (anyTrue && anyFalse) report.push(`${control.id}: the merged rows disagree on applicability; written as applicable.`);
    const statuses = d.status.filter((s): s is Status => s !== 'excluded');
    const excludedByStatus = d.status.length > 0 && statuses.length === 0;
    let status: Status | undefined = statuses.length ? STATUS_ORDER.find((s) => statuses.includes(s)) : undefined;
    let finalApplicable = applicable;
    if (finalApplicable === undefined && excludedByStatus) finalApplicable = false;
    if (finalApplicable === true && excludedByStatus) report.push(`${control.id}: applicable, but the status says excluded; check the entry.`);
    if (finalApplicable === false && status) {
      report.push(`${control.id}: excluded, but the status says ${status}; the status was dropped.`);
      status = undefined;
    }
    if (finalApplicable !== undefined) put(body, 'applicable', finalApplicable);
    if (status) put(body, 'status', status);
    if (d.reasons.length) put(body, 'reasons', flowSeq(d.reasons));
    if (d.risks.length) put(body, 'risks', flowSeq(d.risks));
    const textOf = (k: string): string | undefined => {
      const values = d.text.get(k);
      if (!values?.length) return undefined;
      if (values.length === 1) return values[0].value;
      // Rows merged into one control (2013 controls sharing a successor): keep each row's text,
      // in row order. No ID prefixes: IDs in prose are references and would be flagged as 2013 IDs.
      return values.map((v) => v.value).join(k === 'owner' ? '; ' : '\n');
    };
    const text = (k: string) => { const v = textOf(k); if (v !== undefined) put(body, k, v); };
    text('justification');
    text('owner');
    if (d.policies.length) put(body, 'policies', flowSeq(d.policies));
    text('evidence');
    text('notes');
    for (const k of [...d.text.keys()].filter((k) => k.startsWith('x-'))) text(k);
    controls.add(new Pair(key, body));
  }

  const present = catalogue.controls.filter((c) => drafts.has(c.id));
  const missing = catalogue.controls.filter((c) => !drafts.has(c.id));
  if (missing.length) {
    report.push(`Missing from the spreadsheet (${missing.length}): ${missing.map((c) => c.id).join(', ')}. Add an entry for each before the SoA is complete.`);
    const newOnes = missing.filter((c) => c.isNew);
    if (legacyLayout && newOnes.length) report.push(`${newOnes.length} of them are new in ISO/IEC 27001:2022 and have no 2013 predecessor: ${newOnes.map((c) => c.id).join(', ')}.`);
  } else {
    report.push('All 93 Annex A controls are present.');
  }

  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  await fs.mkdir(path.dirname(output), { recursive: true });
  await fs.writeFile(output, text, { flag: args.force ? 'w' : 'wx' }).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'EEXIST') throw new Error(`${output} already exists; pass --force to overwrite it.`);
    throw e;
  });
  report.push(`${present.length} controls written to ${path.basename(output)}.`);
  return { report, written: output };
}

function flowSeq(items: string[]): YAMLSeq {
  const seq = new YAMLSeq();
  seq.flow = true;
  for (const i of items) seq.items.push(new Scalar(i));
  return seq;
}

/** Number of parts of a normalised ID: A.5.1 has 2, A.9.2.3 has 3. */
const depth = (id: string): number => id.split('.').length - 1;

const truncate = (s: string, n = 40): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/** Label/value pairs above the table ("Organisation" | "Acme Ltd", or "Version: 1.4" in one cell). */
function readHeaderBlock(rows: string[][]): Partial<Record<'organization' | 'version' | 'approved-by' | 'approved-on', string>> {
  const out: Partial<Record<'organization' | 'version' | 'approved-by' | 'approved-on', string>> = {};
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

/** exceljs is large: load it only when a spreadsheet is read or written, not on every `check`. */
async function loadExcel(): Promise<typeof import('exceljs')> {
  const mod = (await import('exceljs')) as typeof import('exceljs') & { default?: typeof import('exceljs') };
  return mod.default ?? mod;
}
