// "Did you mean": the closest known control IDs to a mistyped one, preferring candidates whose
// title shares words with the text around the reference.
import { catalogue } from './catalogue';

function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const words = (s: string) => new Set(s.toLowerCase().match(/[a-z]{4,}/g) ?? []);

/** Up to `max` 2022 control IDs close to `id`; `context` is the surrounding line. */
export function suggestControls(id: string, context = '', max = 3): string[] {
  const near = words(context);
  const num = id.replace(/^A\./, '');
  const lastOf = (s: string) => Number(s.split('.').pop());
  return catalogue.controls
    .map((c) => {
      const overlap = [...words(c.title)].filter((w) => near.has(w)).length;
      return { id: c.id, d: distance(num, c.number), overlap, same: c.number.length === num.length ? 0 : 1, gap: Math.abs(lastOf(c.number) - lastOf(num)) };
    })
    .filter((c) => c.d <= 2)
    .sort((a, b) => a.d - b.d || b.overlap - a.overlap || a.same - b.same || a.gap - b.gap)
    .slice(0, max)
    .map((c) => c.id);
}

/** The closest word of a vocabulary, for values such as a misspelt status. */
export function suggestWord(value: string, vocabulary: readonly string[]): string | undefined {
  const v = value.toLowerCase().trim().replace(/[\s_]+/g, '-');
  let best: { w: string; d: number } | undefined;
  for (const w of vocabulary) {
    const d = distance(v, w);
    if (d <= Math.max(2, Math.floor(w.length / 3)) && (!best || d < best.d)) best = { w, d };
  }
  return best?.w;
}
