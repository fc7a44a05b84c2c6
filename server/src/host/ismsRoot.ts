// Where an ISMS scope starts, seen from a file: the nearest folder, from the file's own upward,
// that holds isms.config.yaml or an SoA. Linters find their configuration the same way; the CLI
// uses it for single files and the language server for documents outside every scope it knows.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../core/config';

export const ROOT_MARKERS = [CONFIG_FILE_NAME, 'soa.yaml', 'soa.yml'];

const exists = (p: string) => fs.stat(p).then(() => true, () => false);

/**
 * The nearest folder at or above `start` holding a root marker; undefined when none up to the file
 * system root. With `orGitRoot`, a tree without markers falls back to the nearest Git root.
 */
export async function findMarkedRoot(start: string, orGitRoot = false): Promise<string | undefined> {
  let gitRoot: string | undefined;
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    for (const m of ROOT_MARKERS) if (await exists(path.join(dir, m))) return dir;
    if (orGitRoot && !gitRoot && (await exists(path.join(dir, '.git')))) gitRoot = dir;
    if (path.dirname(dir) === dir) return gitRoot;
  }
}
