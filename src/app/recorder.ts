/**
 * Turns a rating into a durable log entry. The card's state is re-read from the store first, so
 * a rating given while another session rated the same card builds on that session's result.
 * Times come in as epoch ms and are written as the log's ISO strings here.
 */

import { applyExamDate } from '../core/exam.js';
import type { Rating, SrsState } from '../core/model.js';
import type { Preview, Scheduler } from '../core/scheduler.js';
import { nullableSrsToStored, srsToStored } from '../store/convert.js';
import { newEntryId } from '../store/ids.js';
import { instantIso } from '../store/instant.js';
import type { ReviewEntry } from '../store/model.js';
import type { ProgressStore } from '../store/progress.js';
import type { ExamPlan } from './collection.js';

export type Recorded = {
  readonly next: SrsState;
  readonly entryId: string;
  /** The state the rating started from: what undoing it restores. */
  readonly prev: SrsState | null;
};

export class Recorder {
  readonly #store: ProgressStore;
  readonly #schedulerFor: (deckId: string) => Scheduler;
  readonly #examFor: (deckId: string) => ExamPlan | undefined;

  /** `examFor`: a deck's exam date, which reschedules cards to be retained on that day. */
  constructor(
    store: ProgressStore,
    schedulerFor: (deckId: string) => Scheduler,
    examFor: (deckId: string) => ExamPlan | undefined = () => undefined,
  ) {
    this.#store = store;
    this.#schedulerFor = schedulerFor;
    this.#examFor = examFor;
  }

  /** The state each rating would give `key` now: what the rating buttons show. */
  preview(deckId: string, key: string, srs: SrsState | null, now: number): Preview {
    const scheduler = this.#schedulerFor(deckId);
    const plan = this.#examFor(deckId);
    const p = scheduler.preview(key, srs, now);
    if (!plan) return p;
    const adjust = (s: SrsState) => applyExamDate(s, { ...plan, now, scheduler });
    return { 1: adjust(p[1]), 2: adjust(p[2]), 3: adjust(p[3]), 4: adjust(p[4]) };
  }

  /** Rates `key` now; durable (appended and synced) when it returns. */
  rate(
    deckId: string,
    key: string,
    rating: Rating,
    now: number,
    durationMs: number,
    via?: 'cram',
  ): Recorded {
    this.#store.refresh();
    const prev = this.#store.get(key)?.srs ?? null;
    const scheduler = this.#schedulerFor(deckId);
    const fsrsNext = scheduler.rate(key, prev, rating, now);
    const plan = this.#examFor(deckId);
    const next = plan ? applyExamDate(fsrsNext, { ...plan, now, scheduler }) : fsrsNext;
    const entry: ReviewEntry = {
      v: 1,
      id: newEntryId(now),
      kind: 'review',
      card: key,
      rating,
      reviewedAt: instantIso(now),
      durationMs: Math.round(durationMs),
      ...srsToStored(next),
      prev: nullableSrsToStored(prev),
      ...(via ? { via } : {}),
    };
    this.#store.append(entry);
    return { next, entryId: entry.id, prev };
  }

  /** Cancels the review `entryId`; the card goes back to `restore` (null: new again). */
  undo(key: string, entryId: string, restore: SrsState | null, now: number): void {
    this.#store.append({
      v: 1,
      id: newEntryId(now),
      kind: 'undo',
      card: key,
      undoes: entryId,
      at: instantIso(now),
      restore: nullableSrsToStored(restore),
    });
  }

  /** The card's state as the log has it now (another session may have rated it). */
  current(key: string): SrsState | null {
    this.#store.refresh();
    return this.#store.get(key)?.srs ?? null;
  }

  /** A cram answer: kept for stats, never read by the scheduler. Returns its entry id. */
  cram(key: string, rating: Rating, now: number, durationMs: number): string {
    const id = newEntryId(now);
    this.#store.append({
      v: 1,
      id,
      kind: 'cram',
      card: key,
      rating,
      at: instantIso(now),
      durationMs: Math.round(durationMs),
    });
    return id;
  }

  /**
   * Cancels the cram answer `entryId` for stats. A cram answer never changed the schedule, so
   * the card's `restore` is its state as it stands.
   */
  undoCram(key: string, entryId: string, now: number): void {
    this.undo(key, entryId, this.current(key), now);
  }

  /** Marks `key` to come up in the next daily review (cleared by its next rating). */
  flag(key: string, now: number, reason: string): void {
    this.#store.append({
      v: 1,
      id: newEntryId(now),
      kind: 'flag',
      card: key,
      at: instantIso(now),
      reason,
    });
  }
}

/** Moves the progress of `from` to `to` (a card that got an id, or re-attached progress). */
export function moveProgress(store: ProgressStore, from: string, to: string, now: number): void {
  store.append({ v: 1, id: newEntryId(now), kind: 'move', card: from, to, at: instantIso(now) });
}

/** Deletes the progress of `key` from the schedule (its history stays in the log). */
export function forgetProgress(store: ProgressStore, key: string, now: number): void {
  store.append({ v: 1, id: newEntryId(now), kind: 'forget', card: key, at: instantIso(now) });
}
