// Control references written as bare numbers where the layout says what they are: a table
// column whose header names controls ("| Control |", "| **ISO 27001:2022 control** |",
// "| Maßnahme |"), a key/value row or a label ("**ISO 27001:2022 Control(s):** 5.15, 5.18"),
// metadata in an HTML comment at the top of a file, a parenthesised list after "Controls"
// ("Organizational Controls (5.1-5.37)"), and a number followed by its own catalogue title
// ("#### 5.1 Policies for information security"). Clause numbers written in a control context are
// returned apart, for ref/clause-as-control. Prose references ("A.5.15", "control 5.15") are
// controlRef.ts's job; this module adds only what needs the document's structure.
import { catalogue } from './catalogue';
import { findControlRefs, type ControlRef } from './controlRef';
import { tableCells, type MarkdownScan, type ScannedHeading } from './markdownScan';
import { mentionsIn, type Mention } from './standards';
import type { Span } from './types';

/** A clause number ("9.1") written where a control belongs. */
export interface MisplacedClause { id: string; span: Span }

/**
 * What a header or label says the numbers after it are: `controls` (Annex A controls; a clause
 * number there is a mistake), `standard` (ISO/IEC 27001 in general: known controls count, clause
 * numbers are clauses), or another standard's or framework's IDs (`other`, with its mentions).
 */
export type Naming = { kind: 'controls' | 'standard' } | { kind: 'other'; mentions: Mention[] };

const CONTROL_NOUNS = new Set(['control', 'controls', 'control(s)', 'ctrl', 'ctrls', 'maßnahme', 'maßnahmen', 'maßnahme(n)', 'massnahme', 'massnahmen', 'kontrolle', 'kontrollen', 'kontrolle(n)']);
const REF_NOUNS = new Set(['ref', 'ref.', 'refs', 'reference', 'references', 'referenz', 'referenzen', 'mapping', 'mappings', 'zuordnung', 'id', 'ids', 'id(s)', 'no', 'no.', 'nr', 'nr.', 'number', 'numbers', '#', 'nummer']);
const QUALIFIERS = new Set(['relevant', 'related', 'applicable', 'mapped', 'referenced', 'associated', 'supporting', 'primary', 'key', 'selected', 'affected', 'covered', 'linked', 'cited', 'implemented', 'addressed', 'zugehörige', 'zugehörigen', 'relevante', 'betroffene', 'zugeordnete', 'verknüpfte', 'umgesetzte', 'the', 'of', 'to', 'die', 'der', 'nach']);
const STANDARD_WORDS = /^(?:iso|iec|iso\/iec|din|en|(?:iso)?2700[12](?::(?:20\d\d))?|:?20(?:13|22)|annex|anhang|a)$/;
const OTHER_WORDS = /^(?:(?:iso)?\d{4,5}(?::(?:19|20)\d\d)?|soc|soc2|2|pci|dss|pci-dss|cis|nist|csf|hipaa|ccm|csa|bsi|cobit|tisax|c5|tsc)$/;

/** Classifies a column header or a label (markup, a trailing colon and spacing ignored). */
const MAY_NAME = /(?<![a-z])(?:contr|ctrl|ma(?:ß|ss)nahm|kontroll|annex|anhang|ref|soc|pci|cis|nist|iso)|\d{4}/i;

