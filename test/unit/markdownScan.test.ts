// The fast Markdown scanner must find exactly the references and headings that remark finds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { findControlRefs } from '../../server/src/core/controlRef';
import { scanMarkdown } from '../../server/src/core/markdownScan';
import { remarkScan } from './remarkOracle';

const refs = (text: string, skip: { start: number; end: number }[]) => findControlRefs(text, 0, text.length, skip).map((r) => `${r.id}@${r.span.start}`);
// Heading text is compared loosely: symbols need the words, not remark's exact inline rendering.
const headings = (hs: { text: string; depth: number }[]) => hs.map((h) => `${h.depth} ${h.text.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()}`);

function agree(text: string): void {
  const oracle = remarkScan(text);
  const fast = scanMarkdown(text);
  assert.deepEqual(refs(text, fast.skip), refs(text, oracle.skip), `references differ for:\n${text}`);
  assert.deepEqual(headings(fast.headings), headings(oracle.headings), `headings differ for:\n${text}`);
}

const mdFiles = (d: string): string[] => readdirSync(d).flatMap((f) => {
  const p = path.join(d, f);
  return statSync(p).isDirectory() ? mdFiles(p) : p.endsWith('.md') ? [p] : [];
});

test('agrees with remark on every real document (corpus and example)', () => {
  for (const f of [...mdFiles('test/fixtures/corpus'), ...mdFiles('examples')]) agree(readFileSync(f, 'utf8'));
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
