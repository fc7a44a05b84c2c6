// The cross-file index of one scope: its SoAs, risk registers and policies, who cites which
// control, and which risks exist. Rebuilt from cached per-document models when the scope changes.
import type { ControlRef } from './controlRef';
import type { MarkdownDoc } from './markdown';
import type { Risk, RiskRegister } from './risks';
import type { Soa, SoaEntry } from './soa';
import type { Span } from './types';
import { dirnameUri, isUnder, joinUri } from './uris';
import { skipReason, type Doc, type Scope } from './workspace';

export interface SoaFile { doc: Doc; soa: Soa; byId: Map<string, SoaEntry[]> }
export interface RiskFile { doc: Doc; register: RiskRegister }
export interface PolicyFile { doc: Doc; md: MarkdownDoc; isPolicy: boolean }
export interface Citation { uri: string; span: Span; via: 'policy' | 'markdown' | 'soa' | 'risk'; riskId?: string }
export interface RiskHit { file: RiskFile; risk: Risk }

export interface ScopeIndex {
  scope: Scope;
  soas: SoaFile[];
  registers: RiskFile[];
  markdown: PolicyFile[];
  risks: Map<string, RiskHit[]>;
  /** Control ID to everything that cites it (policies, SoA entries, risks). */
  citations: Map<string, Citation[]>;
  /** What cites one control, without building the whole map when it is not built yet. */
  citationsOf(id: string): Citation[];
  /** Control ID to the IDs of risks whose `controls:` list names it. */
  risksByControl: Map<string, string[]>;
  /** The SoA that governs a document: the nearest one above it, else the first. */
  soaFor(uri: string): SoaFile | undefined;
  /** The risk register an SoA points to with `risk-register:`, else the scope's first. */
  registerFor(soa: SoaFile | undefined): RiskFile | undefined;
  /** The IDs of the risks in a register. */
  riskIds(file: RiskFile): ReadonlySet<string>;
  /** Whether a path (relative to a document) exists in the workspace. */
  fileExists(fromUri: string, relative: string): boolean;
  /** The indexed SoA, register or Markdown file of a document, found without scanning. */
  soaFile(uri: string): SoaFile | undefined;
  registerFile(uri: string): RiskFile | undefined;
  markdownFile(uri: string): PolicyFile | undefined;
}

/** A Markdown file of the index whose parse is done on first read of `md` (and cached by the document). */
function lazyPolicyFile(scope: Scope, doc: Doc, isPolicy: boolean): PolicyFile {
  // The index lives for one generation of the scope, so the parse it found can be kept here.
  let md: MarkdownDoc | undefined;
  return {
    doc,
    isPolicy,
    get md(): MarkdownDoc {
      if (md) return md;
      const m = scope.model(doc);
      if (m.kind !== 'policy' && m.kind !== 'markdown') throw new Error(`${doc.uri} is indexed as Markdown but parsed as ${m.kind}`);
      return (md = m.md);
    },
  };
}

const cache = new WeakMap<Scope, { key: string; index: ScopeIndex }>();

export function scopeIndex(scope: Scope, existing: (uri: string) => boolean, generationKey: string): ScopeIndex {
  const hit = cache.get(scope);
  if (hit?.key === generationKey) return hit.index;
  const index = buildIndex(scope, existing);
  cache.set(scope, { key: generationKey, index });
  return index;
}

