// `isms-author check [paths...]`: loads the workspace each path belongs to (so that a single
// changed file passed by pre-commit is still checked against its SoA and risk register) and runs
// the same rules as the editor.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE_NAME } from '../core/config';
import { crossFileDependents, type Dependent } from '../core/dependents';
import { computeFindings, indexFor, todayIso } from '../core/diagnostics';
import { cacheKey, readCache, writeCache } from './cache';
import type { Finding } from '../core/types';
import { normaliseUri } from '../core/uris';
import { Workspace } from '../core/workspace';
import { fileUri, loadFolder } from '../host/fsWorkspace';
import { applyGitBaselines } from '../host/gitFacts';
import { applyGitTimes } from '../host/gitTimes';
import { findMarkedRoot } from '../host/ismsRoot';

export class UsageError extends Error {
  override name = 'UsageError';
}

export interface CheckOptions {
  paths: string[]; cwd: string; configFile?: string; today?: string; cache?: boolean;
  /** Compare the index, not the working tree, with HEAD. */
  staged?: boolean;
  /** Told which files were checked only because a given file can cause findings in them. */
  onDependents?: (added: Dependent[]) => void;
}


export async function loadWorkspace(opts: CheckOptions): Promise<{ ws: Workspace; targets: { uri: string; dir: boolean }[]; configStandIns: string[] }> {
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
      // The ISMS root of a file: the nearest folder with isms.config.yaml or an SoA, else the Git root.
      roots.add((await findMarkedRoot(path.dirname(abs), true)) ?? path.dirname(abs));
      targets.push({ uri: fileUri(abs), dir: false });
    }
  }
  const ws = new Workspace();
  ws.setFolders([...roots].map(fileUri));
  for (const root of roots) await loadFolder(ws, root);
  for (const root of roots) await applyGitTimes(ws, root);
  const configStandIns: string[] = [];
  for (const root of roots) await applyGitBaselines(ws, root, opts.staged);
  if (opts.configFile) {
    const text = await fs.readFile(path.resolve(opts.cwd, opts.configFile), 'utf8').catch(() => undefined);
    if (text === undefined) throw new UsageError(`Cannot read the configuration file ${opts.configFile}`);
    for (const root of roots) configStandIns.push(ws.set(fileUri(path.join(root, CONFIG_FILE_NAME)), text).uri);
  }
  return { ws, targets, configStandIns };
}

export async function runCheck(opts: CheckOptions): Promise<Finding[]> {
  const { ws, targets, configStandIns } = await loadWorkspace(opts);
  // A configuration named on the command line is checked whatever the paths.
  const uris = new Set<string>(configStandIns);
  for (const t of targets) {
    if (!t.dir) { if (ws.has(t.uri)) uris.add(t.uri); continue; }
    // Documents are keyed by normalised URIs, which encode '+', '(' or '@' where pathToFileURL does not.
    const folder = normaliseUri(t.uri);
    const prefix = folder.endsWith('/') ? folder : folder + '/';
    for (const d of ws.all()) if (d.uri.startsWith(prefix)) uris.add(d.uri);
  }
  const added = addDependents(ws, targets, uris);
  opts.onDependents?.(added);
  const today = opts.today ?? todayIso();
  const scope = targets.map((t) => t.uri).join('|');
  const key = opts.cache === false ? undefined : cacheKey(ws, [today, scope, [...uris].sort().join('|')]);
  const cached = key ? await readCache(scope, key) : undefined;
  if (cached) return configFindingsAt(cached, configStandIns, opts);
  const findings: Finding[] = [];
  for (const uri of [...uris].sort()) findings.push(...computeFindings(ws, uri, { today }));
  for (const d of mergeDependents(added)) findings.push(...computeFindings(ws, d.uri, { today }).filter(d.caused));
  if (key) await writeCache(scope, key, findings);
  return configFindingsAt(findings, configStandIns, opts);
}

/**
 * The files that depend on a given file (an SoA on the register whose risks it lists, policies on
 * the SoA that excludes what they cite), not already checked in full, in a stable order.
 */
function addDependents(ws: Workspace, targets: { uri: string; dir: boolean }[], uris: Set<string>): Dependent[] {
  const out: Dependent[] = [];
  for (const t of targets) {
    if (t.dir || !ws.has(t.uri)) continue;
    for (const d of crossFileDependents(indexFor(ws, t.uri), normaliseUri(t.uri))) if (!uris.has(d.uri)) out.push(d);
  }
  return out.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
}

/** One entry per dependent file, keeping the findings any of its given files can cause. */
function mergeDependents(added: Dependent[]): Dependent[] {
  const byUri = new Map<string, Dependent[]>();
  for (const d of added) byUri.set(d.uri, [...(byUri.get(d.uri) ?? []), d]);
  return [...byUri].map(([uri, list]) => ({ uri, because: list[0].because, caused: (f) => list.some((d) => d.caused(f)) }));
}

/** Findings about `--config FILE` belong to that file, not to the scope's (perhaps absent) isms.config.yaml. */
function configFindingsAt(findings: Finding[], configStandIns: string[], opts: CheckOptions): Finding[] {
  if (!opts.configFile) return findings;
  const given = fileUri(path.resolve(opts.cwd, opts.configFile));
  const stand = new Set(configStandIns);
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    if (!stand.has(f.uri)) { out.push(f); continue; }
    // Every scope read the same file: report each of its findings once.
    const key = `${f.code}:${f.range.start.line}:${f.range.start.character}:${f.message}`;
    if (!seen.has(key)) { seen.add(key); out.push({ ...f, uri: given }); }
  }
  return out;
}
