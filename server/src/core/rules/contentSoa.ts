// Content checks of a Statement of Applicability that an auditor would make after the structure
// is right: one pasted or template justification for many controls (soa/repeated-justification),
// controls marked implemented with nothing behind them (soa/implemented-without-evidence), and an
// approval older than the documents the SoA rests on (soa/stale).
import type { EvidenceField, IsmsConfig } from '../config';
import type { SoaFile } from '../scopeIndex';
import { isExcluded, type SoaEntry } from '../soa';
import type { Spanned } from '../types';
import { dirnameUri, joinUri, relativePath } from '../uris';
import type { RuleContext } from './context';
import { checkSoaTitles, yamlDeclaration } from './contentRefs';
import { SimilarTexts } from './similarTexts';

export function checkSoaContent(ctx: RuleContext, file: SoaFile): void {
  checkSoaTitles(ctx, file, yamlDeclaration(file.soa.standard)?.edition);
  checkJustifications(ctx, file);
  checkImplemented(ctx, file);
  checkStale(ctx, file);
}

// ---------------------------------------------------------------------------------------------
// soa/repeated-justification

const words = (text: string): string[] => text
  .toLowerCase()
  .replace(/\b(?:annex\s+)?a\s*\.\s*\d{1,2}(?:\.\d{1,2}){1,2}\b/g, ' ')
  .replace(/isation/g, 'ization').replace(/ise\b/g, 'ize').replace(/ised\b/g, 'ized')
  .split(/[^a-z0-9]+/)
  .filter(Boolean);

/** Words that do not make a reason specific to the business. */
const UNSPECIFIC = new Set([
  'a', 'an', 'the', 'of', 'for', 'and', 'or', 'in', 'on', 'to', 'at', 'by', 'as', 'is', 'are', 'be', 'it', 'this', 'that',
  'we', 'us', 'our', 'organization', 'company', 'business', 'firm', 'entity', 'control', 'controls', 'applicable',
  'relevant', 'required', 'requirement', 'requirements', 'needed', 'need', 'scope', 'not', 'no', 'does', 'do', 'apply',
  'applies', 'therefore', 'hence', 'currently', 'present', 'moment', 'time', 'iso', 'iec', '27001', 'annex', 'standard',
  'considered', 'deemed', 'because', 'since', 'so', 'due', 'has', 'have', 'any', 'all', 'at', 'this', 'case', 'context',
]);

/** Excluded-control rules already report empty, placeholder and too-short texts; skip them here. */
function weak(text: string, config: IsmsConfig): boolean {
  const t = text.trim();
  const n = t.toLowerCase().replace(/[.!]+$/, '').trim();
  return !t || config.justification.placeholders.includes(n) || /^(todo|tbd|tbc|fixme)\b/.test(n) || t.length < config.justification.minLength;
}

/** A configured template phrase and its words joined by spaces. */
interface Template { phrase: string; words: string }

/** The template phrase a justification (as its words joined by spaces) consists of, when nothing specific follows it. */
function templateOf(w: string, templates: readonly Template[]): string | undefined {
  for (const t of templates) {
    if (!t.words || (w !== t.words && !w.startsWith(t.words + ' '))) continue;
    const rest = w.slice(t.words.length).split(' ').filter((x) => x.length >= 3 && !UNSPECIFIC.has(x));
    if (!rest.length) return t.phrase;
  }
  return undefined;
}

const MAX_COMPARED = 1_000;
const MAX_NAMED = 20;

/**
 * What the repeated-justification rule keeps between versions of an SoA: for the configuration it
 * was computed with, the template phrases' words and each justification's words joined by spaces
 * (null when the text is too weak to compare); and the similarity graph.
 */
interface JustificationMemory { config: IsmsConfig | undefined; templates: Template[]; keys: Map<string, string | null>; similar: SimilarTexts }

