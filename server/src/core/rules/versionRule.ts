// policy/version-not-bumped: the site and the document-control block show each policy's version,
// so a policy whose text changed since the last commit should say so in its `version`. The host
// supplies the committed text (and, for `check --staged`, the staged text); without Git there is
// no baseline and the rule stays silent. A policy without a version is policy/missing-metadata's.
import { parseMarkdown, type MarkdownDoc } from '../markdown';
import type { PolicyFile } from '../scopeIndex';
import { scalarText } from '../yamlAst';
import type { RuleContext } from './context';

const normalise = (s: string): string => s.replace(/\r\n?/g, '\n').replace(/^\uFEFF/, '');

/** The front-matter `version` of a parsed policy, as text; undefined when absent or empty. */
export function versionOf(md: MarkdownDoc): string | undefined {
  const fm = md.frontMatter;
  const field = fm?.fields.get('version');
  const v = field ? scalarText(field.value, fm!.yaml)?.trim() : undefined;
  return v || undefined;
}

export function checkVersionBumped(ctx: RuleContext, file: PolicyFile): void {
  if (!ctx.enabled('policy/version-not-bumped')) return;
  const baseline = ctx.baseline?.(file.doc.uri);
  if (!baseline) return;
  const staged = baseline.current !== undefined;
  const current = staged ? baseline.current! : ctx.doc.text;
  if (normalise(current) === normalise(baseline.base)) return;
  const now = staged ? versionOf(parseMarkdown(current)) : versionOf(file.md);
  if (now === undefined || now !== versionOf(parseMarkdown(baseline.base))) return;
  const fm = file.md.frontMatter;
  const field = fm?.fields.get('version');
  const span = field?.valueSpan ?? (fm ? { start: fm.span.start, end: fm.span.start + 3 } : { start: 0, end: 0 });
  const what = staged ? 'The staged policy differs' : 'This policy differs';
  ctx.report('policy/version-not-bumped', span,
    `${what} from the last commit, but its version is still ${now}; raise the version so readers can tell the revisions apart.`,
    { version: now, staged });
}
