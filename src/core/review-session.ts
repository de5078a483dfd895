/**
 * A review session as a reducer: the UI dispatches, this decides what comes next. Pure: the
 * new card state and the time come in with each action; persisting is the caller's job.
 */

import type { Card } from './card.js';
import { givesAwayNext, relatedKey } from './card-order.js';
import { firstApart, interleave, keepApart } from './interleave.js';
import type { Rating, SrsState } from './model.js';
import type { Queue, QueuedCard, QueueItem } from './queue.js';

/** Anki's learn-ahead limit: with nothing else left, a learning card due this soon is shown. */
export const learnAheadMs = 20 * 60_000;

export type Rated = {
  readonly key: string;
  readonly rating: Rating;
  /** Log entry id, so undo can name it. */
  readonly entryId: string;
};

/**
 * What one undo takes back: a rating, a skip, a card put aside (buried or suspended) or a mark.
 * `entryId` names the log entry undoing it cancels (a skip has none: it only moved the card).
 */
export type Step = {
  readonly kind: 'rated' | 'skip' | 'aside' | 'marked';
  readonly key: string;
  readonly entryId?: string;
};

export type Session<C extends QueuedCard = Card> = {
  /** Reviews and new cards interleaved, in the order they will be shown. */
  readonly pending: readonly QueueItem<C>[];
  /** Cards in intraday (re)learning steps, earliest due first. */
  readonly learning: readonly QueueItem<C>[];
  readonly current: QueueItem<C> | null;
  readonly rated: readonly Rated[];
  /** Earlier sessions states, newest last: undo pops one. */
  readonly history: readonly Session<C>[];
  /** What led from each state of `history` to the next, newest last. */
  readonly steps: readonly Step[];
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
      /** The rating suspended the card (a leech): it does not come back in this session. */
      readonly leaves?: boolean;
    }
  | { readonly type: 'tick'; readonly now: number }
  /**
   * Another session rated the current card since this one queued it: it leaves this session
   * unrated (that session has it), and no step is kept, as nothing was recorded here.
   */
  | { readonly type: 'ratedElsewhere'; readonly now: number }
  /** The current card goes last, unanswered: it comes back once the others have been shown. */
  | { readonly type: 'skip'; readonly now: number }
  /**
   * The current card, and any of `keys` still queued (its note's other cards), leave the
   * session: buried or suspended, recorded as `entryId`.
   */
  | {
      readonly type: 'aside';
      readonly keys: readonly string[];
      readonly entryId: string;
      readonly now: number;
    }
  /** The current card got a mark (`entryId`): it stays, but undo takes the mark back first. */
  | { readonly type: 'marked'; readonly entryId: string }
  /**
   * The deck `deckId` was read again (a card edited): its queued cards take their new text, by
   * key (`renamed` maps a key the edit changed to the new one); cards no longer in it, or all of
   * them when the deck is gone (`cards` null: the edit broke it), leave the session.
   */
  | {
      readonly type: 'deckChanged';
      readonly deckId: string;
      readonly cards: readonly Card[] | null;
      readonly renamed?: { readonly from: string; readonly to: string };
      readonly now: number;
    }
  | { readonly type: 'undo' };

/**
 * Reviews and new cards in the order they will be shown: each new card before the reviews,
 * spread through them or after them as its deck's `new_mix` says; related cards (one note's,
 * one group's) kept from coming back to back whatever the orders, and no card right after one
 * whose answer or explanation gives it away (`givesAwayNext`).
 */
export function sessionOrder(queue: Queue): QueueItem[] {
  const gives = givesAwayNext();
  return keepApart(
    mixedOrder(queue),
    (i) => relatedKey(i.card),
    (a, b) => gives(a.card, b.card),
  );
}

/** The new cards put among the reviews as their decks' `new_mix` says, before `keepApart`. */
function mixedOrder<C extends QueuedCard>(queue: Queue<C>): QueueItem<C>[] {
  const mix = (m: QueueItem<C>['settings']['newMix']) =>
    queue.fresh.filter((i) => i.settings.newMix === m);
  return [...mix('before'), ...interleave(queue.review, mix('mixed')), ...mix('after')];
}

export function startSession(queue: Queue, now: number, endOfDay: number): Session {
  return sessionOf(sessionOrder(queue), queue.learning, now, endOfDay);
}

/**
 * A session of `queue` on the card `startSession`'s starts on, the cards it holds besides not
 * ordered: what its first frame shows (the card, the counts left, the progress
 * total). Reads no card text, so it runs on the queue cache's cards: the first of `keepApart`'s
 * order never depends on what gives a card away (nothing comes before it).
 */
export function sessionStart<C extends QueuedCard>(
  queue: Queue<C>,
  now: number,
  endOfDay: number,
): Session<C> {
  const mixed = mixedOrder(queue);
  const first = firstApart(mixed, (i) => relatedKey(i.card));
  const pending = first === undefined ? [] : [first, ...mixed.filter((i) => i !== first)];
  return sessionOf(pending, queue.learning, now, endOfDay);
}

