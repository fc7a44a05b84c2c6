// A fast path for the YAML most front matter is made of: one flat mapping of plain or simply
// quoted scalars, flow lists of them and block lists of them. Parsing it with the full YAML
// library costs more than everything else done for a policy; this reads that subset in one pass
// and builds the same nodes (values, types and source ranges) the library would. Anything outside
// the subset (comments, anchors, escapes, nesting, multi-line scalars, CRLF, tags, numbers in
// exotic forms) returns undefined, and the caller uses the library. test/unit/simpleYaml.test.ts
// checks that both give identical trees on the corpus and on generated documents.
import { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { ParsedYaml } from './yamlAst';

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?:[ ]+|$)/;
const NULL = /^(?:~|null|Null|NULL)$/;
const BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const INT = /^[-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
/** Plain scalars the core schema might read as something other than a string or a simple number. */
const AMBIGUOUS = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+)$/;

type Range3 = [number, number, number];
interface Read { node: Scalar; end: number }

/** The flat mapping in `text`, or undefined when the text is not in the simple subset. */
export function parseSimpleMapping(text: string, base = 0): ParsedYaml | undefined {
  if (text.includes('\r') || text.includes('\t') || text.includes('#')) return undefined;
  const map = new YAMLMap();
  let pos = 0;
  let lastEnd = 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const next = nl < 0 ? text.length : nl + 1;
    const line = text.slice(pos, lineEnd);
    if (line.trim() === '') return undefined; // blank lines move the library's ranges; rare in front matter
    const key = KEY.exec(line);
    if (!key) return undefined;
    const keyNode = withRange(new Scalar(key[1]), [pos, pos + key[1].length, pos + key[1].length]);
    const valueStart = pos + key[0].length;
    const rest = text.slice(valueStart, lineEnd);
    let value: Scalar | YAMLSeq;
    let end: number;
    if (rest.trim() === '') {
      // `key:` alone: a block list on the following lines, or null.
      const list = readBlockList(text, next);
      if (list === null) return undefined;
      if (list) {
        value = list.seq;
        end = list.end;
      } else {
        value = withRange(new Scalar(null), [valueStart, valueStart, valueStart]);
        value.type = Scalar.PLAIN;
        end = next;
      }
    } else if (rest.startsWith('[')) {
      const flow = readFlowList(text, valueStart, lineEnd);
      if (!flow) return undefined;
      value = flow;
      end = next;
    } else {
      const scalar = readScalar(text, valueStart, lineEnd, false);
      if (!scalar || !onlySpaces(text, scalar.end, lineEnd)) return undefined;
      value = scalar.node;
      (value.range as Range3)[2] = next;
      end = next;
    }
    map.items.push(new Pair(keyNode, value));
    lastEnd = end;
    pos = end;
  }
  if (!map.items.length) return undefined;
  map.range = [0, lastEnd, lastEnd];
  const doc = new Document() as unknown as Document.Parsed;
  doc.contents = map as unknown as Document.Parsed['contents'];
  return { doc, errors: [], base, source: text };
}

const onlySpaces = (text: string, from: number, to: number) => /^ *$/.test(text.slice(from, to));

function withRange<T extends Scalar | YAMLSeq>(node: T, range: Range3): T {
  node.range = range;
  return node;
}

/**
 * A scalar starting at `start` and ending before `limit` (the line end, or in a flow list the
 * next `,` or `]`). `end` is where its text ends, trailing spaces excluded.
 */
