/**
 * Turns a rating into a durable log entry. The card's state is read, the rating computed and the
 * entry appended under the log's lock, so a rating given while another session rated the same
 * card builds on that session's result, and an undo never discards another session's rating.
 * Times come in as epoch ms and are written as the log's ISO strings here.
 */

import type { CardProgress, Rating, SrsState } from '../core/model.js';
import type { Preview, Scheduler } from '../core/scheduler.js';
import { becameLeech, LEECH_MARK, type LeechAction } from '../core/settings.js';
import { UserError } from '../errors.js';
import { nullableSrsToStored, srsToStored } from '../store/convert.js';
import { newEntryId } from '../store/ids.js';
import { instantIso } from '../store/instant.js';
import type { LogEntry, ReviewEntry } from '../store/model.js';
import type { ProgressStore } from '../store/progress.js';
import { sameSrs } from '../store/replay.js';
import { MAX_MARK } from '../store/validate.js';
import type { DayLoads } from './day-load.js';
import { type ExamPlan, previewOutcome, rateOutcome } from './schedules.js';
import { recordSet, type StateChange, undoSet } from './set-state.js';

export type Recorded = {
  /** The state the rating gave, built on the card's latest state in the log. */
  readonly next: SrsState;
  readonly entryId: string;
  /** The state the rating started from: what undoing it restores. */
  readonly prev: SrsState | null;
  /** The rating made the card a leech, and this was done to it (`leech_action`). */
  readonly leech?: LeechAction;
};

/** A deck's leech rule: the lapses that make a leech and what is done to one. */
export type LeechRule = { readonly threshold: number; readonly action: LeechAction };

/** Why an undo was refused. */
export type UndoRefused = 'rated-since' | 'unknown';

/** The line a screen shows for a refused undo. */
export function refusedUndoText(why: UndoRefused): string {
  return why === 'rated-since'
    ? 'Not undone: another session rated this card since, and undoing would discard that rating.'
    : 'Not undone: this session did not record that answer.';
}

/** What this recorder appended and may still undo: its own entries only. */
type Own = {
  readonly key: string;
  /** The card's state right after the entry, as the store applied it (null: a cram answer). */
  readonly after: SrsState | null;
  readonly prev: SrsState | null;
  /**
   * A suspend, bury or mark: undone by the entries that put each card back as it was (by key,
   * resolved again when undone), not by an `undo` entry.
   */
  readonly control?: readonly Control[];
  /** A rating that made the card a leech: the card's control state before, for its undo. */
  readonly leechWas?: Control;
  /** A batch of `set` entries (a due date set, cards forgotten): undone as a batch. */
  readonly set?: readonly StateChange[];
};

/** What a suspend, bury or mark changes on one card: a card's control state. */
type Control = {
  readonly key: string;
  readonly suspended: boolean;
  readonly buriedUntil: number | undefined;
  readonly mark: string | undefined;
};

/** A change of a card's suspension, bury or mark. */
export type ControlChange =
  | { readonly kind: 'suspend' | 'unsuspend' }
  | { readonly kind: 'bury'; readonly until: number }
  | { readonly kind: 'mark'; readonly mark: string };

export class Recorder {
  readonly #store: ProgressStore;
  readonly #schedulerFor: (deckId: string) => Scheduler;
  readonly #examFor: (deckId: string) => ExamPlan | undefined;
  readonly #leechFor: (deckId: string) => LeechRule | undefined;
  readonly #loads: DayLoads | undefined;
  readonly #own = new Map<string, Own>();

  /**
   * `examFor`: a deck's exam date, which reschedules cards to be retained on that day.
   * `leechFor`: a deck's leech rule (none: leeches are left as they are).
   * `loads`: the cards due on the days ahead, for load balancing (none: plain fuzz). They count
   * this recorder's ratings as they are given; another session's, only from the next study day.
   */
  constructor(
    store: ProgressStore,
    schedulerFor: (deckId: string) => Scheduler,
    examFor: (deckId: string) => ExamPlan | undefined = () => undefined,
    leechFor: (deckId: string) => LeechRule | undefined = () => undefined,
    loads?: DayLoads,
  ) {
    this.#store = store;
    this.#schedulerFor = schedulerFor;
    this.#examFor = examFor;
    this.#leechFor = leechFor;
    this.#loads = loads;
  }

  /**
   * What each rating would give `key` now, from its latest state in the log (another session
   * may have rated it since this one queued it): what the rating buttons show.
   */
  preview(deckId: string, key: string, now: number): Preview {
    const srs = this.current(key);
    const balancing = this.#loads?.balancingFor(deckId, now);
    return previewOutcome(
      this.#schedulerFor(deckId),
      this.#examFor(deckId),
      key,
      srs,
      now,
      balancing,
    );
  }

