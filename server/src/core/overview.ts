// The state of every Annex A control in each scope: what the controls view, the status bar and
// the coverage report show. Computed from the same index and findings as the diagnostics.
import { catalogue } from './catalogue';
import { computeFindings, indexFor } from './diagnostics';
import { isApplicable, isExcluded } from './soa';
import type { Range } from './types';
import type { Workspace } from './workspace';

export type ControlState = 'implemented' | 'partial' | 'planned' | 'not-started' | 'excluded' | 'not-addressed' | 'undecided';

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
  location?: { uri: string; range: Range };
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
  risksWithoutControls: { id: string; title?: string; uri: string; range: Range }[];
  overduePolicies: { uri: string; title?: string; due: string; range: Range }[];
}

export function controlsOverview(ws: Workspace, uri?: string, today?: string): { scopes: ScopeOverview[] } {
  const scopes = uri ? [ws.scopeOf(uri)] : ws.allScopes();
  return { scopes: scopes.filter((s) => s.docs().length).map((s) => scopeOverview(ws, s.docs()[0].uri, today)).filter((s): s is ScopeOverview => !!s) };
}

function scopeOverview(ws: Workspace, anyUri: string, today?: string): ScopeOverview | undefined {
  const index = indexFor(ws, anyUri);
  const soa = index.soas[0];
  if (!soa && !index.registers.length) return undefined;
  const findings = index.scope.docs().flatMap((d) => computeFindings(ws, d.uri, today ? { today } : {}));
  const errorsById = new Set<string>();
  const warningsById = new Set<string>();
  for (const f of findings) {
    // A finding reported once for many entries names them all in `affected`.
    const ids = [...(typeof f.data?.id === 'string' ? [f.data.id] : []), ...(Array.isArray(f.data?.affected) ? f.data.affected.filter((x): x is string => typeof x === 'string') : [])];
    for (const id of ids) {
      if (f.severity === 'error') errorsById.add(id);
      if (f.severity === 'warning') warningsById.add(id);
    }
  }
  const controls = catalogue.controls.map((c): ControlOverview => {
    const entry = soa?.byId.get(c.id)?.[0];
    const risks = [...new Set([...(entry?.risks.map((r) => r.value) ?? []), ...(index.risksByControl.get(c.id) ?? [])])];
    const policies = new Set((index.citations.get(c.id) ?? []).filter((x) => x.via === 'policy').map((x) => x.uri)).size;
    let state: ControlState = 'not-addressed';
    if (entry) {
      if (isExcluded(entry)) state = 'excluded';
      else if (!isApplicable(entry)) state = 'undecided';
      else state = (['implemented', 'partial', 'planned', 'not-started'] as const).find((s) => s === entry.status?.value) ?? 'not-started';
    }
    return {
      id: c.id, title: c.title, theme: c.theme, state, hasErrors: errorsById.has(c.id), hasWarnings: warningsById.has(c.id), policies, risks,
      justification: entry?.justification?.value, owner: entry?.owner?.value,
      location: entry && soa ? { uri: soa.doc.uri, range: soa.doc.lines.range(entry.idSpan) } : undefined,
    };
  });
  const risksWithoutControls = index.registers.flatMap((r) => r.register.risks.filter((k) => k.controls.length === 0 && k.treatment?.value !== 'accept').map((k) => ({ id: k.id, title: k.title?.value, uri: r.doc.uri, range: r.doc.lines.range(k.idSpan) })));
  const overduePolicies = findings.filter((f) => f.code === 'policy/review-overdue').map((f) => {
    const md = index.markdown.find((m) => m.doc.uri === f.uri);
    const title = md?.md.frontMatter?.fields.get('title');
    return { uri: f.uri, title: title ? String((title.value as { value?: unknown } | undefined)?.value ?? '') : undefined, due: String(f.data?.due ?? ''), range: f.range };
  });
  return {
    root: index.scope.root,
    soaUri: soa?.doc.uri,
    organization: soa?.soa.header.get('organization')?.value ?? soa?.soa.header.get('organisation')?.value,
    decided: controls.filter((c) => c.state !== 'not-addressed' && c.state !== 'undecided').length,
    total: catalogue.controls.length,
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    controls, risksWithoutControls, overduePolicies,
  };
}
