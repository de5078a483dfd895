/** Card-state counts and histograms of stability, difficulty and retrievability. */
import { type CardId, ratedState, type StatsCard } from './selection.js';
import type { Bucket, Distributions, StateCounts } from './types.js';

export function stateCounts(cards: readonly StatsCard<CardId>[]): StateCounts {
  const n = { new: 0, learning: 0, review: 0, relearning: 0, suspended: 0 };
  for (const c of cards) {
    // Counted in their state too: "suspended" says how many of them are held out.
    if (c.progress?.suspended) n.suspended++;
    const state = ratedState(c)?.state;
    if (state === 'Learning') n.learning++;
    else if (state === 'Review') n.review++;
    else if (state === 'Relearning') n.relearning++;
    else n.new++;
  }
  return { ...n, total: cards.length };
}

type Edges = readonly { readonly label: string; readonly from: number }[];

/** Log-ish day ranges: short intervals are where cards differ most. */
const stabilityEdges: Edges = [
  { label: '<1d', from: 0 },
  { label: '1-3d', from: 1 },
  { label: '3-7d', from: 3 },
  { label: '1-2w', from: 7 },
  { label: '2-4w', from: 14 },
  { label: '1-3mo', from: 30 },
  { label: '3-6mo', from: 90 },
  { label: '6-12mo', from: 180 },
  { label: '1-2y', from: 365 },
  { label: '2y+', from: 730 },
];

const difficultyEdges: Edges = Array.from({ length: 9 }, (_, i) => ({
  label: `${i + 1}-${i + 2}`,
  from: i + 1,
}));

const retrievabilityEdges: Edges = Array.from({ length: 10 }, (_, i) => ({
  label: `${i * 10}-${i * 10 + 10}%`,
  from: i / 10,
}));

/** Counts of `values` per bucket; values under the first edge go in the first bucket. */
export function bucketize(values: readonly number[], edges: Edges, top: number | null): Bucket[] {
  const counts = new Array<number>(edges.length).fill(0);
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    let k = edges.length - 1;
    while (k > 0 && v < edges[k]!.from) k--;
    counts[k]!++;
  }
  return edges.map((e, k) => ({
    label: e.label,
    from: e.from,
    to: edges[k + 1]?.from ?? top,
    count: counts[k]!,
  }));
}

/** `recall`: each card's retrievability now, in `cards` order (new cards are left out). */
export function distributions(
  cards: readonly StatsCard<CardId>[],
  recall: ArrayLike<number>,
): Distributions {
  const stability: number[] = [];
  const difficulty: number[] = [];
  const retrievability: number[] = [];
  cards.forEach((c, i) => {
    const srs = ratedState(c);
    if (!srs) return;
    stability.push(srs.stability);
    difficulty.push(srs.difficulty);
    retrievability.push(recall[i] ?? 0);
  });
  return {
    stability: bucketize(stability, stabilityEdges, null),
    difficulty: bucketize(difficulty, difficultyEdges, 10),
    retrievability: bucketize(retrievability, retrievabilityEdges, 1),
  };
}
