// Which texts are nearly the same (Dice coefficient of their word sets at or above a threshold),
// kept across versions of one document: after an edit only the texts it added are compared with
// the others, instead of every pair again (851 distinct justifications make 362,000 pairs).

interface Node { set: Set<string>; near: Set<string> }

/** Dice coefficient of two word sets. */
function similarity(sa: Set<string>, sb: Set<string>): number {
  let shared = 0;
  for (const w of sa) if (sb.has(w)) shared++;
  return sa.size + sb.size ? (2 * shared) / (sa.size + sb.size) : 1;
}

/** Whether two word sets reach the threshold; sets whose sizes differ too much are not compared. */
const nearlySame = (a: Set<string>, b: Set<string>, t: number) => 2 * Math.min(a.size, b.size) >= t * (a.size + b.size) && similarity(a, b) >= t;

/** More new texts than this at once (a first check, a paste) take the bulk pairing. */
const BULK = 32;

export class SimilarTexts {
  private readonly nodes = new Map<string, Node>();
  private threshold = NaN;

  /**
   * Brings the graph up to date with the current texts, each given as its words joined by single
   * spaces (equal keys are the same text). Afterwards `nearOf` answers for exactly these texts.
   */
  update(texts: ReadonlySet<string>, threshold: number): void {
    if (threshold !== this.threshold) {
      this.nodes.clear();
      this.threshold = threshold;
    }
    for (const [key, node] of this.nodes) {
      if (texts.has(key)) continue;
      this.nodes.delete(key);
      for (const other of node.near) this.nodes.get(other)?.near.delete(key);
    }
    const added = [...texts].filter((key) => !this.nodes.has(key));
    if (added.length > BULK) {
      this.nodes.clear();
      this.addAll([...texts]);
      return;
    }
    for (const key of added) {
      const set = wordSet(key);
      const node: Node = { set, near: new Set() };
      if (threshold < 1) {
        for (const [otherKey, other] of this.nodes) {
          if (nearlySame(set, other.set, threshold)) link(key, node, otherKey, other);
        }
      }
      this.nodes.set(key, node);
    }
  }

  /** The texts nearly the same as this one (not including itself). */
  nearOf(key: string): ReadonlySet<string> { return this.nodes.get(key)?.near ?? new Set(); }

  private addAll(texts: string[]): void {
    const nodes = texts.map((key) => [key, { set: wordSet(key), near: new Set<string>() }] as const);
    for (const [key, node] of nodes) this.nodes.set(key, node);
    if (this.threshold >= 1) return;
    for (const [i, j] of candidatePairs(nodes.map(([, n]) => n.set), this.threshold)) {
      const [ka, a] = nodes[i];
      const [kb, b] = nodes[j];
      if (nearlySame(a.set, b.set, this.threshold)) link(ka, a, kb, b);
    }
  }
}

const wordSet = (key: string) => new Set(key.split(' ').filter(Boolean));

function link(ka: string, a: Node, kb: string, b: Node): void {
  a.near.add(kb);
  b.near.add(ka);
}

/**
 * Pairs of sets that can reach the Dice threshold (prefix filtering): order every set's words
 * rarest first; two sets with enough overlap must share a word among each one's first
 * |x| - ceil(t/(2-t)·|x|) + 1 words.
 */
function candidatePairs(sets: Set<string>[], t: number): [number, number][] {
  const freq = new Map<string, number>();
  for (const s of sets) for (const w of s) freq.set(w, (freq.get(w) ?? 0) + 1);
  const byWord = new Map<string, number[]>();
  const seen = new Set<number>();
  const pairs: [number, number][] = [];
  const minShare = t / (2 - t);
  sets.forEach((s, i) => {
    const ordered = [...s].sort((a, b) => freq.get(a)! - freq.get(b)! || (a < b ? -1 : 1));
    const prefix = ordered.length - Math.ceil(minShare * ordered.length) + 1;
    for (const w of ordered.slice(0, Math.max(1, prefix))) {
      for (const j of byWord.get(w) ?? []) {
        const key = j * sets.length + i;
        if (!seen.has(key)) { seen.add(key); pairs.push([j, i]); }
      }
      const list = byWord.get(w);
      if (list) list.push(i); else byWord.set(w, [i]);
    }
  });
  return pairs;
}
