/** What is due per deck: the numbers `recall status` prints and the home screen shows. */
import { formatDaysAway } from '../core/days-away.js';
import {
  type Clockwork,
  type QueuedCard,
  type HeldBack as QueueHeldBack,
  type QueueInput,
  queueOutlook,
} from '../core/queue.js';
import type { ExamOutlook } from '../core/recall.js';
import type { DeckSettings } from '../core/settings.js';
import { counted } from '../text/plural.js';
import type { Collection } from './collection.js';
import { taggedWith } from './selection.js';

/**
 * What the due counts read: a collection, or the queue cache (app/queue-cache.ts), which holds
 * only what the queue rules read and answers through the same rules.
 */
export type StatusSource = {
  readonly decks: readonly { readonly id: string; readonly name: string }[];
  readonly dayStartsAt: number;
  /** With `today`, only what the day's outlook reads (core/queue.ts `outlookInputs`). */
  inputs(deckIds: ReadonlySet<string>, today?: Clockwork): readonly QueueInput<QueuedCard>[];
  settingsFor(deckId: string): DeckSettings;
  examOutlook(deckId: string, now: number): ExamOutlook | null;
};

export type DeckStatus = {
  readonly id: string;
  readonly name: string;
  readonly new: number;
  readonly learning: number;
  readonly review: number;
  readonly total: number;
  /** Epoch ms; null: nothing scheduled. */
  readonly nextDue: number | null;
  /** With an exam date: days to it and the recall predicted on the day. */
  readonly exam: DeckExam | null;
  /** Cards due today that the deck's daily limits kept out (null: none). */
  readonly heldBack: HeldBack | null;
};

/** What a deck's daily limits held back today, with the limits that did it. */
export type HeldBack = {
  readonly review: number;
  readonly new: number;
  readonly reviewsPerDay: number;
  readonly newPerDay: number;
};

export type DeckExam = {
  readonly date: string;
  readonly daysToExam: number;
  /** Mean FSRS retrievability on exam day, new cards counting 0. */
  readonly predictedRecall: number;
  readonly belowRetention: number;
  readonly retention: number;
};

export type Status = { readonly decks: readonly DeckStatus[]; readonly nextDue: number | null };

export function collectionStatus(collection: StatusSource, now: number): Status {
  const clock = { now, dayStartsAt: collection.dayStartsAt };
  const decks = collection.decks.map((deck): DeckStatus => {
    const outlook = queueOutlook(collection.inputs(new Set([deck.id]), clock), clock);
    const { queue: q, nextDue, heldBack: held } = outlook;
    const counts = { new: q.fresh.length, learning: q.learning.length, review: q.review.length };
    return {
      id: deck.id,
      name: deck.name,
      ...counts,
      total: counts.new + counts.learning + counts.review,
      nextDue,
      exam: deckExam(collection, deck.id, now),
      heldBack: withLimits(collection, deck.id, held),
    };
  });
  const times = decks.flatMap((d) => (d.nextDue === null ? [] : [d.nextDue]));
  return { decks, nextDue: times.length ? Math.min(...times) : null };
}

/** What the limits of `deckId` held back (`held`, from its queue), with those limits. */
function withLimits(
  collection: StatusSource,
  deckId: string,
  held: QueueHeldBack,
): HeldBack | null {
  if (held.review + held.fresh === 0) return null;
  const { reviewsPerDay, newPerDay } = collection.settingsFor(deckId);
  return { review: held.review, new: held.fresh, reviewsPerDay, newPerDay };
}

/**
 * What the daily limits hold back now across the decks `deckIds` (all: undefined), as lines;
 * with `tags`, of the cards with one of them (a session limited to a tag queued only those).
 */
export function heldBackNow(
  collection: Collection,
  deckIds: ReadonlySet<string> | undefined,
  now: number,
  tags: readonly string[] = [],
): string[] {
  const clock = { now, dayStartsAt: collection.dayStartsAt };
  const decks = collection.decks.filter((d) => !deckIds || deckIds.has(d.id));
  const tagged = taggedWith(tags);
  return heldBackLines(
    decks.map((d) => {
      const inputs = collection.inputs(new Set([d.id])).filter((i) => tagged(i.card));
      return withLimits(collection, d.id, queueOutlook(inputs, clock).heldBack);
    }),
  );
}

export function deckExam(collection: StatusSource, deckId: string, now: number): DeckExam | null {
  const o = collection.examOutlook(deckId, now);
  if (!o) return null;
  const { exam: date, daysToExam, predictedRecall, belowRetention } = o;
  const retention = collection.settingsFor(deckId).retention;
  return { date, daysToExam, predictedRecall, belowRetention, retention };
}

/**
 * `exam 2026-12-15 in 16 days · predicted recall 72% · 12 cards below 90%`; the day after,
 * `exam 2026-12-15 has passed`; after that nothing (null): a recall predicted for a day gone
 * by says nothing, and printing it every day after reads as if the exam were still ahead.
 */
export function examLine(e: DeckExam): string | null {
  if (e.daysToExam === -1) return `exam ${e.date} has passed`;
  if (e.daysToExam < -1) return null;
  const when = formatDaysAway(e.daysToExam);
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return `exam ${e.date} ${when} · predicted recall ${pct(e.predictedRecall)} · ${counted(e.belowRetention, 'card')} below ${pct(e.retention)}`;
}

/**
 * `20 more due, held back by reviews_per_day: 200` (and `5 more new, held back by new_per_day:
 * 20`), summed over `held`; the limit is named with its value when every deck has the same one.
 * Empty when nothing was held back: a count that looks like all there is, when it is not, is
 * what makes a user wonder where their cards went.
 */
export function heldBackLines(held: readonly (HeldBack | null)[]): string[] {
  const all = held.filter((h): h is HeldBack => h !== null);
  const line = (count: (h: HeldBack) => number, limit: (h: HeldBack) => number, what: string) => {
    const some = all.filter((h) => count(h) > 0);
    const n = some.reduce((sum, h) => sum + count(h), 0);
    if (n === 0) return [];
    const limits = new Set(some.map(limit));
    const name = what === 'due' ? 'reviews_per_day' : 'new_per_day';
    const by = limits.size === 1 ? `${name}: ${[...limits][0]}` : `${name} per deck`;
    return [`${n.toLocaleString('en-US')} more ${what}, held back by ${by}`];
  };
  return [
    ...line(
      (h) => h.review,
      (h) => h.reviewsPerDay,
      'due',
    ),
    ...line(
      (h) => h.new,
      (h) => h.newPerDay,
      'new',
    ),
  ];
}
