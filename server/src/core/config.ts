// Project configuration (`isms.config.yaml` at the root of an ISMS scope). The defaults here are
// the single source of truth: docs/configuration.md and package.json are tested against them.
import { DIAGNOSTIC_CODES, type DiagnosticCode } from './codes';
import { isMapping, mapEntries, parseYaml, scalarText, scalarValue, spanOf, stringList, type YamlProblem } from './yamlAst';
import type { SeveritySetting, Span } from './types';

/** SoA fields that can show a control marked implemented is real (`implemented.*` settings). */
export const EVIDENCE_FIELDS = ['policies', 'evidence', 'owner'] as const;
export type EvidenceField = (typeof EVIDENCE_FIELDS)[number];

/** What makes controls a family that may share one specific justification (`justification.families`). */
export const FAMILY_KINDS = ['theme', 'capability'] as const;
export type FamilyKind = (typeof FAMILY_KINDS)[number];

/** What generic or shared wording gets on an applicable control whose decision is traceable (`justification.traceable`). */
export const TRACEABLE_LEVELS = ['warning', 'info', 'hint', 'off'] as const;
export type TraceableLevel = (typeof TRACEABLE_LEVELS)[number];

export const CONFIG_FILE_NAME = 'isms.config.yaml';

export interface IsmsConfig {
  /** Globs, relative to the scope root, for each kind of file. */
  soa: string[];
  risks: string[];
  policies: string[];
  exclude: string[];
  severity: Partial<Record<DiagnosticCode, SeveritySetting>>;
  policy: { requiredMetadata: string[] };
  justification: { placeholders: string[]; minLength: number; maxRepeats: number; similarity: number; templates: string[]; families: FamilyKind[]; traceable: TraceableLevel };
  implemented: { requireOneOf: EvidenceField[]; requireAll: EvidenceField[] };
  limits: { maxFileSize: number };
}

export const DEFAULT_CONFIG: IsmsConfig = Object.freeze({
  soa: ['soa.yaml', 'soa.yml', '**/*.soa.yaml', '**/*.soa.yml'],
  risks: ['risks.yaml', 'risks.yml', 'risk-register.yaml', '**/*.risks.yaml'],
  policies: ['policies/**/*.md'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  severity: {},
  policy: { requiredMetadata: ['title', 'owner', 'approved-by', 'version', 'effective', 'next-review'] },
  justification: {
    placeholders: ['n/a', 'na', 'tbd', 'tbc', 'todo', '-', '--', 'none', 'not applicable', 'see above', '?', '...'],
    minLength: 20,
    maxRepeats: 3,
    similarity: 0.9,
    templates: ['not applicable', 'not relevant', 'not required', 'not needed', 'does not apply', 'no business need', 'no business requirement', 'out of scope', 'not in scope', 'control not applicable', 'considered not applicable'],
    families: ['theme', 'capability'],
    traceable: 'hint',
  },
  implemented: { requireOneOf: ['policies', 'evidence', 'owner'], requireAll: [] },
  limits: { maxFileSize: 2_000_000 },
}) as IsmsConfig;

export interface ConfigProblem { message: string; span: Span }

export interface ParsedConfig { config: IsmsConfig; problems: ConfigProblem[]; errors: YamlProblem[] }

const SEVERITIES: SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];

