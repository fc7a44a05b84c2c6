// Commands that run the bundled CLI (check as a task, init, export) and the control quick pick.
// The CLI runs with the editor's own Node (process.execPath as Node via ELECTRON_RUN_AS_NODE),
// so nothing needs to be installed.
import { fork } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ClientCatalogue } from './catalogue';
import type { OverviewStore } from './model';

export const TASK_TYPE = 'isms';

interface IsmsTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  command: 'check';
  paths?: string[];
}

/** Runs `node dist/cli.js ARGS` in `cwd` and collects its output; `onStderr` sees each chunk as it comes. */
export function runCli(cliPath: string, args: string[], cwd: string, onStderr?: (chunk: string) => void): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = fork(cliPath, args, {
      cwd,
      silent: true,
      execArgv: [],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr?.setEncoding('utf8').on('data', (d: string) => { stderr += d; onStderr?.(d); });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 2, stdout, stderr }));
  });
}

export function checkTask(cliPath: string, folder: vscode.WorkspaceFolder, definition: IsmsTaskDefinition = { type: TASK_TYPE, command: 'check' }): vscode.Task {
  const paths = definition.paths?.length ? definition.paths : ['.'];
  const execution = new vscode.ProcessExecution(process.execPath, [cliPath, 'check', ...paths], {
    cwd: folder.uri.fsPath,
    // The task terminal is a TTY: NO_COLOR keeps the output plain for the problem matcher.
    env: { ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
  });
  const task = new vscode.Task(definition, folder, 'check', TASK_TYPE, execution, '$isms');
  task.detail = 'Check the ISMS files of this folder with isms-author';
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, clear: true };
  return task;
}

export function registerTaskProvider(cliPath: string): vscode.Disposable {
  return vscode.tasks.registerTaskProvider(TASK_TYPE, {
    provideTasks: () => (vscode.workspace.workspaceFolders ?? []).map((f) => checkTask(cliPath, f)),
    resolveTask: (task) => {
      const def = task.definition as IsmsTaskDefinition;
      if (def.command !== 'check') return undefined;
      const folder = task.scope !== undefined && typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
      return folder ? checkTask(cliPath, folder, def) : undefined;
    },
  });
}

async function pickFolder(placeHolder: string): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length <= 1) {
    if (!folders.length) void vscode.window.showWarningMessage('Open a folder first: ISMS Author works on the files of a workspace folder.');
    return folders[0];
  }
  return vscode.window.showWorkspaceFolderPick({ placeHolder });
}

export async function checkWorkspace(cliPath: string): Promise<vscode.TaskExecution | undefined> {
  const folder = await pickFolder('Folder to check');
  return folder && vscode.tasks.executeTask(checkTask(cliPath, folder));
}

export async function generateSoa(cliPath: string, output: vscode.LogOutputChannel): Promise<{ created: string[]; kept: string[] } | undefined> {
  const folder = await pickFolder('Folder to create the ISMS files in (existing files are never overwritten)');
  if (!folder) return undefined;
  const result = await runCli(cliPath, ['init', folder.uri.fsPath], folder.uri.fsPath);
  output.info(`isms-author init ${folder.uri.fsPath}\n${result.stdout}${result.stderr}`);
  if (result.code !== 0) {
    void vscode.window.showErrorMessage(`Generating the SoA failed: ${result.stderr.trim() || `exit code ${result.code}`}`, 'Show log').then((c) => c && output.show());
    return undefined;
  }
  const created: string[] = [];
  const kept: string[] = [];
  for (const line of result.stdout.split(/\r?\n/)) {
    const m = /^(created|kept)\s+(.+?)(?: \(exists; not overwritten\))?$/.exec(line);
    if (m) (m[1] === 'created' ? created : kept).push(m[2]);
  }
  const soa = vscode.Uri.joinPath(folder.uri, 'soa.yaml');
  const message = created.length
    ? `Created ${created.join(', ')}.${kept.length ? ` Left alone (already there): ${kept.join(', ')}.` : ''}`
    : `Nothing to create: ${kept.join(', ')} already exist and were left alone.`;
  void vscode.window.showInformationMessage(message, 'Open SoA').then(async (c) => { if (c) await vscode.window.showTextDocument(soa); });
  return { created, kept };
}

