// The Statement of Applicability as a model with source spans. `controls` may be a map keyed
// by control ID (canonical) or a list of entries with `id:` (common after spreadsheet imports).
import { normaliseControlId } from './controlRef';
import { mapEntries, parseYaml, scalarText, scalarValue, seqItems, spanOf, spannedText, stringList, isMapping, isSequence, type ParsedYaml, type YamlProblem } from './yamlAst';
import type { Span, Spanned } from './types';

export const STATUS_VALUES = ['not-started', 'planned', 'partial', 'implemented'] as const;
export const EXCLUDED_STATUS_VALUES = ['excluded', 'not-applicable'] as const;
export const REASON_VALUES = ['risk', 'legal', 'regulatory', 'contractual', 'business', 'best-practice'] as const;
export const ENTRY_FIELDS = ['id', 'applicable', 'status', 'reasons', 'risks', 'justification', 'owner', 'policies', 'evidence', 'title', 'notes'] as const;
export const HEADER_FIELDS = ['standard', 'organization', 'organisation', 'version', 'approved-by', 'approved-on', 'risk-register', 'scope', 'controls', 'owner', 'date', 'title'] as const;

export interface SoaEntry {
  /** Normalised control ID, or the key as written when it is not an ID at all. */
  id: string;
  /** False when the key is not shaped like a control ID. */
  idValid: boolean;
  idSpan: Span;
  /** Key and value, for code lenses and edits. */
  span: Span;
  /** Where the entry's fields start (the mapping), for inserting a field. */
  bodySpan: Span;
  bodyIsMap: boolean;
  applicable?: Spanned<unknown>;
  status?: Spanned<string>;
  reasons: Spanned<string>[];
  risks: Spanned<string>[];
  policies: Spanned<string>[];
  justification?: Spanned<string>;
  owner?: Spanned<string>;
  evidence?: Spanned<string>;
  /** Fields we do not know (x- fields are allowed). */
  unknownFields: { key: string; span: Span }[];
  /** Field name to the span of its key, for diagnostics on fields that are missing a value. */
  fieldKeys: Map<string, Span>;
}

export interface Soa {
  yaml: ParsedYaml;
  errors: YamlProblem[];
  header: Map<string, Spanned<string>>;
  riskRegister?: Spanned<string>;
  standard?: Spanned<string>;
  controlsKey?: Span;
  controlsValue?: Span;
  form: 'map' | 'list' | 'none';
  entries: SoaEntry[];
  /** The root is not a mapping (empty file, a list, a scalar). */
  malformedRoot: boolean;
}

export function parseSoa(text: string): Soa {
  const yaml = parseYaml(text);
  const soa: Soa = { yaml, errors: yaml.errors, header: new Map(), form: 'none', entries: [], malformedRoot: !isMapping(yaml.doc.contents, yaml) };
  for (const field of mapEntries(yaml.doc.contents, yaml)) {
    if (field.key === 'controls') {
      soa.controlsKey = field.keySpan;
      soa.controlsValue = field.valueSpan;
      if (isMapping(field.value, yaml)) {
        soa.form = 'map';
        for (const e of mapEntries(field.value, yaml)) soa.entries.push(readEntryNode(e.key, e.keySpan, e.value, e.span, text, yaml));
      } else if (isSequence(field.value, yaml)) {
        soa.form = 'list';
        for (const item of seqItems(field.value, yaml)) {
          const idField = mapEntries(item, yaml).find((f) => f.key === 'id');
          const idText = idField ? scalarText(idField.value, yaml) ?? '' : '';
          const idSpan = idField ? spanOf(idField.value, yaml.base) : spanOf(item, yaml.base);
          soa.entries.push(readEntryNode(idText, idSpan, item, spanOf(item, yaml.base), text, yaml));
        }
      }
      continue;
    }
    const value = spannedText(field.value, yaml);
    if (value) soa.header.set(field.key, value);
  }
  soa.riskRegister = soa.header.get('risk-register');
  soa.standard = soa.header.get('standard');
  return soa;
}

