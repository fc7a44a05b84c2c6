// The front-matter fast path (core/simpleYaml.ts) must build exactly the tree the YAML library
// builds, or decline. Compared on every front matter of the corpus and the example, on generated
// documents of the shapes it accepts, and on shapes it must decline.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { parseSimpleMapping } from '../../server/src/core/simpleYaml';
import { mapEntries, parseYaml, scalarText, scalarValue, stringList, type ParsedYaml } from '../../server/src/core/yamlAst';

function dump(node: unknown): unknown {
  const n = node as Node & { range?: number[] };
  if (isScalar(n)) return { scalar: n.value, type: typeof n.value, range: n.range?.slice(0, 2) };
  if (isSeq(n)) return { seq: n.items.map(dump), flow: !!n.flow, range: n.range?.slice(0, 2) };
  if (isMap(n)) return { map: n.items.map((p) => [dump(p.key), dump(p.value)]) };
  return node === null || node === undefined ? null : { other: String(node) };
}

/** What the rules read from a front matter: entries, spans, scalar text and values, lists. */
function observed(y: ParsedYaml, text: string) {
  return {
    tree: dump(y.doc.contents),
    errors: y.errors,
    entries: mapEntries(y.doc.contents, y).map((e) => ({
      key: e.key, keySpan: e.keySpan, valueSpan: e.valueSpan, span: e.span,
      text: scalarText(e.value, y), value: scalarValue(e.value, y), list: stringList(e.value, y, text),
    })),
  };
}

/** Asserts the fast path declines or agrees with the library; returns whether it took the text. */
function agrees(inner: string, base = 0): boolean {
  const fast = parseSimpleMapping(inner, base);
  if (!fast) return false;
  const padded = ' '.repeat(base) + inner;
  assert.deepEqual(observed(fast, padded), observed(parseYaml(inner, base), padded), `differs on:\n${inner}`);
  return true;
}

function frontMatterOf(text: string): string | undefined {
  const m = /^---[ \t]*\r?\n([\s\S]*?\r?\n)---[ \t]*(?:\r?\n|$)/.exec(text);
  return m?.[1];
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? markdownFiles(p) : /\.md$/i.test(f) ? [p] : [];
  });
}

test('every front matter of the corpus and the example: the fast path agrees or declines', () => {
  let taken = 0;
  let seen = 0;
  for (const file of [...markdownFiles('test/fixtures/corpus'), ...markdownFiles('examples')]) {
    const fm = frontMatterOf(readFileSync(file, 'utf8'));
    if (fm === undefined) continue;
    seen++;
    if (agrees(fm, 4)) taken++;
  }
  assert.ok(seen >= 5, `front matters found: ${seen}`);
  assert.ok(taken >= seen / 2, `the fast path took ${taken} of ${seen}: most real front matter is simple`);
});

test('hand-written shapes: taken and equal, or declined', () => {
  const taken = [
    'title: Access Control Policy\nowner: CISO\n',
    'title: Access Control Policy\nversion: 1.0\neffective: 2026-01-01\nnext-review: 2027-01-01\n',
    'controls: [A.5.15, A.5.16, A.8.2]\n',
    'controls: [ A.5.15 , "A.5.16", \'A.8.2\' ]\ntitle: x\n',
    'controls: []\n',
    'controls:\n  - A.5.15\n  - A.5.16\nowner: IT\n',
    'controls:\n- A.5.15\n- A.5.16\n',
    'controls:\n  -   A.5.15\n',
    'approved-by:\ntitle: x\n',
    'approved-by:\n',
    'approved-by:',
    'title: "Policy: access"\nowner: \'Head of IT\'\n',
    'version: 2\nnum: 5.10\nflag: true\nnothing: null\ntilde: ~\nneg: -3\nplus: +4.5\n',
    'title: Policy [Draft]\n',
    'classification: internal   \n',
    'title: x',
    'controls: [A.5.15]',
    'title: A.5.15 Access control - rules, roles & rights\n',
  ];
  for (const t of taken) assert.ok(agrees(t), `expected the fast path to take:\n${t}`);
  const declined = [
    'title: x # comment\n', '# c\ntitle: x\n', 'a: &x 1\nb: *x\n', 'title: "a\\"b"\n', "title: 'it''s'\n",
    'title: x\r\nowner: y\r\n', 'nested:\n  key: value\n', 'title: >\n  folded\n', 'title: |\n  lit\n',
    'title: first\n  continued\n', 'controls: [A.5.15, [A.5.16]]\n', 'controls: [A.5.15,]\n', 'n: 0x1F\n', 'n: 1e3\n',
    'n: .inf\n', 'title: !tag x\n', 'a: b: c\n', '- a\n- b\n', 'title: x\n\nowner: y\n', 'key with space: x\n',
    'title:\tx\n', 'list:\n  - a\n  -\n', 'list:\n  - a\n   - b\n', 'big: 123456789012345678901234\n', '"quoted": x\n',
    'controls: [A.5.15] trailing\n', 'controls: {a: 1}\n', 'title: Policy {x}\n', '? complex\n', 'title: x\n---\n',
  ];
  for (const t of declined) {
    const fast = parseSimpleMapping(t);
    if (fast) assert.ok(agrees(t), `taken but differs:\n${t}`);
  }
});

const word = fc.stringMatching(/^[A-Za-z][A-Za-z0-9 .,()\/-]{0,20}[A-Za-z0-9)]$/);
const id = fc.stringMatching(/^A\.[5-8]\.[0-9]{1,2}$/);
/** Strings made of the characters YAML gives a meaning to, to find where the two could part. */
const tricky = fc.string({ unit: fc.constantFrom(...'ab -:,[]{}&*!|>\'"%@`?.0123456789eE+x~\\'.split('')), minLength: 1, maxLength: 12 });
const scalar = fc.oneof(word, id, tricky, fc.constantFrom('1.0', '2', '2026-11-22', 'true', 'null', '~', '5.10', '-7', 'Internal'),
  word.map((w) => `"${w}"`), word.map((w) => `'${w}'`));
const key = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
const value = fc.oneof(
  scalar.map((s) => ` ${s}`),
  fc.array(fc.oneof(id, scalar), { maxLength: 5 }).map((xs) => ` [${xs.join(', ')}]`),
  fc.tuple(fc.constantFrom('', '  ', '    '), fc.array(fc.oneof(id, scalar), { minLength: 1, maxLength: 4 })).map(([ind, xs]) => `\n${xs.map((x) => `${ind}- ${x}`).join('\n')}`),
  fc.constant(''),
);

test('generated flat front matter: the fast path agrees with the library whenever it answers', () => {
  let taken = 0;
  fc.assert(fc.property(fc.array(fc.tuple(key, value), { minLength: 1, maxLength: 8 }), fc.boolean(), (pairs, finalNewline) => {
    const text = pairs.map(([k, v]) => `${k}:${v}`).join('\n') + (finalNewline ? '\n' : '');
    if (agrees(text, 3)) taken++;
  }), { numRuns: 1500, seed: 27001 });
  assert.ok(taken > 500, `the fast path took only ${taken} of 1500 generated documents`);
});
