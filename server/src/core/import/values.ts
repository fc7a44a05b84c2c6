// Cell values as people write them, read into our vocabulary: yes/no in several languages and
// forms, implementation and maturity scales, selection reasons, risk IDs, 1-5 ratings given as
// numbers or words, and treatment synonyms. Each reader returns undefined (or 'invalid') when it
// does not understand a value, so the caller can keep the original and say so.
import { REASON_VALUES, STATUS_VALUES } from '../soa';
import { TREATMENT_VALUES } from '../risks';

export type Status = (typeof STATUS_VALUES)[number];
export type Reason = (typeof REASON_VALUES)[number];
export type Treatment = (typeof TREATMENT_VALUES)[number];

/**
 * A template's list of choices ("Yes / No", "Implemented / Partial / Planned"): parts separated by
 * a slash, bar or "or" that read as different values. Not an answer, whatever its first word says.
 */
export function isChoiceList<T>(raw: string, read: (part: string) => T): boolean {
  const parts = raw.split(/\s*(?:\/|\||\bor\b|\boder\b)\s*/i).map((p) => p.trim()).filter(Boolean);
  if (parts.length < 2) return false;
  const values = parts.map(read);
  return values.every((v) => v !== undefined && v !== 'invalid') && new Set(values).size > 1;
}

/** Lower case, punctuation to single spaces; keeps ticks, question marks and dashes. */
export const normaliseValue = (s: string): string => s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}✓✔✗✘☑☒%?-]+/gu, ' ').replace(/\s+/g, ' ').trim();

const YES = new Set(['yes', 'y', 'true', '1', 'x', '✓', '✔', '☑', 'included', 'include', 'applicable', 'applies', 'selected', 'in scope', 'relevant',
  'ja', 'j', 'wahr', 'anwendbar', 'zutreffend', 'oui', 'si', 'sí', 'sim', 'da', 'tak']);
const NO = new Set(['no', 'n', 'false', '0', '✗', '✘', '☒', 'excluded', 'exclude', 'not applicable', 'n a', 'na', 'not selected', 'out of scope', 'not relevant',
  'nein', 'falsch', 'nicht anwendbar', 'ausgeschlossen', 'entfällt', 'non', 'nee', 'não', 'nie']);
const UNDECIDED = new Set(['', 'undecided', '?', 'tbd', 'tbc', 'offen', 'unknown', '-', 'pending', 'to be decided', 'unklar']);

/** Applicability: true, false, undefined (not decided), 'not-addressed' (our export's marker) or 'invalid'. */
export function parseApplicable(raw: string): boolean | undefined | 'not-addressed' | 'invalid' {
  if (isChoiceList(raw, (part) => parseApplicable(part))) return 'invalid';
  const v = normaliseValue(raw);
  if (v === 'not addressed') return 'not-addressed';
  if (YES.has(v)) return true;
  if (NO.has(v)) return false;
  if (UNDECIDED.has(v)) return undefined;
  // "Yes - needed for payroll", "No, no premises": the answer comes first.
  const first = /^([\p{L}✓✔✗✘☑☒]+)(?:\s|$)/u.exec(v)?.[1] ?? '';
  if (first && first !== v && !/\b(or|oder)\b/.test(v)) {
    if (YES.has(first)) return true;
    if (NO.has(first)) return false;
    if (/^not? applicable\b|^nicht anwendbar\b/.test(v)) return false;
  }
  return 'invalid';
}

export type StatusValue = Status | 'excluded' | 'none' | 'not-addressed';

