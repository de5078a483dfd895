/**
 * A small seeded Monte-Carlo simulation of the days ahead, for choosing a desired retention:
 * each study day the cards due are answered (up to the daily limits), learning steps come back
 * within the day, and each answer is drawn from the forgetting curve. Ratings are given by the
 * same rating function review uses (the deck's scheduler, exam date included, given the cards
 * due on the days ahead for load balancing), so what is simulated is what reviewing would do;
 * nothing of ts-fsrs is re-implemented here.
 */
import { dayIndexIn, dayStart, dayStarts, weekdayOf } from './day.js';
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

type Pending = { readonly card: number; readonly ready: number };

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

  for (let d = 0; d < days; d++) {
    const begin = dayStart(input.start, dayStartsAt, d);
    const end = dayStart(input.start, dayStartsAt, d + 1);
    let t = d === 0 ? Math.max(input.start, begin) : begin + sessionOffset;
    const load: DayLoad = {
      due: (ahead) => (ahead >= 0 && d + ahead < perDay.length ? perDay[d + ahead]! : 0),
      weekday: weekdayOf(begin, dayStartsAt),
    };
    const queue: Pending[] = [];
    const reviewsDue: number[] = [];
    for (let i = 0; i < n; i++) {
      if (dueAt[i]! >= end) continue;
      // A learning step is shown when it is due, a review card when the session starts.
      if (learning[i] === 1) queue.push({ card: i, ready: Math.max(t, dueAt[i]!) });
      else reviewsDue.push(i);
    }
    // Over the limit, the earliest due first (the rest wait for another day).
    if (reviewsDue.length > input.reviewsPerDay) {
      reviewsDue.sort((a, b) => dueAt[a]! - dueAt[b]! || a - b);
      reviewsDue.length = Math.max(0, input.reviewsPerDay);
    }
    for (const i of reviewsDue) queue.push({ card: i, ready: t });
    let added = 0;
    while (added < input.newPerDay && nextNew < fresh.length) {
      queue.push({ card: fresh[nextNew++]!, ready: t });
      added++;
    }
    queue.sort(byReady);

    let answers = 0;
    let seconds = 0;
    while (queue.length > 0) {
      const { card, ready } = queue.shift()!;
      t = Math.max(t, ready);
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
      if (again && next.due < end) insert(queue, { card, ready: next.due });
    }
    reviews.push(answers);
    minutes.push(seconds / 60);
    introduced.push(added);
  }

  const end = dayStart(input.start, dayStartsAt, days);
  let known = 0;
  for (let i = 0; i < n; i++) known += recallAt(minds[i]!, end, memory.curve);
  return { reviews, minutes, introduced, end, known, meanRecall: n === 0 ? 0 : known / n };
}

const byReady = (a: Pending, b: Pending) => a.ready - b.ready || a.card - b.card;

/** Into the queue kept in ready order (it holds a day's cards: a scan is enough). */
function insert(queue: Pending[], p: Pending): void {
  let at = queue.length;
  while (at > 0 && byReady(queue[at - 1]!, p) > 0) at--;
  queue.splice(at, 0, p);
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
