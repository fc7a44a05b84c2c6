// The other-standard rule: a reference whose context names another standard (the sentence, its
// table column or label, the heading it sits under, the document's declared standard) is not an
// ISO/IEC 27001 reference. The nearest context that names a standard decides. Another standard's
// Annex A paired with an Annex B entry ("A.8.3, B.8.3", as ISO/IEC 42001 and 27701 write) is
// recognised without a name.
import type { ControlRef } from './controlRef';
import type { MarkdownScan, ScannedHeading } from './markdownScan';
import type { Naming } from './refContexts';
import { claimant, decides, mayNameOther, mentionsIn, type Mention } from './standards';
import type { Span } from './types';

export interface ForeignRef { id: string; standard: string; span: Span }

/** The keys and metadata labels that declare a document's standard. */
const DECLARING_KEYS = new Set(['standard', 'standards', 'framework', 'frameworks', 'norm', 'normen', 'title', 'reference-standard']);
const METADATA_LINE = /^[ \t>*_-]*(?:standard|standards|norm|framework|frameworks|reference standard|standard reference|applicable standards?)\b[^:\n|]{0,20}:/i;
const ANNEX_B = /(?<![\w.])B[ \t]?\.[ \t]?\d{1,2}(?:\.\d{1,2}){0,2}(?![\w])/;

/**
 * Returns a function giving, for each reference (asked in document order), the other standard
 * that owns it, or undefined when it is an ISO/IEC 27001 reference.
 */
export function otherStandardOf(
  text: string,
  scan: MarkdownScan,
  regionsOf: () => readonly { span: Span; naming: Naming }[],
  declared: readonly string[],
  /** Some reference is a bare number ("control 8.1", a control column): frameworks may claim it. */
  bare = true,
): ((ref: { span: Span }, explicit: boolean) => string | undefined) | undefined {
  // Most documents name no other standard at all: then nothing is anyone else's.
  if (!mayNameOther(text, bare) && !declared.some((d) => mayNameOther(d, bare))) return undefined;
  const regions = regionsOf();
  const declaration = mentionsIn(declaredText(text, scan, declared));
  const headingMentions = new Map<ScannedHeading, Mention[]>();
  const parents = headingParents(scan.headings);
  const sortedRegions = [...regions].sort((a, b) => a.span.start - b.span.start);
  // When no heading, column, label or declaration names a standard, only a reference's own
  // line can: lines naming none are skipped at once.
  const outerNames = decides(declaration, false) || regions.some((r) => r.naming.kind === 'other')
    || scan.headings.some((h) => { const m = mentionsIn(h.text); headingMentions.set(h, m); return decides(m, false); });
  let line = { start: -1, end: -1, mentions: [] as Mention[], annexB: false };
  return (ref, explicit) => {
    // 1. The sentence (or table cell) up to the reference, and an Annex B entry beside it.
    if (ref.span.start < line.start || ref.span.start > line.end) {
      const lineStart = text.lastIndexOf('\n', ref.span.start - 1) + 1;
      let lineEnd = text.indexOf('\n', ref.span.start);
      if (lineEnd < 0) lineEnd = text.length;
      const lineText = text.slice(lineStart, lineEnd);
      line = { start: lineStart, end: lineEnd, mentions: mentionsIn(lineText).map((m) => ({ ...m, index: m.index + lineStart })), annexB: ANNEX_B.test(lineText) };
    }
    if (!outerNames && !line.mentions.length && !line.annexB) return undefined;
    const { start, end } = sentenceAround(text, ref.span.start, line.start, line.end);
    const before = mentionsBetween(line.mentions, start, ref.span.start);
    if (decides(before, explicit)) return claimant(before, explicit, true);
    if (explicit && ANNEX_B.test(text.slice(start, end))) return pairedName(before, declaration);
    // 2. The column header or the label the reference sits under.
    const region = innermost(sortedRegions, ref.span.start);
    if (region) {
      if (region.naming.kind !== 'other') return undefined;
      const owner = claimant(region.naming.mentions, explicit, false);
      if (owner) return owner;
    }
    // 3. The headings above it, nearest first.
    for (let i = headingBefore(scan.headings, ref.span.start); i >= 0; i = parents[i]) {
      const h = scan.headings[i];
      let mentions = headingMentions.get(h);
      if (!mentions) headingMentions.set(h, (mentions = mentionsIn(h.text)));
      if (decides(mentions, explicit)) return claimant(mentions, explicit, false);
    }
    // 4. What the document declares.
    return decides(declaration, explicit) ? claimant(declaration, explicit, false) : undefined;
  };
}

