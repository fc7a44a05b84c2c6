// What an assistant needs to know about one control before it writes about it: the catalogue
// facts and our guidance, and this workspace's SoA entry, linked risks and citing policies.
// Accepts 2022 IDs, 2013 IDs (answered with their successors) and clause numbers.
import { catalogue, type ControlGuidance } from '../catalogue';
import { classifyControlId, normaliseControlId } from '../controlRef';
import { riskRating } from '../risks';
import type { ScopeIndex } from '../scopeIndex';
import { applicableValue, isExcluded } from '../soa';
import { suggestControls } from '../suggest';
import { ToolInputError } from './errors';

export interface ControlWorkspaceStatus {
  /** The scope folder, relative to the served folder ("" for the folder itself). */
  scope: string;
  soaFile?: string;
  /** For a 2022 control: excluded, applicable, undecided or not-addressed (no entry). A 2013 ID has no SoA entry of its own. */
  decision?: 'applicable' | 'excluded' | 'undecided' | 'not-addressed';
  entry?: {
    line: number;
    applicable?: unknown;
    status?: string;
    reasons: string[];
    justification?: string;
    owner?: string;
    policies: string[];
    evidence?: string;
  };
  risks: { id: string; title?: string; rating?: number; treatment?: string; file?: string }[];
  citingPolicies: { file: string; line: number }[];
}

export interface ControlInfo {
  id: string;
  kind: 'control' | 'legacy-control' | 'legacy-objective' | 'clause';
  title: string;
  edition: '2022' | '2013';
  theme?: string;
  isNew?: boolean;
  attributes?: Record<string, string[]>;
  /** For a 2022 control: the 2013 IDs it replaces. */
  predecessors?: { id: string; title?: string }[];
  /** For a 2013 control or objective: the 2022 controls to cite instead. */
  successors?: { id: string; title?: string }[];
  guidance?: ControlGuidance;
  clauseSummary?: string;
  documentedInformation?: string[];
  workspace: ControlWorkspaceStatus[];
}

export interface ScopeView { index: ScopeIndex; scope: string; file: (uri: string) => string }

const CLAUSE_INPUT = /^(?:clause|§)\s*(\d{1,2}(?:\.\d{1,2}){0,2})$/i;

export function controlInfo(rawId: string, scopes: readonly ScopeView[]): ControlInfo {
  const input = String(rawId ?? '').trim();
  if (!input) throw new ToolInputError('Give a control ID such as A.5.15 (2022), A.9.2.3 (2013) or a clause such as "clause 6.1.3".');
  const clauseId = CLAUSE_INPUT.exec(input)?.[1] ?? (/^\d{1,2}(?:\.\d{1,2}){0,2}$/.test(input) && !catalogue.control(`A.${input}`) ? input : undefined);
  if (clauseId) {
    const clause = catalogue.clause(clauseId);
    if (!clause) throw new ToolInputError(`"${input}" is not a clause of ISO/IEC 27001:2022 (clauses run from 4 to 10.2).`);
    return { id: clause.id, kind: 'clause', title: clause.title, edition: '2022', clauseSummary: clause.guidance?.summary, documentedInformation: clause.guidance?.documents, workspace: [] };
  }
  const id = normaliseControlId(input);
  const kind = id ? classifyControlId(id, true) : undefined;
  if (!id || !kind || kind === 'unknown') {
    const near = id ? suggestControls(id) : [];
    throw new ToolInputError(`"${input.slice(0, 60)}" is not an ISO/IEC 27001 Annex A control${near.length ? `; did you mean ${near.join(', ')}?` : '.'} 2022 controls run from A.5.1 to A.8.34.`);
  }
  const titled = (x: string) => ({ id: x, title: catalogue.control(x)?.title ?? catalogue.legacyControl(x)?.title });
  if (kind === 'legacy') {
    const l = catalogue.legacyControl(id)!;
    return { id, kind: 'legacy-control', title: l.title, edition: '2013', successors: l.successors.map(titled), workspace: scopes.map((s) => statusIn(s, id, false)) };
  }
  if (kind === 'objective') {
    const o = catalogue.legacyObjective(id)!;
    const successors = [...new Set(o.controls.flatMap((c) => c.successors))];
    return { id, kind: 'legacy-objective', title: o.domain, edition: '2013', successors: successors.map(titled), workspace: [] };
  }
  const c = catalogue.control(id)!;
  const a = c.attributes;
  return {
    id, kind: 'control', title: c.title, edition: '2022', theme: c.theme, isNew: c.isNew,
    attributes: { controlType: a.controlType, securityProperties: a.securityProperties, cybersecurityConcepts: a.cybersecurityConcepts, operationalCapabilities: a.operationalCapabilities, securityDomains: a.securityDomains },
    predecessors: c.predecessors.map(titled),
    ...(c.guidance ? { guidance: c.guidance } : {}),
    workspace: scopes.map((s) => statusIn(s, id, true)),
  };
}

/** The control in one scope; a 2013 ID has no SoA entry, so only its citations are listed. */
function statusIn(view: ScopeView, id: string, current: boolean): ControlWorkspaceStatus {
  const { index } = view;
  const soa = index.soas[0];
  const citingPolicies = index.citationsOf(id).filter((x) => x.via === 'policy' || x.via === 'markdown')
    .map((x) => ({ file: view.file(x.uri), line: index.markdownFile(x.uri)?.doc.lines.position(x.span.start).line ?? 0 }))
    .map((x) => ({ ...x, line: x.line + 1 }));
  const entry = current ? soa?.byId.get(id)?.[0] : undefined;
  const riskIds = current ? [...new Set([...(entry?.risks.map((r) => r.value) ?? []), ...(index.risksByControl.get(id) ?? [])])] : [];
  const risks = riskIds.map((rid) => {
    const hit = index.risks.get(rid)?.[0];
    const rating = hit ? riskRating(hit.risk) : undefined;
    return { id: rid, title: hit?.risk.title?.value, ...(rating !== undefined ? { rating } : {}), treatment: hit?.risk.treatment?.value, file: hit ? view.file(hit.file.doc.uri) : undefined };
  });
  const decision = !current ? undefined : !entry ? 'not-addressed' : isExcluded(entry) ? 'excluded' : applicableValue(entry) === true ? 'applicable' : 'undecided';
  return {
    scope: view.scope,
    soaFile: soa ? view.file(soa.doc.uri) : undefined,
    ...(decision ? { decision } : {}),
    ...(entry && soa ? {
      entry: {
        line: soa.doc.lines.position(entry.idSpan.start).line + 1,
        applicable: entry.applicable?.value,
        status: entry.status?.value,
        reasons: entry.reasons.map((r) => r.value),
        justification: entry.justification?.value,
        owner: entry.owner?.value,
        policies: entry.policies.map((p) => p.value),
        evidence: entry.evidence?.value,
      },
    } : {}),
    risks,
    citingPolicies,
  };
}
