/**
 * The one file that talks to ts-fsrs. Domain states (times in epoch ms) are converted to ts-fsrs
 * cards (`Date`s) here and back, so nothing else handles a `Date` for scheduling.
 */
import {
  dateDiffInDays,
  type FSRS,
  type Card as FsrsCard,
  fsrs,
  GenSeedStrategyWithCardId,
  type Grade,
  generatorParameters,
  get_fuzz_range,
  S_MIN,
  State,
  type StepUnit,
  StrategyMode,
} from 'ts-fsrs';
import { type Balancing, balancedInterval } from './load-balance.js';
import { type FsrsStateName, firstReviewAfter, type Rating, type SrsState } from './model.js';
import type { DeckSettings } from './settings.js';

export type SchedulerParams = Pick<
  DeckSettings,
  'retention' | 'maxInterval' | 'learningSteps' | 'relearningSteps' | 'fuzz' | 'fsrs'
>;

export const ratings: readonly Rating[] = [1, 2, 3, 4];

/** A memory as FSRS models it, apart from any schedule. */
export type Memory = { readonly stability: number; readonly difficulty: number };

/** What each rating would do to a card now: the state it would get. */
export type Preview = Readonly<Record<Rating, SrsState>>;

const stateNames: Record<State, FsrsStateName> = {
  [State.New]: 'New',
  [State.Learning]: 'Learning',
  [State.Review]: 'Review',
  [State.Relearning]: 'Relearning',
};

/** ts-fsrs card plus the field its seed strategy reads, so fuzz depends on card and reps only. */
type SeededCard = FsrsCard & { key: string };

const DAY_MS = 86_400_000;

export class Scheduler {
  readonly #f: FSRS;
  readonly #fuzz: boolean;
  readonly #maxInterval: number;
  readonly #intervalModifier: number;

