/**
 * The one file that talks to ts-fsrs. Domain states (times in epoch ms) are converted to ts-fsrs
 * cards (`Date`s) here and back, so nothing else handles a `Date` for scheduling.
 */
import {
  BasicLearningStepsStrategy,
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
const MINUTE_MS = 60_000;

/** The outcomes of the ratings worked out, by rating. */
type Outcomes = { [r in Rating]?: SrsState };

type StepsInfo = ReturnType<typeof BasicLearningStepsStrategy>;

/**
 * Whole UTC days since the card's last review, as ts-fsrs counts them (0 for a new card). Never
 * below 0: a rating can come before the last review (a device whose clock went back, merged in
 * time order with another's), and ts-fsrs throws on a negative delta_t; such a rating counts as
 * one on the same day.
 */
const elapsedDays = (srs: SrsState | null, now: number): number =>
  srs && srs.state !== 'New' && srs.lastReview !== undefined
    ? Math.max(0, dateDiffInDays(new Date(srs.lastReview), new Date(now)))
    : 0;

/** A card about to be rated, as ts-fsrs's scheduler reads it. */
type Before = {
  readonly srs: SrsState | null;
  readonly now: number;
  readonly state: State;
  /** Its rep count once rated. */
  readonly reps: number;
  readonly memory: Memory;
  /** Its learning step (ts-fsrs's `learning_steps`). */
  readonly step: number;
  /** Whole UTC days since its last review, as ts-fsrs counts them. */
  readonly elapsed: number;
};

export class Scheduler {
  readonly #f: FSRS;
  readonly #fuzz: boolean;
  readonly #maxInterval: number;
  readonly #intervalModifier: number;
  readonly #stepsOf = new Map<number, StepsInfo>();

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
    return balancing && this.#fuzz
      ? (this.#balanced(out, elapsedDays(srs, now), now, balancing, 4) as Preview)
      : out;
  }

  /**
   * What `rating` gives: always `preview(…)[rating]` for the same inputs (tests hold them
   * equal), but on plain numbers. ts-fsrs's `next` copies the card into `Date`s and spreads it
   * for each rating; every rating and the simulator's 300k answers pass here, so this takes the
   * steps its short-term scheduler takes (BasicScheduler) from ts-fsrs's own parts: its memory
   * update `next_state`, its fuzzed `next_interval` with the card's seed, its learning-steps
   * strategy. No formula of FSRS is written here.
   */
  rate(
    key: string,
    srs: SrsState | null,
    rating: Rating,
    now: number,
    balancing?: Balancing,
  ): SrsState {
    const card = this.#before(key, srs, now);
    const balanced = balancing !== undefined && this.#fuzz;
    if (!balanced && card.state !== State.Review) return this.#stepped(card, rating);
    // A balanced rating depends on the ratings below it (each review interval stays longer
    // than the one before), as a review's Good interval depends on its Hard one: the
    // outcomes up to `rating` are worked out, as the rating buttons' preview has them.
    const out =
      card.state === State.Review ? this.#reviewed(card, rating) : this.#allStepped(card, rating);
    return (balanced ? this.#balanced(out, card.elapsed, now, balancing, rating) : out)[rating]!;
  }

  /** The card as ts-fsrs's scheduler sees it before a rating; sets the fuzz seed it would. */
  #before(key: string, srs: SrsState | null, now: number): Before {
    const state = srs === null ? State.New : State[srs.state];
    const reps = (srs?.reps ?? 0) + 1;
    // GenSeedStrategyWithCardId('key'): the card's key and its rep count after this rating.
    this.#f.seed = String(key + reps || 0);
    return {
      srs,
      now,
      state,
      reps,
      memory: { difficulty: srs?.difficulty ?? 0, stability: srs?.stability ?? 0 },
      step: srs?.learningSteps || 0,
      elapsed: elapsedDays(srs, now),
    };
  }

  #allStepped(card: Before, upTo: Rating): Outcomes {
    const out: Outcomes = {};
    for (let r = 1 as Rating; r <= upTo; r++) out[r] = this.#stepped(card, r);
    return out;
  }

  /** A new or (re)learning card after `rating`: its step, or its first review interval. */
  #stepped(card: Before, rating: Rating): SrsState {
    const memory = this.#f.next_state(card.memory, card.elapsed, rating);
    const to = card.state === State.New ? State.Learning : card.state;
    return this.#afterSteps(card, memory, rating, to, card.srs?.lapses ?? 0);
  }

  /**
   * A review card's outcomes up to `upTo`: one recall for all, Again to relearning (a lapse),
   * and Hard < Good < Easy intervals as ts-fsrs orders them (Hard's needs Good's).
   */
  #reviewed(card: Before, upTo: Rating): Outcomes {
    const r = this.#f.forgetting_curve(card.elapsed, card.memory.stability);
    const next = (g: Rating) => this.#f.next_state(card.memory, card.elapsed, g, r);
    const interval = (m: Memory) => this.#f.next_interval(m.stability, card.elapsed);
    const lapses = card.srs?.lapses ?? 0;
    const out: Outcomes = { 1: this.#afterSteps(card, next(1), 1, State.Relearning, lapses + 1) };
    if (upTo === 1) return out;
    const hard = next(2);
    const good = next(3);
    const good0 = interval(good);
    const hardDays = Math.min(interval(hard), good0);
    const goodDays = Math.max(good0, hardDays + 1);
    out[2] = this.#state(card, hard, State.Review, hardDays, 0, hardDays * DAY_MS, lapses);
    out[3] = this.#state(card, good, State.Review, goodDays, 0, goodDays * DAY_MS, lapses);
    if (upTo === 4) {
      const easy = next(4);
      const easyDays = Math.max(interval(easy), goodDays + 1);
      out[4] = this.#state(card, easy, State.Review, easyDays, 0, easyDays * DAY_MS, lapses);
    }
    return out;
  }

  /** ts-fsrs's `applyLearningSteps`: a step within the day, a step of days, or graduation. */
  #afterSteps(card: Before, memory: Memory, rating: Rating, to: State, lapses: number): SrsState {
    const info = this.#steps(card.state, card.step)[rating as Grade];
    const minutes = Math.max(0, info?.scheduled_minutes ?? 0);
    const nextStep = Math.max(0, info?.next_step ?? 0);
    if (minutes > 0 && minutes < 1440) {
      return this.#state(card, memory, to, 0, nextStep, Math.round(minutes) * MINUTE_MS, lapses);
    }
    if (minutes >= 1440) {
      const days = Math.floor(minutes / 1440);
      return this.#state(
        card,
        memory,
        State.Review,
        days,
        nextStep,
        Math.round(minutes) * MINUTE_MS,
        lapses,
      );
    }
    const days = this.#f.next_interval(memory.stability, card.elapsed);
    return this.#state(card, memory, State.Review, days, 0, days * DAY_MS, lapses);
  }

  /** ts-fsrs's learning steps from a state and step: the same for every card, so kept. */
  #steps(state: State, step: number): StepsInfo {
    const key = state * 1024 + step;
    let info = this.#stepsOf.get(key);
    if (info === undefined) {
      info = BasicLearningStepsStrategy(this.#f.parameters, state, step);
      this.#stepsOf.set(key, info);
    }
    return info;
  }

  #state(
    card: Before,
    memory: Memory,
    state: State,
    scheduledDays: number,
    learningSteps: number,
    afterMs: number,
    lapses: number,
  ): SrsState {
    return {
      state: stateNames[state],
      due: card.now + afterMs,
      stability: memory.stability,
      difficulty: memory.difficulty,
      scheduledDays,
      learningSteps,
      reps: card.reps,
      lapses,
      firstReview: firstReviewAfter(card.srs, card.now),
      lastReview: card.now,
    };
  }

  /**
   * Each review outcome moved to the least loaded day of its fuzz range (ts-fsrs's range, from
   * the interval before fuzz), in rating order so that Hard < Good < Easy still holds, as
   * ts-fsrs orders them and as Anki's balancer keeps them.
   */
  #balanced(
    out: Outcomes,
    elapsed: number,
    now: number,
    balancing: Balancing,
    upTo: Rating,
  ): Outcomes {
    let floor = 1;
    for (let r = 1 as Rating; r <= upTo; r++) {
      const s = out[r]!;
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
      floor = out[r]!.scheduledDays + 1;
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
  // Never after now, for the reason `elapsedDays` gives: the same rating on both paths.
  if (srs.lastReview !== undefined) {
    card.last_review = new Date(Math.min(srs.lastReview, now.getTime()));
  }
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
