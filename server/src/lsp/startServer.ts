// Wires the core service to an LSP connection. Host-agnostic: main.ts supplies the connection
// (stdio, IPC or in-memory streams in tests) and the file-system access.
import {
  CodeActionKind, DidChangeWatchedFilesNotification, FileChangeType, TextDocuments, TextDocumentSyncKind,
  type CodeAction, type Connection, type InitializeResult, type Location,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Baseline } from '../core/gitTypes';
import { createIsmsService } from '../core/service';
import type { CataloguePage } from '../core/features/navigation';
import { SYMBOL_KIND, toCompletionItem, DIAGNOSTIC_SOURCE } from './convert';
import { DiagnosticsPublisher } from './publisher';
import { WorkspaceProgress } from './progress';
import * as protocol from './protocol';
import { controlsOverview } from '../core/overview';
import { isUnder, normaliseUri } from '../core/uris';
import { runTool, ToolInputError } from '../core/assistant/tools';
import { todayIso } from '../core/diagnostics';

export interface ServerHost {
  cataloguePage: CataloguePage;
  today?: () => string;
  /** Loads every file under a folder URI into the workspace, skipping URIs the editor holds open. */
  loadFolder(folderUri: string, set: (uri: string, text: string) => void, exists: (uri: string) => void, skip: (uri: string) => boolean, progress?: (done: number, total: number) => void): Promise<void>;
  /**
   * The committed text (HEAD) of each file URI under a folder URI that Git has one for. Called only
   * when Git may be read (a trusted workspace); absent for hosts without Git.
   */
  gitBaselines?(folderUri: string, fileUris: string[]): Promise<Map<string, Baseline>>;
  /** Reads a file URI; undefined when it no longer exists. */
  readFile(uri: string): Promise<string | undefined>;
  /** The folder URI of the nearest isms.config.yaml or SoA at or above a document; undefined when none. */
  findIsmsRoot?(uri: string): Promise<string | undefined>;
  /** A path an assistant named as a URI inside one of the folders; throws ToolInputError otherwise. */
  confinePath(folderUris: readonly string[], path: string): string;
  version: string;
}

export const SELECT_RANGE_COMMAND = 'isms.selectRange';

