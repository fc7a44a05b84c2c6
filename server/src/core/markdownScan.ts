// A single-pass scanner for the parts of Markdown that matter for control references: front
// matter, fenced and indented code, inline code, HTML, and headings. A full CommonMark parse
// (remark) costs about a thousand times more than a reference scan; checking 1,000 policies on
// every commit cannot afford it. remark remains the oracle: test/unit/markdownScan.test.ts
// asserts that both find the same references, headings, table cells, HTML comments and code
// on real and generated documents.
import type { Span } from './types';

export interface ScannedHeading { text: string; depth: number; span: Span }

/** One GFM table: its rows' lines (the header row first, the delimiter row left out); tableCells() splits a row. */
export interface ScannedTable { lines: Span[]; /** From the header row's start to the last row's end. */ span: Span }

export interface MarkdownScan {
  /** The front matter block including its fences, when it opens and closes. */
  frontMatter?: Span;
  /** Code and HTML spans, sorted by start. */
  skip: Span[];
  headings: ScannedHeading[];
  /** GFM tables, in document order. */
  tables: ScannedTable[];
  /** HTML comments (block and inline), sorted by start: where generators put metadata. */
  comments: Span[];
}

interface Line { start: number; end: number; text: string }

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10 || c === 13) {
      lines.push({ start, end: i, text: text.slice(start, i) });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
      if (i >= text.length) break;
    }
  }
  return lines;
}

/** Strips blockquote markers and list-item markers, returning the content and its column. */
function containerContent(line: string): { content: string; offset: number; listItem: boolean } {
  let offset = 0;
  let listItem = false;
  for (;;) {
    const rest = line.slice(offset);
    const quote = /^ {0,3}> ?/.exec(rest);
    if (quote) { offset += quote[0].length; continue; }
    const item = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?: {1,4}|\t|$)/.exec(rest);
    if (item && !/^ {0,3}([-*_])(?: *\1){2,} *$/.test(rest)) { offset += item[0].length; listItem = true; continue; }
    return { content: rest, offset, listItem };
  }
}

/** The cells of a table row: text between unescaped pipes, trimmed; leading and trailing pipes optional. */
export function tableCells(text: string, start: number, end: number): Span[] {
  const cells: Span[] = [];
  let i = start;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  let cellStart = text.charCodeAt(i) === 124 ? i + 1 : start;
  let last = end;
  while (last > cellStart && isBlank(text.charCodeAt(last - 1))) last--;
  const trailing = last > cellStart && text.charCodeAt(last - 1) === 124 && text.charCodeAt(last - 2) !== 92;
  if (trailing) last--;
  for (i = cellStart; i < last; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) { i++; continue; }
    if (c === 124 /* | */) { cells.push(trimmedSpan(text, cellStart, i)); cellStart = i + 1; }
  }
  if (last > cellStart || trailing || !cells.length) cells.push(trimmedSpan(text, cellStart, last));
  return cells;
}

const isBlank = (c: number) => c === 32 || c === 9 || c === 13;

function trimmedSpan(text: string, s: number, e: number): Span {
  while (s < e && isBlank(text.charCodeAt(s))) s++;
  while (e > s && isBlank(text.charCodeAt(e - 1))) e--;
  return { start: s, end: e };
}

const FENCE = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const HTML_BLOCK_START = /^ {0,3}<(?:!--|\/?[A-Za-z][A-Za-z0-9-]*(?:[\s/>]|$)|\?|![A-Z])/;
/** HTML that may interrupt a paragraph: comments, processing instructions and block-level tags. */
const HTML_INTERRUPTS = /^ {0,3}<(?:!--|\?|![A-Z]|\/?(?:address|article|aside|blockquote|body|details|dialog|div|dl|fieldset|figure|footer|form|h[1-6]|header|hr|html|li|main|nav|ol|p|pre|section|summary|table|tbody|td|tfoot|th|thead|tr|ul|script|style|textarea)(?:[\s/>]|$))/i;

