import type { Position, Range, Span } from './types';

/** Converts between UTF-16 offsets and line/character positions of one text. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  get lineCount(): number { return this.starts.length; }

  position(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0, hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offset(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const lineEnd = pos.line + 1 < this.starts.length ? this.starts[pos.line + 1] : this.text.length;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), lineEnd);
  }

  range(span: Span): Range { return { start: this.position(span.start), end: this.position(span.end) }; }

  lineStart(line: number): number { return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))]; }

  /** The line's text without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }
}

export const spanContains = (s: Span, offset: number): boolean => offset >= s.start && offset <= s.end;

/**
 * For offsets asked in increasing order: the span of `spans` (sorted by start) that holds each,
 * if any, in constant time per offset instead of a search of every span.
 */
export function spanCursor(spans: readonly Span[]): (offset: number) => Span | undefined {
  let i = 0;
  return (offset) => {
    while (i < spans.length && spans[i].end <= offset) i++;
    return i < spans.length && spans[i].start <= offset ? spans[i] : undefined;
  };
}
