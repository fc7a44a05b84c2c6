// Document links, go to definition and find references: controls to their SoA entry (or the
// catalogue page), risks to the register, policy paths to files.
import { catalogue } from '../catalogue';
import type { ScopeIndex } from '../scopeIndex';
import type { Span } from '../types';
import { dirnameUri, joinUri } from '../uris';
import type { FeatureContext } from './context';
import { refAt } from './documentRefs';

export interface LinkTarget { span: Span; target: string; tooltip?: string }
export interface Location { uri: string; span: Span }

/** Where readable catalogue pages live; supplied by the host (it knows where it is installed). */
export type CataloguePage = (id: string) => string | undefined;

export function documentLinks(ctx: FeatureContext, page: CataloguePage): LinkTarget[] {
  const out: LinkTarget[] = [];
  for (const r of ctx.refs.controls) {
    if (r.kind === 'unknown' || r.inRange) continue;
    const target = page(r.kind === 'objective' ? catalogue.legacyObjective(r.id)?.controls[0].id ?? r.id : r.id);
    if (target) out.push({ span: r.span, target, tooltip: `${r.id} ${catalogue.control(r.id)?.title ?? catalogue.legacyControl(r.id)?.title ?? ''}`.trim() });
  }
  for (const c of ctx.refs.clauses) {
    const target = page(`clause-${c.id}`);
    if (target) out.push({ span: c.span, target, tooltip: `Clause ${c.id} ${catalogue.clause(c.id)?.title ?? ''}` });
  }
  for (const p of ctx.refs.paths) {
    if (/^[a-z]+:\/\//i.test(p.path)) continue;
    const target = resolvePath(ctx, p.path);
    if (target) out.push({ span: p.span, target });
  }
  return out;
}

function resolvePath(ctx: FeatureContext, path: string): string | undefined {
  const clean = path.replace(/[#?].*$/, '');
  for (const base of [dirnameUri(ctx.doc.uri), ctx.scope.root]) {
    const uri = joinUri(base, clean);
    if (ctx.ws.exists(uri)) return uri;
  }
  return undefined;
}

export function definition(ctx: FeatureContext, offset: number, page: CataloguePage): Location[] {
  const control = refAt(ctx.refs.controls, offset);
  if (control) {
    const soa = ctx.index.soaFor(ctx.doc.uri);
    const entries = soa?.byId.get(control.id);
    if (soa && entries?.length && !(ctx.model.kind === 'soa' && entries.some((e) => e.idSpan.start === control.span.start))) {
      return entries.map((e) => ({ uri: soa.doc.uri, span: e.idSpan }));
    }
    const target = page(control.id);
    return target ? [{ uri: target, span: { start: 0, end: 0 } }] : [];
  }
  const risk = refAt(ctx.refs.risks, offset);
  if (risk) return (ctx.index.risks.get(risk.id) ?? []).map((h) => ({ uri: h.file.doc.uri, span: h.risk.idSpan }));
  const path = refAt(ctx.refs.paths, offset);
  if (path) {
    const target = resolvePath(ctx, path.path);
    return target ? [{ uri: target, span: { start: 0, end: 0 } }] : [];
  }
  const clause = refAt(ctx.refs.clauses, offset);
  if (clause) {
    const target = page(`clause-${clause.id}`);
    return target ? [{ uri: target, span: { start: 0, end: 0 } }] : [];
  }
  return [];
}

export function references(ctx: FeatureContext, offset: number, includeDeclaration = true): Location[] {
  const control = refAt(ctx.refs.controls, offset);
  if (control) {
    return ctx.index.citationsOf(control.id)
      .filter((c) => includeDeclaration || c.via !== 'soa')
      .map((c) => ({ uri: c.uri, span: c.span }));
  }
  const risk = refAt(ctx.refs.risks, offset);
  if (risk) return riskReferences(ctx.index, risk.id, includeDeclaration);
  return [];
}

/** The register entry of a risk, the SoA entries linking it and every mention in Markdown. */
export function riskReferences(index: ScopeIndex, riskId: string, includeDeclaration = true): Location[] {
  const out: Location[] = [];
  if (includeDeclaration) for (const h of index.risks.get(riskId) ?? []) out.push({ uri: h.file.doc.uri, span: h.risk.idSpan });
  for (const s of index.soas) for (const e of s.soa.entries) for (const r of e.risks) if (r.value === riskId) out.push({ uri: s.doc.uri, span: r.span });
  for (const m of index.markdown) {
    for (const match of m.doc.text.matchAll(new RegExp(`(?<![\\w-])${riskId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'g'))) {
      out.push({ uri: m.doc.uri, span: { start: match.index!, end: match.index! + riskId.length } });
    }
  }
  return out;
}
