// Checks of a Statement of Applicability, on its own and against the risk register and files.
import { catalogue } from '../catalogue';
import { classifyControlId, findControlRefs } from '../controlRef';
import type { SoaFile } from '../scopeIndex';
import { applicableValue, ENTRY_FIELDS, EXCLUDED_STATUS_VALUES, isApplicable, isDecided, isExcluded, REASON_VALUES, STATUS_VALUES, type SoaEntry } from '../soa';
import { suggestWord } from '../suggest';
import { reportUnknown } from './refRules';
import { checkSoaContent } from './contentSoa';
import { editionRefs, yamlDeclaration, type EditionRefs } from './contentRefs';
import type { RuleContext } from './context';
import { isTraceable, listIds } from './traceability';
import { isPlaceholder } from './placeholder';

const ALL_STATUS = [...STATUS_VALUES, ...EXCLUDED_STATUS_VALUES];

export function checkSoa(ctx: RuleContext, file: SoaFile): void {
  const { soa } = file;
  if (soa.malformedRoot && !soa.errors.length) {
    ctx.report('soa/invalid-value', { start: 0, end: Math.min(ctx.doc.text.length, 1) }, 'An SoA must be a mapping with a `controls:` key (see the ISMS Author README).');
    return;
  }
  if (!soa.controlsKey && !soa.errors.length) {
    ctx.report('soa/invalid-value', { start: 0, end: Math.min(ctx.doc.text.length, 1) }, 'The SoA has no `controls:` section.');
  } else if (soa.controlsKey && soa.form === 'none') {
    ctx.report('soa/invalid-value', soa.controlsKey, '`controls:` must be a mapping keyed by control ID or a list of entries with `id:`.');
  }
  const register = ctx.index.registerFor(file);
  if (soa.riskRegister && !register) {
    ctx.report('ref/missing-file', soa.riskRegister.span, `The risk register "${soa.riskRegister.value}" does not exist or is not matched by the \`risks\` globs of isms.config.yaml.`, { path: soa.riskRegister.value });
  }
  const seen = new Map<string, SoaEntry>();
  const refs = editionRefs(ctx, yamlDeclaration(soa.standard));
  const untraced: SoaEntry[] = [];
  for (const entry of soa.entries) {
    checkEntryId(ctx, entry, seen, refs);
    checkEntryValues(ctx, entry);
    if (entry.idValid && catalogue.control(entry.id) && !checkEntryLinks(ctx, file, entry)) untraced.push(entry);
  }
  reportUntraced(ctx, file, untraced);
  // Control IDs in prose (justifications, evidence) are references too.
  const skip = soa.entries.map((e) => e.idSpan).sort((a, b) => a.start - b.start);
  for (const ref of findControlRefs(ctx.doc.text, 0, ctx.doc.text.length, [...skip, ...commentSpans(ctx.doc.text)].sort((a, b) => a.start - b.start))) refs.check(ref);
  refs.finish();
  checkSoaContent(ctx, file);

  if (!soa.errors.length && soa.form !== 'none') {
    const missing = catalogue.controls.filter((c) => !file.byId.has(c.id)).map((c) => c.id);
    if (missing.length) {
      const list = missing.length > 12 ? `${missing.slice(0, 12).join(', ')} and ${missing.length - 12} more` : missing.join(', ');
      const n = missing.length === 1 ? '1 Annex A control has' : `${missing.length} Annex A controls have`;
      ctx.report('soa/missing-control', soa.controlsKey ?? { start: 0, end: 0 }, `${n} no SoA entry: ${list}.`, { missing });
    }
  }
}

