// Re-parses only the SoA entries that changed. The `controls:` map is a list of independent
// entries, each starting at the same indentation; a keystroke changes one of them. Against the
// previous version of the document, the edit is located by comparing the texts from both ends:
// entries before it are reused as they are, entries after it are reused with their spans moved,
// and only the lines in between are scanned and parsed again. Without a previous version (or
// after a large edit) every entry is looked up by its text in a cache, so unchanged entries are
// still not re-parsed. Anything unusual (anchors, aliases, several documents, tabs, flow style,
// syntax errors) falls back to the full parse; test/unit/soaIncremental.test.ts proves both agree.
import { parseSoa, readEntryNode, type Soa, type SoaEntry } from './soa';
import { isMapping, mapEntries, parseYaml, seqItems, spannedText, spanOf, scalarText, type ParsedYaml, type YamlProblem } from './yamlAst';
import type { Span, Spanned } from './types';

interface Chunk { entries: SoaEntry[]; errors: YamlProblem[] }
/** One entry's text where it stands in the document, its parse (relative spans) and its entries (absolute spans). */
interface Placed { start: number; text: string; chunk: Chunk; entries: SoaEntry[] }
interface Shape { indent: number; form: 'map' | 'list' }
interface Layout extends Shape { keyLineStart: number; blockStart: number; blockEnd: number; starts: number[] }

/** What one document's SoA parses keep for the next version (see DocMemory in workspace.ts). */
export class SoaParseMemory {
  /** Parsed entries by their exact text. */
  chunks = new Map<string, Chunk>();
  /** The previous version, when it took the incremental path without problems. */
  last: { text: string; layout: Layout; head: ParsedYaml; placed: Placed[] } | undefined;
}

/** Anchors and aliases, document markers and directives, tab indentation: the full parse handles these. */
const UNUSUAL = /(^|[\s[{,])[&*][^\s,\]}]|^(?:---|\.\.\.|%)|^ *\t/m;

