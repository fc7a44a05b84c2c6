// When each file under a folder last changed according to git: one `git log` call, newest commit
// time per file. A checkout sets every file's modification time to the moment of the checkout, so
// soa/stale needs commit times to mean anything in CI. Files git does not track keep the time the
// file system gave them; a tracked file with uncommitted edits keeps its last commit time (the
// check then errs towards silence). Without git, or outside a repository, nothing changes.
import * as path from 'node:path';
import { fileUri } from './fsWorkspace';
import { git } from './git';

/** Runs git with `args` in `cwd`; resolves to stdout, or undefined when git fails or is missing. */
export type RunGit = (args: string[], cwd: string) => Promise<string | undefined>;

/** Through the read-only runner of git.ts, which switches off every program a repository can name. */
export const runGit: RunGit = git;

const RECORD = '\u001e';

/** `git log` for the folder it runs in: a record separator and the committer date, then the paths changed. */
export const GIT_LOG_ARGS = ['log', '--format=%x1e%cI', '--name-only', '--no-renames', '--relative', '--', '.'];

/** Parses GIT_LOG_ARGS output into path (relative to the folder, forward slashes) -> newest commit time. */
export function parseGitLog(output: string): Map<string, string> {
  const times = new Map<string, string>();
  for (const record of output.split(RECORD)) {
    const lines = record.split('\n');
    const when = lines[0].trim();
    const t = Date.parse(when);
    if (!when || Number.isNaN(t)) continue;
    for (const raw of lines.slice(1)) {
      const line = raw.replace(/\r$/, '');
      if (!line) continue;
      const file = line.startsWith('"') && line.endsWith('"') && line.length > 1 ? unquote(line) : line;
      const known = times.get(file);
      if (known === undefined || Date.parse(known) < t) times.set(file, when);
    }
  }
  return times;
}

/** Undoes git's C-style quoting of unusual paths ("a\"b", "\303\244.md"). */
export function unquote(quoted: string): string {
  const bytes: number[] = [];
  const body = quoted.slice(1, -1);
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== '\\') { bytes.push(...Buffer.from(c, 'utf8')); continue; }
    const next = body[i + 1];
    if (/[0-7]/.test(next ?? '')) { bytes.push(parseInt(body.slice(i + 1, i + 4), 8)); i += 3; } else { bytes.push(simple[next] ?? next.charCodeAt(0)); i += 1; }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** File URI -> newest commit time for every file git has a history for under `folder`. */
export async function gitTimes(folder: string, run: RunGit = runGit): Promise<Map<string, string>> {
  const output = await run(GIT_LOG_ARGS, folder);
  const out = new Map<string, string>();
  if (!output) return out;
  for (const [rel, when] of parseGitLog(output)) out.set(fileUri(path.join(folder, ...rel.split('/'))), when);
  return out;
}

/** Where commit times go: a core Workspace (or the language server's wrapper around one). */
export interface TimeSink { setModified(uri: string, iso: string): void; exists?(uri: string): boolean }

/** Replaces the modification times of files under `folder` with their last commit times; returns how many. */
export async function applyGitTimes(ws: TimeSink, folder: string, run: RunGit = runGit): Promise<number> {
  let n = 0;
  for (const [uri, when] of await gitTimes(folder, run)) {
    if (ws.exists && !ws.exists(uri)) continue;
    ws.setModified(uri, when);
    n++;
  }
  return n;
}
