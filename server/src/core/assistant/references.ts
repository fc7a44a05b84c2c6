// Everything in the workspace that cites a control (2022 or 2013 ID) or a risk: policy lines,
// SoA entries and risks, each with the line's text so an assistant need not open the file.
import { catalogue } from '../catalogue';
import { classifyControlId, normaliseControlId } from '../controlRef';
import { riskReferences } from '../features/navigation';
import type { ScopeIndex } from '../scopeIndex';
import { suggestControls } from '../suggest';
import type { Span } from '../types';
import type { Workspace } from '../workspace';
import { ToolInputError } from './errors';
import type { ScopeView } from './controlInfo';

export interface ReferenceRecord {
  file: string;
  line: number;
  column: number;
  /** policy, markdown (other Markdown), soa (the SoA entry or a risk's link in it), risk (a register entry), definition (the risk itself). */
  via: 'policy' | 'markdown' | 'soa' | 'risk' | 'definition';
  /** For a control cited by a risk's `controls:` list: that risk. */
  riskId?: string;
  text: string;
}

export interface ReferenceTarget { id: string; kind: 'control' | 'legacy-control' | 'legacy-objective' | 'risk'; title?: string; defined: boolean }

const RISK_ID = /^[A-Z][A-Z0-9]{0,9}-\d{1,5}$/;
const MAX_LINE_TEXT = 200;

export function findReferences(ws: Workspace, rawId: string, scopes: readonly ScopeView[]): { target: ReferenceTarget; references: ReferenceRecord[] } {
  const input = String(rawId ?? '').trim();
  if (!input) throw new ToolInputError('Give a control ID such as A.5.15 or a risk ID such as R-003.');
  const records: ReferenceRecord[] = [];
  const record = (view: ScopeView, uri: string, span: Span, via: ReferenceRecord['via'], riskId?: string) => {
    const doc = ws.get(uri);
    if (!doc) return;
    const pos = doc.lines.position(span.start);
    const lineText = doc.text.slice(doc.lines.offset({ line: pos.line, character: 0 }), doc.lines.offset({ line: pos.line + 1, character: 0 })).trim();
    records.push({ file: view.file(uri), line: pos.line + 1, column: pos.character + 1, via, ...(riskId ? { riskId } : {}), text: lineText.length > MAX_LINE_TEXT ? `${lineText.slice(0, MAX_LINE_TEXT)}…` : lineText });
  };
  if (RISK_ID.test(input)) {
    let defined = false;
    let title: string | undefined;
    for (const view of scopes) {
      const hits = view.index.risks.get(input) ?? [];
      if (hits.length) { defined = true; title ??= hits[0].risk.title?.value; }
      const declarations = new Set(hits.map((h) => `${h.file.doc.uri}#${h.risk.idSpan.start}`));
      for (const l of riskReferences(view.index, input)) record(view, l.uri, l.span, declarations.has(`${l.uri}#${l.span.start}`) ? 'definition' : kindOf(view.index, l.uri));
    }
    if (!defined && !records.length) throw new ToolInputError(`No risk register defines ${input} and nothing cites it. ${knownRisks(scopes)}`);
    return { target: { id: input, kind: 'risk', title, defined }, references: records };
  }
  const id = normaliseControlId(input);
  const kind = id ? classifyControlId(id, true) : undefined;
  if (!id || !kind || kind === 'unknown') {
    const near = id ? suggestControls(id) : [];
    throw new ToolInputError(`"${input.slice(0, 60)}" is neither an Annex A control nor a risk ID${near.length ? `; did you mean ${near.join(', ')}?` : '.'}`);
  }
  for (const view of scopes) {
    for (const c of view.index.citationsOf(id)) record(view, c.uri, c.span, c.via, c.riskId);
  }
  records.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column));
  const title = catalogue.control(id)?.title ?? catalogue.legacyControl(id)?.title ?? catalogue.legacyObjective(id)?.domain;
  return { target: { id, kind: kind === 'control' ? 'control' : kind === 'legacy' ? 'legacy-control' : 'legacy-objective', title, defined: true }, references: records };
}

function kindOf(index: ScopeIndex, uri: string): ReferenceRecord['via'] {
  if (index.soaFile(uri)) return 'soa';
  if (index.registerFile(uri)) return 'risk';
  return index.markdownFile(uri)?.isPolicy ? 'policy' : 'markdown';
}

function knownRisks(scopes: readonly ScopeView[]): string {
  const ids = [...new Set(scopes.flatMap((s) => [...s.index.risks.keys()]))];
  if (!ids.length) return 'The workspace has no risk register.';
  return `Known risks: ${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ` and ${ids.length - 20} more` : ''}.`;
}