// Implementation, progress and maturity scales. Maturity levels map by what is in place: nothing
// (absent, non-existent) has not started; something ad hoc or under way is partial; a defined,
// established or better practice is implemented.
const STATUS_WORDS: [StatusValue, string[]][] = [
  ['implemented', ['implemented', 'done', 'complete', 'completed', 'in place', 'fully implemented', 'yes', 'effective', 'operational', 'established', 'advanced',
    'defined', 'managed', 'quantitatively managed', 'measured', 'optimised', 'optimized', 'optimizing', 'optimising', 'mature', 'live', 'active', 'compliant',
    'umgesetzt', 'vollständig umgesetzt', 'erledigt', 'abgeschlossen', 'implementiert', 'eingeführt', 'ja', 'etabliert', 'definiert', 'gesteuert', 'optimiert', 'wirksam']],
  ['partial', ['partial', 'partially', 'partly', 'partially implemented', 'in progress', 'ongoing', 'started', 'wip', 'work in progress', 'in implementation',
    'initial', 'ad hoc', 'adhoc', 'repeatable', 'developing', 'basic', 'limited', 'partially compliant',
    'teilweise', 'teilweise umgesetzt', 'in bearbeitung', 'in umsetzung', 'begonnen', 'wiederholbar']],
  ['planned', ['planned', 'scheduled', 'to be implemented', 'pending', 'approved', 'budgeted', 'geplant', 'vorgesehen', 'in planung']],
  ['not-started', ['not started', 'not implemented', 'open', 'no', 'not done', 'todo', 'to do', 'missing', 'absent', 'non existent', 'nonexistent', 'none existent',
    'incomplete', 'not in place', 'gap', 'non compliant', 'offen', 'nicht begonnen', 'nicht umgesetzt', 'ausstehend', 'nein', 'fehlt', 'nicht vorhanden']],
  ['excluded', ['excluded', 'not applicable', 'n a', 'na', 'nicht anwendbar', 'entfällt', 'ausgeschlossen', 'out of scope']],
  ['none', ['', 'not set', 'unknown', 'undecided', 'tbd', '-', 'not assessed', 'to be assessed']],
];
const STATUS_BY_WORD = new Map<string, StatusValue>();
for (const [status, words] of STATUS_WORDS) for (const w of words) if (!STATUS_BY_WORD.has(w)) STATUS_BY_WORD.set(w, status);

/** A status, 'excluded' ("Not applicable"), 'none' (empty or unknown), 'not-addressed', or undefined when not understood. */
export function parseStatus(raw: string): StatusValue | undefined {
  if (isChoiceList(raw, (part) => parseStatus(part))) return undefined;
  const v = normaliseValue(raw).replace(/-/g, ' ').trim();
  if (v === 'not addressed') return 'not-addressed';
  if (v.startsWith('not set')) return 'none';
  const direct = STATUS_BY_WORD.get(v);
  if (direct) return direct;
  // "Level 3 - Defined", "3 Defined", "4: Managed": the words decide; a bare level 0-5 is CMMI-like.
  const words = v.replace(/^(level|stufe|stage)\s*/, '').replace(/^\d\s*/, '').trim();
  if (words && words !== v && STATUS_BY_WORD.get(words)) return STATUS_BY_WORD.get(words);
  const level = /^(?:level |stufe )?([0-5])$/.exec(v)?.[1];
  if (level !== undefined) return level === '0' ? 'not-started' : Number(level) <= 2 ? 'partial' : 'implemented';
  const pct = /^(\d{1,3})\s*%$/.exec(v)?.[1];
  if (pct !== undefined) return Number(pct) === 0 ? 'not-started' : Number(pct) >= 100 ? 'implemented' : 'partial';
  if (/^(not applicable|nicht anwendbar)\b/.test(v)) return 'excluded';
  if (/partial|teilweise|progress|bearbeitung/.test(v)) return 'partial';
  if (/\bplan|geplant/.test(v)) return 'planned';
  if (/\b(not|nicht|open|offen)\b/.test(v)) return 'not-started';
  if (/\bimplemented|umgesetzt|done|erledigt/.test(v)) return 'implemented';
  return undefined;
}

/** Whether a written status is our own word for the value it was read as (nothing to keep aside). */
export function isOwnStatusWord(raw: string, value: StatusValue): boolean {
  const v = normaliseValue(raw).replace(/\s+/g, '-');
  // An excluded status is written as `applicable: false`: always a mapping worth reporting.
  return value !== 'excluded' && v === value;
}

