// Test helpers: in-memory workspaces, caret markers and an SoA builder that starts clean.
import { catalogue } from '../server/src/core/catalogue';
import { createIsmsService } from '../server/src/core/service';
import type { Finding, Position } from '../server/src/core/types';
import { LineIndex } from '../server/src/core/text';

export const ROOT = 'file:///ws';
export const TODAY = '2026-11-22';

export function workspaceOf(files: Record<string, string>, folders: string[] = [ROOT]) {
  const service = createIsmsService({ today: () => TODAY, cataloguePage: (id) => `file:///catalogue/${id}.md` });
  service.workspace.setFolders(folders);
  for (const [path, text] of Object.entries(files)) service.workspace.set(`${ROOT}/${path}`, text, 1);
  const uri = (path: string) => `${ROOT}/${path}`;
  return { service, ws: service.workspace, uri, uriOf: uri };
}

/** Splits a text at the caret marker `‸`, returning the text without it and the caret position. */
export function caret(textWithCaret: string): { text: string; position: Position; offset: number } {
  const offset = textWithCaret.indexOf('‸');
  if (offset < 0) throw new Error('no caret');
  const text = textWithCaret.slice(0, offset) + textWithCaret.slice(offset + 1);
  return { text, offset, position: new LineIndex(text).position(offset) };
}

/** A clean SoA: every control applicable for a legal reason, except the overrides given. */
export function soaText(overrides: Record<string, string> = {}, header = 'standard: ISO/IEC 27001:2022\norganization: Test Ltd\nrisk-register: risks.yaml\n'): string {
  const entries = catalogue.controls.map((c) => {
    if (c.id in overrides) return overrides[c.id] === '' ? '' : `  ${c.id}:\n${overrides[c.id]}`;
    return `  ${c.id}:\n    applicable: true\n    status: implemented\n    reasons: [legal]\n    owner: CISO\n`;
  });
  const extra = Object.entries(overrides).filter(([id]) => !catalogue.control(id)).map(([id, body]) => `  ${id}:\n${body}`);
  return `${header}controls:\n${entries.join('')}${extra.join('')}`;
}

export const RISKS = `risks:
  R-001:
    title: Stolen credentials
    owner: CISO
    likelihood: 4
    impact: 5
    treatment: mitigate
    controls: [A.5.15, A.5.17]
  R-002:
    title: Laptop theft
    owner: IT
    likelihood: 2
    impact: 3
    treatment: mitigate
    controls: [A.8.1]
`;

export const codes = (fs: Finding[]) => fs.map((f) => f.code);

/** Applies edits (ranges in the original text) to a text. */
export function applyEdits(text: string, edits: { range: { start: Position; end: Position }; newText: string }[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e) => ({ start: lines.offset(e.range.start), end: lines.offset(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}