  /**
   * Rates `key` now; durable (appended and synced) when it returns. Reading the card's state,
   * computing the rating and appending it are one step under the log's lock, so a rating is
   * always built on the latest one, whichever session gave it.
   */
  rate(
    deckId: string,
    key: string,
    rating: Rating,
    now: number,
    durationMs: number,
    via?: 'cram',
  ): Recorded {
    return this.#store.transact(() => {
      const card = this.#store.resolve(key);
      return this.#rateOn(
        deckId,
        card,
        this.#store.get(card)?.srs ?? null,
        rating,
        now,
        durationMs,
        via,
      );
    });
  }

  /**
   * Rates `key` as `rate` does, but only while the log still holds `expected` for it (the state
   * the session queued it with, or its own last rating gave it): null, and nothing recorded,
   * when another session rated the card since. Checked under the same lock as the rating, so
   * two sessions over one collection never both rate the card they both queued.
   */
  rateIfUnchanged(
    deckId: string,
    key: string,
    expected: SrsState | null,
    rating: Rating,
    now: number,
    durationMs: number,
  ): Recorded | null {
    return this.#store.transact(() => {
      const card = this.#store.resolve(key);
      const prev = this.#store.get(card)?.srs ?? null;
      if (!sameSrs(prev, expected)) return null;
      return this.#rateOn(deckId, card, prev, rating, now, durationMs);
    });
  }

  /** The rating of `card` on top of `prev`, appended; called under the log's lock. */
  #rateOn(
    deckId: string,
    card: string,
    prev: SrsState | null,
    rating: Rating,
    now: number,
    durationMs: number,
    via?: 'cram',
  ): Recorded {
    const next = rateOutcome(
      this.#schedulerFor(deckId),
      this.#examFor(deckId),
      card,
      prev,
      rating,
      now,
      this.#loads?.balancingFor(deckId, now),
    );
    const entry: ReviewEntry = {
      v: 1,
      id: newEntryId(now),
      kind: 'review',
      card,
      rating,
      reviewedAt: instantIso(now),
      durationMs: Math.round(durationMs),
      ...srsToStored(next),
      prev: nullableSrsToStored(prev),
      ...(via ? { via } : {}),
    };
    this.#store.append(entry);
    const after = this.#store.get(card)?.srs ?? null;
    this.#loads?.moved(prev, after, now);
    const rule = this.#leechFor(deckId);
    if (!rule || !becameLeech(prev?.lapses ?? 0, next.lapses, rule.threshold)) {
      this.#own.set(entry.id, { key: card, after, prev });
      return { next, entryId: entry.id, prev };
    }
    // The leech's suspension or mark rides on the rating: undoing it takes both back.
    const leechWas = controlOf(card, this.#store.get(card));
    const change: ControlChange =
      rule.action === 'suspend' ? { kind: 'suspend' } : { kind: 'mark', mark: LEECH_MARK };
    if (!sameControl(leechWas, afterChange(leechWas, change, now))) {
      this.#store.append(controlEntry(card, change, now, newEntryId(now)));
    }
    this.#own.set(entry.id, { key: card, after, prev, leechWas });
    return { next, entryId: entry.id, prev, leech: rule.action };
  }

  /**
   * Cancels this recorder's review or cram answer `entryId`. A review is undone only while the
   * card still holds the state it gave: if another session rated the card since, undoing would
   * throw that rating away, so it is refused. Returns why, when refused.
   */
  undo(entryId: string, now: number): UndoRefused | undefined {
    const own = this.#own.get(entryId);
    if (own === undefined) return 'unknown';
    if (own.set) {
      const done = undoSet(this.#store, entryId, own.set, now);
      this.#own.delete(entryId);
      return done.changed.length === 0 ? 'rated-since' : undefined;
    }
    if (own.control) {
      const back = own.control;
      this.#store.transact(() => {
        for (const was of back) this.#restoreControl(was, now);
      });
      this.#own.delete(entryId);
      return undefined;
    }
    return this.#store.transact(() => {
      const card = this.#store.resolve(own.key);
      const current = this.#store.get(card)?.srs ?? null;
      if (own.after !== null && !sameSrs(current, own.after)) return 'rated-since';
      this.#store.append({
        v: 1,
        id: newEntryId(now),
        kind: 'undo',
        card,
        undoes: entryId,
        at: instantIso(now),
        // A cram answer never changed the schedule: the card keeps the state it has.
        restore: nullableSrsToStored(own.after === null ? current : own.prev),
      });
      if (own.after !== null) this.#loads?.moved(current, own.prev, now);
      if (own.leechWas) this.#restoreControl(own.leechWas, now);
      this.#own.delete(entryId);
      return undefined;
    });
  }

  /**
   * Suspends, unsuspends, buries (until `until`, the next study day's start) or marks the cards
   * `keys` (a note's cards are buried together), as one step under the log's lock. Cards the
   * change would leave as they are get no entry. Returns an id `undo` takes, or undefined when
   * nothing changed.
   */
  control(keys: readonly string[], change: ControlChange, now: number): string | undefined {
    if (change.kind === 'mark' && change.mark.length > MAX_MARK) {
      throw new UserError(`a mark is a word to find cards by: at most ${MAX_MARK} characters`);
    }
    return this.#store.transact(() => {
      const was: Control[] = [];
      let first: string | undefined;
      for (const key of keys) {
        const card = this.#store.resolve(key);
        const before = controlOf(card, this.#store.get(card));
        const entry = controlEntry(card, change, now, newEntryId(now));
        if (sameControl(before, afterChange(before, change, now))) continue;
        this.#store.append(entry);
        was.push(before);
        first ??= entry.id;
      }
      if (first !== undefined)
        this.#own.set(first, { key: keys[0]!, after: null, prev: null, control: was });
      return first;
    });
  }

  /**
   * Gives each of `keys` the state `next` computes from its latest one (undefined: leave it), as
   * one batch of `set` entries (store: SetEntry). Returns an id `undo` takes, or undefined when
   * nothing changed.
   */
  set(
    keys: readonly string[],
    next: (key: string, current: SrsState | null) => SrsState | null | undefined,
    why: 'due' | 'forget',
    now: number,
  ): string | undefined {
    const step = recordSet(this.#store, keys, next, why, now);
    if (step.changed.length === 0) return undefined;
    this.#own.set(step.batch, { key: keys[0]!, after: null, prev: null, set: step.changed });
    return step.batch;
  }

  /** Puts a card's suspension, bury and mark back as `was` had them. */
  #restoreControl(was: Control, now: number): void {
    const card = this.#store.resolve(was.key);
    const current = controlOf(card, this.#store.get(card));
    const back = (change: ControlChange) =>
      this.#store.append(controlEntry(card, change, now, newEntryId(now)));
    if (current.suspended !== was.suspended) {
      back({ kind: was.suspended ? 'suspend' : 'unsuspend' });
    }
    if (current.buriedUntil !== was.buriedUntil) {
      // A bury that ends now, unless the one before still runs.
      const until = was.buriedUntil !== undefined && was.buriedUntil > now ? was.buriedUntil : now;
      back({ kind: 'bury', until });
    }
    if (current.mark !== was.mark) back({ kind: 'mark', mark: was.mark ?? '' });
  }

  /** The card's state as the log has it now (another session may have rated it). */
  current(key: string): SrsState | null {
    this.#store.refresh();
    return this.#store.get(this.#store.resolve(key))?.srs ?? null;
  }

  /** A cram answer: kept for stats, never read by the scheduler. Returns its entry id. */
  cram(key: string, rating: Rating, now: number, durationMs: number): string {
    const id = newEntryId(now);
    const card = this.#store.resolve(key);
    this.#store.append({
      v: 1,
      id,
      kind: 'cram',
      card,
      rating,
      at: instantIso(now),
      durationMs: Math.round(durationMs),
    });
    this.#own.set(id, { key: card, after: null, prev: null });
    return id;
  }

  /** Marks `key` to come up in the next daily review (cleared by its next rating). */
  flag(key: string, now: number, reason: string): void {
    this.#store.append({
      v: 1,
      id: newEntryId(now),
      kind: 'flag',
      card: this.#store.resolve(key),
      at: instantIso(now),
      reason,
    });
  }
}

