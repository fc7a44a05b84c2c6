// Pushes diagnostics: the changed document first, then every other document of its scope whose
// findings may depend on it, yielding between batches so hovers stay responsive and starting
// over when a newer edit arrives. Only changed results are sent; clean files get an empty list.
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { dependents, scopeFacts, type ScopeFacts } from '../core/dependents';
import { indexFor } from '../core/diagnostics';
import type { IsmsService } from '../core/service';
import { toDiagnostic } from './convert';

const CHECKED_KINDS = new Set(['soa', 'risks', 'policy', 'config', 'skipped']);
const BATCH = 25;

export class DiagnosticsPublisher {
  private readonly published = new Map<string, string>();
  /** What the scope's cross-file rules depended on at the last pass, to skip unaffected files. */
  private readonly facts = new Map<string, ScopeFacts>();
  private readonly pending = new Set<string>();
  private everything = false;
  private running = false;
  private generation = 0;
  /** Resolves when the queue is empty; tests and benchmarks may await it. */
  private idleWaiters: (() => void)[] = [];
  /** Told how far a pass over many files has got, and when the queue is empty again. */
  onProgress: ((done: number, total: number) => void) | undefined;
  onIdle: (() => void) | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly service: IsmsService,
    private readonly openVersion: (uri: string) => number | undefined,
  ) {}

  schedule(uri: string): void { this.pending.add(uri); this.kick(); }
  scheduleAll(): void { this.everything = true; this.kick(); }

  forget(uri: string): void {
    if (!this.published.has(uri)) return;
    this.published.delete(uri);
    void this.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  idle(): Promise<void> {
    return this.running || this.pending.size || this.everything ? new Promise((r) => this.idleWaiters.push(r)) : Promise.resolve();
  }

  private kick(): void {
    this.generation++;
    if (this.running) return;
    this.running = true;
    setImmediate(() => void this.run());
  }

  private async run(): Promise<void> {
    try {
      while (this.pending.size || this.everything) {
        const generation = this.generation;
        const changed = [...this.pending];
        const all = this.everything;
        this.pending.clear();
        this.everything = false;
        const targets = this.targets(changed, all);
        let i = 0;
        for (; i < targets.length; i++) {
          if (i >= changed.length && this.generation !== generation) {
            // A newer edit arrived: its own pass re-checks the scopes, so start over from it.
            for (const uri of changed) this.pending.add(uri);
            if (all) this.everything = true;
            break;
          }
          this.publish(targets[i]);
          if (i % BATCH === BATCH - 1) {
            this.onProgress?.(i + 1, targets.length);
            await new Promise((r) => setImmediate(r));
          }
        }
        if (i === targets.length) this.onProgress?.(i, targets.length);
      }
    } finally {
      this.running = false;
      this.onIdle?.();
      for (const w of this.idleWaiters.splice(0)) w();
    }
  }

  private targets(changed: string[], all: boolean): string[] {
    const ws = this.service.workspace;
    const out = new Set<string>(changed);
    const scopes = all ? ws.allScopes() : [...new Set(changed.map((u) => ws.scopeOf(u)))];
    for (const scope of scopes) {
      const docs = scope.docs();
      if (!docs.length) continue;
      const index = indexFor(ws, docs[0].uri);
      const facts = scopeFacts(index);
      const affected = all ? 'all' : dependents(index, changed.filter((u) => ws.scopeOf(u) === scope), this.facts.get(scope.root), facts);
      this.facts.set(scope.root, facts);
      for (const doc of affected === 'all' ? docs : affected.map((u) => ws.get(u)).filter((d) => d !== undefined)) {
        if (this.openVersion(doc.uri) !== undefined || CHECKED_KINDS.has(scope.model(doc).kind)) out.add(doc.uri);
      }
    }
    // The changed documents first, then the ones open in the editor, then the rest.
    const first = new Set(changed);
    const open = [...out].filter((u) => !first.has(u) && this.openVersion(u) !== undefined);
    const openSet = new Set(open);
    return [...first, ...open, ...[...out].filter((u) => !first.has(u) && !openSet.has(u))];
  }

  private publish(uri: string): void {
    const ws = this.service.workspace;
    const doc = ws.get(uri);
    if (!doc) { this.forget(uri); return; }
    let diagnostics: Diagnostic[];
    try {
      diagnostics = this.service.check(uri).map(toDiagnostic);
    } catch (e) {
      // Never leave stale diagnostics behind after an internal failure.
      this.connection.console.error(`Checking ${uri} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      diagnostics = [];
    }
    const key = JSON.stringify(diagnostics);
    if (this.published.get(uri) === key) return;
    this.published.set(uri, key);
    void this.connection.sendDiagnostics({ uri, version: this.openVersion(uri), diagnostics });
  }
}
