// Rules the tests themselves keep: every CLI a test spawns runs through runCli (test/helpers.ts),
// which gives it a cache of the test process's own, and no test reads files by an absolute path
// outside the repository (the tests pass from any clone location).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const sources = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = path.join(dir, f);
  if (statSync(p).isDirectory()) return f === 'fixtures' || f === 'out' ? [] : sources(p);
  return /\.(ts|mjs)$/.test(f) ? [p] : [];
});
/** A file's code without its comment lines (comments may name the bundle). */
const code = (f: string) => readFileSync(f, 'utf8').split('\n').filter((l) => !/^\s*(\/\/|\*|\/\*)/.test(l)).join('\n');
const testFiles = sources(path.join(ROOT, 'test')).filter((f) => !f.endsWith(path.join('test', 'helpers.ts')) && !f.endsWith('testHygiene.test.ts'));

test('no test spawns dist/cli.js except through runCli', () => {
  // A line that builds a path to the bundle or runs it (package.json's `files` and `bin` may name it).
  const names = /dist['"`]?\s*[/,]\s*['"`]?cli\.js/;
  const runs = /spawn|exec|^\s*(?:export\s+)?(?:const|let)\s+\w+\s*=\s*path\.(?:resolve|join)\(/;
  for (const f of testFiles) {
    const offending = code(f).split('\n').filter((l) => names.test(l) && runs.test(l));
    assert.deepEqual(offending, [], `${path.relative(ROOT, f)} names the CLI bundle: use runCli from test/helpers.ts`);
  }
});

test('no test reads a file by an absolute path outside the repository', () => {
  for (const f of testFiles) assert.doesNotMatch(code(f), /['"`]\/(work|home|Users|root)\//, path.relative(ROOT, f));
});
