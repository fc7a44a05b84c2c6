// Small statistics and formatting helpers.
export function median(xs) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function quantile(xs, q) {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
}

export function fmtMs(ms) {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms >= 100) return `${ms.toFixed(0)} ms`;
  if (ms >= 10) return `${ms.toFixed(1)} ms`;
  return `${ms.toFixed(2)} ms`;
}

export function fmtBytes(bytes) {
  if (!Number.isFinite(bytes)) return 'n/a';
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  return `${(bytes / 1024).toFixed(0)} KiB`;
}

/** peer / ours, so that > 1 means ours is faster (or smaller). */
export function ratio(ours, peer) {
  if (!Number.isFinite(ours) || !Number.isFinite(peer) || ours <= 0) return 'n/a';
  const r = peer / ours;
  return r >= 10 ? `${r.toFixed(0)}x` : r >= 1 ? `${r.toFixed(1)}x` : `${r.toFixed(2)}x`;
}

/**
 * Runs `sample` repeatedly, hyperfine-style: `warmup` discarded runs, then at least `min` and at
 * most `max` measured runs, stopping after `min` once the measured runs took `budgetMs` in total.
 * `sample(i, measured)` does one run and records its own numbers when `measured` is true.
 */
export async function series({ warmup, min, max, budgetMs }, sample) {
  for (let i = 0; i < warmup; i++) await sample(i, false);
  const t0 = performance.now();
  let n = 0;
  while (n < max && (n < min || performance.now() - t0 < budgetMs)) await sample(warmup + n++, true);
  return n;
}
