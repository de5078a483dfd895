/** `computeStats`: the whole stats report for a selection of cards, from the review log. */
import type { History } from '../store/history.js';
import { studyDays } from './days.js';
import { distributions, stateCounts } from './distributions.js';
import { FORECAST_DAYS, forecast } from './forecast.js';
import { heatmapDays } from './heatmap.js';
import { examReadiness } from './readiness.js';
import { scanLog } from './scan.js';
import { ratedState, recallAt, type StatsCard } from './selection.js';
import { streak } from './streak.js';
import type { StatsReport } from './types.js';
import { LIST_LIMIT, weakest } from './weakest.js';

export type StatsInput = {
  /** The whole review log, as `store.history()` or `historyOf` reads it. */
  readonly history: History;
  /** The selection: only these cards' log entries count. */
  readonly cards: readonly StatsCard[];
  readonly now: Date;
  /** Local hour a study day starts at. */
  readonly dayStartsAt: number;
  /** `YYYY-MM-DD`: adds exam readiness. Throws RangeError when not a date. */
  readonly exam?: string;
  /** Days of heatmap, today included (default 365). */
  readonly heatmapDays?: number;
  /** Days of forecast, today included (default 30). */
  readonly forecastDays?: number;
  /** Length of the weakest-card and leech lists (default 10). */
  readonly listLimit?: number;
};

export function computeStats(input: StatsInput): StatsReport {
  const { cards, now, dayStartsAt } = input;
  const days = studyDays(now, dayStartsAt);
  const index = new Map<string, number>();
  for (const c of cards) if (!index.has(c.card.key)) index.set(c.card.key, index.size);
  const log = scanLog(input.history, index, days);
  const lapses = new Map<string, number>();
  for (const [key, i] of index) if (log.lapses[i]! > 0) lapses.set(key, log.lapses[i]!);
  const recall = new Map<StatsCard, number>();
  for (const c of cards) if (ratedState(c)) recall.set(c, recallAt(c, now));

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
    weakest: weakest(cards, recall, lapses, input.listLimit ?? LIST_LIMIT),
    exam: input.exam === undefined ? null : examReadiness(cards, input.exam, days, dayStartsAt),
  };
}