export function scanMarkdown(text: string): MarkdownScan {
  const skip: Span[] = [];
  const headings: ScannedHeading[] = [];
  const tables: ScannedTable[] = [];
  const comments: Span[] = [];
  const lines = splitLines(text);
  let i = 0;
  let frontMatter: Span | undefined;
  if (lines.length && /^\uFEFF?---[ \t]*$/.test(lines[0].text)) {
    for (let j = 1; j < lines.length; j++) {
      if (/^---[ \t]*$/.test(lines[j].text)) {
        frontMatter = { start: lines[0].start, end: lines[j].end };
        skip.push(frontMatter);
        i = j + 1;
        break;
      }
    }
  }
  // Paragraph state: inline code and setext headings live within a paragraph.
  let paragraph: Line[] = [];
  /** The paragraph sits in a list item or quote, so a bare underline cannot make it a heading. */
  let paragraphNested = false;
  /** The paragraph is a GFM table (header row and delimiter row seen). */
  let paragraphTable = false;
  /** Index in `paragraph` of the table's header row. */
  let tableHeader = 0;
  let prevBlank = true;
  let inList = false;
  const flushParagraph = () => {
    if (paragraph.length) inlineSpans(text, paragraph[0].start, paragraph[paragraph.length - 1].end, skip, comments);
    if (paragraphTable) {
      const lines = paragraph.slice(tableHeader).filter((_, k) => k !== 1).map((l) => ({ start: l.start, end: l.end }));
      tables.push({ lines, span: { start: paragraph[tableHeader].start, end: paragraph[paragraph.length - 1].end } });
    }
    paragraph = [];
    paragraphNested = false;
    paragraphTable = false;
  };
  for (; i < lines.length; i++) {
    const line = lines[i];
    if (line.text.trim() === '') { flushParagraph(); prevBlank = true; continue; }
    const { content, offset, listItem } = containerContent(line.text);
    const lineIndent = /^[ \t]*/.exec(line.text)![0].replace(/\t/g, '    ').length;
    if (listItem) inList = true;
    else if (lineIndent === 0 && (prevBlank || !paragraph.length || /^>/.test(line.text) || ATX.test(content) || FENCE.test(content) || HTML_BLOCK_START.test(content))) inList = false;
    // Indented code: four spaces in, outside lists, not continuing a paragraph.
    if (paragraphTable && lineIndent >= 4 && offset === 0) flushParagraph();
    if (!inList && !paragraph.length && lineIndent >= 4 && offset === 0) {
      let j = i;
      let last = i;
      while (j < lines.length && (lines[j].text.trim() === '' || /^(?: {4}|\t)/.test(lines[j].text))) {
        if (lines[j].text.trim() !== '') last = j;
        j++;
      }
      skip.push({ start: lines[i].start + 4 - (line.text.startsWith('\t') ? 3 : 0), end: lines[last].end });
      i = last;
      prevBlank = false;
      continue;
    }
    const fence = FENCE.exec(content);
    if (fence && !(fence[2][0] === '`' && fence[3].includes('`'))) {
      flushParagraph();
      const marker = fence[2];
      let j = i + 1;
      let end = text.length;
      for (; j < lines.length; j++) {
        const inner = containerContent(lines[j].text).content;
        const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(inner);
        if (close && close[1][0] === marker[0] && close[1].length >= marker.length) { end = lines[j].end; break; }
      }
      skip.push({ start: line.start + offset + fence[1].length, end });
      i = j;
      prevBlank = false;
      continue;
    }
    if (HTML_BLOCK_START.test(content) && (!paragraph.length || HTML_INTERRUPTS.test(content))) {
      flushParagraph();
      let j = i;
      // A comment runs to its closing -->, across blank lines; other HTML blocks to a blank line.
      const comment = /^ {0,3}<!--/.test(content);
      while (j < lines.length && (comment || lines[j].text.trim() !== '')) {
        if (comment && lines[j].text.includes('-->', j === i ? line.text.indexOf('<!--') + 4 : 0)) break;
        j++;
      }
      const lastLine = lines[Math.min(j, lines.length - 1)];
      const closed = j < lines.length;
      const span = { start: line.start + offset, end: comment ? (closed ? lastLine.start + lastLine.text.indexOf('-->', j === i ? line.text.indexOf('<!--') + 4 : 0) + 3 : text.length) : lines[Math.max(i, j - 1)].end };
      skip.push(span);
      if (comment) comments.push(span);
      i = comment ? j : j - 1;
      prevBlank = false;
      continue;
    }
    const atx = ATX.exec(content);
    if (atx) {
      flushParagraph();
      const textStart = line.start + offset + (atx[2] !== undefined ? content.indexOf(atx[2], atx[1].length) : content.length);
      headings.push({ text: inlineText(atx[2] ?? ''), depth: atx[1].length, span: { start: line.start + offset + /^ */.exec(content)![0].length, end: line.end } });
      if (atx[2]) inlineSpans(text, textStart, textStart + atx[2].length, skip, comments);
      prevBlank = false;
      continue;
    }
    const setext = SETEXT.exec(line.text);
    if (setext && paragraph.length && offset === 0 && !inList && !paragraphNested && !paragraphTable) {
      const first = paragraph[0];
      headings.push({ text: inlineText(paragraph.map((l) => l.text.trim()).join(' ')), depth: setext[1][0] === '=' ? 1 : 2, span: { start: first.start + /^ */.exec(first.text)![0].length, end: line.end } });
      flushParagraph();
      prevBlank = false;
      continue;
    }
    if (!paragraphTable && paragraph.length && !paragraphNested && paragraph[paragraph.length - 1].text.includes('|') && /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/.test(content) && content.includes('-')) {
      // GFM: the header row and the delimiter row have the same number of cells.
      const header = paragraph[paragraph.length - 1];
      if (tableCells(text, header.start, header.end).length === tableCells(text, line.start + offset, line.end).length) {
        paragraphTable = true;
        tableHeader = paragraph.length - 1;
      }
    }
    if (/^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(content)) {
      // A thematic break ends the paragraph and any list.
      flushParagraph();
      if (offset === 0) inList = false;
      prevBlank = false;
      continue;
    }
    // A table row, list item or paragraph line: inline code is resolved per paragraph.
    if (listItem || /^ {0,3}>/.test(line.text)) { flushParagraph(); paragraphNested = true; }
    paragraph.push(listItem || offset ? { start: line.start + offset, end: line.end, text: content } : line);
    prevBlank = false;
  }
  flushParagraph();
  skip.sort((a, b) => a.start - b.start);
  comments.sort((a, b) => a.start - b.start);
  return { frontMatter, skip, headings, tables, comments };
}

