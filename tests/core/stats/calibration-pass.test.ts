/**
 * The calibration's reviews, followed in the figures' one pass over the log, are the kept
 * reviews `scanReviews` visits for the same cards: every k-th card of the selection, from its
 * last first rating, cram answers and undone ratings left out, moves followed, day gaps alike.
 */
import { describe, expect, it } from 'vitest';
import { type KeptReview, scanReviews } from '../../../src/core/fsrs-items.js';
import type { Rating } from '../../../src/core/model.js';
import { mulberry32 } from '../../../src/core/shuffle.js';
import { computeStats } from '../../../src/core/stats/compute.js';
import { historyOf } from '../../../src/store/history.js';
import type { LogEntry, ReviewEntry } from '../../../src/store/model.js';
import { cram, inReview, review, statsCard, undo } from './history.js';

const DAY = 86_400_000;
const now = Date.parse('2026-03-10T12:00:00Z');

function mixedLog(seed: number, keys: readonly string[]): LogEntry[] {
  const rand = mulberry32(seed);
  const log: LogEntry[] = [];
  const reviews: ReviewEntry[] = [];
  let t = now - 90 * DAY;
  for (let i = 0; i < 2500; i++) {
    t += rand() * 0.07 * DAY;
    const at = new Date(t).toISOString();
    const key = keys[Math.floor(rand() * keys.length)]!;
    const roll = rand();
    if (roll < 0.7) {
      // Now and then a first rating again (a card made new), which starts its history over.
      const prev = rand() < 0.15 ? null : inReview(Math.floor(rand() * 30));
      const r = review(key, at, (1 + Math.floor(rand() * 4)) as Rating, prev, {
        ...(rand() < 0.1 ? { via: 'cram' as const } : {}),
      });
      log.push(r);
      reviews.push(r);
    } else if (roll < 0.8) log.push(cram(key, at, 3));
    else if (roll < 0.88 && reviews.length > 0) log.push(undo(reviews.pop()!, at));
    else if (roll < 0.93) {
      const to = keys[Math.floor(rand() * keys.length)]!;
      if (to !== key) log.push({ v: 1, id: `m${i}`, kind: 'move', card: key, to, at });
    }
  }
  return log;
}

/** What a visit says, with the card as the key it stands for (the two numberings differ). */
const seen = (reviews: KeptReview[], keyOf: (card: number) => string) =>
  reviews.map((r) => ({ ...r, card: keyOf(r.card) }));

describe('the calibration pass', () => {
  for (const seed of [1, 2, 3]) {
    for (const every of [1, 3, 8]) {
      it(`visits what scanReviews visits (seed ${seed}, every ${every}th card)`, () => {
        const keys = Array.from({ length: 60 }, (_, i) => `d${i % 3}/c${i}`);
        const history = historyOf(mixedLog(seed, keys));
        // A key listed twice is one card, as the log has it.
        const cards = [...keys, keys[4]!].map((k) => statsCard(k, inReview(5)));
        const sampled = cards.filter((_, i) => i % every === 0).map((c) => c.card.key);
        const byScan: KeptReview[] = [];
        const scanned = new Map<number, string>();
        scanReviews(
          history,
          4,
          (k) => sampled.includes(k),
          (r) => byScan.push(r),
        );
        // scanReviews numbers cards in the order their keys first appear among the slots.
        let n = 0;
        for (const k of history.keys) {
          if (sampled.includes(k) && ![...scanned.values()].includes(k)) scanned.set(n++, k);
        }
        const inPass: KeptReview[] = [];
        computeStats({
          history,
          cards,
          now,
          dayStartsAt: 4,
          calibrate: { every, visit: (r) => inPass.push(r) },
        });
        // The pass numbers them in selection order.
        const passed = [...new Set(sampled)];
        expect(byScan.length).toBeGreaterThan(0);
        expect(seen(inPass, (c) => passed[c]!)).toEqual(seen(byScan, (c) => scanned.get(c)!));
      });
    }
  }
});
