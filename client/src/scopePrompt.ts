// A folder whose Markdown cites many Annex A controls but has no SoA, risk register or
// isms.config.yaml gets hovers and links but no checks, and nothing says why. Once per folder, an
// unobtrusive notification says so and offers to import an SoA or to create the ISMS files. Any
// answer, closing it included, is remembered in the workspace state.
import * as vscode from 'vscode';

/** How many control references make a folder look like an ISMS. */
export const MANY_REFERENCES = 10;
const STATE_KEY = 'isms.scopePrompt.answered';
const MAX_FILES = 400;
const MAX_DEPTH = 6;
const MAX_FILE_BYTES = 1_000_000;
const SKIP_DIRS = new Set(['node_modules', '.git', '.vscode', 'dist', 'out', 'build', '.venv']);
const SCOPE_FILE = /^(soa\.ya?ml|.+\.soa\.ya?ml|isms\.config\.yaml|risks\.ya?ml|risk-register\.yaml|.+\.risks\.yaml)$/;
// Explicit references only ("A.5.15", "Annex A 8.2", "A.9.2.3"): enough to tell an ISMS apart.
const CONTROL_REF = /(?<![\w.])(?:Annex\s+)?A\s?\.?\s?(?:5|6|7|8|9|1[0-8])\.\d{1,2}(?:\.\d{1,2})?(?![\w]|\.\d)/g;

export interface FolderAssessment { hasScope: boolean; references: number; files: number }

/** Walks the folder (bounded) for scope files and counts control references in its Markdown. */
export async function assessFolder(folder: vscode.Uri): Promise<FolderAssessment> {
  const out: FolderAssessment = { hasScope: false, references: 0, files: 0 };
  const markdown: vscode.Uri[] = [];
  const walk = async (dir: vscode.Uri, depth: number): Promise<void> => {
    if (out.hasScope || depth > MAX_DEPTH || markdown.length >= MAX_FILES) return;
    let entries: [string, vscode.FileType][];
    try { entries = await vscode.workspace.fs.readDirectory(dir); } catch { return; }
    for (const [name, type] of entries) {
      if (type === vscode.FileType.File && SCOPE_FILE.test(name)) { out.hasScope = true; return; }
    }
    for (const [name, type] of entries) {
      if (type === vscode.FileType.File && /\.(md|markdown)$/i.test(name) && markdown.length < MAX_FILES) markdown.push(vscode.Uri.joinPath(dir, name));
      else if (type === vscode.FileType.Directory && !SKIP_DIRS.has(name) && !name.startsWith('.')) await walk(vscode.Uri.joinPath(dir, name), depth + 1);
    }
  };
  await walk(folder, 0);
  if (out.hasScope) return out;
  for (const uri of markdown) {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_FILE_BYTES) continue;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      out.references += text.match(CONTROL_REF)?.length ?? 0;
      out.files++;
    } catch {
      // Unreadable files are simply not counted.
    }
  }
  return out;
}

/** Shows the one-time offer for the first folder that needs it; resolves with what was shown. */
export async function offerScopeSetup(context: vscode.ExtensionContext): Promise<{ folder: vscode.Uri; assessment: FolderAssessment } | undefined> {
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const answered = context.workspaceState.get<string[]>(STATE_KEY, []);
    if (answered.includes(folder.uri.toString())) continue;
    const assessment = await assessFolder(folder.uri);
    if (assessment.hasScope || assessment.references < MANY_REFERENCES) continue;
    void vscode.window.showInformationMessage(
      `${folder.name}: ${assessment.references} Annex A control references in ${assessment.files} Markdown files, but no soa.yaml or isms.config.yaml, so ISMS Author shows hovers and links here but no checks. Import your SoA or create the ISMS files to get them.`,
      'Import SoA or Risk Register...', 'Create ISMS Files',
    ).then(async (choice) => {
      // Remembered whatever the answer, closing the notification included: it is asked once.
      await context.workspaceState.update(STATE_KEY, [...context.workspaceState.get<string[]>(STATE_KEY, []), folder.uri.toString()]);
      if (choice === 'Import SoA or Risk Register...') await vscode.commands.executeCommand('isms.import');
      else if (choice === 'Create ISMS Files') await vscode.commands.executeCommand('isms.generateSoa');
    });
    return { folder: folder.uri, assessment };
  }
  return undefined;
}