/** The declared standard's text: front matter values and metadata lines near the top. */
function declaredText(text: string, scan: MarkdownScan, declared: readonly string[]): string {
  const parts = [...declared];
  const top = text.slice(scan.frontMatter?.end ?? 0, (scan.frontMatter?.end ?? 0) + 4000).split('\n').slice(0, 40);
  for (const line of top) if (METADATA_LINE.test(line)) parts.push(line);
  return parts.join('\n');
}

export const isDeclaringKey = (key: string): boolean => DECLARING_KEYS.has(key.toLowerCase());

function pairedName(before: readonly Mention[], declaration: readonly Mention[]): string {
  const iso = [...before, ...declaration].reverse().find((m) => m.kind === 'iso');
  return iso ? iso.name : 'another standard (its Annex A is paired with an Annex B entry, as in ISO/IEC 42001 or ISO/IEC 27701)';
}

/** From the start of the sentence, table cell or line holding `offset` to its end (the line's bounds given). */
function sentenceAround(text: string, offset: number, lineStart: number, lineEnd: number): Span {
  // A sentence ends at ". " after a lower-case letter or a closing bracket (not "e.g. 5" or "A.5").
  const ender = (i: number) => {
    const c = text.charCodeAt(i);
    if (c !== 46 && c !== 33 && c !== 63) return false;
    const p = text.charCodeAt(i - 1);
    return (p >= 97 && p <= 122) || p === 41 || p === 93;
  };
  // A sentence is looked at for at most 300 characters either side (a huge line stays linear).
  let start = Math.max(lineStart, offset - 300);
  for (let i = offset - 1; i >= start; i--) {
    const c = text.charCodeAt(i);
    if ((c === 124 && text.charCodeAt(i - 1) !== 92) || ((c === 32 || c === 9) && i > lineStart && ender(i - 1))) { start = i + 1; break; }
  }
  let end = Math.min(lineEnd, offset + 300);
  for (let i = offset; i < end; i++) {
    const c = text.charCodeAt(i);
    if ((c === 124 && text.charCodeAt(i - 1) !== 92) || (ender(i) && (i + 1 >= lineEnd || text.charCodeAt(i + 1) === 32 || text.charCodeAt(i + 1) === 9))) { end = i; break; }
  }
  return { start, end };
}

function innermost<T extends { span: Span }>(regions: readonly T[], offset: number): T | undefined {
  let lo = 0, hi = regions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (regions[mid].span.start <= offset) lo = mid + 1; else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && i >= lo - 4; i--) if (regions[i].span.start <= offset && offset <= regions[i].span.end) return regions[i];
  return undefined;
}

/** The mentions (sorted by index) from `start` to before `end`, found by binary search. */
function mentionsBetween(mentions: readonly Mention[], start: number, end: number): Mention[] {
  let lo = 0, hi = mentions.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid].index < start) lo = mid + 1; else hi = mid;
  }
  const out: Mention[] = [];
  for (let i = lo; i < mentions.length && mentions[i].index < end; i++) out.push(mentions[i]);
  return out;
}

/** Index of the last heading starting at or before `offset`, or -1. */
function headingBefore(headings: readonly ScannedHeading[], offset: number): number {
  let lo = 0, hi = headings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (headings[mid].span.start <= offset) lo = mid + 1; else hi = mid;
  }
  return lo - 1;
}

/** For each heading, the index of the heading it sits under (the nearest shallower one before it), or -1. */
function headingParents(headings: readonly ScannedHeading[]): number[] {
  const parents: number[] = [];
  const stack: number[] = [];
  headings.forEach((h, i) => {
    while (stack.length && headings[stack[stack.length - 1]].depth >= h.depth) stack.pop();
    parents.push(stack.length ? stack[stack.length - 1] : -1);
    stack.push(i);
  });
  return parents;
}

/** Whether a reference is written with its annex letter ("A.7.2", "Annex A 7.2"). */
export const isExplicit = (text: string, ref: ControlRef): boolean => text.charCodeAt(ref.span.start) === 65 /* A */;
