// Views fed by the controls overview: the controls tree, the status bar item and the coverage
// report. One OverviewStore fetches `isms/controls` for all three.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { OPEN_LOCATION_COMMAND, registerControlsTree, type ControlsTreeProvider } from './controlsTree';
import { CoverageReport } from './coverage';
import { openLocation, OverviewStore, type LspRange, type Overview } from './model';
import { PROGRESS_NOTIFICATION, type ProgressParams } from './protocol';

export const STATUS_BAR_ID = 'isms.status';

export interface Views {
  store: OverviewStore;
  report: CoverageReport;
  statusBar: vscode.StatusBarItem;
  tree: vscode.TreeView<unknown>;
  /** The tree's data provider: getChildren() and getTreeItem() as the view calls them. */
  treeProvider: ControlsTreeProvider;
}

export function registerViews(context: vscode.ExtensionContext, client: LanguageClient, output: vscode.LogOutputChannel): Views {
  const store = new OverviewStore(client, output);
  const report = new CoverageReport(store);
  const statusBar = vscode.window.createStatusBarItem(STATUS_BAR_ID, vscode.StatusBarAlignment.Left, 10);
  statusBar.name = 'ISMS Author';
  statusBar.command = 'isms.openCoverage';
  // While the server reads and checks a large workspace, the item says how far it has got.
  let busy: string | undefined;
  let overview: Overview | undefined;
  const render = () => {
    if (busy) {
      statusBar.text = `$(sync~spin) ISMS ${busy}`;
      statusBar.tooltip = `ISMS Author: ${busy}`;
      statusBar.accessibilityInformation = { label: `ISMS Author: ${busy}` };
      statusBar.show();
    } else if (overview) updateStatusBar(statusBar, overview);
    else statusBar.hide();
  };
  context.subscriptions.push(
    store,
    report,
    statusBar,
    store.onDidChange((o) => { overview = o; render(); }),
    client.onNotification(PROGRESS_NOTIFICATION, (p: ProgressParams) => {
      busy = p.message;
      render();
      if (!busy) store.refresh();
    }),
    vscode.commands.registerCommand('isms.openCoverage', () => report.show()),
    vscode.commands.registerCommand(OPEN_LOCATION_COMMAND, (uri: string, range?: LspRange) => openLocation(uri, range)),
  );
  const { view: tree, provider: treeProvider } = registerControlsTree(context, store);
  store.refresh();
  return { store, report, statusBar, tree, treeProvider };
}

function totals(o: Overview): { decided: number; total: number; errors: number; warnings: number } {
  const t = { decided: 0, total: 0, errors: 0, warnings: 0 };
  for (const s of o.scopes) { t.decided += s.decided; t.total += s.total; t.errors += s.errors; t.warnings += s.warnings; }
  return t;
}

/** "$(shield) ISMS 85/93 · 4 errors": decided controls out of all, and the error count. */
export function statusText(o: Overview): string | undefined {
  if (!o.scopes.length) return undefined;
  const t = totals(o);
  return `$(shield) ISMS ${t.decided}/${t.total} · ${t.errors} ${t.errors === 1 ? 'error' : 'errors'}`;
}

function updateStatusBar(item: vscode.StatusBarItem, o: Overview): void {
  const text = statusText(o);
  if (!text) { item.hide(); return; }
  const t = totals(o);
  item.text = text;
  const lines = o.scopes.map((s) => `${s.organization ?? vscode.workspace.asRelativePath(vscode.Uri.parse(s.root))}: ${s.decided} of ${s.total} Annex A controls decided in the SoA, ${s.errors} errors, ${s.warnings} warnings`);
  item.tooltip = `${lines.join('\n')}\n\nClick to open the coverage report.`;
  item.accessibilityInformation = { label: `ISMS: ${t.decided} of ${t.total} controls decided, ${t.errors} errors, ${t.warnings} warnings` };
  item.show();
}
