/**
 * Card states replaced as one step (`set` entries sharing a batch id): `recall reschedule`, and
 * browse's "set due date" and "forget". Written under the log's lock from each card's latest
 * state; undone by another batch that puts back what the first one replaced, card by card,
 * wherever the card still holds the state the step gave it (a card rated since keeps its rating).
 */
import type { SrsState } from '../core/model.js';
import { nullableSrsFromStored, nullableSrsToStored } from '../store/convert.js';
import { newEntryId } from '../store/ids.js';
import { instantIso, instantMs } from '../store/instant.js';
import type { SetEntry, SetWhy } from '../store/model.js';
import type { ProgressStore } from '../store/progress.js';
import { sameSrs } from '../store/replay.js';

/** One card's state before and after a step. */
export type StateChange = {
  readonly key: string;
  readonly was: SrsState | null;
  readonly srs: SrsState | null;
};

export type SetStep = {
  readonly batch: string;
  /** The cards changed (their keys as the log has them now, moves followed). */
  readonly changed: readonly StateChange[];
  /** Cards `next` left alone, or whose state was already the new one. */
  readonly unchanged: number;
};

/**
 * Gives each of `keys` the state `next` computes from its latest one (undefined: leave it), as
 * one batch. Durable when it returns.
 */
export function recordSet(
  store: ProgressStore,
  keys: readonly string[],
  next: (key: string, current: SrsState | null) => SrsState | null | undefined,
  why: SetWhy,
  now: number,
  undoes?: string,
): SetStep {
  return store.transact(() => {
    const batch = newEntryId(now);
    const entries: SetEntry[] = [];
    const changed: StateChange[] = [];
    for (const key of keys) {
      const card = store.resolve(key);
      const was = store.get(card)?.srs ?? null;
      const srs = next(card, was);
      if (srs === undefined || sameSrs(srs, was)) continue;
      entries.push({
        v: 1,
        id: newEntryId(now),
        kind: 'set',
        card,
        at: instantIso(now),
        batch,
        why,
        ...(undoes === undefined ? {} : { undoes }),
        was: nullableSrsToStored(was),
        srs: nullableSrsToStored(srs),
      });
      changed.push({ key: card, was, srs });
    }
    store.appendAll(entries);
    return { batch, changed, unchanged: keys.length - changed.length };
  });
}

/**
 * Puts back what the step `batch` changed, on the cards that still hold the state it gave them
 * (`unchanged` counts the others: rated or changed since).
 */
export function undoSet(
  store: ProgressStore,
  batch: string,
  changed: readonly StateChange[],
  now: number,
): SetStep {
  const back = new Map(changed.map((c) => [c.key, c]));
  return recordSet(
    store,
    changed.map((c) => c.key),
    (key, current) => {
      const c = back.get(key);
      return c && sameSrs(current, c.srs) ? c.was : undefined;
    },
    'undo',
    now,
    batch,
  );
}

/**
 * The last step of kind `why` in the logs (any device's) that no undo has taken back, and the
 * changes it made; undefined when there is none.
 */
export function lastStep(
  store: ProgressStore,
  why: SetWhy,
): { readonly batch: string; readonly at: number; readonly changed: StateChange[] } | undefined {
  const entries = store.setEntries();
  const undone = new Set(entries.flatMap((e) => (e.undoes === undefined ? [] : [e.undoes])));
  let last: SetEntry | undefined;
  for (const e of entries) if (e.why === why && !undone.has(e.batch)) last = e;
  if (!last) return undefined;
  const changed = entries
    .filter((e) => e.batch === last.batch)
    .map((e) => ({
      key: store.resolve(e.card),
      was: nullableSrsFromStored(e.was),
      srs: nullableSrsFromStored(e.srs),
    }));
  return { batch: last.batch, at: instantMs(last.at), changed };
}