/** Moves the progress of `from` to `to` (a card that got an id, or re-attached progress). */
export function moveProgress(store: ProgressStore, from: string, to: string, now: number): void {
  store.append(moveEntry(from, to, now));
}

/** Deletes the progress of `key` from the schedule (its history stays in the log). */
export function forgetProgress(store: ProgressStore, key: string, now: number): void {
  store.append(forgetEntry(key, now));
}

/** The `move` entry `moveProgress` appends, for a caller that appends several in one write. */
export function moveEntry(from: string, to: string, now: number): LogEntry {
  return { v: 1, id: newEntryId(now), kind: 'move', card: from, to, at: instantIso(now) };
}

/** The `forget` entry `forgetProgress` appends. */
export function forgetEntry(key: string, now: number): LogEntry {
  return { v: 1, id: newEntryId(now), kind: 'forget', card: key, at: instantIso(now) };
}

function controlOf(key: string, p: CardProgress | undefined): Control {
  return {
    key,
    suspended: p?.suspended === true,
    buriedUntil: p?.buriedUntil,
    mark: p?.mark,
  };
}

function afterChange(c: Control, change: ControlChange, now: number): Control {
  switch (change.kind) {
    case 'suspend':
      return { ...c, suspended: true };
    case 'unsuspend':
      return { ...c, suspended: false };
    case 'bury':
      return { ...c, buriedUntil: change.until > now ? change.until : undefined };
    case 'mark':
      return { ...c, mark: change.mark === '' ? undefined : change.mark };
  }
}

const sameControl = (a: Control, b: Control): boolean =>
  a.suspended === b.suspended && a.buriedUntil === b.buriedUntil && a.mark === b.mark;

function controlEntry(card: string, change: ControlChange, now: number, id: string): LogEntry {
  const common = { v: 1 as const, id, card, at: instantIso(now) };
  switch (change.kind) {
    case 'suspend':
    case 'unsuspend':
      return { ...common, kind: change.kind };
    case 'bury':
      return { ...common, kind: 'bury', until: instantIso(change.until) };
    case 'mark':
      return { ...common, kind: 'mark', mark: change.mark };
  }
}
