/**
 * A small seeded Monte-Carlo simulation of the days ahead, for choosing a desired retention:
 * each study day the cards due are answered (up to the daily limits), learning steps come back
 * within the day, and each answer is drawn from the forgetting curve. Ratings are given by the
 * same rating function review uses (the deck's scheduler, exam date included, given the cards
 * due on the days ahead for load balancing), so what is simulated is what reviewing would do;
 * nothing of ts-fsrs is re-implemented here.
 */
import { dayIndexIn, dayStarts, weekdayOf } from './day.js';
import { type DayLoad, LOAD_DAYS } from './load-balance.js';
import type { Rating, SrsState } from './model.js';
import { type ForgettingCurve, recallAt } from './recall.js';
import { mulberry32, type Rng } from './shuffle.js';

/**
 * The state a rating gives (the scheduler's, as review computes it); `load`: the simulated
 * cards due on each day ahead, as review counts them for load balancing.
 */
export type RateFn = (
  key: string,
  prev: SrsState | null,
  rating: Rating,
  at: number,
  load?: DayLoad,
) => SrsState;

/** How a learner remembers: the memory states ratings give, and their forgetting curve. */
export type Memory = { readonly rate: RateFn; readonly curve: ForgettingCurve };

/** Four numbers per rating Again, Hard, Good, Easy (index 0–3). */
export type PerRating = readonly [number, number, number, number];

/** How the learner answers: what first answers are, what a recalled card gets, how long each takes. */
export type Answering = {
  /** Probabilities of each rating on a card's first answer. */
  readonly firstRatings: PerRating;
  /** Probabilities of Hard, Good and Easy when a card is recalled (index 1–3; 0 is unused). */
  readonly recalledRatings: PerRating;
  /** Seconds a first answer takes, per rating. */
  readonly firstSeconds: PerRating;
  /** Seconds a later answer takes, per rating. */
  readonly reviewSeconds: PerRating;
};

/** Anki's simulator defaults, for a learner with too little history to measure. */
export const defaultAnswering: Answering = {
  firstRatings: [0.24, 0.094, 0.495, 0.171],
  recalledRatings: [0, 0.224, 0.632, 0.144],
  firstSeconds: [33.8, 24.3, 13.7, 6.5],
  reviewSeconds: [23.0, 11.7, 7.3, 5.6],
};

export type SimulationInput = {
  /** How review schedules a rating. */
  readonly schedule: Memory;
  /** How the simulated learner really forgets (default: as the schedule assumes). */
  readonly memory?: Memory;
  /** The cards as they are now (null: new), in the order new ones are introduced. */
  readonly cards: readonly (SrsState | null)[];
  /** Epoch ms: the simulation starts here, in the study day holding it. */
  readonly start: number;
  readonly days: number;
  readonly dayStartsAt: number;
  readonly newPerDay: number;
  readonly reviewsPerDay: number;
  readonly answering: Answering;
  readonly seed: number;
  /** Hours after the day's start that each later day's session begins. */
  readonly sessionHour?: number;
  /** Every answer, as it is given (the synthetic learner of the tests records them). */
  readonly onAnswer?: (answer: SimulatedAnswer) => void;
};

export type SimulatedAnswer = {
  readonly card: number;
  readonly rating: Rating;
  readonly at: number;
  readonly durationMs: number;
  readonly prev: SrsState | null;
  readonly next: SrsState;
};

export type SimulationResult = {
  /** Per simulated day: answers given (learning steps included), minutes spent, cards introduced. */
  readonly reviews: readonly number[];
  readonly minutes: readonly number[];
  readonly introduced: readonly number[];
  /** Epoch ms: the start of the day after the last one simulated, where recall is measured. */
  readonly end: number;
  /** Expected number of cards recalled at `end`: the sum of their recall (new cards count 0). */
  readonly known: number;
  /** `known` over all the cards. */
  readonly meanRecall: number;
};

const HOUR_MS = 3_600_000;

