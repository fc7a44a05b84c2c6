// The document store: every file of the workspace the host told us about, each parsed lazily
// and cached by version, grouped into ISMS scopes. A scope is a workspace folder or a folder
// holding an isms.config.yaml; each document belongs to the deepest scope that contains it.
import picomatch from 'picomatch/posix';
import { CONFIG_FILE_NAME, DEFAULT_CONFIG, parseConfig, type IsmsConfig, type ParsedConfig } from './config';
import type { Baseline } from './gitTypes';
import { parseMarkdown, type MarkdownDoc } from './markdown';
import { parseRiskRegister, type RiskRegister } from './risks';
import type { Soa } from './soa';
import { parseSoaIncremental, SoaParseMemory } from './soaIncremental';
import { LineIndex } from './text';
import type { DocumentKind } from './types';
import { basename, dirnameUri, isUnder, normaliseUri, relativePath } from './uris';

export type Model =
  | { kind: 'soa'; soa: Soa }
  | { kind: 'risks'; register: RiskRegister }
  | { kind: 'policy' | 'markdown'; md: MarkdownDoc }
  | { kind: 'config'; config: ParsedConfig }
  | { kind: 'skipped'; reason: 'too-large' | 'binary'; as: DocumentKind }
  | { kind: 'other' };

/**
 * State that survives versions of one document, so an edit reuses the work done for the text
 * that did not change: parsed SoA entries, and whatever a rule keeps under its own key.
 */
export class DocMemory {
  readonly soa = new SoaParseMemory();
  private readonly kept = new Map<string, unknown>();

  /** The value a rule keeps under `key`, created on first use. */
  keep<T>(key: string, create: () => T): T {
    if (!this.kept.has(key)) this.kept.set(key, create());
    return this.kept.get(key) as T;
  }
}

export class Doc {
  private cachedModel: { key: string; model: Model } | undefined;
  private cachedLines: LineIndex | undefined;
  private readonly remembered = new Map<string, { inputs: readonly unknown[]; value: unknown }>();

  constructor(readonly uri: string, readonly text: string, readonly version: number, readonly memory = new DocMemory()) {}

  get lines(): LineIndex { return (this.cachedLines ??= new LineIndex(this.text)); }

  /**
   * A value computed from this version of the document and `inputs` (compared by identity),
   * computed again when an input changes.
   */
  remember<T>(name: string, inputs: readonly unknown[], compute: () => T): T {
    const hit = this.remembered.get(name);
    if (hit && hit.inputs.length === inputs.length && hit.inputs.every((x, i) => x === inputs[i])) return hit.value as T;
    const value = compute();
    this.remembered.set(name, { inputs, value });
    return value;
  }

  /** The parsed model for the kind the scope's configuration gives this file. */
  model(kind: DocumentKind, config: IsmsConfig): Model {
    const key = `${kind}:${config.limits.maxFileSize}`;
    if (this.cachedModel?.key === key) return this.cachedModel.model;
    const model = parseAs(kind, this.text, config, this.memory.soa);
    this.cachedModel = { key, model };
    return model;
  }
}

/** Why a file is not parsed at all: over the size limit, or binary. */
export function skipReason(text: string, config: IsmsConfig): 'too-large' | 'binary' | undefined {
  if (text.length > config.limits.maxFileSize) return 'too-large';
  if (text.slice(0, 8000).includes('\u0000')) return 'binary';
  return undefined;
}

function parseAs(kind: DocumentKind, text: string, config: IsmsConfig, soaMemory: SoaParseMemory): Model {
  if (kind === 'other') return { kind: 'other' };
  const skip = skipReason(text, config);
  if (skip) return { kind: 'skipped', reason: skip, as: kind };
  switch (kind) {
    case 'soa': return { kind, soa: parseSoaIncremental(text, soaMemory) };
    case 'risks': return { kind, register: parseRiskRegister(text) };
    case 'policy': case 'markdown': return { kind, md: parseMarkdown(text) };
    case 'config': return { kind, config: parseConfig(text) };
  }
}

type PathTest = (path: string) => boolean;
interface Matchers { key: ParsedConfig | undefined; soa: PathTest; risks: PathTest; policies: PathTest; exclude: PathTest; kinds: Map<string, DocumentKind> }