function sessionOf<C extends QueuedCard>(
  pending: readonly QueueItem<C>[],
  learning: readonly QueueItem<C>[],
  now: number,
  endOfDay: number,
): Session<C> {
  const base: Session<C> = {
    pending,
    learning,
    current: null,
    rated: [],
    history: [],
    steps: [],
    startedAt: now,
    endOfDay,
  };
  return pickNext(base, now);
}

const dueAt = (i: QueueItem<QueuedCard>): number => i.srs?.due ?? Number.NaN;

/** Due learning cards first, then the next pending card, then learning within learn-ahead. */
function pickNext<C extends QueuedCard>(s: Session<C>, t: number): Session<C> {
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

/** `s` with `step` done: the state before it saved for undo. */
function stepped(s: Session, step: Step, after: Partial<Session>): Session {
  const { history: _h, steps: _s, ...snapshot } = s;
  return {
    ...s,
    ...after,
    history: [...s.history, { ...snapshot, history: [], steps: [] }],
    steps: [...s.steps, step],
  };
}

export function sessionReducer(s: Session, action: SessionAction): Session {
  switch (action.type) {
    case 'tick':
      return pickNext(s, action.now);
    case 'undo': {
      const prev = s.history.at(-1);
      return prev ? { ...prev, history: s.history.slice(0, -1), steps: s.steps.slice(0, -1) } : s;
    }
    case 'rated': {
      const cur = s.current;
      if (!cur) return s;
      // Answered: the flag that brought the card back is spent.
      const { flag: _spent, ...unflagged } = cur;
      const updated: QueueItem = { ...unflagged, srs: action.next, flagged: false };
      const stillToday =
        !action.leaves &&
        (action.next.state === 'Learning' || action.next.state === 'Relearning') &&
        action.next.due < s.endOfDay;
      const key = cur.card.key;
      const after = stepped(
        s,
        { kind: 'rated', key, entryId: action.entryId },
        {
          current: null,
          learning: stillToday ? insertByDue(s.learning, updated) : s.learning,
          rated: [...s.rated, { key, rating: action.rating, entryId: action.entryId }],
        },
      );
      return pickNext(after, action.now);
    }
    case 'ratedElsewhere':
      return s.current ? pickNext({ ...s, current: null }, action.now) : s;
    case 'skip': {
      const cur = s.current;
      if (!cur) return s;
      const after = stepped(
        s,
        { kind: 'skip', key: cur.card.key },
        { current: null, pending: [...s.pending, cur] },
      );
      return pickNext(after, action.now);
    }
    case 'aside': {
      const cur = s.current;
      if (!cur) return s;
      const gone = new Set(action.keys);
      const stays = (i: QueueItem) => !gone.has(i.card.key);
      const after = stepped(
        s,
        { kind: 'aside', key: cur.card.key, entryId: action.entryId },
        { current: null, pending: s.pending.filter(stays), learning: s.learning.filter(stays) },
      );
      return pickNext(after, action.now);
    }
    case 'deckChanged': {
      const byKey = new Map((action.cards ?? []).map((c) => [c.key, c]));
      const fresh = (i: QueueItem): QueueItem[] => {
        if (i.card.deckId !== action.deckId) return [i];
        const key = i.card.key === action.renamed?.from ? action.renamed.to : i.card.key;
        const card = byKey.get(key);
        return card ? [{ ...i, card }] : [];
      };
      const apply = (x: Session): Session => ({
        ...x,
        current: x.current ? (fresh(x.current)[0] ?? null) : null,
        pending: x.pending.flatMap(fresh),
        learning: x.learning.flatMap(fresh),
      });
      return pickNext({ ...apply(s), history: s.history.map(apply) }, action.now);
    }
    case 'marked': {
      const cur = s.current;
      if (!cur) return s;
      return stepped(s, { kind: 'marked', key: cur.card.key, entryId: action.entryId }, {});
    }
  }
}

/** Counts left, as the header shows them (the current card included in its column). */
export function remaining(s: Session<QueuedCard>): {
  fresh: number;
  learning: number;
  review: number;
} {
  const all = s.current ? [s.current, ...s.pending] : s.pending;
  let fresh = 0;
  let review = 0;
  // A learning card skipped waits among the pending ones: it still counts as learning.
  let learning = s.learning.length;
  for (const i of all) {
    if (i.srs === null) fresh++;
    else if (i.srs.state === 'Review' || i.flagged) review++;
    else learning++;
  }
  return { fresh, learning, review };
}

/** When the next learning card of this session comes due, epoch ms (null: none left today). */
export function nextLearningDue(s: Session<QueuedCard>): number | null {
  const first = s.learning[0];
  return first ? dueAt(first) : null;
}

/**
 * Cards, not ratings: a card is done once it has left today's session (rated, and no learning
 * step of it left today), and the total stays the cards the session holds, however many steps
 * each takes. Counting ratings, a session of 20 new cards went 0/20 → 20/40 → 46 and hovered
 * near half.
 */
export function progress(s: Session<QueuedCard>): { done: number; total: number } {
  const left = new Set<string>();
  for (const i of s.pending) left.add(i.card.key);
  for (const i of s.learning) left.add(i.card.key);
  if (s.current) left.add(s.current.card.key);
  const done = new Set(s.rated.map((r) => r.key).filter((k) => !left.has(k))).size;
  return { done, total: done + left.size };
}
