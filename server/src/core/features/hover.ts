// Hover: a control's facts and this workspace's SoA entry first, our guidance beneath; 2013
// IDs with their successors; clauses with their summary; risks with rating and treatment.
import { catalogue, type Control } from '../catalogue';
import type { ControlRef } from '../controlRef';
import { successorsOf } from '../rules/refRules';
import { isTraceable, listIds } from '../rules/traceability';
import { riskRating } from '../risks';
import type { ScopeIndex } from '../scopeIndex';
import { applicableValue, isExcluded, type SoaEntry } from '../soa';
import type { Range } from '../types';
import { basename } from '../uris';
import type { FeatureContext } from './context';
import { refAt } from './documentRefs';

export interface HoverResult { markdown: string; range: Range }

export function hover(ctx: FeatureContext, offset: number): HoverResult | undefined {
  const { refs, doc, index } = ctx;
  const control = refAt(refs.controls, offset);
  if (control) return { markdown: controlHover(control, index, ctx.doc.uri), range: doc.lines.range(control.span) };
  const clause = refAt(refs.clauses, offset);
  if (clause) return { markdown: clauseHover(clause.id), range: doc.lines.range(clause.span) };
  const foreign = refAt(refs.foreign, offset);
  if (foreign) return { markdown: foreignHover(foreign.id, foreign.standard), range: doc.lines.range(foreign.span) };
  const risk = refAt(refs.risks, offset);
  if (risk) {
    const md = riskHover(risk.id, index);
    if (md) return { markdown: md, range: doc.lines.range(risk.span) };
  }
  return undefined;
}

/** An ID whose context names another standard: say whose it is instead of showing our control. */
export function foreignHover(id: string, standard: string): string {
  return `**${id}** belongs to ${standard} here, not to ISO/IEC 27001 Annex A: the text around it names that standard. ISMS Author has no catalogue for it, so it is neither linked nor checked.`;
}

const human = (values: string[]) => values.map((v) => v.replace(/_/g, ' ')).join(', ');

export function controlHover(ref: Pick<ControlRef, 'id' | 'kind'>, index: ScopeIndex, fromUri: string): string {
  if (ref.kind === 'legacy' || ref.kind === 'objective') return legacyHover(ref.id);
  const c = catalogue.control(ref.id);
  if (!c) return `**${ref.id}** is not an ISO/IEC 27001 Annex A control.`;
  return [controlFacts(c), workspaceStatus(c, index, fromUri), guidanceSections(c)].filter(Boolean).join('\n\n---\n\n');
}

export function controlFacts(c: Control): string {
  const a = c.attributes;
  const lineage = c.isNew ? 'New in ISO/IEC 27001:2022.' : `ISO/IEC 27001:2013: ${c.predecessors.join(', ')}.`;
  return [
    `**${c.id} ${c.title}**  \n${c.theme} control · ISO/IEC 27001:2022 Annex A · ${lineage}`,
    `| Attribute | Values |\n|---|---|\n| Control type | ${human(a.controlType)} |\n| Properties | ${human(a.securityProperties)} |\n| Concepts | ${human(a.cybersecurityConcepts)} |\n| Capabilities | ${human(a.operationalCapabilities)} |\n| Domains | ${human(a.securityDomains)} |`,
  ].join('\n\n');
}

