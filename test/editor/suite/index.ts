// Mocha entry point for the real-editor suite. VS Code (through @vscode/test-electron) and
// code-server (through the extensionTestsPath payload) load the bundle test/editor/out/suite/index.js
// in the extension host and call run(). Mocha is bundled in, so the suite needs nothing from
// node_modules at run time and works on the extension host's Node, whatever its version.
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface Outcome { title: string; state: 'passed' | 'failed' | 'pending'; error?: string; ms?: number }

export async function run(): Promise<void> {
  const outcomes: Outcome[] = [];
  let failures = 0;
  try {
    const mocha = new Mocha({
      ui: 'bdd',
      timeout: Number(process.env.ISMS_EDITOR_TEST_TIMEOUT ?? 90_000),
      color: false,
      reporter: 'spec',
      grep: process.env.ISMS_EDITOR_GREP || undefined,
    });
    // The test files are part of this bundle: define mocha's globals, then evaluate them (esbuild
    // turns these require calls into lazy module initialisers, so order is kept).
    mocha.suite.emit('pre-require', globalThis, 'editor-suite', mocha);
    require('./diagnostics.test');
    require('./language.test');
    require('./views.test');
    require('./import.test');
    require('./assistantTools.test');
    failures = await new Promise<number>((resolve) => {
      const runner = mocha.run(resolve);
      runner.on('pass', (t) => outcomes.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }));
      runner.on('pending', (t) => outcomes.push({ title: t.fullTitle(), state: 'pending' }));
      runner.on('fail', (t, err: Error) => outcomes.push({ title: t.fullTitle(), state: 'failed', error: err?.stack ?? String(err) }));
    });
  } catch (e) {
    failures++;
    outcomes.push({ title: 'loading the editor suite', state: 'failed', error: e instanceof Error ? e.stack ?? e.message : String(e) });
  } finally {
    // code-server's extension host prints nothing to the terminal: the runner reads this file.
    const resultFile = process.env.ISMS_EDITOR_RESULT_FILE;
    if (resultFile) {
      mkdirSync(path.dirname(resultFile), { recursive: true });
      writeFileSync(`${resultFile}.part`, `${JSON.stringify({ failures, outcomes }, null, 2)}\n`);
      renameSync(`${resultFile}.part`, resultFile);
    }
  }
  if (failures > 0) throw new Error(`${failures} editor test${failures === 1 ? '' : 's'} failed`);
}
