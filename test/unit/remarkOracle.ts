// The reference implementation the fast scanner is checked against: remark (CommonMark + GFM +
// front matter) gives the code, inline code and HTML nodes, and the headings.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root, RootContent } from 'mdast';
import type { Span } from '../../server/src/core/types';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

export interface OracleResult { skip: Span[]; headings: { text: string; depth: number }[]; frontMatter?: Span }

export function remarkScan(text: string): OracleResult {
  const tree = processor.parse(text) as Root;
  const skip: Span[] = [];
  const headings: { text: string; depth: number }[] = [];
  let frontMatter: Span | undefined;
  const visit = (node: Root | RootContent): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') { skip.push({ start, end }); return; }
    if (node.type === 'yaml') { frontMatter = { start, end }; skip.push({ start, end }); return; }
    if (node.type === 'heading') headings.push({ text: plain(node).trim(), depth: node.depth });
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return { skip: skip.sort((a, b) => a.start - b.start), headings, frontMatter };
}

function plain(node: RootContent): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plain).join('');
  return '';
}
