// Finds Annex A control references and clause references in free text, the way people write
// them: "A.5.15", "Annex A 5.15", "ISO 27001:2022 control 5.18", lists ("controls 5.15, 5.16
// and 8.2"), ranges ("A.5.15-A.5.18", "A.5.15–18", "A.5.19 through A.5.23"), 2013 IDs
// ("A.9.2.3"), 2013 objectives ("A.9.2"), zero padding ("A.05.01") and namespaces
// ("iso27001:A.5.1"). When unsure it stays silent: bare numbers count only after a prefix and
// only when they name a known control.
import { catalogue } from './catalogue';
import { spanCursor } from './text';
import type { Span } from './types';

export type ControlRefKind = 'control' | 'legacy' | 'objective' | 'unknown';

export interface ControlRef {
  /** Normalised ID as written: `A.5.15`, `A.9.2.3`, `A.9.2`. */
  id: string;
  kind: ControlRefKind;
  span: Span;
  /** Implied by a range such as A.5.15-A.5.18; the span then covers the whole range. */
  inRange?: boolean;
}

export interface ClauseRef { id: string; span: Span }

/** The four prefixes that introduce an explicit reference, and the patterns for the rest. */
const NUM = String.raw`(\d{1,2}(?:\.\d{1,2}){1,2})`;
const END = String.raw`(?![\w\u00C0-\u024F]|\.\d)`;
export const CONTROL_REF_PATTERN = new RegExp(
  [
    // 1: namespace, 2: "Annex A" or "A", 3: separator, 4: number
    String.raw`(?<![\w.\/#@\-])((?:[Ii][Ss][Oo][ _]?27001|iso27k)(?::20\d\d)?:)?(Annex[ \t]+A|A)([ \t]*\.[ \t]*|[ \t]+)${NUM}${END}`,
    // 5: word prefix, 6: optional "A.", 7: number
    String.raw`\b([Cc]ontrols?|CONTROLS?|[Kk]ontrollen?|[Mm]a(?:ß|ss)nahmen?)[ \t]*:?[ \t]+(A[ \t]*\.[ \t]*|A[ \t]+)?${NUM}${END}`,
  ].join('|'),
  'g',
);
const CLAUSE_PATTERN = new RegExp(
  String.raw`\b(?:[Cc]lauses?|CLAUSE|[Kk]lausel|Abschnitt|ISO(?:\/IEC)?[ \t]*27001(?::20\d\d)?(?:[ \t]+[Cc]lause)?)[ \t]+(\d{1,2}(?:\.\d{1,2}){0,2})${END}`,
  'g',
);
const LIST_SEP = /[ \t]*(?:,|;|\/|&|\band\b|\bor\b|\bund\b|\boder\b|\bsowie\b)[ \t]*(?:and[ \t]+)?/y;
const RANGE_SEP = /[ \t]*(?:-|\u2013|\u2014|\bto\b|\bthrough\b|\bthru\b|\bbis\b)[ \t]*/y;
const TAIL = new RegExp(String.raw`(A[ \t]*\.[ \t]*|A[ \t]+)?(\d{1,2}(?:\.\d{1,2}){0,2})${END}`, 'y');

/** Normalises "5.15", "A 5.15", "A.05.15", "iso27001:A.5.15" to "A.5.15"; undefined if not an ID shape. */
export function normaliseControlId(text: string): string | undefined {
  const m = /^(?:(?:iso[ _]?27001|iso27k)(?::20\d\d)?:)?(?:annex[ \t]*)?a?[ \t]*\.?[ \t]*(\d{1,2}(?:\.\d{1,2}){1,2})$/i.exec(text.trim());
  if (!m) return undefined;
  return 'A.' + m[1].split('.').map(Number).join('.');
}

/** Classifies a normalised ID. `strong` means the writer clearly meant an Annex A ID. */
export function classifyControlId(id: string, strong: boolean): ControlRefKind | undefined {
  const parts = id.slice(2).split('.').map(Number);
  const plausible = parts[0] >= 5 && parts[0] <= 18;
  if (parts.length === 2) {
    if (catalogue.control(id)) return 'control';
    if (catalogue.legacyObjective(id)) return 'objective';
  } else if (catalogue.legacyControl(id)) {
    return 'legacy';
  }
  return strong && plausible ? 'unknown' : undefined;
}

interface Parsed { parts: number[]; start: number; end: number; strong: boolean }

function toRef(p: Parsed): ControlRef | undefined {
  const id = 'A.' + p.parts.join('.');
  const kind = classifyControlId(id, p.strong);
  // "control 9.1" is far more often a management clause than a 2013 objective: stay silent.
  if (!kind || (kind === 'objective' && !p.strong)) return undefined;
  return { id, kind, span: { start: p.start, end: p.end } };
}

/**
 * Finds control references in `text` between `from` and `to`, skipping spans in `skip`
 * (code blocks, comments), which must be sorted by start.
 */
