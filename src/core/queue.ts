/**
 * Today's study queue as a pipeline of small pure steps (as hashcards does):
 * classify → due today → order (each deck's `new_order`, `review_order`) → bury siblings →
 * daily limits per deck. Ordering comes before the limits: it decides which cards a limit keeps.
 */

import type { Card } from './card.js';
import { byDeckOrder, relatedKey } from './card-order.js';
import { dayStart } from './day.js';
import { interleave } from './interleave.js';
import type { CardProgress, SrsState } from './model.js';
import { type ForgettingCurve, recallAt } from './recall.js';
import type { DeckSettings, NewOrder, ReviewOrder } from './settings.js';
import { hashString } from './shuffle.js';

/**
 * What of a card the queue rules read: its key, deck, note, group, tags and place in the file.
 * `recall status` answers from a cache holding only these (app/queue-cache.ts).
 */
export type QueuedCard = Pick<Card, 'key' | 'deckId' | 'noteId' | 'group' | 'tags' | 'order'>;

export type QueueItem<C extends QueuedCard = Card> = {
  readonly card: C;
  readonly srs: SrsState | null;
  readonly flagged: boolean;
  /** A flagged card's flag: when it was raised and why (`quiz`), for the screen to say. */
  readonly flag?: { readonly at: number; readonly reason?: string };
  readonly settings: DeckSettings;
};

export type Queue<C extends QueuedCard = Card> = {
  /** Learning/relearning cards due before the day ends, earliest first. */
  readonly learning: readonly QueueItem<C>[];
  /**
   * Review cards due today (and flagged cards), within the reviews/day limit, in each deck's
   * review order; then any reviews ahead (custom study).
   */
  readonly review: readonly QueueItem<C>[];
  /** Flagged new cards, then new cards within the new/day limit, in each deck's new order. */
  readonly fresh: readonly QueueItem<C>[];
};

export type QueueInput<C extends QueuedCard = Card> = {
  readonly card: C;
  readonly progress: CardProgress | undefined;
  readonly settings: DeckSettings;
};

/** `now` in epoch ms; `dayStartsAt` the local hour a study day begins. */
export type Clockwork = { readonly now: number; readonly dayStartsAt: number };

/**
 * Custom study (`recall review --ahead/--new`): more than today's schedule gives, for one
 * session. Nothing of it is stored: the limits of later sessions count what was studied.
 */
export type CustomStudy = {
  /** Also the reviews due in the next `aheadDays` study days, beyond the reviews/day limit. */
  readonly aheadDays?: number;
  /** New cards each deck may introduce beyond what its new/day limit leaves today. */
  readonly extraNew?: number;
};

export type QueueOptions = {
  readonly study?: CustomStudy;
  /**
   * Each deck's forgetting curve, for the `weakest` review order. Counts and `nextDue` do not
   * depend on the order, so they go without: reviews then stay in due order.
   */
  readonly curveOf?: (deckId: string) => ForgettingCurve;
};

