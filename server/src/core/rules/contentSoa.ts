// Content checks of a Statement of Applicability that an auditor would make after the structure
// is right: one pasted or template justification for many controls (soa/repeated-justification),
// controls marked implemented with nothing behind them (soa/implemented-without-evidence), and an
// approval older than the documents the SoA rests on (soa/stale).
import { catalogue } from '../catalogue';
import type { EvidenceField, IsmsConfig, TraceableLevel } from '../config';
import type { SoaFile } from '../scopeIndex';
import { isApplicable, isExcluded, type SoaEntry } from '../soa';
import type { Spanned } from '../types';
import { dirnameUri, joinUri, relativePath } from '../uris';
import type { RuleContext } from './context';
import { checkSoaTitles, yamlDeclaration } from './contentRefs';
import { SimilarTexts } from './similarTexts';
import { isTraceable, listIds } from './traceability';
import { isPlaceholder } from './placeholder';

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
  return !t || isPlaceholder(t, config.justification.placeholders) || t.length < config.justification.minLength;
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

/** Whether a justification (its words joined by spaces) says anything beyond unspecific words. */
const specific = (w: string) => w.split(' ').some((x) => x.length >= 3 && !UNSPECIFIC.has(x));

const MAX_COMPARED = 1_000;
const MAX_NAMED = 20;

/**
 * What the repeated-justification rule keeps between versions of an SoA: for the configuration it
 * was computed with, the template phrases' words and each justification's words joined by spaces
 * (null when the text is too weak to compare); and the similarity graph.
 */
interface JustificationMemory { config: IsmsConfig | undefined; templates: Template[]; keys: Map<string, string | null>; similar: SimilarTexts }

interface Item { e: SoaEntry; j: Spanned<string>; key: string }

/** Why an entry's justification is reported: template wording, or one pasted text; or not at all. */
type Verdict = 'template' | 'repeated' | 'traceable' | undefined;

/**
 * soa/repeated-justification judges what a justification says, not only that it repeats:
 * - template wording with nothing specific after it is a warning, alone or repeated;
 * - one text on more than max-repeats controls is a warning, unless it says something specific
 *   and the controls are a family (one theme, or one operational capability: "no premises of our
 *   own" for the physical controls);
 * - an applicable control whose decision is traceable (a linked risk, or a legal, regulatory,
 *   contractual or business reason) is never warned for its wording: `justification.traceable`
 *   (a hint by default).
 * One text shared by many controls is one finding at its first use, the others as related places.
 */
function checkJustifications(ctx: RuleContext, file: SoaFile): void {
  const { maxRepeats, similarity: threshold, templates } = ctx.config.justification;
  const memory = ctx.doc.memory.keep<JustificationMemory>('soa/repeated-justification', () => ({ config: undefined, templates: [], keys: new Map(), similar: new SimilarTexts() }));
  if (memory.config !== ctx.config) {
    memory.config = ctx.config;
    memory.templates = templates.map((phrase) => ({ phrase, words: words(phrase).join(' ') }));
    memory.keys.clear();
  }
  const keysNow = new Map<string, string | null>();
  const items: Item[] = [];
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
  const groups = new Map<string, Item[]>();
  for (const x of items) {
    const r = root(x.key);
    const list = groups.get(r);
    if (list) list.push(x); else groups.set(r, [x]);
  }
  // An applicable control that traces to nothing is soa/applicable-without-risk's finding; its
  // pasted wording is not reported a second time.
  const leftToRiskRule = ctx.enabled('soa/applicable-without-risk');
  const applicable = (e: SoaEntry) => !isExcluded(e) && isApplicable(e);
  for (const members of groups.values()) {
    const repeated = members.length > maxRepeats && !(members.every((x) => specific(x.key)) && isFamily(members.map((x) => x.e.id), ctx.config.justification.families));
    const byVerdict = new Map<Verdict, Item[]>();
    for (const x of members) {
      const template = templateOf(x.key, memory.templates) !== undefined;
      let verdict: Verdict = template ? 'template' : repeated ? 'repeated' : undefined;
      if (verdict && applicable(x.e)) {
        if (isTraceable(ctx, file, x.e)) verdict = 'traceable';
        else if (verdict === 'repeated' && leftToRiskRule) verdict = undefined;
      }
      const list = byVerdict.get(verdict);
      if (list) list.push(x); else byVerdict.set(verdict, [x]);
    }
    const same = members.every((x) => x.key === members[0].key);
    for (const [verdict, list] of byVerdict) {
      if (verdict === 'template' || verdict === 'repeated') reportShared(ctx, verdict, list, members, same, memory.templates);
      else if (verdict === 'traceable' && ctx.config.justification.traceable !== 'off') reportTraceable(ctx, list, ctx.config.justification.traceable);
    }
  }
}

