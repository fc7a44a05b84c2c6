// Completion: control IDs with their titles (prose after "A." and ID positions in YAML), risk
// IDs inside `risks:` lists, and the vocabularies of status, reasons, applicable and treatment.
import { catalogue } from '../catalogue';
import type { ControlEntry } from '../refContexts';
import { TREATMENT_VALUES } from '../risks';
import { EXCLUDED_STATUS_VALUES, REASON_VALUES, STATUS_VALUES } from '../soa';
import type { Span } from '../types';
import type { FeatureContext } from './context';

export interface CompletionEntry {
  label: string;
  kind: 'control' | 'risk' | 'value' | 'field';
  detail?: string;
  /** Markdown documentation. */
  documentation?: string;
  insertText: string;
  replace: Span;
  sortText: string;
  filterText?: string;
}

const CONTROL_PREFIX = /(?:^|[^\w.])(A(?:\.(?:\d{1,2}(?:\.\d{0,2})?)?)?)$/;

export function complete(ctx: FeatureContext, offset: number): CompletionEntry[] {
  const { doc, model } = ctx;
  const pos = doc.lines.position(offset);
  const lineStart = doc.lines.lineStart(pos.line);
  const before = doc.text.slice(lineStart, offset);
  if (model.kind === 'policy' || model.kind === 'markdown') {
    if (model.md.skip.some((s) => s.start < offset && offset < s.end && !(model.md.frontMatter && s.start === model.md.frontMatter.span.start))) return [];
    const fm = model.md.frontMatter;
    if (fm && fm.span.start < offset && offset < fm.span.end) return yamlCompletions(ctx, offset, before, pos.line);
    const m = CONTROL_PREFIX.exec(before);
    if (m) return controlItems({ start: offset - m[1].length, end: offset });
    // In a control column or after a "Controls:" label, IDs are written bare ("5.15").
    const bare = BARE_PREFIX.exec(before);
    if (bare && inControlEntry(model.md.controlEntry, doc.text, lineStart, offset)) return controlItems({ start: offset - bare[1].length, end: offset }, true);
    return [];
  }
  if (model.kind === 'soa' || model.kind === 'risks') return yamlCompletions(ctx, offset, before, pos.line);
  return [];
}

function yamlCompletions(ctx: FeatureContext, offset: number, before: string, line: number): CompletionEntry[] {
  const word = /[\w.-]*$/.exec(before)![0];
  const replace = { start: offset - word.length, end: offset };
  const inline = /^\s*(?:-\s+)?([\w-]+):\s*(\[?)(?:[^\]#]*,\s*)?[\w.-]*$/.exec(before);
  const key = inline ? inline[1] : /^\s*-\s*[\w.-]*$/.test(before) || /^\s*-?\s*$/.test(before) ? parentKey(ctx, line, before) : undefined;
  const isListValue = inline ? inline[2] === '[' : true;
  switch (key) {
    case 'status': return values(STATUS_VALUES, replace, 'Implementation status').concat(values(EXCLUDED_STATUS_VALUES, replace, 'Excluded from the SoA', '1'));
    case 'reasons': return values(REASON_VALUES, replace, 'Reason for including the control');
    case 'applicable': return values(['true', 'false'], replace, 'Whether the control applies');
    case 'treatment': return values(TREATMENT_VALUES, replace, 'Risk treatment option');
    case 'risks': return isListValue || inline ? riskItems(ctx, replace) : [];
    case 'controls':
      if (ctx.model.kind === 'soa' && !inline) return controlKeyItems(ctx, replace);
      return controlItems(replace);
  }
  // A key position directly under `controls:` of the SoA.
  if (ctx.model.kind === 'soa' && /^\s+[\w.]*$/.test(before) && parentKey(ctx, line, before) === 'controls') return controlKeyItems(ctx, replace);
  return [];
}

/** The key of the nearest less-indented line above, for block list items and nested keys. */
function parentKey(ctx: FeatureContext, line: number, before: string): string | undefined {
  const indent = /^\s*/.exec(before)![0].length;
  for (let l = line - 1; l >= 0 && l >= line - 400; l--) {
    const text = ctx.doc.lines.lineText(l);
    if (!text.trim() || text.trim().startsWith('#')) continue;
    const ind = /^\s*/.exec(text)![0].length;
    if (ind < indent || (ind === indent && !text.trim().startsWith('-') && before.trim().startsWith('-'))) {
      const m = /^\s*(?:-\s+)?([\w.-]+):\s*(?:#.*)?$/.exec(text);
      return m ? m[1] : undefined;
    }
  }
  return undefined;
}

function values(list: readonly string[], replace: Span, detail: string, group = '0'): CompletionEntry[] {
  return list.map((v, i) => ({ label: v, kind: 'value', detail, insertText: v, replace, sortText: `${group}${String(i).padStart(3, '0')}` }));
}

const BARE_PREFIX = /(?:^|[\s,;/&+(|*_])(\d{0,2}(?:\.\d{0,2})?)$/;

/** Whether `offset` is in a control column's cell (counted by pipes on its line) or a control label's value. */
function inControlEntry(entries: readonly ControlEntry[], text: string, lineStart: number, offset: number): boolean {
  for (const e of entries) {
    if (offset < e.span.start || offset > e.span.end) continue;
    if (e.column === undefined) return true;
    if (lineStart === e.span.start) continue; // the header row
    const before = text.slice(lineStart, offset).replace(/\\\|/g, '');
    const pipes = (before.match(/\|/g) ?? []).length - (/^\s*\|/.test(before) ? 1 : 0);
    if (pipes === e.column) return true;
  }
  return false;
}

function controlItems(replace: Span, bare = false): CompletionEntry[] {
  return catalogue.controls.map((c, i) => ({
    label: bare ? c.id.slice(2) : c.id,
    kind: 'control',
    detail: c.title,
    documentation: c.guidance ? `**${c.id} ${c.title}** (${c.theme})\n\n${c.guidance.intent}` : `**${c.id} ${c.title}** (${c.theme})`,
    insertText: bare ? c.id.slice(2) : c.id,
    replace,
    sortText: String(i).padStart(3, '0'),
    filterText: bare ? `${c.id.slice(2)} ${c.title}` : `${c.id} ${c.title}`,
  }));
}

/** Control IDs not yet in the SoA, as entry keys. */
function controlKeyItems(ctx: FeatureContext, replace: Span): CompletionEntry[] {
  const present = ctx.model.kind === 'soa' ? new Set(ctx.model.soa.entries.map((e) => e.id)) : new Set<string>();
  return controlItems(replace).filter((c) => !present.has(c.label)).map((c) => ({ ...c, insertText: `${c.label}:` }));
}

function riskItems(ctx: FeatureContext, replace: Span): CompletionEntry[] {
  const out: CompletionEntry[] = [];
  for (const [id, hits] of ctx.index.risks) {
    const r = hits[0].risk;
    out.push({ label: id, kind: 'risk', detail: r.title?.value, documentation: r.title ? `**${id}** ${r.title.value}${r.treatment ? `\n\nTreatment: ${r.treatment.value}` : ''}` : undefined, insertText: id, replace, sortText: id });
  }
  return out.sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
}
