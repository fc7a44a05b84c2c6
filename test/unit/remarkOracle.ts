// The reference implementation the fast scanner is checked against: remark (CommonMark + GFM +
// front matter) gives the code, inline code and HTML nodes, and the headings.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root, RootContent } from 'mdast';
import type { Span } from '../../server/src/core/types';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

export interface OracleResult {
  skip: Span[];
  headings: { text: string; depth: number }[];
  frontMatter?: Span;
  /** Table rows (header first), each the cells' spans as remark gives them (with the leading pipe). */
  tables: Span[][][];
  /** HTML nodes that are comments. */
  comments: Span[];
}

export function remarkScan(text: string): OracleResult {
  const tree = processor.parse(text) as Root;
  const skip: Span[] = [];
  const headings: { text: string; depth: number }[] = [];
  let frontMatter: Span | undefined;
  const tables: Span[][][] = [];
  const comments: Span[] = [];
  const visit = (node: Root | RootContent): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    if (node.type === 'html' && node.value.startsWith('<!--')) comments.push({ start, end });
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html') { skip.push({ start, end }); return; }
    if (node.type === 'table') tables.push(node.children.map((row) => row.children.map((cell) => ({ start: cell.position!.start.offset!, end: cell.position!.end.offset! }))));
    if (node.type === 'yaml') { frontMatter = { start, end }; skip.push({ start, end }); return; }
    if (node.type === 'heading') headings.push({ text: plain(node).trim(), depth: node.depth });
    if ('children' in node) for (const child of node.children) visit(child);
  };
  visit(tree);
  return { skip: skip.sort((a, b) => a.start - b.start), headings, frontMatter, tables, comments: comments.sort((a, b) => a.start - b.start) };
}

function plain(node: RootContent): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plain).join('');
  return '';
}
