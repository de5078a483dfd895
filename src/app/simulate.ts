/**
 * `recall simulate`'s figures: the selected decks' cards as they are, the user's parameters and
 * limits, and how they really answer (ratings and times measured from their history), run
 * through core/simulate.ts once per desired retention on the same seed.
 */
import { dayFromKey, dayStart, daysBetween } from '../core/day.js';
import { applyExamDate } from '../core/exam.js';
import { type History, ROW_CRAM, ROW_FIRST, ROW_UNDONE } from '../core/history.js';
import { Scheduler } from '../core/scheduler.js';
import type { DeckSettings } from '../core/settings.js';
import {
  type Answering,
  defaultAnswering,
  type PerRating,
  type RateFn,
  simulate,
} from '../core/simulate.js';
import type { Collection } from './collection.js';

export const DEFAULT_RETENTIONS: readonly number[] = [0.75, 0.8, 0.85, 0.9, 0.95];

export type RetentionOutcome = {
  readonly retention: number;
  /** Answers per day (learning steps included), averaged over the days. */
  readonly reviewsPerDay: number;
  readonly minutesPerDay: number;
  /** Expected cards recalled at the end (the sum of recall), and the mean recall. */
  readonly known: number;
  readonly meanRecall: number;
  /** Answers on each day. */
  readonly daily: readonly number[];
};

export type Simulation = {
  readonly days: number;
  readonly cards: number;
  readonly newCards: number;
  /** Epoch ms where recall is measured: the end of the last day, or the exam day's start. */
  readonly end: number;
  readonly exam: string | null;
  readonly personal: boolean;
  readonly measured: boolean;
  readonly outcomes: readonly RetentionOutcome[];
};

export type SimulateOptions = {
  readonly days: number;
  readonly retentions: readonly number[];
  readonly exam: string | undefined;
  readonly seed: number;
};

export async function simulateCollection(
  collection: Collection,
  opts: SimulateOptions,
  now: number,
): Promise<Simulation> {
  const inputs = collection.inputs();
  const deckIds = [...new Set(inputs.map((i) => i.card.deckId))];
  // Decks with different parameters are simulated with the first one's: one learner, one pool.
  const settings: DeckSettings = collection.settingsFor(deckIds[0] ?? '');
  const limit = (pick: (s: DeckSettings) => number) =>
    deckIds.reduce((sum, id) => sum + pick(collection.settingsFor(id)), 0);
  const exam = opts.exam ?? settings.exam;
  const dayStartsAt = collection.dayStartsAt;
  const examAt = exam === undefined ? undefined : dayFromKey(exam, dayStartsAt);
  const days =
    examAt === undefined ? opts.days : Math.max(0, daysBetween(now, examAt, dayStartsAt));
  const keys = new Set(inputs.map((i) => i.card.key));
  const answering = measureAnswering(await collection.store.history(), keys);
  const cards = inputs.map((i) => i.progress?.srs ?? null);

  const outcomes = opts.retentions.map((retention): RetentionOutcome => {
    const scheduler = new Scheduler({ ...settings, retention });
    const balanced: RateFn = (key, prev, rating, at, load) =>
      scheduler.rate(
        key,
        prev,
        rating,
        at,
        load && settings.loadBalance ? { load, easyDays: settings.easyDays } : undefined,
      );
    const rate =
      exam === undefined
        ? balanced
        : (...[key, prev, rating, at, load]: Parameters<RateFn>) =>
            applyExamDate(balanced(key, prev, rating, at, load), {
              exam,
              now: at,
              dayStartsAt,
              retention,
              scheduler,
            });
    const result = simulate({
      schedule: { rate, curve: scheduler },
      cards,
      start: now,
      days,
      dayStartsAt,
      newPerDay: limit((s) => s.newPerDay),
      reviewsPerDay: limit((s) => s.reviewsPerDay),
      answering: answering.answering,
      seed: opts.seed,
    });
    const total = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
    return {
      retention,
      reviewsPerDay: days === 0 ? 0 : total(result.reviews) / days,
      minutesPerDay: days === 0 ? 0 : total(result.minutes) / days,
      known: result.known,
      meanRecall: result.meanRecall,
      daily: result.reviews,
    };
  });
  return {
    days,
    cards: cards.length,
    newCards: cards.filter((s) => s === null || s.state === 'New').length,
    end: examAt ?? dayStart(now, dayStartsAt, days),
    exam: exam ?? null,
    personal: settings.fsrs !== undefined,
    measured: answering.measured,
    outcomes,
  };
}

/** Fewer answers than this in a group, and Anki's defaults stand in for what was measured. */
const MIN_MEASURED = 20;
/** An answer left on screen longer than this is an interruption, not an answer. */
const MAX_ANSWER_MS = 5 * 60_000;

/** How this person answers: rating shares and seconds per rating, from their real reviews. */
export function measureAnswering(
  history: History,
  keys: ReadonlySet<string>,
): { readonly answering: Answering; readonly measured: boolean } {
  const count = { first: [0, 0, 0, 0], review: [0, 0, 0, 0] };
  const ms = { first: [0, 0, 0, 0], review: [0, 0, 0, 0] };
  for (let r = 0; r < history.rows; r++) {
    if ((history.flags[r]! & (ROW_CRAM | ROW_UNDONE)) !== 0) continue;
    if (!keys.has(history.keys[history.slot[r]!]!)) continue;
    const group = (history.flags[r]! & ROW_FIRST) !== 0 ? 'first' : 'review';
    const i = history.rating[r]! - 1;
    count[group][i]!++;
    ms[group][i]! += Math.min(MAX_ANSWER_MS, history.durationMs[r]!);
  }
  const n = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const measured = n(count.first) >= MIN_MEASURED && n(count.review) >= MIN_MEASURED;
  if (!measured) return { answering: defaultAnswering, measured };
  const seconds = (group: 'first' | 'review', fallback: PerRating): PerRating =>
    fallback.map((d, i) =>
      count[group][i]! > 0 ? ms[group][i]! / count[group][i]! / 1000 : d,
    ) as unknown as PerRating;
  const recalled = count.review.slice(1);
  return {
    answering: {
      firstRatings: count.first as unknown as PerRating,
      recalledRatings: (n(recalled) > 0
        ? [0, ...recalled]
        : defaultAnswering.recalledRatings) as unknown as PerRating,
      firstSeconds: seconds('first', defaultAnswering.firstSeconds),
      reviewSeconds: seconds('review', defaultAnswering.reviewSeconds),
    },
    measured,
  };
}