function workspaceStatus(c: Control, index: ScopeIndex, fromUri: string): string {
  const soa = index.soaFor(fromUri);
  if (!soa) return '_No Statement of Applicability in this workspace yet._';
  const entries = soa.byId.get(c.id);
  const name = basename(soa.doc.uri);
  if (!entries?.length) return `**In ${name}:** not addressed (no entry).`;
  const e: SoaEntry = entries[0];
  const parts: string[] = [];
  const a = applicableValue(e);
  parts.push(isExcluded(e) ? 'excluded' : a === true ? 'applicable' : 'applicability not decided');
  if (e.status) parts.push(`status ${e.status.value}`);
  if (e.owner) parts.push(`owner ${e.owner.value}`);
  const register = index.registerFor(soa);
  const riskIds = [...new Set([...e.risks.map((r) => r.value), ...(index.risksByControl.get(c.id) ?? [])])];
  const riskText = riskIds.map((id) => {
    const r = register?.register.risks.find((x) => x.id === id);
    return r?.title ? `${id} (${r.title.value})` : id;
  });
  const lines = [`**In ${name}:** ${parts.join(' · ')}`];
  if (riskText.length) lines.push(`Risks: ${riskText.join('; ')}`);
  // What a finding reported once for many entries says about this one.
  if (!isExcluded(e) && a === true && !isTraceable({ index }, soa, e)) {
    lines.push(`No risk linked and no other reason recorded${!register ? ' (there is no risk register in this scope)' : register.register.risks.length ? '' : ' (the risk register lists no risk yet)'}.`);
  }
  if (e.justification) {
    const text = e.justification.value.trim();
    const others = soa.soa.entries.filter((x) => x !== e && x.justification?.value.trim() === text).map((x) => x.id);
    const shared = others.length ? ` _(the same text as ${others.length} other control${others.length === 1 ? '' : 's'}: ${listIds(others)})_` : '';
    lines.push(`Justification: ${text}${shared}`);
  }
  const policies = new Set(index.citationsOf(c.id).filter((x) => x.via === 'policy').map((x) => basename(x.uri)));
  if (policies.size) lines.push(`Cited by: ${[...policies].join(', ')}`);
  return lines.join('  \n');
}

function guidanceSections(c: Control): string {
  const g = c.guidance;
  if (!g) return '';
  const out = [`**Intent.** ${g.intent}`, '**How to implement**', g.implement.map((s, i) => `${i + 1}. ${s}`).join('\n')];
  out.push('#### Evidence auditors ask for', g.evidence.map((s) => `- ${s}`).join('\n'));
  out.push('#### Common gaps', g.gaps.map((s) => `- ${s}`).join('\n'));
  if (g.changes) out.push('#### What changed from 2013', g.changes);
  const related = g.related.map((id) => `${id} ${catalogue.control(id)?.title ?? ''}`).join('; ');
  out.push(`Related: ${related}  \nUsually covered by: ${g.policy}`);
  return out.join('\n\n');
}

function legacyHover(id: string): string {
  const successors = successorsOf(id);
  const list = successors.map((s) => `- ${s} ${catalogue.control(s)?.title ?? ''}`).join('\n');
  const legacy = catalogue.legacyControl(id);
  const head = legacy
    ? `**${id} ${legacy.title}**  \nISO/IEC 27001:2013 control (${legacy.domain}), withdrawn with the 2022 edition.`
    : `**${id}**  \nISO/IEC 27001:2013 control objective (${catalogue.legacyObjective(id)?.domain ?? ''}), withdrawn with the 2022 edition.`;
  return `${head}\n\n**ISO/IEC 27001:2022 successor${successors.length === 1 ? '' : 's'}:**\n${list}`;
}

export function clauseHover(id: string): string {
  const c = catalogue.clause(id);
  if (!c) return `Clause ${id}`;
  const out = [`**Clause ${c.id} ${c.title}**  \nISO/IEC 27001:2022 management system requirement.`];
  if (c.guidance) out.push(c.guidance.summary);
  if (c.guidance?.documents.length) out.push(`**Documented information:** ${c.guidance.documents.join('; ')}`);
  if (c.note) out.push(`_${c.note}_`);
  return out.join('\n\n');
}

function riskHover(id: string, index: ScopeIndex): string | undefined {
  const hit = index.risks.get(id)?.[0];
  if (!hit) return undefined;
  const r = hit.risk;
  const rating = riskRating(r);
  const lines = [`**${r.id}${r.title ? ` ${r.title.value}` : ''}**`];
  const facts: string[] = [];
  if (rating !== undefined) facts.push(`rating ${rating} (likelihood ${r.likelihood?.value} × impact ${r.impact?.value})`);
  if (r.treatment) facts.push(`treatment ${r.treatment.value}`);
  if (r.owner) facts.push(`owner ${r.owner.value}`);
  if (facts.length) lines.push(facts.join(' · '));
  if (r.controls.length) lines.push(`Controls: ${r.controls.map((c) => `${c.id ?? c.raw}${c.id && catalogue.control(c.id) ? ` ${catalogue.control(c.id)!.title}` : ''}`).join('; ')}`);
  lines.push(`_Risk register: ${basename(hit.file.doc.uri)}_`);
  return lines.join('  \n');
}