function buildIndex(scope: Scope, existing: (uri: string) => boolean): ScopeIndex {
  const soas: SoaFile[] = [];
  const registers: RiskFile[] = [];
  const markdown: PolicyFile[] = [];
  const config = scope.config;
  for (const doc of scope.docs()) {
    // Markdown is parsed when a rule or feature first reads it, not to build the index: opening
    // one policy in a large workspace must not wait for every other policy to be parsed.
    const kind = scope.kindOf(doc.uri);
    if (kind === 'policy' || kind === 'markdown') {
      if (!skipReason(doc.text, config)) markdown.push(lazyPolicyFile(scope, doc, kind === 'policy'));
      continue;
    }
    if (kind !== 'soa' && kind !== 'risks') continue;
    const m = scope.model(doc);
    if (m.kind === 'soa') {
      const byId = new Map<string, SoaEntry[]>();
      for (const e of m.soa.entries) byId.set(e.id, [...(byId.get(e.id) ?? []), e]);
      soas.push({ doc, soa: m.soa, byId });
    } else if (m.kind === 'risks') registers.push({ doc, register: m.register });
  }
  const risks = new Map<string, RiskHit[]>();
  const riskCitations = new Map<string, Citation[]>();
  const risksByControl = new Map<string, string[]>();
  const cite = (map: Map<string, Citation[]>, id: string, c: Citation) => {
    const list = map.get(id);
    if (list) list.push(c); else map.set(id, [c]);
  };
  for (const file of registers) {
    for (const risk of file.register.risks) {
      risks.set(risk.id, [...(risks.get(risk.id) ?? []), { file, risk }]);
      for (const c of risk.controls) {
        if (!c.id) continue;
        cite(riskCitations, c.id, { uri: file.doc.uri, span: c.span, via: 'risk', riskId: risk.id });
        const ids = risksByControl.get(c.id) ?? [];
        if (!ids.includes(risk.id)) ids.push(risk.id);
        risksByControl.set(c.id, ids);
      }
    }
  }
  // Citations serve navigation and views, not the rules: build them on first use, so a keystroke
  // in the SoA does not walk every reference of every policy.
  let citations: Map<string, Citation[]> | undefined;
  const markdownCitation = (p: PolicyFile, r: ControlRef): Citation => ({ uri: p.doc.uri, span: r.span, via: p.isPolicy ? 'policy' : 'markdown' });
  const buildCitations = (): Map<string, Citation[]> => {
    const all = new Map<string, Citation[]>();
    for (const [id, list] of riskCitations) all.set(id, [...list]);
    for (const s of soas) for (const e of s.soa.entries) cite(all, e.id, { uri: s.doc.uri, span: e.idSpan, via: 'soa' });
    for (const p of markdown) for (const r of p.md.refs) cite(all, r.id, markdownCitation(p, r));
    return all;
  };
  const citationsOf = (id: string): Citation[] => {
    if (citations) return citations.get(id) ?? [];
    const out: Citation[] = [...(riskCitations.get(id) ?? [])];
    for (const s of soas) for (const e of s.byId.get(id) ?? []) out.push({ uri: s.doc.uri, span: e.idSpan, via: 'soa' });
    for (const p of markdown) {
      // Each version of a document knows the set of IDs it cites: most documents are skipped by one lookup.
      if (!p.doc.remember('cited-ids', [p.md], () => new Set(p.md.refs.map((r) => r.id))).has(id)) continue;
      for (const r of p.md.refs) if (r.id === id) out.push(markdownCitation(p, r));
    }
    return out;
  };
  const soaByUri = new Map(soas.map((s) => [s.doc.uri, s] as const));
  const registerByUri = new Map(registers.map((r) => [r.doc.uri, r] as const));
  const markdownByUri = new Map(markdown.map((m) => [m.doc.uri, m] as const));
  const soaMemo = new Map<string, SoaFile | undefined>();
  const soaFor = (uri: string): SoaFile | undefined => {
    if (!soaMemo.has(uri)) soaMemo.set(uri, findSoa(uri));
    return soaMemo.get(uri);
  };
  const findSoa = (uri: string): SoaFile | undefined => {
    let best: SoaFile | undefined;
    for (const s of soas) {
      const dir = dirnameUri(s.doc.uri);
      if (isUnder(dir, uri) && (!best || dir.length > dirnameUri(best.doc.uri).length)) best = s;
    }
    return best ?? soas[0];
  };
  const registerMemo = new Map<SoaFile | undefined, RiskFile | undefined>();
  const registerFor = (soa: SoaFile | undefined): RiskFile | undefined => {
    if (registerMemo.has(soa)) return registerMemo.get(soa);
    const found = findRegister(soa);
    registerMemo.set(soa, found);
    return found;
  };
  const findRegister = (soa: SoaFile | undefined): RiskFile | undefined => {
    const named = soa?.soa.riskRegister?.value;
    if (soa && named) {
      const target = joinUri(dirnameUri(soa.doc.uri), named);
      return registers.find((r) => r.doc.uri === target);
    }
    return registers[0];
  };
  const riskIdSets = new Map<RiskFile, Set<string>>();
  const riskIds = (file: RiskFile): Set<string> => {
    let ids = riskIdSets.get(file);
    if (!ids) riskIdSets.set(file, (ids = new Set(file.register.risks.map((r) => r.id))));
    return ids;
  };
  const fileExists = (fromUri: string, relative: string): boolean => {
    const clean = relative.replace(/[#?].*$/, '');
    return existing(joinUri(dirnameUri(fromUri), clean)) || existing(joinUri(scope.root, clean));
  };
  return {
    scope, soas, registers, markdown, risks, risksByControl, soaFor, registerFor, riskIds, fileExists,
    soaFile: (uri) => soaByUri.get(uri),
    registerFile: (uri) => registerByUri.get(uri),
    markdownFile: (uri) => markdownByUri.get(uri),
    get citations() { return (citations ??= buildCitations()); },
    citationsOf,
  };
}