  constructor(params: SchedulerParams) {
    this.#fuzz = params.fuzz;
    this.#maxInterval = params.maxInterval;
    this.#f = fsrs(
      generatorParameters({
        // ts-fsrs clips each parameter to its range, whatever config.yaml holds.
        ...(params.fsrs ? { w: [...params.fsrs.w] } : {}),
        request_retention: params.retention,
        maximum_interval: params.maxInterval,
        enable_fuzz: params.fuzz,
        enable_short_term: true,
        learning_steps: params.learningSteps.map((step) => capped(step, params.maxInterval)),
        relearning_steps: params.relearningSteps.map((step) => capped(step, params.maxInterval)),
      }),
      // Seeding fuzz by card and rep count (not by the millisecond of the review) makes the
      // interval shown on a rating button the one the rating then gives.
    ).useStrategy(StrategyMode.SEED, GenSeedStrategyWithCardId('key'));
    this.#intervalModifier = this.#f.calculate_interval_modifier(params.retention);
  }

  /**
   * The state each rating would give `key` at `now` (`srs` null: a new card); with `balancing`,
   * review intervals are moved within their fuzz range to the least loaded day.
   */
  preview(key: string, srs: SrsState | null, now: number, balancing?: Balancing): Preview {
    const at = new Date(now);
    const record = this.#f.repeat(toFsrsCard(key, srs, at), at);
    const out = {} as Record<Rating, SrsState>;
    for (const r of ratings) out[r] = fromFsrsCard(record[r as Grade].card, srs, now);
    return balancing && this.#fuzz ? this.#balanced(out, srs, now, balancing) : out;
  }

  /** What `rating` gives: always `preview(…)[rating]` for the same inputs. */
  rate(
    key: string,
    srs: SrsState | null,
    rating: Rating,
    now: number,
    balancing?: Balancing,
  ): SrsState {
    // A balanced rating depends on the ratings below it (each review interval stays longer
    // than the one before), so it is computed as the rating buttons' preview is.
    if (balancing && this.#fuzz) return this.preview(key, srs, now, balancing)[rating];
    const item = this.#f.next(toFsrsCard(key, srs, new Date(now)), new Date(now), rating as Grade);
    return fromFsrsCard(item.card, srs, now);
  }

  /**
   * Each review outcome moved to the least loaded day of its fuzz range (ts-fsrs's range, from
   * the interval before fuzz), in rating order so that Hard < Good < Easy still holds, as
   * ts-fsrs orders them and as Anki's balancer keeps them.
   */
  #balanced(
    out: Record<Rating, SrsState>,
    srs: SrsState | null,
    now: number,
    balancing: Balancing,
  ): Preview {
    const elapsed =
      srs && srs.state !== 'New' && srs.lastReview !== undefined
        ? dateDiffInDays(new Date(srs.lastReview), new Date(now))
        : 0;
    let floor = 1;
    for (const r of ratings) {
      const s = out[r];
      if (s.state !== 'Review') {
        floor = 1;
        continue;
      }
      const ideal = Math.min(
        Math.max(1, Math.round(s.stability * this.#intervalModifier)),
        this.#maxInterval,
      );
      // ts-fsrs fuzzes nothing shorter than 2.5 days: neither is it balanced.
      if (ideal >= 2.5) {
        const range = get_fuzz_range(ideal, elapsed, this.#maxInterval);
        const min = Math.min(Math.max(range.min_ivl, floor), this.#maxInterval);
        const max = Math.max(range.max_ivl, min);
        const preferred = Math.min(Math.max(s.scheduledDays, min), max);
        const days = balancedInterval(min, max, preferred, balancing);
        if (days !== s.scheduledDays) {
          out[r] = { ...s, scheduledDays: days, due: now + days * DAY_MS };
        }
      }
      floor = out[r].scheduledDays + 1;
    }
    return out;
  }

  /**
   * The memory an SM-2 card (Anki's old scheduler) has in FSRS terms, as fsrs-rs's
   * `memory_state_from_sm2` derives it: the stability at which `intervalDays` gives `retention`,
   * and the difficulty at which FSRS would grow that stability by SM-2's `ease` on a success.
   */
  memoryFromSm2(
    ease: number,
    intervalDays: number,
    retention: number,
  ): { stability: number; difficulty: number } {
    const w = this.#f.parameters.w;
    const decay = -w[20]!;
    const factor = 0.9 ** (1 / decay) - 1;
    const stability = (Math.max(intervalDays, S_MIN) * factor) / (retention ** (1 / decay) - 1);
    const growth = Math.exp(w[8]!) * stability ** -w[9]! * Math.expm1((1 - retention) * w[10]!);
    const difficulty = 11 - (ease - 1) / growth;
    return { stability, difficulty: Math.min(10, Math.max(1, difficulty)) };
  }

  /**
   * FSRS's memory after a review given `deltaT` whole days after the one before (null: a first
   * review), as the optimizer models a history; no schedule, only stability and difficulty.
   */
  memoryAfter(memory: Memory | null, deltaT: number, rating: Rating): Memory {
    return this.#f.next_state(memory, deltaT, rating);
  }

  /** The forgetting curve R(t) for a memory of `stability` days after `elapsedDays` days. */
  forgettingCurve(elapsedDays: number, stability: number): number {
    return this.#f.forgetting_curve(elapsedDays, stability);
  }
}

const MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440 };

/**
 * A step no longer than the longest interval. ts-fsrs adds a step to the date as it is:
 * `99999999d` is past the last date JavaScript has, an Invalid Date that broke the rating
 * buttons (`NaNy`) and then the log entry. config.yaml refuses such steps; this keeps the
 * scheduler sound whatever it is given.
 */
function capped(step: StepUnit, maxIntervalDays: number): StepUnit {
  const minutes = Number.parseFloat(step) * (MINUTES[step.slice(-1)] ?? 1);
  const max = maxIntervalDays * MINUTES.d!;
  return minutes > max ? `${max}m` : step;
}

function toFsrsCard(key: string, srs: SrsState | null, now: Date): SeededCard {
  if (srs === null) {
    return {
      key,
      due: now,
      stability: 0,
      difficulty: 0,
      elapsed_days: 0,
      scheduled_days: 0,
      learning_steps: 0,
      reps: 0,
      lapses: 0,
      state: State.New,
    };
  }
  const card: SeededCard = {
    key,
    due: new Date(srs.due),
    stability: srs.stability,
    difficulty: srs.difficulty,
    elapsed_days: 0,
    scheduled_days: srs.scheduledDays,
    learning_steps: srs.learningSteps,
    reps: srs.reps,
    lapses: srs.lapses,
    state: State[srs.state],
  };
  if (srs.lastReview !== undefined) card.last_review = new Date(srs.lastReview);
  return card;
}

function fromFsrsCard(card: FsrsCard, prev: SrsState | null, now: number): SrsState {
  const out: SrsState = {
    state: stateNames[card.state],
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    firstReview: firstReviewAfter(prev, now),
  };
  return card.last_review ? { ...out, lastReview: card.last_review.getTime() } : out;
}
