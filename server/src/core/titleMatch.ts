// A tolerant matcher for control titles written next to control IDs ("A.5.9 Access Control
// Policy"). Titles are compared as sets of normalised word stems, so case, punctuation, word order,
// British and American spelling, hyphenation ("end point", "endpoint"), the ISO/IEC 27001 and 27002
// variants ("(ICT)", "PII"), common abbreviations and plurals do not matter, and a title cut short
// ("Inventory of information") still matches. The verdict knows the edition: A.12.3.1 is judged
// against the 2013 titles, A.8.13 against the 2022 ones, and a title carried over from a control's
// predecessor or successor is accepted. It says "mismatch" only when the text is another control's
// title and shares no distinctive word with the cited control's titles; otherwise it is silent.
import { catalogue } from './catalogue';
import { OBJECTIVES_2013, PHRASES, SPELLINGS } from './titleData';

export type Edition = '2022' | '2013';
export type TitleKind = '2022' | '2013' | 'objective' | 'clause';

export interface TitleMatch { id: string; title: string; kind: TitleKind }

export interface TitleVerdict {
  verdict: 'match' | 'mismatch' | 'unsure' | 'clause';
  /** The catalogue title of the cited ID in the edition it was judged in. */
  expected?: string;
  /** The kind of title expected: a 2022 control, a 2013 control or a 2013 objective. */
  expectedKind?: TitleKind;
  /** IDs, in the cited ID's edition, whose title the text matches (best first). */
  suggestions: string[];
  /** The title the text matched best, for messages (for 'clause', the clause). */
  matched?: TitleMatch;
  /** The text is that title word for word (after normalisation), not merely close to it. */
  exact?: boolean;
}

/** Words that carry no meaning in a title. */
const STOP = new Set([
  'a', 'an', 'the', 'of', 'for', 'and', 'or', 'in', 'on', 'to', 'with', 'within', 'during', 'against',
  'after', 'by', 'from', 'at', 'as', 'its', 'their', 'our', 'other', 'into', 'about', 'via', 'vs',
  'per', 'is', 'are', 'be', 'all', 'any', 'iso', 'iec', 'annex',
]);

const SPELLING_RULE_MIN = 6;

function americanise(w: string): string {
  const listed = SPELLINGS[w];
  if (listed) return listed;
  if (w.length >= SPELLING_RULE_MIN) {
    const m = /^(.{3,})is(e|ed|es|ing|ation|ations|er|ers)$/.exec(w);
    if (m) return `${m[1]}iz${m[2]}`;
  }
  return w;
}

const DOUBLE = /([b-df-hj-np-tv-z])\1$/;

/** A light suffix stripper, applied to both sides of every comparison, so consistency is all that matters. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3) return w;
  const rules: [RegExp, string][] = [
    [/izations?$/, 'ize'], [/ations?$/, 'ate'], [/ments?$/, ''], [/ies$/, 'y'], [/ied$/, 'y'],
    [/ings?$/, ''], [/ed$/, ''], [/ers$/, 'er'], [/sses$/, 'ss'],
  ];
  for (const [re, to] of rules) {
    if (re.test(w) && w.replace(re, to).length >= 3) { w = w.replace(re, to); break; }
  }
  if (w.length > 3 && /[^su]s$/.test(w) && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  if (w.length > 3 && DOUBLE.test(w) && !/(ll|ss|zz)$/.test(w)) w = w.slice(0, -1);
  return w;
}

const PHRASE_LIST = PHRASES.map(([from, to]) => ({ from: from.split(' '), to: to.split(' ') })).sort((a, b) => b.from.length - a.from.length);

function rawWords(text: string): string[] {
  return text
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&|\+/g, ' and ')
    .replace(/['\u2019]s\b/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function rewrite(words: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    const hit = PHRASE_LIST.find((p) => p.from.every((w, k) => words[i + k] === w));
    if (hit) { out.push(...hit.to); i += hit.from.length; } else out.push(words[i++]);
  }
  return out;
}

/** Stemming is a pure function of the word and documents reuse few words: remember them (bounded). */
const normalised = new Map<string, string>();
function normalisedWord(w: string): string {
  let s = normalised.get(w);
  if (s === undefined) {
    if (normalised.size > 50_000) normalised.clear();
    s = stem(americanise(w));
    normalised.set(w, s);
  }
  return s;
}

/** The normalised content words of a title, in order, each once. */
export function titleTokens(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of rewrite(rawWords(text))) {
    if (STOP.has(w) || /^\d+$/.test(w)) continue;
    const s = normalisedWord(w);
    if (!seen.has(s)) { seen.add(s); out.push(s); }
  }
  return out;
}

interface Entry { id: string; kind: TitleKind; title: string; tokens: string[]; set: Set<string>; successors: string[] }

