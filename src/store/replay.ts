/**
 * Pure replay: a log entry applied to the card states it changes. Replaying the whole log from an
 * empty map gives the same states as the snapshot (which only caches a replayed prefix).
 */
import { type CardProgress, firstReviewAfter, type Rating, type SrsState } from '../core/model.js';
import type { Mutable } from '../core/mutable.js';
import { nullableSrsFromStored, srsFromStored } from './convert.js';
import { instantMs } from './instant.js';
import type { LogEntry, ReviewEntry, SetEntry } from './model.js';

/** Applies one entry, in log order. */
export function applyEntry(map: Map<string, CardProgress>, entry: LogEntry): void {
  const current = map.get(entry.card);
  switch (entry.kind) {
    case 'review': {
      const at = instantMs(entry.reviewedAt);
      setRated(map, entry.card, ratedState(entry, current?.srs ?? null, at), at);
      return;
    }
    case 'undo':
      setRestored(map, entry.card, nullableSrsFromStored(entry.restore));
      return;
    case 'set':
      if (setHolds(entry, current?.srs ?? null)) {
        setRestored(map, entry.card, nullableSrsFromStored(entry.srs));
      }
      return;
    case 'flag': {
      // A flag older than the card's last review was already answered by it.
      const at = instantMs(entry.at);
      const last = current?.srs?.lastReview;
      if (last !== undefined && !(at > last)) return;
      map.set(entry.card, progress(current?.srs ?? null, { at, reason: entry.reason }, current));
      return;
    }
    case 'cram':
      // Cram answers never touch the schedule; they are in the log for stats only.
      return;
    case 'move':
      if (current) map.set(entry.to, current);
      map.delete(entry.card);
      return;
    case 'forget':
      map.delete(entry.card);
      return;
    case 'suspend':
    case 'unsuspend':
    case 'bury':
    case 'mark':
      map.set(entry.card, controlled(current, entry));
      return;
  }
}

/** The card's progress with a suspend, bury or mark entry applied (no progress: a new card's). */
function controlled(
  current: CardProgress | undefined,
  entry: Extract<LogEntry, { kind: 'suspend' | 'unsuspend' | 'bury' | 'mark' }>,
): CardProgress {
  const out = progress(current?.srs ?? null, flagOf(current), current);
  switch (entry.kind) {
    case 'suspend':
      out.suspended = true;
      break;
    case 'unsuspend':
      delete out.suspended;
      break;
    case 'bury': {
      const until = instantMs(entry.until);
      if (until > instantMs(entry.at)) out.buriedUntil = until;
      else delete out.buriedUntil;
      break;
    }
    case 'mark':
      if (entry.mark === '') delete out.mark;
      else out.mark = entry.mark;
      break;
  }
  return out;
}

/**
 * The state a review entry stores, on top of `current`: a compact entry leaves out when the card
 * was first rated, which is the card's own first rating, or this one (as the scheduler sets it).
 */
export function ratedState(entry: ReviewEntry, current: SrsState | null, at: number): SrsState {
  const srs = srsFromStored(entry);
  if (entry.v !== 2) return srs;
  // Set on the fresh object, not spread into a copy: spread objects take V8's slow path, and
  // this state is what the card keeps.
  (srs as { firstReview?: number }).firstReview = firstReviewAfter(current, at);
  return srs;
}

/**
 * Whether a `set` applies: it was written over the state the card has here. Another device's
 * rating that replay puts before it changed the card, and the set (computed without that
 * rating) would throw the rating away.
 */
export function setHolds(entry: SetEntry, current: SrsState | null): boolean {
  return sameSrs(nullableSrsFromStored(entry.was), current);
}

/** Whether `entry` was built on `current`: its previous state, or that state's fingerprint. */
function builtOn(entry: ReviewEntry, current: SrsState | null): boolean {
  if (entry.on !== undefined) return entry.on === stateFingerprint(current);
  return sameSrs(nullableSrsFromStored(entry.prev ?? null), current);
}

