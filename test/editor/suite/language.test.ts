// Language features through VS Code's own command API, as the editor calls them: hover,
// completion and a quick fix applied to the document.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeOf, file, hoverText, open, positionOf, until, untilDiagnostics, whenLoaded } from './helpers';

const POLICY = 'policies/access-control.md';

describe('language features', () => {
  before(async () => {
    await activate();
    // The server has loaded the workspace once its diagnostics are out.
    await whenLoaded();
  });

  afterEach(async () => {
    // Leave no unsaved edits behind for the next test.
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.isDirty && doc.uri.scheme === 'file') {
        await vscode.window.showTextDocument(doc);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    }
  });

  it('hovering A.5.15 in a policy shows its title and guidance', async () => {
    const editor = await open(POLICY);
    // The citation in the body ("implements A.5.15 together with ..."), not the front matter.
    const at = positionOf(editor.document, 'A.5.15', 0, 12).translate(0, 2);
    const text = await until(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, at);
      const t = hoverText(hovers ?? []);
      return t.includes('A.5.15') ? t : undefined;
    }, 'a hover on A.5.15');
    assert.match(text, /A\.5\.15 Access control/);
    assert.match(text, /Intent\./);
    assert.match(text, /In soa\.yaml:/, 'the hover shows the SoA entry of this workspace');
  });

  it('completion after "A." offers the Annex A control IDs with their titles', async () => {
    const editor = await open(POLICY);
    const doc = editor.document;
    const line = positionOf(doc, 'implements A.5.15', 0, 12).line;
    const end = doc.lineAt(line).range.end;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, end, ' See A.');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const at = doc.lineAt(line).range.end;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, at, '.');
    const items = list.items.filter((i) => /^A\.[5-8]\.\d+$/.test(typeof i.label === 'string' ? i.label : i.label.label));
    const labels = items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.equal(new Set(labels).size, 93, `93 Annex A controls offered, got ${labels.length}`);
    const a515 = items.find((i) => (typeof i.label === 'string' ? i.label : i.label.label) === 'A.5.15');
    assert.ok(a515);
    const detail = a515.detail ?? (typeof a515.label === 'string' ? '' : a515.label.description ?? '');
    assert.match(detail, /Access control/);
  });

  it('the quick fix on the 2013 ID A.9.2.3 replaces it with A.8.2', async () => {
    const editor = await open(POLICY);
    const doc = editor.document;
    const start = positionOf(doc, 'A.9.2.3');
    assert.equal(start.line + 1, 48);
    const range = new vscode.Range(start, start.translate(0, 'A.9.2.3'.length));
    const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider', doc.uri, range, vscode.CodeActionKind.QuickFix.value);
    const fixes = actions.filter((a): a is vscode.CodeAction => 'edit' in a || 'kind' in a);
    const fix = fixes.find((a) => /A\.8\.2\b/.test(a.title));
    assert.ok(fix?.edit, `a quick fix to A.8.2 among: ${fixes.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const text = doc.lineAt(start.line).text;
    assert.match(text, /still cited as A\.8\.2 in older/);
    assert.doesNotMatch(doc.getText(), /A\.9\.2\.3/);
    // The server re-checks the edited document and withdraws the diagnostic.
    await untilDiagnostics(
      () => (vscode.languages.getDiagnostics(file(POLICY)).some((d) => codeOf(d) === 'ref/legacy-control') ? undefined : true),
      () => 'ref/legacy-control still reported after the fix',
    );
    await doc.save();
  });
});
