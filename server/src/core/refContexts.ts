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
import type { MarkdownScan, ScannedHeading } from './markdownScan';
import { mentionsIn, type Mention } from './standards';
import { spanCursor } from './text';
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
  /** Spans claimed by another standard's label or column, with its name. */
  foreign: { span: Span; standard: string }[];
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
const CONTROLS_PAREN = /\b(?:[Cc]ontrols|CONTROLS|Ma(?:ß|ss)nahmen|Kontrollen)[*_]*[ \t]*\(/g;
const LEADING_NUMBER = /^([ \t]*(?:>[ \t]*)*(?:(?:[-*+]|\d{1,3}[.)])[ \t]+)?(?:#{1,6}[ \t]+)?[*_]*)(\d{1,2}\.\d{1,2})(?![\d.]\d)[*_]*[ \t]+(?:[-\u2013\u2014:][ \t]+)?([^|()\n]{3,100})/;

/** Labels and headers in one document: what each line's label, and each table column, names. */
export interface Contexts {
  findings: ContextFindings;
  /** Table cells and label values with their naming, for the other-standard rule and completion. */
  regions: { span: Span; naming: Naming }[];
  /** Where a bare control number may be typed: control columns (a table and a column index) and label values. */
  entry: ControlEntry[];
}

export interface ControlEntry { span: Span; column?: number }

/** Finds the context references of a Markdown document from its scan. */
export function contextRefs(text: string, scan: MarkdownScan): Contexts {
  const findings: ContextFindings = { refs: [], clauses: [], foreign: [] };
  const regions: Contexts['regions'] = [];
  const entry: ControlEntry[] = [];
  const region = (span: Span, naming: Naming) => { regions.push({ span, naming }); };

  // Tables: control columns, and key/value rows. The columns' own convention: where a column
  // (or any column of the document with the same header) writes "A.5.15", a bare "5.2" is a clause.
  const explicitHeaders = new Set<string>();
  const columnsOf = scan.tables.map((table) => {
    const [header, ...body] = table.rows;
    return header.map((c, col) => {
      const raw = text.slice(c.start, c.end);
      const headerText = raw.replace(/[*_`\s]+/g, ' ').trim().toLowerCase();
      const naming = nameOf(raw, true);
      const cells = body.map((row) => row[col]).filter((x): x is Span => !!x);
      if (naming && cells.some((x) => EXPLICIT_IN.test(text.slice(x.start, x.end)))) explicitHeaders.add(headerText);
      return { naming, cells, headerText };
    });
  });
  scan.tables.forEach((table, t) => {
    const columns = columnsOf[t].map((c) => c.naming);
    for (const [column, { naming, cells, headerText }] of columnsOf[t].entries()) {
      if (!naming) continue;
      if (naming.kind !== 'other') entry.push({ span: table.span, column });
      for (const c of cells) region(c, naming);
      if (naming.kind === 'other' || explicitHeaders.has(headerText)) continue;
      for (const c of cells) emit(readBareList(text, c.start, c.end), naming.kind, findings);
    }
    // Key/value tables have two or three columns, the key first.
    if (columns[0] || table.rows[0].length > 3) return;
    for (const row of table.rows) {
      if (row.length < 2) continue;
      const naming = nameOf(text.slice(row[0].start, row[0].end), false);
      if (!naming) continue;
      for (const c of row.slice(1)) {
        region(c, naming);
        if (naming.kind !== 'other') emit(readBareList(text, c.start, c.end), naming.kind, findings);
      }
    }
  });

  // Labels at the start of a line, outside code and HTML; and metadata in a comment at the top.
  const topComments = scan.comments.length ? scan.comments.filter((c) => isAtTop(text, c, scan)) : [];
  const skipping = spanCursor(scan.skip);
  const hint = /\d\.\d/g;
  let lineEnd = -1;
  // Every reference holds "digit.digit": only those lines are looked at, and each test below is
  // guarded by a character it needs (a colon, a parenthesis, a leading digit or #).
  for (let h = hint.exec(text); h; h = hint.exec(text)) {
    const lineStart = text.lastIndexOf('\n', h.index) + 1;
    lineEnd = text.indexOf('\n', h.index);
    if (lineEnd < 0) lineEnd = text.length;
    hint.lastIndex = lineEnd;
    let first = lineStart;
    while (first < lineEnd && (text.charCodeAt(first) === 32 || text.charCodeAt(first) === 9 || text.charCodeAt(first) === 62)) first++;
    const c0 = text.charCodeAt(first);
    // Table rows are read cell by cell above.
    if (c0 === 124 /* | */) continue;
    const skipped = skipping(first);
    const inTopComment = !!skipped && topComments.some((c) => c.start === skipped.start);
    if (skipped && !inTopComment) continue;
    let line = text.slice(lineStart, lineEnd);
    const hasColon = line.includes(':');
    const hasParen = line.includes('(');
    if (!hasColon && !hasParen && c0 !== 35 /* # */ && !(c0 >= 48 && c0 <= 57) && c0 !== 45 && c0 !== 42 && c0 !== 43) continue;
    let offset = 0;
    if (inTopComment) {
      // Metadata lines inside the comment: "ISO 27001:2022 Controls: 5.15, 5.16".
      const open = line.indexOf('<!--');
      if (open >= 0) { offset = open + 4; line = line.slice(offset); }
      const close = line.indexOf('-->');
      if (close >= 0) line = line.slice(0, close);
    }
    const label = hasColon ? LABEL.exec(line) : null;
    if (label) {
      const naming = nameOf(label[1], false);
      if (naming) {
        const valueStart = lineStart + offset + label[0].length;
        const valueEnd = lineStart + offset + line.length;
        region({ start: valueStart, end: valueEnd }, naming);
        if (naming.kind !== 'other') {
          entry.push({ span: { start: valueStart, end: valueEnd } });
          emit(readBareList(text, valueStart, valueEnd), naming.kind, findings);
          if (inTopComment) findings.refs.push(...findControlRefs(text, valueStart, valueEnd));
        }
      }
    }
    if (skipped) continue;
    // "Organizational Controls (5.1-5.37)"
    if (hasParen && /ontrols|ONTROLS|a(?:ß|ss)nahmen|ontrollen/.test(line)) {
      for (const m of line.matchAll(CONTROLS_PAREN)) {
        const open = lineStart + m.index! + m[0].length;
        const close = text.indexOf(')', open);
        if (close < 0 || close > lineEnd) continue;
        emit(readBareList(text, open, close, true), 'standard', findings);
      }
    }
    // "#### 5.1 Policies for information security": a number followed by its own title.
    if (label || !(c0 === 35 || (c0 >= 48 && c0 <= 57) || c0 === 45 || c0 === 42 || c0 === 43 || c0 === 95)) continue;
    const lead = LEADING_NUMBER.exec(line);
    if (lead) {
      const id = `A.${lead[2].split('.').map(Number).join('.')}`;
      const title = lead[3].replace(/[*_`]+/g, '').replace(/[ \t#]+$/, '');
      // Only the control's own title, word for word (any case, British or American spelling).
      const own = catalogue.control(id)?.title;
      if (own && sameTitle(own, title)) {
        const start = lineStart + lead[1].length;
        findings.refs.push({ id, kind: 'control', span: { start, end: start + lead[2].length } });
      }
    }
  }

  // "### 4.1 Policies for information security (5.1-5.10)" under a heading that names controls.
  headingRanges(text, scan.headings, findings);
  return { findings, regions, entry };
}

const titleKey = (t: string) => t.toLowerCase().replace(/[^a-z\u00e0-\u00ff]+/g, '').replace(/z/g, 's').replace(/ll/g, 'l');
const sameTitle = (a: string, b: string) => titleKey(a) === titleKey(b);

/** Nothing but a title, metadata lines, rules and other comments above it: where generators put metadata. */
const PREAMBLE_LINE = /^[ \t]*(?:#{1,6}[ \t]|[-*_=]{3,}[ \t]*$|>?[ \t]*(?:\*\*|__)?[^:|\n]{1,40}?(?:\*\*|__)?[ \t]*:(?:[ \t*_]|$))/;
function isAtTop(text: string, comment: Span, scan: MarkdownScan): boolean {
  const from = scan.frontMatter?.end ?? 0;
  if (comment.start - from > 6000) return false;
  const earlier = scan.comments.filter((c) => c.start < comment.start && c.start >= from);
  let pos = from;
  for (const c of earlier) {
    if (!preambleOnly(text.slice(pos, c.start))) return false;
    pos = c.end;
  }
  return preambleOnly(text.slice(pos, comment.start));
}
const preambleOnly = (s: string) => s.split('\n').every((l) => !l.trim() || PREAMBLE_LINE.test(l));

function headingRanges(text: string, headings: readonly ScannedHeading[], out: ContextFindings): void {
  const stack: ScannedHeading[] = [];
  for (const h of headings) {
    while (stack.length && stack[stack.length - 1].depth >= h.depth) stack.pop();
    const parent = stack[stack.length - 1];
    stack.push(h);
    if (!parent || !/\b(?:controls?|Ma(?:ß|ss)nahmen|Kontrollen|Annex A)\b/i.test(parent.text)) continue;
    const lineText = text.slice(h.span.start, h.span.end);
    const m = /\(([^()]*)\)[ \t#]*$/.exec(lineText);
    if (!m) continue;
    const open = h.span.start + m.index + 1;
    emit(readBareList(text, open, open + m[1].length, true), 'standard', out);
  }
}
