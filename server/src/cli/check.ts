// `isms-author check [paths...]`: loads the workspace each path belongs to (so that a single
// changed file passed by pre-commit is still checked against its SoA and risk register) and runs
// the same rules as the editor.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../core/config';
import { computeFindings, todayIso } from '../core/diagnostics';
import { cacheKey, readCache, writeCache } from './cache';
import type { Finding } from '../core/types';
import { Workspace } from '../core/workspace';
import { fileUri, loadFolder } from '../host/fsWorkspace';
import { applyGitBaselines } from '../host/gitFacts';
import { applyGitTimes } from '../host/gitTimes';

export class UsageError extends Error {}

/** Part of the cache key: a new version of the tool never reuses an old version's findings. */
export const CLI_VERSION = '0.1.0';

export interface CheckOptions { paths: string[]; cwd: string; configFile?: string; today?: string; cache?: boolean; /** Compare the index, not the working tree, with HEAD. */ staged?: boolean }

const ROOT_MARKERS = [CONFIG_FILE_NAME, 'soa.yaml', 'soa.yml'];

/** The ISMS root of a file: the nearest folder with isms.config.yaml or an SoA, else the git root. */
export async function findRoot(start: string): Promise<string> {
  let gitRoot: string | undefined;
  for (let dir = start; ; dir = path.dirname(dir)) {
    for (const m of ROOT_MARKERS) if (await exists(path.join(dir, m))) return dir;
    if (!gitRoot && (await exists(path.join(dir, '.git')))) gitRoot = dir;
    if (path.dirname(dir) === dir) return gitRoot ?? start;
  }
}

const exists = (p: string) => fs.stat(p).then(() => true, () => false);

export async function loadWorkspace(opts: CheckOptions): Promise<{ ws: Workspace; targets: { uri: string; dir: boolean }[] }> {
  const roots = new Set<string>();
  const targets: { uri: string; dir: boolean }[] = [];
  for (const p of opts.paths.length ? opts.paths : ['.']) {
    const abs = path.resolve(opts.cwd, p);
    const stat = await fs.stat(abs).catch(() => undefined);
    if (!stat) throw new UsageError(`No such file or folder: ${p}`);
    if (stat.isDirectory()) {
      roots.add(abs);
      targets.push({ uri: fileUri(abs), dir: true });
    } else {
      roots.add(await findRoot(path.dirname(abs)));
      targets.push({ uri: fileUri(abs), dir: false });
    }
  }
  const ws = new Workspace();
  ws.setFolders([...roots].map(fileUri));
  for (const root of roots) await loadFolder(ws, root);
  for (const root of roots) await applyGitTimes(ws, root);
  for (const root of roots) await applyGitBaselines(ws, root, opts.staged);
  if (opts.configFile) {
    const text = await fs.readFile(path.resolve(opts.cwd, opts.configFile), 'utf8').catch(() => undefined);
    if (text === undefined) throw new UsageError(`Cannot read the configuration file ${opts.configFile}`);
    for (const root of roots) ws.set(fileUri(path.join(root, CONFIG_FILE_NAME)), text);
  }
  return { ws, targets };
}

export async function runCheck(opts: CheckOptions): Promise<Finding[]> {
  const { ws, targets } = await loadWorkspace(opts);
  const uris = new Set<string>();
  for (const t of targets) {
    if (!t.dir) { if (ws.has(t.uri)) uris.add(t.uri); continue; }
    const prefix = t.uri.endsWith('/') ? t.uri : t.uri + '/';
    for (const d of ws.all()) if (d.uri.startsWith(prefix)) uris.add(d.uri);
  }
  const today = opts.today ?? todayIso();
  const scope = targets.map((t) => t.uri).join('|');
  const key = opts.cache === false ? '' : cacheKey(ws, [CLI_VERSION, today, scope, [...uris].sort().join('|')]);
  const cached = key ? await readCache(scope, key) : undefined;
  if (cached) return cached;
  const findings: Finding[] = [];
  for (const uri of [...uris].sort()) findings.push(...computeFindings(ws, uri, { today }));
  if (key) await writeCache(scope, key, findings);
  return findings;
}