export function toItem<C extends QueuedCard>(input: QueueInput<C>): QueueItem<C> {
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
type Dated<C extends QueuedCard = QueuedCard> = {
  readonly item: QueueItem<C>;
  /** NaN for a new card. */
  readonly due: number;
  readonly lastReview: number | undefined;
  /** Suspended: never comes up. */
  readonly suspended: boolean;
  /** Buried: not before this time (0: not buried). */
  readonly buriedUntil: number;
};

function dated<C extends QueuedCard>(input: QueueInput<C>): Dated<C> {
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
function limitPerDeck<D extends Dated>(items: readonly D[], room: (deckId: string) => number): D[] {
  const used = new Map<string, number>();
  return items.filter(({ item: { card } }) => {
    const n = used.get(card.deckId) ?? 0;
    if (n >= room(card.deckId)) return false;
    used.set(card.deckId, n + 1);
    return true;
  });
}

const noteKey = (c: QueuedCard) => `${c.deckId}/${c.noteId}`;

/**
 * Siblings (cards from one note: cloze gaps, pairs, a reversed card) are not shown the same
 * day: a note already studied today, or with a card in `shown` (already in today's queue), is
 * buried, and at most one card of any other note is kept. With `relatedKey` for `keyOf`, so
 * are the cards of one `group:` (new cards: reviews due are only kept apart, not delayed).
 */
function burySiblings<D extends Dated>(
  candidates: readonly D[],
  all: readonly Dated[],
  start: number,
  shown: readonly Dated[] = [],
  keyOf: (c: QueuedCard) => string = noteKey,
): D[] {
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

/**
 * A card's place in a random order: a hash of the study day and its key, so the order is the
 * same all day (quit and come back: the cards left keep their order) and new the next day.
 */
const randomRank = (d: Dated, day: number): number => hashString(`${day}/${d.item.card.key}`);

/** `items` sorted by `rank` (ties in file order): the rank computed once per item. */
function ranked<D extends Dated>(items: readonly D[], rank: (d: D) => number): D[] {
  const r = new Map(items.map((d) => [d, rank(d)]));
  return [...items].sort((a, b) => r.get(a)! - r.get(b)! || inDeckOrder(a, b));
}

/**
 * Items in the order each one's deck asks for (`orderOf`). Decks asking for one order are
 * ordered together (as every deck used to be, by due date); the lists of different orders are
 * spread evenly through each other.
 */
function byDeckSetting<D extends Dated, O extends string>(
  items: readonly D[],
  orderOf: (s: DeckSettings) => O,
  sorted: (items: readonly D[], order: O) => D[],
): D[] {
  const parts = new Map<O, D[]>();
  for (const d of items) {
    const o = orderOf(d.item.settings);
    const part = parts.get(o);
    if (part) part.push(d);
    else parts.set(o, [d]);
  }
  return [...parts].map(([o, part]) => sorted(part, o)).reduce<D[]>(interleave, []);
}

function orderReviews<D extends Dated>(
  items: readonly D[],
  order: ReviewOrder,
  day: number,
  now: number,
  curveOf: QueueOptions['curveOf'],
): D[] {
  if (order === 'random') return ranked(items, (d) => randomRank(d, day));
  if (order === 'weakest' && curveOf) {
    return ranked(items, (d) => recallAt(d.item.srs, now, curveOf(d.item.card.deckId)));
  }
  return [...items].sort(byDue);
}

/** The tags a card is about, the turn it takes in the `interleaved` order. */
const topicOf = (d: Dated): string =>
  `${d.item.card.deckId}/${[...d.item.card.tags].sort().join(',')}`;

function orderNew<D extends Dated>(items: readonly D[], order: NewOrder, day: number): D[] {
  const inFileOrder = [...items].sort(inDeckOrder);
  if (order === 'random') return ranked(items, (d) => randomRank(d, day));
  if (order === 'file') return inFileOrder;
  // One card of each topic in turn, each topic in file order: a day's new cards span the
  // topics instead of teaching one of them card after card.
  const topics = new Map<string, D[]>();
  for (const d of inFileOrder) {
    const list = topics.get(topicOf(d));
    if (list) list.push(d);
    else topics.set(topicOf(d), [d]);
  }
  const lists = [...topics.values()];
  const out: D[] = [];
  for (let turn = 0; out.length < inFileOrder.length; turn++) {
    for (const list of lists) if (turn < list.length) out.push(list[turn]!);
  }
  return out;
}

type DatedQueue<C extends QueuedCard> = { readonly [K in keyof Queue]: readonly Dated<C>[] } & {
  readonly held: HeldBack;
};

/**
 * Cards due today that a daily limit kept out of the queue: reviews over `reviews_per_day`, new
 * cards over `new_per_day` (siblings buried for the day are not counted: no limit held them).
 */
export type HeldBack = { readonly review: number; readonly fresh: number };

/** The queue as buildQueue returns it, its items still dated for nextDue. */
function plan<C extends QueuedCard>(
  all: readonly Dated<C>[],
  clock: Clockwork,
  opts: QueueOptions = {},
): DatedQueue<C> {
  const start = dayStart(clock.now, clock.dayStartsAt);
  const end = dayStart(clock.now, clock.dayStartsAt, 1);
  const aheadEnd = dayStart(clock.now, clock.dayStartsAt, 1 + (opts.study?.aheadDays ?? 0));
  const extraNew = opts.study?.extraNew ?? 0;
  // A card rated today and then suspended or buried still counts against today's limits.
  const done = doneToday(all, start);
  const items = all.filter((d) => inPlay(d, clock.now));
  const settingsOf = new Map(items.map(({ item }) => [item.card.deckId, item.settings]));
  const room = (deckId: string, pick: (s: DeckSettings) => number, used: number) =>
    Math.max(0, pick(settingsOf.get(deckId)!) - used);

  const learning = items.filter((i) => isLearning(i.item.srs) && i.due < end).sort(byDue);

  const reviewsIn = (picked: (d: Dated<C>) => boolean) =>
    byDeckSetting(
      items.filter((d) => !isLearning(d.item.srs) && picked(d)),
      (s) => s.reviewOrder,
      (part, order) => orderReviews(part, order, start, clock.now, opts.curveOf),
    );
  const isDueToday = ({ item, due }: Dated<C>) =>
    (item.srs?.state === 'Review' && due < end) || (item.flagged && item.srs !== null);
  const dueReviews = reviewsIn(isDueToday);
  const ahead =
    aheadEnd > end
      ? reviewsIn((d) => !isDueToday(d) && d.item.srs?.state === 'Review' && d.due < aheadEnd)
      : [];
  const flaggedNew = items.filter((i) => i.item.flagged && i.item.srs === null).sort(inDeckOrder);
  const news = byDeckSetting(
    items.filter((i) => i.item.srs === null && !i.item.flagged),
    (s) => s.newOrder,
    (part, order) => orderNew(part, order, start),
  );

  const reviewsDue = burySiblings(dueReviews, all, start);
  const todays = limitPerDeck(reviewsDue, (d) =>
    room(d, (s) => s.reviewsPerDay, done.get(d)?.reviewed ?? 0),
  );
  // Reviews ahead are what the user asked for beyond the schedule: no limit holds them back.
  const review = [...todays, ...burySiblings(ahead, all, start, todays)];
  // Siblings of today's reviews are buried before new cards are counted against the limit.
  const newDue = burySiblings(news, all, start, review, relatedKey);
  const newKept = limitPerDeck(
    newDue,
    (d) => room(d, (s) => s.newPerDay, done.get(d)?.introduced ?? 0) + extraNew,
  );
  const held = { review: reviewsDue.length - todays.length, fresh: newDue.length - newKept.length };
  return { learning, review, fresh: [...flaggedNew, ...newKept], held };
}

const itemsOf = <C extends QueuedCard>(list: readonly Dated<C>[]): QueueItem<C>[] =>
  list.map((d) => d.item);
const queueOf = <C extends QueuedCard>(q: DatedQueue<C>): Queue<C> => ({
  learning: itemsOf(q.learning),
  review: itemsOf(q.review),
  fresh: itemsOf(q.fresh),
});

export function buildQueue<C extends QueuedCard>(
  inputs: readonly QueueInput<C>[],
  clock: Clockwork,
  opts: QueueOptions = {},
): Queue<C> {
  return queueOf(plan(inputs.map(dated), clock, opts));
}

/**
 * When the next card becomes due: now-ish when something is due already; else the earliest
 * learning step or the start of the study day a review falls on. Null: nothing left.
 */
export function nextDue(inputs: readonly QueueInput[], clock: Clockwork): number | null {
  const all = inputs.map(dated);
  return nextDueOf(all, plan(all, clock), clock);
}

/** What `idleToday` reads of a card: its state (null: new), due, last review, flag, suspension, bury. */
export type IdleFields = {
  readonly state: SrsState['state'] | null;
  readonly due: number;
  readonly lastReview: number | undefined;
  readonly flagged: boolean;
  readonly suspended: boolean;
  /** 0: not buried. */
  readonly buriedUntil: number;
};

/**
 * Whether a card plays no part in today's plan: a review due after today, not rated today, not
 * flagged, suspended or buried. It is in no list and no count, and `queueOutlook` reads such
 * cards only for the earliest of their due dates (its `nextDue` once nothing is left today):
 * given every other card and just the earliest-due of them, it answers the same. At 100k cards
 * most cards are such; status leaves them out. The day's bounds are worked out once.
 */
function idleToday(clock: Clockwork): (c: IdleFields) => boolean {
  const start = dayStart(clock.now, clock.dayStartsAt);
  const end = dayStart(clock.now, clock.dayStartsAt, 1);
  return (c) =>
    c.state === 'Review' &&
    c.due >= end &&
    !(c.lastReview !== undefined && c.lastReview >= start) &&
    !c.flagged &&
    !c.suspended &&
    !(c.buriedUntil > clock.now);
}

/**
 * The inputs `queueOutlook` needs of `count` cards: each one made (`make`) but the idle ones
 * (`fields` says what they are), of which only the earliest-due. Cards are made only when kept,
 * so a caller holding them as columns makes objects for what today's plan reads. Appended to
 * `out` (a spread of 100k arguments would overflow the stack).
 */
export function outlookInputs<T>(
  count: number,
  fields: (i: number) => IdleFields,
  make: (i: number) => T,
  clock: Clockwork,
  out: T[] = [],
): T[] {
  const idle = idleToday(clock);
  let earliest = -1;
  let earliestDue = Infinity;
  for (let i = 0; i < count; i++) {
    const f = fields(i);
    if (!idle(f)) out.push(make(i));
    else if (f.due < earliestDue) {
      earliest = i;
      earliestDue = f.due;
    }
  }
  if (earliest !== -1) out.push(make(earliest));
  return out;
}

/** What `outlookInputs` reads of a card's progress (none: a new card). */
export function idleFields(progress: CardProgress | undefined): IdleFields {
  const srs = progress?.srs ?? null;
  return {
    state: srs?.state ?? null,
    due: srs?.due ?? Number.NaN,
    lastReview: srs?.lastReview,
    flagged: progress?.flaggedAt !== undefined,
    suspended: progress?.suspended === true,
    buriedUntil: progress?.buriedUntil ?? 0,
  };
}

/** Today's queue, `nextDue` and what the limits held back, planned once (status shows them per deck). */
export function queueOutlook<C extends QueuedCard>(
  inputs: readonly QueueInput<C>[],
  clock: Clockwork,
): { queue: Queue<C>; nextDue: number | null; heldBack: HeldBack } {
  const all = inputs.map(dated);
  const planned = plan(all, clock);
  return {
    queue: queueOf(planned),
    nextDue: nextDueOf(all, planned, clock),
    heldBack: planned.held,
  };
}

function nextDueOf<C extends QueuedCard>(
  all: readonly Dated<C>[],
  queue: DatedQueue<C>,
  clock: Clockwork,
): number | null {
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
