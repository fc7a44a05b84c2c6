// The extension's own UI: the ISMS Controls tree, the status bar item and the SoA export. The
// extension's activate() returns { views } for tests (client/src/extension.ts). A view, command or
// status bar item that is missing fails its test: nothing here is skipped.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activate, EXTENSION_ID, root, until, whenLoaded } from './helpers';

interface TreeProvider { getChildren(node?: unknown): vscode.ProviderResult<unknown[]>; getTreeItem(node: unknown): vscode.TreeItem | Thenable<vscode.TreeItem> }
interface Views {
  store?: { ready(): Promise<{ scopes: { total: number; controls: { id: string }[] }[] }> };
  statusBar?: vscode.StatusBarItem;
  tree?: vscode.TreeView<unknown>;
  /** The controls tree's data provider. */
  treeProvider?: TreeProvider;
}

function contributes(kind: 'view' | 'command', id: string): boolean {
  const pkg = vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes?: { views?: Record<string, { id: string }[]>; commands?: { command: string }[] } } | undefined;
  if (kind === 'view') return Object.values(pkg?.contributes?.views ?? {}).some((list) => list.some((v) => v.id === id));
  return (pkg?.contributes?.commands ?? []).some((c) => c.command === id);
}

const label = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : item.label?.label ?? '');

describe('views and commands', () => {
  let views: Views | undefined;

  before(async () => {
    views = ((await activate()) as { views?: Views } | undefined)?.views;
    await whenLoaded();
  });

  it('the ISMS Controls view lists the four themes and all 93 controls', async () => {
    assert.ok(contributes('view', 'isms.controls'), 'the manifest contributes the isms.controls view');
    assert.ok(views?.tree, 'activate() returns views.tree');
    // Show the view as a user would (the Explorer opens with it).
    const shown = views.tree.visible ? Promise.resolve() : new Promise<void>((resolve) => {
      const sub = views!.tree!.onDidChangeVisibility((e) => { if (e.visible) { sub.dispose(); resolve(); } });
    });
    await vscode.commands.executeCommand('isms.controls.focus');
    await shown;
    assert.equal(views.tree.visible, true);
    const provider = views.treeProvider;
    assert.ok(provider, 'activate() returns views.treeProvider');
    const themes = (await provider.getChildren()) ?? [];
    const themeLabels = await Promise.all(themes.map(async (t) => label(await provider.getTreeItem(t))));
    assert.deepEqual(themeLabels, ['Organizational', 'People', 'Physical', 'Technological']);
    const controls = (await Promise.all(themes.map(async (t) => (await provider.getChildren(t)) ?? []))).flat();
    const items = await Promise.all(controls.map(async (c) => provider.getTreeItem(c)));
    assert.equal(items.length, 93);
    const a515 = items.find((i) => label(i).startsWith('A.5.15 '));
    assert.ok(a515, 'A.5.15 in the tree');
    assert.equal(label(a515), 'A.5.15 Access control');
    assert.ok(a515.command, 'clicking a control opens its SoA entry');
    // A.7.6 is excluded with a placeholder justification: the tree marks it as having errors.
    const a76 = items.find((i) => label(i).startsWith('A.7.6 '));
    assert.match(String(a76?.contextValue), /errors/);
  });

  it('the status bar shows decided controls out of 93 and the error count', async () => {
    assert.ok(views?.statusBar, 'activate() returns views.statusBar');
    const item = views.statusBar;
    // The store refreshes after diagnostics change; the status bar follows its change event.
    await views.store?.ready();
    await until(() => (/\/93/.test(item.text) ? true : undefined), `the status bar item to count controls (it says "${item.text}")`);
    assert.match(item.text, /ISMS \d+\/93 · 4 errors/);
    assert.equal(item.command, 'isms.openCoverage');
  });

  it('the export command writes the SoA to the file it is given', async () => {
    assert.ok(contributes('command', 'isms.exportSoa'), 'the manifest contributes the isms.exportSoa command');
    const dir = mkdtempSync(path.join(tmpdir(), 'isms-export-'));
    const file = path.join(dir, 'soa.csv');
    try {
      const written = await vscode.commands.executeCommand<string | undefined>('isms.exportSoa', { folder: root().fsPath, format: 'csv', file });
      assert.equal(written, file);
      assert.ok(existsSync(file), `${file} exists`);
      const csv = readFileSync(file, 'utf8');
      assert.match(csv, /A\.5\.15/);
      assert.match(csv, /A\.8\.34/);
      assert.ok(csv.split(/\r?\n/).filter((l) => /^\uFEFF?"?A\.\d+\.\d+/.test(l)).length >= 93, 'one row per Annex A control');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the publish command writes the static site to the folder it is given', async function () {
    if (!contributes('command', 'isms.publishSite')) this.skip();
    const dir = mkdtempSync(path.join(tmpdir(), 'isms-publish-'));
    try {
      const written = await vscode.commands.executeCommand<string | undefined>('isms.publishSite', { folder: root().fsPath, output: dir });
      assert.equal(written, dir);
      for (const f of ['index.html', 'soa.html', 'risks.html', 'traceability.html', 'policies/access-control.html', 'controls/A.5.15.html']) {
        assert.ok(existsSync(path.join(dir, f)), `${f} exists`);
      }
      assert.match(readFileSync(path.join(dir, 'policies/access-control.html'), 'utf8'), /<a href="\.\.\/controls\/A\.5\.15\.html" class="ctl">/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