interface Index {
  c2022: Entry[];
  c2013: Entry[];
  objectives: Entry[];
  clauses: Map<string, Entry>;
  byId: Map<string, Entry>;
  generic: Set<string>;
}

let index: Index | undefined;

const entry = (id: string, kind: TitleKind, title: string, successors: string[] = []): Entry => {
  const tokens = titleTokens(title);
  return { id, kind, title, tokens, set: new Set(tokens), successors };
};

/** Words found in so many titles that sharing one says nothing ("information", "security", "management"). */
const GENERIC_MIN_TITLES = 10;

function build(): Index {
  const c2022 = catalogue.controls.map((c) => entry(c.id, '2022', c.title));
  const c2013 = catalogue.legacy.map((c) => entry(c.id, '2013', c.title, c.successors));
  const objectives = Object.entries(OBJECTIVES_2013).map(([id, title]) => {
    const successors = [...new Set(catalogue.legacyObjective(id)?.controls.flatMap((c) => c.successors) ?? [])];
    return entry(id, 'objective', title, successors);
  });
  const clauses = new Map(catalogue.clauses.map((c) => [c.id, entry(c.id, 'clause', c.title)]));
  const df = new Map<string, number>();
  for (const e of [...c2022, ...c2013, ...objectives]) for (const t of e.set) df.set(t, (df.get(t) ?? 0) + 1);
  const generic = new Set([...df].filter(([, n]) => n >= GENERIC_MIN_TITLES).map(([t]) => t));
  const byId = new Map<string, Entry>();
  for (const e of [...c2022, ...c2013]) byId.set(e.id, e);
  return { c2022, c2013, objectives, clauses, byId, generic };
}

const idx = (): Index => (index ??= build());

/** Words shared by so many titles that they do not tell controls apart. */
export function isGenericWord(token: string): boolean { return idx().generic.has(token); }

type Relation = 'exact' | 'strong' | 'weak' | 'generic' | 'none';

/**
 * How the written words relate to one title. `own` allows a title cut short to its first word
 * ("Redundancy"); for other controls' titles one word is too little to go on.
 */
function relate(w: string[], t: Entry, own = false): Relation {
  const ws = new Set(w);
  if (ws.size === t.set.size && w.every((x) => t.set.has(x))) return 'exact';
  const shared = w.filter((x) => t.set.has(x));
  if (!shared.length) return 'none';
  // Cut short: the first words of the title, in order.
  const minPrefix = own && !idx().generic.has(w[0]) ? 1 : 2;
  if (w.length >= minPrefix && w.length < t.tokens.length && w.every((x, i) => t.tokens[i] === x)) return 'strong';
  // The whole title plus one word ("Access control policy" for "Access control").
  if (t.tokens.every((x) => ws.has(x)) && ws.size - t.set.size <= 1) return 'strong';
  // Most of the title, in any order ("Evidence collection", "Network segregation").
  if (w.length >= 2 && shared.length === w.length && w.length >= 0.6 * t.set.size) return 'strong';
  return shared.some((x) => !idx().generic.has(x)) ? 'weak' : 'generic';
}

const RANK: Record<Relation, number> = { exact: 4, strong: 3, weak: 2, generic: 1, none: 0 };

function dice(w: string[], t: Entry): number {
  const shared = w.filter((x) => t.set.has(x)).length;
  return (2 * shared) / (w.length + t.set.size);
}

/** The catalogue title of an ID in an edition (a 2022 control, a 2013 control or objective). */
export function catalogueTitle(id: string, edition?: Edition): string | undefined {
  const i = idx();
  if (/^A\.\d+\.\d+\.\d+$/.test(id)) return i.byId.get(id)?.title;
  const c = catalogue.control(id);
  if (c && edition !== '2013') return c.title;
  return OBJECTIVES_2013[id] ?? c?.title;
}

/**
 * Judges the title written next to `id`. `edition` is the edition the document declares, if any;
 * it decides only for two-part IDs that are both a 2022 control and a 2013 objective (A.8.2).
 */
