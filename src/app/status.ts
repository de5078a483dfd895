/** What is due per deck: the numbers `recall status` prints and the home screen shows. */
import { formatDaysAway } from '../core/days-away.js';
import { queueOutlook } from '../core/queue.js';
import { counted } from '../text/plural.js';
import type { Collection } from './collection.js';

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

export function collectionStatus(collection: Collection, now: number): Status {
  const clock = { now, dayStartsAt: collection.dayStartsAt };
  const decks = collection.decks.map((deck): DeckStatus => {
    const { queue: q, nextDue } = queueOutlook(collection.inputs(new Set([deck.id])), clock);
    const counts = { new: q.fresh.length, learning: q.learning.length, review: q.review.length };
    return {
      id: deck.id,
      name: deck.name,
      ...counts,
      total: counts.new + counts.learning + counts.review,
      nextDue,
      exam: deckExam(collection, deck.id, now),
    };
  });
  const times = decks.flatMap((d) => (d.nextDue === null ? [] : [d.nextDue]));
  return { decks, nextDue: times.length ? Math.min(...times) : null };
}

export function deckExam(collection: Collection, deckId: string, now: number): DeckExam | null {
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