export class Scope {
  /** Bumped whenever a document of this scope changes; derived indexes key on it. */
  generation = 0;
  /** Glob matchers of the current configuration, and the kinds they gave (a file's kind depends only on its path). */
  private matchers: Matchers | undefined;

  /** Looked up for every document of the scope on every pass: built once. */
  private readonly configUri: string;

  constructor(readonly root: string, private readonly workspace: Workspace) {
    this.configUri = normaliseUri(root.replace(/\/?$/, '/') + CONFIG_FILE_NAME);
  }

  get configDoc(): Doc | undefined { return this.workspace.get(this.configUri); }

  get parsedConfig(): ParsedConfig | undefined {
    const doc = this.configDoc;
    if (!doc) return undefined;
    const m = doc.model('config', DEFAULT_CONFIG);
    return m.kind === 'config' ? m.config : undefined;
  }

  get config(): IsmsConfig { return this.parsedConfig?.config ?? DEFAULT_CONFIG; }

  kindOf(uri: string): DocumentKind {
    const parsed = this.parsedConfig;
    if (!this.matchers || this.matchers.key !== parsed) {
      const c = this.config;
      const m = (globs: string[]) => (globs.length ? picomatch(globs, { dot: true }) : () => false);
      this.matchers = { key: parsed, soa: m(c.soa), risks: m(c.risks), policies: m(c.policies), exclude: m(c.exclude), kinds: new Map() };
    }
    const kinds = this.matchers.kinds;
    let kind = kinds.get(uri);
    if (!kind) {
      kind = this.classify(uri, this.matchers);
      if (kinds.size > 100_000) kinds.clear();
      kinds.set(uri, kind);
    }
    return kind;
  }

  private classify(uri: string, m: Matchers): DocumentKind {
    const rel = relativePath(this.root, uri);
    if (rel === undefined) return 'other';
    if (rel === CONFIG_FILE_NAME) return 'config';
    if (m.exclude(rel)) return 'other';
    if (m.soa(rel)) return 'soa';
    if (m.risks(rel)) return 'risks';
    if (/\.(md|markdown)$/i.test(rel)) return m.policies(rel) ? 'policy' : 'markdown';
    return 'other';
  }

  docs(): Doc[] { return this.workspace.docsIn(this); }

  model(doc: Doc): Model { return doc.model(this.kindOf(doc.uri), this.config); }
}

export class Workspace {
  private readonly documents = new Map<string, Doc>();
  private readonly folders = new Set<string>();
  private readonly scopes = new Map<string, Scope>();
  /** Folders holding an isms.config.yaml: each is a scope root. */
  private readonly configRoots = new Set<string>();
  private readonly otherFiles = new Set<string>();
  private readonly modifiedTimes = new Map<string, string>();
  private readonly baselines = new Map<string, Baseline>();
  /** Bumped when the set of scopes may have changed. */
  private scopeGeneration = 0;
  private membership: { generation: number; byScope: Map<Scope, string[]> } | undefined;

  /**
   * A copy that shares this workspace's documents (and so their parsed models) but not its
   * future changes: a draft set in the copy is checked against the real SoA and register
   * without disturbing the original, which may be serving an editor at the same time.
   */
  fork(): Workspace {
    const copy = new Workspace();
    for (const [k, d] of this.documents) copy.documents.set(k, d);
    for (const f of this.folders) copy.folders.add(f);
    for (const r of this.configRoots) copy.configRoots.add(r);
    for (const o of this.otherFiles) copy.otherFiles.add(o);
    for (const [k, t] of this.modifiedTimes) copy.modifiedTimes.set(k, t);
    return copy;
  }

  /** Host workspace folders. A document outside every folder gets a scope of its own folder. */
  setFolders(uris: string[]): void {
    this.folders.clear();
    for (const u of uris) this.folders.add(stripSlash(normaliseUri(u)));
    this.scopeGeneration++;
  }

  get(uri: string): Doc | undefined { return this.documents.get(normaliseUri(uri)); }

  /** Adds or replaces a document. Text is the full content; the host decides which files to read. */
  set(uri: string, text: string, version = 0): Doc {
    const key = normaliseUri(uri);
    const existing = this.documents.get(key);
    if (existing && existing.version === version && existing.text === text) return existing;
    const doc = new Doc(key, text, version, existing?.memory);
    this.documents.set(key, doc);
    if (basename(key) === CONFIG_FILE_NAME) this.configRoots.add(dirnameUri(key));
    if (!existing) this.scopeGeneration++;
    this.touch(key);
    return doc;
  }

