/** Starting a review session over some decks, and summing it up when it ends. */
import { dayStart } from '../core/day.js';
import { buildQueue, type CustomStudy, nextDue } from '../core/queue.js';
import { type Session, startSession } from '../core/review-session.js';
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

/** The cards of the decks `deckIds` a review with `req` works on: those with its tags. */
function studied(
  collection: Collection,
  deckIds: ReadonlySet<string> | undefined,
  req: ReviewRequest,
) {
  const tagged = taggedWith(req.tags ?? []);
  return collection.inputs(deckIds).filter((i) => tagged(i.card));
}

export function startReview(
  collection: Collection,
  deckIds: ReadonlySet<string> | undefined,
  now: number,
  req: ReviewRequest = {},
): Session {
  const clock = { now, dayStartsAt: collection.dayStartsAt };
  const inputs = studied(collection, deckIds, req);
  const queue = buildQueue(inputs, clock, {
    curveOf: (d) => collection.schedulerFor(d),
    ...(req.study ? { study: req.study } : {}),
  });
  return startSession(queue, now, dayStart(now, clock.dayStartsAt, 1));
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
  return nextDue(studied(collection, deckIds, req), { now, dayStartsAt: collection.dayStartsAt });
}

/** The decks reviewed, then what custom study changed: `Spanish · ahead 3 days · tag api`. */
export function reviewTitle(
  collection: Collection,
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
