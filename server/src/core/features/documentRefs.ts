// Every reference in one document (controls, clauses, risks, file paths), computed once per
// document version and shared by hover, links, definition, references and completion.
import { classifyControlId, findClauseRefs, findControlRefs, type ClauseRef, type ControlRef } from '../controlRef';
import { commentSpans } from '../rules/soaRules';
import type { ForeignRef } from '../refStandard';
import type { ScopeIndex } from '../scopeIndex';
import type { Span } from '../types';
import type { Doc, Model } from '../workspace';

export interface RiskRef { id: string; span: Span; definition?: boolean }
export interface PathRef { path: string; span: Span }

export interface DocumentRefs {
  controls: ControlRef[];
  clauses: ClauseRef[];
  risks: RiskRef[];
  paths: PathRef[];
  /** IDs that belong to another standard by their context: hover says which, nothing else uses them. */
  foreign: ForeignRef[];
}

const cache = new WeakMap<Doc, { key: ScopeIndex; refs: DocumentRefs }>();

export function documentRefs(doc: Doc, model: Model, index: ScopeIndex): DocumentRefs {
  const hit = cache.get(doc);
  if (hit?.key === index) return hit.refs;
  const refs = compute(doc, model, index);
  cache.set(doc, { key: index, refs });
  return refs;
}

const RISK_ID = /(?<![\w-])[A-Z][A-Z0-9]{0,9}-\d{1,5}(?![\w-])/g;

function compute(doc: Doc, model: Model, index: ScopeIndex): DocumentRefs {
  const text = doc.text;
  const out: DocumentRefs = { controls: [], clauses: [], risks: [], paths: [], foreign: [] };
  const knownRisk = (id: string) => index.risks.has(id);
  if (model.kind === 'policy' || model.kind === 'markdown') {
    out.controls = model.md.refs;
    out.clauses = model.md.clauseRefs;
    out.foreign = model.md.foreign;
    for (const m of text.matchAll(RISK_ID)) {
      const start = m.index!;
      if (knownRisk(m[0]) && !model.md.skip.some((s) => s.start <= start && start < s.end)) out.risks.push({ id: m[0], span: { start, end: start + m[0].length } });
    }
  } else if (model.kind === 'soa') {
    const structured: Span[] = [];
    for (const e of model.soa.entries) {
      const kind = e.idValid ? classifyControlId(e.id, true) : undefined;
      if (kind) out.controls.push({ id: e.id, kind, span: e.idSpan });
      structured.push(e.idSpan);
      for (const r of e.risks) out.risks.push({ id: r.value, span: r.span });
      for (const p of e.policies) out.paths.push({ path: p.value, span: p.span });
    }
    if (model.soa.riskRegister) out.paths.push({ path: model.soa.riskRegister.value, span: model.soa.riskRegister.span });
    const skip = [...structured, ...commentSpans(text)].sort((a, b) => a.start - b.start);
    out.controls.push(...findControlRefs(text, 0, text.length, skip));
    out.clauses = findClauseRefs(text, 0, text.length, commentSpans(text));
  } else if (model.kind === 'risks') {
    const structured: Span[] = [];
    for (const r of model.register.risks) {
      out.risks.push({ id: r.id, span: r.idSpan, definition: true });
      for (const c of r.controls) {
        structured.push(c.span);
        const kind = c.id ? classifyControlId(c.id, true) : undefined;
        if (c.id && kind) out.controls.push({ id: c.id, kind, span: c.span });
      }
    }
    const skip = [...structured, ...commentSpans(text)].sort((a, b) => a.start - b.start);
    out.controls.push(...findControlRefs(text, 0, text.length, skip));
  }
  out.controls.sort((a, b) => a.span.start - b.span.start);
  return out;
}

/** The innermost reference under an offset: explicit IDs win over the range they sit in. */
export function refAt<T extends { span: Span; inRange?: boolean }>(refs: readonly T[], offset: number): T | undefined {
  const hits = refs.filter((r) => r.span.start <= offset && offset <= r.span.end);
  return hits.sort((a, b) => Number(!!a.inRange) - Number(!!b.inRange) || (a.span.end - a.span.start) - (b.span.end - b.span.start))[0];
}
