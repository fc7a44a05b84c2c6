// Quick fixes, chosen by diagnostic code and the data the rule attached; never by message text.
// Every fix is a set of edits the user applies; nothing is written behind their back.
import { catalogue } from '../catalogue';
import { riskRating } from '../risks';
import type { SoaFile } from '../scopeIndex';
import type { SoaEntry } from '../soa';
import type { Finding, Span } from '../types';
import { basename } from '../uris';
import type { Doc } from '../workspace';
import type { FeatureContext } from './context';
import { claimFix, evidenceFix, mixedEditionAllFix, titleMismatchFixes } from './contentFixes';
import { addToList, eol, insertField, lineEndAt, type TextEdit } from './yamlEdits';

export interface FileEdit extends TextEdit { uri: string }

export interface QuickFix {
  title: string;
  code: string;
  edits: FileEdit[];
  preferred?: boolean;
  /** Where to put the cursor after applying (start and end offsets in the final text). */
  select?: { uri: string; span: Span };
}

export const JUSTIFICATION_PLACEHOLDER = 'TODO: explain why this control does not apply to us';

export function quickFixes(ctx: FeatureContext, diagnostics: Pick<Finding, 'code' | 'range' | 'data'>[]): QuickFix[] {
  const out: QuickFix[] = [];
  for (const d of diagnostics) {
    const span = { start: ctx.doc.lines.offset(d.range.start), end: ctx.doc.lines.offset(d.range.end) };
    const data = (d.data ?? {}) as Record<string, unknown>;
    switch (d.code) {
      case 'ref/legacy-control':
        out.push(...successorFixes(ctx, d.code, span, data));
        break;
      case 'ref/mixed-edition': {
        // The summary replaces them all; one reference is fixed like ref/legacy-control.
        const fix = data.summary === true ? mixedEditionAllFix(ctx, data) : undefined;
        out.push(...(fix ? [fix] : successorFixes(ctx, d.code, span, data)));
        break;
      }
      case 'ref/title-mismatch':
        out.push(...titleMismatchFixes(ctx, span, data));
        break;
      case 'ref/clause-as-control':
        if (typeof data.replacement === 'string') out.push(replaceWith(ctx, d.code, span, data.replacement, `Write "${data.replacement}"`, true));
        break;
      case 'policy/cites-unclaimed': {
        const fix = claimFix(ctx, String(data.id ?? ''));
        if (fix) out.push(fix);
        break;
      }
      case 'soa/implemented-without-evidence': {
        const fix = evidenceFix(ctx, String(data.id ?? ''));
        if (fix) out.push(fix);
        break;
      }
      case 'ref/unknown-control':
        for (const [i, id] of strings(data.suggestions).entries()) out.push(replaceWith(ctx, d.code, span, id, `Change to ${id} ${catalogue.control(id)?.title ?? ''}`.trim(), i === 0));
        break;
      case 'soa/invalid-value':
        if (typeof data.suggestion === 'string') out.push(replaceWith(ctx, d.code, span, data.suggestion, `Change to "${data.suggestion}"`, true));
        break;
      case 'soa/excluded-without-justification': {
        const fix = justificationFix(ctx, String(data.id ?? ''));
        if (fix) out.push(fix);
        break;
      }
      case 'soa/applicable-without-risk':
        out.push(...riskFixes(ctx, String(data.id ?? '')));
        break;
      case 'soa/missing-control': {
        const fix = missingControlsFix(ctx, strings(data.missing));
        if (fix) out.push(fix);
        break;
      }
    }
  }
  return out;
}

