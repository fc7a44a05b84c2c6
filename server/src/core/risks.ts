// The risk register as a model with source spans: a map keyed by risk ID, or a list of
// entries with `id:`.
import { normaliseControlId } from './controlRef';
import { mapEntries, parseYaml, scalarText, scalarValue, seqItems, spanOf, spannedText, stringList, isMapping, isSequence, type ParsedYaml, type YamlProblem } from './yamlAst';
import type { Span, Spanned } from './types';

export const TREATMENT_VALUES = ['mitigate', 'accept', 'transfer', 'avoid'] as const;
export const RISK_FIELDS = ['id', 'title', 'description', 'owner', 'likelihood', 'impact', 'treatment', 'controls', 'status', 'residual', 'notes', 'asset', 'threat', 'vulnerability', 'due', 'review'] as const;

export interface RiskControlRef { raw: string; id: string | undefined; span: Span }

export interface Risk {
  id: string;
  idSpan: Span;
  span: Span;
  bodySpan: Span;
  title?: Spanned<string>;
  owner?: Spanned<string>;
  likelihood?: Spanned<unknown>;
  impact?: Spanned<unknown>;
  treatment?: Spanned<string>;
  controls: RiskControlRef[];
  controlsKey?: Span;
  unknownFields: { key: string; span: Span }[];
}

export interface RiskRegister {
  yaml: ParsedYaml;
  errors: YamlProblem[];
  risks: Risk[];
  risksKey?: Span;
  risksValue?: Span;
  form: 'map' | 'list' | 'none';
}

export function parseRiskRegister(text: string): RiskRegister {
  const yaml = parseYaml(text);
  const reg: RiskRegister = { yaml, errors: yaml.errors, risks: [], form: 'none' };
  const field = mapEntries(yaml.doc.contents, yaml).find((f) => f.key === 'risks');
  if (!field) return reg;
  reg.risksKey = field.keySpan;
  reg.risksValue = field.valueSpan;
  if (isMapping(field.value, yaml)) {
    reg.form = 'map';
    for (const e of mapEntries(field.value, yaml)) reg.risks.push(readRisk(e.key, e.keySpan, e.value, e.span, text, yaml));
  } else if (isSequence(field.value, yaml)) {
    reg.form = 'list';
    for (const item of seqItems(field.value, yaml)) {
      const idField = mapEntries(item, yaml).find((f) => f.key === 'id');
      reg.risks.push(readRisk(idField ? scalarText(idField.value, yaml) ?? '' : '', idField ? spanOf(idField.value, yaml.base) : spanOf(item, yaml.base), item, spanOf(item, yaml.base), text, yaml));
    }
  }
  return reg;
}

function readRisk(id: string, idSpan: Span, body: unknown, span: Span, text: string, y: ParsedYaml): Risk {
  const risk: Risk = { id, idSpan, span, bodySpan: spanOf(body as never, y.base), controls: [], unknownFields: [] };
  for (const f of mapEntries(body, y)) {
    switch (f.key) {
      case 'title': risk.title = spannedText(f.value, y); break;
      case 'owner': risk.owner = spannedText(f.value, y); break;
      case 'likelihood': risk.likelihood = { value: scalarValue(f.value, y), span: f.value ? f.valueSpan : f.keySpan }; break;
      case 'impact': risk.impact = { value: scalarValue(f.value, y), span: f.value ? f.valueSpan : f.keySpan }; break;
      case 'treatment': risk.treatment = spannedText(f.value, y); break;
      case 'controls':
        risk.controlsKey = f.keySpan;
        risk.controls = stringList(f.value, y, text).map((s) => ({ raw: s.value, id: normaliseControlId(s.value), span: s.span }));
        break;
      default:
        if (!(RISK_FIELDS as readonly string[]).includes(f.key) && !f.key.startsWith('x-')) risk.unknownFields.push({ key: f.key, span: f.keySpan });
    }
  }
  return risk;
}

/** Likelihood times impact when both are integers 1 to 5. */
export function riskRating(risk: Risk): number | undefined {
  const l = Number(risk.likelihood?.value);
  const i = Number(risk.impact?.value);
  return Number.isInteger(l) && Number.isInteger(i) && l >= 1 && l <= 5 && i >= 1 && i <= 5 ? l * i : undefined;
}
