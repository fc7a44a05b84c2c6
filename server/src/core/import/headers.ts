// Column recognition by meaning. A header is reduced to its words (case, Markdown markup,
// punctuation, brackets such as "(Y/N)" and question marks removed), and rules keyed on word
// stems decide what the column holds: "Is Control Applicable? ", "Justification for the
// Inclusion/Exclusion", "Ist die Maßnahme anwendbar?" and "Umgesetzt?" need no list entry of
// their own. Rules run in order, so "Reason for selection" is the reasons column before "reason"
// makes it a justification, and "Control owner" is an owner before "control" makes it an ID.

export type SoaField = 'id' | 'title' | 'theme' | 'applicable' | 'justification' | 'reasons' | 'status' | 'owner' | 'risks' | 'evidence' | 'policies' | 'notes';
export type RiskField = 'id' | 'title' | 'description' | 'asset' | 'threat' | 'vulnerability' | 'owner' | 'likelihood' | 'impact' | 'score' | 'level'
  | 'treatment' | 'controls' | 'status' | 'review' | 'due' | 'notes' | 'residual';
export type ImportKind = 'soa' | 'risks';

export const SOA_FIELDS: readonly SoaField[] = ['id', 'title', 'theme', 'applicable', 'justification', 'reasons', 'status', 'owner', 'risks', 'evidence', 'policies', 'notes'];
export const RISK_IMPORT_FIELDS: readonly RiskField[] = ['id', 'title', 'description', 'asset', 'threat', 'vulnerability', 'owner', 'likelihood', 'impact', 'score', 'level',
  'treatment', 'controls', 'status', 'review', 'due', 'notes', 'residual'];

/** Plain words of a header: "**Is Control Applicable?**\t" -> "is control applicable". */
export function normaliseHeader(s: string): string {
  return s.normalize('NFC')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\([^)]*\)/g, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}#]+/gu, ' ')
    .trim();
}

/** `x-` field name for a column kept as written: "Implementation Description" -> "x-implementation-description". */
export function slug(header: string): string {
  const s = header.normalize('NFC').toLowerCase()
    .replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/ß/g, 'ss')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `x-${s || 'column'}`;
}

type Words = string[];
/** Some word starts with one of the stems (German compounds: some word contains it). */
const has = (w: Words, ...stems: string[]): boolean => w.some((x) => stems.some((s) => (s.length >= 5 ? x.includes(s) : x.startsWith(s))));
const is = (w: Words, ...words: string[]): boolean => w.some((x) => words.includes(x));
/** Some word contains one of the parts, however short ("Kontrollname"). */
const contains = (w: Words, ...parts: string[]): boolean => w.some((x) => parts.some((p) => x.includes(p)));

const JUSTIFY = ['justif', 'reason', 'rationale', 'begründ', 'begruend', 'grund', 'why', 'explanation', 'erläuter', 'erlaeuter', 'rechtfert'];
const SELECTION = ['selection', 'select', 'basis', 'auswahl', 'choice', 'driver'];
const APPLICABLE = ['applic', 'anwendbar', 'applies', 'includ', 'inclusion', 'selected', 'relevan', 'scope', 'ausgewählt', 'zutreffend'];
const IMPLEMENT = ['implement', 'umsetz', 'umgesetzt', 'eingeführt', 'realisier'];
const NOT_STATUS = ['descr', 'detail', 'beschreib', 'how', 'note', 'comment', 'evidence', 'nachweis', 'date', 'datum', 'plan', 'owner', 'verantw', 'guidance', 'method', 'approach', 'wie'];
const STATUS = ['status', 'maturity', 'reifegrad', 'progress', 'fortschritt'];
const STATUS_WORDS = ['state', 'stand', 'umsetzungsstand', 'stage'];
const OWNER = ['owner', 'responsib', 'accountab', 'verantw', 'zuständ', 'zustaend', 'eigentüm', 'eigentuem', 'assignee', 'assigned'];
const EVIDENCE = ['evidence', 'proof', 'nachweis', 'beleg', 'artefact', 'artifact'];
const POLICIES = ['polic', 'document', 'richtlin', 'dokument', 'guideline', 'procedure', 'verfahren', 'vorgabe'];
const NOTES = ['note', 'comment', 'remark', 'bemerk', 'kommentar', 'anmerk', 'hinweis'];
const THEME = ['theme', 'categor', 'domain', 'section', 'group', 'bereich', 'thema', 'kategor'];
const TITLE = ['title', 'name', 'titel', 'bezeichnung'];
const ID = ['id', 'ref', 'no', 'nr', 'number', 'nummer', '#', 'num', 'identifier', 'kennung'];
const CONTROL = ['control', 'annex', 'kontroll', 'maßnahme', 'massnahme', 'iso', 'clause'];