function checkJustifications(ctx: RuleContext, file: SoaFile): void {
  const { maxRepeats, similarity: threshold, templates } = ctx.config.justification;
  const memory = ctx.doc.memory.keep<JustificationMemory>('soa/repeated-justification', () => ({ config: undefined, templates: [], keys: new Map(), similar: new SimilarTexts() }));
  if (memory.config !== ctx.config) {
    memory.config = ctx.config;
    memory.templates = templates.map((phrase) => ({ phrase, words: words(phrase).join(' ') }));
    memory.keys.clear();
  }
  const keysNow = new Map<string, string | null>();
  const items: { e: SoaEntry; j: Spanned<string>; key: string }[] = [];
  for (const e of file.soa.entries) {
    if (!e.justification) continue;
    const text = e.justification.value;
    let key = keysNow.get(text) ?? memory.keys.get(text);
    if (key === undefined) key = weak(text, ctx.config) ? null : words(text).join(' ');
    keysNow.set(text, key);
    if (key !== null) items.push({ e, j: e.justification, key });
  }
  memory.keys = keysNow;
  // Group identical or nearly identical texts: union-find over the distinct texts, joined where
  // the similarity graph links them.
  const distinct = new Set(items.map((x) => x.key));
  // Near-duplicates are linked pairwise, which grows with the square of the texts: beyond
  // MAX_COMPARED distinct justifications (ten times Annex A) only identical ones are grouped.
  memory.similar.update(distinct.size <= MAX_COMPARED ? distinct : new Set(), threshold);
  const parent = new Map<string, string>();
  const root = (k: string): string => {
    let r = k;
    for (let p = parent.get(r); p !== undefined && p !== r; p = parent.get(r)) r = p;
    if (r !== k) parent.set(k, r);
    return r;
  };
  for (const key of distinct) {
    for (const other of memory.similar.nearOf(key)) {
      const a = root(key), b = root(other);
      if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
    }
  }
  const groups = new Map<string, number[]>();
  items.forEach((x, i) => {
    const r = root(x.key);
    const list = groups.get(r);
    if (list) list.push(i); else groups.set(r, [i]);
  });
  const repeated = new Set<number>();
  for (const members of groups.values()) {
    if (members.length <= maxRepeats) continue;
    const ids = members.map((i) => items[i].e.id);
    const same = members.every((i) => items[i].key === items[members[0]].key);
    const list = ids.length > 8 ? `${ids.slice(0, 8).join(', ')} and ${ids.length - 8} more` : ids.join(', ');
    for (const i of members) {
      repeated.add(i);
      const { e, j } = items[i];
      // The data names at most MAX_NAMED others (`count` has the total): a group can be large.
      const others = ids.slice(0, MAX_NAMED + 1).filter((x) => x !== e.id).slice(0, MAX_NAMED);
      ctx.report('soa/repeated-justification', j.span,
        `${same ? 'The same' : 'Nearly the same'} justification is given for ${ids.length} controls (${list}); a pasted reason does not show why ${e.id} applies or not. Say what about your organisation makes the decision for this control.`,
        { id: e.id, kind: 'repeated', ids: others, count: ids.length });
    }
  }
  items.forEach(({ e, j, key }, i) => {
    if (repeated.has(i)) return;
    const template = templateOf(key, memory.templates);
    if (!template) return;
    ctx.report('soa/repeated-justification', j.span,
      `"${j.value.trim()}" is template wording, not a reason specific to your organisation; say why ${e.id} ${isExcluded(e) ? 'does not apply' : 'applies'} to your business.`,
      { id: e.id, kind: 'template', template });
  });
}

// ---------------------------------------------------------------------------------------------
// soa/implemented-without-evidence

function present(entry: SoaEntry, field: EvidenceField, config: IsmsConfig): boolean {
  if (field === 'policies') return entry.policies.length > 0;
  const value = (field === 'owner' ? entry.owner : entry.evidence)?.value.trim() ?? '';
  const n = value.toLowerCase().replace(/[.!]+$/, '').trim();
  return value !== '' && !config.justification.placeholders.includes(n) && !/^(todo|tbd|tbc|fixme)\b/.test(n);
}

const FIELD_WORDS: Record<EvidenceField, string> = { policies: 'implementing policy', evidence: 'evidence', owner: 'owner' };

