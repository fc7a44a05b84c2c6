#!/usr/bin/env node
// `npm run bench:adversarial`: hostile workspaces a checker must get through in time roughly
// proportional to their size. Each is generated (deterministically, no PRNG needed), checked once
// with `dist/cli.js check --no-cache`, and reported with wall time and peak RSS. Like `npm run
// bench`, it measures and asserts nothing; a run that exceeds the time limit is reported as such.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installCleanup, killAll, runTimed } from './lib/procs.mjs';
import { fmtBytes, fmtMs } from './lib/stats.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LIMIT_MS = Number(process.env.BENCH_ADVERSARIAL_LIMIT_MS ?? 120_000);
const FRONT = '---\ntitle: T\nowner: O\napproved-by: A\nversion: "1"\neffective: 2026-01-01\nnext-review: 2027-01-01\n---\n';
const lines = (n, line) => Array.from({ length: n }, (_, i) => line(i)).join('\n') + '\n';

/** Name, what it stresses, and its files (path to text). */
const WORKSPACES = [
  ['near-identical justifications', '4,000 excluded SoA entries whose justifications differ only in numbers', {
    'soa.yaml': 'controls:\n' + lines(4000, (i) => `  A.5.${i}:\n    applicable: false\n    justification: We do not need control number ${i} because of reason ${i * 7} here.`),
  }],
  ['one long line of IDs', 'a policy whose single 1.8 MB line is "A.5.1 " 300,000 times', {
    'policies/oneline.md': FRONT + 'A.5.1 '.repeat(300_000) + '\n',
  }],
  ['many references', 'a 1.4 MB policy of 40,000 lines with three references each', {
    'policies/refs.md': FRONT + lines(40_000, (i) => `See A.5.${(i % 37) + 1}, A.8.${(i % 34) + 1} and control 5.${(i % 9) + 1}.`),
  }],
  ['code spans and clauses', '30,000 lines of clause 6.1, an inline code span and a reference; a 3,000-entry SoA; 5,000 risks', {
    'policies/spans.md': FRONT + lines(30_000, (i) => `Per clause 6.1 and \`code ${i}\` see A.5.${(i % 37) + 1}${i % 5 ? '' : ' | x |'}`),
    'soa.yaml': 'controls:\n' + lines(3000, (i) => `  - id: A.8.${(i % 34) + 1}\n    applicable: true\n    status: implemented\n    risks: [R-${i}, R-${i + 1}]\n    policies: [policies/spans.md]\n    justification: Reason ${i}`),
    'risks.yaml': 'risks:\n' + lines(5000, (i) => `  R-${i}:\n    title: Risk ${i}\n    owner: O\n    likelihood: 3\n    impact: 3\n    treatment: mitigate\n    controls: [A.5.${(i % 37) + 1}, A.8.${(i % 34) + 1}]`),
    'isms.config.yaml': 'severity:\n  soa/duplicate-control: off\n',
  }],
  ['deep nesting', 'an SoA value nested 50,000 brackets deep, and a policy of 100,000 unclosed fences and front-matter markers', {
    'soa.yaml': 'controls:\n  A.5.1:\n    risks: ' + '['.repeat(50_000) + '\n',
    'policies/fences.md': '---\n' + lines(100_000, (i) => (i % 2 ? '```' : '---')),
  }],
];

const work = mkdtempSync(path.join(os.tmpdir(), 'isms-adversarial-'));
installCleanup(() => rmSync(work, { recursive: true, force: true }));
const cli = path.join(REPO, 'dist/cli.js');
const rss = path.join(REPO, 'bench/lib/maxrss.cjs');

const rows = [];
for (const [name, what, files] of WORKSPACES) {
  const dir = path.join(work, name.replace(/\W+/g, '-'));
  let bytes = 0;
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
    bytes += Buffer.byteLength(text);
  }
  const run = runTimed(process.execPath, ['-r', rss, cli, 'check', dir, '--no-cache', '--quiet'], { cwd: REPO });
  const limit = new Promise((resolve) => setTimeout(resolve, LIMIT_MS, undefined).unref());
  const r = await Promise.race([run, limit]);
  if (!r) killAll();
  const peak = Number(/maxrss (\d+)/.exec(r?.stderr ?? '')?.[1]) * 1024;
  const outcome = !r ? `stopped after ${fmtMs(LIMIT_MS)}` : r.code === 0 || r.code === 1 ? 'checked' : `exit ${r.code}: ${r.stderr.trim().split('\n')[0]}`;
  rows.push({ name, what, size: fmtBytes(bytes), time: r ? fmtMs(r.ms) : `> ${fmtMs(LIMIT_MS)}`, rss: Number.isFinite(peak) ? fmtBytes(peak) : 'n/a', outcome });
  console.error(`${name}: ${rows.at(-1).time}, ${rows.at(-1).rss}, ${outcome}`);
}

console.log(`\nNode ${process.version}, ${os.availableParallelism?.() ?? os.cpus().length} CPUs, ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}\n`);
console.log('| workspace | what it holds | size | time | peak RSS | outcome |\n|---|---|---:|---:|---:|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.what} | ${r.size} | ${r.time} | ${r.rss} | ${r.outcome} |`);
rmSync(work, { recursive: true, force: true });
process.exit(0);