function successorFixes(ctx: FeatureContext, code: string, span: Span, data: Record<string, unknown>): QuickFix[] {
  const ids = strings(data.successors);
  return ids.map((id, i) => replaceWith(ctx, code, span, id, `Replace with ${id} ${catalogue.control(id)?.title ?? ''}`.trim(), i === 0 && ids.length === 1));
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

function replaceWith(ctx: FeatureContext, code: string, span: Span, text: string, title: string, preferred: boolean): QuickFix {
  return { title, code, preferred, edits: [{ uri: ctx.doc.uri, span, newText: text }] };
}

function soaEntry(ctx: FeatureContext, id: string): { file: SoaFile; entry: SoaEntry } | undefined {
  const file = ctx.index.soaFile(ctx.doc.uri);
  const entry = file?.byId.get(id)?.[0];
  return file && entry ? { file, entry } : undefined;
}

function justificationFix(ctx: FeatureContext, id: string): QuickFix | undefined {
  const hit = soaEntry(ctx, id);
  if (!hit) return undefined;
  const { entry } = hit;
  const quoted = JSON.stringify(JUSTIFICATION_PLACEHOLDER);
  if (entry.justification) {
    const span = entry.justification.span;
    return {
      title: `Replace "${entry.justification.value}" with a justification to write`, code: 'soa/excluded-without-justification', preferred: true,
      edits: [{ uri: ctx.doc.uri, span, newText: quoted }],
      select: { uri: ctx.doc.uri, span: { start: span.start + 1, end: span.start + 1 + JUSTIFICATION_PLACEHOLDER.length } },
    };
  }
  const { edit, fieldStart } = insertField(ctx.doc, entry, `justification: ${quoted}`);
  const valueStart = fieldStart + 'justification: "'.length;
  return {
    title: `Add a justification for excluding ${id}`, code: 'soa/excluded-without-justification', preferred: true,
    edits: [{ uri: ctx.doc.uri, ...edit }],
    select: { uri: ctx.doc.uri, span: { start: valueStart, end: valueStart + JUSTIFICATION_PLACEHOLDER.length } },
  };
}

/** One fix per plausible risk (those treating related controls first, then by rating), and a new risk stub. */
function riskFixes(ctx: FeatureContext, id: string): QuickFix[] {
  const hit = soaEntry(ctx, id);
  if (!hit) return [];
  const { file, entry } = hit;
  const register = ctx.index.registerFor(file);
  const related = new Set(catalogue.control(id)?.guidance?.related ?? []);
  const addRisk = (riskId: string): FileEdit => {
    const key = entry.fieldKeys.get('risks');
    if (key) return { uri: ctx.doc.uri, ...addToList(ctx.doc, key, riskId) };
    return { uri: ctx.doc.uri, ...insertField(ctx.doc, entry, `risks: [${riskId}]`).edit };
  };
  const fixes: QuickFix[] = [];
  if (register) {
    const ranked = register.register.risks
      .filter((r) => r.id)
      .map((r) => ({ r, score: r.controls.filter((c) => c.id && related.has(c.id)).length, rating: riskRating(r) ?? 0 }))
      .sort((a, b) => b.score - a.score || b.rating - a.rating)
      .slice(0, 5);
    for (const { r } of ranked) fixes.push({ title: `Link risk ${r.id}${r.title ? ` (${r.title.value})` : ''}`, code: 'soa/applicable-without-risk', edits: [addRisk(r.id)] });
    const stub = riskStub(register.doc, register.register.risks.map((r) => r.id), id, register.register.form);
    if (stub) fixes.push({ title: `Create risk ${stub.id} in ${basename(register.doc.uri)} and link it`, code: 'soa/applicable-without-risk', edits: [addRisk(stub.id), { uri: register.doc.uri, ...stub.edit }], select: { uri: register.doc.uri, span: stub.titleSpan } });
  }
  return fixes;
}

function riskStub(doc: Doc, ids: string[], controlId: string, form: 'map' | 'list' | 'none'): { id: string; edit: TextEdit; titleSpan: Span } | undefined {
  if (form === 'none') return undefined;
  const numbers = ids.map((i) => /^([A-Za-z]+-)(\d+)$/.exec(i)).filter((m): m is RegExpExecArray => !!m);
  const prefix = numbers[0]?.[1] ?? 'R-';
  const width = numbers[0]?.[2].length ?? 3;
  const next = Math.max(0, ...numbers.map((m) => Number(m[2]))) + 1;
  const id = `${prefix}${String(next).padStart(width, '0')}`;
  const nl = eol(doc);
  const title = `TODO: describe the risk that ${controlId} treats`;
  const body = form === 'map'
    ? [`  ${id}:`, `    title: "${title}"`, '    owner: TODO', '    likelihood: 3', '    impact: 3', '    treatment: mitigate', `    controls: [${controlId}]`]
    : [`  - id: ${id}`, `    title: "${title}"`, '    owner: TODO', '    likelihood: 3', '    impact: 3', '    treatment: mitigate', `    controls: [${controlId}]`];
  const end = lineEndAt(doc, doc.text.trimEnd().length);
  const text = nl + body.join(nl);
  const titleStart = end + text.indexOf(title);
  return { id, edit: { span: { start: end, end }, newText: text }, titleSpan: { start: titleStart, end: titleStart + title.length } };
}

/** Inserts every missing control in catalogue order, each after its nearest present predecessor. */
function missingControlsFix(ctx: FeatureContext, missing: string[]): QuickFix | undefined {
  const file = ctx.index.soaFile(ctx.doc.uri);
  if (!file || !missing.length || file.soa.form === 'none' || !file.soa.controlsKey) return undefined;
  const doc = ctx.doc;
  const nl = eol(doc);
  const present = file.soa.entries.filter((e) => e.idValid && catalogue.control(e.id));
  const sample = present[0];
  const keyIndent = sample ? /^[ \t]*/.exec(doc.lines.lineText(doc.lines.position(sample.idSpan.start).line))![0] : '  ';
  const fieldIndent = sample ? fieldIndentFor(ctx, sample) : keyIndent + '  ';
  const entryText = (id: string) => (file.soa.form === 'map'
    ? `${keyIndent}${id}:${nl}${fieldIndent}status: not-started`
    : `${keyIndent}- id: ${id}${nl}${fieldIndent}status: not-started`);
  const groups = new Map<number, string[]>();
  const afterControlsKey = lineEndAt(doc, file.soa.controlsKey.end);
  for (const id of missing) {
    const order = catalogue.order(id);
    const before = present.filter((e) => catalogue.order(e.id) < order).sort((a, b) => catalogue.order(b.id) - catalogue.order(a.id))[0];
    const at = before ? endOfEntry(doc, before) : afterControlsKey;
    groups.set(at, [...(groups.get(at) ?? []), id]);
  }
  const edits: FileEdit[] = [...groups].map(([at, ids]) => ({ uri: doc.uri, span: { start: at, end: at }, newText: ids.map((id) => nl + entryText(id)).join('') }));
  return { title: `Add the ${missing.length} missing control${missing.length === 1 ? '' : 's'} to the SoA (status: not-started)`, code: 'soa/missing-control', preferred: true, edits };
}

function fieldIndentFor(ctx: FeatureContext, e: SoaEntry): string {
  const line = ctx.doc.lines.position(e.bodySpan.start).line;
  const keyLine = ctx.doc.lines.position(e.idSpan.start).line;
  if (e.bodyIsMap && line > keyLine) return /^[ \t]*/.exec(ctx.doc.lines.lineText(line))![0];
  const dash = /^([ \t]*)-[ \t]+/.exec(ctx.doc.lines.lineText(keyLine));
  return dash ? ' '.repeat(dash[0].length) : /^[ \t]*/.exec(ctx.doc.lines.lineText(keyLine))![0] + '  ';
}

function endOfEntry(doc: Doc, e: SoaEntry): number {
  let line = doc.lines.position(Math.max(e.span.start, e.span.end - 1)).line;
  while (line > 0 && /^\s*(#.*)?$/.test(doc.lines.lineText(line))) line--;
  return doc.lines.lineStart(line) + doc.lines.lineText(line).length;
}
