// Test helpers: in-memory workspaces, caret markers, an SoA builder that starts clean, and the
// one way tests run the bundled CLI (with a cache folder of the test process's own).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
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

export const CLI = path.resolve(import.meta.dirname, '../dist/cli.js');

let cacheDir: string | undefined;
/**
 * The check cache of this test process: made on first use, removed on exit. Every CLI a test
 * spawns gets it, so no test reads findings another build or another run left in the user's cache.
 */
export function testCacheDir(): string {
  if (!cacheDir) {
    const made = mkdtempSync(path.join(tmpdir(), 'isms-test-cache-'));
    cacheDir = made;
    process.on('exit', () => rmSync(made, { recursive: true, force: true }));
  }
  return cacheDir;
}

/** The environment for a spawned CLI: no colours, this process's own cache, then `extra`. */
export const cliEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({ ...process.env, NO_COLOR: '1', ISMS_CACHE_DIR: testCacheDir(), ...extra });

/** Runs a CLI bundle (dist/cli.js unless `cli` says otherwise) and returns its exit code and output. */
export function runCli(args: string[], opts: { cwd?: string; env?: Record<string, string>; cli?: string } = {}) {
  const r = spawnSync(process.execPath, [opts.cli ?? CLI, ...args], { cwd: opts.cwd, encoding: 'utf8', env: cliEnv(opts.env), maxBuffer: 64 << 20 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
