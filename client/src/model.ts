// The controls overview as the server sends it (`isms/controls`, see server/src/core/overview.ts),
// and one store that fetches it for the tree, the status bar and the coverage report. The client
// never imports server code, so the shapes are declared here; only the fields we use.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { CONTROLS_REQUEST, type ControlsParams } from './protocol';

export type ControlState = 'implemented' | 'partial' | 'planned' | 'not-started' | 'excluded' | 'not-addressed' | 'undecided';

export interface LspRange { start: { line: number; character: number }; end: { line: number; character: number } }

export interface ControlOverview {
  id: string; title: string; theme: string;
  state: ControlState;
  hasErrors: boolean;
  /** A warning is reported about this control (in any file of the scope). */
  hasWarnings: boolean;
  policies: number;
  risks: string[];
  justification?: string;
  owner?: string;
  location?: { uri: string; range: LspRange };
}

export interface ScopeOverview {
  root: string;
  soaUri?: string;
  organization?: string;
  decided: number;
  total: number;
  errors: number;
  warnings: number;
  controls: ControlOverview[];
  risksWithoutControls: { id: string; title?: string; uri: string; range: LspRange }[];
  overduePolicies: { uri: string; title?: string; due: string; range: LspRange }[];
}

export interface Overview { scopes: ScopeOverview[] }

export const APPLICABLE_STATES: readonly ControlState[] = ['implemented', 'partial', 'planned', 'not-started'];

/**
 * Not addressed, undecided, or with an error or warning about it (such as applicable without a
 * risk or another reason): what the diagnostics say, so severity settings apply here too.
 */
export function needsAttention(c: ControlOverview): boolean {
  return c.state === 'not-addressed' || c.state === 'undecided' || c.hasErrors || c.hasWarnings;
}

/** Files whose diagnostics can change the overview. */
export const isIsmsFile = (uri: vscode.Uri): boolean => /\.(md|markdown|ya?ml)$/i.test(uri.path);

/**
 * Fetches the overview on demand and whenever diagnostics of our files change or one is saved.
 * Bursts of events coalesce into one request (scheduled with setTimeout(0)); an event that
 * arrives while a request is running causes exactly one more request afterwards.
 */
export class OverviewStore implements vscode.Disposable {
  private current: Overview = { scopes: [] };
  private loaded = false;
  private scheduled = false;
  private running: Promise<void> | undefined;
  private again = false;
  private readonly emitter = new vscode.EventEmitter<Overview>();
  private readonly disposables: vscode.Disposable[] = [];
  readonly onDidChange = this.emitter.event;

  constructor(private readonly client: LanguageClient, private readonly log: vscode.LogOutputChannel) {
    this.disposables.push(
      this.emitter,
      vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some(isIsmsFile)) this.refresh(); }),
      vscode.workspace.onDidSaveTextDocument((d) => { if (isIsmsFile(d.uri)) this.refresh(); }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.refresh()),
      client.onDidChangeState((e) => { if (e.newState === State.Running) this.refresh(); }),
    );
  }

  get overview(): Overview { return this.current; }
  /** Whether at least one answer from the server has arrived. */
  get isLoaded(): boolean { return this.loaded; }

  /** Schedules a refresh; many calls in the same tick make one request. */
  refresh(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      if (this.running) { this.again = true; return; }
      this.running = this.fetch().finally(() => {
        this.running = undefined;
        if (this.again) { this.again = false; this.refresh(); }
      });
    }, 0);
  }

  /** The overview after any pending refresh has finished (fetches once if nothing is loaded yet). */
  async ready(): Promise<Overview> {
    if (!this.loaded && !this.running && !this.scheduled) this.refresh();
    while (this.scheduled || this.running) {
      if (this.running) await this.running;
      else await new Promise<void>((resolve) => setTimeout(resolve, 0));
    }
    return this.current;
  }

  private async fetch(): Promise<void> {
    if (this.client.state !== State.Running) return;
    try {
      const params: ControlsParams = {};
      const result = await this.client.sendRequest<Overview>(CONTROLS_REQUEST, params);
      this.current = result && Array.isArray(result.scopes) ? result : { scopes: [] };
      this.loaded = true;
      this.emitter.fire(this.current);
    } catch (e) {
      this.log.warn(`Fetching the controls overview failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Opens a location from the overview (or a file) with the range selected and revealed. */
export async function openLocation(uri: string, range?: LspRange): Promise<void> {
  const selection = range && new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  const editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri), selection ? { selection, preview: true } : { preview: true });
  if (selection) editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** A folder-ish label for a scope: its organisation, or the last segment of its root. */
export function scopeLabel(s: ScopeOverview): string {
  const base = vscode.Uri.parse(s.root).path.split('/').filter(Boolean).pop() ?? s.root;
  return s.organization ? `${s.organization} (${base})` : base;
}
