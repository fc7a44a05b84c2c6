// `isms-author show <id>`: a control or clause explained in the terminal, from the same catalogue
// and guidance the editor's hover uses. Plain text wrapped to 96 columns; no colours.
import { catalogue, type Clause, type Control, type LegacyControl } from '../core/catalogue';
import { normaliseControlId } from '../core/controlRef';

const WIDTH = 96;

/** Terminal text for a 2022 control, a 2013 control or objective, or a clause; undefined if unknown. */
export function renderControl(id: string): string | undefined {
  const input = id.trim();
  const clauseMatch = /^(?:clause|klausel|§)?\s*(\d{1,2}(?:\.\d{1,2}){0,2})$/i.exec(input);
  const explicitClause = /^(?:clause|klausel|§)/i.test(input);
  // Bare numbers such as 6.1.3 are read as clauses first; "A.6.1" or "Annex A 6.1" as controls.
  if (clauseMatch) {
    const clause = catalogue.clause(clauseMatch[1]);
    if (clause) {
      const control = explicitClause ? undefined : catalogue.control(`A.${clauseMatch[1]}`);
      const text = renderClause(clause);
      return control ? `${text}\n(For Annex A control ${control.id} ${control.title}, run: isms-author show ${control.id})\n` : text;
    }
    if (explicitClause) return undefined;
  }
  const normalised = normaliseControlId(input);
  if (!normalised) return undefined;
  const control = catalogue.control(normalised);
  if (control) return renderCurrent(control);
  const legacy = catalogue.legacyControl(normalised);
  if (legacy) return renderLegacy(legacy);
  const objective = catalogue.legacyObjective(normalised);
  if (objective) {
    const lines = [...wrap(`${objective.id}: an ISO/IEC 27001:2013 control objective (${objective.domain})`, '', '  '), ''];
    lines.push('Controls of this objective and their ISO/IEC 27001:2022 successors:');
    for (const l of objective.controls) lines.push(...wrap(`${l.id} ${l.title} -> ${l.successors.join(', ') || 'no successor'}`, '  ', '    '));
    return lines.join('\n') + '\n';
  }
  return undefined;
}

function renderCurrent(c: Control): string {
  const out: string[] = [];
  out.push(...wrap(`${c.id} ${c.title}`, '', '  '));
  out.push(`${c.theme} control, ISO/IEC 27001:2022 Annex A${c.isNew ? ' (new in 2022)' : ''}`);
  // One ID per line: titles contain commas, so a joined list wraps mid-title and is hard to scan.
  if (c.predecessors.length) {
    out.push('Replaces ISO/IEC 27001:2013:');
    for (const p of c.predecessors) out.push(...wrap(`${p} ${catalogue.legacyControl(p)?.title ?? ''}`.trim(), '  ', '    '));
  }
  out.push('', 'Attributes (ISO/IEC 27002:2022)');
  const attrs: [string, string[]][] = [
    ['Control type', c.attributes.controlType],
    ['Security properties', c.attributes.securityProperties],
    ['Cybersecurity concepts', c.attributes.cybersecurityConcepts],
    ['Operational capabilities', c.attributes.operationalCapabilities],
    ['Security domains', c.attributes.securityDomains],
  ];
  for (const [label, values] of attrs) out.push(...wrap(values.map((v) => v.replace(/_/g, ' ')).join(', ') || '-', `  ${(label + ':').padEnd(26)}`, ' '.repeat(28)));
  const g = c.guidance;
  if (g) {
    section(out, 'Intent', [g.intent], false);
    section(out, 'How to implement', g.implement, true);
    section(out, 'Evidence an auditor asks for', g.evidence, true);
    section(out, 'Common gaps', g.gaps, true);
    if (g.related.length) section(out, 'Related controls', g.related.map((r) => `${r} ${catalogue.control(r)?.title ?? ''}`.trim()), false, '    ');
    if (g.policy) section(out, 'Usually covered by', [g.policy], false);
    if (g.changes) section(out, 'Changes from ISO/IEC 27001:2013', [g.changes], false);
  } else {
    out.push('', 'No implementation guidance is available for this control yet.');
  }
  return out.join('\n') + '\n';
}

function renderLegacy(l: LegacyControl): string {
  const out = [...wrap(`${l.id} ${l.title}`, '', '  '), ...wrap(`ISO/IEC 27001:2013 Annex A, ${l.domain}.`, '', '  '), 'Replaced in the 2022 edition by:'];
  for (const s of l.successors) out.push(...wrap(`${s} ${catalogue.control(s)?.title ?? ''}`.trim(), '  ', '    '));
  if (!l.successors.length) out.push('  (no successor)');
  out.push('', `Cite the 2022 ID in your documents; run \`isms-author show ${l.successors[0] ?? 'A.5.1'}\` for guidance.`);
  return out.join('\n') + '\n';
}

function renderClause(c: Clause): string {
  const out = [...wrap(`Clause ${c.id} ${c.title}`, '', '  '), 'ISO/IEC 27001:2022 management system requirement'];
  if (c.note) out.push(...wrap(c.note, 'Note: ', '      '));
  if (c.guidance) {
    section(out, 'Summary', [c.guidance.summary], false);
    if (c.guidance.documents.length) section(out, 'Documented information', c.guidance.documents, true);
  }
  const children = catalogue.clauses.filter((x) => x.id.startsWith(`${c.id}.`) && x.id.split('.').length === c.id.split('.').length + 1);
  if (children.length) {
    out.push('', 'Sub-clauses');
    for (const ch of children) out.push(...wrap(`${ch.id} ${ch.title}`, '  ', '    '));
  }
  return out.join('\n') + '\n';
}

/** A titled block; `hang` indents the continuation of each item (a bullet's text, or past an ID). */
function section(out: string[], title: string, items: string[], bullets: boolean, hang = bullets ? '    ' : '  '): void {
  out.push('', title);
  for (const item of items) out.push(...wrap(item, bullets ? '  - ' : '  ', hang));
}

/** Word-wraps `text` to WIDTH with a first-line prefix and a continuation indent. */
function wrap(text: string, first: string, rest = first): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.replace(/\s+/g, ' ').trim().split(' ')) {
    if (!empty && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}