function readScalar(text: string, start: number, limit: number, inFlow: boolean): Read | undefined {
  const c = text[start];
  if (c === '"' || c === "'") {
    const close = text.indexOf(c, start + 1);
    if (close < 0 || close >= limit) return undefined;
    const inner = text.slice(start + 1, close);
    if ((c === '"' && inner.includes('\\')) || (c === "'" && text[close + 1] === "'")) return undefined;
    const after = text.slice(close + 1, limit);
    if (inFlow ? !/^ *$/.test(after.replace(/[,\]].*$/s, '')) : after.trim() !== '') return undefined;
    const node = new Scalar(inner);
    node.type = c === '"' ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
    return { node: withRange(node, [start, close + 1, close + 1]), end: close + 1 };
  }
  let stop = limit;
  if (inFlow) {
    const m = /[,\]\[{}]/.exec(text.slice(start, limit));
    if (m) stop = start + m.index;
  }
  const raw = text.slice(start, stop);
  const value = raw.trimEnd();
  if (value === '' || /^(?:[?:,\[\]{}#&*!|>'"%@`]|-(?: |$))/.test(value) || value.includes(': ') || value.endsWith(':')) return undefined;
  if (!inFlow && /[{}]/.test(value)) return undefined;
  if (AMBIGUOUS.test(value)) return undefined;
  const typed = NULL.test(value) ? null : BOOL.test(value) ? /^t/i.test(value) : INT.test(value) || FLOAT.test(value) ? Number(value) : value;
  if (typeof typed === 'number' && !Number.isFinite(typed)) return undefined;
  if (typeof typed === 'number' && INT.test(value) && !Number.isSafeInteger(typed)) return undefined;
  const node = new Scalar(typed);
  node.type = Scalar.PLAIN;
  const end = start + value.length;
  return { node: withRange(node, [start, end, end]), end };
}

/** `[a, b, c]` on one line, nothing after it. */
function readFlowList(text: string, start: number, lineEnd: number): YAMLSeq | undefined {
  const seq = new YAMLSeq();
  seq.flow = true;
  let pos = start + 1;
  const skipSpaces = () => { while (text[pos] === ' ') pos++; };
  skipSpaces();
  if (text[pos] === ']') {
    pos++;
  } else {
    for (;;) {
      const item = readScalar(text, pos, lineEnd, true);
      if (!item) return undefined;
      pos = item.end;
      skipSpaces();
      (item.node.range as Range3)[2] = pos;
      seq.items.push(item.node);
      if (text[pos] === ',') {
        pos++;
        skipSpaces();
        if (text[pos] === ']') return undefined; // a trailing comma
        continue;
      }
      if (text[pos] !== ']') return undefined;
      pos++;
      break;
    }
  }
  if (text.slice(pos, lineEnd).trim() !== '') return undefined;
  const after = lineEnd < text.length ? lineEnd + 1 : lineEnd;
  return withRange(seq, [start, pos, after]);
}

/**
 * `- item` lines from `start` on, all at one indentation. Undefined when the next line is not a
 * list item (the key's value is then null); null when it looks like one but is not simple.
 */
function readBlockList(text: string, start: number): { seq: YAMLSeq; end: number } | undefined | null {
  const first = /^( *)- /.exec(text.slice(start, start + 200));
  if (!first) return /^ +\S/.test(text.slice(start, start + 200)) || /^-(?:\s|$)/.test(text.slice(start, start + 2)) ? null : undefined;
  const indent = first[1];
  const seq = new YAMLSeq();
  let pos = start;
  let seqStart = -1;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl < 0 ? text.length : nl;
    const line = text.slice(pos, lineEnd);
    if (!line.startsWith(`${indent}- `)) {
      if (line.startsWith(' ') || line.startsWith('-')) return null;
      break;
    }
    const dash = pos + indent.length;
    if (seqStart < 0) seqStart = dash;
    let itemStart = dash + 2;
    while (text[itemStart] === ' ') itemStart++;
    const item = readScalar(text, itemStart, lineEnd, false);
    if (!item || !onlySpaces(text, item.end, lineEnd)) return null;
    const next = nl < 0 ? text.length : nl + 1;
    (item.node.range as Range3)[2] = next;
    seq.items.push(item.node);
    pos = next;
  }
  return { seq: withRange(seq, [seqStart, pos, pos]), end: pos };
}
