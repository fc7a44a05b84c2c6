// A minimal LSP client for protocol tests: spawns the bundled server over stdio and speaks real
// JSON-RPC. Tests wait on messages (diagnostics notifications, responses), never on timers.
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, ProgressType, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');
export const EXAMPLE = path.resolve(__dirname, '../../examples/acme-isms');
export const fileUri = (p: string) => pathToFileURL(p).toString();

export interface Diag { code: string; message: string; severity: number; range: { start: { line: number; character: number }; end: { line: number; character: number } }; data?: unknown }

export class TestClient {
  readonly conn: MessageConnection;
  readonly child: ChildProcess;
  readonly diagnostics = new Map<string, Diag[]>();
  readonly versions = new Map<string, number>();
  readonly requests: { method: string; params: unknown }[] = [];
  /** Notifications without a handler of their own ($/progress, isms/progress, ...), in order. */
  readonly notifications: { method: string; params: unknown }[] = [];
  private waiters: { check: () => boolean; resolve: () => void }[] = [];
  stderr = '';
  log = '';

  constructor(env: Record<string, string> = {}) {
    this.child = spawn(process.execPath, [SERVER, '--stdio'], { env: { ...process.env, ISMS_TODAY: '2026-11-22', ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (d) => { this.stderr += String(d); });
    this.conn = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: Diag[] }) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      if (p.version !== undefined) this.versions.set(p.uri, p.version);
      this.poke();
    });
    this.conn.onNotification('window/logMessage', (p: { message: string }) => { this.log += p.message + '\n'; });
    this.conn.onNotification((method: string, params: unknown) => { this.notifications.push({ method, params }); this.poke(); });
    this.conn.onRequest((method: string, params: unknown) => {
      this.requests.push({ method, params });
      // vscode-jsonrpc delivers $/progress only to a handler registered for its token.
      if (method === 'window/workDoneProgress/create') {
        const token = (params as { token: string | number }).token;
        this.conn.onProgress(new ProgressType<unknown>(), token, (value) => { this.notifications.push({ method: '$/progress', params: { token, value } }); this.poke(); });
      }
      this.poke();
      return null;
    });
    this.conn.listen();
  }

  private poke(): void {
    for (const w of this.waiters.splice(0)) if (w.check()) w.resolve(); else this.waiters.push(w);
  }

  /** Resolves once `check` holds, re-evaluated on every message from the server. */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ check, resolve }));
  }

  codes(uri: string): string[] { return (this.diagnostics.get(uri) ?? []).map((d) => d.code); }

  async initialize(rootPath: string, capabilities: object = {}, initializationOptions?: object): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.conn.sendRequest('initialize', { processId: process.pid, rootUri: fileUri(rootPath), workspaceFolders: [{ uri: fileUri(rootPath), name: 'ws' }], capabilities, initializationOptions }) as { capabilities: Record<string, unknown> };
    await this.conn.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, languageId = uri.endsWith('.md') ? 'markdown' : 'yaml'): Promise<void> {
    return this.conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  change(uri: string, version: number, text: string): Promise<void> {
    return this.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  request<T>(method: string, params: object): Promise<T> { return this.conn.sendRequest(method, params) as Promise<T>; }

  async shutdown(): Promise<number | null> {
    const exited = new Promise<number | null>((r) => this.child.once('exit', (code) => r(code)));
    await this.conn.sendRequest('shutdown');
    await this.conn.sendNotification('exit');
    const code = await exited;
    this.conn.dispose();
    return code;
  }
}
