// The coverage report: a webview with progress per theme, the status distribution, exclusions and
// gaps. The HTML is rendered here from the overview; the page's only script forwards clicks on
// locations back to us and swaps in fresh HTML when the overview changes (on save, on new
// diagnostics). Strict CSP, no network, colours from the theme's --vscode-* variables.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { COVERAGE_STATES, coverageBarSvg, coverageLegend } from '../../common/coverageSvg';
import { APPLICABLE_STATES, openLocation, scopeLabel, type ControlOverview, type ControlState, type LspRange, type Overview, type OverviewStore, type ScopeOverview } from './model';

export const COVERAGE_VIEW_TYPE = 'isms.coverage';

const STATES: readonly { state: ControlState; label: string }[] = COVERAGE_STATES;

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A link the page's script turns into an "open" message; the location travels as JSON. */
function link(text: string, uri: string, range?: LspRange): string {
  return `<a href="#" class="loc" data-loc="${esc(JSON.stringify({ uri, range }))}">${esc(text)}</a>`;
}

function fileName(uri: string): string {
  return decodeURIComponent(uri.split('/').pop() ?? uri);
}

function themeBars(scope: ScopeOverview): string {
  const themes = [...new Set(scope.controls.map((c) => c.theme))];
  const rows = themes.map((theme) => {
    const controls = scope.controls.filter((c) => c.theme === theme);
    const counts: Partial<Record<ControlState, number>> = {};
    for (const c of controls) counts[c.state] = (counts[c.state] ?? 0) + 1;
    const implemented = controls.filter((c) => c.state === 'implemented').length;
    const decided = controls.filter((c) => c.state !== 'not-addressed' && c.state !== 'undecided').length;
    return `<div class="theme"><div class="theme-head"><span class="theme-name">${esc(theme)}</span><span class="muted">${implemented} of ${controls.length} implemented · ${decided} decided</span></div>`
      + `${coverageBarSvg(counts, `${theme}: ${implemented} of ${controls.length} implemented`)}</div>`;
  });
  return `<section><h2>Progress per theme</h2>${rows.join('')}${legend()}</section>`;
}

const legend = coverageLegend;

/** A donut chart: one circle per state, the circumference is 100 so dash lengths are percentages. */
function distribution(scope: ScopeOverview): string {
  const total = scope.controls.length || 1;
  let offset = 25; // start at 12 o'clock
  const arcs: string[] = [];
  const rows: string[] = [];
  for (const { state, label } of STATES) {
    const n = scope.controls.filter((c) => c.state === state).length;
    rows.push(`<tr><td><svg width="10" height="10" aria-hidden="true"><rect class="s-${state}" width="10" height="10"/></svg> ${esc(label)}</td><td class="num">${n}</td><td class="num muted">${Math.round((n / total) * 100)}%</td></tr>`);
    if (!n) continue;
    const p = (n / total) * 100;
    arcs.push(`<circle class="arc s-${state}" cx="21" cy="21" r="15.9155" stroke-dasharray="${p.toFixed(3)} ${(100 - p).toFixed(3)}" stroke-dashoffset="${offset.toFixed(3)}"><title>${esc(`${label}: ${n}`)}</title></circle>`);
    offset -= p;
  }
  const svg = `<svg class="donut" viewBox="0 0 42 42" role="img" aria-label="Status distribution of ${scope.controls.length} controls">`
    + `<circle class="hole" cx="21" cy="21" r="15.9155"/>${arcs.join('')}`
    + `<text x="21" y="20" class="donut-num">${scope.decided}/${scope.total}</text><text x="21" y="26" class="donut-label">decided</text></svg>`;
  return `<section><h2>Status distribution</h2><div class="dist">${svg}<table class="counts">${rows.join('')}</table></div></section>`;
}

function list<T>(title: string, items: T[], empty: string, render: (item: T) => string): string {
  return `<section><h2>${esc(title)} <span class="count">${items.length}</span></h2>`
    + (items.length ? `<ul class="items">${items.map((i) => `<li>${render(i)}</li>`).join('')}</ul>` : `<p class="muted">${esc(empty)}</p>`)
    + '</section>';
}

function controlLink(c: ControlOverview, scope: ScopeOverview): string {
  const uri = c.location?.uri ?? scope.soaUri;
  return uri ? link(`${c.id} ${c.title}`, uri, c.location?.range) : esc(`${c.id} ${c.title}`);
}