const CONTROLS_KEY = /^controls:[ \t]*(?:#[^\r\n]*)?\r?$/m;

/** Finds the block of entries under a top-level `controls:` key; undefined when it is unusual. */
export function controlsLayout(text: string): Layout | undefined {
  if (UNUSUAL.test(text)) return undefined;
  const keys = [...text.matchAll(new RegExp(CONTROLS_KEY, 'gm'))];
  if (keys.length !== 1) return undefined;
  const keyLineStart = keys[0].index!;
  const blockStart = text.indexOf('\n', keyLineStart) + 1;
  if (blockStart === 0) return undefined;
  const starts: number[] = [];
  const scan = scanLines(text, blockStart, text.length, undefined, starts);
  if (!scan || !starts.length) return undefined;
  return { keyLineStart, blockStart, blockEnd: scan.end ?? text.length, ...scan.shape, starts };
}

/**
 * Scans the entry lines from `from` to `until` (both line starts), adding where entries start to
 * `starts`. The first content line sets the shape when none is given. Returns the shape and where
 * the block ends, if it ends before `until`; undefined when a line needs the full parse.
 */
function scanLines(text: string, from: number, until: number, given: Shape | undefined, starts: number[]): { shape: Shape; end?: number } | undefined {
  let shape = given;
  for (let pos = from; pos < until;) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const lineStart = pos;
    pos = nl + 1;
    const line = text.slice(lineStart, nl).replace(/\r$/, '');
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const ind = /^ */.exec(line)![0].length;
    const rest = line.slice(ind);
    if (!shape) {
      shape = { indent: ind, form: rest.startsWith('- ') || rest === '-' ? 'list' : 'map' };
      if (shape.form === 'map' && (ind === 0 || /^[[{]/.test(rest))) return undefined;
    }
    const isStart = ind === shape.indent && (shape.form === 'list' ? /^- |^-$/.test(rest) : !rest.startsWith('- '));
    if (ind < shape.indent || (ind === shape.indent && !isStart)) return { shape, end: lineStart };
    if (isStart) {
      // Only plain `key:` lines (or `- ` items) start entries; anything stranger takes the full parse.
      if (shape.form === 'map' && !/^[\w."'][^[\]{}]*:(?:\s|$)/.test(rest)) return undefined;
      starts.push(lineStart);
    }
  }
  return shape && { shape };
}

/** Where the layout of the previous version can be reused, and how the entries line up. */
interface Reuse { layout: Layout; head: ParsedYaml; known: (Placed | undefined)[] }

/**
 * Locates the edit between the previous text and this one and rescans only the entries it
 * touches. Undefined when the edit reaches outside the entries (header, first entry line, tail)
 * or changes the block's shape; the caller then lays out the whole text.
 */
function reuseLast(last: NonNullable<SoaParseMemory['last']>, text: string): Reuse | undefined {
  const old = last.text;
  const { prefix: p, suffix: s } = commonEnds(old, text);
  const oldEnd = old.length - s;
  const delta = text.length - old.length;
  const { layout, placed } = last;
  // The header (reused as parsed) and the first entry line (which sets the shape) must not change.
  const firstLineEnd = old.indexOf('\n', layout.starts[0]);
  if (firstLineEnd < 0 || p <= firstLineEnd) return undefined;
  // Rescan from the entry holding the character before the edit (an insertion at an entry's
  // start may extend the entry above) to the first entry that starts after the edit.
  let k = placed.length - 1;
  while (k > 0 && placed[k].start > p - 1) k--;
  let j = k;
  while (j < placed.length && placed[j].start <= oldEnd) j++;
  const from = placed[k].start;
  const until = j < placed.length ? placed[j].start + delta : text.length;
  const region = text.slice(from, until);
  if (UNUSUAL.test(region) || CONTROLS_KEY.test(region)) return undefined;
  const regionStarts: number[] = [];
  const scan = scanLines(text, from, until, layout, regionStarts);
  if (!scan || regionStarts[0] !== from) return undefined;
  if (scan.end !== undefined && j < placed.length) return undefined;
  const blockEnd = j < placed.length ? layout.blockEnd + delta : scan.end ?? text.length;
  const moved = (x: Placed): Placed => (delta === 0 ? x : { start: x.start + delta, text: x.text, chunk: x.chunk, entries: [] });
  const after = placed.slice(j).map(moved);
  return {
    layout: { ...layout, blockEnd, starts: [...layout.starts.slice(0, k), ...regionStarts, ...after.map((x) => x.start)] },
    head: last.head,
    known: [...placed.slice(0, k), ...regionStarts.map(() => undefined), ...after],
  };
}

/** Lengths of the common prefix and suffix of two texts (not overlapping), compared in blocks first. */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  const B = 512;
  let p = 0;
  while (p + B <= max && a.slice(p, p + B) === b.slice(p, p + B)) p += B;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  let s = 0;
  while (s + B <= max - p && a.slice(a.length - s - B, a.length - s) === b.slice(b.length - s - B, b.length - s)) s += B;
  while (s < max - p && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { prefix: p, suffix: s };
}

export function parseSoaIncremental(text: string, memory: SoaParseMemory): Soa {
  const reuse = memory.last && reuseLast(memory.last, text);
  memory.last = undefined;
  const layout = reuse?.layout ?? controlsLayout(text);
  if (!layout) { memory.chunks.clear(); return parseSoa(text); }
  const head = reuse?.head ?? parseYaml(text.slice(0, layout.blockStart));
  const tail = parseYaml(text.slice(layout.blockEnd), layout.blockEnd);
  const soa: Soa = {
    yaml: head, errors: [...head.errors, ...tail.errors], header: new Map(), form: layout.form, entries: [], malformedRoot: false,
    controlsValue: { start: layout.blockStart, end: layout.blockEnd },
  };
  for (const part of [head, tail]) {
    for (const f of mapEntries(part.doc.contents, part)) {
      if (f.key === 'controls') { soa.controlsKey = f.keySpan; continue; }
      const value = spannedText(f.value, part);
      if (value) soa.header.set(f.key, value);
    }
  }
  const placed: Placed[] = [];
  const bounds = [...layout.starts, layout.blockEnd];
  let syntaxError = false;
  for (let i = 0; i < layout.starts.length; i++) {
    const start = bounds[i];
    let at = reuse?.known[i];
    if (!at) {
      const chunkText = text.slice(start, bounds[i + 1]);
      // Flow collections left open would swallow the following entries in a full parse.
      if (!balanced(chunkText)) { memory.chunks.clear(); return parseSoa(text); }
      const chunk = memory.chunks.get(chunkText) ?? parseChunk(chunkText, layout.form);
      at = { start, text: chunkText, chunk, entries: [] };
    }
    if (!at.entries.length && at.chunk.entries.length) at.entries = at.chunk.entries.map((e) => (start === 0 ? e : shiftEntry(e, start)));
    placed.push(at);
    soa.entries.push(...at.entries);
    if (at.chunk.errors.length) syntaxError = true;
  }
  memory.chunks = new Map(placed.map((x) => [x.text, x.chunk]));
  // A syntax error anywhere can change how the rest of the file reads: let the full parse decide.
  if (syntaxError || soa.errors.length || !isMapping(head.doc.contents, head) || (tail.doc.contents && !isMapping(tail.doc.contents, tail))) return parseSoa(text);
  memory.last = { text, layout, head, placed };
  soa.riskRegister = soa.header.get('risk-register');
  soa.standard = soa.header.get('standard');
  return soa;
}

function balanced(chunk: string): boolean {
  let square = 0, curly = 0;
  for (let i = 0; i < chunk.length; i++) {
    const c = chunk[i];
    if (c === '[') square++; else if (c === ']') square--; else if (c === '{') curly++; else if (c === '}') curly--;
  }
  return square === 0 && curly === 0;
}

function parseChunk(chunkText: string, form: 'map' | 'list'): Chunk {
  const y = parseYaml(chunkText);
  const entries: SoaEntry[] = [];
  if (form === 'map') {
    for (const e of mapEntries(y.doc.contents, y)) entries.push(readEntryNode(e.key, e.keySpan, e.value, e.span, chunkText, y));
  } else {
    for (const item of seqItems(y.doc.contents, y)) {
      const idField = mapEntries(item, y).find((f) => f.key === 'id');
      const idText = idField ? scalarText(idField.value, y) ?? '' : '';
      const idSpan = idField ? spanOf(idField.value, 0) : spanOf(item, 0);
      entries.push(readEntryNode(idText, idSpan, item, spanOf(item, 0), chunkText, y));
    }
  }
  return { entries, errors: y.errors };
}

const at = (s: Span, d: number): Span => ({ start: s.start + d, end: s.end + d });
const atValue = <T>(v: Spanned<T>, d: number): Spanned<T> => ({ value: v.value, span: at(v.span, d) });

/**
 * The entry with every span moved by `d`, written out field by field because it runs for every
 * entry after an edit. A field missing here is missing from shifted entries, which the property
 * test in test/unit/soaIncremental.test.ts catches.
 */
function shiftEntry(e: SoaEntry, d: number): SoaEntry {
  const fieldKeys = new Map<string, Span>();
  for (const [k, s] of e.fieldKeys) fieldKeys.set(k, at(s, d));
  const out: SoaEntry = {
    id: e.id,
    idValid: e.idValid,
    idSpan: at(e.idSpan, d),
    span: at(e.span, d),
    bodySpan: at(e.bodySpan, d),
    bodyIsMap: e.bodyIsMap,
    reasons: e.reasons.map((v) => atValue(v, d)),
    risks: e.risks.map((v) => atValue(v, d)),
    policies: e.policies.map((v) => atValue(v, d)),
    unknownFields: e.unknownFields.map((u) => ({ key: u.key, span: at(u.span, d) })),
    fieldKeys,
  };
  if (e.applicable) out.applicable = atValue(e.applicable, d);
  if (e.status) out.status = atValue(e.status, d);
  if (e.justification) out.justification = atValue(e.justification, d);
  if (e.owner) out.owner = atValue(e.owner, d);
  if (e.evidence) out.evidence = atValue(e.evidence, d);
  return out;
}
