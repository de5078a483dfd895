/**
 * Turns a rating into a durable log entry. The card's state is re-read from the store first, so
 * a rating given while another session rated the same card builds on that session's result.
 */
import type { Scheduler } from '../srs/scheduler.js';
import { newEntryId } from '../store/ids.js';
import type { Rating, ReviewEntry, SrsState } from '../store/model.js';
import type { ProgressStore } from '../store/progress.js';

export type Recorded = { readonly next: SrsState; readonly entryId: string };

export class Recorder {
  readonly #store: ProgressStore;
  readonly #schedulerFor: (deckId: string) => Scheduler;

  constructor(store: ProgressStore, schedulerFor: (deckId: string) => Scheduler) {
    this.#store = store;
    this.#schedulerFor = schedulerFor;
  }

  /** Rates `key` now; durable (appended and synced) when it returns. */
  rate(
    deckId: string,
    key: string,
    rating: Rating,
    now: Date,
    durationMs: number,
    via?: 'cram',
  ): Recorded {
    this.#store.refresh();
    const prev = this.#store.get(key)?.srs ?? null;
    const next = this.#schedulerFor(deckId).rate(key, prev, rating, now);
    const entry: ReviewEntry = {
      v: 1,
      id: newEntryId(now),
      kind: 'review',
      card: key,
      rating,
      reviewedAt: now.toISOString(),
      durationMs: Math.round(durationMs),
      ...next,
      prev,
      ...(via ? { via } : {}),
    };
    this.#store.append(entry);
    return { next, entryId: entry.id };
  }

  /** Cancels the review `entryId`; the card goes back to `restore` (null: new again). */
  undo(key: string, entryId: string, restore: SrsState | null, now: Date): void {
    this.#store.append({
      v: 1,
      id: newEntryId(now),
      kind: 'undo',
      card: key,
      undoes: entryId,
      at: now.toISOString(),
      restore,
    });
  }

  /** A cram answer: kept for stats, never read by the scheduler. */
  cram(key: string, rating: Rating, now: Date, durationMs: number): void {
    this.#store.append({
      v: 1,
      id: newEntryId(now),
      kind: 'cram',
      card: key,
      rating,
      at: now.toISOString(),
      durationMs: Math.round(durationMs),
    });
  }

  /** Marks `key` to come up in the next daily review (cleared by its next rating). */
  flag(key: string, now: Date, reason: string): void {
    this.#store.append({
      v: 1,
      id: newEntryId(now),
      kind: 'flag',
      card: key,
      at: now.toISOString(),
      reason,
    });
  }
}

/** Moves the progress of `from` to `to` (a card that got an id, or re-attached progress). */
export function moveProgress(store: ProgressStore, from: string, to: string, now: Date): void {
  store.append({ v: 1, id: newEntryId(now), kind: 'move', card: from, to, at: now.toISOString() });
}

/** Deletes the progress of `key` from the schedule (its history stays in the log). */
export function forgetProgress(store: ProgressStore, key: string, now: Date): void {
  store.append({ v: 1, id: newEntryId(now), kind: 'forget', card: key, at: now.toISOString() });
}
