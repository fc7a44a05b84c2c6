// A policy's claims against its content: every control its front-matter `controls:` list names
// should be cited or addressed in the body (policy/claims-uncited), and every 2022 control the body
// cites should be in the list (policy/cites-unclaimed). Both are information by default: a policy
// may mention a control it does not implement.
import { catalogue } from '../catalogue';
import type { PolicyFile } from '../scopeIndex';
import { titleTokens } from '../titleMatch';
import type { RuleContext } from './context';

export function checkClaims(ctx: RuleContext, file: PolicyFile): void {
  const { md } = file;
  const fm = md.frontMatter;
  if (!fm || !fm.fields.has('controls')) return;
  const inFrontMatter = (s: { start: number }) => s.start >= fm.span.start && s.start < fm.span.end;
  const body = md.refs.filter((r) => r.kind === 'control' && !inFrontMatter(r.span));
  const claimed = md.claimed.filter((c) => c.kind === 'control');
  const cited = new Set(body.map((r) => r.id));
  const claimedIds = new Set(claimed.map((c) => c.id));
  // Built only when a claimed control is never cited: most policies cite what they claim.
  let blocks: Set<string>[] | undefined;
  const seen = new Set<string>();
  for (const c of claimed) {
    if (seen.has(c.id) || cited.has(c.id)) continue;
    seen.add(c.id);
    if (addresses((blocks ??= bodyBlocks(ctx.doc.text, fm.span.end, md.skip)), c.id)) continue;
    const title = catalogue.control(c.id)?.title ?? '';
    ctx.report('policy/claims-uncited', c.span,
      `The front matter lists ${c.id} ${title}, but the policy never cites it or addresses its subject; say how this policy implements it, or remove it from \`controls:\`.`,
      { id: c.id });
  }
  const reported = new Set<string>();
  // Prefer an explicit reference over a range that implies the ID.
  const ordered = [...body].sort((a, b) => Number(!!a.inRange) - Number(!!b.inRange) || a.span.start - b.span.start);
  for (const r of ordered) {
    if (claimedIds.has(r.id) || reported.has(r.id)) continue;
    reported.add(r.id);
    ctx.report('policy/cites-unclaimed', r.span,
      `This policy cites ${r.id} ${catalogue.control(r.id)?.title ?? ''}, but its front-matter \`controls:\` list does not name it; add it if the policy implements the control.`,
      { id: r.id });
  }
}

/** The body's paragraphs (code and HTML blanked), each as a set of title words. */
function bodyBlocks(text: string, from: number, skip: readonly { start: number; end: number }[]): Set<string>[] {
  let body = text.slice(from);
  for (const s of skip) {
    if (s.end <= from) continue;
    const a = Math.max(0, s.start - from), b = s.end - from;
    body = body.slice(0, a) + ' '.repeat(Math.max(0, b - a)) + body.slice(b);
  }
  return body.split(/\n[ \t]*\n|\n(?=#)/).map((p) => new Set(titleTokens(p)));
}

/** Whether one paragraph holds every word of the control's title (or of a predecessor's title). */
function addresses(blocks: Set<string>[], id: string): boolean {
  const control = catalogue.control(id);
  if (!control) return false;
  const titles = [control.title, ...control.predecessors.map((p) => catalogue.legacyControl(p)?.title ?? '')].filter(Boolean);
  return titles.some((t) => {
    const tokens = titleTokens(t);
    return tokens.length > 0 && blocks.some((b) => tokens.every((x) => b.has(x)));
  });
}