/** Reads `isms.config.yaml`; anything missing or invalid falls back to the default, with a problem. */
export function parseConfig(text: string): ParsedConfig {
  const y = parseYaml(text);
  const problems: ConfigProblem[] = [];
  const config: IsmsConfig = structuredClone(DEFAULT_CONFIG);
  const globs = (value: unknown): string[] => stringList(value, y, text).map((s) => s.value);
  for (const f of mapEntries(y.doc.contents, y)) {
    switch (f.key) {
      case 'soa': case 'risks': case 'policies': case 'exclude':
        config[f.key] = globs(f.value);
        break;
      case 'severity':
        for (const s of mapEntries(f.value, y)) {
          const level = scalarText(s.value, y) as SeveritySetting | undefined;
          if (!(DIAGNOSTIC_CODES as readonly string[]).includes(s.key)) problems.push({ message: `Unknown diagnostic code "${s.key}".`, span: s.keySpan });
          else if (!level || !SEVERITIES.includes(level)) problems.push({ message: `Severity must be one of ${SEVERITIES.join(', ')}.`, span: s.valueSpan });
          else config.severity[s.key as DiagnosticCode] = level;
        }
        break;
      case 'policy':
        for (const p of mapEntries(f.value, y)) {
          if (p.key === 'required-metadata') config.policy.requiredMetadata = globs(p.value);
          else problems.push({ message: `Unknown setting "policy.${p.key}".`, span: p.keySpan });
        }
        break;
      case 'justification':
        for (const p of mapEntries(f.value, y)) {
          if (p.key === 'placeholders') config.justification.placeholders = globs(p.value).map((s) => s.toLowerCase());
          else if (p.key === 'min-length') {
            const n = Number(scalarValue(p.value, y));
            if (Number.isInteger(n) && n >= 0) config.justification.minLength = n;
            else problems.push({ message: 'min-length must be a whole number.', span: spanOf(p.value, 0) });
          } else if (p.key === 'max-repeats') {
            const n = Number(scalarValue(p.value, y));
            if (Number.isInteger(n) && n >= 1) config.justification.maxRepeats = n;
            else problems.push({ message: 'max-repeats must be a whole number of at least 1.', span: spanOf(p.value, 0) });
          } else if (p.key === 'similarity') {
            const n = Number(scalarValue(p.value, y));
            if (Number.isFinite(n) && n > 0 && n <= 1) config.justification.similarity = n;
            else problems.push({ message: 'similarity must be a number above 0 and at most 1 (1 means identical texts only).', span: spanOf(p.value, 0) });
          } else if (p.key === 'templates') config.justification.templates = globs(p.value).map((s) => s.toLowerCase());
          else if (p.key === 'families') {
            const items = stringList(p.value, y, text);
            for (const b of items.filter((i) => !(FAMILY_KINDS as readonly string[]).includes(i.value))) problems.push({ message: `"${b.value}" is not one of ${FAMILY_KINDS.join(', ')}.`, span: b.span });
            config.justification.families = items.map((i) => i.value).filter((v): v is FamilyKind => (FAMILY_KINDS as readonly string[]).includes(v));
          } else if (p.key === 'traceable') {
            const level = scalarText(p.value, y);
            if (level && (TRACEABLE_LEVELS as readonly string[]).includes(level)) config.justification.traceable = level as TraceableLevel;
            else problems.push({ message: `traceable must be one of ${TRACEABLE_LEVELS.join(', ')}.`, span: spanOf(p.value, 0) });
          }
          else problems.push({ message: `Unknown setting "justification.${p.key}".`, span: p.keySpan });
        }
        break;
      case 'implemented':
        for (const p of mapEntries(f.value, y)) {
          if (p.key !== 'require-one-of' && p.key !== 'require-all') {
            problems.push({ message: `Unknown setting "implemented.${p.key}".`, span: p.keySpan });
            continue;
          }
          const items = stringList(p.value, y, text);
          const bad = items.filter((i) => !(EVIDENCE_FIELDS as readonly string[]).includes(i.value));
          for (const b of bad) problems.push({ message: `"${b.value}" is not one of ${EVIDENCE_FIELDS.join(', ')}.`, span: b.span });
          const fields = items.map((i) => i.value).filter((v): v is EvidenceField => (EVIDENCE_FIELDS as readonly string[]).includes(v));
          if (p.key === 'require-one-of') config.implemented.requireOneOf = fields; else config.implemented.requireAll = fields;
        }
        break;
      case 'limits':
        for (const p of mapEntries(f.value, y)) {
          const n = Number(scalarValue(p.value, y));
          if (p.key === 'max-file-size' && Number.isInteger(n) && n > 0) config.limits.maxFileSize = n;
          else problems.push({ message: `Invalid setting "limits.${p.key}".`, span: p.keySpan });
        }
        break;
      default:
        problems.push({ message: `Unknown setting "${f.key}".`, span: f.keySpan });
    }
  }
  if (y.doc.contents && !isMapping(y.doc.contents, y)) problems.push({ message: 'The configuration must be a mapping of settings.', span: { start: 0, end: text.length } });
  return { config, problems, errors: y.errors };
}
