// The VS Code client: starts the language server when an ISMS document appears, caps restarts,
// shows activation errors, and registers the commands and views. It talks to the server only
// over LSP and runs the bundled CLI for tasks and exports.
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction, ErrorAction, LanguageClient, TransportKind,
  type ErrorHandler, type LanguageClientOptions, type Message, type ServerOptions,
} from 'vscode-languageclient/node';
import { ClientCatalogue } from './catalogue';
import { checkWorkspace, exportSoa, generateSoa, registerCataloguePages, registerTaskProvider, showControl } from './commands';
import { controlTitlesPlugin, type MarkdownIt } from './markdownPreview';
import { SHOW_REFERENCES_COMMAND } from './protocol';
import { registerViews, type Views } from './views';

let client: LanguageClient | undefined;
const MAX_RESTARTS = 4;
const RESTART_WINDOW_MS = 3 * 60 * 1000;

/** What activate returns: the Markdown preview plugin, and the views for tests. */
export interface IsmsExtensionApi {
  extendMarkdownIt(md: MarkdownIt): MarkdownIt;
  views?: Views;
}

export async function activate(context: vscode.ExtensionContext): Promise<IsmsExtensionApi> {
  const catalogue = new ClientCatalogue(context.asAbsolutePath(path.join('dist', 'catalogue')));
  const api: IsmsExtensionApi = { extendMarkdownIt: (md) => controlTitlesPlugin(md, () => catalogue.titles()) };
  const output = vscode.window.createOutputChannel('ISMS Author', { log: true });
  context.subscriptions.push(output);
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
    );
    // Views before the server starts, so their commands exist as soon as the UI can call them.
    const views = registerViews(context, client, output);
    api.views = views;
    context.subscriptions.push(
      // Arguments (for tests and keybindings): { folder?, format?, file? } skips the matching prompts.
      vscode.commands.registerCommand('isms.exportSoa', (preset?: unknown) => exportSoa(cli, views.store, output, exportPreset(preset))),
    );
    await client.start();
    await vscode.commands.executeCommand('setContext', 'isms.active', true);
    views.store.refresh();
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
    errorHandler: cappedRestarts(output),
    // The server then sends isms/progress while it reads and checks a large workspace (status bar).
    initializationOptions: { progressNotifications: true },
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