function checkEntryId(ctx: RuleContext, entry: SoaEntry, seen: Map<string, SoaEntry>, refs: EditionRefs): void {
  if (!entry.idValid) {
    ctx.report('ref/unknown-control', entry.idSpan, entry.id ? `"${entry.id}" is not a control ID; SoA entries are keyed by IDs such as A.5.15.` : 'This SoA entry has no `id:`.', { id: entry.id, suggestions: [] });
    return;
  }
  const kind = classifyControlId(entry.id, true);
  if (kind === 'unknown') reportUnknown(ctx, entry.id, entry.idSpan);
  else if (kind === 'legacy' || kind === 'objective') refs.legacy(entry.id, entry.idSpan, kind);
  const first = seen.get(entry.id);
  if (first && ctx.enabled('soa/duplicate-control')) {
    const line = ctx.doc.lines.position(first.idSpan.start).line + 1;
    ctx.report('soa/duplicate-control', entry.idSpan, `${entry.id} already has an SoA entry at line ${line}; keep one.`, { id: entry.id, firstLine: line });
  } else seen.set(entry.id, entry);
}

function checkEntryValues(ctx: RuleContext, entry: SoaEntry): void {
  const a = applicableValue(entry);
  if (a === 'invalid') ctx.report('soa/invalid-value', entry.applicable!.span, '`applicable` must be true or false.', { field: 'applicable', expected: ['true', 'false'] });
  if (entry.status && !(ALL_STATUS as readonly string[]).includes(entry.status.value)) {
    const s = suggestWord(entry.status.value, ALL_STATUS);
    ctx.report('soa/invalid-value', entry.status.span, `Status "${entry.status.value}" is not one of ${STATUS_VALUES.join(', ')} (or ${EXCLUDED_STATUS_VALUES.join(', ')}).${s ? ` Did you mean "${s}"?` : ''}`, { field: 'status', expected: ALL_STATUS, suggestion: s });
  }
  for (const r of entry.reasons) {
    if ((REASON_VALUES as readonly string[]).includes(r.value)) continue;
    const s = suggestWord(r.value, REASON_VALUES);
    ctx.report('soa/invalid-value', r.span, `Reason "${r.value}" is not one of ${REASON_VALUES.join(', ')}.${s ? ` Did you mean "${s}"?` : ''}`, { field: 'reasons', expected: REASON_VALUES, suggestion: s });
  }
  for (const u of entry.unknownFields) {
    const s = suggestWord(u.key, ENTRY_FIELDS);
    ctx.report('soa/unknown-field', u.span, `Unknown SoA field "${u.key}".${s ? ` Did you mean "${s}"?` : ' Prefix custom fields with x-.'}`, { field: u.key, suggestion: s });
  }
  if (a === false && entry.status && [...STATUS_VALUES].includes(entry.status.value as never)) {
    ctx.report('soa/status-conflict', entry.status.span, `\`applicable: false\` contradicts \`status: ${entry.status.value}\`; an excluded control has no implementation status.`, { id: entry.id });
  } else if (a === true && entry.status && (EXCLUDED_STATUS_VALUES as readonly string[]).includes(entry.status.value)) {
    ctx.report('soa/status-conflict', entry.status.span, `\`applicable: true\` contradicts \`status: ${entry.status.value}\`.`, { id: entry.id });
  }
  if (isExcluded(entry)) checkJustification(ctx, entry);
  else if (!isDecided(entry) && entry.idValid && a !== 'invalid' && !syntaxBroken(ctx)) {
    ctx.report('soa/undecided', entry.idSpan, `The SoA does not say whether ${entry.id} applies; add \`applicable: true\` or \`false\`.`, { id: entry.id });
  }
}

function checkJustification(ctx: RuleContext, entry: SoaEntry): void {
  const text = entry.justification?.value.trim() ?? '';
  const { placeholders, minLength } = ctx.config.justification;
  const data = { id: entry.id, insertAt: entry.justification ? undefined : entry.bodySpan.end, replace: entry.justification?.span };
  const where = entry.justification?.span ?? entry.idSpan;
  if (!text) ctx.report('soa/excluded-without-justification', where, `${entry.id} is excluded without a justification; say why it does not apply to your organisation.`, data);
  else if (isPlaceholder(text, placeholders)) ctx.report('soa/excluded-without-justification', where, `"${text}" is a placeholder, not a justification for excluding ${entry.id}; say why it does not apply to your organisation.`, data);
  else if (text.length < minLength) ctx.report('soa/excluded-without-justification', where, `The justification for excluding ${entry.id} is too short (${text.length} characters; at least ${minLength}); say why it does not apply.`, data);
}