/** What an SoA column holds, judged from its header alone (the ID column is confirmed by its data). */
export function recogniseSoaHeader(header: string): SoaField | undefined {
  const w = normaliseHeader(header).split(' ').filter(Boolean);
  if (!w.length) return undefined;
  if (has(w, 'reason', 'grund', 'gründe') && has(w, ...SELECTION)) return 'reasons';
  if (w.length === 1 && is(w, 'reasons', 'gründe', 'auswahlgrund', 'auswahlgründe')) return 'reasons';
  if (has(w, ...JUSTIFY)) return 'justification';
  if (has(w, ...APPLICABLE)) return 'applicable';
  if (has(w, ...STATUS) || is(w, ...STATUS_WORDS) || (has(w, ...IMPLEMENT) && !has(w, ...NOT_STATUS))) return 'status';
  if (has(w, ...OWNER)) return 'owner';
  if (has(w, 'risk', 'risiko', 'risiken')) return 'risks';
  if (has(w, ...EVIDENCE)) return 'evidence';
  if (has(w, ...POLICIES)) return 'policies';
  if (has(w, ...NOTES)) return 'notes';
  if (has(w, ...THEME)) return 'theme';
  if (contains(w, ...TITLE)) return 'title';
  if (is(w, ...ID) || has(w, ...CONTROL)) return 'id';
  return undefined;
}

/** What a risk-register column holds, judged from its header alone. */
export function recogniseRiskHeader(header: string): RiskField | undefined {
  const w = normaliseHeader(header).split(' ').filter(Boolean);
  if (!w.length) return undefined;
  // After treatment: kept aside, never read as the inherent rating.
  if (has(w, 'residual', 'restrisiko', 'netto', 'after', 'post')) return 'residual';
  if (has(w, 'likelihood', 'probab', 'wahrscheinlich', 'eintritt', 'frequen', 'häufigkeit', 'haeufigkeit', 'chance')) return 'likelihood';
  if (has(w, 'impact', 'consequence', 'severity', 'auswirkung', 'schaden', 'tragweite', 'ausmaß')) return 'impact';
  if (has(w, 'score', 'rating', 'rpn', 'bewertung', 'punkte')) return 'score';
  if (has(w, 'level', 'stufe', 'klasse', 'priorit')) return 'level';
  if (has(w, ...STATUS) || is(w, ...STATUS_WORDS)) return 'status';
  if (has(w, 'treatment', 'response', 'behandlung', 'strateg', 'option', 'decision', 'entscheid', 'handling')
    && !has(w, 'plan', 'action', 'measure', 'maßnahme', 'massnahme', 'detail', 'descr', 'date', 'due', 'cost', 'budget')) return 'treatment';
  if (has(w, ...OWNER)) return 'owner';
  if (has(w, 'control', 'annex', 'kontroll', 'maßnahme', 'massnahme', 'measure', 'safeguard', 'mitigation')) return 'controls';
  if (has(w, 'review', 'überprüf', 'ueberpruef', 'prüfdatum', 'pruefdatum', 'wiedervorlage')) return 'review';
  if (has(w, 'due', 'target', 'deadline', 'frist', 'termin', 'zieldatum')) return 'due';
  if (has(w, 'asset', 'process', 'prozess', 'system', 'werte', 'objekt')) return 'asset';
  if (has(w, 'threat', 'bedroh', 'gefähr', 'gefaehr', 'hazard')) return 'threat';
  if (has(w, 'vulnerab', 'schwachst', 'weakness')) return 'vulnerability';
  if (has(w, 'descr', 'beschreib', 'scenario', 'szenario', 'detail')) return 'description';
  if (has(w, ...NOTES)) return 'notes';
  if (is(w, ...ID)) return 'id';
  if (contains(w, ...TITLE) || (w.length <= 2 && is(w, 'risk', 'risiko', 'risks'))) return 'title';
  return undefined;
}

export const recogniseHeader = (kind: ImportKind, header: string): string | undefined =>
  kind === 'soa' ? recogniseSoaHeader(header) : recogniseRiskHeader(header);

/** `--map "Column name=field"`: a field of the kind, `x-name`, or `ignore`. */
export interface MapOverride { header: string; target: string }

export function parseMapOverride(kind: ImportKind, spec: string): MapOverride {
  const at = spec.lastIndexOf('=');
  if (at <= 0 || at === spec.length - 1) throw new Error(`--map needs "Column name=field", got "${spec}".`);
  const header = spec.slice(0, at).trim();
  const target = spec.slice(at + 1).trim();
  const fields: readonly string[] = kind === 'soa' ? SOA_FIELDS : RISK_IMPORT_FIELDS;
  if (!fields.includes(target) && target !== 'ignore' && !/^x-[a-z0-9-]+$/.test(target)) {
    throw new Error(`--map "${spec}": "${target}" is not a field; use one of ${fields.join(', ')}, an x- name or ignore.`);
  }
  return { header, target };
}
