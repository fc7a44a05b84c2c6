// Reads and writes the table of docs/noise.md: one row per subject, code and severity, with the
// count before issue 17, the count now and a one-line judgement (would an auditor raise it?).
//
//   npm run noise                      # measure now and show what differs from docs/noise.md
//   npm run noise -- --write           # rewrite the table's "after" column (keeps before and judgements)
//   npm run noise -- --before OLD/dist/cli.js --write   # also re-measure "before" with another build
//   npm run noise -- --corpus DIR      # default: ../shared/corpus, else test/fixtures/corpus
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultCorpus, measure, REPO, subjects, type Counts } from './measure';

export const NOISE_DOC = path.join(REPO, 'docs/noise.md');
const START = '<!-- noise-table:start -->';
const END = '<!-- noise-table:end -->';

export interface Row { subject: string; code: string; severity: string; before: number; after: number; judgement: string }

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function parseTable(doc: string): Row[] {
  const body = doc.slice(doc.indexOf(START) + START.length, doc.indexOf(END));
  return body.split('\n').filter((l) => /^\| /.test(l) && !/^\| (subject|---)/i.test(l)).map((l) => {
    const [subject, code, severity, before, after, judgement] = l.slice(2, -2).split(/ (?<!\\)\| /).map((x) => x.trim().replace(/\\\|/g, '|'));
    return { subject, code: code.replace(/`/g, ''), severity, before: Number(before), after: Number(after), judgement: judgement ?? '' };
  });
}

export function renderTable(rows: Row[]): string {
  const head = '| subject | code | severity | before | after | judgement (would an auditor raise it?) |\n|---|---|---|---|---|---|';
  return [head, ...rows.map((r) => `| ${cell(r.subject)} | \`${r.code}\` | ${r.severity} | ${r.before} | ${r.after} | ${cell(r.judgement)} |`)].join('\n');
}

const split = (key: string) => {
  const m = /^(.*) \((\w+)\)$/.exec(key)!;
  return { code: m[1], severity: m[2] };
};

/** The rows for fresh measurements, keeping the judgements (and the before counts unless re-measured) of `old`. */
export function merge(old: Row[], now: Map<string, Counts | undefined>, before?: Map<string, Counts | undefined>): Row[] {
  const rows: Row[] = [];
  for (const [subject, counts] of now) {
    const keys = new Set([...Object.keys(counts ?? {}), ...Object.keys(before?.get(subject) ?? {}), ...old.filter((r) => r.subject === subject).map((r) => `${r.code} (${r.severity})`)]);
    if (!counts) {
      const prior = old.find((r) => r.subject === subject && r.code === '-');
      rows.push({ subject, code: '-', severity: '-', before: 0, after: 0, judgement: prior?.judgement ?? 'not read' });
      continue;
    }
    for (const key of [...keys].filter((k) => k !== '- (-)').sort()) {
      const { code, severity } = split(key);
      const prior = old.find((r) => r.subject === subject && r.code === code && r.severity === severity);
      const after = counts[key] ?? 0;
      const b = before ? (before.get(subject)?.[key] ?? 0) : (prior?.before ?? 0);
      if (!after && !b) continue;
      rows.push({ subject, code, severity, before: b, after, judgement: prior?.judgement || (after ? 'TODO: judge this finding' : 'gone') });
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const opt = (name: string) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const corpus = opt('--corpus') ?? defaultCorpus();
  const beforeCli = opt('--before');
  const doc = readFileSync(NOISE_DOC, 'utf8');
  const old = parseTable(doc);
  const now = new Map<string, Counts | undefined>();
  const before = beforeCli ? new Map<string, Counts | undefined>() : undefined;
  for (const s of subjects(corpus)) {
    now.set(s.name, await measure(s));
    if (before) before.set(s.name, await measure(s, path.resolve(beforeCli!)));
  }
  if (!now.size) throw new Error(`no SoA found in ${corpus}`);
  const rows = merge(old, now, before);
  const table = renderTable(rows);
  if (args.includes('--write')) {
    writeFileSync(NOISE_DOC, `${doc.slice(0, doc.indexOf(START) + START.length)}\n${table}\n${doc.slice(doc.indexOf(END))}`);
    console.log(`wrote ${path.relative(process.cwd(), NOISE_DOC)} (${rows.length} rows, corpus ${corpus})`);
  } else {
    console.log(table);
    const changed = rows.filter((r) => { const o = old.find((x) => x.subject === r.subject && x.code === r.code && x.severity === r.severity); return !o || o.after !== r.after || o.before !== r.before; });
    console.log(changed.length ? `\n${changed.length} row(s) differ from docs/noise.md; run with --write to update it.` : '\ndocs/noise.md is up to date.');
  }
}

if (require.main === module) main().catch((e) => { console.error(e); process.exit(2); });
