// Re-parses only the SoA entries that changed. The `controls:` map is a list of independent
// entries, each starting at the same indentation; a keystroke changes one of them. Each entry is
// parsed on its own and cached by its text, so an edit costs one small YAML parse instead of a
// whole-file parse. Anything unusual (anchors, aliases, several documents, tabs, flow style)
// falls back to the full parse; test/unit/soaIncremental.test.ts proves both agree.
import { parseSoa, readEntryNode, type Soa, type SoaEntry } from './soa';
import { isMapping, mapEntries, parseYaml, seqItems, spannedText, spanOf, scalarText, type YamlProblem } from './yamlAst';
import type { Span } from './types';

interface Chunk { entries: SoaEntry[]; errors: YamlProblem[] }
/** Parsed entries by their exact text, owned by one document (see Workspace). */
export type SoaChunkCache = Map<string, Chunk>;

interface Layout { keyLineStart: number; blockStart: number; blockEnd: number; form: 'map' | 'list'; starts: number[] }

/** Finds the block of entries under a top-level `controls:` key; undefined when it is unusual. */
export function controlsLayout(text: string): Layout | undefined {
  if (/(^|[\s[{,])[&*][^\s,\]}]/.test(text) || /^(?:---|\.\.\.|%)/m.test(text) || /^ *\t/m.test(text)) return undefined;
  const keys = [...text.matchAll(/^controls:[ \t]*(?:#[^\r\n]*)?\r?$/gm)];
  if (keys.length !== 1) return undefined;
  const keyLineStart = keys[0].index!;
  const blockStart = text.indexOf('\n', keyLineStart) + 1;
  if (blockStart === 0) return undefined;
  const lineRe = /^.*$/gm;
  lineRe.lastIndex = blockStart;
  let indent = -1;
  let form: 'map' | 'list' = 'map';
  const starts: number[] = [];
  let blockEnd = text.length;
  for (let m = lineRe.exec(text); m; m = lineRe.exec(text)) {
    const line = m[0].replace(/\r$/, '');
    if (m.index >= text.length && line === '') break;
    if (line.trim() === '' || /^\s*#/.test(line)) { if (lineRe.lastIndex === m.index) lineRe.lastIndex++; continue; }
    const ind = /^ */.exec(line)![0].length;
    if (indent < 0) {
      indent = ind;
      form = line.slice(ind).startsWith('- ') || line.slice(ind) === '-' ? 'list' : 'map';
      if (form === 'map' && indent === 0) return undefined;
      if (form === 'map' && /^[[{]/.test(line.slice(ind))) return undefined;
    }
    const isStart = ind === indent && (form === 'list' ? /^- |^-$/.test(line.slice(ind)) : !line.slice(ind).startsWith('- '));
    if (ind < indent || (ind === indent && !isStart) || (form === 'list' && indent === 0 && ind === 0 && !isStart)) { blockEnd = m.index; break; }
    if (isStart) {
      // Only plain `key:` lines (or `- ` items) start entries; anything stranger takes the full parse.
      if (form === 'map' && !/^[\w."'][^[\]{}]*:(?:\s|$)/.test(line.slice(ind))) return undefined;
      starts.push(m.index);
    }
    if (lineRe.lastIndex === m.index) lineRe.lastIndex++;
  }
  if (!starts.length) return undefined;
  return { keyLineStart, blockStart, blockEnd, form, starts };
}

export function parseSoaIncremental(text: string, cache: SoaChunkCache): Soa {
  const layout = controlsLayout(text);
  if (!layout) { cache.clear(); return parseSoa(text); }
  const head = parseYaml(text.slice(0, layout.blockStart));
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
  const used = new Map<string, Chunk>();
  const bounds = [...layout.starts, layout.blockEnd];
  for (let i = 0; i < layout.starts.length; i++) {
    const start = bounds[i];
    const chunkText = text.slice(start, bounds[i + 1]);
    // Flow collections left open would swallow the following entries in a full parse.
    if (!balanced(chunkText)) { cache.clear(); return parseSoa(text); }
    const chunk = used.get(chunkText) ?? cache.get(chunkText) ?? parseChunk(chunkText, layout.form);
    used.set(chunkText, chunk);
    for (const e of chunk.entries) soa.entries.push(shifted(e, start));
    for (const e of chunk.errors) soa.errors.push(shifted(e, start));
  }
  cache.clear();
  for (const [k, v] of used) cache.set(k, v);
  // A syntax error anywhere can change how the rest of the file reads: let the full parse decide.
  if (soa.errors.length || !isMapping(head.doc.contents, head) || (tail.doc.contents && !isMapping(tail.doc.contents, tail))) return parseSoa(text);
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

/** A deep copy with every span moved by `delta` (generic, so new entry fields shift too). */
function shifted<T>(value: T, delta: number): T {
  return delta === 0 ? value : (move(value, delta) as T);
}

function move(v: unknown, delta: number): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => move(x, delta));
  if (v instanceof Map) {
    const m = new Map();
    for (const [k, x] of v) m.set(k, move(x, delta));
    return m;
  }
  const o = v as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number') return { start: o.start + delta, end: o.end + delta } satisfies Span;
  const out: Record<string, unknown> = {};
  for (const k in o) out[k] = move(o[k], delta);
  return out;
}
