// Checks of a risk register: values, duplicates, treatment, and the controls each risk names.
import { catalogue } from '../catalogue';
import { classifyControlId, findControlRefs } from '../controlRef';
import { TREATMENT_VALUES, RISK_FIELDS } from '../risks';
import type { RiskFile } from '../scopeIndex';
import { isExcluded } from '../soa';
import { suggestWord } from '../suggest';
import { reportUnknown } from './refRules';
import { editionRefs, registerDeclaration } from './contentRefs';
import { commentSpans } from './soaRules';
import type { RuleContext } from './context';

export function checkRiskRegister(ctx: RuleContext, file: RiskFile): void {
  const { register } = file;
  if (!register.risksKey && !register.errors.length) {
    ctx.report('risk/invalid-value', { start: 0, end: Math.min(1, ctx.doc.text.length) }, 'A risk register is a mapping with a `risks:` key.');
    return;
  }
  const soa = ctx.index.soaFor(file.doc.uri);
  const refs = editionRefs(ctx, registerDeclaration(register));
  const seen = new Map<string, number>();
  const listed: { start: number; end: number }[] = [];
  for (const risk of register.risks) {
    if (!risk.id) ctx.report('risk/invalid-value', risk.idSpan, 'This risk has no `id:`.');
    else if (seen.has(risk.id)) ctx.report('risk/duplicate-risk', risk.idSpan, `Risk ${risk.id} already appears at line ${seen.get(risk.id)}.`, { riskId: risk.id });
    else seen.set(risk.id, ctx.doc.lines.position(risk.idSpan.start).line + 1);
    for (const field of [risk.likelihood, risk.impact]) {
      if (!field) continue;
      const n = Number(field.value);
      if (field.value === null || field.value === undefined || !Number.isInteger(n) || n < 1 || n > 5) {
        ctx.report('risk/invalid-value', field.span, `${field === risk.likelihood ? 'Likelihood' : 'Impact'} must be a whole number from 1 to 5.`, { riskId: risk.id });
      }
    }
    if (risk.treatment && !(TREATMENT_VALUES as readonly string[]).includes(risk.treatment.value)) {
      const s = suggestWord(risk.treatment.value, TREATMENT_VALUES);
      ctx.report('risk/invalid-value', risk.treatment.span, `Treatment "${risk.treatment.value}" is not one of ${TREATMENT_VALUES.join(', ')}.${s ? ` Did you mean "${s}"?` : ''}`, { riskId: risk.id, field: 'treatment', suggestion: s });
    }
    for (const u of risk.unknownFields) {
      const s = suggestWord(u.key, RISK_FIELDS);
      if (s) ctx.report('risk/invalid-value', u.span, `Unknown risk field "${u.key}". Did you mean "${s}"?`, { riskId: risk.id, field: u.key, suggestion: s });
    }
    const controls = risk.controls;
    if (risk.treatment?.value === 'mitigate' && controls.length === 0) {
      ctx.report('risk/untreated', risk.controlsKey ?? risk.idSpan, `Risk ${risk.id} is to be mitigated but names no control that treats it.`, { riskId: risk.id });
    }
    for (const c of controls) {
      listed.push(c.span);
      const kind = c.id ? classifyControlId(c.id, true) : undefined;
      if (!c.id || kind === 'unknown' || !kind) reportUnknown(ctx, c.id ?? c.raw, c.span);
      else if (kind === 'legacy' || kind === 'objective') refs.legacy(c.id, c.span, kind);
      else if (soa && catalogue.control(c.id)) {
        const entries = soa.byId.get(c.id);
        if (entries?.some(isExcluded)) {
          ctx.report('risk/excluded-control', c.span, `Risk ${risk.id} is treated by ${c.id}, which the SoA excludes; include the control or choose another.`, { riskId: risk.id, id: c.id });
        }
      }
    }
  }
  // IDs in descriptions and notes are references too.
  const skip = [...listed, ...commentSpans(ctx.doc.text)].sort((a, b) => a.start - b.start);
  for (const ref of findControlRefs(ctx.doc.text, 0, ctx.doc.text.length, skip)) refs.check(ref);
  refs.finish();
}
