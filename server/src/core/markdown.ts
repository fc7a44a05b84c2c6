// Policy and other Markdown documents: front matter, headings and control references, with
// code blocks, inline code and HTML ignored (found by markdownScan.ts, checked against remark).
import { scanMarkdown } from './markdownScan';
import { classifyControlId, findClauseRefs, findControlRefs, normaliseControlId, type ClauseRef, type ControlRef } from './controlRef';
import { parseSimpleMapping } from './simpleYaml';
import { mapEntries, parseYaml, stringList, type ParsedYaml, type YamlEntry } from './yamlAst';
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
}

export function parseMarkdown(text: string): MarkdownDoc {
  const scan = scanMarkdown(text);
  const frontMatter = scan.frontMatter && readFrontMatter(text, scan.frontMatter.start, scan.frontMatter.end);
  const { skip, headings } = scan;
  const refs = findControlRefs(text, 0, text.length, skip);
  const clauseRefs = findClauseRefs(text, 0, text.length, skip);
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
  return { frontMatter, frontMatterUnclosed: !frontMatter && /^\uFEFF?---[ \t]*\r?\n/.test(text), refs, claimed, clauseRefs, headings, skip };
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