/** Checks an entry's risk and policy links; false when it is applicable and traces to nothing. */
function checkEntryLinks(ctx: RuleContext, file: SoaFile, entry: SoaEntry): boolean {
  const register = ctx.index.registerFor(file);
  const known = register && ctx.index.riskIds(register);
  for (const r of entry.risks) {
    if (known && !known.has(r.value)) {
      ctx.report('ref/unknown-risk', r.span, `Risk ${r.value} is not in the risk register (${register!.doc.uri.split('/').pop()}).`, { riskId: r.value, id: entry.id });
    }
  }
  for (const p of entry.policies) {
    if (/^[a-z]+:\/\//i.test(p.value)) continue;
    if (!ctx.index.fileExists(file.doc.uri, p.value)) ctx.report('ref/missing-file', p.span, `Policy file "${p.value}" does not exist.`, { path: p.value });
  }
  return !isApplicable(entry) || isTraceable(ctx, file, entry);
}

const FIX_HINT = 'Link a risk in `risks:` (or list the control in a risk\'s `controls:`), or record a reason such as legal or contractual.';

/**
 * soa/applicable-without-risk. Without any risk register in the scope (or with one that lists no
 * risk), every untraced entry has one cause: that is one finding on `controls:`, the entries as
 * related places.
 */
function reportUntraced(ctx: RuleContext, file: SoaFile, entries: SoaEntry[]): void {
  if (!entries.length || !ctx.enabled('soa/applicable-without-risk')) return;
  const title = (e: SoaEntry) => catalogue.control(e.id)?.title ?? '';
  const register = ctx.index.registerFor(file);
  if (entries.length > 1 && (!register || !register.register.risks.length) && file.soa.controlsKey) {
    const ids = entries.map((e) => e.id);
    const cause = register ? `The risk register (${register.doc.uri.split('/').pop()}) lists no risk yet` : 'There is no risk register in this scope';
    ctx.report('soa/applicable-without-risk', file.soa.controlsKey,
      `${cause}, so ${entries.length} applicable controls trace to no risk and record no other reason (${listIds(ids)}). Create risks.yaml (or point the \`risks\` globs of isms.config.yaml at your register) and link each control to the risks it treats, or record a reason such as legal or contractual.`,
      { affected: ids, noRegister: !register },
      { related: entries.map((e) => ({ span: e.idSpan, message: `${e.id} ${title(e)}: applicable, no risk linked and no other reason recorded` })) });
    return;
  }
  for (const entry of entries) {
    const why = entry.reasons.length ? 'is applicable for the reason `risk`, but no risk is linked' : 'is applicable, but no risk is linked and no other reason is recorded';
    ctx.report('soa/applicable-without-risk', entry.idSpan, `${entry.id} ${title(entry)} ${why}. ${FIX_HINT}`, { id: entry.id, insertAt: entry.bodySpan.end, bodyIsMap: entry.bodyIsMap });
  }
}

const syntaxBroken = (ctx: RuleContext) => ctx.index.soaFile(ctx.doc.uri)?.soa.errors.length !== 0;

/** Spans of YAML comments, where control IDs are notes rather than references. */
export function commentSpans(text: string): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const re = /(^|[ \t])#[^\n]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index) + 1;
    const before = text.slice(lineStart, m.index);
    if ((before.match(/"/g)?.length ?? 0) % 2 === 1 || (before.match(/'/g)?.length ?? 0) % 2 === 1) continue;
    spans.push({ start: m.index + m[1].length, end: m.index + m[0].length });
  }
  return spans;
}
