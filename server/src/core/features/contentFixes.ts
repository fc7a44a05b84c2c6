// Quick fixes for the content checks (rules/content*.ts), chosen by code and the data the rule
// attached, never by message text. Offsets in the data are relative to the diagnostic's start.
import { catalogue } from '../catalogue';
import { successorsOf } from '../rules/refRules';
import type { Span } from '../types';
import type { FeatureContext } from './context';
import type { FileEdit, QuickFix } from './codeActions';
import { addToList, insertField } from './yamlEdits';

export const EVIDENCE_PLACEHOLDER = 'TODO: where an auditor can see this control working';

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** Replace the ID (each suggestion) or the title written next to it. */
export function titleMismatchFixes(ctx: FeatureContext, span: Span, data: Record<string, unknown>): QuickFix[] {
  const fixes: QuickFix[] = [];
  const uri = ctx.doc.uri;
  const within = (a: number, b: number) => a <= b && span.start + b <= span.end;
  const numberStart = num(data.numberStart), numberEnd = num(data.numberEnd);
  if (numberStart !== undefined && numberEnd !== undefined && within(numberStart, numberEnd)) {
    for (const id of strings(data.suggestions).slice(0, 3)) {
      const title = catalogue.control(id)?.title ?? catalogue.legacyControl(id)?.title ?? '';
      fixes.push({
        title: `Change ${String(data.id ?? 'the ID')} to ${id}${title ? ` (${title})` : ''}`, code: 'ref/title-mismatch',
        edits: [{ uri, span: { start: span.start + numberStart, end: span.start + numberEnd }, newText: id.replace(/^A\./, '') }],
      });
    }
  }
  const titleStart = num(data.titleStart), titleEnd = num(data.titleEnd);
  const replacement = typeof data.replacementTitle === 'string' && data.replacementTitle ? data.replacementTitle : undefined;
  if (replacement && titleStart !== undefined && titleEnd !== undefined && within(titleStart, titleEnd)) {
    fixes.push({
      title: `Change the title to "${replacement}"`, code: 'ref/title-mismatch',
      edits: [{ uri, span: { start: span.start + titleStart, end: span.start + titleEnd }, newText: replacement }],
    });
  }
  return fixes;
}

/** On the summary: replace every 2013 ID of this Markdown file that has exactly one successor. */
export function mixedEditionAllFix(ctx: FeatureContext, data: Record<string, unknown>): QuickFix | undefined {
  if (ctx.model.kind !== 'policy' && ctx.model.kind !== 'markdown') return undefined;
  const ids = new Set(strings(data.ids));
  const refs = ctx.refs.controls;
  const ranges = refs.filter((r) => r.inRange);
  const edits: FileEdit[] = [];
  for (const r of refs) {
    if (r.inRange || !ids.has(r.id) || (r.kind !== 'legacy' && r.kind !== 'objective')) continue;
    if (ranges.some((x) => x.span.start <= r.span.start && r.span.end <= x.span.end)) continue;
    const successors = successorsOf(r.id);
    if (successors.length !== 1) continue;
    const written = ctx.doc.text.slice(r.span.start, r.span.end);
    const number = /\d{1,2}(?:\.\d{1,2}){1,3}$/.exec(written);
    if (!number) continue;
    edits.push({ uri: ctx.doc.uri, span: { start: r.span.start + number.index, end: r.span.end }, newText: successors[0].replace(/^A\./, '') });
  }
  if (!edits.length) return undefined;
  return { title: `Replace ${edits.length === 1 ? 'the 2013 ID' : `${edits.length} ISO/IEC 27001:2013 IDs`} that ${edits.length === 1 ? 'has' : 'have'} one 2022 successor`, code: 'ref/mixed-edition', edits };
}

/** Add a cited control to the front-matter `controls:` list. */
export function claimFix(ctx: FeatureContext, id: string): QuickFix | undefined {
  if (ctx.model.kind !== 'policy' || !id) return undefined;
  const field = ctx.model.md.frontMatter?.fields.get('controls');
  if (!field) return undefined;
  return { title: `Add ${id} to the front-matter controls list`, code: 'policy/cites-unclaimed', edits: [{ uri: ctx.doc.uri, ...addToList(ctx.doc, field.keySpan, id) }] };
}

/** Add an `evidence:` field to write, with the placeholder selected. */
export function evidenceFix(ctx: FeatureContext, id: string): QuickFix | undefined {
  const file = ctx.index.soaFile(ctx.doc.uri);
  const entry = file?.byId.get(id)?.[0];
  if (!entry || entry.fieldKeys.has('evidence')) return undefined;
  const { edit, fieldStart } = insertField(ctx.doc, entry, `evidence: ${JSON.stringify(EVIDENCE_PLACEHOLDER)}`);
  const valueStart = fieldStart + 'evidence: "'.length;
  return {
    title: `Add the evidence for ${id}`, code: 'soa/implemented-without-evidence',
    edits: [{ uri: ctx.doc.uri, ...edit }],
    select: { uri: ctx.doc.uri, span: { start: valueStart, end: valueStart + EVIDENCE_PLACEHOLDER.length } },
  };
}
