// ref/unknown-control and ref/legacy-control messages, reported for references found anywhere
// (rules/contentRefs.ts decides which references get them).
import { catalogue } from '../catalogue';
import { suggestControls } from '../suggest';
import type { Span } from '../types';
import type { RuleContext } from './context';

/** The 2022 successors of a 2013 control or objective, in catalogue order. */
export function successorsOf(id: string): string[] {
  const direct = catalogue.legacyControl(id)?.successors;
  const all = direct ?? catalogue.legacyObjective(id)?.controls.flatMap((c) => c.successors) ?? [];
  return [...new Set(all)].sort((a, b) => catalogue.order(a) - catalogue.order(b));
}

const titled = (id: string) => `${id} ${catalogue.control(id)?.title ?? ''}`.trim();

export function reportUnknown(ctx: RuleContext, id: string, span: Span): void {
  const line = ctx.doc.lines.lineText(ctx.doc.lines.position(span.start).line);
  const suggestions = /^A\.\d+\.\d+(\.\d+)?$/.test(id) ? suggestControls(id, line) : [];
  const hint = suggestions.length ? ` Did you mean ${suggestions.map(titled).join(', or ')}?` : '';
  ctx.report('ref/unknown-control', span, `${id} is not an ISO/IEC 27001 Annex A control.${hint}`, { id, suggestions });
}

export function reportLegacy(ctx: RuleContext, id: string, span: Span, kind: 'legacy' | 'objective'): void {
  const successors = successorsOf(id);
  const what = kind === 'legacy'
    ? `${id} ${catalogue.legacyControl(id)?.title ?? ''} is an ISO/IEC 27001:2013 control`
    : `${id} is an ISO/IEC 27001:2013 control objective (${catalogue.legacyObjective(id)?.domain ?? ''})`;
  const now = successors.length === 1 ? `its 2022 successor is ${titled(successors[0])}` : `its 2022 successors are ${successors.map(titled).join('; ')}`;
  ctx.report('ref/legacy-control', span, `${what}; ${now}.`, { id, successors });
}
