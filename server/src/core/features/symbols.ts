// Document symbols (SoA controls, risks, policy headings), workspace symbols (controls and
// risks) and the code lens on each SoA entry.
import { catalogue } from '../catalogue';
import { isExcluded } from '../soa';
import type { Span } from '../types';
import type { Workspace } from '../workspace';
import { indexFor } from '../diagnostics';
import type { FeatureContext } from './context';
import type { Location } from './navigation';

export interface SymbolEntry { name: string; detail?: string; kind: 'control' | 'risk' | 'heading'; span: Span; selection: Span; children?: SymbolEntry[]; uri?: string }

export function documentSymbols(ctx: FeatureContext): SymbolEntry[] {
  const m = ctx.model;
  if (m.kind === 'soa') {
    return m.soa.entries.map((e) => ({
      name: `${e.id} ${catalogue.control(e.id)?.title ?? ''}`.trim(),
      detail: isExcluded(e) ? 'excluded' : e.status?.value ?? '',
      kind: 'control' as const, span: e.span, selection: e.idSpan,
    }));
  }
  if (m.kind === 'risks') {
    return m.register.risks.map((r) => ({ name: `${r.id}${r.title ? ` ${r.title.value}` : ''}`, detail: r.treatment?.value, kind: 'risk' as const, span: r.span, selection: r.idSpan }));
  }
  if (m.kind === 'policy' || m.kind === 'markdown') {
    // Nest headings by depth.
    const roots: SymbolEntry[] = [];
    const stack: { depth: number; sym: SymbolEntry }[] = [];
    for (const h of m.md.headings) {
      const sym: SymbolEntry = { name: h.text || '(untitled)', kind: 'heading', span: h.span, selection: h.span, children: [] };
      while (stack.length && stack[stack.length - 1].depth >= h.depth) stack.pop();
      (stack.length ? stack[stack.length - 1].sym.children! : roots).push(sym);
      stack.push({ depth: h.depth, sym });
    }
    return roots;
  }
  return [];
}

export function workspaceSymbols(ws: Workspace, query: string): SymbolEntry[] {
  const q = query.toLowerCase();
  const out: SymbolEntry[] = [];
  for (const scope of ws.allScopes()) {
    const docs = scope.docs();
    if (!docs.length) continue;
    const index = indexFor(ws, docs[0].uri);
    for (const s of index.soas) for (const e of s.soa.entries) {
      const name = `${e.id} ${catalogue.control(e.id)?.title ?? ''}`.trim();
      if (name.toLowerCase().includes(q)) out.push({ name, detail: e.status?.value, kind: 'control', span: e.span, selection: e.idSpan, uri: s.doc.uri });
    }
    for (const r of index.registers) for (const risk of r.register.risks) {
      const name = `${risk.id}${risk.title ? ` ${risk.title.value}` : ''}`;
      if (name.toLowerCase().includes(q)) out.push({ name, kind: 'risk', span: risk.span, selection: risk.idSpan, uri: r.doc.uri });
    }
  }
  return out.slice(0, 500);
}

export interface Lens { span: Span; title: string; locations: Location[] }

export function codeLenses(ctx: FeatureContext): Lens[] {
  if (ctx.model.kind !== 'soa') return [];
  return ctx.model.soa.entries.filter((e) => e.idValid).map((e) => {
    const cites = ctx.index.citations.get(e.id) ?? [];
    const policies = cites.filter((c) => c.via === 'policy');
    const risks = new Set([...e.risks.map((r) => r.value), ...(ctx.index.risksByControl.get(e.id) ?? [])]);
    const riskLocs = cites.filter((c) => c.via === 'risk');
    const policyCount = new Set(policies.map((p) => p.uri)).size;
    return {
      span: e.idSpan,
      title: `cited by ${policyCount} ${policyCount === 1 ? 'policy' : 'policies'} · ${risks.size} ${risks.size === 1 ? 'risk' : 'risks'}`,
      locations: [...policies, ...riskLocs].map((c) => ({ uri: c.uri, span: c.span })),
    };
  });
}