/** Whether controls are one family by the configured kinds: one theme, or one shared operational capability. */
function isFamily(ids: string[], kinds: readonly string[]): boolean {
  const controls = ids.map((id) => catalogue.control(id));
  if (controls.some((c) => !c)) return false;
  if (kinds.includes('theme') && controls.every((c) => c!.theme === controls[0]!.theme)) return true;
  if (!kinds.includes('capability')) return false;
  return controls[0]!.attributes.operationalCapabilities.some((cap) => controls.every((c) => c!.attributes.operationalCapabilities.includes(cap)));
}

const quote = (t: string) => `"${t.length > 80 ? `${t.slice(0, 77)}...` : t}"`;
const decision = (e: SoaEntry) => (isExcluded(e) ? 'does not apply' : 'applies');

/** One warning for the entries that share a template or pasted text, at the first of them. */
function reportShared(ctx: RuleContext, verdict: 'template' | 'repeated', list: Item[], group: Item[], same: boolean, templates: readonly Template[]): void {
  const [first, ...rest] = list;
  const ids = list.map((x) => x.e.id);
  const text = first.j.value.trim();
  let message: string;
  if (verdict === 'template' && list.length === 1) {
    message = `${quote(text)} is template wording, not a reason specific to your organisation; say why ${first.e.id} ${decision(first.e)} to your business.`;
  } else if (verdict === 'template') {
    message = `${quote(text)} is template wording, not a reason specific to your organisation, and ${list.length} controls give it (${listIds(ids)}); say for each why it ${decision(first.e)} to your business.`;
  } else {
    const total = group.length;
    const alone = total === list.length ? '' : ` This finding is about the ${list.length} whose decision rests on this text alone: this entry and its related places.`;
    message = `${same ? 'The same' : 'Nearly the same'} justification is given for ${total} controls (${listIds(group.map((x) => x.e.id))}); a pasted reason does not show why each applies or not. Say what about your organisation makes the decision for each control.${alone}`;
  }
  const data: Record<string, unknown> = { id: first.e.id, kind: verdict, ids: ids.slice(1, MAX_NAMED + 1), count: ids.length, affected: ids };
  if (verdict === 'template') data.template = templateOf(first.key, templates);
  ctx.report('soa/repeated-justification', first.j.span, message, data, {
    related: rest.map((x) => ({ span: x.j.span, message: `${x.e.id} ${catalogue.control(x.e.id)?.title ?? ''}: ${x.key === first.key ? 'the same' : 'nearly the same'} ${verdict === 'template' ? 'template wording' : 'justification'}`.replace(' :', ':') })),
  });
}

/** Shared or template wording on applicable controls whose decisions are traceable: one note at most. */
function reportTraceable(ctx: RuleContext, list: Item[], level: Exclude<TraceableLevel, 'off'>): void {
  const [first, ...rest] = list;
  const ids = list.map((x) => x.e.id);
  const who = list.length === 1 ? `${first.e.id} is applicable and traceable` : `${list.length} applicable controls share it (${listIds(ids)}) and are traceable`;
  ctx.report('soa/repeated-justification', first.j.span,
    `${quote(first.j.value.trim())} is generic wording, but ${who} through linked risks or recorded reasons; a sentence on what each control does for your organisation reads better in an audit.`,
    { id: first.e.id, kind: 'traceable', ids: ids.slice(1, MAX_NAMED + 1), count: ids.length, affected: ids },
    { severity: level, related: rest.map((x) => ({ span: x.j.span, message: `${x.e.id}: the same wording` })) });
}

