/** Starting a review session over some decks, and summing it up when it ends. */
import { dayStart } from '../core/day.js';
import {
  buildQueue,
  type Clockwork,
  type CustomStudy,
  nextDue,
  type Queue,
  type QueuedCard,
  type QueueInput,
} from '../core/queue.js';
import type { ForgettingCurve } from '../core/recall.js';
import { type Session, sessionStart, startSession } from '../core/review-session.js';
import { counted } from '../text/plural.js';
import type { Collection } from './collection.js';
import { taggedWith } from './selection.js';
import { deckExam, examLine } from './status.js';

/** Custom study (`recall review --tag/--ahead/--new`): nothing of it outlives the session. */
export type ReviewRequest = {
  /** Only cards with one of these tags. */
  readonly tags?: readonly string[];
  readonly study?: CustomStudy;
};

/** What a review's queue is built from: the collection, or the queue cache before it is open. */
export type ReviewSource<C extends QueuedCard> = {
  readonly dayStartsAt: number;
  /**
   * The cards of these decks (all: undefined), in deck order; with `today`, only those today's
   * plan reads (core/queue.ts `outlookInputs`: reviews due after today, but the earliest, left
   * out).
   */
  inputs(deckIds: ReadonlySet<string> | undefined, today?: Clockwork): readonly QueueInput<C>[];
  schedulerFor(deckId: string): ForgettingCurve;
};

/** The cards of the decks `deckIds` a review with `req` works on: those with its tags. */
function studied<C extends QueuedCard>(
  source: Pick<ReviewSource<C>, 'inputs'>,
  deckIds: ReadonlySet<string> | undefined,
  req: ReviewRequest,
  today?: Clockwork,
) {
  const tagged = taggedWith(req.tags ?? []);
  return source.inputs(deckIds, today).filter((i) => tagged(i.card));
}

/**
 * The queue of a review of `deckIds` with `req`, now; `fewer`: from only the cards today's plan
 * reads when that gives the same queue (no custom study: reviews ahead read the cards due later).
 */
function reviewQueue<C extends QueuedCard>(
  source: ReviewSource<C>,
  deckIds: ReadonlySet<string> | undefined,
  now: number,
  req: ReviewRequest,
  fewer = false,
): Queue<C> {
  const clock = { now, dayStartsAt: source.dayStartsAt };
  const inputs = studied(source, deckIds, req, fewer && !req.study ? clock : undefined);
  return buildQueue(inputs, clock, {
    curveOf: (d) => source.schedulerFor(d),
    ...(req.study ? { study: req.study } : {}),
  });
}

export function startReview(
  collection: Collection,
  deckIds: ReadonlySet<string> | undefined,
  now: number,
  req: ReviewRequest = {},
): Session {
  const queue = reviewQueue(collection, deckIds, now, req);
  return startSession(queue, now, dayStart(now, collection.dayStartsAt, 1));
}

/**
 * The review's first card and the cards it holds besides, as `startReview` would start it, from
 * any source of the queue's inputs (the queue cache: no card text; `sessionStart`).
 */
export function reviewStart<C extends QueuedCard>(
  source: ReviewSource<C>,
  deckIds: ReadonlySet<string> | undefined,
  now: number,
  req: ReviewRequest = {},
): Session<C> {
  // Objects made only for the cards of today's plan: at 100k cards most are not.
  const queue = reviewQueue(source, deckIds, now, req, true);
  return sessionStart(queue, now, dayStart(now, source.dayStartsAt, 1));
}

/**
 * When the next card the session studied is due (epoch ms), after its ratings: of these decks,
 * with its tags (a card of another tag is not the session's to come back to).
 */
export function nextDueAfter(
  collection: Collection,
  deckIds: ReadonlySet<string> | undefined,
  now: number,
  req: ReviewRequest = {},
): number | null {
  collection.store.refresh();
  const inputs = studied(collection, deckIds, req);
  return nextDue(inputs, { now, dayStartsAt: collection.dayStartsAt });
}

/** The decks reviewed, then what custom study changed: `Spanish · ahead 3 days · tag api`. */
export function reviewTitle(
  collection: { readonly decks: readonly { readonly id: string; readonly name: string }[] },
  deckIds: ReadonlySet<string> | undefined,
  req: ReviewRequest = {},
): string {
  const names = collection.decks.filter((d) => !deckIds || deckIds.has(d.id)).map((d) => d.name);
  const decks = names.length === 1 ? names[0]! : deckIds ? `${names.length} decks` : 'All decks';
  const { aheadDays, extraNew } = req.study ?? {};
  const tags = req.tags ?? [];
  return [
    decks,
    ...(aheadDays === undefined ? [] : [`ahead ${counted(aheadDays, 'day')}`]),
    ...(extraNew === undefined ? [] : [`${extraNew} more new`]),
    ...(tags.length === 0 ? [] : [`${tags.length === 1 ? 'tag' : 'tags'} ${tags.join(', ')}`]),
  ].join(' · ');
}

/** One line per deck of the selection that has an exam date (for the session summary). */
export function examLines(
  collection: Collection,
  deckIds: ReadonlySet<string> | undefined,
  now: number,
): string[] {
  const decks = collection.decks.filter((d) => !deckIds || deckIds.has(d.id));
  return decks.flatMap((d) => {
    const e = deckExam(collection, d.id, now);
    const line = e && examLine(e);
    return line ? [`${decks.length > 1 ? `${d.name}: ` : ''}${line}`] : [];
  });
}