const EXPORT_FORMATS = [
  { label: 'xlsx', description: 'Excel workbook', detail: 'For auditors and spreadsheet users' },
  { label: 'html', description: 'Web page', detail: 'A standalone, printable page' },
  { label: 'csv', description: 'Comma-separated values', detail: 'UTF-8 with BOM, opens in any spreadsheet' },
  { label: 'md', description: 'Markdown table', detail: 'For a wiki or a repository' },
] as const;

/**
 * The folder of the ISMS scope to work on: the one scope with an SoA, a choice among several, or a
 * workspace folder when no scope has an SoA yet. Undefined when the user cancels.
 */
async function pickScope(store: OverviewStore, scopePrompt: string, folderPrompt: string): Promise<string | undefined> {
  const scopes = (await store.ready()).scopes.filter((s) => s.soaUri);
  if (scopes.length === 1) return vscode.Uri.parse(scopes[0].root).fsPath;
  if (scopes.length > 1) {
    const pick = await vscode.window.showQuickPick(scopes.map((s) => ({ label: vscode.workspace.asRelativePath(vscode.Uri.parse(s.root)), description: s.organization, root: s.root })), { placeHolder: scopePrompt });
    return pick && vscode.Uri.parse(pick.root).fsPath;
  }
  return (await pickFolder(folderPrompt))?.uri.fsPath;
}

export async function exportSoa(cliPath: string, store: OverviewStore, output: vscode.LogOutputChannel, preset?: { folder?: string; format?: string; file?: string }): Promise<string | undefined> {
  // Export from an ISMS scope that has an SoA when we know one; otherwise from a workspace folder.
  const folder = preset?.folder ?? (await pickScope(store, 'SoA to export', 'Folder whose SoA to export'));
  if (!folder) return undefined;
  const format = preset?.format ?? (await vscode.window.showQuickPick(EXPORT_FORMATS.map((f) => ({ ...f })), { placeHolder: 'Export the Statement of Applicability as' }))?.label;
  if (!format) return undefined;
  let file = preset?.file;
  if (!file) {
    const target = await vscode.window.showSaveDialog({
      defaultUri: vscode.Uri.file(path.join(folder, `statement-of-applicability.${format}`)),
      filters: { [EXPORT_FORMATS.find((f) => f.label === format)?.description ?? format]: [format] },
      saveLabel: 'Export',
      title: 'Export the Statement of Applicability',
    });
    file = target?.fsPath;
  }
  if (!file) return undefined;
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Exporting the SoA…' },
    () => runCli(cliPath, ['export', 'soa', folder, '--format', format, '-o', file], folder));
  output.info(`isms-author export soa ${folder} --format ${format} -o ${file}\n${result.stdout}${result.stderr}`);
  if (result.code !== 0) {
    void vscode.window.showErrorMessage(`Export failed: ${result.stderr.trim().split('\n').pop() || `exit code ${result.code}`}`, 'Show log').then((c) => c && output.show());
    return undefined;
  }
  const uri = vscode.Uri.file(file);
  if (!preset?.file) {
    void vscode.window.showInformationMessage(`Exported the SoA to ${path.basename(file)}.`, 'Open', 'Reveal').then(async (c) => {
      if (c === 'Reveal') await vscode.commands.executeCommand('revealFileInOS', uri);
      else if (c === 'Open') {
        if (format === 'csv' || format === 'md') await vscode.window.showTextDocument(uri);
        else await vscode.env.openExternal(uri);
      }
    });
  }
  return file;
}

export interface PublishPreset { folder?: string; output?: string; guidance?: boolean; pdf?: boolean }

/**
 * ISMS: Publish Site...: runs `isms-author publish` into a folder the user picks, with a progress
 * notification fed by the CLI's "published N of M pages" lines. It reads Git history, so it is
 * offered only in a trusted workspace.
 */
