/**
 * A synthetic learner whose memory follows FSRS parameters of its own: recall's scheduler (the
 * default parameters) schedules, and each answer is drawn from the learner's true forgetting
 * curve, with a fixed seed. What it answered is a review log, as recall would have written it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { defaultAnswering, type SimulatedAnswer, simulate } from '../../src/core/simulate.js';
import { nullableSrsToStored, srsToStored } from '../../src/store/convert.js';
import { instantIso } from '../../src/store/instant.js';
import type { ReviewEntry } from '../../src/store/model.js';

/** Unlike FSRS's defaults: initial stabilities 2–4× theirs, and stability growing more slowly. */
export const TRUE_W: readonly number[] = [
  0.8, 3.0, 8.0, 20.0, 6.4133, 0.8334, 3.0194, 0.001, 1.2, 0.1666, 0.796, 1.4835, 0.0614, 0.2629,
  1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
];

export type LearnerOptions = {
  readonly cards: number;
  readonly days: number;
  readonly seed: number;
  /** Epoch ms of the first session. */
  readonly start: number;
  readonly deck?: string;
  readonly newPerDay?: number;
};

/** The learner's answers, oldest first, and the same as review entries of deck `deck`. */
export function syntheticLearner(opts: LearnerOptions): {
  readonly answers: readonly SimulatedAnswer[];
  readonly entries: readonly ReviewEntry[];
} {
  const deck = opts.deck ?? 'learner';
  const schedule = new Scheduler(defaultDeckSettings);
  const truth = new Scheduler({
    ...defaultDeckSettings,
    fsrs: { w: TRUE_W, trained: '2026-01-01', reviews: 0, logLoss: 0, rmse: 0 },
  });
  const answers: SimulatedAnswer[] = [];
  simulate({
    schedule: { rate: (k, p, r, at) => schedule.rate(k, p, r, at), curve: schedule },
    memory: { rate: (k, p, r, at) => truth.rate(k, p, r, at), curve: truth },
    cards: Array.from({ length: opts.cards }, () => null),
    start: opts.start,
    days: opts.days,
    dayStartsAt: 4,
    newPerDay: opts.newPerDay ?? 20,
    reviewsPerDay: 9999,
    answering: defaultAnswering,
    seed: opts.seed,
    onAnswer: (a) => answers.push(a),
  });
  const entries = answers.map(
    (a, i): ReviewEntry => ({
      v: 1,
      id: `${a.at.toString(36).padStart(9, '0')}-${String(i).padStart(12, '0')}`,
      kind: 'review',
      card: `${deck}/c${a.card}`,
      rating: a.rating,
      reviewedAt: instantIso(a.at),
      durationMs: a.durationMs,
      ...srsToStored(a.next),
      prev: nullableSrsToStored(a.prev),
    }),
  );
  return { answers, entries };
}

/**
 * A deck of the learner's cards in `decks/`, and its review log as the progress folder's
 * `reviews.jsonl`, under `home`: what `recall optimize` reads.
 */
export function writeLearner(
  home: string,
  opts: LearnerOptions,
): { deckDir: string; dataDir: string; reviews: number } {
  const deck = opts.deck ?? 'learner';
  const deckDir = join(home, 'decks');
  const dataDir = join(home, 'data');
  mkdirSync(deckDir, { recursive: true });
  mkdirSync(dataDir, { recursive: true });
  const cards = Array.from(
    { length: opts.cards },
    (_, i) => `  - id: c${i}\n    q: question ${i}\n    a: answer ${i}\n`,
  );
  writeFileSync(
    join(deckDir, `${deck}.yaml`),
    `id: ${deck}\nname: Learner ${deck}\ncards:\n${cards.join('')}`,
  );
  const { entries } = syntheticLearner(opts);
  writeFileSync(
    join(dataDir, 'reviews.jsonl'),
    entries.map((e) => `${JSON.stringify(e)}\n`).join(''),
  );
  return { deckDir, dataDir, reviews: entries.length };
}
