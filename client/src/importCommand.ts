// "ISMS: Import SoA or Risk Register...": picks a spreadsheet or Markdown file, runs the bundled
// `isms-author import`, writes its report to the "ISMS Import" output and opens the result. An
// existing soa.yaml or risks.yaml is overwritten only after the user says so. Tests (and
// keybindings) pass { file, kind, output, overwrite } to skip the pickers and the question.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { runCli } from './commands';

export type ImportKind = 'soa' | 'risks';

export interface ImportPreset {
  file?: string;
  kind?: ImportKind;
  /** The YAML file to write; default soa.yaml or risks.yaml in the file's workspace folder. */
  output?: string;
  /** What to do when the output exists: true overwrites, false cancels; unset asks. */
  overwrite?: boolean;
}

export interface ImportOutcome {
  /** The file written. */
  output: string;
  /** The importer's report, line by line. */
  report: string[];
}

const FILTERS = { 'Spreadsheets and Markdown tables': ['xlsx', 'xlsm', 'csv', 'tsv', 'txt', 'md', 'markdown'] };

/** Reads the command argument: a file URI (Explorer context menu) or a preset object. */
export function importPreset(arg: unknown): ImportPreset {
  if (arg instanceof vscode.Uri) return { file: arg.fsPath };
  if (!arg || typeof arg !== 'object') return {};
  const a = arg as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  return {
    file: str(a.file),
    kind: a.kind === 'soa' || a.kind === 'risks' ? a.kind : undefined,
    output: str(a.output),
    overwrite: typeof a.overwrite === 'boolean' ? a.overwrite : undefined,
  };
}

const exists = (file: string): Promise<boolean> => fs.stat(file).then(() => true, () => false);

export async function importFile(cliPath: string, channel: vscode.OutputChannel, preset: ImportPreset = {}): Promise<ImportOutcome | undefined> {
  let file = preset.file;
  if (!file) {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: false, canSelectFolders: false, filters: FILTERS, openLabel: 'Import',
      title: 'Import a Statement of Applicability or risk register (XLSX, CSV or a Markdown table)',
      defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
    });
    file = picked?.[0]?.fsPath;
  }
  if (!file) return undefined;
  const kind = preset.kind ?? (await pickKind(file));
  if (!kind) return undefined;
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath
    ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath
    ?? path.dirname(file);
  let output = preset.output ?? path.join(folder, kind === 'soa' ? 'soa.yaml' : 'risks.yaml');
  let force = false;
  if (await exists(output)) {
    const answer = preset.overwrite === undefined ? await askOverwrite(output) : preset.overwrite ? 'Overwrite' : undefined;
    if (answer === 'Save As...') {
      const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(output.replace(/\.ya?ml$/, '.imported.yaml')), filters: { YAML: ['yaml', 'yml'] }, saveLabel: 'Import' });
      if (!target) return undefined;
      output = target.fsPath;
      // The save dialog has already asked about replacing the file it returns.
      force = true;
    } else if (answer === 'Overwrite') force = true;
    else return undefined;
  }
  const args = ['import', kind, file, '-o', output, ...(force ? ['--force'] : [])];
  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Importing ${path.basename(file)}…` },
    () => runCli(cliPath, args, folder));
  channel.appendLine(`$ isms-author ${args.map((a) => (/\s/.test(a) ? `"${a}"` : a)).join(' ')}`);
  if (result.stdout) channel.append(result.stdout);
  if (result.stderr) channel.append(result.stderr);
  channel.appendLine('');
  channel.show(true);
  if (result.code !== 0) {
    const reason = result.stderr.trim().split('\n').pop()?.replace(/^isms-author: /, '') || `exit code ${result.code}`;
    void vscode.window.showErrorMessage(`Import failed: ${reason}`, 'Show Report').then((c) => c && channel.show());
    return undefined;
  }
  const report = result.stdout.split(/\r?\n/).filter((l) => l && !l.startsWith('wrote '));
  await vscode.window.showTextDocument(vscode.Uri.file(output), { preview: false });
  const summary = report.filter((l) => / (controls|risks) written to /.test(l)).pop() ?? `Wrote ${path.basename(output)}.`;
  void vscode.window.showInformationMessage(`${summary} Every mapping and row the import skipped is listed in the "ISMS Import" output.`, 'Show Report').then((c) => c && channel.show());
  return { output, report };
}

async function pickKind(file: string): Promise<ImportKind | undefined> {
  const risky = /risk|risiko/i.test(path.basename(file));
  const items: (vscode.QuickPickItem & { value: ImportKind })[] = [
    { label: 'Statement of Applicability', description: 'soa.yaml', detail: 'A table with a row per Annex A control: applicable, justification, status...', value: 'soa' },
    { label: 'Risk register', description: 'risks.yaml', detail: 'A table with a row per risk: likelihood, impact, treatment, controls...', value: 'risks' },
  ];
  if (risky) items.reverse();
  return (await vscode.window.showQuickPick(items, { placeHolder: `What does ${path.basename(file)} hold?` }))?.value;
}

async function askOverwrite(output: string): Promise<string | undefined> {
  return vscode.window.showWarningMessage(
    `${path.basename(output)} already exists. Replace it with the imported file?`,
    { modal: true, detail: `${output}\nOverwriting replaces its content; "Save As..." writes the import to another file.` },
    'Overwrite', 'Save As...',
  );
}