const REASON_TOKENS: Record<string, Reason> = {
  risk: 'risk', risks: 'risk', rra: 'risk', ra: 'risk', rr: 'risk', 'risk assessment': 'risk', 'risk treatment': 'risk', risiko: 'risk', risikobewertung: 'risk',
  legal: 'legal', lr: 'legal', law: 'legal', 'legal requirement': 'legal', 'legal requirements': 'legal', gesetz: 'legal', gesetzlich: 'legal',
  regulatory: 'regulatory', reg: 'regulatory', regulation: 'regulatory', 'regulatory requirement': 'regulatory', regulatorisch: 'regulatory',
  contractual: 'contractual', co: 'contractual', contract: 'contractual', cr: 'contractual', 'contractual obligation': 'contractual', 'contractual obligations': 'contractual',
  vertraglich: 'contractual', vertrag: 'contractual',
  business: 'business', br: 'business', 'business requirement': 'business', 'business requirements': 'business', geschäftlich: 'business',
  'best-practice': 'best-practice', 'best practice': 'best-practice', 'best practices': 'best-practice', bp: 'best-practice', 'br/bp': 'best-practice',
};

export function parseReasons(raw: string): { reasons: Reason[]; unknown: string[] } {
  const reasons: Reason[] = [];
  const unknown: string[] = [];
  for (const part of raw.split(/[,;\n+]|\s\/\s/)) {
    const t = part.trim().toLowerCase().replace(/\.$/, '');
    if (!t) continue;
    const r = REASON_TOKENS[t] ?? (REASON_VALUES as readonly string[]).find((x) => x === t) as Reason | undefined;
    if (r) { if (!reasons.includes(r)) reasons.push(r); } else unknown.push(part.trim());
  }
  return { reasons, unknown };
}

/** A risk ID as people write them: RISK-001, R-01, R1, RSK_12, R.3, 7. */
export const RISK_ID = /^[A-Za-z]{0,10}[-_. ]?\d{1,5}(?:[-_.]\d{1,4})?[A-Za-z]?$/;

/** Risk IDs from "R-003, R-007", "R-003: title; R-007: title" or one per line. */
export function parseRiskIds(raw: string): string[] {
  const ids: string[] = [];
  for (const part of raw.split(/[,;\n]/)) {
    const m = /^\s*([A-Za-z]{0,8}[-_.]?\d+[A-Za-z0-9.-]*)(?=$|[\s:)(])/.exec(part);
    if (m && !ids.includes(m[1])) ids.push(m[1]);
  }
  return ids;
}

// Ratings on a five-point scale. Three-point word scales (low, medium, high) are spread to 1, 3, 5
// by the caller when a column uses nothing else.
const LEVEL_WORDS: [number, string[]][] = [
  [1, ['very low', 'rare', 'rarely', 'remote', 'negligible', 'insignificant', 'very unlikely', 'improbable', 'minimal', 'trivial',
    'sehr gering', 'sehr niedrig', 'selten', 'unbedeutend', 'vernachlässigbar', 'sehr unwahrscheinlich']],
  [2, ['low', 'unlikely', 'minor', 'limited', 'gering', 'niedrig', 'unwahrscheinlich', 'geringfügig']],
  [3, ['medium', 'moderate', 'possible', 'possibly', 'occasional', 'significant', 'mittel', 'möglich', 'moderat', 'spürbar']],
  [4, ['high', 'likely', 'major', 'probable', 'serious', 'frequent', 'hoch', 'wahrscheinlich', 'erheblich', 'beträchtlich', 'häufig']],
  [5, ['very high', 'almost certain', 'certain', 'very likely', 'severe', 'critical', 'catastrophic', 'extreme', 'sehr hoch', 'fast sicher', 'sehr wahrscheinlich',
    'katastrophal', 'kritisch', 'existenzbedrohend']],
];
const LEVEL_BY_WORD = new Map<string, number>();
for (const [n, words] of LEVEL_WORDS) for (const w of words) LEVEL_BY_WORD.set(w, n);

