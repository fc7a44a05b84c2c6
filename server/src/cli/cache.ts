// A content-hash cache for `check`: when neither the build, nor a file, setting or date changed
// since the last run on the same folders, the findings are read back instead of recomputed. It
// lives outside the repository (ISMS_CACHE_DIR, else XDG_CACHE_HOME or ~/.cache) and is only ever
// a shortcut: anything unreadable or mismatched means a normal check.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Finding } from '../core/types';
import type { Workspace } from '../core/workspace';
import { BUILD_HASH, VERSION } from '../host/buildInfo';

const dir = () => process.env.ISMS_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'isms-author', 'check');

/**
 * A key over everything the findings depend on: the build (a hash of the bundled code and
 * catalogue, stamped by scripts/bundle-cli.mjs), every document's text and time (file or commit
 * time; the configuration is one of the documents), the files known only to exist (for
 * ref/missing-file), and `parts` (date, targets). Undefined when the build carries no hash
 * (running from the sources): nothing identifies the code then, so nothing is cached.
 */
export function cacheKey(ws: Workspace, parts: string[], build: string | undefined = BUILD_HASH): string | undefined {
  if (!build) return undefined;
  const h = createHash('sha256');
  for (const p of [build, VERSION, ...parts]) h.update(p).update('\0');
  for (const d of ws.all().sort((a, b) => (a.uri < b.uri ? -1 : 1))) {
    h.update(d.uri).update('\0').update(d.text).update('\0').update(ws.modified(d.uri) ?? '').update('\0');
    // The committed text (Git), which policy/version-not-bumped compares with.
    const b = ws.baseline(d.uri);
    if (b) h.update('base\0').update(b.base).update('\0').update(b.current ?? '\u0001').update('\0');
  }
  h.update('\u0001');
  for (const uri of ws.listedFiles()) h.update(uri).update('\0');
  return h.digest('hex');
}

const fileFor = (scope: string) => path.join(dir(), `${createHash('sha256').update(scope).digest('hex').slice(0, 16)}.json`);

export async function readCache(scope: string, key: string): Promise<Finding[] | undefined> {
  try {
    const data = JSON.parse(await fs.readFile(fileFor(scope), 'utf8')) as { key: string; findings: Finding[] };
    return data.key === key ? data.findings : undefined;
  } catch {
    return undefined;
  }
}

export async function writeCache(scope: string, key: string, findings: Finding[]): Promise<void> {
  try {
    await fs.mkdir(dir(), { recursive: true });
    const file = fileFor(scope);
    await fs.writeFile(`${file}.tmp`, JSON.stringify({ key, findings }));
    await fs.rename(`${file}.tmp`, file);
  } catch {
    // A cache that cannot be written is not an error.
  }
}
