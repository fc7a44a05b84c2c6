// The "ISMS Controls" view in the Explorer: (scopes ->) themes -> controls, each control with an
// icon for its SoA state, the number of citing policies, and a tooltip with the SoA facts.
import * as vscode from 'vscode';
import { needsAttention, scopeLabel, type ControlOverview, type ControlState, type OverviewStore, type ScopeOverview } from './model';

export const CONTROLS_VIEW = 'isms.controls';
export const ATTENTION_CONTEXT = 'isms.controls.attentionOnly';
export const OPEN_LOCATION_COMMAND = 'isms.openLocation';

type IconState = ControlState | 'has-errors';

const ICONS: Record<IconState, [icon: string, color: string, label: string]> = {
  implemented: ['pass-filled', 'charts.green', 'implemented'],
  partial: ['pie-chart', 'charts.yellow', 'partially implemented'],
  planned: ['clock', 'charts.blue', 'planned'],
  'not-started': ['circle-large-outline', 'charts.orange', 'not started'],
  excluded: ['circle-slash', 'disabledForeground', 'excluded'],
  'not-addressed': ['warning', 'list.warningForeground', 'not addressed in the SoA'],
  undecided: ['question', 'list.warningForeground', 'undecided (the SoA does not say whether it applies)'],
  'has-errors': ['error', 'list.errorForeground', 'has errors'],
};

export const stateLabel = (s: IconState): string => ICONS[s][2];

export function iconFor(c: ControlOverview): vscode.ThemeIcon {
  const [icon, color] = ICONS[c.hasErrors ? 'has-errors' : c.state];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

type Node =
  | { kind: 'scope'; scope: ScopeOverview }
  | { kind: 'theme'; scope: ScopeOverview; theme: string; controls: ControlOverview[] }
  | { kind: 'control'; scope: ScopeOverview; control: ControlOverview }
  | { kind: 'message'; text: string };

export class ControlsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private attentionOnly = false;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly store: OverviewStore) {
    this.subscription = store.onDidChange(() => this.emitter.fire(undefined));
  }

  get isAttentionOnly(): boolean { return this.attentionOnly; }

  async setAttentionOnly(on: boolean): Promise<void> {
    this.attentionOnly = on;
    await vscode.commands.executeCommand('setContext', ATTENTION_CONTEXT, on);
    this.emitter.fire(undefined);
  }

  async getChildren(node?: Node): Promise<Node[]> {
    if (!node) {
      const scopes = (await this.store.ready()).scopes;
      if (scopes.length === 1) return this.themes(scopes[0]);
      return scopes.map((scope) => ({ kind: 'scope', scope }));
    }
    if (node.kind === 'scope') return this.themes(node.scope);
    if (node.kind === 'theme') return node.controls.map((control) => ({ kind: 'control', scope: node.scope, control }));
    return [];
  }

  private themes(scope: ScopeOverview): Node[] {
    const byTheme = new Map<string, ControlOverview[]>();
    for (const c of scope.controls) {
      if (this.attentionOnly && !needsAttention(c)) continue;
      let list = byTheme.get(c.theme);
      if (!list) byTheme.set(c.theme, list = []);
      list.push(c);
    }
    // An empty view would show the "no SoA found" welcome; say what the filter found instead.
    if (!byTheme.size && this.attentionOnly) return [{ kind: 'message', text: 'No control needs attention' }];
    return [...byTheme].map(([theme, controls]) => ({ kind: 'theme', scope, theme, controls }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const mode = this.attentionOnly ? 'attention' : 'all';
    if (node.kind === 'message') {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('check');
      return item;
    }
    if (node.kind === 'scope') {
      const item = new vscode.TreeItem(scopeLabel(node.scope), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `${mode}|${node.scope.root}`;
      item.description = `${node.scope.decided}/${node.scope.total} decided`;
      item.iconPath = new vscode.ThemeIcon('shield');
      item.contextValue = 'scope';
      return item;
    }
    if (node.kind === 'theme') {
      const all = node.scope.controls.filter((c) => c.theme === node.theme);
      const item = new vscode.TreeItem(node.theme, this.attentionOnly ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `${mode}|${node.scope.root}|${node.theme}`;
      const implemented = all.filter((c) => c.state === 'implemented').length;
      item.description = this.attentionOnly
        ? `${node.controls.length} need${node.controls.length === 1 ? 's' : ''} attention`
        : `${implemented}/${all.length} implemented`;
      item.tooltip = `${node.theme} controls: ${all.length}; implemented ${implemented}, excluded ${all.filter((c) => c.state === 'excluded').length}, not addressed ${all.filter((c) => c.state === 'not-addressed').length}`;
      item.iconPath = new vscode.ThemeIcon('folder-library');
      item.contextValue = 'theme';
      return item;
    }
    const c = node.control;
    const item = new vscode.TreeItem(`${c.id} ${c.title}`, vscode.TreeItemCollapsibleState.None);
    item.id = `${mode}|${node.scope.root}|${c.id}`;
    item.iconPath = iconFor(c);
    item.description = `${c.policies} ${c.policies === 1 ? 'policy' : 'policies'}`;
    item.tooltip = controlTooltip(c);
    item.contextValue = `control.${c.state}${c.hasErrors ? '.errors' : ''}`;
    item.accessibilityInformation = { label: `${c.id} ${c.title}, ${stateLabel(c.state)}${c.hasErrors ? ', has errors' : ''}, cited by ${c.policies} ${c.policies === 1 ? 'policy' : 'policies'}` };
    const target = c.location ?? (node.scope.soaUri ? { uri: node.scope.soaUri, range: undefined } : undefined);
    if (target) item.command = { command: OPEN_LOCATION_COMMAND, title: 'Open SoA entry', arguments: [target.uri, target.range] };
    return item;
  }

  getParent(): undefined { return undefined; }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

function controlTooltip(c: ControlOverview): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.appendMarkdown(`**${c.id} ${escapeMd(c.title)}**\n\n`);
  md.appendMarkdown(`$(${ICONS[c.state][0]}) ${stateLabel(c.state)}${c.hasErrors ? ' · $(error) has errors' : ''}\n\n`);
  if (c.owner) md.appendMarkdown(`Owner: ${escapeMd(c.owner)}\n\n`);
  md.appendMarkdown(`Risks: ${c.risks.length ? c.risks.map(escapeMd).join(', ') : 'none linked'}\n\n`);
  md.appendMarkdown(`Cited by ${c.policies} ${c.policies === 1 ? 'policy' : 'policies'}\n\n`);
  if (c.justification) md.appendMarkdown(`Justification: ${escapeMd(c.justification)}`);
  return md;
}

const escapeMd = (s: string): string => s.replace(/[\\`*_{}[\]()#+\-.!|<>$]/g, '\\$&');

export function registerControlsTree(context: vscode.ExtensionContext, store: OverviewStore): { view: vscode.TreeView<unknown>; provider: ControlsTreeProvider } {
  const provider = new ControlsTreeProvider(store);
  const view = vscode.window.createTreeView(CONTROLS_VIEW, { treeDataProvider: provider, showCollapseAll: true });
  context.subscriptions.push(
    provider,
    view,
    vscode.commands.registerCommand('isms.controls.showNeedingAttention', () => provider.setAttentionOnly(true)),
    vscode.commands.registerCommand('isms.controls.showAll', () => provider.setAttentionOnly(false)),
    vscode.commands.registerCommand('isms.controls.refresh', () => store.refresh()),
  );
  void vscode.commands.executeCommand('setContext', ATTENTION_CONTEXT, false);
  return { view: view as vscode.TreeView<unknown>, provider };
}