export interface Level { value: number; from: 'number' | 'word' }

/** A 1-5 rating from "4", "4 - Likely", "Likely (4)", "Very high"; undefined when not understood. */
export function parseLevel(raw: string): Level | undefined {
  const v = normaliseValue(raw).replace(/-/g, ' ').replace(/\s+/g, ' ').trim();
  if (!v) return undefined;
  const num = /^(\d+(?:[.,]\d+)?)\b/.exec(v)?.[1] ?? /\b(\d)$/.exec(v)?.[1];
  if (num !== undefined) {
    const n = Number(num.replace(',', '.'));
    return Number.isInteger(n) ? { value: n, from: 'number' } : undefined;
  }
  const word = LEVEL_BY_WORD.get(v);
  return word ? { value: word, from: 'word' } : undefined;
}

/** Whether a column's word ratings use only a three-point scale (low, medium, high). */
export function isThreePointScale(values: string[]): boolean {
  const words = values.map((v) => normaliseValue(v).replace(/-/g, ' ').trim()).filter((v) => v && !/\d/.test(v));
  const three = new Set(['low', 'medium', 'high', 'gering', 'niedrig', 'mittel', 'hoch', 'moderate']);
  return words.length > 0 && words.every((w) => three.has(w)) && words.some((w) => w === 'high' || w === 'hoch') && words.some((w) => w === 'low' || w === 'gering' || w === 'niedrig');
}

const TREATMENT_WORDS: Record<string, Treatment> = {
  mitigate: 'mitigate', mitigation: 'mitigate', reduce: 'mitigate', reduction: 'mitigate', modify: 'mitigate', modification: 'mitigate', treat: 'mitigate',
  control: 'mitigate', minimise: 'mitigate', minimize: 'mitigate', remediate: 'mitigate', mindern: 'mitigate', reduzieren: 'mitigate', behandeln: 'mitigate', minimieren: 'mitigate',
  accept: 'accept', accepted: 'accept', acceptance: 'accept', retain: 'accept', retention: 'accept', tolerate: 'accept', akzeptieren: 'accept', akzeptiert: 'accept', tragen: 'accept',
  transfer: 'transfer', transferred: 'transfer', share: 'transfer', sharing: 'transfer', insure: 'transfer', insurance: 'transfer', outsource: 'transfer',
  übertragen: 'transfer', transferieren: 'transfer', teilen: 'transfer', versichern: 'transfer',
  avoid: 'avoid', avoided: 'avoid', avoidance: 'avoid', terminate: 'avoid', termination: 'avoid', eliminate: 'avoid', vermeiden: 'avoid', vermieden: 'avoid',
};

/** A treatment from "Reduce", "Accept with monitoring", "Share (insurance)"; undefined when not understood. */
export function parseTreatment(raw: string): Treatment | undefined {
  const v = normaliseValue(raw);
  if (!v) return undefined;
  if (TREATMENT_WORDS[v]) return TREATMENT_WORDS[v];
  const first = v.split(' ')[0];
  return TREATMENT_WORDS[first] ?? (v.startsWith('risk ') ? TREATMENT_WORDS[v.split(' ')[1] ?? ''] : undefined);
}

/** Template text that asks for a value instead of giving one: "[Provide justification]", "<reason>", "{{ owner }}". */
export function isTemplatePlaceholder(raw: string): boolean {
  const t = raw.trim();
  return /^\[[^\]]*\]$/.test(t) || /^<[^>]*>$/.test(t) || /^\{\{.*\}\}$/.test(t) || /^\[(todo|tbd)\b/i.test(t);
}

/** Empty words that fill a cell in tables: "-", "—", "n/a". */
export const isEmptyMarker = (raw: string): boolean => /^\s*(?:-+|—|–|n\/?a|none|nil)\s*$/i.test(raw);

/** Text for a YAML comment: one line, and not endless. */
export const oneLine = (s: string, max = 120): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};
