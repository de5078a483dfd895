import type { StepUnit } from 'ts-fsrs';
import { type EasyDays, NORMAL_DAYS } from './load-balance.js';

/** Scheduling settings that can differ per deck (config.yaml `defaults:` and `decks.<id>:`). */
export type DeckSettings = {
  /** Desired retention: the probability of recall FSRS aims for at the due date. */
  readonly retention: number;
  /** Longest interval, in days. */
  readonly maxInterval: number;
  readonly learningSteps: readonly StepUnit[];
  readonly relearningSteps: readonly StepUnit[];
  /** Spread intervals a little so cards learnt together do not stay clumped (as Anki does). */
  readonly fuzz: boolean;
  /** Put a review on the least loaded day of its fuzz range (Anki's load balancer). */
  readonly loadBalance: boolean;
  /** Share of a normal day's load each weekday takes, Sunday first (Anki's easy days). */
  readonly easyDays: EasyDays;
  readonly newPerDay: number;
  readonly reviewsPerDay: number;
  /** `YYYY-MM-DD`: schedule so the deck is retained on that day (see docs/exam.md). */
  readonly exam?: string;
  /** Lapses that make a card a leech (Anki's 8). */
  readonly leechThreshold: number;
  /** What becomes of a leech: marked `leech`, or suspended. */
  readonly leechAction: LeechAction;
  /** FSRS parameters fitted to the user (`recall optimize`); absent: FSRS's defaults. */
  readonly fsrs?: PersonalParameters;
  /** The order new cards are introduced in (README "Orders"). */
  readonly newOrder: NewOrder;
  /** The order due reviews come in, and so which ones a reviews/day limit keeps. */
  readonly reviewOrder: ReviewOrder;
  /** Where new cards go in a session: spread through the reviews, before them, or after. */
  readonly newMix: NewMix;
};

/** `file`: file order; `random`: shuffled (the same all study day); `interleaved`: tag by tag in turn. */
export type NewOrder = 'file' | 'random' | 'interleaved';
export const newOrders: readonly NewOrder[] = ['file', 'random', 'interleaved'];
/** `due`: earliest due first; `weakest`: lowest recall probability now first; `random`. */
export type ReviewOrder = 'due' | 'weakest' | 'random';
export const reviewOrders: readonly ReviewOrder[] = ['due', 'weakest', 'random'];
export type NewMix = 'mixed' | 'before' | 'after';
export const newMixes: readonly NewMix[] = ['mixed', 'before', 'after'];

/** Parameters `recall optimize` trained, and what they were trained and judged on. */
export type PersonalParameters = {
  /** The 21 FSRS-6 parameters. */
  readonly w: readonly number[];
  /** `YYYY-MM-DD`: the day they were trained. */
  readonly trained: string;
  /** Reviews they were trained on. */
  readonly reviews: number;
  /** Log loss and RMSE (bins) on reviews held out from their training (time-series splits). */
  readonly logLoss: number;
  readonly rmse: number;
};

export type LeechAction = 'tag' | 'suspend';

/** The mark a leech gets with `leech_action: tag`. */
export const LEECH_MARK = 'leech';

/**
 * Whether a rating that took a card from `lapsesBefore` to `lapses` lapses makes it a leech: on
 * the lapse that reaches the threshold, and as Anki does, on every half threshold after it.
 */
export function becameLeech(lapsesBefore: number, lapses: number, threshold: number): boolean {
  if (lapses <= lapsesBefore || lapses < threshold) return false;
  return (lapses - threshold) % Math.max(1, Math.ceil(threshold / 2)) === 0;
}

export const defaultDeckSettings: DeckSettings = {
  retention: 0.9,
  maxInterval: 36500,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  fuzz: true,
  loadBalance: true,
  easyDays: NORMAL_DAYS,
  newPerDay: 20,
  reviewsPerDay: 200,
  leechThreshold: 8,
  leechAction: 'tag',
  newOrder: 'file',
  reviewOrder: 'due',
  newMix: 'mixed',
};

/** Local hour at which a new study day begins (Anki's "next day starts at"). */
export const defaultDayStartsAt = 4;
