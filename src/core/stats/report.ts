/** `computeStats`: the whole stats report for a selection of cards, from the review log. */

import type { Card } from '../card.js';
import { type KeptReview, keptReviews } from '../fsrs-items.js';
import type { History } from '../history.js';
import { examOutlook, recallAt } from '../recall.js';
import { studyDays } from './days.js';
import { distributions, stateCounts } from './distributions.js';
import { FORECAST_DAYS, forecast } from './forecast.js';
import { heatmapDays } from './heatmap.js';
import { scanLog } from './scan.js';
import { type CardId, ratedState, type StatsCard } from './selection.js';
import { streak } from './streak.js';
import type { StatsReport } from './types.js';
import { LIST_LIMIT, weakest } from './weakest.js';

export type StatsInput<C extends CardId = Card> = {
  /** The whole review log, as `store.history()` or `historyOf` reads it. */
  readonly history: History;
  /** The selection: only these cards' log entries count. */
  readonly cards: readonly StatsCard<C>[];
  /** Epoch ms. */
  readonly now: number;
  /** Local hour a study day starts at. */
  readonly dayStartsAt: number;
  /** `YYYY-MM-DD`: adds exam readiness. Throws RangeError when not a calendar day. */
  readonly exam?: string;
  /** Days of heatmap, today included (default 365). */
  readonly heatmapDays?: number;
  /** Days of forecast, today included (default 30). */
  readonly forecastDays?: number;
  /** Length of the weakest-card and leech lists (default 10). */
  readonly listLimit?: number;
  /** A listed card's question (default: the `Card`'s own). A method: `Card`s are card ids. */
  prompt?(card: C): string;
  /**
   * The calibration's reviews, in the same pass over the log: the kept reviews (as
   * `scanReviews` visits them) of every `every`-th card of `cards`.
   */
  readonly calibrate?: { readonly every: number; readonly visit: (review: KeptReview) => void };
};

export function computeStats(input: StatsInput<Card>): StatsReport;
export function computeStats<C extends CardId>(
  input: StatsInput<C> & { readonly prompt: (card: C) => string },
): StatsReport;
export function computeStats(input: StatsInput<CardId>): StatsReport {
  const { cards, now, dayStartsAt } = input;
  const days = studyDays(now, dayStartsAt);
  // Per card in `cards` order: its number in the log scan (a key listed twice shares one),
  // its lapses, and its recall now (rated cards only).
  const index = new Map<string, number>();
  const n = cards.length;
  const numbers = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const key = cards[i]!.card.key;
    let k = index.get(key);
    if (k === undefined) {
      k = index.size;
      index.set(key, k);
    }
    numbers[i] = k;
  }
  const { history } = input;
  const cardOf = new Int32Array(history.keys.length);
  for (let s = 0; s < cardOf.length; s++) cardOf[s] = index.get(history.keys[s]!) ?? -1;
  let kept: Parameters<typeof scanLog>[4];
  if (input.calibrate) {
    const every = Math.max(1, input.calibrate.every);
    const { visit } = input.calibrate;
    // The sampled cards numbered apart: a card listed twice is one card, as in the log.
    const sampled = new Int32Array(index.size).fill(-1);
    let count = 0;
    for (let i = 0; i < n; i += every)
      if (sampled[numbers[i]!]! < 0) sampled[numbers[i]!] = count++;
    const cardOfSlot = cardOf.map((c) => (c < 0 ? -1 : sampled[c]!));
    kept = { cardOfSlot, follow: keptReviews(history, cardOfSlot, count, visit) };
  }
  const log = scanLog(history, cardOf, index.size, days, kept);
  const lapses = new Int32Array(n);
  const recall = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = cards[i]!;
    lapses[i] = log.lapses[numbers[i]!]!;
    recall[i] = recallAt(ratedState(c), now, c.scheduler);
  }

  return {
    now,
    dayStartsAt,
    cards: cards.length,
    totalReviews: log.totalReviews,
    today: log.today,
    streak: streak(log.perDay),
    retention: log.retention,
    forecast: forecast(cards, days, input.forecastDays ?? FORECAST_DAYS),
    heatmap: heatmapDays(log.perDay, days, input.heatmapDays ?? 365),
    states: stateCounts(cards),
    distributions: distributions(cards, recall),
    weakest: input.prompt
      ? weakest(cards, recall, lapses, input.listLimit ?? LIST_LIMIT, input.prompt)
      : weakest(cards as readonly StatsCard<Card>[], recall, lapses, input.listLimit ?? LIST_LIMIT),
    exam: input.exam === undefined ? null : readiness(cards, input.exam, now, dayStartsAt),
  };
}

function readiness(
  cards: readonly StatsCard<CardId>[],
  exam: string,
  now: number,
  dayStartsAt: number,
) {
  const outlook = cards.map((c) => ({
    srs: ratedState(c),
    curve: c.scheduler,
    retention: c.settings.retention,
  }));
  return examOutlook(outlook, exam, now, dayStartsAt);
}
