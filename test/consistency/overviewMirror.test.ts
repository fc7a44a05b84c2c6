// The client declares the controls overview it receives (client/src/model.ts) because it may not
// import server code; the declarations must stay the same as the server's (core/overview.ts).
// `mirrored` below only type-checks while they agree (`npm run typecheck` compiles this file); the
// test compiles this file itself with the TypeScript API, as written and with a client field
// added or retyped, so the check is proven to pass now and to fail on drift.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';
import type * as Client from '../../client/src/model';
import type * as Server from '../../server/src/core/overview';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

export const mirrored: [
  Same<Client.ControlState, Server.ControlState>,
  Same<Client.ControlOverview, Server.ControlOverview>,
  Same<Client.ScopeOverview, Server.ScopeOverview>,
  Same<Client.Overview, ReturnType<typeof Server.controlsOverview>>,
] = [true, true, true, true];

const ROOT = path.resolve(import.meta.dirname, '../..');
const MODEL = path.join(ROOT, 'client/src/model.ts');
const SELF = path.join(ROOT, 'test/consistency/overviewMirror.test.ts');

const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
const host = ts.createCompilerHost(config.options);
const read = host.getSourceFile.bind(host);
const parsed = new Map<string, ts.SourceFile | undefined>();
let modelText = '';
// Every file is parsed once; only model.ts is the text under test.
host.getSourceFile = (file, lang, onError) => {
  if (path.resolve(file) === MODEL) return ts.createSourceFile(file, modelText, lang);
  if (!parsed.has(file)) parsed.set(file, read(file, lang, onError));
  return parsed.get(file);
};

/** Type errors in this file when the client's model.ts reads `text`. */
function mirrorErrors(text: string): string[] {
  modelText = text;
  const program = ts.createProgram([SELF], config.options, host);
  return ts.getPreEmitDiagnostics(program, program.getSourceFile(SELF)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const model = readFileSync(MODEL, 'utf8');

test('the client declares the controls overview exactly as the server sends it', () => {
  assert.deepEqual(mirrorErrors(model), []);
});

test('a field added to or retyped in the client declaration breaks the mirror', () => {
  for (const [from, to] of [['  hasErrors: boolean;', '  hasErrors: boolean;\n  extra: string;'], ['  decided: number;', '  decided: string;'], ["'undecided';", "'undecided' | 'unknown';"]]) {
    assert.ok(model.includes(from), `model.ts still has ${from}`);
    const errors = mirrorErrors(model.replace(from, to));
    assert.ok(errors.some((e) => /not assignable to type 'false'|Type 'true' is not assignable/.test(e)), `${to}: ${errors.join('; ')}`);
  }
});