// ---------------------------------------------------------------------------------------------
// soa/implemented-without-evidence

function present(entry: SoaEntry, field: EvidenceField, config: IsmsConfig): boolean {
  if (field === 'policies') return entry.policies.length > 0;
  const value = (field === 'owner' ? entry.owner : entry.evidence)?.value.trim() ?? '';
  return value !== '' && !isPlaceholder(value, config.justification.placeholders);
}

const FIELD_WORDS: Record<EvidenceField, string> = { policies: 'implementing policy', evidence: 'evidence', owner: 'owner' };
const FIELD_NOUN: Record<EvidenceField, string> = { policies: 'an implementing policy', evidence: 'evidence', owner: 'an owner' };
const orList = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join(', ')} or ${xs[xs.length - 1]}` : xs[0]);

/**
 * soa/implemented-without-evidence. When no implemented control names any of the fields, the SoA
 * has no place for them (a spreadsheet whose evidence column became an x- field): one finding on
 * `controls:`, the entries as related places.
 */
function checkImplemented(ctx: RuleContext, file: SoaFile): void {
  if (!ctx.enabled('soa/implemented-without-evidence')) return;
  const { requireOneOf, requireAll } = ctx.config.implemented;
  const named = (fs: readonly EvidenceField[]) => {
    const words = fs.map((f) => `no ${FIELD_WORDS[f]}`);
    return words.length > 1 ? `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}` : words[0];
  };
  const implemented = file.soa.entries.filter((e) => e.status?.value === 'implemented' && !isExcluded(e) && e.idValid);
  const found: { entry: SoaEntry; missing: EvidenceField[]; noneOf: boolean; missingAll: EvidenceField[] }[] = [];
  for (const entry of implemented) {
    const missingAll = requireAll.filter((f) => !present(entry, f, ctx.config));
    const noneOf = requireOneOf.length > 0 && requireOneOf.every((f) => !present(entry, f, ctx.config));
    if (!noneOf && !missingAll.length) continue;
    found.push({ entry, missing: [...new Set([...(noneOf ? requireOneOf : []), ...missingAll])], noneOf, missingAll });
  }
  const key = (m: readonly string[]) => m.join(',');
  if (found.length > 1 && found.length === implemented.length && found.every((f) => key(f.missing) === key(found[0].missing)) && file.soa.controlsKey) {
    const ids = found.map((f) => f.entry.id);
    const xFields = [...new Set(found.flatMap((f) => [...f.entry.fieldKeys.keys()].filter((k) => k.startsWith('x-'))))];
    const fields = found[0].missing.map((f) => `\`${f}\``).join(', ');
    const extra = xFields.length ? ` If ${xFields.slice(0, 3).map((k) => `\`${k}\``).join(' or ')} holds it, rename that field: x- fields are not read.` : '';
    ctx.report('soa/implemented-without-evidence', file.soa.controlsKey,
      `None of the ${ids.length} controls marked implemented (${listIds(ids)}) names ${orList(found[0].missing.map((f) => FIELD_NOUN[f]))}: this SoA does not record what stands behind them, and an auditor will ask. Add ${fields} to each (see implemented.* in isms.config.yaml).${extra}`,
      { affected: ids, missing: found[0].missing },
      { related: found.map((f) => ({ span: f.entry.status!.span, message: `${f.entry.id}: implemented, ${named(f.missing)}` })) });
    return;
  }
  for (const { entry, missing, noneOf, missingAll } of found) {
    const why = noneOf && !missingAll.length ? `names ${named(requireOneOf)}` : `has ${named(missing)}`;
    const fields = missing.map((f) => `\`${f}\``).join(', ');
    ctx.report('soa/implemented-without-evidence', entry.status!.span,
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