/** A rating at `at` gives the card `srs`; a flag raised after it (by the clock, not the log order) still stands. */
function setRated(map: Map<string, CardProgress>, key: string, srs: SrsState, at: number): void {
  const current = map.get(key);
  const flag = flagOf(current);
  map.set(key, progress(srs, flag !== undefined && flag.at > at ? flag : undefined, current));
}

/** An undo puts the card back to `srs`, keeping its flag. */
function setRestored(map: Map<string, CardProgress>, key: string, srs: SrsState | null): void {
  const current = map.get(key);
  map.set(key, progress(srs, flagOf(current), current));
}

/** A card's standing flag: when it was raised and why (no reason: a snapshot older than it). */
type Flag = { readonly at: number; readonly reason: string | undefined };

const flagOf = (p: CardProgress | undefined): Flag | undefined =>
  p?.flaggedAt === undefined ? undefined : { at: p.flaggedAt, reason: p.flagReason };

/**
 * A card's progress: `srs` and its flag, and whatever suspension, bury and mark `current` has
 * (a rating or an undo leaves those as they are). Keys are added only when present: most cards
 * have none, and the snapshot and tests compare plain JSON.
 */
function progress(
  srs: SrsState | null,
  flag: Flag | undefined,
  current?: CardProgress,
): Mutable<CardProgress> {
  const out: Mutable<CardProgress> = flag === undefined ? { srs } : { srs, flaggedAt: flag.at };
  if (flag?.reason !== undefined) out.flagReason = flag.reason;
  if (current?.suspended) out.suspended = true;
  if (current?.buriedUntil !== undefined) out.buriedUntil = current.buriedUntil;
  if (current?.mark !== undefined) out.mark = current.mark;
  return out;
}

/** Recomputes a rating through FSRS (the code review uses) from the state it now follows. */
export type Reschedule = (
  key: string,
  prev: SrsState | null,
  rating: Rating,
  at: number,
  via: ReviewEntry['via'],
) => SrsState;

/** The last rating applied to a card, and where it came from. */
export type Last = {
  readonly id: string;
  readonly device: string;
  /** The card's state before it. */
  readonly before: SrsState | null;
  /** Whether its state was recomputed (it was built on another device's older view). */
  readonly recomputed: boolean;
};

/**
 * A replay's whole state, to go on from later: every card's progress, each card's last rating,
 * and the ratings left out (history-cache.ts keeps it beside the merged history).
 */
export type SavedReplay = {
  readonly cards: Map<string, CardProgress>;
  readonly last: ReadonlyMap<string, Last>;
  readonly skip: readonly string[];
};

/** Why replay has to start over from the beginning of every log. */
export type Restart = { readonly skip?: string };

/**
 * Replay of several devices' logs merged in time order (docs/storage.md, "Progress from several
 * devices"). A rating's stored state is kept when it was built on the state it now follows —
 * its `prev` (or, compact, that state's fingerprint) is the card's state, or the card's previous rating came from the same device and
 * kept its stored state (a device's own log is the authority on its own sequence) — and
 * otherwise recomputed from the card's state through `reschedule`. An undo cancels its rating only: when another device's
 * ratings followed it, replay starts over without it, so they are re-applied.
 *
 * `exact` is false while applying new lines on top of a snapshot, where the card's previous
 * rating is not known; a case that needs it returns a Restart instead of guessing.
 */
export class MergedReplay {
  readonly cards: Map<string, CardProgress>;
  readonly #last = new Map<string, Last>();
  readonly #reschedule: Reschedule | undefined;
  readonly #own: string;
  readonly skip: ReadonlySet<string>;

  constructor(
    cards: Map<string, CardProgress>,
    own: string,
    reschedule: Reschedule | undefined,
    skip: ReadonlySet<string> = new Set(),
  ) {
    this.cards = cards;
    this.#own = own;
    this.#reschedule = reschedule;
    this.skip = skip;
  }

