// Policy and other Markdown documents: front matter, headings and control references, with
// code blocks, inline code and HTML ignored. remark gives exact source offsets.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root, RootContent } from 'mdast';
import { classifyControlId, findClauseRefs, findControlRefs, normaliseControlId, type ClauseRef, type ControlRef } from './controlRef';
import { mapEntries, parseYaml, stringList, type ParsedYaml, type YamlEntry } from './yamlAst';
import type { Span } from './types';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

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
  const tree = processor.parse(text) as Root;
  const skip: Span[] = [];
  const headings: Heading[] = [];
  let frontMatter: FrontMatter | undefined;
  const visit = (node: Root | RootContent): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    switch (node.type) {
      case 'code': case 'inlineCode': case 'html':
        skip.push({ start, end });
        return;
      case 'yaml':
        frontMatter = readFrontMatter(text, start, end);
        skip.push({ start, end });
        return;
      case 'heading':
        headings.push({ text: plainText(node), depth: node.depth, span: { start, end } });
        break;
    }
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  skip.sort((a, b) => a.start - b.start);

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
  const yaml = parseYaml(text.slice(innerStart, innerEnd), innerStart);
  const fields = new Map(mapEntries(yaml.doc.contents, yaml).map((e) => [e.key, e] as const));
  return { yaml, span: { start, end }, fields };
}

function plainText(node: RootContent): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plainText).join('');
  return '';
}
