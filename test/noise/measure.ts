// The noise measure of docs/noise.md: for each Statement of Applicability of the corpus (imported
// with the current importer where it is a spreadsheet), the issue-17 cases and the example
// workspace, how many findings of each code and severity the checker gives. It runs the current
// sources in process, or any build's `dist/cli.js` (`import soa` + `check --format json`) to
// measure another version (the "before" column).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheck } from '../../server/src/cli/check';
import { runImport } from '../../server/src/cli/import';

export const REPO = path.resolve(__dirname, '../..');
/** The date the example's review dates were chosen for (see examples/acme-isms/README.md). */
export const TODAY = '2026-11-22';

export interface Subject {
  /** Stable name used in the table. */
  name: string;
  /** A spreadsheet to import, or a folder to check as it is. */
  kind: 'spreadsheet' | 'folder' | 'unread';
  path: string;
  note?: string;
}

/** `code (severity)` -> count */
export type Counts = Record<string, number>;

/**
 * What is measured: the SoAs listed in the corpus manifest (kind "SoA"), the two cases of issue
 * 17 (test/fixtures/noise) and the example workspace. `corpus` is ../shared/corpus or its copy in
 * test/fixtures/corpus (the files are the same).
 */
export function subjects(corpus: string): Subject[] {
  const manifest = readFileSync(path.join(corpus, 'MANIFEST.tsv'), 'utf8').trim().split('\n').slice(1).map((l) => l.split('\t'));
  const out: Subject[] = [];
  for (const [repo, file, , , kind] of manifest) {
    if (kind !== 'SoA') continue;
    const p = path.join(corpus, repo.replace('/', '__'), file);
    const name = `${repo} ${file}`;
    // Spreadsheets and Markdown tables both go through `import soa`.
    if (/\.(csv|tsv|xlsx|xlsm|md)$/i.test(file)) out.push({ name, kind: 'spreadsheet', path: p });
    else out.push({ name, kind: 'unread', path: p, note: 'a format the importer does not read' });
  }
  out.push({ name: 'issue 17: test/fixtures/noise/premises-csv', kind: 'spreadsheet', path: path.join(REPO, 'test/fixtures/noise/premises-csv/statement-of-applicability.csv') });
  out.push({ name: 'issue 17: test/fixtures/noise/linked-risks', kind: 'folder', path: path.join(REPO, 'test/fixtures/noise/linked-risks') });
  out.push({ name: 'examples/acme-isms', kind: 'folder', path: path.join(REPO, 'examples/acme-isms') });
  return out;
}

export const defaultCorpus = () => {
  const shared = path.resolve(REPO, '../shared/corpus');
  return existsSync(path.join(shared, 'MANIFEST.tsv')) ? shared : path.join(REPO, 'test/fixtures/corpus');
};

const count = (findings: { code: string; severity: string }[]): Counts => {
  const c: Counts = {};
  for (const f of findings) c[`${f.code} (${f.severity})`] = (c[`${f.code} (${f.severity})`] ?? 0) + 1;
  return c;
};

/** Findings per code and severity for one subject, with the current sources or the given CLI. */
export async function measure(s: Subject, cli?: string): Promise<Counts | undefined> {
  if (s.kind === 'unread') return undefined;
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'isms-noise-'));
  try {
    let folder = s.path;
    if (s.kind === 'spreadsheet') {
      folder = tmp;
      const output = path.join(tmp, 'soa.yaml');
      if (cli) execFileSync(process.execPath, [cli, 'import', 'soa', s.path, '-o', output], { stdio: 'ignore' });
      else await runImport({ file: s.path, output, force: false });
    }
    if (cli) {
      let out: string;
      try {
        out = execFileSync(process.execPath, [cli, 'check', folder, '--format', 'json', '--no-cache', '--today', TODAY], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      } catch (e) {
        out = String((e as { stdout?: string }).stdout ?? ''); // exit code 1: findings at or above --fail-on
      }
      return count((JSON.parse(out) as { findings: { code: string; severity: string }[] }).findings);
    }
    return count(await runCheck({ paths: [folder], cwd: folder, today: TODAY, cache: false }));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Warnings per subject, from counts keyed `code (severity)`. */
export const warnings = (c: Counts | undefined) => Object.entries(c ?? {}).filter(([k]) => k.endsWith('(warning)')).reduce((n, [, v]) => n + v, 0);