function scopeSection(scope: ScopeOverview, many: boolean): string {
  const excluded = scope.controls.filter((c) => c.state === 'excluded');
  const withoutRisks = scope.controls.filter((c) => APPLICABLE_STATES.includes(c.state) && c.risks.length === 0);
  const notAddressed = scope.controls.filter((c) => c.state === 'not-addressed' || c.state === 'undecided');
  const heading = many ? `<h1 class="scope">${esc(scopeLabel(scope))}</h1>` : '';
  const summary = `<p class="summary"><strong>${scope.decided}</strong> of ${scope.total} controls decided · `
    + `<span class="${scope.errors ? 'err' : ''}">${scope.errors} ${scope.errors === 1 ? 'error' : 'errors'}</span> · ${scope.warnings} ${scope.warnings === 1 ? 'warning' : 'warnings'}`
    + (scope.soaUri ? ` · ${link(fileName(scope.soaUri), scope.soaUri)}` : ' · no SoA found')
    + '</p>';
  return `<div class="scope-block">${heading}${summary}<div class="grid">${themeBars(scope)}${distribution(scope)}</div>`
    + (notAddressed.length ? list('Not addressed or undecided', notAddressed, '', (c) => controlLink(c, scope)) : '')
    + list('Excluded controls', excluded, 'No control is excluded.', (c) => `${controlLink(c, scope)}<div class="just${c.hasErrors ? ' err' : ''}">${c.justification ? esc(c.justification) : '<em>no justification</em>'}</div>`)
    + list('Applicable controls without risks', withoutRisks, 'Every applicable control is linked to a risk.', (c) => controlLink(c, scope))
    + list('Risks without controls', scope.risksWithoutControls, 'Every risk to treat names its controls.', (r) => link(`${r.id}${r.title ? ` ${r.title}` : ''}`, r.uri, r.range))
    + list('Overdue policies', scope.overduePolicies, 'No policy is overdue for review.', (p) => `${link(p.title || fileName(p.uri), p.uri, p.range)} <span class="muted">review was due ${esc(p.due)}</span>`)
    + '</div>';
}

/** The report body for an overview (also used by tests through the webview's DOM). */
export function renderReport(overview: Overview, loaded: boolean): string {
  if (!overview.scopes.length) {
    return loaded
      ? '<p>No Statement of Applicability or risk register was found in this workspace. Run <strong>ISMS: Generate SoA</strong> to create one.</p>'
      : '<p class="muted">Loading…</p>';
  }
  return overview.scopes.map((s) => scopeSection(s, overview.scopes.length > 1)).join('');
}

