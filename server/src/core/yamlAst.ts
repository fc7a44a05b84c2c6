// Reading YAML through its syntax tree, with source spans. We never convert a document to plain
// JavaScript (`toJS`), so aliases are never expanded and an alias bomb costs nothing.
import { Document, isAlias, isMap, isPair, isScalar, isSeq, parseDocument, type Node, type ParsedNode } from 'yaml';
import type { Span, Spanned } from './types';

export interface YamlProblem { message: string; span: Span }

export interface ParsedYaml {
  doc: Document.Parsed;
  errors: YamlProblem[];
  /** Added to every span, for YAML embedded in another file (front matter). */
  base: number;
  /** The parsed text, so numbers can be read as written (`5.10` is an ID, not 5.1). */
  source: string;
}

/** Deeper flow nesting than this is refused: the YAML parser crashes the process near 1,000 levels. */
export const MAX_FLOW_DEPTH = 100;

function flowDepthExceeded(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) { if (++depth > MAX_FLOW_DEPTH) return i; } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return -1;
}

export function parseYaml(text: string, base = 0): ParsedYaml {
  const tooDeep = flowDepthExceeded(text);
  if (tooDeep >= 0) {
    const message = `Brackets are nested more than ${MAX_FLOW_DEPTH} levels deep; the file was not parsed.`;
    return { doc: parseDocument(''), errors: [{ message, span: { start: base + tooDeep, end: base + tooDeep + 1 } }], base, source: text };
  }
  const doc = parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: true, keepSourceTokens: false });
  const errors = doc.errors.map((e) => ({
    message: e.message.split('\n')[0],
    span: { start: base + e.pos[0], end: base + Math.max(e.pos[1], e.pos[0]) },
  }));
  return { doc, errors, base, source: text };
}

export function spanOf(node: Node | null | undefined, base: number): Span {
  const r = (node as ParsedNode | null | undefined)?.range;
  return r ? { start: base + r[0], end: base + r[1] } : { start: base, end: base };
}

/** Follows an alias to its anchor (one step; anchors cannot point at aliases). */
export function deref(node: unknown, doc: Document): Node | undefined {
  if (isAlias(node)) {
    try { return node.resolve(doc) as Node | undefined; } catch { return undefined; }
  }
  return (node ?? undefined) as Node | undefined;
}

export interface YamlEntry { key: string; keySpan: Span; value: Node | undefined; valueSpan: Span; span: Span }

/** The key-value pairs of a mapping node, keys as strings, in source order. */
export function mapEntries(node: unknown, y: ParsedYaml): YamlEntry[] {
  const map = deref(node, y.doc);
  if (!isMap(map)) return [];
  const out: YamlEntry[] = [];
  for (const pair of map.items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as Node | null;
    const key = isScalar(keyNode) ? String(keyNode.value ?? '') : '';
    const value = deref(pair.value, y.doc);
    const keySpan = spanOf(keyNode, y.base);
    const valueSpan = value ? spanOf(pair.value as Node, y.base) : { start: keySpan.end, end: keySpan.end };
    out.push({ key, keySpan, value, valueSpan, span: { start: keySpan.start, end: Math.max(keySpan.end, valueSpan.end) } });
  }
  return out;
}

export function isMapping(node: unknown, y: ParsedYaml): boolean { return isMap(deref(node, y.doc)); }
export function isSequence(node: unknown, y: ParsedYaml): boolean { return isSeq(deref(node, y.doc)); }

/** The items of a sequence node (aliases followed). */
export function seqItems(node: unknown, y: ParsedYaml): Node[] {
  const seq = deref(node, y.doc);
  if (!isSeq(seq)) return [];
  return seq.items.map((i) => deref(i, y.doc)).filter((i): i is Node => i !== undefined && i !== null);
}

/** A scalar's value as text, or undefined for null, missing or non-scalar nodes. */
export function scalarText(node: unknown, y: ParsedYaml): string | undefined {
  const n = deref(node, y.doc);
  if (!isScalar(n) || n.value === null || n.value === undefined) return undefined;
  if (n.value instanceof Date) return n.value.toISOString().slice(0, 10);
  if (typeof n.value === 'number' && n.range) return y.source.slice(n.range[0], n.range[1]).trim();
  return String(n.value);
}

export function scalarValue(node: unknown, y: ParsedYaml): unknown {
  const n = deref(node, y.doc);
  return isScalar(n) ? n.value : undefined;
}

export function spannedText(node: unknown, y: ParsedYaml): Spanned<string> | undefined {
  const value = scalarText(node, y);
  return value === undefined ? undefined : { value, span: spanOf(node as Node, y.base) };
}

/**
 * A list of strings written as a YAML sequence, a flow sequence, or a single comma-separated
 * scalar ("R-001, R-002", common after a spreadsheet import). Each item keeps its own span.
 */
export function stringList(node: unknown, y: ParsedYaml, source: string): Spanned<string>[] {
  const n = deref(node, y.doc);
  if (isSeq(n)) {
    return seqItems(n, y).flatMap((item) => {
      const s = spannedText(item, y);
      return s && s.value.trim() !== '' ? [s] : [];
    });
  }
  const whole = spannedText(n, y);
  if (!whole) return [];
  const raw = source.slice(whole.span.start, whole.span.end);
  const quoted = /^["']/.test(raw) ? 1 : 0;
  const out: Spanned<string>[] = [];
  let offset = 0;
  for (const part of whole.value.split(/[,;\n]/)) {
    const trimmed = part.trim();
    const lead = part.length - part.trimStart().length;
    if (trimmed) {
      const start = whole.span.start + quoted + offset + lead;
      out.push({ value: trimmed, span: { start, end: start + trimmed.length } });
    }
    offset += part.length + 1;
  }
  return out;
}

export { isMap, isSeq, isScalar };
