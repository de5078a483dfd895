/**
 * One Anki card's review log → the reviews recall records for it, with the state each gave.
 * - A history that starts with learning steps is replayed through recall's scheduler from a
 *   new card, rating by rating, at the times Anki recorded.
 * - An SM-2 history whose first steps are gone (no learning rows left) starts from a state
 *   seeded from its first row's interval and ease (`Scheduler.memoryFromSm2`).
 * - A card with no usable history but an FSRS memory state in `cards.data` keeps that state:
 *   one Good review at its last review time carries it (the log has no other way to hold a
 *   state), so the card stays scheduled as Anki had it.
 * Cram rows become cram entries; manual, rescheduled and pre-reset rows are dropped (see
 * revlog.ts). Pure apart from the scheduler it is given.
 */
import type { Rating, SrsState } from '../core/model.js';
import type { Scheduler } from '../core/scheduler.js';
import type { AnkiCard, RevlogRow } from './anki-collection.js';
import type { ImportedReview } from './history.js';
import { historyForFsrs, isCram } from './revlog.js';

const DAY_MS = 86_400_000;
/** What Anki assumes an SM-2 interval was aiming at when seeding FSRS from it. */
const SM2_RETENTION = 0.9;

export type HistorySource = 'replayed' | 'seeded-from-sm2' | 'anki-fsrs-state' | 'none';

export type CardHistoryPlan = {
  readonly reviews: ImportedReview[];
  readonly source: HistorySource;
  /** Rows left out (manual, rescheduled, before a reset, ungraded). */
  readonly dropped: number;
};

const asRating = (ease: number): Rating | undefined =>
  ease >= 1 && ease <= 4 ? (ease as Rating) : undefined;

/** Anki's FSRS memory in `cards.data` (`{"s":…,"d":…,"lrt":…}`), when it has one. */
export function ankiMemory(data: string): { s: number; d: number; lrt?: number } | undefined {
  if (!data.includes('"s"')) return undefined;
  try {
    const o = JSON.parse(data) as { s?: unknown; d?: unknown; lrt?: unknown };
    if (typeof o.s !== 'number' || typeof o.d !== 'number' || !(o.s > 0)) return undefined;
    const d = Math.min(10, Math.max(1, o.d));
    return typeof o.lrt === 'number' ? { s: o.s, d, lrt: o.lrt } : { s: o.s, d };
  } catch {
    return undefined;
  }
}

export function planCardHistory(
  key: string,
  card: AnkiCard,
  rows: readonly RevlogRow[],
  scheduler: Scheduler,
  /** When the collection was created (epoch s): review cards' `due` is days from its day. */
  crt: number,
): CardHistoryPlan {
  const reviews: ImportedReview[] = [];
  const history = historyForFsrs(rows);
  const kept = new Set(history?.reviews ?? []);
  let state: SrsState | null = null;
  let source: HistorySource = 'none';
  if (history !== undefined) {
    source = history.complete ? 'replayed' : 'seeded-from-sm2';
    const first = history.reviews[0]!;
    if (!history.complete) {
      // The row's lastIvl is the interval it was reviewed at (negative: seconds, a learning step).
      const days = first.lastIvl > 0 ? first.lastIvl : 1;
      const ease = first.factor > 0 ? first.factor / 1000 : 2.5;
      const memory = scheduler.memoryFromSm2(ease, days, SM2_RETENTION);
      state = {
        state: 'Review',
        due: first.id,
        stability: memory.stability,
        difficulty: memory.difficulty,
        scheduledDays: days,
        learningSteps: 0,
        reps: 0,
        lapses: 0,
        lastReview: first.id - days * DAY_MS,
      };
    }
  }
  let dropped = 0;
  for (const row of rows) {
    const rating = asRating(row.ease);
    if (kept.has(row)) {
      const after = scheduler.rate(key, state, rating!, row.id);
      reviews.push({
        key,
        rating: rating!,
        at: row.id,
        durationMs: row.time,
        before: state,
        after,
      });
      state = after;
    } else if (isCram(row) && rating !== undefined) {
      reviews.push({ key, rating, at: row.id, durationMs: row.time, before: null });
    } else dropped++;
  }
  if (history === undefined && card.type === 2) {
    const memory = ankiMemory(card.data);
    if (memory !== undefined) {
      const due = (crt + card.due * 86_400) * 1000;
      const at = memory.lrt !== undefined ? memory.lrt * 1000 : due - card.ivl * DAY_MS;
      const after: SrsState = {
        state: 'Review',
        due,
        stability: memory.s,
        difficulty: memory.d,
        scheduledDays: Math.max(0, card.ivl),
        learningSteps: 0,
        reps: Math.max(1, card.reps),
        lapses: Math.max(0, card.lapses),
        lastReview: at,
        firstReview: at,
      };
      reviews.push({ key, rating: 3, at, durationMs: 0, before: null, after });
      source = 'anki-fsrs-state';
    }
  }
  return { reviews, source, dropped };
}