  delete(uri: string): void {
    const key = normaliseUri(uri);
    if (!this.documents.has(key)) return;
    this.touch(key);
    this.documents.delete(key);
    if (basename(key) === CONFIG_FILE_NAME) this.configRoots.delete(dirnameUri(key));
    this.scopeGeneration++;
  }

  has(uri: string): boolean { return this.documents.has(normaliseUri(uri)); }

  /** Records that a file exists without handing over its text (images, PDFs, other files). */
  markExists(uri: string, exists = true): void {
    const key = normaliseUri(uri);
    if (exists === this.otherFiles.has(key)) return;
    if (exists) this.otherFiles.add(key); else this.otherFiles.delete(key);
    this.touch(key);
  }

  /** Records when a file last changed (ISO 8601), from file metadata or git history. */
  setModified(uri: string, iso: string): void {
    const key = normaliseUri(uri);
    if (this.modifiedTimes.get(key) === iso) return;
    this.modifiedTimes.set(key, iso);
    this.touch(key);
  }

  modified(uri: string): string | undefined { return this.modifiedTimes.get(normaliseUri(uri)); }

  /** The files recorded by markExists (their text is not held), sorted: what ref/missing-file also reads. */
  listedFiles(): string[] { return [...this.otherFiles].sort(); }
  /** Records a file's committed text (from Git, through the host); undefined forgets it. */
  setBaseline(uri: string, baseline: Baseline | undefined): void {
    const key = normaliseUri(uri);
    const old = this.baselines.get(key);
    if (old?.base === baseline?.base && old?.current === baseline?.current) return;
    if (baseline) this.baselines.set(key, baseline); else this.baselines.delete(key);
    this.touch(key);
  }

  baseline(uri: string): Baseline | undefined { return this.baselines.get(normaliseUri(uri)); }

  /** Forgets every baseline (HEAD moved, or Git may no longer be read). */
  clearBaselines(): void {
    for (const key of [...this.baselines.keys()]) this.setBaseline(key, undefined);
  }

  exists(uri: string): boolean {
    const key = normaliseUri(uri);
    return this.documents.has(key) || this.otherFiles.has(key);
  }

  /** A key that changes whenever anything a scope's index depends on may have changed. */
  generationKey(scope: Scope): string { return `${this.scopeGeneration}:${scope.generation}`; }

  all(): Doc[] { return [...this.documents.values()]; }

  scopeOf(uri: string): Scope {
    const key = normaliseUri(uri);
    let best: string | undefined;
    const consider = (root: string) => {
      if (isUnder(root, key) && (!best || root.length > best.length)) best = root;
    };
    for (const f of this.folders) consider(f);
    for (const r of this.configRoots) consider(r);
    const root = best ?? dirnameUri(key);
    let scope = this.scopes.get(root);
    if (!scope) {
      scope = new Scope(root, this);
      this.scopes.set(root, scope);
    }
    return scope;
  }

  /** Every scope that holds at least one document. */
  allScopes(): Scope[] { return [...this.membershipMap().keys()]; }

  /** The scope's documents, current versions (membership is cached by URI, not by version). */
  docsIn(scope: Scope): Doc[] {
    const out: Doc[] = [];
    for (const uri of this.membershipMap().get(scope) ?? []) {
      const doc = this.documents.get(uri);
      if (doc) out.push(doc);
    }
    return out;
  }

  private membershipMap(): Map<Scope, string[]> {
    if (this.membership?.generation === this.scopeGeneration) return this.membership.byScope;
    const byScope = new Map<Scope, string[]>();
    for (const uri of [...this.documents.keys()].sort()) {
      const s = this.scopeOf(uri);
      const list = byScope.get(s);
      if (list) list.push(uri); else byScope.set(s, [uri]);
    }
    this.membership = { generation: this.scopeGeneration, byScope };
    return byScope;
  }

  private touch(uri: string): void { this.scopeOf(uri).generation++; }
}

const stripSlash = (u: string) => u.replace(/\/$/, '');
