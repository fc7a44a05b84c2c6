// A policy's Markdown as safe HTML for the published site: remark (GFM, front matter) -> rehype
// -> raw HTML parsed -> sanitised (GitHub's schema, minus images and anything that would load a
// remote resource) -> stringified. Control references become links to their control pages, and
// links between policies are rewritten to the pages they were published as; a relative link to
// something the site does not contain keeps its text but loses the link, so every link resolves.
import type { Element, ElementContent, Root as HastRoot, RootContent as HastContent } from 'hast';
import type { Link, Parent as MdParent, PhrasingContent, Root as MdRoot, Text } from 'mdast';
import rehypeRaw from 'rehype-raw';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { LinkedRef, Section } from '../../core/site/model';

export interface RenderContext {
  /** The full text of the document (positions refer to it). */
  text: string;
  refs: readonly LinkedRef[];
  sections: readonly Section[];
  /** Href of a control page from this page. */
  controlHref(id: string): string;
  /**
   * Href for a link written in the document (already known to be relative, fragment removed
   * and decoded), or undefined when the site has no page for it.
   */
  resolve(target: string, fragment: string | undefined): string | undefined;
}

const CONTROL_LINK_CLASS = 'ctl';

const SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  // Headings get our own ids; nothing on the page runs script, so prefixes buy nothing.
  clobber: [],
  // No images (they would load files the site does not carry, or remote resources).
  // Elements removed with their content (the default keeps a <style> element's text as prose).
  strip: ['script', 'style', 'template', 'noscript', 'textarea', 'title'],
  tagNames: (defaultSchema.tagNames ?? []).filter((t) => t !== 'img' && t !== 'picture' && t !== 'source'),
  attributes: {
    ...defaultSchema.attributes,
    a: [...(defaultSchema.attributes?.a ?? []).filter((x) => !(Array.isArray(x) && x[0] === 'className')), ['className', CONTROL_LINK_CLASS, 'data-footnote-backref']],
  },
};

/** The document's context travels with its file, so one frozen processor serves every page. */
const contextOf = (file: VFile): RenderContext => file.data.isms as RenderContext;

/** mdast: drop the front matter, turn images into their alt text, link control references, give headings their ids. */
function annotate() {
  return (tree: MdRoot, file: VFile) => {
    const ctx = contextOf(file);
    const slugAt = new Map(ctx.sections.map((s) => [s.start, s.slug] as const));
    const walk = (node: MdParent, inLink: boolean): void => {
      const out: typeof node.children = [];
      for (const child of node.children) {
        if (child.type === 'yaml') continue;
        if (child.type === 'html') file.data.hasHtml = true;
        if (child.type === 'image' || child.type === 'imageReference') {
          if (child.alt) out.push({ type: 'emphasis', children: [{ type: 'text', value: `[image: ${child.alt}]` }] });
          continue;
        }
        if (child.type === 'heading') {
          const slug = child.position ? slugAt.get(child.position.start.offset!) : undefined;
          if (slug) child.data = { ...child.data, hProperties: { ...child.data?.hProperties, id: slug } };
        }
        if (child.type === 'text' && !inLink) { out.push(...linkRefs(child, ctx)); continue; }
        if ('children' in child) walk(child as MdParent, inLink || child.type === 'link' || child.type === 'linkReference');
        out.push(child);
      }
      node.children = out as typeof node.children;
    };
    walk(tree, false);
  };
}

/** Splits a text node around the control references inside it. */
function linkRefs(node: Text, ctx: RenderContext): PhrasingContent[] {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return [node];
  const inside = ctx.refs.filter((r) => r.start >= start && r.end <= end);
  if (!inside.length) return [node];
  const out: PhrasingContent[] = [];
  let at = 0;
  for (const r of inside) {
    const written = ctx.text.slice(r.start, r.end);
    // Usually the text node's value is the source; escapes or entities shift it, so search.
    let i = node.value.slice(r.start - start, r.end - start) === written ? r.start - start : node.value.indexOf(written, at);
    if (i < at) i = node.value.indexOf(written, at);
    if (i < 0) continue;
    if (i > at) out.push({ type: 'text', value: node.value.slice(at, i) });
    const link: Link = { type: 'link', url: ctx.controlHref(r.id), title: null, children: [{ type: 'text', value: written }], data: { hProperties: { className: [CONTROL_LINK_CLASS] } } };
    out.push(link);
    at = i + written.length;
  }
  if (at < node.value.length) out.push({ type: 'text', value: node.value.slice(at) });
  return out;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** hast, after sanitising: rewrite relative links to published pages; unwrap those with no page. */
function rewriteLinks() {
  return (tree: HastRoot, file: VFile) => {
    const ctx = contextOf(file);
    const slugs = new Set(ctx.sections.map((s) => s.slug));
    const walk = (node: HastRoot | Element): void => {
      const out: (HastContent | ElementContent)[] = [];
      for (const child of node.children) {
        if (child.type !== 'element') { out.push(child); continue; }
        walk(child);
        if (child.tagName !== 'a') { out.push(child); continue; }
        const cls = child.properties.className;
        const href = typeof child.properties.href === 'string' ? child.properties.href : undefined;
        if ((Array.isArray(cls) && cls.includes(CONTROL_LINK_CLASS)) || href === undefined) { out.push(child); continue; }
        if (SCHEME.test(href) || href.startsWith('//')) {
          child.properties.rel = ['noopener', 'noreferrer'];
          child.properties.className = ['external'];
          out.push(child);
          continue;
        }
        const [pathPart, fragment] = splitHref(href);
        const target = pathPart === '' ? (fragment !== undefined && (slugs.has(fragment) || fragment.startsWith('user-content-')) ? `#${fragment}` : undefined) : ctx.resolve(pathPart, fragment);
        if (target !== undefined) { child.properties.href = target; out.push(child); } else {
          out.push({ type: 'element', tagName: 'span', properties: { className: ['unlinked'], title: `Not part of the published site: ${href}` }, children: child.children });
        }
      }
      node.children = out as typeof node.children;
    };
    walk(tree);
  };
}

function splitHref(href: string): [string, string | undefined] {
  const hash = href.indexOf('#');
  const raw = hash < 0 ? href : href.slice(0, hash);
  const fragment = hash < 0 ? undefined : href.slice(hash + 1);
  const clean = raw.replace(/\?.*$/, '');
  let decoded = clean;
  try { decoded = decodeURIComponent(clean); } catch { /* keep as written */ }
  return [decoded, fragment];
}

/** Parses raw HTML into elements only for documents that contain some (it re-walks the whole tree). */
function rawWhenNeeded() {
  const raw = rehypeRaw();
  return (tree: HastRoot, file: VFile) => (file.data.hasHtml ? raw(tree, file) : tree);
}

const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkFrontmatter, ['yaml'])
  .use(annotate)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rawWhenNeeded)
  .use(rehypeSanitize, SCHEMA)
  .use(rewriteLinks)
  .use(rehypeStringify)
  .freeze();

/** Renders the document's body as an HTML fragment. */
export function markdownToHtml(ctx: RenderContext): string {
  return String(processor.processSync(new VFile({ value: ctx.text, data: { isms: ctx } })));
}

/** Plain text (guidance sentences and the like) as Markdown-free escaped HTML. */
export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
