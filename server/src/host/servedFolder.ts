// The folder an assistant may see (`isms-author mcp [dir]`): its files loaded into a Workspace
// the way `isms-author check dir` loads them, re-read before every tool call (files change while
// the assistant works), and every path the assistant names confined to it. Nothing here writes.
import { realpathSync, statSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ToolInputError } from '../core/assistant/errors';
import { Workspace } from '../core/workspace';
import { fileUri, loadFolder } from './fsWorkspace';
import { gitTimes } from './gitTimes';

export interface ServedFolder {
  /** The folder's real path (symlinks resolved). */
  readonly root: string;
  readonly rootUri: string;
  readonly ws: Workspace;
  /** Re-reads the folder: new, changed and deleted files, with git commit times where git has them. */
  sync(): Promise<void>;
  /** An assistant's path as a file URI inside the folder; ToolInputError for anything else. */
  resolve(p: string): string;
}

export async function openServedFolder(dir: string): Promise<ServedFolder> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) throw new Error(`${dir} is not a folder.`);
  const root = await fs.realpath(dir);
  const rootUri = fileUri(root);
  const ws = new Workspace();
  ws.setFolders([rootUri]);
  let known = new Set<string>();
  return {
    root, rootUri, ws,
    async sync() {
      // Commit times first, so a file's time is set once per call (as `check` ends up with it).
      const committed = await gitTimes(root);
      const seen = new Set<string>();
      const sink = {
        set: (uri: string, text: string) => { seen.add(uri); ws.set(uri, text); },
        markExists: (uri: string) => { seen.add(uri); if (ws.has(uri)) ws.delete(uri); ws.markExists(uri); },
        setModified: (uri: string, iso: string) => ws.setModified(uri, committed.get(uri) ?? iso),
      };
      await loadFolder(sink, root);
      for (const uri of known) if (!seen.has(uri)) { ws.delete(uri); ws.markExists(uri, false); }
      known = seen;
    },
    resolve: (p) => fileUri(confine(root, p)),
  };
}

/**
 * The absolute path `p` names inside `root`, or a ToolInputError: no `..` segments, absolute
 * paths only inside the folder, and no symlink (of the file or a folder on the way) that leads
 * out of it. The file itself need not exist (a draft may be for a new file).
 */
export function confine(root: string, p: string): string {
  if (typeof p !== 'string' || !p.trim()) throw new ToolInputError('The path is empty.');
  if (p.includes('\0')) throw new ToolInputError('The path contains a NUL character.');
  let input = p.trim();
  if (/^file:/i.test(input)) {
    try { input = fileURLToPath(input); } catch { throw new ToolInputError(`"${p}" is not a valid file URI.`); }
  }
  if (input.split(/[\\/]+/).includes('..')) throw new ToolInputError(`"${p}" contains "..": paths must stay inside the ISMS folder; give them relative to it (for example policies/access-control.md).`);
  let abs = path.isAbsolute(input) ? path.normalize(input) : path.join(root, input);
  let realRoot: string;
  try { realRoot = realpathSync(root); } catch { throw new ToolInputError(`The ISMS folder ${root} cannot be resolved.`); }
  if (!isWithin(root, abs)) {
    // The same folder may be named through a symlinked path (macOS /tmp, a linked home folder):
    // then judge by real paths, and answer in the folder's own terms.
    const real = realOfDeepestExisting(abs);
    if (!real || !isWithin(realRoot, real.real)) throw new ToolInputError(`"${p}" is outside the ISMS folder ${root}; only files inside it can be checked or read.`);
    abs = path.join(root, path.relative(realRoot, real.real), path.relative(real.existing, abs));
  }
  // The deepest part of the path that exists must resolve, through any symlinks, inside the folder.
  const real = realOfDeepestExisting(abs);
  if (!real) throw new ToolInputError(`"${p}" cannot be resolved.`);
  if (!isWithin(realRoot, real.real)) throw new ToolInputError(`"${p}" leads outside the ISMS folder through a symbolic link; only files inside it can be checked or read.`);
  return abs;
}

/** Whether `candidate` is `base` or below it (a file named "..x" is below; "../x" is not). */
function isWithin(base: string, candidate: string): boolean {
  const rel = path.relative(base, candidate);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The real path of the deepest existing part of `p` (a draft's file or folders may not exist yet). */
function realOfDeepestExisting(p: string): { existing: string; real: string } | undefined {
  let existing = p;
  while (!exists(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  try { return { existing, real: realpathSync(existing) }; } catch { return undefined; }
}

/**
 * For hosts with several folders (the language server): a relative path belongs to the first
 * folder where it exists, else to the first folder; an absolute one to the folder holding it.
 */
export function confineToFolders(folderUris: readonly string[], p: string): string {
  const roots = folderUris.filter((u) => u.startsWith('file:')).map((u) => fileURLToPath(u));
  if (!roots.length) throw new ToolInputError('No folder on disk is open, so there is nothing to check.');
  const input = typeof p === 'string' ? p.trim() : '';
  const absolute = /^file:/i.test(input) || path.isAbsolute(input);
  const candidates = absolute
    ? roots.filter((r) => isWithin(r, /^file:/i.test(input) ? safeFilePath(input) : input))
    : [...roots.filter((r) => exists(path.join(r, input))), ...roots];
  return fileUri(confine(candidates[0] ?? roots[0], p));
}

const safeFilePath = (u: string): string => {
  try { return fileURLToPath(u); } catch { return u; }
};

const exists = (p: string): boolean => {
  try { statSync(p); return true; } catch { return false; }
};
