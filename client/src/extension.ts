// The VS Code client: starts the language server when an ISMS document appears, caps restarts,
// shows activation errors, and registers the commands and views. It talks to the server only
// over LSP and runs the bundled CLI for tasks and exports.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, LanguageClient, TransportKind,
  type ErrorHandler, type LanguageClientOptions, type Message, type ServerOptions,
} from 'vscode-languageclient/node';
import { registerAssistantTools } from './assistantTools';
import { ClientCatalogue } from './catalogue';
import { checkWorkspace, exportSoa, generateSoa, publishSite, registerCataloguePages, registerTaskProvider, showControl } from './commands';
import { importFile, importPreset } from './importCommand';
import { controlTitlesPlugin, type MarkdownIt } from './markdownPreview';
import { GIT_ALLOWED_NOTIFICATION, SHOW_REFERENCES_COMMAND, type InitializationOptions } from './protocol';
import { assessFolder, offerScopeSetup, type FolderAssessment } from './scopePrompt';
import { registerViews, type Views } from './views';

let client: LanguageClient | undefined;
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** What activate returns: the Markdown preview plugin, and the views for tests. */
export interface IsmsExtensionApi {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  views?: Views;
  /** For tests: how the one-time "no ISMS scope" offer judges a folder. */
  assessFolder(folder: vscode.Uri): Promise<FolderAssessment>;
}

export async function activate(context: vscode.ExtensionContext): Promise<IsmsExtensionApi> {
  const catalogue = new ClientCatalogue(context.asAbsolutePath(path.join('dist', 'catalogue')));
  const api: IsmsExtensionApi = { extendMarkdownIt: (md) => controlTitlesPlugin(md, () => catalogue.titles()), assessFolder };
  const output = vscode.window.createOutputChannel('ISMS Author', { log: true });
  context.subscriptions.push(output);
  // The import report is plain text a person reads line by line, so it has its own channel.
  let importOutput: vscode.OutputChannel | undefined;
  const importChannel = () => {
    if (!importOutput) context.subscriptions.push(importOutput = vscode.window.createOutputChannel('ISMS Import'));
    return importOutput;
  };
  try {
    const cli = context.asAbsolutePath(path.join('dist', 'cli.js'));
    client = createClient(context, output);
    context.subscriptions.push(
      vscode.commands.registerCommand(SHOW_REFERENCES_COMMAND, showReferences),
      vscode.commands.registerCommand('isms.restartServer', async () => {
        await client?.restart();
        void vscode.window.setStatusBarMessage('ISMS Author: language server restarted', 3000);
      }),
      registerTaskProvider(cli),
      registerCataloguePages(catalogue),
      vscode.commands.registerCommand('isms.checkWorkspace', () => checkWorkspace(cli)),
      vscode.commands.registerCommand('isms.generateSoa', () => generateSoa(cli, output)),
      vscode.commands.registerCommand('isms.showControl', (id?: unknown) => showControl(catalogue, typeof id === 'string' ? id : undefined)),
      // Arguments: a file URI (Explorer) or { file?, kind?, output?, overwrite? } skip the matching prompts.
      vscode.commands.registerCommand('isms.import', (arg?: unknown) => importFile(cli, importChannel(), importPreset(arg))),
    );
    // Views before the server starts, so their commands exist as soon as the UI can call them.
    const views = registerViews(context, client, output);
    api.views = views;
    context.subscriptions.push(
      // Arguments (for tests and keybindings): { folder?, format?, file? } skips the matching prompts.
      vscode.commands.registerCommand('isms.exportSoa', (preset?: unknown) => exportSoa(cli, views.store, output, exportPreset(preset))),
      // Arguments (for tests): { folder?, output?, guidance?, pdf? } skips the prompts.
      vscode.commands.registerCommand('isms.publishSite', (preset?: unknown) => publishSite(cli, views.store, output, publishPreset(preset))),
      // The server reads Git only in a trusted workspace; tell it when the user grants trust.
      vscode.workspace.onDidGrantWorkspaceTrust(() => { void client?.sendNotification(GIT_ALLOWED_NOTIFICATION); }),
    );
    const started = client.start();
    context.subscriptions.push(registerAssistantTools(client, started, output));
    await started;
    await vscode.commands.executeCommand('setContext', 'isms.active', true);
    views.store.refresh();
    // Not awaited: walking the folder must not delay anything else.
    void offerScopeSetup(context).catch((e: unknown) => output.warn(`Checking the folder for an ISMS scope failed: ${e instanceof Error ? e.message : String(e)}`));
  } catch (e) {
    // VS Code does not tell the user when activation fails; we do.
    const message = e instanceof Error ? e.message : String(e);
    output.appendLine(`Activation failed: ${message}`);
    void vscode.window.showErrorMessage(`ISMS Author could not start: ${message}`, 'Show log').then((c) => c && output.show());
  }
  return api;
}

function exportPreset(arg: unknown): { folder?: string; format?: string; file?: string } | undefined {
  if (!arg || typeof arg !== 'object' || arg instanceof vscode.Uri) return undefined;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const a = arg as Record<string, unknown>;
  return { folder: str(a.folder), format: str(a.format), file: str(a.file) };
}

function publishPreset(arg: unknown): { folder?: string; output?: string; guidance?: boolean; pdf?: boolean } | undefined {
  if (!arg || typeof arg !== 'object' || arg instanceof vscode.Uri) return undefined;
  const a = arg as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return { folder: str(a.folder), output: str(a.output), guidance: a.guidance === true, pdf: a.pdf === true };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'untitled', language: 'yaml' },
    ],
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*') },
    outputChannel: output,
    // Restricted Mode: the server must not run git (see GIT_ALLOWED_NOTIFICATION). With
    // progressNotifications the server sends isms/progress while it reads and checks a large
    // workspace (the status bar item shows it).
    initializationOptions: { git: vscode.workspace.isTrusted, progressNotifications: true } satisfies InitializationOptions,
    errorHandler: cappedRestarts(output),
  };
  return new LanguageClient('isms', 'ISMS Author', serverOptions, clientOptions);
}

/** Restarts a crashed server at most MAX_RESTARTS times in three minutes, then tells the user. */
function cappedRestarts(output: vscode.OutputChannel): ErrorHandler {
  const crashes: number[] = [];
  return {
    error: (_e: Error, _m: Message | undefined, count: number | undefined) => ({ action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
    closed: () => {
      const now = Date.now();
      crashes.push(now);
      while (crashes.length && now - crashes[0] > RESTART_WINDOW_MS) crashes.shift();
      if (crashes.length <= MAX_RESTARTS) return { action: CloseAction.Restart };
      const message = `The ISMS Author server crashed ${crashes.length} times in three minutes and will not be restarted. Run "ISMS: Restart Language Server" after fixing the cause; details are in the output.`;
      output.appendLine(message);
      return { action: CloseAction.DoNotRestart, message };
    },
  };
}

async function showReferences(uri: string, position: { line: number; character: number }, locations: { uri: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[]): Promise<void> {
  const toPos = (p: { line: number; character: number }) => new vscode.Position(p.line, p.character);
  await vscode.commands.executeCommand(
    'editor.action.showReferences',
    vscode.Uri.parse(uri),
    toPos(position),
    locations.map((l) => new vscode.Location(vscode.Uri.parse(l.uri), new vscode.Range(toPos(l.range.start), toPos(l.range.end)))),
  );
}
