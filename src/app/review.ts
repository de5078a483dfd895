/** Starting a review session over some decks, and summing it up when it ends. */
import { dayStart } from '../core/day.js';
import { buildQueue, type CustomStudy, nextDue } from '../core/queue.js';
import { type Session, startSession } from '../core/review-session.js';
import type { Collection } from './collection.js';
import { taggedWith } from './selection.js';
import { deckExam, examLine } from './status.js';

/** Custom study (`recall review --tag/--ahead/--new`): nothing of it outlives the session. */
export type ReviewRequest = {
  /** Only cards with one of these tags. */
  readonly tags?: readonly string[];
  readonly study?: CustomStudy;
};

export function startReview(
  collection: Collection,
  deckIds: ReadonlySet<string> | undefined,
  now: number,
  req: ReviewRequest = {},
): Session {
  const clock = { now, dayStartsAt: collection.dayStartsAt };
  const tagged = taggedWith(req.tags ?? []);
  const inputs = collection.inputs(deckIds).filter((i) => tagged(i.card));
  const queue = buildQueue(inputs, clock, {
    curveOf: (d) => collection.schedulerFor(d),
    ...(req.study ? { study: req.study } : {}),
  });
  return startSession(queue, now, dayStart(now, clock.dayStartsAt, 1));
}

/** When the next card of these decks is due (epoch ms), after the session's ratings. */
export function nextDueAfter(
  collection: Collection,
  deckIds: ReadonlySet<string> | undefined,
  now: number,
): number | null {
  collection.store.refresh();
  return nextDue(collection.inputs(deckIds), { now, dayStartsAt: collection.dayStartsAt });
}

export function reviewTitle(
  collection: Collection,
  deckIds: ReadonlySet<string> | undefined,
): string {
  if (!deckIds) return collection.decks.length === 1 ? collection.decks[0]!.name : 'All decks';
  const names = collection.decks.filter((d) => deckIds.has(d.id)).map((d) => d.name);
  return names.length === 1 ? names[0]! : `${names.length} decks`;
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