export function nameOf(raw: string, asHeader: boolean): Naming | undefined {
  if (!MAY_NAME.test(raw)) return undefined;
  const label = raw.replace(/[*_`[\]]/g, '').replace(/:\s*$/, '').trim().toLowerCase();
  if (!label || label.length > 60) return undefined;
  const words = label.replace(/\biso\s*\/\s*iec\b/g, 'iso/iec').replace(/(\d)\s*:\s*(\d)/g, '$1:$2').split(/[\s/]+|(?<=\w)-(?=\w)/).filter(Boolean);
  let noun = false, ref = false, ours = false, annex = false, other = false;
  for (const w of words) {
    if (CONTROL_NOUNS.has(w)) noun = true;
    else if (REF_NOUNS.has(w)) ref = true;
    else if (/^(?:iso)?2700[12](?::20\d\d)?$/.test(w)) ours = true;
    else if (w === 'annex' || w === 'anhang') annex = true;
    else if (STANDARD_WORDS.test(w) || QUALIFIERS.has(w)) continue;
    else if (OTHER_WORDS.test(w)) other = true;
    else return undefined;
  }
  if (other) {
    const mentions = mentionsIn(raw);
    return mentions.some((m) => m.kind !== 'ours') ? { kind: 'other', mentions } : undefined;
  }
  if (noun || annex) return { kind: 'controls' };
  if (ours) return { kind: 'standard' };
  // "Ref" alone names controls only as a column header, and then only known controls count.
  if (ref && asHeader && words.length === 1 && /^ref/.test(words[0])) return { kind: 'standard' };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Bare lists: "5.15, 5.18 and 8.2", "5.24–5.26", "5.15 (Access control) / 5.18"

const NUMBER = /(\d{1,2}(?:\.\d{1,2}){1,2})(?![\w\u00C0-\u024F]|\.\d)/y;
const SKIP_MARKUP = /[ \t*_[]*/y;
const LIST_SEP = /[ \t*_\]]*(?:,|;|\/|&|\+|\band\b|\bor\b|\bund\b|\boder\b|\bsowie\b)[ \t]*(?:and[ \t]+)?[ \t*_[]*/y;
const RANGE_SEP = /[ \t*_]*(?:--?|\u2013|\u2014|\bto\b|\bthrough\b|\bthru\b|\bbis\b)[ \t*_]*/y;
/** "5.24–26": a short tail, only right after a dash without spaces (not "8.8 - 30 days"). */
const SHORT_TAIL = /(?:--?|\u2013|\u2014)(\d{1,2})(?![\w\u00C0-\u024F]|\.\d)/y;
const PAREN_TITLE = /[ \t]*\([^()\n|]{1,100}\)/y;
const WORD_TITLE = /[ \t]+(?:[-\u2013\u2014:][ \t]+)?\p{L}[\p{L}\p{N} ,'’&-]{0,80}?(?=[ \t]*(?:[;|\n]|,[ \t]*\d|$))/uy;
const EXPLICIT = /(?:A|Annex[ \t]+A)[ \t]*\.?[ \t]*(?=\d)/y;

interface BareItem { parts: number[]; span: Span; rangeFrom?: BareItem }

/** The end of a range after `q`: a full number after any range word, or a short tail right after a dash. */
function readRangeTail(text: string, q: number, to: number): { parts: number[]; span: Span } | undefined {
  const r = at(RANGE_SEP, text, q, to);
  if (r < 0) return undefined;
  const explicit = at(EXPLICIT, text, r, to);
  NUMBER.lastIndex = explicit >= 0 ? explicit : r;
  const full = NUMBER.exec(text);
  if (full && full.index + full[0].length <= to) return { parts: full[1].split('.').map(Number), span: { start: full.index, end: full.index + full[1].length } };
  SHORT_TAIL.lastIndex = q;
  const short = SHORT_TAIL.exec(text);
  if (!short || short.index + short[0].length > to) return undefined;
  const end = short.index + short[0].length;
  return { parts: [Number(short[1])], span: { start: end - short[1].length, end } };
}

function at(re: RegExp, text: string, pos: number, end: number): number {
  re.lastIndex = pos;
  const m = re.exec(text);
  return m && m.index + m[0].length <= end ? m.index + m[0].length : -1;
}

/**
 * Reads a bare list that starts at `from` (after markup) and ends by `to`. Items written with an
 * "A." prefix are stepped over (the prose scanner reports them). `whole` demands that the list
 * fill the region. Returns the numbers read, or nothing when the region does not start with one.
 */
export function readBareList(text: string, from: number, to: number, whole = false): BareItem[] {
  const items: BareItem[] = [];
  let p = at(SKIP_MARKUP, text, from, to);
  if (p < 0) p = from;
  for (;;) {
    const explicit = at(EXPLICIT, text, p, to);
    const numStart = explicit >= 0 ? explicit : p;
    NUMBER.lastIndex = numStart;
    const m = NUMBER.exec(text);
    if (!m || m.index + m[0].length > to) break;
    const item: BareItem = { parts: m[1].split('.').map(Number), span: { start: numStart, end: numStart + m[0].length } };
    let q = item.span.end;
    // A range: "5.24–5.26" or "5.24-26".
    const tail = readRangeTail(text, q, to);
    if (explicit < 0) items.push(item);
    if (tail) {
      const parts = tail.parts.length < item.parts.length ? [...item.parts.slice(0, item.parts.length - tail.parts.length), ...tail.parts] : tail.parts;
      if (explicit < 0) items.push({ parts, span: tail.span, rangeFrom: item });
      q = tail.span.end;
    }
    const title = at(PAREN_TITLE, text, q, to);
    if (title >= 0) q = title;
    else {
      const words = at(WORD_TITLE, text, q, to);
      if (words >= 0) q = words;
    }
    const sep = at(LIST_SEP, text, q, to);
    if (sep < 0) { p = q; break; }
    p = sep;
  }
  if (whole && (items.length === 0 || text.slice(p, to).replace(/[ \t*_\]]/g, '') !== '')) return [];
  return items;
}

// ---------------------------------------------------------------------------------------------
// Turning numbers into references

export interface ContextFindings {
  refs: ControlRef[];
  clauses: MisplacedClause[];
}

function emit(items: BareItem[], kind: 'controls' | 'standard', out: ContextFindings): void {
  for (const item of items) {
    if (item.rangeFrom) {
      const a = item.rangeFrom.parts, b = item.parts;
      const sameStem = a.length === b.length && a.slice(0, -1).every((n, i) => n === b[i]);
      const lo = a[a.length - 1], hi = b[b.length - 1];
      if (sameStem && hi > lo && hi - lo <= 60) {
        for (let n = lo + 1; n < hi; n++) {
          const ref = classify([...a.slice(0, -1), n], { start: item.rangeFrom.span.start, end: item.span.end }, 'standard');
          if (ref && 'kind' in ref) out.refs.push({ ...ref, inRange: true });
        }
      }
    }
    const found = classify(item.parts, item.span, kind);
    if (!found) continue;
    if ('kind' in found) out.refs.push(found);
    else out.clauses.push(found);
  }
}

/**
 * A number in a control context: a 2022 control; a clause written where a control belongs (only
 * where the context says "controls"); a 2013 control; or, in a control column, an unknown ID
 * in the Annex A range.
 */
function classify(parts: number[], span: Span, kind: 'controls' | 'standard'): ControlRef | MisplacedClause | undefined {
  const number = parts.join('.');
  const id = `A.${number}`;
  if (parts.length === 2 && catalogue.control(id)) return { id, kind: 'control', span };
  if (kind === 'standard') return undefined;
  if (catalogue.clause(number)) return { id: number, span };
  if (parts.length === 3 && catalogue.legacyControl(id)) return { id, kind: 'legacy', span };
  if (parts.length === 2 && parts[0] >= 5 && parts[0] <= 8) return { id, kind: 'unknown', span };
  return undefined;
}

const EXPLICIT_IN = /(?<![\w.])(?:A[ \t]?\.[ \t]?|Annex[ \t]+A[ \t]*\.?[ \t]*)\d{1,2}\.\d/;
const LABEL = /^[ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:\*\*|__|\*|_)?((?:[^:\n|*_]|:(?=(?:19|20)\d\d)){2,80}?)(?:\*\*|__|\*|_)?[ \t]*:(?!(?:19|20)\d\d)[ \t]*(?:\*\*|__|\*|_)?[ \t]*/;
/** A plural names a group of controls; "Operational Planning & Control (8.1)" is a clause title. */
const CONTROLS_BEFORE = /(?:^|[^\p{L}])(?:[Cc]ontrols|CONTROLS|Ma(?:ß|ss)nahmen|Kontrollen)[*_]*[ \t]*$/u;
const LEADING_NUMBER = /([ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:#{1,6}[ \t]+)?[*_]*)(\d{1,2}\.\d{1,2})(?![\d.]\d)[*_]*[ \t]+(?:[-\u2013\u2014:][ \t]+)?([^|()\n]{3,100})/y;

/** Labels and headers in one document: what each line's label, and each table column, names. */
export interface Contexts {
  findings: ContextFindings;
  /** Table cells and label values with their naming, for the other-standard rule (computed on demand). */
  regions: () => { span: Span; naming: Naming }[];
  /** Where a bare control number may be typed: control columns (a table and a column index) and label values. */
  entry: ControlEntry[];
}

export interface ControlEntry { span: Span; column?: number }

/** Finds the context references of a Markdown document from its scan. */
export function contextRefs(text: string, scan: MarkdownScan): Contexts {
  const findings: ContextFindings = { refs: [], clauses: [] };
  /** Label values and key/value cells, found eagerly (they are rare); column cells are listed on demand. */
  const labelRegions: { span: Span; naming: Naming }[] = [];
  const entry: ControlEntry[] = [];
  const region = (span: Span, naming: Naming) => { labelRegions.push({ span, naming }); };

  // Tables: control columns, and key/value rows. The columns' own convention: where a column
  // (or any column of the document with the same header) writes "A.5.15", a bare "5.2" is a clause.
  // Rows are split into cells only when a column needs them.
  const split = scan.tables.map(() => [] as Span[][]);
  const cellsOf = (t: number, k: number): Span[] => {
    const line = scan.tables[t].lines[k];
    return (split[t][k] ??= tableCells(text, line.start, line.end));
  };
  const explicitHeaders = new Set<string>();
  const columnsOf = scan.tables.map((table, t) => cellsOf(t, 0).map((c, col) => {
    const raw = text.slice(c.start, c.end);
    const naming = nameOf(raw, true);
    if (!naming) return undefined;
    const headerText = raw.replace(/[*_`\s]+/g, ' ').trim().toLowerCase();
    if (naming.kind !== 'other' && !explicitHeaders.has(headerText)) {
      for (let k = 1; k < table.lines.length; k++) {
        const cell = cellsOf(t, k)[col];
        if (cell && EXPLICIT_IN.test(text.slice(cell.start, cell.end))) { explicitHeaders.add(headerText); break; }
      }
    }
    return { naming, headerText };
  }));
  scan.tables.forEach((table, t) => {
    const columns = columnsOf[t];
    columns.forEach((column, col) => {
      if (!column || column.naming.kind === 'other') return;
      entry.push({ span: table.span, column: col });
      if (explicitHeaders.has(column.headerText)) return;
      for (let k = 1; k < table.lines.length; k++) {
        const cell = cellsOf(t, k)[col];
        if (cell) emit(readBareList(text, cell.start, cell.end), column.naming.kind, findings);
      }
    });
    // Key/value tables have two or three columns, the key first.
    if (columns[0] || columns.length > 3) return;
    for (let k = 0; k < table.lines.length; k++) {
      const row = cellsOf(t, k);
      if (row.length < 2) continue;
      const naming = nameOf(text.slice(row[0].start, row[0].end), false);
      if (!naming) continue;
      for (const c of row.slice(1)) {
        region(c, naming);
        if (naming.kind !== 'other') emit(readBareList(text, c.start, c.end), naming.kind, findings);
      }
    }
  });
  const regions = () => {
    const out = [...labelRegions];
    scan.tables.forEach((table, t) => columnsOf[t].forEach((column, col) => {
      if (!column) return;
      for (let k = 1; k < table.lines.length; k++) {
        const cell = cellsOf(t, k)[col];
        if (cell) out.push({ span: cell, naming: column.naming });
      }
    }));
    return out;
  };

  // Labels at the start of a line, outside code and HTML; and metadata in a comment at the top.
  // Each shape is found by one pass for what it cannot do without (a colon before a number, "Controls (",
  // a number opening a heading or list item), not by reading every line.
  const topComments = topOfFileComments(text, scan);
  const inSkip = skipFinder(scan.skip);
  const hints = numberHints(text);
  for (const at of hints.labels) {
    const { start: lineStart, end: lineEnd } = lineAround(text, at);
    const skipped = inSkip(at);
    const inTopComment = !!skipped && topComments.some((c) => c.start === skipped.start);
    if (skipped && !inTopComment) continue;
    let line = text.slice(lineStart, lineEnd);
    let offset = 0;
    if (inTopComment) {
      // Metadata lines inside the comment: "ISO 27001:2022 Controls: 5.15, 5.16".
      const open = line.indexOf('<!--');
      if (open >= 0) { offset = open + 4; line = line.slice(offset); }
      const close = line.indexOf('-->');
      if (close >= 0) line = line.slice(0, close);
    }
    // Table rows are read cell by cell above.
    if (/^[ \t>]*\|/.test(line)) continue;
    const label = LABEL.exec(line);
    if (!label) continue;
    const naming = nameOf(label[1], false);
    if (!naming) continue;
    const valueStart = lineStart + offset + label[0].length;
    const valueEnd = lineStart + offset + line.length;
    region({ start: valueStart, end: valueEnd }, naming);
    if (naming.kind === 'other') continue;
    entry.push({ span: { start: valueStart, end: valueEnd } });
    emit(readBareList(text, valueStart, valueEnd), naming.kind, findings);
    if (inTopComment) findings.refs.push(...findControlRefs(text, valueStart, valueEnd));
  }
  // "Organizational Controls (5.1-5.37)": found from the parenthesis, which is rarer than the words.
  for (const paren of hints.parens) {
    const open = paren + 1;
    if (!CONTROLS_BEFORE.test(text.slice(Math.max(0, paren - 24), paren)) || inSkip(paren)) continue;
    const close = text.slice(open, open + 200).indexOf(')') + open;
    if (close < open || text.slice(open, close).includes('\n')) continue;
    emit(readBareList(text, open, close, true), 'standard', findings);
  }
  // "#### 5.1 Policies for information security": a number followed by its own title, in a
  // heading or a list item.
  // Headings whose text opens with a digit ("#### 5.1 ..."), and list items found above.
  const leading = [...scan.headings.filter((h) => /^\d/.test(h.text)).map((h) => h.span.start), ...hints.lines];
  for (const lineStart of leading) {
    LEADING_NUMBER.lastIndex = lineStart;
    const lead = LEADING_NUMBER.exec(text);
    if (!lead) continue;
    const start = lead.index + lead[1].length;
    if (inSkip(start)) continue;
    const id = `A.${lead[2].split('.').map(Number).join('.')}`;
    const title = lead[3].replace(/[*_`]+/g, '').replace(/[ \t#]+$/, '');
    // Only the control's own title, word for word (any case, British or American spelling).
    const own = catalogue.control(id)?.title;
    if (own && sameTitle(own, title)) findings.refs.push({ id, kind: 'control', span: { start, end: start + lead[2].length } });
  }

  // "### 4.1 Policies for information security (5.1-5.10)" under a heading that names controls.
  headingRanges(text, scan.headings, findings);
  return { findings, regions, entry };
}

const titleKey = (t: string) => t.toLowerCase().replace(/[^a-z\u00e0-\u00ff]+/g, '').replace(/z/g, 's').replace(/ll/g, 'l');
const sameTitle = (a: string, b: string) => titleKey(a) === titleKey(b);

/** Nothing but a title, metadata lines, rules and other comments above it: where generators put metadata. */
const PREAMBLE_LINE = /^[ \t]*(?:#{1,6}[ \t]|[-*_=]{3,}[ \t]*$|>?[ \t]*(?:\*\*|__)?[^:|\n]{1,40}?(?:\*\*|__)?[ \t]*:(?:[ \t*_]|$))/;
/** The comments in the first 6,000 characters after the front matter with only a preamble above them. */
function topOfFileComments(text: string, scan: MarkdownScan): Span[] {
  const from = scan.frontMatter?.end ?? 0;
  const out: Span[] = [];
  let pos = from;
  for (const c of scan.comments) {
    if (c.start < from) continue;
    if (c.start - from > 6000 || !preambleOnly(text.slice(pos, c.start))) break;
    out.push(c);
    pos = c.end;
  }
  return out;
}
const preambleOnly = (s: string) => s.split('\n').every((l) => !l.trim() || PREAMBLE_LINE.test(l));

/**
 * One pass over the numbers ("5.15") of a text, sorting them by what precedes them: a colon (a
 * label's value, possibly after "A."), an opening parenthesis, or the start of a list item.
 * Returns label lines once each (by the colon's offset), parentheses, and list-item line starts.
 */
function numberHints(text: string): { labels: number[]; parens: number[]; lines: number[] } {
  const labels: number[] = [], parens: number[] = [], lines: number[] = [];
  const hint = /\d\.\d/g;
  let labelLineEnd = -1, lastParen = -1;
  for (let h = hint.exec(text); h; h = hint.exec(text)) {
    let i = h.index;
    if (i > 0 && isDigitAt(text, i - 1)) i--;
    if (i > 0 && (isDigitAt(text, i - 1) || (text.charCodeAt(i - 1) === 46 && i > 1 && isDigitAt(text, i - 2)))) continue; // inside a longer number
    let j = i - 1;
    while (j >= 0 && isPad(text.charCodeAt(j))) j--;
    // "A." or "A " before the number: look before it.
    if (j >= 0 && (text.charCodeAt(j) === 46 || text.charCodeAt(j) === 65) && text.charCodeAt(j) !== 10) {
      let k = j;
      if (text.charCodeAt(k) === 46) k--;
      while (k >= 0 && isPad(text.charCodeAt(k))) k--;
      if (k >= 0 && text.charCodeAt(k) === 65 && (k === 0 || !isWordAt(text, k - 1))) { j = k - 1; while (j >= 0 && isPad(text.charCodeAt(j))) j--; }
    }
    const c = j < 0 ? 10 : text.charCodeAt(j);
    if (c === 58 /* : */) {
      // One label per line: later colons on the same line are values, not labels.
      if (j > labelLineEnd) {
        labels.push(j);
        labelLineEnd = text.indexOf('\n', j);
        if (labelLineEnd < 0) labelLineEnd = text.length;
      }
    } else if (c === 40 /* ( */) {
      if (j !== lastParen) { parens.push(j); lastParen = j; }
    } else if (c === 45 || c === 42 || c === 43 || c === 41 || c === 46) {
      // "- 5.15 ...", "1. 5.15 ...": a list marker alone before the number.
      let k = j - 1;
      while (k >= 0 && (isDigitAt(text, k) || text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9 || text.charCodeAt(k) === 62)) k--;
      if ((k < 0 || text.charCodeAt(k) === 10) && (c === 45 || c === 42 || c === 43 || isDigitAt(text, j - 1))) lines.push(k + 1);
    }
  }
  return { labels, parens, lines };
}

const isDigitAt = (text: string, i: number) => { const c = text.charCodeAt(i); return c >= 48 && c <= 57; };
const isWordAt = (text: string, i: number) => { const c = text.charCodeAt(i); return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95; };
/** Spaces and emphasis markers between a label's colon and its value. */
const isPad = (c: number) => c === 32 || c === 9 || c === 42 || c === 95;

/** The line (without its break) holding `offset`. */
function lineAround(text: string, offset: number): Span {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  if (text.charCodeAt(end - 1) === 13) end--;
  return { start, end };
}

/** The skipped span (code, HTML) holding an offset; offsets may come in any order. */
function skipFinder(skip: readonly Span[]): (offset: number) => Span | undefined {
  return (offset) => {
    let lo = 0, hi = skip.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (skip[mid].start <= offset) lo = mid + 1; else hi = mid;
    }
    const s = skip[lo - 1];
    return s && offset < s.end ? s : undefined;
  };
}

function headingRanges(text: string, headings: readonly ScannedHeading[], out: ContextFindings): void {
  const stack: ScannedHeading[] = [];
  for (const h of headings) {
    while (stack.length && stack[stack.length - 1].depth >= h.depth) stack.pop();
    const parent = stack[stack.length - 1];
    stack.push(h);
    if (!parent || !h.text.endsWith(')') || !/\b(?:controls?|Ma(?:ß|ss)nahmen|Kontrollen|Annex A)\b/i.test(parent.text)) continue;
    const lineText = text.slice(h.span.start, h.span.end);
    const m = /\(([^()]*)\)[ \t#]*$/.exec(lineText);
    if (!m) continue;
    const open = h.span.start + m.index + 1;
    emit(readBareList(text, open, open + m[1].length, true), 'standard', out);
  }
}