export function judgeTitle(id: string, written: string, opts: { edition?: Edition } = {}): TitleVerdict {
  const i = idx();
  const w = titleTokens(written);
  const plan = planFor(id, opts.edition);
  const unsure = (): TitleVerdict => ({ verdict: 'unsure', suggestions: [], expected: plan?.native[0]?.title, expectedKind: plan?.native[0]?.kind });
  if (!plan || !w.length) return unsure();
  const { native, alt, peers, wider, suggestAs } = plan;
  const expected = native[0].title;
  const expectedKind = native[0].kind;
  const verdict = (v: TitleVerdict['verdict'], hits: Entry[] = [], matched?: Entry, exact = false): TitleVerdict => ({
    verdict: v, expected, expectedKind, suggestions: suggestionsFrom(hits, id, suggestAs),
    ...(matched ? { matched: { id: matched.id, title: matched.title, kind: matched.kind }, exact } : {}),
  });
  if (native.some((t) => relate(w, t) === 'exact')) return verdict('match');
  // Another control's title, word for word, in the same edition: a mismatch even if words are shared.
  const exactPeers = peers.filter((t) => t.id !== id && relate(w, t) === 'exact');
  if (exactPeers.length) return verdict('mismatch', exactPeers, exactPeers[0], true);
  const own = [...native, ...alt].map((t) => relate(w, t, true));
  if (own.includes('exact') || own.includes('strong')) return verdict('match');
  if (own.includes('weak')) return verdict('unsure');
  // Nothing distinctive in common with the cited control: is it the clause of the same number?
  const clause = i.clauses.get(id.replace(/^A\./, ''));
  const toClause = clause ? relate(w, clause) : 'none';
  if (clause && RANK[toClause] >= RANK.strong) return verdict('clause', [], clause, toClause === 'exact');
  // Or clearly the title of another control?
  const hits = wider
    .filter((t) => t.id !== id && !t.successors.includes(id))
    .map((t) => ({ t, r: relate(w, t), d: dice(w, t) }))
    .filter((h) => RANK[h.r] >= RANK.strong)
    .sort((a, b) => RANK[b.r] - RANK[a.r] || b.d - a.d || Number(b.t.kind === suggestAs) - Number(a.t.kind === suggestAs));
  if (hits.length) {
    const best = hits.filter((h) => h.r === hits[0].r).map((h) => h.t);
    const suggestions = suggestionsFrom(best, id, suggestAs);
    if (suggestions.length) return { ...verdict('mismatch', best, best[0], hits[0].r === 'exact'), suggestions };
  }
  return verdict('unsure');
}

interface Plan {
  /** Titles of the ID in the edition it is read in; the first is the one to suggest. */
  native: Entry[];
  /** Titles from the other edition that also name this control (predecessors, successors). */
  alt: Entry[];
  /** Same-kind titles: a word-for-word match to one of these is a mismatch. */
  peers: Entry[];
  /** Every title a mismatch may point to. */
  wider: Entry[];
  /** The edition suggestions are expressed in. */
  suggestAs: TitleKind;
}

function planFor(id: string, edition: Edition | undefined): Plan | undefined {
  const i = idx();
  const parts = id.split('.');
  if (parts.length === 4) {
    const own = i.byId.get(id);
    if (!own || own.kind !== '2013') return undefined;
    const alt = own.successors.map((s) => i.byId.get(s)).filter((e): e is Entry => !!e);
    const objective = i.objectives.find((o) => o.id === parts.slice(0, 3).join('.'));
    return { native: [own], alt: objective ? [...alt, objective] : alt, peers: i.c2013, wider: [...i.c2013, ...i.objectives], suggestAs: '2013' };
  }
  if (parts.length !== 3) return undefined;
  const c = i.byId.get(id);
  const objective = i.objectives.find((o) => o.id === id);
  const predecessors = (c ? catalogue.control(id)?.predecessors ?? [] : []).map((p) => i.byId.get(p)).filter((e): e is Entry => !!e);
  if (c && (edition === '2022' || !objective)) {
    return { native: [c], alt: predecessors, peers: i.c2022, wider: [...i.c2022, ...i.c2013], suggestAs: '2022' };
  }
  if (c && objective && edition !== '2013') {
    // Undeclared edition: A.8.2 may be the 2022 control or the 2013 objective; accept either title.
    return { native: [c, objective], alt: predecessors, peers: i.c2022, wider: [...i.c2022, ...i.c2013], suggestAs: '2022' };
  }
  if (objective) {
    const members = (catalogue.legacyObjective(id)?.controls ?? []).map((m) => i.byId.get(m.id)).filter((e): e is Entry => !!e);
    const alt = [...members, ...(c ? [c, ...predecessors] : [])];
    return { native: [objective], alt, peers: i.objectives, wider: [...i.c2013, ...i.objectives], suggestAs: '2013' };
  }
  return undefined;
}

/** IDs to offer, in the cited ID's edition: 2013 titles found for a 2022 ID point to their successors. */
function suggestionsFrom(hits: Entry[], id: string, suggestAs: TitleKind): string[] {
  const out: string[] = [];
  for (const h of hits) {
    const ids = suggestAs === '2022' && h.kind !== '2022' ? h.successors : [h.id];
    for (const s of ids) if (s !== id && !out.includes(s)) out.push(s);
  }
  return out.slice(0, 3);
}

/** Whether the text is the title of management-system clause `clause` ("9.2" and "Internal audit"), whole or cut short. */
export function isClauseTitle(clause: string, written: string): boolean {
  const c = idx().clauses.get(clause);
  return !!c && RANK[relate(titleTokens(written), c)] >= RANK.strong;
}