export async function publishSite(cliPath: string, store: OverviewStore, output: vscode.LogOutputChannel, preset?: PublishPreset): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage('Publishing reads the Git history of the workspace, which ISMS Author does only in a trusted workspace. Trust this folder to publish.');
    return undefined;
  }
  const folder = preset?.folder ?? (await pickScope(store, 'ISMS to publish', 'Folder to publish'));
  if (!folder) return undefined;
  let target = preset?.output;
  let options = { guidance: !!preset?.guidance, pdf: !!preset?.pdf };
  if (!target) {
    const picked = await vscode.window.showQuickPick([
      { label: 'Include implementation guidance', detail: 'Adds this project\'s guidance to each control page', key: 'guidance' },
      { label: 'Also print PDFs', detail: 'Prints the index, SoA, risks, traceability and policies with a locally installed Chromium', key: 'pdf' },
    ], { canPickMany: true, placeHolder: 'Options for the site (press Enter for none)', title: 'Publish the ISMS as a static site' });
    if (!picked) return undefined;
    options = { guidance: picked.some((p) => p.key === 'guidance'), pdf: picked.some((p) => p.key === 'pdf') };
    const chosen = await vscode.window.showOpenDialog({
      canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Publish Here',
      title: 'Folder for the site (outside the ISMS folder, or a sub-folder of it)', defaultUri: vscode.Uri.file(path.dirname(folder)),
    });
    target = chosen?.[0]?.fsPath;
  }
  if (!target) return undefined;
  const args = ['publish', folder, '-o', target, ...(options.guidance ? ['--guidance'] : []), ...(options.pdf ? ['--pdf'] : [])];
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Publishing the ISMS', cancellable: false }, (progress) => {
    let shown = 0;
    return runCli(cliPath, args, folder, (chunk) => {
      for (const m of chunk.matchAll(/published (\d+) of (\d+) pages/g)) {
        const pct = (Number(m[1]) / Math.max(1, Number(m[2]))) * 100;
        progress.report({ increment: pct - shown, message: `${m[1]} of ${m[2]} pages` });
        shown = pct;
      }
      if (/printed pdf\//.test(chunk)) progress.report({ message: 'printing PDFs…' });
    });
  });
  output.info(`isms-author ${args.join(' ')}\n${result.stdout}${result.stderr}`);
  if (result.code !== 0) {
    void vscode.window.showErrorMessage(`Publishing failed: ${result.stderr.trim().split('\n').pop() || `exit code ${result.code}`}`, 'Show log').then((c) => c && output.show());
    return undefined;
  }
  const index = vscode.Uri.file(path.join(target, 'index.html'));
  if (!preset?.output) {
    const noPdf = options.pdf && /No Chromium-family browser/.test(result.stderr) ? ' No PDF was printed: no Chromium was found (see the log).' : '';
    void vscode.window.showInformationMessage(`${result.stdout.trim().split('\n').pop()?.replace(/; open .*$/, '.') ?? 'Published.'}${noPdf}`, 'Open in Browser', 'Reveal').then(async (c) => {
      if (c === 'Open in Browser') await vscode.env.openExternal(index);
      else if (c === 'Reveal') await vscode.commands.executeCommand('revealFileInOS', index);
    });
  }
  return target;
}

export async function showControl(catalogue: ClientCatalogue, id?: string): Promise<void> {
  if (!id) {
    const qp = vscode.window.createQuickPick<vscode.QuickPickItem & { id: string }>();
    qp.placeholder = 'Search controls by ID, title or intent';
    qp.matchOnDescription = true;
    qp.matchOnDetail = true;
    qp.items = catalogue.controls2022().map((c) => ({ label: c.id, description: c.title, id: c.id }));
    qp.busy = true;
    void catalogue.intents().then((intents) => {
      const active = qp.activeItems.map((i) => i.id);
      qp.items = qp.items.map((i) => ({ ...i, detail: intents.get(i.id) || undefined }));
      qp.activeItems = qp.items.filter((i) => active.includes(i.id));
      qp.busy = false;
    });
    id = await new Promise<string | undefined>((resolve) => {
      qp.onDidAccept(() => { resolve(qp.selectedItems[0]?.id); qp.hide(); });
      qp.onDidHide(() => { resolve(undefined); qp.dispose(); });
      qp.show();
    });
  }
  if (!id) return;
  try {
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(catalogue.page(id)));
  } catch {
    // No Markdown preview (the built-in extension can be disabled): show the page read-only.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: CATALOGUE_SCHEME, path: `/${id}.md` }));
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}

/** Read-only documents for catalogue pages: `isms-catalogue:/A.5.15.md`. */
export const CATALOGUE_SCHEME = 'isms-catalogue';

export function registerCataloguePages(catalogue: ClientCatalogue): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(CATALOGUE_SCHEME, {
    provideTextDocumentContent: async (uri) => {
      const id = path.posix.basename(uri.path, '.md');
      if (!/^(A\.[\d.]+|clause-[\d.]+)$/.test(id)) return undefined;
      return fs.readFile(catalogue.page(id), 'utf8').catch(() => undefined);
    },
  });
}
