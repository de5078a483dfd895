/**
 * What `computeStats` returns: every figure the stats screen, `recall stats` and its `--json`
 * output show. Study days are `YYYY-MM-DD` strings (local calendar, with the rollover hour);
 * instants are epoch ms (ISO strings once turned into JSON by commands/stats-output.ts).
 */

import type { FsrsStateName } from '../model.js';
import type { ExamOutlook } from '../recall.js';
import type { PersonalParameters } from '../settings.js';
import type { Calibration } from './calibration.js';

/** A pass rate: `rate` is `passed / total`, null when nothing was counted. */
export type Ratio = {
  readonly passed: number;
  readonly total: number;
  readonly rate: number | null;
};

export type TodayStats = {
  /** The current study day, `YYYY-MM-DD`. */
  readonly date: string;
  /** Review entries today (undone ones excluded; cram answers are not reviews). */
  readonly reviews: number;
  /** Of those, how many were answered Again. */
  readonly again: number;
  /** `again / reviews`, null with no reviews. */
  readonly againRate: number | null;
  /** Cards rated for the first time today. */
  readonly learned: number;
  /** Cram answers today (they do not touch the schedule). */
  readonly crammed: number;
  /** Time spent answering today, reviews and cram answers, in milliseconds. */
  readonly timeMs: number;
};

export type Streak = {
  /** Consecutive study days with at least one review, ending today (or yesterday). */
  readonly current: number;
  /** The longest such run in the log. */
  readonly longest: number;
  readonly studiedToday: boolean;
};

export type RetentionPeriod = 'day' | 'week' | 'month' | 'year';

/** True retention over the last `days` study days (today included). */
export type RetentionRow = {
  readonly period: RetentionPeriod;
  readonly days: number;
  /** Cards whose previous interval was under 21 days. */
  readonly young: Ratio;
  /** Cards whose previous interval was 21 days or more. */
  readonly mature: Ratio;
  readonly all: Ratio;
};

export type ForecastDay = {
  readonly date: string;
  /** 0 is today (overdue cards included), 1 tomorrow, … */
  readonly offset: number;
  /** Cards due that day (learning ones included). */
  readonly due: number;
  /** Of those, learning/relearning cards. */
  readonly learning: number;
};

export type Forecast = {
  readonly days: readonly ForecastDay[];
  /** Cards already overdue now (counted in day 0). */
  readonly overdue: number;
  /** Reviews per day the selection allows: the sum of each deck's limit; null with no cards. */
  readonly limit: number | null;
};

export type HeatmapDay = { readonly date: string; readonly reviews: number };

export type Heatmap = {
  /** One entry per study day, oldest first, today last. */
  readonly days: readonly HeatmapDay[];
  readonly total: number;
  /** Days with at least one review. */
  readonly activeDays: number;
  readonly max: number;
};

export type StateCounts = {
  readonly new: number;
  readonly learning: number;
  readonly review: number;
  readonly relearning: number;
  /** Always 0 for now: recall has no suspend yet. */
  readonly suspended: number;
  readonly total: number;
};

/** A histogram bucket covering `[from, to)` (`to` null: no upper bound). */
export type Bucket = {
  readonly label: string;
  readonly from: number;
  readonly to: number | null;
  readonly count: number;
};

/** Over cards that have been rated (new cards have no memory to measure). */
export type Distributions = {
  /** Stability in days. */
  readonly stability: readonly Bucket[];
  /** FSRS difficulty, 1 (easy) to 10 (hard). */
  readonly difficulty: readonly Bucket[];
  /** Probability of recall now, 0–1 (labels in percent). */
  readonly retrievability: readonly Bucket[];
};

export type CardRef = {
  readonly deckId: string;
  readonly key: string;
  /** The card's question on one line (cloze: the asked gap shown as `[…]`). */
  readonly prompt: string;
  readonly state: FsrsStateName;
  /** Probability of recall now. */
  readonly retrievability: number;
  /** Again answers while the card was in review, from the log. */
  readonly lapses: number;
  /** Epoch ms. */
  readonly due: number;
};

export type Weakest = {
  /** Rated cards with the lowest retrievability now, lowest first. */
  readonly lowest: readonly CardRef[];
  /** Leeches (lapses ≥ their deck's `leech_threshold`), most lapses first. */
  readonly leeches: readonly CardRef[];
  /** All leeches in the selection (the list above may be cut short). */
  readonly leechCount: number;
  /** The selection's `leech_threshold` when all its decks share one, else null. */
  readonly leechThreshold: number | null;
};

export type StatsReport = {
  /** Epoch ms. */
  readonly now: number;
  readonly dayStartsAt: number;
  /** Cards in the selection. */
  readonly cards: number;
  /** Review entries over the selection in the whole log (undone ones excluded). */
  readonly totalReviews: number;
  readonly today: TodayStats;
  readonly streak: Streak;
  readonly retention: readonly RetentionRow[];
  readonly forecast: Forecast;
  readonly heatmap: Heatmap;
  readonly states: StateCounts;
  readonly distributions: Distributions;
  readonly weakest: Weakest;
  /** Null without an exam date. */
  readonly exam: ExamOutlook | null;
  /** The FSRS parameters in use and how well they predict this history (app/stats.ts adds it). */
  readonly fsrs?: FsrsFit;
};

/** Which FSRS parameters schedule the selection, and how well they fit its history. */
export type FsrsFit = {
  /** The parameters `recall optimize` trained, absent for FSRS's defaults. */
  readonly personal?: PersonalParameters;
  /** The selection's decks do not all use the same parameters (the first deck's are shown). */
  readonly mixed: boolean;
  /** 1: every card of the selection was judged; k: every k-th (a long history). */
  readonly sampledEvery: number;
  readonly calibration: Calibration;
};
