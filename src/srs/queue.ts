/**
 * Today's study queue as a pipeline of small pure steps (as hashcards does):
 * classify → due today → daily limits per deck → bury siblings → order.
 */
import type { Card } from '../deck/model.js';
import { byDeckOrder } from '../deck/order.js';
import type { CardProgress, SrsState } from '../store/model.js';
import { dayStart, nextDayStart } from './day.js';
import type { DeckSettings } from './settings.js';

export type QueueItem = {
  readonly card: Card;
  readonly srs: SrsState | null;
  readonly flagged: boolean;
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

export type Clockwork = { readonly now: Date; readonly dayStartsAt: number };

export function toItem(input: QueueInput): QueueItem {
  const srs = input.progress?.srs ?? null;
  const flagAt = input.progress?.flaggedAt;
  return { card: input.card, srs, flagged: flagAt !== undefined, settings: input.settings };
}

const isLearning = (s: SrsState | null): boolean =>
  s !== null && (s.state === 'Learning' || s.state === 'Relearning');

const time = (iso: string): number => Date.parse(iso);

/** Cards rated for the first time today, and review cards rated today, per deck. */
export function doneToday(
  items: readonly QueueItem[],
  clock: Clockwork,
): Map<string, { introduced: number; reviewed: number }> {
  const start = dayStart(clock.now, clock.dayStartsAt).getTime();
  const out = new Map<string, { introduced: number; reviewed: number }>();
  for (const { card, srs } of items) {
    if (srs?.lastReview === undefined || time(srs.lastReview) < start) continue;
    const c = out.get(card.deckId) ?? { introduced: 0, reviewed: 0 };
    if (srs.firstReview !== undefined && time(srs.firstReview) >= start) c.introduced++;
    else c.reviewed++;
    out.set(card.deckId, c);
  }
  return out;
}

/** Keep the first `limit(deckId)` items of each deck, in the order given. */
function limitPerDeck(items: readonly QueueItem[], room: (deckId: string) => number): QueueItem[] {
  const used = new Map<string, number>();
  return items.filter(({ card }) => {
    const n = used.get(card.deckId) ?? 0;
    if (n >= room(card.deckId)) return false;
    used.set(card.deckId, n + 1);
    return true;
  });
}

/**
 * Siblings (cards from one note: cloze gaps, pairs, a reversed card) are not shown the same
 * day: a note already studied today is buried, and at most one card of any other note is kept.
 */
function burySiblings(
  candidates: readonly QueueItem[],
  all: readonly QueueItem[],
  clock: Clockwork,
): QueueItem[] {
  const start = dayStart(clock.now, clock.dayStartsAt).getTime();
  const noteKey = (c: Card) => `${c.deckId}/${c.noteId}`;
  const seen = new Set<string>();
  for (const { card, srs } of all) {
    if (srs?.lastReview !== undefined && time(srs.lastReview) >= start) seen.add(noteKey(card));
  }
  return candidates.filter(({ card, flagged }) => {
    const k = noteKey(card);
    if (seen.has(k) && !flagged) return false;
    seen.add(k);
    return true;
  });
}

const inDeckOrder = (a: QueueItem, b: QueueItem): number => byDeckOrder(a.card, b.card);

const byDue = (a: QueueItem, b: QueueItem): number =>
  time(a.srs?.due ?? '') - time(b.srs?.due ?? '') || inDeckOrder(a, b);

export function buildQueue(inputs: readonly QueueInput[], clock: Clockwork): Queue {
  const items = inputs.map(toItem);
  const end = nextDayStart(clock.now, clock.dayStartsAt).getTime();
  const done = doneToday(items, clock);
  const settingsOf = new Map(items.map((i) => [i.card.deckId, i.settings]));
  const room = (deckId: string, pick: (s: DeckSettings) => number, used: number) =>
    Math.max(0, pick(settingsOf.get(deckId)!) - used);

  const learning = items.filter((i) => isLearning(i.srs) && time(i.srs!.due) < end).sort(byDue);

  const dueReviews = items
    .filter((i) => (i.srs?.state === 'Review' && time(i.srs.due) < end) || (i.flagged && i.srs))
    .filter((i) => !isLearning(i.srs))
    .sort(byDue);
  const flaggedNew = items.filter((i) => i.flagged && i.srs === null).sort(inDeckOrder);
  const news = items.filter((i) => i.srs === null && !i.flagged).sort(inDeckOrder);

  const review = limitPerDeck(burySiblings(dueReviews, items, clock), (d) =>
    room(d, (s) => s.reviewsPerDay, done.get(d)?.reviewed ?? 0),
  );
  // Siblings of today's reviews are buried before new cards are counted against the limit.
  const afterReviews = [...items.filter((i) => i.srs?.lastReview), ...review];
  const fresh = [
    ...flaggedNew,
    ...limitPerDeck(burySiblings(news, afterReviews, clock), (d) =>
      room(d, (s) => s.newPerDay, done.get(d)?.introduced ?? 0),
    ),
  ];
  return { learning, review, fresh };
}

/**
 * When the next card becomes due: now-ish when something is due already; else the earliest
 * intraday learning step or the start of the study day a review falls on. Null: nothing left.
 */
export function nextDue(inputs: readonly QueueInput[], clock: Clockwork): Date | null {
  const queue = buildQueue(inputs, clock);
  const candidates: number[] = [];
  const first = queue.learning[0]?.srs?.due;
  if (first) candidates.push(time(first));
  const dueNow = [...queue.review, ...queue.fresh];
  if (dueNow.length > 0) {
    const start = dayStart(clock.now, clock.dayStartsAt).getTime();
    candidates.push(
      Math.min(...dueNow.map((i) => (i.srs ? Math.max(time(i.srs.due), start) : start))),
    );
  } else {
    const tomorrow = nextDayStart(clock.now, clock.dayStartsAt);
    for (const { progress } of inputs) {
      const srs = progress?.srs;
      if (srs && srs.state === 'Review' && time(srs.due) >= tomorrow.getTime()) {
        candidates.push(dayStart(new Date(srs.due), clock.dayStartsAt).getTime());
      } else if (!srs || time(srs.due) < tomorrow.getTime()) {
        // New beyond today's limit, buried siblings, or learning due tomorrow.
        candidates.push(isLearning(srs ?? null) ? time(srs!.due) : tomorrow.getTime());
      }
    }
  }
  return candidates.length ? new Date(Math.min(...candidates)) : null;
}
