// Content checks of control references: a title next to an ID that names another control
// (ref/title-mismatch), 2013 IDs in a document that declares the 2022 edition (ref/mixed-edition,
// which then replaces ref/legacy-control so one reference gets one finding), and management-system
// clauses cited as controls (ref/clause-as-control). All of them stay silent when unsure.
import { catalogue } from '../catalogue';
import { CONTROL_REF_PATTERN, type ControlRef } from '../controlRef';
import type { MarkdownDoc } from '../markdown';
import type { RiskRegister } from '../risks';
import type { PolicyFile, SoaFile } from '../scopeIndex';
import { spanCursor } from '../text';
import { OBJECTIVES_2013 } from '../titleData';
import { catalogueTitle, isClauseTitle, judgeTitle, type Edition, type TitleVerdict } from '../titleMatch';
import type { Span, Spanned } from '../types';
import { mapEntries, scalarText, spannedText } from '../yamlAst';
import { reportLegacy, reportUnknown, successorsOf } from './refRules';
import type { RuleContext } from './context';

// ---------------------------------------------------------------------------------------------
// Which edition a document declares

export interface Declaration { edition: Edition; span: Span }

const EDITION_MENTION = /\b27001\s*(?::|-|\/|\s)?\s*\(?\s*(2013|2022)\b/g;
const EDITION_KEYS = new Set(['standard', 'edition', 'iso-edition', 'standard-version', 'framework']);
/** Titles of transition and mapping documents, which cite both editions on purpose. */
const BOTH_EDITIONS = /\b2013\b|mapping|transition|migrat|crosswalk|comparison|\bvs\b|versus/i;
const METADATA_LINE = /^[ \t>*_-]*(?:standard|norm|framework|reference standard|standard reference|applicable standard)\b[^:\n|]{0,20}:/i;

function editionsIn(value: string, key?: string): Edition[] {
  const out = new Set<Edition>();
  for (const m of value.matchAll(EDITION_MENTION)) out.add(m[1] as Edition);
  if (key && EDITION_KEYS.has(key.toLowerCase())) {
    const bare = /^\s*(2013|2022)\s*$/.exec(value);
    if (bare) out.add(bare[1] as Edition);
  }
  return [...out];
}

/** One declaration, unless the document declares both editions (a transition or mapping document). */
function decide(found: { edition: Edition; span: Span }[]): Declaration | undefined {
  const editions = new Set(found.map((f) => f.edition));
  return editions.size === 1 ? found[0] : undefined;
}

/**
 * The edition a Markdown document declares in its front matter ("standard: ISO/IEC 27001:2022",
 * or any value naming the edition), its first heading, or a metadata line near the top
 * ("**Standard:** ISO/IEC 27001:2022").
 */
export function markdownDeclaration(text: string, md: MarkdownDoc): Declaration | undefined {
  const found: { edition: Edition; span: Span }[] = [];
  const fm = md.frontMatter;
  if (fm) {
    for (const [key, e] of fm.fields) {
      const value = scalarText(e.value, fm.yaml);
      if (!value) continue;
      if (key === 'title' && BOTH_EDITIONS.test(value)) return undefined;
      for (const edition of editionsIn(value, key)) found.push({ edition, span: e.valueSpan });
    }
  }
  const heading = md.headings[0];
  if (heading && BOTH_EDITIONS.test(heading.text)) return undefined;
  if (heading && heading.depth <= 2) for (const edition of editionsIn(heading.text)) found.push({ edition, span: heading.span });
  let offset = fm ? fm.span.end : 0;
  for (let line = 0; line < 40 && offset < text.length; line++) {
    let next = text.indexOf('\n', offset);
    if (next < 0) next = text.length;
    const lineText = text.slice(offset, next);
    if (METADATA_LINE.test(lineText) && !inSkip(md.skip, offset + lineText.search(/\S|$/))) {
      for (const edition of editionsIn(lineText)) found.push({ edition, span: { start: offset, end: offset + lineText.trimEnd().length } });
    }
    offset = next + 1;
  }
  return decide(found);
}

/** The edition a YAML file declares in a top-level `standard:` value. */
export function yamlDeclaration(standard: Spanned<string> | undefined): Declaration | undefined {
  if (!standard) return undefined;
  return decide(editionsIn(standard.value, 'standard').map((edition) => ({ edition, span: standard.span })));
}

export function registerDeclaration(register: RiskRegister): Declaration | undefined {
  const field = mapEntries(register.yaml.doc.contents, register.yaml).find((f) => f.key === 'standard');
  return yamlDeclaration(field ? spannedText(field.value, register.yaml) : undefined);
}

// ---------------------------------------------------------------------------------------------
// ref/legacy-control or ref/mixed-edition

export interface EditionRefs {
  /** ref/unknown-control, and ref/legacy-control or ref/mixed-edition, for one reference. */
  check(ref: ControlRef): void;
  /** A 2013 control or objective cited at `span`. */
  legacy(id: string, span: Span, kind: 'legacy' | 'objective'): void;
  /** The summary on the declaration, once every reference has been seen. */
  finish(): void;
}

const titled = (id: string) => `${id} ${catalogue.control(id)?.title ?? ''}`.trim();

/**
 * In a document that declares ISO/IEC 27001:2022, a 2013 ID is reported as ref/mixed-edition
 * instead of ref/legacy-control (same data, same fixes), plus one summary on the declaration.
 * When ref/mixed-edition is switched off, ref/legacy-control comes back.
 */
export function editionRefs(ctx: RuleContext, declaration: Declaration | undefined): EditionRefs {
  const mixed = declaration?.edition === '2022' && ctx.config.severity['ref/mixed-edition'] !== 'off';
  const cited: string[] = [];
  const legacy = (id: string, span: Span, kind: 'legacy' | 'objective'): void => {
    if (!mixed) { reportLegacy(ctx, id, span, kind); return; }
    const successors = successorsOf(id);
    const what = kind === 'legacy'
      ? `${id} ${catalogue.legacyControl(id)?.title ?? ''} is an ISO/IEC 27001:2013 control`
      : `${id} is an ISO/IEC 27001:2013 control objective (${catalogue.legacyObjective(id)?.domain ?? ''})`;
    const line = ctx.doc.lines.position(declaration!.span.start).line + 1;
    const now = successors.length === 1 ? `its 2022 successor is ${titled(successors[0])}` : `its 2022 successors are ${successors.map(titled).join('; ')}`;
    ctx.report('ref/mixed-edition', span, `${what}, but this file declares ISO/IEC 27001:2022 (line ${line}); ${now}.`, { id, successors, declaredAt: line });
    if (!cited.includes(id)) cited.push(id);
  };
  return {
    legacy,
    check(ref) {
      if (ref.inRange) return;
      if (ref.kind === 'unknown') reportUnknown(ctx, ref.id, ref.span);
      else if (ref.kind === 'legacy' || ref.kind === 'objective') legacy(ref.id, ref.span, ref.kind);
    },
    finish() {
      if (!mixed || !cited.length) return;
      const list = cited.length > 8 ? `${cited.slice(0, 8).join(', ')} and ${cited.length - 8} more` : cited.join(', ');
      const n = cited.length === 1 ? 'an ISO/IEC 27001:2013 ID' : `${cited.length} ISO/IEC 27001:2013 IDs`;
      ctx.report('ref/mixed-edition', declaration!.span, `This file declares ISO/IEC 27001:2022 but cites ${n} (${list}); cite their 2022 successors instead.`, { summary: true, ids: cited });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Markdown: every reference, its title, and clauses cited as controls

/** Checks every control reference of a policy: unknown, legacy or mixed edition, clause, title. */
export function checkMarkdownRefs(ctx: RuleContext, file: PolicyFile): void {
  const { md } = file;
  const text = ctx.doc.text;
  const declaration = markdownDeclaration(text, md);
  const edition = declaration?.edition;
  const refs = editionRefs(ctx, declaration);
  const clauses = checkClausesAsControls(ctx, md, edition);
  for (const c of md.misplacedClauses) {
    const clause = catalogue.clause(c.id);
    // "Controls: 9.2" is also found by the prose pattern: one finding per clause.
    if (!clause || clauses.some((d) => d.start < c.span.end && c.span.start < d.end)) continue;
    // Written bare where the layout says "controls" (a Control column, a "Controls:" label).
    ctx.report('ref/clause-as-control', c.span, `"${c.id}" here stands where an Annex A control belongs, but it is clause ${c.id} ${clause.title} of ISO/IEC 27001, a management-system requirement, not a control; name the control, or cite the clause elsewhere as "clause ${c.id}".`, {
      clause: c.id, title: clause.title,
    });
    clauses.push(c.span);
  }
  const claimed = new Set(md.claimed.map((c) => c.span.start));
  const lineOf = lineFinder(text);
  for (const ref of md.refs) {
    if (clauses.some((c) => c.start < ref.span.end && ref.span.start < c.end)) continue;
    refs.check(ref);
    if (!ref.inRange && ref.kind !== 'unknown' && !claimed.has(ref.span.start)) checkTitleAfter(ctx, md, ref, edition, lineOf(ref.span.start));
  }
  refs.finish();
}

const inSkip = (skip: readonly Span[], offset: number) => skip.some((s) => s.start <= offset && offset < s.end);

/** The written ID ends a range ("A.5.15-5.18", "A 5.15 through A 5.18"): a title after it names the group. */
const RANGE_END = /\d[*_]*[ \t]*(?:-|\u2013|\u2014|\bto|\bthrough|\bthru|\bbis)[ \t]*(?:A[ \t]*\.?[ \t]*)?$/i;
/** The written ID continues a list ("A.5.19, A.5.21 Supplier security"). */
const LIST_CONTINUES = /\d[*_]*[ \t]*(?:,|;|\/|&|\+|\band|\bor|\bund)[ \t]*(?:A[ \t]*\.?[ \t]*)?$/i;
/** Where a title written after an ID stops. */
const TITLE_STOP = /[|()[\]{};"\u201c\u201d<>!?]|\*\*|__|[ \t][-\u2013\u2014][ \t]|[ \t][-\u2013\u2014]$|:[ \t]|:$|\.(?:[ \t]|$)|[ \t](?=(?:Annex[ \t]+A|A[ \t]?\.[ \t]?\d|A[ \t]\d{1,2}\.\d|[Cc]ontrols?[ \t]+\d|[Cc]lauses?[ \t]+\d))/;
/** Words that start prose, not a title ("A.8.2 applies to ..."). */
const PROSE_START = /^(?:is|are|was|were|be|been|has|have|had|does|do|did|shall|must|should|may|can|could|will|would|and|or|but|of|for|to|in|on|at|by|with|from|as|if|so|that|which|who|this|these|those|it|its|see|per|under|requires?|says|states|covers|applies|means|also|only|not|no|the|a|an)\b/i;
const TITLE_HEADER = /title|name|control|description|requirement|objective|measure|topic|subject|kontroll|ma(?:ß|ss)nahme|titel|bezeichnung|beschreibung/i;
const NOT_TITLE_HEADER = /polic|richtlinie|document|owner|evidence|status|implement|justif|reason|applicab|mapping|reference|framework|nist|soc ?2|\bcis\b|risk|responsib|comment|note|remark|priority|clause|finding|classification|date|link|file|version|control id|control no|control number|\bids?\b/i;

interface Written { text: string; start: number; end: number }
interface TitleSite { mode: 'cell' | 'separator' | 'plain' | 'paren'; candidates: Written[]; continuation: boolean }

/**
 * The line (without its "\n") holding each offset asked for, found once per line: references are
 * visited in order, and a long line may hold thousands of them.
 */
export function lineFinder(text: string): (offset: number) => Span {
  let line: Span = { start: 0, end: -1 };
  return (offset) => {
    if (offset < line.start || offset > line.end) {
      const end = text.indexOf('\n', offset);
      line = { start: text.lastIndexOf('\n', offset - 1) + 1, end: end < 0 ? text.length : end };
    }
    return line;
  };
}

/** Index of the first span (sorted by start) that starts at or after `offset`. */
function firstStartingFrom(spans: readonly Span[], offset: number): number {
  let lo = 0, hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start < offset) lo = mid + 1; else hi = mid;
  }
  return lo;
}

const NEXT_ID = /^(?:Annex[ \t]+A|A[ \t]?\.[ \t]?\d|A[ \t]\d{1,2}\.\d)/;

/** How much of the line before an ID the range and list patterns look at (they are anchored at its end). */
const BEFORE_TAIL = 64;

/** The title written after the ID at `span`, if the layout says one is there. `skip` is sorted by start. */
export function titleSite(text: string, span: Span, skip: readonly Span[], line = lineFinder(text)(span.start)): TitleSite | undefined {
  const lineStart = line.start;
  let lineEnd = line.end;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const next = skip[firstStartingFrom(skip, span.end)];
  if (next && next.start < lineEnd) lineEnd = next.start;
  const before = text.slice(lineStart, span.start);
  const tail = before.slice(-BEFORE_TAIL);
  if (RANGE_END.test(tail)) return undefined;
  const continuation = LIST_CONTINUES.test(tail);
  let p = span.end;
  while (p < lineEnd && /[*_`]/.test(text[p])) p++;
  if (text[p] === ']') {
    p++;
    if (text[p] === '(') {
      const close = text.indexOf(')', p);
      if (close < 0 || close >= lineEnd) return undefined;
      p = close + 1;
    }
    while (p < lineEnd && /[*_]/.test(text[p])) p++;
  }
  const spaceStart = p;
  while (p < lineEnd && /[ \t]/.test(text[p])) p++;
  // Another ID next ("A.5.1 A.5.2"): a list of IDs, not an ID and its title.
  if (NEXT_ID.test(text.slice(p, p + 16))) return undefined;
  let end = lineEnd;
  let mode: TitleSite['mode'];
  if (text[p] === '|') {
    if (!/(^|\|)[ \t*_`[]*$/.test(tail) || !before.includes('|')) return undefined;
    if (!isTitleColumn(text, lineStart, before)) return undefined;
    p++;
    const next = text.indexOf('|', p);
    end = next < 0 || next > lineEnd ? lineEnd : next;
    mode = 'cell';
  } else if (text[p] === '(') {
    // "5.15 (Access control)": the title in parentheses.
    const close = text.indexOf(')', p);
    if (close < 0 || close > lineEnd || text.slice(p + 1, close).includes('(')) return undefined;
    const inside = trimmed(text, p + 1, close);
    if (!/^\p{L}/u.test(inside.text) || inside.text.split(/\s+/).length > 16) return undefined;
    return { mode: 'paren', candidates: [inside], continuation };
  } else {
    const sep = /^(?:--?|\u2013|\u2014|:)[ \t]+/.exec(text.slice(p, lineEnd));
    if (sep) { p += sep[0].length; mode = 'separator'; }
    else if (p > spaceStart && /\p{L}/u.test(text[p] ?? '')) mode = 'plain';
    else return undefined;
  }
  while (p < end && /[ \t*_"\u201c]/.test(text[p])) p++;
  const region = text.slice(p, end);
  const stop = TITLE_STOP.exec(region);
  const longEnd = p + (stop ? stop.index : region.length);
  const candidates: Written[] = [];
  const comma = text.slice(p, longEnd).indexOf(',');
  if (comma >= 0) candidates.push(trimmed(text, p, p + comma));
  candidates.push(trimmed(text, p, longEnd));
  const maxWords = mode === 'plain' ? 8 : 16;
  const usable = candidates.filter((c) => c.text && c.text.split(/\s+/).length <= maxWords);
  return usable.length ? { mode, candidates: usable, continuation } : undefined;
}

function trimmed(text: string, start: number, end: number): Written {
  let s = start, e = end;
  while (s < e && /[\s*_`"\u201c]/.test(text[s])) s++;
  while (e > s && /[\s*_`"\u201d,.;:]/.test(text[e - 1])) e--;
  return { text: text.slice(s, e), start: s, end: e };
}

/** Whether the table column after the ID's cell holds titles, judged by the table's header row. */
function isTitleColumn(text: string, lineStart: number, before: string): boolean {
  const cellIndex = (line: string) => line.replace(/\\\|/g, '').split('|').length - 1 - (/^\s*\|/.test(line) ? 1 : 0);
  const column = cellIndex(before) + 1;
  let end = lineStart - 1;
  for (let n = 0; n < 500 && end > 0; n++) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (!line.includes('|')) return false;
    if (/^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$/.test(line)) {
      const headerEnd = start - 1;
      if (headerEnd <= 0) return false;
      const headerStart = text.lastIndexOf('\n', headerEnd - 1) + 1;
      const header = text.slice(headerStart, headerEnd).replace(/\r$/, '').replace(/\\\|/g, '');
      const cells = header.replace(/^\s*\|/, '').split('|');
      const cell = (cells[column] ?? '').trim();
      return TITLE_HEADER.test(cell) && !NOT_TITLE_HEADER.test(cell);
    }
    end = start - 1;
  }
  return false;
}

const isTitleCase = (s: string) => s.split(/\s+/).filter((w) => w.length > 3).every((w) => /^[\p{Lu}\d]/u.test(w));

/** Catalogue title in the writer's style: Title Case when they wrote Title Case. */
function styled(title: string, written: string): string {
  if (!isTitleCase(written) || !/\s/.test(written)) return title;
  const small = new Set(['a', 'an', 'and', 'or', 'of', 'for', 'the', 'in', 'on', 'to', 'with', 'within', 'during', 'against', 'after']);
  return title.split(' ').map((w, i) => (i > 0 && small.has(w) ? w : w.charAt(0).toUpperCase() + w.slice(1))).join(' ');
}

function checkTitleAfter(ctx: RuleContext, md: MarkdownDoc, ref: ControlRef, edition: Edition | undefined, line: Span): void {
  const text = ctx.doc.text;
  const site = titleSite(text, ref.span, md.skip, line);
  if (!site) return;
  const first = site.candidates[site.candidates.length - 1].text;
  if (site.mode === 'plain' && (!/^\p{Lu}/u.test(first) || PROSE_START.test(first))) return;
  const judged = site.candidates.map((c) => ({ c, v: judgeTitle(ref.id, c.text, { edition }) }));
  if (judged.some((j) => j.v.verdict === 'match')) return;
  const hit = judged.find((j) => j.v.verdict === 'mismatch');
  if (!hit || (site.continuation && !hit.v.exact)) return;
  reportMismatch(ctx, ref.id, { start: ref.span.start, end: hit.c.end }, hit.c, hit.v, text.slice(ref.span.start, ref.span.end));
}

function describeExpected(v: TitleVerdict): string {
  if (v.expectedKind === '2013') return ' in ISO/IEC 27001:2013';
  if (v.expectedKind === 'objective') return ' (an ISO/IEC 27001:2013 control objective)';
  return '';
}

/** Reports one mismatch. `idText` is the ID as written when the fix may replace it. */
function reportMismatch(ctx: RuleContext, id: string, span: Span, written: Written, v: TitleVerdict, idText?: string): void {
  const named = (s: string) => `${s} ${catalogueTitle(s, v.expectedKind === '2022' ? '2022' : '2013') ?? ''}`.trim();
  const suggestion = v.suggestions.length ? `; did you mean ${v.suggestions.map(named).join(' or ')}` : '';
  const via = v.matched && v.suggestions.length && !v.suggestions.includes(v.matched.id)
    ? ` ("${written.text}" is the ${v.matched.kind === 'clause' ? 'clause' : v.matched.kind === '2022' ? '2022' : '2013'} title of ${v.matched.id} ${v.matched.title})`
    : '';
  const clause = v.verdict === 'clause' && v.matched ? `; "${written.text}" is the title of clause ${v.matched.id}` : '';
  const message = `${id} is "${v.expected}"${describeExpected(v)}, not "${written.text}"${clause}${suggestion}${via}${suggestion ? '?' : '.'}`;
  const number = idText ? /\d{1,2}(?:\.\d{1,2}){1,3}$/.exec(idText) : null;
  ctx.report('ref/title-mismatch', span, message, {
    id,
    written: written.text,
    expected: v.expected,
    replacementTitle: styled(v.expected ?? '', written.text),
    suggestions: v.suggestions,
    titleStart: written.start - span.start,
    titleEnd: written.end - span.start,
    ...(number && idText ? { numberStart: number.index, numberEnd: idText.length } : {}),
  });
}

/**
 * ref/clause-as-control: "control 9.1", "A.10.2", or "A.9.2 Internal audit" where the words say
 * clause. Returns the spans reported, so the same text gets no second finding.
 */
function checkClausesAsControls(ctx: RuleContext, md: MarkdownDoc, edition: Edition | undefined): Span[] {
  const text = ctx.doc.text;
  const out: Span[] = [];
  const re = new RegExp(CONTROL_REF_PATTERN.source, 'g');
  const lineOf = lineFinder(text);
  const inOtherEdition = new Map<number, boolean>();
  const skipping = spanCursor(md.skip);
  const foreign = spanCursor(md.foreign.map((f) => f.span));
  for (const m of text.matchAll(re)) {
    if (skipping(m.index)) continue;
    // Another standard's ID ("ISO 42001 Annex A.9.2") is not ours to judge.
    const number = m[4] ?? m[7];
    if (foreign(m.index + m[0].length - number.length)) continue;
    const parts = number.split('.').map(Number);
    const clauseId = parts.join('.');
    const clause = catalogue.clause(clauseId);
    if (!clause || parts.length < 2) continue;
    const word = m[5];
    const strongA = m[2] !== undefined && (m[2] !== 'A' || m[3].includes('.'));
    if (!word && !strongA) continue;
    const annexId = `A.${clauseId}`;
    const isAnnex = !!(catalogue.control(annexId) || catalogue.legacyControl(annexId) || OBJECTIVES_2013[annexId]);
    const span = { start: m.index + (m[1]?.length ?? 0), end: m.index + m[0].length };
    const line = lineOf(m.index);
    const site = titleSite(text, span, md.skip, line);
    const titles = site?.candidates.map((c) => c.text) ?? [];
    const judged = titles.map((t) => judgeTitle(annexId, t, { edition }));
    const saysClause = isAnnex ? judged.some((v) => v.verdict === 'clause') : titles.some((t) => isClauseTitle(clauseId, t));
    let otherEdition = inOtherEdition.get(line.start);
    if (otherEdition === undefined) inOtherEdition.set(line.start, (otherEdition = /27002|2013/.test(text.slice(line.start, line.end))));
    const report = !isAnnex
      || saysClause
      || (word !== undefined && m[6] === undefined && parts.length === 2 && (parts[0] === 9 || parts[0] === 10) && !otherEdition && !judged.some((v) => v.verdict === 'match'));
    if (!report) continue;
    const written = text.slice(span.start, span.end);
    const fixable = !word || !/s$/i.test(word);
    ctx.report('ref/clause-as-control', span, `"${written}" is clause ${clauseId} ${clause.title} of ISO/IEC 27001, a management-system requirement, not an Annex A control; write "clause ${clauseId}".`, {
      clause: clauseId, title: clause.title, ...(fixable ? { replacement: `clause ${clauseId}` } : {}),
    });
    out.push(span);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// SoA: `title:` fields

/** ref/title-mismatch on an SoA entry's `title:` field. */
export function checkSoaTitles(ctx: RuleContext, file: SoaFile, edition: Edition | undefined): void {
  const doc = ctx.doc;
  for (const entry of file.soa.entries) {
    const key = entry.fieldKeys.get('title');
    if (!key || !entry.idValid) continue;
    const value = scalarOnLine(doc.text, key);
    if (!value) continue;
    const v = judgeTitle(entry.id, value.text, { edition });
    if (v.verdict !== 'mismatch' && v.verdict !== 'clause') continue;
    reportMismatch(ctx, entry.id, { start: value.start, end: value.end }, value, v.verdict === 'clause' ? { ...v, suggestions: [] } : v);
  }
}

/** A single-line scalar after `key:`, without quotes or a trailing comment. */
function scalarOnLine(text: string, key: Span): Written | undefined {
  let lineEnd = text.indexOf('\n', key.end);
  if (lineEnd < 0) lineEnd = text.length;
  const colon = text.indexOf(':', key.end);
  if (colon < 0 || colon >= lineEnd) return undefined;
  let s = colon + 1;
  while (s < lineEnd && /[ \t]/.test(text[s])) s++;
  let e = lineEnd;
  if (text[s] === '"' || text[s] === "'") {
    const close = text.indexOf(text[s], s + 1);
    if (close < 0 || close >= lineEnd) return undefined;
    return { text: text.slice(s + 1, close), start: s + 1, end: close };
  }
  const comment = text.slice(s, lineEnd).search(/[ \t]#/);
  if (comment >= 0) e = s + comment;
  while (e > s && /\s/.test(text[e - 1])) e--;
  const value = text.slice(s, e);
  if (!value || /^[|>&*!]/.test(value)) return undefined;
  return { text: value, start: s, end: e };
}
