// Times the Markdown reference extractor (parseMarkdown: scanner, references, contexts) in one
// process over the corpus, the 1,000 generated benchmark policies and one large document (the
// corpus repeated), several repetitions; prints the median and the spread of each set.
//   node --import tsx scripts/time-scan.ts [repetitions]
// A measuring aid for changes to the scanner, not a test: nothing is asserted.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseMarkdown } from '../server/src/core/markdown';
// @ts-expect-error plain ESM module without types
import { generate } from '../bench/lib/generate.mjs';

const reps = Number(process.argv[2] ?? 9);
const md = (d: string): string[] => readdirSync(d).flatMap((f) => {
  const p = path.join(d, f);
  return statSync(p).isDirectory() ? md(p) : p.endsWith('.md') ? [p] : [];
});
const corpus = md('test/fixtures/corpus').map((f) => readFileSync(f, 'utf8'));
const tmp = mkdtempSync(path.join(tmpdir(), 'isms-scan-'));
generate(tmp, process.cwd());
const generated = md(path.join(tmp, 'ws-93')).map((f) => readFileSync(f, 'utf8'));
rmSync(tmp, { recursive: true, force: true });
const large = [Array.from({ length: 40 }, () => corpus.join('\n\n')).join('\n\n')];

const sets: [string, string[]][] = [['corpus', corpus], ['generated', generated], ['large', large]];
for (const [name, docs] of sets) {
  const bytes = docs.reduce((n, d) => n + d.length, 0);
  for (const d of docs) parseMarkdown(d); // warm-up
  const times: number[] = [];
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    for (let k = 0; k < (name === 'corpus' ? 20 : 1); k++) for (const d of docs) parseMarkdown(d);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  console.log(`${name.padEnd(10)} ${String(docs.length).padStart(5)} docs ${(bytes / 1e6).toFixed(2)} MB${name === 'corpus' ? ' x20' : ''}: median ${median.toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}, n=${reps})`);
}