/** Reads one entry (key or `id:` and its fields); shared with the incremental parser. */
export function readEntryNode(rawId: string, idSpan: Span, body: unknown, span: Span, text: string, y: ParsedYaml): SoaEntry {
  const normalised = normaliseControlId(rawId);
  const entry: SoaEntry = {
    id: normalised ?? rawId,
    idValid: normalised !== undefined,
    idSpan,
    span: trimTrailing(text, span, y.base),
    bodySpan: trimTrailing(text, spanOf(body as never, y.base), y.base),
    bodyIsMap: isMapping(body, y),
    reasons: [],
    risks: [],
    policies: [],
    unknownFields: [],
    fieldKeys: new Map(),
  };
  for (const f of mapEntries(body, y)) {
    entry.fieldKeys.set(f.key, f.keySpan);
    switch (f.key) {
      case 'applicable': {
        const v = scalarValue(f.value, y);
        entry.applicable = { value: v === undefined ? null : v, span: f.value ? f.valueSpan : f.keySpan };
        break;
      }
      case 'status': entry.status = spannedText(f.value, y); break;
      case 'reasons': entry.reasons = stringList(f.value, y, text); break;
      case 'risks': entry.risks = stringList(f.value, y, text); break;
      case 'policies': entry.policies = stringList(f.value, y, text); break;
      case 'justification': entry.justification = spannedText(f.value, y); break;
      case 'owner': entry.owner = spannedText(f.value, y); break;
      case 'evidence': entry.evidence = spannedText(f.value, y) ?? joinList(stringList(f.value, y, text)); break;
      default:
        if (!(ENTRY_FIELDS as readonly string[]).includes(f.key) && !f.key.startsWith('x-')) entry.unknownFields.push({ key: f.key, span: f.keySpan });
    }
  }
  return entry;
}

function joinList(items: Spanned<string>[]): Spanned<string> | undefined {
  if (!items.length) return undefined;
  return { value: items.map((i) => i.value).join('; '), span: { start: items[0].span.start, end: items[items.length - 1].span.end } };
}

/** Reads `applicable:` leniently: booleans, and yes/no/y/n as spreadsheets write them. */
export function applicableValue(entry: SoaEntry): boolean | undefined | 'invalid' {
  const v = entry.applicable?.value;
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  const s = String(v).trim().toLowerCase();
  if (['yes', 'y', 'true', 'included', 'applicable'].includes(s)) return true;
  if (['no', 'n', 'false', 'excluded', 'not applicable', 'not-applicable'].includes(s)) return false;
  return 'invalid';
}

/** Whether the entry excludes its control (applicable: false, or an exclusion status). */
export function isExcluded(entry: SoaEntry): boolean {
  return applicableValue(entry) === false || (EXCLUDED_STATUS_VALUES as readonly string[]).includes(entry.status?.value ?? '');
}

/** Whether the entry has been decided either way. */
export function isDecided(entry: SoaEntry): boolean {
  return isExcluded(entry) || isApplicable(entry);
}

/** Applicable when it says so, or when its status says work is planned or done. */
export function isApplicable(entry: SoaEntry): boolean {
  if (isExcluded(entry)) return false;
  const a = applicableValue(entry);
  if (a !== undefined) return a === true;
  return ['planned', 'partial', 'implemented'].includes(entry.status?.value ?? '');
}

/**
 * Ends a span at its last content character, not at trailing blank or comment lines, which the
 * YAML parser attributes differently depending on what follows.
 */
function trimTrailing(text: string, span: Span, base: number): Span {
  let end = span.end - base;
  for (;;) {
    while (end > span.start - base && /\s/.test(text[end - 1])) end--;
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    if (lineStart <= span.start - base || !/^\s*#/.test(text.slice(lineStart, end))) break;
    end = lineStart;
  }
  return { start: span.start, end: Math.max(span.start, end + base) };
}