const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 20px 20px; }
h1 { font-size: 1.5em; font-weight: 600; } h2 { font-size: 1.1em; font-weight: 600; margin: 1.2em 0 .5em; border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-widget-border, transparent)); padding-bottom: 3px; }
a { color: var(--vscode-textLink-foreground); text-decoration: none; } a:hover { text-decoration: underline; color: var(--vscode-textLink-activeForeground); }
a:focus { outline: 1px solid var(--vscode-focusBorder); }
.muted { color: var(--vscode-descriptionForeground); } .err { color: var(--vscode-errorForeground); }
.count { font-weight: normal; color: var(--vscode-badge-foreground); background: var(--vscode-badge-background); border-radius: 8px; padding: 0 6px; font-size: .85em; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(280px, 1fr)); gap: 0 32px; }
.theme { margin: 8px 0; } .theme-head { display: flex; justify-content: space-between; gap: 8px; margin-bottom: 3px; }
.bar { width: 100%; height: 12px; display: block; background: var(--vscode-editorWidget-background, transparent); }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: .9em; }
.dist { display: flex; gap: 20px; align-items: center; flex-wrap: wrap; } .donut { width: 160px; height: 160px; }
.hole { fill: none; stroke: var(--vscode-editorWidget-background, var(--vscode-editor-background)); stroke-width: 6; }
.arc { fill: none; stroke-width: 6; }
.donut-num { text-anchor: middle; font-size: 6px; font-weight: 600; fill: var(--vscode-foreground); } .donut-label { text-anchor: middle; font-size: 3.5px; fill: var(--vscode-descriptionForeground); }
.counts td { padding: 1px 8px 1px 0; } .num { text-align: right; }
.items { padding-left: 18px; } .items li { margin: 3px 0; } .just { color: var(--vscode-descriptionForeground); margin: 1px 0 6px; }
.s-implemented { fill: var(--vscode-charts-green); stroke: var(--vscode-charts-green); }
.s-partial { fill: var(--vscode-charts-yellow); stroke: var(--vscode-charts-yellow); }
.s-planned { fill: var(--vscode-charts-blue); stroke: var(--vscode-charts-blue); }
.s-not-started { fill: var(--vscode-charts-orange); stroke: var(--vscode-charts-orange); }
.s-excluded { fill: var(--vscode-disabledForeground); stroke: var(--vscode-disabledForeground); }
.s-undecided { fill: var(--vscode-charts-purple); stroke: var(--vscode-charts-purple); }
.s-not-addressed { fill: var(--vscode-charts-red); stroke: var(--vscode-charts-red); }
rect.s-excluded, rect.s-undecided, rect.s-not-addressed, rect.s-implemented, rect.s-partial, rect.s-planned, rect.s-not-started { stroke: none; }
circle.arc { fill: none; }
`;

// Runs in the webview. Clicks on locations go to the extension; "render" messages replace the body.
const SCRIPT = `
const vscode = acquireVsCodeApi();
const root = document.getElementById('root');
document.addEventListener('click', (e) => {
  const a = e.target instanceof Element ? e.target.closest('a.loc') : null;
  if (!a) return;
  e.preventDefault();
  vscode.postMessage({ type: 'open', location: JSON.parse(a.getAttribute('data-loc')) });
});
window.addEventListener('message', (e) => {
  if (e.data && e.data.type === 'render') root.innerHTML = e.data.html;
});
`;

export function reportHtml(webview: vscode.Webview, body: string): string {
  const nonce = randomBytes(16).toString('base64');
  const csp = `default-src 'none'; style-src ${webview.cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>ISMS Coverage</title>
<style nonce="${nonce}">${STYLE}</style>
</head><body><h1>ISMS coverage</h1><main id="root">${body}</main>
<script nonce="${nonce}">${SCRIPT}</script>
</body></html>`;
}

export class CoverageReport implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: OverviewStore) {
    this.disposables.push(store.onDidChange((o) => this.update(o)));
  }

  async show(): Promise<void> {
    if (this.panel) {
      this.panel.reveal();
      this.store.refresh();
      return;
    }
    const panel = vscode.window.createWebviewPanel(COVERAGE_VIEW_TYPE, 'ISMS Coverage', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    this.panel = panel;
    panel.webview.html = reportHtml(panel.webview, renderReport(this.store.overview, this.store.isLoaded));
    const own: vscode.Disposable[] = [];
    panel.onDidDispose(() => { this.panel = undefined; for (const d of own) d.dispose(); });
    // A hidden webview loses its DOM and comes back from the HTML it was first given, without
    // the updates posted since; render afresh when it becomes visible again.
    let hidden = false;
    panel.onDidChangeViewState((e) => {
      if (!e.webviewPanel.visible) hidden = true;
      else if (hidden) {
        hidden = false;
        panel.webview.html = reportHtml(panel.webview, renderReport(this.store.overview, this.store.isLoaded));
      }
    }, undefined, own);
    panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m), undefined, own);
    this.update(await this.store.ready());
  }

  /** Whether the report is open (for tests and the status bar tooltip). */
  get isOpen(): boolean { return !!this.panel; }

  private update(overview: Overview): void {
    if (!this.panel) return;
    void this.panel.webview.postMessage({ type: 'render', html: renderReport(overview, this.store.isLoaded) });
  }

  private async onMessage(m: unknown): Promise<void> {
    if (!m || typeof m !== 'object' || (m as { type?: unknown }).type !== 'open') return;
    const loc = (m as { location?: { uri?: unknown; range?: LspRange } }).location;
    if (!loc || typeof loc.uri !== 'string') return;
    // Only locations of workspace files: the page is ours, but treat its messages as input.
    const uri = vscode.Uri.parse(loc.uri);
    if (uri.scheme !== 'file' && uri.scheme !== 'untitled' && uri.scheme !== 'vscode-remote') return;
    try {
      await openLocation(loc.uri, isRange(loc.range) ? loc.range : undefined);
    } catch (e) {
      void vscode.window.showErrorMessage(`Could not open ${uri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  dispose(): void {
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function isRange(r: unknown): r is LspRange {
  const p = (x: unknown) => !!x && typeof x === 'object' && Number.isInteger((x as { line?: unknown }).line) && Number.isInteger((x as { character?: unknown }).character);
  return !!r && typeof r === 'object' && p((r as LspRange).start) && p((r as LspRange).end);
}