function checkImplemented(ctx: RuleContext, file: SoaFile): void {
  const { requireOneOf, requireAll } = ctx.config.implemented;
  for (const entry of file.soa.entries) {
    if (entry.status?.value !== 'implemented' || isExcluded(entry) || !entry.idValid) continue;
    const missingAll = requireAll.filter((f) => !present(entry, f, ctx.config));
    const noneOf = requireOneOf.length > 0 && requireOneOf.every((f) => !present(entry, f, ctx.config));
    if (!noneOf && !missingAll.length) continue;
    const missing = [...new Set([...(noneOf ? requireOneOf : []), ...missingAll])];
    const named = (fs: readonly EvidenceField[]) => {
      const words = fs.map((f) => `no ${FIELD_WORDS[f]}`);
      return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words[0];
    };
    const why = noneOf && !missingAll.length ? `names ${named(requireOneOf)}` : `has ${named(missing)}`;
    const fields = missing.map((f) => `\`${f}\``).join(', ');
    ctx.report('soa/implemented-without-evidence', entry.status.span,
      `${entry.id} is marked implemented but ${why}; an auditor will ask what stands behind it. Add ${fields} (see implemented.* in isms.config.yaml).`,
      { id: entry.id, missing });
  }
}

// ---------------------------------------------------------------------------------------------
// soa/stale

/**
 * A change within this long after the SoA file's own last change is ignored: a checkout or copy
 * writes every file at once, so such times say nothing about what happened after approval.
 */
const SAME_WRITE_MS = 5 * 60 * 1000;

function checkStale(ctx: RuleContext, file: SoaFile): void {
  const approved = file.soa.header.get('approved-on');
  const modified = ctx.modified;
  if (!approved || !modified || !/^\d{4}-\d{2}-\d{2}$/.test(approved.value)) return;
  const soaUri = file.doc.uri;
  const soaTime = Date.parse(modified(soaUri) ?? '');
  const root = ctx.index.scope.root;
  const changed: { path: string; modified: string; kind: 'risks' | 'policy' }[] = [];
  const consider = (uri: string, path: string, kind: 'risks' | 'policy') => {
    const when = modified(uri);
    if (!when || changed.some((c) => c.path === path)) return;
    const t = Date.parse(when);
    if (Number.isNaN(t) || when.slice(0, 10) <= approved.value) return;
    if (!Number.isNaN(soaTime) && t <= soaTime + SAME_WRITE_MS) return;
    changed.push({ path, modified: when.slice(0, 10), kind });
  };
  const register = ctx.index.registerFor(file);
  if (register) consider(register.doc.uri, relativePath(root, register.doc.uri) ?? register.doc.uri, 'risks');
  const dir = dirnameUri(soaUri);
  // Many entries cite the same few policies: look at each path once.
  const paths = new Set<string>();
  for (const entry of file.soa.entries) for (const p of entry.policies) paths.add(p.value);
  for (const value of paths) {
    if (/^[a-z]+:\/\//i.test(value)) continue;
    const clean = value.replace(/[#?].*$/, '');
    const near = joinUri(dir, clean);
    const uri = ctx.index.fileExists(soaUri, clean) && modified(near) !== undefined ? near : joinUri(root, clean);
    consider(uri, clean, 'policy');
  }
  if (!changed.length) return;
  changed.sort((a, b) => b.modified.localeCompare(a.modified) || a.path.localeCompare(b.path));
  const shown = changed.slice(0, 5).map((c) => `${c.path} (${c.modified})`).join(', ');
  const more = changed.length > 5 ? ` and ${changed.length - 5} more` : '';
  const policies = changed.filter((c) => c.kind === 'policy').length;
  const cited = policies === 1 ? 'a cited policy' : `${policies} cited policies`;
  const what = changed.some((c) => c.kind === 'risks')
    ? (policies ? `the risk register and ${cited} have` : 'the risk register has')
    : `${cited} ${policies === 1 ? 'has' : 'have'}`;
  ctx.report('soa/stale', approved.span,
    `The SoA was approved on ${approved.value}, but ${what} changed since: ${shown}${more}. Review the SoA against them and record the new approval date.`,
    { approvedOn: approved.value, changed: changed.map(({ path, modified: m }) => ({ path, modified: m })) });
}
