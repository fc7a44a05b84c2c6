// The edits the keystroke benchmarks make, kept as a line model so the same edit can be sent as
// an incremental LSP change (range + text) and applied to a full text for the in-process runs.
// Every edit alternates between two states, so every sample changes the diagnostics.
import { FLIP_CONTROL, KEYSTROKE_CONTROL } from './generate.mjs';

function entryLine(lines, id) {
  const i = lines.findIndex((l) => l === `  ${id}:` || l === `  - id: ${id}`);
  if (i < 0) throw new Error(`no SoA entry for ${id}`);
  return i;
}

function fieldLine(lines, from, field) {
  for (let i = from + 1; i < lines.length; i++) {
    if (/^  (- id: )?A\.\d/.test(lines[i])) break;
    if (lines[i].startsWith(`    ${field}:`)) return i;
  }
  throw new Error(`no ${field} after line ${from + 1}`);
}

export class SoaEditor {
  constructor(text) {
    this.lines = text.split('\n');
    this.keystrokeLine = fieldLine(this.lines, entryLine(this.lines, KEYSTROKE_CONTROL), 'justification');
    const flipEntry = entryLine(this.lines, FLIP_CONTROL);
    this.flipLine = fieldLine(this.lines, flipEntry, 'applicable');
    this.typed = false;
    this.flipped = false;
    const idLine = this.lines[flipEntry];
    /** On the control ID of the flipped entry. */
    this.hoverPosition = { line: flipEntry, character: idLine.indexOf('A.') + 3 };
    const statusLine = fieldLine(this.lines, flipEntry, 'status');
    /** At the end of `status: implemented` of the flipped entry. */
    this.completionPosition = { line: statusLine, character: this.lines[statusLine].length };
  }

  text() { return this.lines.join('\n'); }

  /** Types "." at the end of a 19-character justification, or deletes it again (one character). */
  keystroke() {
    const l = this.keystrokeLine;
    const len = this.lines[l].length;
    this.typed = !this.typed;
    if (this.typed) {
      this.lines[l] += '.';
      return { range: { start: { line: l, character: len }, end: { line: l, character: len } }, text: '.' };
    }
    this.lines[l] = this.lines[l].slice(0, -1);
    return { range: { start: { line: l, character: len - 1 }, end: { line: l, character: len } }, text: '' };
  }

  /** Replaces `applicable: true` by `applicable: false` on the flip control, or back. */
  flip() {
    const l = this.flipLine;
    const line = this.lines[l];
    const start = line.indexOf(':') + 2;
    this.flipped = !this.flipped;
    const text = this.flipped ? 'false' : 'true';
    this.lines[l] = line.slice(0, start) + text;
    return { range: { start: { line: l, character: start }, end: { line: l, character: line.length } }, text };
  }
}
