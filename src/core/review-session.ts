/**
 * A review session as a reducer: the UI dispatches, this decides what comes next. Pure: the
 * new card state and the time come in with each action; persisting is the caller's job.
 */

import { relatedKey } from './card-order.js';
import { interleave, keepApart } from './interleave.js';
import type { Rating, SrsState } from './model.js';
import type { Queue, QueueItem } from './queue.js';

/** Anki's learn-ahead limit: with nothing else left, a learning card due this soon is shown. */
export const learnAheadMs = 20 * 60_000;

export type Rated = {
  readonly key: string;
  readonly rating: Rating;
  /** Log entry id, so undo can name it. */
  readonly entryId: string;
};

export type Session = {
  /** Reviews and new cards interleaved, in the order they will be shown. */
  readonly pending: readonly QueueItem[];
  /** Cards in intraday (re)learning steps, earliest due first. */
  readonly learning: readonly QueueItem[];
  readonly current: QueueItem | null;
  readonly rated: readonly Rated[];
  /** Earlier sessions states, newest last: undo pops one. */
  readonly history: readonly Session[];
  /** Epoch ms. */
  readonly startedAt: number;
  /** Start of the next study day (epoch ms): learning cards due before it stay in the session. */
  readonly endOfDay: number;
};

export type SessionAction =
  | {
      readonly type: 'rated';
      readonly rating: Rating;
      readonly next: SrsState;
      readonly entryId: string;
      readonly now: number;
    }
  | { readonly type: 'tick'; readonly now: number }
  | { readonly type: 'undo' };

export function startSession(queue: Queue, now: number, endOfDay: number): Session {
  const base: Session = {
    pending: keepApart(interleave(queue.review, queue.fresh), (i) => relatedKey(i.card)),
    learning: queue.learning,
    current: null,
    rated: [],
    history: [],
    startedAt: now,
    endOfDay,
  };
  return pickNext(base, now);
}

const dueAt = (i: QueueItem): number => i.srs?.due ?? Number.NaN;

/** Due learning cards first, then the next pending card, then learning within learn-ahead. */
function pickNext(s: Session, t: number): Session {
  if (s.current) return s;
  const [firstLearning, ...restLearning] = s.learning;
  if (firstLearning && dueAt(firstLearning) <= t) {
    return { ...s, current: firstLearning, learning: restLearning };
  }
  const [firstPending, ...restPending] = s.pending;
  if (firstPending) return { ...s, current: firstPending, pending: restPending };
  if (firstLearning && dueAt(firstLearning) <= t + learnAheadMs) {
    return { ...s, current: firstLearning, learning: restLearning };
  }
  return s;
}

function insertByDue(list: readonly QueueItem[], item: QueueItem): QueueItem[] {
  const at = list.findIndex((i) => dueAt(i) > dueAt(item));
  return at < 0 ? [...list, item] : [...list.slice(0, at), item, ...list.slice(at)];
}

export function sessionReducer(s: Session, action: SessionAction): Session {
  switch (action.type) {
    case 'tick':
      return pickNext(s, action.now);
    case 'undo': {
      const prev = s.history.at(-1);
      return prev ? { ...prev, history: s.history.slice(0, -1) } : s;
    }
    case 'rated': {
      const cur = s.current;
      if (!cur) return s;
      const updated: QueueItem = { ...cur, srs: action.next, flagged: false };
      const stillToday =
        (action.next.state === 'Learning' || action.next.state === 'Relearning') &&
        action.next.due < s.endOfDay;
      const { history: _h, ...snapshot } = s;
      const after: Session = {
        ...s,
        current: null,
        learning: stillToday ? insertByDue(s.learning, updated) : s.learning,
        rated: [...s.rated, { key: cur.card.key, rating: action.rating, entryId: action.entryId }],
        history: [...s.history, { ...snapshot, history: [] }],
      };
      return pickNext(after, action.now);
    }
  }
}

/** Counts left, as the header shows them (the current card included in its column). */
export function remaining(s: Session): { fresh: number; learning: number; review: number } {
  const all = s.current ? [s.current, ...s.pending] : s.pending;
  let fresh = 0;
  let review = 0;
  for (const i of all) {
    if (i.srs === null) fresh++;
    else if (i.srs.state === 'Review' || i.flagged) review++;
  }
  const learning =
    s.learning.length +
    (s.current?.srs && s.current.srs.state !== 'Review' && !s.current.flagged ? 1 : 0);
  return { fresh, learning, review };
}

/** When the next learning card of this session comes due, epoch ms (null: none left today). */
export function nextLearningDue(s: Session): number | null {
  const first = s.learning[0];
  return first ? dueAt(first) : null;
}