/** Code spans and inline HTML (comments, tags, autolinks) between `from` and `to`. */
function inlineSpans(text: string, from: number, to: number, out: Span[], comments: Span[]): void {
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) { i += 2; continue; }
    if (c === 96 /* ` */) {
      let n = 0;
      while (text.charCodeAt(i + n) === 96) n++;
      let j = i + n;
      let closed = -1;
      while (j < to) {
        if (text.charCodeAt(j) === 96) {
          let m = 0;
          while (text.charCodeAt(j + m) === 96) m++;
          if (m === n) { closed = j; break; }
          j += m;
        } else j++;
      }
      if (closed >= 0) { out.push({ start: i, end: closed + n }); i = closed + n; } else i += n;
      continue;
    }
    if (c === 60 /* < */) {
      const rest = text.slice(i, Math.min(to, i + 2000));
      const m = /^(?:<!--[\s\S]*?-->|<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>|<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>)/.exec(rest);
      if (m) {
        out.push({ start: i, end: i + m[0].length });
        if (m[0].startsWith('<!--')) comments.push({ start: i, end: i + m[0].length });
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
}

/** Heading text as a reader sees it: escapes, emphasis markers, code ticks and link targets dropped. */
function inlineText(s: string): string {
  return s
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\\([!-/:-@[-`{-~])/g, '\u0000$1')
    .replace(/(\*\*|__|\*|_|`+)(?=\S)|(?<=\S)(\*\*|__|\*|_|`+)/g, '')
    .replace(/\u0000/g, '')
    .trim();
}
