/**
 * Today's study queue as a pipeline of small pure steps (as hashcards does):
 * classify → due today → daily limits per deck → bury siblings → order.
 */

import type { Card } from './card.js';
import { byDeckOrder, relatedKey } from './card-order.js';
import { dayStart } from './day.js';
import type { CardProgress, SrsState } from './model.js';
import type { DeckSettings } from './settings.js';

export type QueueItem = {
  readonly card: Card;
  readonly srs: SrsState | null;
  readonly flagged: boolean;
  /** A flagged card's flag: when it was raised and why (`quiz`), for the screen to say. */
  readonly flag?: { readonly at: number; readonly reason?: string };
  readonly settings: DeckSettings;
};

export type Queue = {
  /** Learning/relearning cards due before the day ends, earliest first. */
  readonly learning: readonly QueueItem[];
  /** Review cards due today (and flagged cards), within the reviews/day limit. */
  readonly review: readonly QueueItem[];
  /** New cards within the new/day limit, in deck order. */
  readonly fresh: readonly QueueItem[];
};

export type QueueInput = {
  readonly card: Card;
  readonly progress: CardProgress | undefined;
  readonly settings: DeckSettings;
};

/** `now` in epoch ms; `dayStartsAt` the local hour a study day begins. */
export type Clockwork = { readonly now: number; readonly dayStartsAt: number };

export function toItem(input: QueueInput): QueueItem {
  const srs = input.progress?.srs ?? null;
  const flagAt = input.progress?.flaggedAt;
  const item = { card: input.card, srs, flagged: flagAt !== undefined, settings: input.settings };
  if (flagAt === undefined) return item;
  const reason = input.progress?.flagReason;
  return { ...item, flag: reason === undefined ? { at: flagAt } : { at: flagAt, reason } };
}

const isLearning = (s: SrsState | null): boolean =>
  s !== null && (s.state === 'Learning' || s.state === 'Relearning');

/** A queue item with its times at hand (NaN due for a new card): the sorts compare them. */
type Dated = {
  readonly item: QueueItem;
  /** NaN for a new card. */
  readonly due: number;
  readonly lastReview: number | undefined;
  /** Suspended: never comes up. */
  readonly suspended: boolean;
  /** Buried: not before this time (0: not buried). */
  readonly buriedUntil: number;
};

function dated(input: QueueInput): Dated {
  const item = toItem(input);
  return {
    item,
    due: item.srs?.due ?? Number.NaN,
    lastReview: item.srs?.lastReview,
    suspended: input.progress?.suspended === true,
    buriedUntil: input.progress?.buriedUntil ?? 0,
  };
}

/** Whether the card may come up at `now`: not suspended, not buried past it. */
const inPlay = (d: Dated, now: number): boolean => !d.suspended && !(d.buriedUntil > now);

/** Cards rated for the first time today, and review cards rated today, per deck. */
function doneToday(
  items: readonly Dated[],
  start: number,
): Map<string, { introduced: number; reviewed: number }> {
  const out = new Map<string, { introduced: number; reviewed: number }>();
  for (const { item, lastReview } of items) {
    if (lastReview === undefined || lastReview < start) continue;
    const c = out.get(item.card.deckId) ?? { introduced: 0, reviewed: 0 };
    const first = item.srs?.firstReview;
    if (first !== undefined && first >= start) c.introduced++;
    else c.reviewed++;
    out.set(item.card.deckId, c);
  }
  return out;
}

/** Keep the first `limit(deckId)` items of each deck, in the order given. */
function limitPerDeck(items: readonly Dated[], room: (deckId: string) => number): Dated[] {
  const used = new Map<string, number>();
  return items.filter(({ item: { card } }) => {
    const n = used.get(card.deckId) ?? 0;
    if (n >= room(card.deckId)) return false;
    used.set(card.deckId, n + 1);
    return true;
  });
}

const noteKey = (c: Card) => `${c.deckId}/${c.noteId}`;

/**
 * Siblings (cards from one note: cloze gaps, pairs, a reversed card) are not shown the same
 * day: a note already studied today, or with a card in `shown` (already in today's queue), is
 * buried, and at most one card of any other note is kept. With `relatedKey` for `keyOf`, so
 * are the cards of one `group:` (new cards: reviews due are only kept apart, not delayed).
 */
function burySiblings(
  candidates: readonly Dated[],
  all: readonly Dated[],
  start: number,
  shown: readonly Dated[] = [],
  keyOf: (c: Card) => string = noteKey,
): Dated[] {
  const seen = new Set<string>();
  for (const { item, lastReview } of all) {
    if (lastReview !== undefined && lastReview >= start) seen.add(keyOf(item.card));
  }
  for (const { item } of shown) seen.add(keyOf(item.card));
  return candidates.filter(({ item: { card, flagged } }) => {
    const k = keyOf(card);
    if (seen.has(k) && !flagged) return false;
    seen.add(k);
    return true;
  });
}

const inDeckOrder = (a: Dated, b: Dated): number => byDeckOrder(a.item.card, b.item.card);

const byDue = (a: Dated, b: Dated): number => a.due - b.due || inDeckOrder(a, b);

type DatedQueue = { readonly [K in keyof Queue]: readonly Dated[] } & { readonly held: HeldBack };

