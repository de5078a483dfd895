/** A large, plausible synthetic collection: many cards, a long review history. */

import type { Rating } from '../../../src/core/model.js';
import { mulberry32 } from '../../../src/core/shuffle.js';
import type { StatsCard } from '../../../src/core/stats/compute.js';
import type { LogEntry, StoredSrsState } from '../../../src/store/model.js';
import { srs, statsCard } from './history.js';

const DAY = 86_400_000;

const rng = mulberry32;

/** `entries` log entries over `cardCount` cards in 4 decks, spread over the 400 days before `now`. */
export function synthCollection(
  now: number,
  entries: number,
  cardCount: number,
): { cards: StatsCard[]; log: LogEntry[] } {
  const rand = rng(42);
  const keys = Array.from({ length: cardCount }, (_, i) => `deck${i % 4}/c${i}`);
  const start = now - 400 * DAY;
  const log: LogEntry[] = [];
  const last = new Map<string, StoredSrsState>();
  for (let i = 0; i < entries; i++) {
    // Denser towards the present, with some idle days.
    const t = start + Math.sqrt(i / entries) * 400 * DAY + rand() * 3_600_000;
    const key = keys[Math.floor(rand() * keys.length)]!;
    const prev = last.get(key) ?? null;
    const rating = (rand() < 0.12 ? 1 : rand() < 0.1 ? 2 : rand() < 0.9 ? 3 : 4) as Rating;
    const at = new Date(t).toISOString();
    const scheduledDays = Math.floor(rand() * 60);
    const state: StoredSrsState = srs(rating === 1 ? 'Relearning' : 'Review', {
      due: new Date(t + scheduledDays * DAY).toISOString(),
      lastReview: at,
      scheduledDays,
      stability: 0.5 + rand() * 300,
      difficulty: 1 + rand() * 9,
      lapses: (prev?.lapses ?? 0) + (rating === 1 ? 1 : 0),
    });
    log.push({
      v: 1,
      id: `r${i}`,
      card: key,
      kind: 'review',
      ...state,
      rating,
      reviewedAt: at,
      durationMs: 2000 + Math.floor(rand() * 10_000),
      prev,
    });
    last.set(key, state);
    if (i % 500 === 499) {
      log.push({ v: 1, id: `u${i}`, card: key, kind: 'undo', undoes: `r${i}`, at, restore: prev });
      if (prev) last.set(key, prev);
      else last.delete(key);
    }
  }
  const cards = keys.map((k, i) =>
    statsCard(k, i % 10 === 0 ? null : (last.get(k) ?? null), {
      reviewsPerDay: 100 + 50 * (i % 4),
    }),
  );
  return { cards, log };
}
