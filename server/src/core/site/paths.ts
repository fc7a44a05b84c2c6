// Where each page of the published site lives, and relative links between pages. Every link in
// the site is relative (the folder works from file:// and from any static host).

export const PAGE = {
  index: 'index.html',
  soa: 'soa.html',
  risks: 'risks.html',
  traceability: 'traceability.html',
} as const;

export const controlPath = (id: string): string => `controls/${id}.html`;

/** A fragment id from any text: lower case letters, digits and hyphens (GitHub-like headings). */
export function slug(text: string): string {
  const s = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '').trim().replace(/\s/g, '-');
  return s || 'section';
}

/** Unique slugs in order, as headings get them: a repeated heading gets -1, -2, ... */
export function uniqueSlugs(texts: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return texts.map((t) => {
    const base = slug(t);
    let n = seen.get(base);
    if (n === undefined) { seen.set(base, 0); return base; }
    let candidate: string;
    do { n++; candidate = `${base}-${n}`; } while (seen.has(candidate));
    seen.set(base, n);
    seen.set(candidate, 0);
    return candidate;
  });
}

export const riskAnchor = (id: string): string => `risk-${slug(id)}`;

/**
 * The page of a policy, from its path relative to the scope root: under `policies/`, keeping its
 * folders (a leading `policies/` is not doubled), with unusual characters replaced so the name is
 * safe on every file system and in a URL.
 */
export function policyPath(relative: string): string {
  const parts = relative.split('/').filter((p) => p && p !== '.' && p !== '..');
  if (parts[0] === 'policies' && parts.length > 1) parts.shift();
  const safe = parts.map((p) => p.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '') || 'page');
  safe[safe.length - 1] = safe[safe.length - 1].replace(/\.(md|markdown)$/i, '') + '.html';
  return `policies/${safe.join('/')}`;
}

/** Makes `path` unique against `taken` by adding -2, -3, ... before the extension. */
export function uniquePath(path: string, taken: Set<string>): string {
  let candidate = path;
  for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = path.replace(/\.html$/, `-${n}.html`);
  taken.add(candidate.toLowerCase());
  return candidate;
}

/** A relative link from the page at `from` to `to` (both site paths, `to` may carry a #fragment). */
export function relLink(from: string, to: string): string {
  const [target, fragment] = to.split('#', 2) as [string, string | undefined];
  const a = from.split('/').slice(0, -1);
  const b = target.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  const up = a.length - i;
  const rel = [...Array<string>(up).fill('..'), ...b.slice(i)].join('/');
  return fragment !== undefined ? `${rel}#${fragment}` : rel;
}