export function simulate(input: SimulationInput): SimulationResult {
  const { schedule, cards, days, dayStartsAt, answering } = input;
  const memory = input.memory ?? schedule;
  const separate = input.memory !== undefined;
  const rng = mulberry32(input.seed);
  const n = cards.length;
  const states: (SrsState | null)[] = [...cards];
  const minds: (SrsState | null)[] = separate ? [...cards] : states;
  const keys = Array.from({ length: n }, (_, i) => `sim/${i}`);
  let nextNew = 0;
  const isNew = (i: number) => states[i] === null || states[i]!.state === 'New';
  const fresh: number[] = [];
  // Each card's due time and whether it is in (re)learning, as plain numbers: every day scans
  // them all (10k cards × 365 days × 5 retentions), which reading the state objects made slow.
  const dueAt = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const learning = new Uint8Array(n);
  // Cards due per simulated day (from the first), for load balancing as review does it.
  const starts = dayStarts(input.start, dayStartsAt, days + LOAD_DAYS);
  const perDay = new Int32Array(starts.length - 1);
  const dueDay = new Int32Array(n).fill(-1);
  const track = (i: number, s: SrsState) => {
    dueAt[i] = s.due;
    learning[i] = s.state === 'Learning' || s.state === 'Relearning' ? 1 : 0;
    if (dueDay[i]! >= 0) perDay[dueDay[i]!]!--;
    dueDay[i] = dayIndexIn(starts, s.due) ?? -1;
    if (dueDay[i]! >= 0) perDay[dueDay[i]!]!++;
  };
  for (let i = 0; i < n; i++) {
    if (isNew(i)) fresh.push(i);
    else track(i, states[i]!);
  }

  const reviews: number[] = [];
  const minutes: number[] = [];
  const introduced: number[] = [];
  const sessionOffset = (input.sessionHour ?? 5) * HOUR_MS;
  // Allocated once for the run: a card is in a day's queue at most once at a time.
  const queue = new ReadyQueue(n);
  const reviewsDue = new Int32Array(n);
  const byDue = (a: number, b: number) => dueAt[a]! - dueAt[b]! || a - b;
  const firstWeekday = weekdayOf(input.start, dayStartsAt);
  let d = 0;
  const load: DayLoad = {
    due: (ahead) => (ahead >= 0 && d + ahead < perDay.length ? perDay[d + ahead]! : 0),
    // Each study day is the next calendar date: its weekday the next one.
    get weekday() {
      return (firstWeekday + d) % 7;
    },
  };

  for (; d < days; d++) {
    const begin = starts[d]!;
    const end = starts[d + 1]!;
    let t = d === 0 ? Math.max(input.start, begin) : begin + sessionOffset;
    let due = 0;
    for (let i = 0; i < n; i++) {
      if (dueAt[i]! >= end) continue;
      // A learning step is shown when it is due, a review card when the session starts.
      if (learning[i] === 1) queue.push(i, Math.max(t, dueAt[i]!));
      else reviewsDue[due++] = i;
    }
    // Over the limit, the earliest due first (the rest wait for another day).
    if (due > input.reviewsPerDay) {
      reviewsDue.subarray(0, due).sort(byDue);
      due = Math.max(0, input.reviewsPerDay);
    }
    for (let k = 0; k < due; k++) queue.push(reviewsDue[k]!, t);
    let added = 0;
    while (added < input.newPerDay && nextNew < fresh.length) {
      queue.push(fresh[nextNew++]!, t);
      added++;
    }

    let answers = 0;
    let seconds = 0;
    while (queue.size > 0) {
      t = Math.max(t, queue.nextReady());
      const card = queue.pop();
      const prev = states[card] ?? null;
      const first = prev === null || prev.state === 'New';
      const rating = first
        ? pick(answering.firstRatings, rng)
        : rng() < recallAt(minds[card]!, t, memory.curve)
          ? (pick(answering.recalledRatings, rng) as Rating)
          : 1;
      const next = schedule.rate(keys[card]!, first ? null : prev, rating, t, load);
      if (separate) minds[card] = memory.rate(keys[card]!, first ? null : minds[card]!, rating, t);
      states[card] = next;
      track(card, next);
      const took = (first ? answering.firstSeconds : answering.reviewSeconds)[rating - 1]!;
      input.onAnswer?.({
        card,
        rating,
        at: t,
        durationMs: took * 1000,
        prev: first ? null : prev,
        next,
      });
      answers++;
      seconds += took;
      t += took * 1000;
      const again = next.state === 'Learning' || next.state === 'Relearning';
      if (again && next.due < end) queue.push(card, next.due);
    }
    reviews.push(answers);
    minutes.push(seconds / 60);
    introduced.push(added);
  }

  const end = starts[days]!;
  let known = 0;
  for (let i = 0; i < n; i++) known += recallAt(minds[i]!, end, memory.curve);
  return { reviews, minutes, introduced, end, known, meanRecall: n === 0 ? 0 : known / n };
}

/**
 * A day's cards in the order they are shown: by ready time, then by card. A binary heap over
 * typed arrays: a card is in it once at most, so (ready, card) orders it wholly and the order
 * is the one a sorted list would give. (The benchmark grows its collections with it too.)
 */
export class ReadyQueue {
  readonly #card: Int32Array;
  readonly #ready: Float64Array;
  size = 0;

  constructor(capacity: number) {
    this.#card = new Int32Array(capacity);
    this.#ready = new Float64Array(capacity);
  }

  nextReady(): number {
    return this.#ready[0]!;
  }

  push(card: number, ready: number): void {
    let at = this.size++;
    while (at > 0) {
      const up = (at - 1) >> 1;
      if (!this.#before(card, ready, up)) break;
      this.#card[at] = this.#card[up]!;
      this.#ready[at] = this.#ready[up]!;
      at = up;
    }
    this.#card[at] = card;
    this.#ready[at] = ready;
  }

  /** Takes the first card out. */
  pop(): number {
    const top = this.#card[0]!;
    const last = --this.size;
    const card = this.#card[last]!;
    const ready = this.#ready[last]!;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= last) break;
      if (child + 1 < last && this.#earlier(child + 1, child)) child++;
      if (this.#before(card, ready, child)) break;
      this.#card[at] = this.#card[child]!;
      this.#ready[at] = this.#ready[child]!;
      at = child;
    }
    this.#card[at] = card;
    this.#ready[at] = ready;
    return top;
  }

  /** Whether (card, ready) comes before the entry at `at`. */
  #before(card: number, ready: number, at: number): boolean {
    const r = this.#ready[at]!;
    return ready < r || (ready === r && card < this.#card[at]!);
  }

  #earlier(a: number, b: number): boolean {
    return this.#before(this.#card[a]!, this.#ready[a]!, b);
  }
}

/** An index 0–3 drawn with the given weights, as a rating 1–4. */
function pick(weights: PerRating, rng: Rng): Rating {
  const total = weights[0] + weights[1] + weights[2] + weights[3];
  let x = rng() * total;
  for (let i = 0; i < 3; i++) {
    x -= weights[i]!;
    if (x < 0) return (i + 1) as Rating;
  }
  return 4;
}