export function startServer(connection: Connection, host: ServerHost): void {
  const documents = new TextDocuments(TextDocument);
  const service = createIsmsService({ cataloguePage: host.cataloguePage, today: host.today });
  const ws = service.workspace;
  const publisher = new DiagnosticsPublisher(connection, service, (uri) => documents.get(uri)?.version);
  let folders: string[] = [];
  /** ISMS roots found above documents that no known scope covered (see adoptRootOf). */
  const discovered = new Set<string>();
  let relativeWatch = false;
  let canShowDocument = false;
  let loaded = Promise.resolve();
  // VS Code says whether the workspace is trusted; other editors send nothing, and the Git runner
  // never runs a program the repository names, so Git is read unless the client says no.
  let gitAllowed = true;
  let baselineTimer: ReturnType<typeof setTimeout> | undefined;
  let progress: WorkspaceProgress | undefined;
  /** Folders being read: the progress stays open across the checks that run meanwhile. */
  let reading = 0;

  const guard = <A extends unknown[], R>(name: string, fallback: R, fn: (...args: A) => R | Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        // Requests do not wait for the workspace to finish loading: hover on an open document
        // answers at once, with cross-file details filling in as the index completes.
        return await fn(...args);
      } catch (e) {
        connection.console.error(`${name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
        return fallback;
      }
    };

  connection.onInitialize((params): InitializeResult => {
    folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    ws.setFolders(scopeRoots());
    canShowDocument = !!params.capabilities.window?.showDocument?.support;
    gitAllowed = (params.initializationOptions as protocol.InitializationOptions | undefined)?.git !== false;
    progress = new WorkspaceProgress(connection, {
      standard: !!params.capabilities.window?.workDoneProgress,
      custom: (params.initializationOptions as protocol.InitializationOptions | undefined)?.progressNotifications === true,
    });
    publisher.onProgress = (done, total) => progress?.report('Checking', done, total);
    publisher.onIdle = () => { if (!reading) progress?.end(); };
    const watch = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    relativeWatch = watch && !!params.capabilities.workspace?.didChangeWatchedFiles?.relativePatternSupport;
    connection.onInitialized(() => {
      if (watch) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
      const started = performance.now();
      loaded = loadAll().then(() => refreshBaselines()).then(() => publisher.scheduleAll()).catch((e) => connection.console.error(`Loading the workspace failed: ${String(e)}`));
      // One line in the Output panel says the server is up and how long the first check took.
      void loaded.then(() => publisher.idle()).then(() => connection.console.info(`Checked ${ws.all().length} files in ${Math.round(performance.now() - started)} ms.`));
    });
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['.', ' ', '[', ',', '-'], resolveProvider: false },
        definitionProvider: true,
        referencesProvider: true,
        documentLinkProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeLensProvider: { resolveProvider: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
        executeCommandProvider: { commands: [SELECT_RANGE_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'isms-author', version: host.version },
    };
  });

  async function loadAll(): Promise<void> {
    reading++;
    try {
      for (const folder of [...folders, ...discovered]) await loadFolder(folder);
    } finally {
      reading--;
    }
  }

  const loadFolder = (folder: string) => host.loadFolder(folder, (uri, text) => ws.set(uri, text, -1), (uri) => ws.markExists(uri), (uri) => documents.get(uri) !== undefined, (done, total) => progress?.report('Reading', done, total));

  /** The scope roots: the editor's folders, except those inside a discovered ISMS root, which stands for them. */
  function scopeRoots(): string[] {
    const found = [...discovered];
    return [...folders.filter((f) => !found.some((r) => r !== normaliseUri(f) && isUnder(r, f))), ...found];
  }

  /**
   * An editor may guess the workspace root wrongly: eglot outside a Git repository takes the
   * policy's own folder, where there is no SoA. When the scope a document falls in holds no SoA,
   * risk register or configuration, look upward from the document for the nearest
   * isms.config.yaml or SoA, as linters look for their configuration; a root found above that
   * scope becomes the document's scope (loaded, checked and published like a workspace folder).
   */
  async function adoptRootOf(uri: string): Promise<void> {
    if (!host.findIsmsRoot) return;
    await loaded;
    const scope = ws.scopeOf(uri);
    if (scope.docs().some((d) => ['soa', 'risks', 'config'].includes(scope.kindOf(d.uri)))) return;
    const found = await host.findIsmsRoot(uri);
    if (!found) return;
    const root = normaliseUri(found).replace(/\/$/, '');
    // A root inside a loaded scope is that scope's own business; a document outside every loaded
    // folder takes the root found even when it is the document's own folder.
    const covered = scopeRoots().some((f) => isUnder(f, uri));
    if (discovered.has(root) || (covered && isUnder(scope.root, root))) return;
    discovered.add(root);
    ws.setFolders(scopeRoots());
    connection.console.info(`${uri} lies outside every ISMS scope of the workspace; using ${root}, the nearest folder above it with an SoA or isms.config.yaml.`);
    if (relativeWatch) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: { baseUri: root, pattern: '**/*' } }] });
    const done = loadFolder(root);
    // Requests that wait for the workspace (symbols, the controls overview) wait for this folder too.
    loaded = Promise.all([loaded, done.catch(() => undefined)]).then(() => undefined);
    await done;
    publisher.scheduleAll();
  }

  /** Reads the committed text of every policy again (after loading, a commit, or when trust is granted). */
  async function refreshBaselines(): Promise<boolean> {
    if (!gitAllowed || !host.gitBaselines) return false;
    let changed = false;
    for (const folder of folders) {
      const policies = ws.all().filter((d) => isUnder(folder, d.uri) && ws.scopeOf(d.uri).kindOf(d.uri) === 'policy');
      const baselines = await host.gitBaselines(folder, policies.map((d) => d.uri)).catch(() => new Map<string, Baseline>());
      for (const d of policies) {
        const before = ws.baseline(d.uri);
        ws.setBaseline(d.uri, baselines.get(d.uri));
        if (before !== ws.baseline(d.uri)) changed = true;
      }
    }
    return changed;
  }

  function scheduleBaselines(): void {
    if (baselineTimer) clearTimeout(baselineTimer);
    baselineTimer = setTimeout(() => {
      baselineTimer = undefined;
      void loaded.then(() => refreshBaselines()).then((changed) => { if (changed) publisher.scheduleAll(); });
    }, 300);
  }

  connection.onNotification(protocol.GIT_ALLOWED_NOTIFICATION, () => {
    gitAllowed = true;
    scheduleBaselines();
  });

  connection.onNotification('workspace/didChangeWorkspaceFolders', (params: { event: { added: { uri: string }[]; removed: { uri: string }[] } }) => {
    const removed = new Set(params.event.removed.map((f) => f.uri));
    folders = [...folders.filter((f) => !removed.has(f)), ...params.event.added.map((f) => f.uri)];
    ws.setFolders(scopeRoots());
    for (const d of ws.all()) if (removed.size && [...removed].some((r) => d.uri.startsWith(r)) && !documents.get(d.uri)) ws.delete(d.uri);
    loaded = loadAll().then(() => publisher.scheduleAll());
  });

  documents.onDidOpen((e) => {
    ws.set(e.document.uri, e.document.getText(), e.document.version);
    publisher.schedule(e.document.uri);
    void adoptRootOf(e.document.uri).catch((err) => connection.console.error(`Looking for the ISMS root of ${e.document.uri} failed: ${String(err)}`));
  });
  documents.onDidChangeContent((e) => { ws.set(e.document.uri, e.document.getText(), e.document.version); publisher.schedule(e.document.uri); });
  documents.onDidClose(async (e) => {
    // The editor's copy is gone: the file on disk is the truth again (unsaved edits were discarded).
    const text = await host.readFile(e.document.uri);
    if (text === undefined) ws.delete(e.document.uri); else ws.set(e.document.uri, text, -1);
    publisher.schedule(e.document.uri);
  });

  connection.onDidChangeWatchedFiles(async (params) => {
    for (const change of params.changes) {
      // A commit, checkout or staging moves HEAD or the index: the committed texts may have changed.
      if (/\/\.git\/(HEAD|index|refs\/|packed-refs)/.test(change.uri)) { scheduleBaselines(); continue; }
      if (documents.get(change.uri)) continue;
      if (change.type === FileChangeType.Deleted) {
        ws.delete(change.uri);
        ws.markExists(change.uri, false);
        publisher.forget(change.uri);
      } else if (/\.(md|markdown|ya?ml)$/i.test(change.uri)) {
        const text = await host.readFile(change.uri);
        if (text !== undefined) ws.set(change.uri, text, -1);
      } else ws.markExists(change.uri);
      publisher.schedule(change.uri);
    }
  });

  connection.onHover(guard('hover', null, (p) => {
    const h = service.hover(p.textDocument.uri, p.position);
    return h ? { contents: { kind: 'markdown' as const, value: h.markdown }, range: h.range } : null;
  }));
  connection.onCompletion(guard('completion', [], (p) => service.complete(p.textDocument.uri, p.position).map(toCompletionItem)));
  connection.onDefinition(guard('definition', [], (p): Location[] => service.definition(p.textDocument.uri, p.position)));
  connection.onReferences(guard('references', [], (p): Location[] => service.references(p.textDocument.uri, p.position, p.context.includeDeclaration)));
  connection.onDocumentLinks(guard('documentLinks', [], (p) => service.links(p.textDocument.uri).map((l) => ({ range: l.range, target: l.target, tooltip: l.tooltip }))));
  connection.onDocumentSymbol(guard('documentSymbol', [], (p) => service.documentSymbols(p.textDocument.uri).map(function toSymbol(s): import('vscode-languageserver').DocumentSymbol {
    return { name: s.name, detail: s.detail, kind: SYMBOL_KIND[s.kind], range: s.range, selectionRange: s.selectionRange, children: s.children?.map(toSymbol) };
  })));
  connection.onWorkspaceSymbol(guard('workspaceSymbol', [], async (p) => (await loaded, service.workspaceSymbols(p.query)).map((s) => ({ name: s.name, kind: SYMBOL_KIND[s.kind], containerName: s.detail, location: { uri: s.uri!, range: s.selectionRange } }))));
  connection.onCodeLens(guard('codeLens', [], (p) => service.codeLenses(p.textDocument.uri).map((l) => ({
    range: l.range,
    command: { title: l.title, command: protocol.SHOW_REFERENCES_COMMAND, arguments: [p.textDocument.uri, l.range.start, l.locations] },
  }))));
  connection.onCodeAction(guard('codeAction', [], (p): CodeAction[] => {
    if (p.context.only && !p.context.only.some((k) => k === CodeActionKind.QuickFix || k === CodeActionKind.Empty || CodeActionKind.QuickFix.startsWith(k))) return [];
    const ours = p.context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string');
    const fixes = service.quickFixes(p.textDocument.uri, ours.map((d) => ({ code: String(d.code), range: d.range, data: d.data as Record<string, unknown> | undefined })));
    return fixes.map((f) => {
      const changes: Record<string, { range: typeof f.edits[number]['range']; newText: string }[]> = {};
      for (const e of f.edits) (changes[e.uri] ??= []).push({ range: e.range, newText: e.newText });
      return {
        title: f.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: f.preferred,
        diagnostics: ours.filter((d) => d.code === f.code),
        edit: { changes },
        command: f.select && canShowDocument ? { title: 'Select', command: SELECT_RANGE_COMMAND, arguments: [f.select.uri, f.select.range] } : undefined,
      };
    });
  }));
  connection.onExecuteCommand(guard('executeCommand', null, async (p) => {
    if (p.command === SELECT_RANGE_COMMAND && p.arguments?.length === 2) {
      await connection.window.showDocument({ uri: String(p.arguments[0]), selection: p.arguments[1], takeFocus: true });
    }
    return null;
  }));
  connection.onRequest(protocol.CONTROLS_REQUEST, guard('controls', { scopes: [] }, async (params: protocol.ControlsParams) => (await loaded, controlsOverview(ws, params?.uri, host.today?.()))));

  // The language-model tools of the VS Code client: the same tools as `isms-author mcp`, on the
  // editor's view of the workspace (unsaved edits included).
  connection.onRequest(protocol.ASSISTANT_TOOL_REQUEST, async (params: protocol.AssistantToolParams): Promise<protocol.AssistantToolResult> => {
    await loaded;
    try {
      const result = runTool({ ws, roots: folders, today: host.today?.() ?? todayIso(), resolve: (p) => host.confinePath(folders, p) }, String(params?.name), params?.input);
      return { result };
    } catch (e) {
      if (e instanceof ToolInputError) return { error: e.message };
      connection.console.error(`assistant tool ${String(params?.name)} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      return { error: `Internal error: ${e instanceof Error ? e.message : String(e)}` };
    }
  });

  documents.listen(connection);
  connection.listen();
}
