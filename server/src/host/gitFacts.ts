// What the CLI and the language server learn from Git for document control: each file's revision
// history, the date of HEAD, and the committed (or staged) text that policy/version-not-bumped
// compares a policy with. Everything goes through the read-only runner of git.ts.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Baseline, Revision } from '../core/gitTypes';
import type { Workspace } from '../core/workspace';
import { fileUri } from './fsWorkspace';
import { catFiles, git, gitTopLevel } from './git';
import { unquote } from './gitTimes';

const RECORD = '\u001e';
const UNIT = '\u001f';

/** Parses `git log --format=%x1e%H%x1f%aI%x1f%an%x1f%s --name-only` into path -> revisions (newest first). */
export function parseHistory(output: string): Map<string, Revision[]> {
  const byFile = new Map<string, Revision[]>();
  for (const record of output.split(RECORD)) {
    const lines = record.split('\n');
    const [hash, date, author, subject] = lines[0].split(UNIT);
    if (!hash || !date) continue;
    const rev: Revision = { hash, date, author: author ?? '', subject: subject ?? '' };
    for (const raw of lines.slice(1)) {
      const line = raw.replace(/\r$/, '');
      if (!line) continue;
      // Git still quotes names with control characters or quotes, even with core.quotePath off.
      const file = line.length > 1 && line.startsWith('"') && line.endsWith('"') ? unquote(line) : line;
      const list = byFile.get(file);
      if (list) list.push(rev); else byFile.set(file, [rev]);
    }
  }
  return byFile;
}

export interface GitFacts {
  /** File URI -> commits touching it, newest first. */
  history: Map<string, Revision[]>;
  /** Committer date of HEAD (YYYY-MM-DD); undefined when the repository has no commit yet. */
  headDate?: string;
  head?: { hash: string; date: string };
}

/** History of every file under `folder`, or undefined when the folder is not in a Git work tree. */
export async function gitFacts(folder: string): Promise<GitFacts | undefined> {
  if (!(await gitTopLevel(folder))) return undefined;
  const log = await git(['log', `--format=${RECORD}%H${UNIT}%aI${UNIT}%an${UNIT}%s`, '--name-only', '--no-renames', '--relative', '--', '.'], folder);
  const history = new Map<string, Revision[]>();
  for (const [rel, revs] of parseHistory(log ?? '')) history.set(fileUri(path.join(folder, ...rel.split('/'))), revs);
  const [hash, date] = ((await git(['log', '-1', `--format=%H${UNIT}%cI`, 'HEAD'], folder))?.trim() ?? '').split(UNIT);
  if (!hash || !date) return { history };
  return { history, headDate: date.slice(0, 10), head: { hash, date: date.slice(0, 10) } };
}

/**
 * For each file (absolute paths under `folder`): its text at HEAD, and with `staged` its text in
 * the index, which is then the text compared instead of the working tree. Files Git does not
 * have at HEAD (new files) and files outside a work tree get no baseline.
 */
export async function gitBaselines(folder: string, files: string[], staged = false): Promise<Map<string, Baseline>> {
  const out = new Map<string, Baseline>();
  const top = await gitTopLevel(folder);
  if (!top || !files.length) return out;
  // Object names are relative to the top of the work tree; the top's own spelling (symlinks,
  // case) may differ from ours, so resolve both through the same path module.
  const rels = files.map((f) => path.relative(path.resolve(folder), f).split(path.sep).join('/'));
  const prefix = (await git(['rev-parse', '--show-prefix'], folder))?.trim() ?? '';
  const heads = await catFiles(rels.map((r) => `HEAD:${prefix}${r}`), folder);
  const index = staged ? await catFiles(rels.map((r) => `:${prefix}${r}`), folder) : undefined;
  rels.forEach((rel, i) => {
    const base = heads.get(`HEAD:${prefix}${rel}`);
    if (base === undefined) return;
    const current = index?.get(`:${prefix}${rel}`);
    if (staged && current === undefined) return; // removed from the index: nothing to compare
    out.set(fileUri(files[i]), current === undefined ? { base } : { base, current });
  });
  return out;
}

/** Gives the workspace the committed text of every policy under `folder`; returns how many. */
export async function applyGitBaselines(ws: Workspace, folder: string, staged = false): Promise<number> {
  const prefix = fileUri(folder).replace(/\/?$/, '/');
  const policies = ws.all().filter((d) => d.uri.startsWith(prefix) && ws.scopeOf(d.uri).kindOf(d.uri) === 'policy');
  const files = policies.map((d) => fileURLToPath(d.uri));
  const baselines = await gitBaselines(folder, files, staged);
  for (const d of policies) ws.setBaseline(d.uri, baselines.get(d.uri));
  return baselines.size;
}