/**
 * Cards due today that a daily limit kept out of the queue: reviews over `reviews_per_day`, new
 * cards over `new_per_day` (siblings buried for the day are not counted: no limit held them).
 */
export type HeldBack = { readonly review: number; readonly fresh: number };

/** The queue as buildQueue returns it, its items still dated for nextDue. */
function plan(all: readonly Dated[], clock: Clockwork): DatedQueue {
  const start = dayStart(clock.now, clock.dayStartsAt);
  const end = dayStart(clock.now, clock.dayStartsAt, 1);
  // A card rated today and then suspended or buried still counts against today's limits.
  const done = doneToday(all, start);
  const items = all.filter((d) => inPlay(d, clock.now));
  const settingsOf = new Map(items.map(({ item }) => [item.card.deckId, item.settings]));
  const room = (deckId: string, pick: (s: DeckSettings) => number, used: number) =>
    Math.max(0, pick(settingsOf.get(deckId)!) - used);

  const learning = items.filter((i) => isLearning(i.item.srs) && i.due < end).sort(byDue);

  const dueReviews = items
    .filter(
      ({ item, due }) => (item.srs?.state === 'Review' && due < end) || (item.flagged && item.srs),
    )
    .filter((i) => !isLearning(i.item.srs))
    .sort(byDue);
  const flaggedNew = items.filter((i) => i.item.flagged && i.item.srs === null).sort(inDeckOrder);
  const news = items.filter((i) => i.item.srs === null && !i.item.flagged).sort(inDeckOrder);

  const reviewsDue = burySiblings(dueReviews, all, start);
  const review = limitPerDeck(reviewsDue, (d) =>
    room(d, (s) => s.reviewsPerDay, done.get(d)?.reviewed ?? 0),
  );
  // Siblings of today's reviews are buried before new cards are counted against the limit.
  const newDue = burySiblings(news, all, start, review, relatedKey);
  const newKept = limitPerDeck(newDue, (d) =>
    room(d, (s) => s.newPerDay, done.get(d)?.introduced ?? 0),
  );
  const held = { review: reviewsDue.length - review.length, fresh: newDue.length - newKept.length };
  return { learning, review, fresh: [...flaggedNew, ...newKept], held };
}

const itemsOf = (list: readonly Dated[]): QueueItem[] => list.map((d) => d.item);
const queueOf = (q: DatedQueue): Queue => ({
  learning: itemsOf(q.learning),
  review: itemsOf(q.review),
  fresh: itemsOf(q.fresh),
});

export function buildQueue(inputs: readonly QueueInput[], clock: Clockwork): Queue {
  return queueOf(plan(inputs.map(dated), clock));
}

/**
 * When the next card becomes due: now-ish when something is due already; else the earliest
 * learning step or the start of the study day a review falls on. Null: nothing left.
 */
export function nextDue(inputs: readonly QueueInput[], clock: Clockwork): number | null {
  const all = inputs.map(dated);
  return nextDueOf(all, plan(all, clock), clock);
}

/** Today's queue, `nextDue` and what the limits held back, planned once (status shows them per deck). */
export function queueOutlook(
  inputs: readonly QueueInput[],
  clock: Clockwork,
): { queue: Queue; nextDue: number | null; heldBack: HeldBack } {
  const all = inputs.map(dated);
  const planned = plan(all, clock);
  return {
    queue: queueOf(planned),
    nextDue: nextDueOf(all, planned, clock),
    heldBack: planned.held,
  };
}

function nextDueOf(all: readonly Dated[], queue: DatedQueue, clock: Clockwork): number | null {
  // A running minimum: Math.min(...xs) overflows the stack past ~125k arguments.
  let next = queue.learning[0]?.due ?? Infinity;
  const dueNow = [...queue.review, ...queue.fresh];
  if (dueNow.length > 0) {
    const start = dayStart(clock.now, clock.dayStartsAt);
    for (const { item, due } of dueNow) {
      next = Math.min(next, item.srs ? Math.max(due, start) : start);
    }
  } else {
    const tomorrow = dayStart(clock.now, clock.dayStartsAt, 1);
    let firstLaterReview = Infinity;
    for (const d of all) {
      const { item, due } = d;
      if (d.suspended) continue;
      if (d.buriedUntil > clock.now) {
        // Back when the bury ends, or when it falls due after that.
        next = Math.min(next, item.srs ? Math.max(due, d.buriedUntil) : d.buriedUntil);
      } else if (item.srs?.state === 'Review' && due >= tomorrow) {
        firstLaterReview = Math.min(firstLaterReview, due);
      } else if (isLearning(item.srs)) {
        // A step ends at its own time, even one that runs past the day's rollover.
        next = Math.min(next, due);
      } else if (!item.srs || due < tomorrow) {
        // New beyond today's limit, or a review over the limit or buried.
        next = Math.min(next, tomorrow);
      }
    }
    // The study day never moves back as time goes on, so the earliest review's day is the
    // earliest of their days: one dayStart instead of one per card.
    if (firstLaterReview !== Infinity) {
      next = Math.min(next, dayStart(firstLaterReview, clock.dayStartsAt));
    }
  }
  return next === Infinity ? null : next;
}
