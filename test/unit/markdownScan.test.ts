// The fast Markdown scanner must find exactly the references and headings that remark finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { findControlRefs } from '../../server/src/core/controlRef';
import { scanMarkdown, tableCells } from '../../server/src/core/markdownScan';
import { remarkScan } from './remarkOracle';

const refs = (text: string, skip: { start: number; end: number }[]) => findControlRefs(text, 0, text.length, skip).map((r) => `${r.id}@${r.span.start}`);
// Heading text is compared loosely: symbols need the words, not remark's exact inline rendering.
const headings = (hs: { text: string; depth: number }[]) => hs.map((h) => `${h.depth} ${h.text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()}`);

const lineOf = (text: string, offset: number) => text.slice(0, offset).split('\n').length;
/** Each table cell as "line:row:text", the text without pipes and surrounding spaces. */
const cells = (text: string, tables: { start: number; end: number }[][][]) => tables.flatMap((rows) => rows.flatMap((row, r) =>
  row.map((c) => `${lineOf(text, c.start)}:${r}:${text.slice(c.start, c.end).replace(/^\|/, '').replace(/\|$/, '').trim()}`)));
/** The lines a span list covers, e.g. the lines of code. */
const lines = (text: string, spans: { start: number; end: number }[]) => [...new Set(spans.flatMap((s) => {
  const a = lineOf(text, s.start), b = lineOf(text, Math.max(s.start, s.end - 1));
  return Array.from({ length: b - a + 1 }, (_, k) => a + k);
}))].sort((x, y) => x - y);
const text = (t: string, spans: { start: number; end: number }[]) => spans.map((s) => t.slice(s.start, s.end));

function agree(doc: string, where = ''): void {
  const oracle = remarkScan(doc);
  const fast = scanMarkdown(doc);
  const label = where || doc;
  assert.deepEqual(refs(doc, fast.skip), refs(doc, oracle.skip), `references differ for:\n${label}`);
  assert.deepEqual(headings(fast.headings), headings(oracle.headings), `headings differ for:\n${label}`);
  assert.deepEqual(cells(doc, fast.tables.map((t) => t.lines.map((l) => tableCells(doc, l.start, l.end)))), cells(doc, oracle.tables), `table cells differ for:\n${label}`);
  assert.deepEqual(text(doc, fast.comments), text(doc, oracle.comments), `HTML comments differ for:\n${label}`);
  const code = (skip: { start: number; end: number }[], comments: { start: number; end: number }[]) =>
    lines(doc, skip.filter((s) => !comments.some((c) => c.start === s.start) && !/^<(?!!--)/.test(doc.slice(s.start, s.start + 2)) && doc.slice(s.start, s.start + 4) !== '---\n'));
  assert.deepEqual(code(fast.skip, fast.comments), code(oracle.skip, oracle.comments), `code lines differ for:\n${label}`);
}

const mdFiles = (d: string): string[] => readdirSync(d).flatMap((f) => {
  const p = path.join(d, f);
  return statSync(p).isDirectory() ? mdFiles(p) : p.endsWith('.md') ? [p] : [];
});

test('agrees with remark on every real document (corpus and example)', () => {
  for (const f of [...mdFiles('test/fixtures/corpus'), ...mdFiles('examples'), ...mdFiles('test/fixtures/refs')]) agree(readFileSync(f, 'utf8'), f);
});

const FRAGMENTS = [
  'Access control follows A.5.15 and Annex A 5.17.',
  'Inline `A.8.2` code and ``A.8.3 `x` `` double.',
  '**A.5.1** bold and _A.5.2_ emphasis',
  '- A.5.16 in a list',
  '1. numbered A.8.5',
  '  - nested `A.7.4` item',
  '> quoted A.6.7',
  '## A.8.2 Privileged access rights',
  '### 8.2 Password rules',
  'Setext heading A.5.9',
  '=====',
  '---',
  '```\nA.9.9.9 in code\n```',
  '~~~yaml\ncontrols: [A.5.15]\n~~~',
  '````\n```\nA.8.8 nested fence\n```\n````',
  '```\nunclosed A.8.9',
  '- item\n  ```\n  A.8.10 in a list fence\n  ```',
  '<!-- A.5.20 hidden -->',
  '<!--\nA.5.21 multi-line comment\n\nstill A.5.22\n-->',
  '<div>\nA.5.23 html block\n</div>',
  'text <span title="A.5.24">A.5.25</span> inline',
  '| A.5.1 | Policies |\n|---|---|\n| A.5.2 | `A.5.3` |',
  '| Finding | **Control** | Owner |\n|:--|--:|---|\n| F-1 | 5.15, 5.18 | IT |\n| F-2 | 5.24\u20135.26 \\| x | HR | extra |',
  '| a | b |\n|---|\ntext',
  'intro line\n| **ISO 27001:2022 Controls** | 5.15, 8.2 |\n| --- | --- |',
  '<!-- ISO 27001:2022 Controls: 5.15, 5.16 -->',
  'inline <!-- Controls: 8.2 --> comment',
  '    indented A.5.30 code',
  'controls 5.15, 5.16 and 8.2',
  'A.5.15-A.5.18 range',
  'Escaped \\`A.5.31\\` ticks',
  '',
];

test('agrees with remark on generated documents (property-based)', () => {
  fc.assert(fc.property(fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\n\n'), (parts, sep) => {
    // A document opening with a bare --- is an unclosed front matter fence, where remark-frontmatter
    // and micromark disagree with themselves; real documents open with front matter or a heading.
    agree(`# Policy\n\n${parts.join(sep)}\n`);
  }), { numRuns: 400, seed: 20261122 });
});

test('front matter: closed, unclosed, and not at the top', () => {
  agree('---\ntitle: A.5.1 policy\ncontrols: [A.5.15]\n---\n# Body A.8.2\n');
  assert.equal(scanMarkdown('---\ntitle: x\n# no close A.5.1\n').frontMatter, undefined);
  assert.ok(scanMarkdown('---\ntitle: x\n---\n').frontMatter);
  agree('text\n---\ntitle: A.5.1\n---\n');
});
