// Text edits on SoA and risk-register YAML that keep the user's layout: insert a field into an
// entry at its indentation, add an item to a list in whichever style the list is written.
import type { Span } from '../types';
import type { Doc } from '../workspace';

export interface TextEdit { span: Span; newText: string }

const indentOf = (line: string) => /^[ \t]*/.exec(line)![0];

/** The line break the document uses. */
export const eol = (doc: Doc) => (doc.text.includes('\r\n') ? '\r\n' : '\n');

/** Offset of the end of the line holding `offset` (before its line break). */
export function lineEndAt(doc: Doc, offset: number): number {
  const line = doc.lines.position(Math.max(0, offset)).line;
  return doc.lines.lineStart(line) + doc.lines.lineText(line).length;
}

/** Indentation of an entry's fields: that of its first field, else the key's plus two spaces. */
export function fieldIndent(doc: Doc, keySpan: Span, bodySpan: Span, bodyIsMap: boolean): string {
  const keyLine = doc.lines.position(keySpan.start).line;
  const bodyLine = doc.lines.position(bodySpan.start).line;
  if (bodyIsMap && bodyLine > keyLine) return indentOf(doc.lines.lineText(bodyLine));
  if (bodyIsMap && bodyLine === keyLine) {
    // List form: "- id: A.5.1" puts the first field on the key line after "- ".
    const text = doc.lines.lineText(keyLine);
    const dash = /^([ \t]*)-[ \t]+/.exec(text);
    if (dash) return ' '.repeat(dash[0].length);
  }
  return indentOf(doc.lines.lineText(keyLine)) + '  ';
}

/** Appends `field` (e.g. `justification: ...`) as a new last line of an entry. */
export function insertField(doc: Doc, entry: { idSpan: Span; bodySpan: Span; bodyIsMap: boolean; span: Span }, field: string): { edit: TextEdit; fieldStart: number } {
  const indent = fieldIndent(doc, entry.idSpan, entry.bodySpan, entry.bodyIsMap);
  const end = entry.bodyIsMap ? lastContentEnd(doc, entry.span.end) : lineEndAt(doc, entry.idSpan.end);
  if (!entry.bodyIsMap) {
    // `A.5.1:` with no body (or a scalar body) — replace the value with a block.
    const after = { start: entry.idSpan.end, end: lineEndAt(doc, entry.idSpan.end) };
    const text = `:${eol(doc)}${indent}${field}`;
    return { edit: { span: after, newText: text }, fieldStart: after.start + text.length - field.length };
  }
  const text = `${eol(doc)}${indent}${field}`;
  return { edit: { span: { start: end, end }, newText: text }, fieldStart: end + text.length - field.length };
}

/** The end of the last non-blank, non-comment line at or before `offset`. */
function lastContentEnd(doc: Doc, offset: number): number {
  let line = doc.lines.position(Math.max(0, offset - 1)).line;
  while (line > 0 && /^\s*(#.*)?$/.test(doc.lines.lineText(line))) line--;
  return doc.lines.lineStart(line) + doc.lines.lineText(line).length;
}

/** Adds `item` to the list under `keySpan` (flow `[a, b]`, block `- a`, scalar, or empty). */
export function addToList(doc: Doc, keySpan: Span, item: string): TextEdit {
  const keyLine = doc.lines.position(keySpan.start).line;
  const lineText = doc.lines.lineText(keyLine);
  const lineStart = doc.lines.lineStart(keyLine);
  const afterColon = lineText.indexOf(':', keySpan.end - lineStart);
  const rest = lineText.slice(afterColon + 1).replace(/\s+#.*$/, '');
  const restStart = lineStart + afterColon + 1;
  if (rest.trim().startsWith('[')) {
    const close = doc.text.indexOf(']', restStart);
    const inner = doc.text.slice(doc.text.indexOf('[', restStart) + 1, close);
    return { span: { start: close, end: close }, newText: inner.trim() ? `, ${item}` : item };
  }
  if (rest.trim() === '') {
    // Block list below, or nothing at all.
    const next = keyLine + 1 < doc.lines.lineCount ? doc.lines.lineText(keyLine + 1) : '';
    const keyIndent = indentOf(lineText).length;
    if (/^\s*-\s/.test(next) && indentOf(next).length >= keyIndent) {
      let last = keyLine + 1;
      const itemIndent = indentOf(next);
      while (last + 1 < doc.lines.lineCount && doc.lines.lineText(last + 1).startsWith(itemIndent + '-')) last++;
      const end = doc.lines.lineStart(last) + doc.lines.lineText(last).length;
      return { span: { start: end, end }, newText: `${eol(doc)}${itemIndent}- ${item}` };
    }
    const end = lineStart + lineText.length;
    return { span: { start: restStart, end }, newText: ` [${item}]` };
  }
  const end = restStart + rest.trimEnd().length;
  return { span: { start: end, end }, newText: `, ${item}` };
}
