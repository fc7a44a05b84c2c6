// Policy and other Markdown documents: front matter, headings and control references, with
// code blocks, inline code and HTML ignored (found by markdownScan.ts, checked against remark).
import { scanMarkdown } from './markdownScan';
import { classifyControlId, findClauseRefs, findControlRefs, normaliseControlId, type ClauseRef, type ControlRef } from './controlRef';
import { contextRefs, type ControlEntry, type MisplacedClause } from './refContexts';
import { isDeclaringKey, isExplicit, otherStandardOf, type ForeignRef } from './refStandard';
import { parseSimpleMapping } from './simpleYaml';
import { mapEntries, parseYaml, scalarText, stringList, type ParsedYaml, type YamlEntry } from './yamlAst';
import type { Span } from './types';


export interface FrontMatter {
  yaml: ParsedYaml;
  /** The whole block including the --- fences. */
  span: Span;
  fields: Map<string, YamlEntry>;
}

export interface Heading { text: string; depth: number; span: Span }

export interface MarkdownDoc {
  frontMatter?: FrontMatter;
  /** The file opens a front matter block that never closes. */
  frontMatterUnclosed: boolean;
  refs: ControlRef[];
  /** References in the front matter `controls:` list: the controls the policy claims. */
  claimed: ControlRef[];
  clauseRefs: ClauseRef[];
  headings: Heading[];
  /** Code and HTML spans where references are not looked for. */
  skip: Span[];
  /** Clause numbers written where a control belongs (a "Control" column, a "Controls:" label). */
  misplacedClauses: MisplacedClause[];
  /** References that belong to another standard by their context (ISO/IEC 42001's A.7.2, CIS 8.1). */
  foreign: ForeignRef[];
  /** Control columns and control labels, where completion offers bare control numbers. */
  controlEntry: ControlEntry[];
}

export function parseMarkdown(text: string): MarkdownDoc {
  const scan = scanMarkdown(text);
  const frontMatter = scan.frontMatter && readFrontMatter(text, scan.frontMatter.start, scan.frontMatter.end);
  const { skip, headings } = scan;
  const prose = findControlRefs(text, 0, text.length, skip);
  const contexts = contextRefs(text, scan);
  let refs = contexts.findings.refs.length ? mergeRefs(prose, contexts.findings.refs) : prose;
  let clauseRefs = findClauseRefs(text, 0, text.length, skip);
  const claimed: ControlRef[] = [];
  if (frontMatter) {
    const fm = frontMatter;
    const controls = fm.fields.get('controls');
    const listSpan = controls ? { start: controls.span.start, end: controls.span.end } : undefined;
    for (const item of controls ? stringList(controls.value, fm.yaml, text) : []) {
      const id = normaliseControlId(item.value);
      const kind = id ? classifyControlId(id, true) : undefined;
      if (id && kind) claimed.push({ id, kind, span: item.span });
      else claimed.push({ id: item.value, kind: 'unknown', span: item.span });
    }
    // Other front matter text (a title naming a control, say) is scanned like prose.
    const outside = listSpan ? [listSpan] : [];
    refs.push(...findControlRefs(text, fm.span.start, fm.span.end, outside), ...claimed);
    clauseRefs.push(...findClauseRefs(text, fm.span.start, fm.span.end));
    refs.sort((a, b) => a.span.start - b.span.start);
  }
  // The other-standard rule, for every reference but the front matter's `controls:` list.
  const declared = frontMatter ? [...frontMatter.fields].filter(([k]) => isDeclaringKey(k)).map(([, e]) => scalarText(e.value, frontMatter.yaml) ?? '') : [];
  const bare = contexts.findings.clauses.length > 0 || refs.some((r) => !isExplicit(text, r));
  const ownerOf = otherStandardOf(text, scan, contexts.regions, declared, bare);
  const foreign: ForeignRef[] = [];
  let misplacedClauses = contexts.findings.clauses;
  if (ownerOf) {
    const claimedSet = new Set(claimed);
    refs = refs.filter((r) => {
      if (claimedSet.has(r)) return true;
      const standard = ownerOf(r, isExplicit(text, r));
      if (standard) foreign.push({ id: r.id, standard, span: r.span });
      return !standard;
    });
    clauseRefs = clauseRefs.filter((c) => !ownerOf(c, true));
    misplacedClauses = misplacedClauses.filter((c) => !ownerOf(c, false));
  }
  // A clause written where a control belongs still hovers as the clause it is.
  for (const c of misplacedClauses) if (!clauseRefs.some((r) => r.span.start === c.span.start)) clauseRefs.push(c);
  return { frontMatter, frontMatterUnclosed: !frontMatter && /^\uFEFF?---[ \t]*\r?\n/.test(text), refs, claimed, clauseRefs, headings, skip, misplacedClauses, foreign, controlEntry: contexts.entry };
}

/** Prose and context references in document order, one per position and ID (both lists sorted by start). */
function mergeRefs(prose: ControlRef[], context: ControlRef[]): ControlRef[] {
  const extra = [...context].sort((x, y) => x.span.start - y.span.start || Number(!!x.inRange) - Number(!!y.inRange));
  const out: ControlRef[] = [];
  let i = 0;
  for (const r of extra) {
    while (i < prose.length && prose[i].span.start < r.span.start) out.push(prose[i++]);
    let duplicate = false;
    for (let k = i; k < prose.length && prose[k].span.start === r.span.start; k++) if (prose[k].id === r.id) duplicate = true;
    const last = out[out.length - 1];
    if (!duplicate && !(last && last.span.start === r.span.start && last.id === r.id)) out.push(r);
  }
  while (i < prose.length) out.push(prose[i++]);
  return out;
}

function readFrontMatter(text: string, start: number, end: number): FrontMatter {
  const firstBreak = text.indexOf('\n', start);
  const innerStart = firstBreak < 0 ? end : firstBreak + 1;
  const closing = text.lastIndexOf('\n', end - 1);
  const innerEnd = Math.max(innerStart, closing < innerStart ? innerStart : closing + 1);
  const inner = text.slice(innerStart, innerEnd);
  // Most front matter is a flat mapping the fast path reads exactly; the rest goes to the library.
  const yaml = parseSimpleMapping(inner, innerStart) ?? parseYaml(inner, innerStart);
  const fields = new Map(mapEntries(yaml.doc.contents, yaml).map((e) => [e.key, e] as const));
  return { yaml, span: { start, end }, fields };
}