  /** A replay that goes on from `saved` (its cards taken over, not copied) as the one that saved it would. */
  static resume(saved: SavedReplay, own: string, reschedule: Reschedule | undefined): MergedReplay {
    const replay = new MergedReplay(saved.cards, own, reschedule, new Set(saved.skip));
    for (const [key, last] of saved.last) replay.#last.set(key, last);
    return replay;
  }

  /** This replay's state as it is now (not a copy: read it before applying more). */
  saved(): SavedReplay {
    return { cards: this.cards, last: this.#last, skip: [...this.skip] };
  }

  apply(entry: LogEntry, device: string, exact: boolean): Restart | undefined {
    const key = entry.card;
    if (entry.kind === 'review') {
      if (this.skip.has(entry.id)) return undefined;
      const current = this.cards.get(key)?.srs ?? null;
      const last = this.#last.get(key);
      const follows =
        builtOn(entry, current) ||
        this.#reschedule === undefined ||
        // The card's previous rating came from this device and kept its stored state (one that
        // replay recomputed is not the state this device built on). No rating of the card before
        // it in this replay: from the start, its state came from nowhere it was built on; on top
        // of a snapshot, this device's own sequence is trusted.
        (last ? last.device === device && !last.recomputed : !exact && device === this.#own);
      if (!follows && !last && !exact) return {};
      const at = instantMs(entry.reviewedAt);
      const next = follows
        ? ratedState(entry, current, at)
        : this.#reschedule!(key, current, entry.rating, at, entry.via);
      setRated(this.cards, key, next, at);
      this.#last.set(key, { id: entry.id, device, before: current, recomputed: !follows });
      return undefined;
    }
    if (entry.kind === 'undo') {
      if (this.skip.has(entry.undoes)) return undefined;
      const last = this.#last.get(key);
      if (last?.id === entry.undoes) {
        const back = last.recomputed ? last.before : nullableSrsFromStored(entry.restore);
        setRestored(this.cards, key, back);
        this.#last.delete(key);
        return undefined;
      }
      const sameSource = last ? last.device === device : exact || device === this.#own;
      if (!sameSource) return { skip: entry.undoes };
      setRestored(this.cards, key, nullableSrsFromStored(entry.restore));
      return undefined;
    }
    if (entry.kind === 'move') {
      const last = this.#last.get(key);
      this.#last.delete(key);
      if (last && this.cards.has(key)) this.#last.set(entry.to, last);
      else this.#last.delete(entry.to);
    } else if (entry.kind === 'set') {
      // After a set, the next rating keeps its stored state only if it was built on the set's.
      // Recorded as a step of its own, not forgotten: on top of a snapshot a forgotten step
      // would let this device's next rating be trusted as built on what came before the set.
      const before = this.cards.get(key)?.srs ?? null;
      this.#last.set(key, { id: entry.id, device, before, recomputed: true });
    } else if (entry.kind === 'forget') {
      this.#last.delete(key);
    }
    applyEntry(this.cards, entry);
    return undefined;
  }
}

/**
 * What a compact (v2) review keeps of the state it was built on: a 53-bit hash (cyrb53, public
 * domain) of the fields `sameSrs` compares, in base 36; '' for a new card. Two states with the
 * same fingerprint are the same one but for a 1-in-2^53 chance, which would only keep a rating's
 * stored state where replay would have recomputed it.
 */
export function stateFingerprint(s: SrsState | null): string {
  if (s === null) return '';
  const text = `${s.state},${s.due},${s.stability},${s.difficulty},${s.reps},${s.lapses},${s.learningSteps},${s.lastReview ?? ''}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/** Whether two states are the same one. */
export function sameSrs(a: SrsState | null, b: SrsState | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.state === b.state &&
    a.due === b.due &&
    a.stability === b.stability &&
    a.difficulty === b.difficulty &&
    a.reps === b.reps &&
    a.lapses === b.lapses &&
    a.learningSteps === b.learningSteps &&
    a.lastReview === b.lastReview
  );
}
