// A minimal LSP client over stdio (real JSON-RPC via vscode-jsonrpc), in the spirit of
// test/protocol/lspClient.ts, with client-side timestamps on every diagnostics notification.
// Waits are driven by messages from the server; the only timers are safety timeouts that turn a
// hung server into an error instead of a hung benchmark.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { track } from './procs.mjs';

export const fileUri = (p) => pathToFileURL(p).toString();

export class LspClient {
  /**
   * @param {string[]} argv node arguments (script and flags)
   * @param {{ env?: object, configuration?: (item: {section?: string, scopeUri?: string}) => unknown }} options
   */
  constructor(argv, options = {}) {
    this.t0 = performance.now();
    this.child = track(process.execPath, argv, { env: { ...process.env, ...(options.env ?? {}) }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.pid = this.child.pid;
    this.stderr = '';
    this.child.stderr.on('data', (d) => { this.stderr += d; if (this.stderr.length > 20000) this.stderr = this.stderr.slice(-10000); });
    this.exited = false;
    this.child.once('exit', () => { this.exited = true; this.poke(); });
    /** uri -> { count, at: last arrival (performance.now()), diagnostics, version } */
    this.published = new Map();
    this.waiters = [];
    this.requestsFromServer = [];
    this.conn = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.conn.onNotification('textDocument/publishDiagnostics', (p) => {
      const at = performance.now();
      const prev = this.published.get(p.uri);
      this.published.set(p.uri, { count: (prev?.count ?? 0) + 1, at, diagnostics: p.diagnostics, version: p.version });
      this.poke();
    });
    this.conn.onNotification(() => { /* logMessage, telemetry, progress: ignored */ });
    this.conn.onRequest((method, params) => {
      this.requestsFromServer.push(method === 'workspace/configuration' ? `${method} ${params.items.map((i) => i.section).join(',')}` : method);
      setImmediate(() => this.poke());
      if (method === 'workspace/configuration') return params.items.map((item) => options.configuration?.(item) ?? null);
      return null;
    });
    this.conn.onError(() => { /* the exit handler reports a dead server */ });
    this.conn.listen();
  }

  poke() {
    for (const w of this.waiters.splice(0)) {
      if (w.check()) w.resolve(); else if (this.exited) w.reject(new Error(`server exited while waiting for ${w.what}\n${this.stderr.slice(-2000)}`)); else this.waiters.push(w);
    }
  }

  /** Resolves once check() holds (re-evaluated on every notification); rejects after timeoutMs. */
  until(check, what, timeoutMs = 120_000) {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { this.waiters = this.waiters.filter((w) => w !== waiter); reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)); }, timeoutMs);
      const waiter = { check, what, resolve: () => { clearTimeout(timer); resolve(); }, reject: (e) => { clearTimeout(timer); reject(e); } };
      this.waiters.push(waiter);
    });
  }

  count(uri) { return this.published.get(uri)?.count ?? 0; }

  /** Waits for the next diagnostics for `uri` after `after` (a count), returning its arrival time. */
  async nextPublish(uri, after, timeoutMs) {
    await this.until(() => this.count(uri) > after, `diagnostics for ${uri}`, timeoutMs);
    return this.published.get(uri).at;
  }

  async initialize(rootPath, capabilities = {}, initializationOptions) {
    const uri = fileUri(rootPath);
    const result = await this.conn.sendRequest('initialize', {
      processId: process.pid, rootUri: uri, rootPath, workspaceFolders: [{ uri, name: 'ws' }], capabilities, initializationOptions,
    });
    this.initializedAt = performance.now();
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  open(uri, text, languageId) { return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } }); }

  /** Sends one incremental change; returns the time just before the message was written. */
  change(uri, version, range, text) {
    const t = performance.now();
    void this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text }] });
    return t;
  }

  notify(method, params) { return this.conn.sendNotification(method, params); }

  /** A request with its client-measured round trip in milliseconds. */
  async timedRequest(method, params) {
    const t = performance.now();
    const result = await this.conn.sendRequest(method, params);
    return { ms: performance.now() - t, result };
  }

  /** Peak and current resident set size of the server process, from /proc (kB). */
  memory() {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      const kb = (key) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+)`, 'm'))?.[1]);
      return { hwmKb: kb('VmHWM'), rssKb: kb('VmRSS') };
    } catch { return undefined; }
  }

  async shutdown(timeoutMs = 5000) {
    if (this.exited) return;
    const exited = new Promise((r) => this.child.once('exit', r));
    try {
      await Promise.race([
        (async () => { await this.conn.sendRequest('shutdown'); await this.conn.sendNotification('exit'); await exited; })(),
        new Promise((r) => setTimeout(r, timeoutMs)),
      ]);
    } catch { /* killed below */ }
    if (!this.exited) { try { process.kill(-this.pid, 'SIGKILL'); } catch { /* gone */ } }
    this.conn.dispose();
  }
}
