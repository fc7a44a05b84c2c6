// Loads a folder from disk into a core Workspace. Shared by the CLI and the language server,
// which are the only layers allowed to touch the file system.
import { closeSync, fstatSync, openSync, promises as fs, readSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
/** Where loaded files go: a core Workspace, or the language server's wrapper around one. */
export interface FileSink {
  set(uri: string, text: string): void;
  markExists(uri: string): void;
  /** When the file last changed on disk (ISO 8601); optional for sinks that do not track it. */
  setModified?(uri: string, iso: string): void;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.isms-cache', '.vscode-test']);
const TEXT_FILE = /\.(md|markdown|ya?ml)$/i;
/** Files larger than this are registered as existing but not read; smaller ones over the
 * configured limit are read and the core reports file/too-large. */
const READ_LIMIT = 50 * 1024 * 1024;

export const fileUri = (p: string): string => pathToFileURL(path.resolve(p)).toString();

/** Every file under `root`, skipping VCS and dependency folders and symlinked directories. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try { entries = await fs.readdir(dir, { withFileTypes: true }); } catch { return; }
    await Promise.all(entries.map(async (e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) { if (!SKIP_DIRS.has(e.name)) await walk(full); }
      else if (e.isFile()) out.push(full);
    }));
  };
  await walk(root);
  return out.sort();
}

/** Reads a text file as UTF-8 (BOM dropped) with its modification time; undefined when unreadable or huge. */
export async function readTextWithTime(file: string): Promise<{ text: string; mtime: string } | undefined> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > READ_LIMIT) return undefined;
    const text = await fs.readFile(file, 'utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, mtime: stat.mtime.toISOString() };
  } catch {
    return undefined;
  }
}

export const readText = async (file: string): Promise<string | undefined> => (await readTextWithTime(file))?.text;

export const isInteresting = (file: string): boolean => TEXT_FILE.test(file);

/**
 * Reads a text file with one open, fstat and read (BOM dropped); undefined when unreadable or
 * huge. Synchronous: for thousands of small files this costs a fraction of the promise API's
 * thread-pool round trips; loadFolder yields between batches so a server stays responsive.
 */
export function readTextWithTimeSync(file: string): { text: string; mtime: string } | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    if (stat.size > READ_LIMIT) return undefined;
    const buffer = Buffer.allocUnsafe(stat.size);
    let length = 0;
    while (length < stat.size) {
      const n = readSync(fd, buffer, length, stat.size - length, length);
      if (n === 0) break;
      length += n;
    }
    const text = buffer.toString('utf8', 0, length);
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, mtime: stat.mtime.toISOString() };
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Files read between two yields to the event loop. */
const READ_BATCH = 200;

/** Registers every file under `root`: Markdown and YAML with their text, the rest as existing. */
export async function loadFolder(ws: FileSink, root: string, skip?: (uri: string) => boolean, progress?: (done: number, total: number) => void): Promise<number> {
  const files = await listFiles(root);
  let loaded = 0;
  for (let i = 0; i < files.length; i++) {
    if (i % READ_BATCH === 0 && i > 0) {
      progress?.(i, files.length);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const f = files[i];
    const uri = fileUri(f);
    if (skip?.(uri)) continue;
    if (!isInteresting(f)) { ws.markExists(uri); continue; }
    const read = readTextWithTimeSync(f);
    if (read === undefined) { ws.markExists(uri); continue; }
    ws.set(uri, read.text);
    ws.setModified?.(uri, read.mtime);
    loaded++;
  }
  progress?.(files.length, files.length);
  return loaded;
}
