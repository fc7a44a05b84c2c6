// Checks of policy documents: control references, document-control metadata, review dates and
// consistency with the SoA.
import type { PolicyFile } from '../scopeIndex';
import { isExcluded } from '../soa';
import { scalarText } from '../yamlAst';
import { checkClaims } from './contentPolicy';
import { checkMarkdownRefs } from './contentRefs';
import type { RuleContext } from './context';

/**
 * Checks every Markdown file of a scope gets, policy or not (procedures, standards and handbook
 * pages cite controls too): references, their titles and editions, and front-matter syntax.
 */
export function checkMarkdownOnItsOwn(ctx: RuleContext, file: PolicyFile): void {
  const { md } = file;
  checkMarkdownRefs(ctx, file);
  if (md.frontMatterUnclosed) {
    ctx.report('file/syntax', { start: 0, end: 3 }, 'The front matter starts with --- but never closes; add a closing --- line.');
  }
  if (md.frontMatter) {
    for (const e of md.frontMatter.yaml.errors) ctx.report('file/syntax', e.span, `Front matter: ${e.message}`);
  }
}

/** Checks that read only the policy itself and the configuration (the caller may reuse their findings). */
export function checkPolicyOnItsOwn(ctx: RuleContext, file: PolicyFile): void {
  checkMarkdownOnItsOwn(ctx, file);
  checkMetadata(ctx, file);
  checkClaims(ctx, file);
}

/** Checks against the SoA, which change when the SoA does. */
export function checkPolicyAgainstSoa(ctx: RuleContext, file: PolicyFile): void {
  checkExcludedCitations(ctx, file);
}

function checkMetadata(ctx: RuleContext, file: PolicyFile): void {
  const fm = file.md.frontMatter;
  const required = ctx.config.policy.requiredMetadata;
  const missing = required.filter((k) => {
    const f = fm?.fields.get(k);
    return !f || (scalarText(f.value, fm!.yaml) ?? '').trim() === '' && !f.value;
  });
  if (missing.length) {
    const span = fm ? { start: fm.span.start, end: fm.span.start + 3 } : { start: 0, end: 0 };
    const msg = fm ? `Front matter lacks ${missing.join(', ')}.` : `The policy has no front matter; add ${missing.join(', ')} between --- lines at the top.`;
    ctx.report('policy/missing-metadata', span, msg, { missing, hasFrontMatter: !!fm });
  }
  const review = fm?.fields.get('next-review');
  const date = review ? scalarText(review.value, fm!.yaml) : undefined;
  if (review && date) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) ctx.report('policy/missing-metadata', review.valueSpan, `next-review "${date}" is not a date (YYYY-MM-DD).`, { missing: [] });
    else if (date < ctx.today) ctx.report('policy/review-overdue', review.valueSpan, `The review of this policy was due on ${date}; review it and set a new next-review date.`, { due: date, today: ctx.today });
  }
}

function checkExcludedCitations(ctx: RuleContext, file: PolicyFile): void {
  const soa = ctx.index.soaFor(file.doc.uri);
  if (!soa) return;
  const reported = new Set<string>();
  for (const ref of file.md.refs) {
    if (ref.kind !== 'control' || ref.inRange || reported.has(ref.id)) continue;
    if (soa.byId.get(ref.id)?.some(isExcluded)) {
      reported.add(ref.id);
      ctx.report('policy/excluded-control-cited', ref.span, `This policy cites ${ref.id}, which the SoA excludes; include it in the SoA or remove the reference.`, { id: ref.id });
    }
  }
}
