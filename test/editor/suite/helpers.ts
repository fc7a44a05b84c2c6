// Shared helpers for the editor suite: the workspace under test, waiting on editor events with
// a deadline (never a fixed sleep), and the diagnostics the example workspace must produce.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'isms-author.isms-author';
export const SOURCE = 'isms';

/** The eight deliberate mistakes of examples/acme-isms (its README), as `file:line code`. */
export const EXPECTED = [
  'policies/access-control.md:48 ref/legacy-control',
  'policies/business-continuity.md:7 policy/review-overdue',
  'policies/secure-development.md:15 ref/unknown-control',
  'risks.yaml:124 risk/untreated',
  'soa.yaml:54 soa/applicable-without-risk',
  'soa.yaml:404 soa/excluded-without-justification',
  'soa.yaml:561 ref/unknown-risk',
  'soa.yaml:664 ref/missing-file',
];

export function root(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the editor suite needs a workspace folder (a copy of examples/acme-isms)');
  return folder.uri;
}

export const file = (rel: string): vscode.Uri => vscode.Uri.joinPath(root(), ...rel.split('/'));

export function relative(uri: vscode.Uri): string {
  const base = root().path.replace(/\/$/, '');
  return uri.path.startsWith(`${base}/`) ? uri.path.slice(base.length + 1) : uri.toString();
}

export const codeOf = (d: vscode.Diagnostic): string => String(typeof d.code === 'object' && d.code !== null ? d.code.value : d.code ?? '');

/** Our diagnostics in the workspace, as sorted `file:line code` strings. */
export function ourDiagnostics(): string[] {
  const out: string[] = [];
  for (const [uri, list] of vscode.languages.getDiagnostics()) {
    for (const d of list) if (d.source === SOURCE) out.push(`${relative(uri)}:${d.range.start.line + 1} ${codeOf(d)}`);
  }
  return out.sort();
}

/**
 * Resolves once `check()` returns a value other than undefined, re-checking on every change of
 * diagnostics; rejects with `describe()` after `ms` milliseconds.
 */
export function untilDiagnostics<T>(check: () => T | undefined, describe: () => string, ms = 45_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const first = check();
    if (first !== undefined) return resolve(first);
    const timer = setTimeout(() => { sub.dispose(); reject(new Error(`timed out after ${ms} ms: ${describe()}`)); }, ms);
    const sub = vscode.languages.onDidChangeDiagnostics(() => {
      const value = check();
      if (value === undefined) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}

/**
 * Polls an editor query (providers may answer before the server has loaded a file) until it
 * returns a value; each retry is triggered by the previous answer, with a short back-off.
 */
export async function until<T>(query: () => Thenable<T | undefined> | T | undefined, what: string, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  let delay = 50;
  for (;;) {
    const value = await query();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 1000);
  }
}

/** Resolves once the server has loaded the workspace (some of our diagnostics are out). */
export function whenLoaded(): Promise<true> {
  return untilDiagnostics(() => (ourDiagnostics().length > 0 ? true : undefined), () => 'no isms diagnostics yet: the server has not checked the workspace', 90_000);
}

export async function activate(): Promise<unknown> {
  const ext = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(ext, `extension ${EXTENSION_ID} is not installed in this editor`);
  return ext.isActive ? ext.exports : ext.activate();
}

export async function open(rel: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(file(rel));
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** The position of the `nth` occurrence of `needle` in a document (0-based occurrence). */
export function positionOf(doc: vscode.TextDocument, needle: string, nth = 0, fromLine = 0): vscode.Position {
  const text = doc.getText();
  let at = doc.offsetAt(new vscode.Position(fromLine, 0)) - 1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    assert.ok(at >= 0, `"${needle}" (occurrence ${nth + 1}) not found in ${relative(doc.uri)}`);
  }
  return doc.positionAt(at);
}

export const hoverText = (hovers: vscode.Hover[]): string =>
  hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