export function findControlRefs(text: string, from = 0, to = text.length, skip: readonly Span[] = []): ControlRef[] {
  const refs: ControlRef[] = [];
  const re = new RegExp(CONTROL_REF_PATTERN.source, 'g');
  // Every reference holds "digit.digit" and stays on one line, so only lines with one are
  // searched, each on its own: the full pattern is costly, and most lines have no number.
  const hint = /\d\.\d/g;
  let pos = from;
  const skipping = spanCursor(skip);
  for (hint.lastIndex = from; ;) {
    const h = hint.exec(text);
    if (!h) break;
    const base = text.lastIndexOf('\n', h.index) + 1;
    if (Math.max(pos, base) >= to) break;
    let lineEnd = text.indexOf('\n', h.index);
    if (lineEnd < 0) lineEnd = text.length;
    const line = text.slice(base, lineEnd);
    const found: ControlRef[] = [];
    re.lastIndex = Math.max(pos, base) - base;
    for (let m = re.exec(line); m && base + m.index < to; m = re.exec(line)) {
      const skipped = skipping(base + m.index);
      if (skipped) {
        pos = Math.max(base + re.lastIndex, skipped.end);
        if (pos >= lineEnd) break;
        re.lastIndex = pos - base;
        continue;
      }
      const numberText = m[4] ?? m[7];
      const numberStart = m.index + m[0].length - numberText.length;
      // "A.5.15" and "Annex A 5.15" are strong; "A 5.15" and "control 5.15" must name a known ID.
      const strong = m[2] !== undefined ? m[2] !== 'A' || m[3].includes('.') : m[6] !== undefined && m[6].includes('.');
      // The span covers "A.5.15", "Annex A 5.15" or, after a word prefix, the number itself.
      const start = m[2] !== undefined ? m.index : numberStart - (m[6]?.length ?? 0);
      const first: Parsed = { parts: numberText.split('.').map(Number), start, end: m.index + m[0].length, strong };
      re.lastIndex = Math.max(re.lastIndex, continueList(line, first, to - base, found));
      pos = base + re.lastIndex;
    }
    for (const r of found) refs.push({ ...r, span: { start: r.span.start + base, end: r.span.end + base } });
    pos = Math.max(pos, lineEnd);
    hint.lastIndex = pos;
  }
  return refs;
}

/** Emits `first` and any list or range continuation after it; returns where scanning stopped. */
function continueList(text: string, first: Parsed, to: number, refs: ControlRef[]): number {
  let current = first;
  let pos = first.end;
  const firstRef = toRef(first);
  if (!firstRef) return pos;
  refs.push(firstRef);
  for (;;) {
    RANGE_SEP.lastIndex = pos;
    const range = RANGE_SEP.exec(text);
    if (range && range[0].trim() !== '') {
      const next = readTail(text, range.index + range[0].length, current, true, to);
      if (next) {
        emitRange(current, next, refs);
        current = next;
        pos = next.end;
        continue;
      }
    }
    LIST_SEP.lastIndex = pos;
    const sep = LIST_SEP.exec(text);
    if (sep && sep[0].trim() !== '') {
      const next = readTail(text, sep.index + sep[0].length, current, false, to);
      if (next) {
        const ref = toRef(next);
        if (ref && (ref.kind !== 'unknown' || next.strong)) {
          refs.push(ref);
          current = next;
          pos = next.end;
          continue;
        }
      }
    }
    return pos;
  }
}

/** Reads an ID after a separator; in a range a shorter tail ("18" in A.5.15–18) completes the start. */
function readTail(text: string, at: number, prev: Parsed, inRange: boolean, to: number): Parsed | undefined {
  TAIL.lastIndex = at;
  const m = TAIL.exec(text);
  if (!m || m.index + m[0].length > to) return undefined;
  const nums = m[2].split('.').map(Number);
  const explicit = m[1] !== undefined;
  let parts: number[];
  if (nums.length === prev.parts.length) parts = nums;
  else if (inRange && !explicit && nums.length < prev.parts.length) parts = [...prev.parts.slice(0, prev.parts.length - nums.length), ...nums];
  else if (explicit && nums.length >= 2) parts = nums;
  else return undefined;
  const strong = explicit && m[1].includes('.');
  const p: Parsed = { parts, start: m.index, end: m.index + m[0].length, strong };
  if (!explicit && !toRef(p)) return undefined;
  return p;
}

function emitRange(from: Parsed, to: Parsed, refs: ControlRef[]): void {
  const endRef = toRef(to);
  const sameStem = from.parts.length === to.parts.length && from.parts.slice(0, -1).every((n, i) => n === to.parts[i]);
  const a = from.parts[from.parts.length - 1];
  const b = to.parts[to.parts.length - 1];
  if (sameStem && b > a && b - a <= 60) {
    for (let n = a + 1; n < b; n++) {
      const ref = toRef({ parts: [...from.parts.slice(0, -1), n], start: from.start, end: to.end, strong: false });
      if (ref) refs.push({ ...ref, inRange: true });
    }
  }
  if (endRef) refs.push(endRef);
}

/** Finds clause references such as "clause 6.1.3" or "ISO 27001 9.2" that name a real clause; `skip` is sorted by start. */
export function findClauseRefs(text: string, from = 0, to = text.length, skip: readonly Span[] = []): ClauseRef[] {
  const refs: ClauseRef[] = [];
  const re = new RegExp(CLAUSE_PATTERN.source, 'g');
  re.lastIndex = from;
  const skipping = spanCursor(skip);
  for (let m = re.exec(text); m && m.index < to; m = re.exec(text)) {
    if (skipping(m.index)) continue;
    const id = m[1];
    if (!catalogue.clause(id)) continue;
    refs.push({ id, span: { start: m.index, end: m.index + m[0].length } });
  }
  return refs;
}
