// The reference extractor against a hand-checked oracle (test/fixtures/refs-oracle.txt): every
// Markdown file of the corpus (real documents, see test/fixtures/corpus/MANIFEST.tsv) and our own
// examples of the layouts that cite controls without "A." (test/fixtures/refs). Reports recall
// and false hits; fails below 99% recall, on any false hit and on any look-alike taken for a
// reference.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseMarkdown } from '../../server/src/core/markdown';
import { LineIndex } from '../../server/src/core/text';

const FIXTURES = path.resolve('test/fixtures');

interface Expected { refs: Map<number, string[]>; not: Map<number, string[]> }

/** Expands "A.5.15..A.5.18" into each ID; a single ID stays as it is. */
function expand(token: string): string[] {
  const m = /^(A(?:\.\d+)+)\.\.(A(?:\.\d+)+)$/.exec(token);
  if (!m) return [token];
  const a = m[1].split('.'), b = m[2].split('.');
  const stem = a.slice(0, -1).join('.');
  assert.equal(stem, b.slice(0, -1).join('.'), `range ${token} must keep its stem`);
  const out: string[] = [];
  for (let n = Number(a[a.length - 1]); n <= Number(b[b.length - 1]); n++) out.push(`${stem}.${n}`);
  return out;
}

export function readOracle(file = path.join(FIXTURES, 'refs-oracle.txt')): Map<string, Expected> {
  const files = new Map<string, Expected>();
  let current: Expected | undefined;
  for (const [n, raw] of readFileSync(file, 'utf8').split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const header = /^== (.+)$/.exec(line);
    if (header) { files.set(header[1], (current = { refs: new Map(), not: new Map() })); continue; }
    const m = /^(\d+)(?:-(\d+))?: (rows )?(.*?)(?: ; not: (.*))?$/.exec(line);
    assert.ok(current && m, `oracle line ${n + 1} is malformed: ${raw}`);
    const from = Number(m[1]), to = Number(m[2] ?? m[1]);
    const ids = m[4] === '-' ? [] : m[4].split(/\s+/).flatMap(expand);
    if (m[3]) {
      assert.equal(ids.length, to - from + 1, `oracle line ${n + 1}: ${ids.length} IDs for ${to - from + 1} rows`);
      ids.forEach((id, k) => current!.refs.set(from + k, [id]));
    } else {
      assert.equal(from, to, `oracle line ${n + 1}: a line range needs "rows"`);
      if (ids.length) current.refs.set(from, ids);
      if (m[5]) current.not.set(from, m[5].split(/,\s*/));
    }
  }
  return files;
}

const mdFiles = (dir: string): string[] => readdirSync(dir).flatMap((f) => {
  const p = path.join(dir, f);
  return statSync(p).isDirectory() ? mdFiles(p) : p.endsWith('.md') ? [p] : [];
});

export interface Score { expected: number; matched: number; falseHits: string[]; missed: string[]; lookAlikes: string[] }

/** Scores the extractor on every file of the oracle. */
export function score(oracle = readOracle()): Score {
  const s: Score = { expected: 0, matched: 0, falseHits: [], missed: [], lookAlikes: [] };
  for (const [rel, expected] of oracle) {
    const text = readFileSync(path.join(FIXTURES, rel), 'utf8');
    const lines = new LineIndex(text);
    const found = new Map<number, { id: string; start: number; end: number }[]>();
    for (const r of parseMarkdown(text).refs) {
      const line = lines.position(r.span.start).line + 1;
      (found.get(line) ?? found.set(line, []).get(line)!).push({ id: r.id, ...r.span });
    }
    for (const line of new Set([...found.keys(), ...expected.refs.keys()])) {
      const want = [...(expected.refs.get(line) ?? [])];
      s.expected += want.length;
      for (const f of found.get(line) ?? []) {
        const k = want.indexOf(f.id);
        if (k >= 0) { want.splice(k, 1); s.matched++; } else s.falseHits.push(`${rel}:${line} ${f.id} "${text.slice(f.start, f.end)}"`);
      }
      for (const id of want) s.missed.push(`${rel}:${line} ${id}`);
    }
    for (const [line, texts] of expected.not) {
      const start = lines.lineStart(line - 1);
      const lineText = lines.lineText(line - 1);
      for (const t of texts) {
        const re = new RegExp(`(?<![\\w.])${t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w]|\\.\\d)`, 'g');
        const at = [...lineText.matchAll(re)].map((m) => start + m.index!);
        assert.ok(at.length, `${rel}:${line}: look-alike "${t}" is not on that line`);
        for (const a of at) {
          const hit = (found.get(line) ?? []).find((f) => f.start < a + t.length && a < f.end);
          if (hit) s.lookAlikes.push(`${rel}:${line} "${t}" taken for ${hit.id}`);
        }
      }
    }
  }
  return s;
}

test('the oracle covers every Markdown file of the corpus and the examples', () => {
  const listed = [...readOracle().keys()].sort();
  const present = [...mdFiles(path.join(FIXTURES, 'corpus')), ...mdFiles(path.join(FIXTURES, 'refs'))]
    .map((f) => path.relative(FIXTURES, f).split(path.sep).join('/')).sort();
  assert.deepEqual(listed, present);
});

test('finds at least 99% of the references a reader finds, and nothing else', () => {
  const oracle = readOracle();
  for (const set of ['corpus/', 'refs/']) {
    const part = score(new Map([...oracle].filter(([rel]) => rel.startsWith(set))));
    console.log(`${set.padEnd(8)} recall ${(part.matched / part.expected * 100).toFixed(1)}% (${part.matched} of ${part.expected}), ${part.falseHits.length} false hits, ${part.lookAlikes.length} look-alikes taken`);
  }
  const s = score(oracle);
  const recall = s.matched / s.expected;
  console.log(`all      recall ${(recall * 100).toFixed(1)}% (${s.matched} of ${s.expected}), ${s.falseHits.length} false hits, ${s.lookAlikes.length} look-alikes taken`);
  for (const m of s.missed) console.log(`  missed ${m}`);
  for (const f of s.falseHits) console.log(`  false hit ${f}`);
  for (const l of s.lookAlikes) console.log(`  look-alike ${l}`);
  assert.deepEqual(s.falseHits, []);
  assert.deepEqual(s.lookAlikes, []);
  assert.ok(recall >= 0.99, `recall ${(recall * 100).toFixed(1)}% is below 99%`);
});
