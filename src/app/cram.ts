/**
 * Starting a cram session over a selection, and what its answers are recorded as. The drilling
 * itself is the pure reducer in cram/session.ts; this decides order and persistence.
 *
 * Recording: without `--reschedule` every answer is a `cram` log entry, which FSRS never reads.
 * With it, a card's first answer in the session is a real review (`via: "cram"`), and any later
 * answer of the same card (after a miss) a `cram` entry: one session, one review per card.
 */

import type { Card } from '../core/card.js';
import { type CramOrder, orderCram } from '../core/cram-order.js';
import { type CramState, createCram } from '../core/cram-session.js';
import type { Rating } from '../core/model.js';
import type { Preview } from '../core/scheduler.js';
import { UserError } from '../errors.js';
import type { CardTools } from './card-control.js';
import type { Collection } from './collection.js';
import type { Recorder, UndoRefused } from './recorder.js';
import {
  type CardSelection,
  emptySelectionMessage,
  selectCards,
  selectionTitle,
} from './selection.js';

export type CramRequest = CardSelection & {
  readonly order?: CramOrder;
  readonly limit?: number;
  /** For `random` order; defaults to the start time. */
  readonly seed?: string;
  readonly reschedule?: boolean;
};

/** Everything the cram screen starts from. */
export type CramStart = {
  readonly title: string;
  readonly state: CramState;
  readonly reschedule: boolean;
  /** Seeds the choice order of choice cards (the same all session long for a given showing). */
  readonly seed: string;
};

/** Orders and limits the selected cards; a UserError when nothing is selected. */
export function prepareCram(collection: Collection, req: CramRequest, now: number): CramStart {
  collection.store.refresh();
  const cards = selectCards(collection, req);
  if (cards.length === 0)
    throw new UserError(`nothing to cram: ${emptySelectionMessage(collection, req)}`);
  const seed = req.seed ?? new Date(now).toISOString();
  const ordered = orderCram(
    cards.map((card) => ({ card, srs: collection.store.get(card.key)?.srs ?? null })),
    req.order ?? 'weakest',
    // The forgetting curve is the same for every deck; any deck's scheduler computes it.
    { now, scheduler: collection.schedulerFor(cards[0]!.deckId), seed },
  );
  return {
    title: selectionTitle(collection, req),
    state: createCram(ordered, req.limit === undefined ? {} : { limit: req.limit }),
    reschedule: req.reschedule ?? false,
    seed,
  };
}

/** A recorded cram answer (or, with `--reschedule`, review): what undo names. */
export type CramRecord = { readonly entryId: string };

/** What the cram screen needs from the outside world. */
export type CramDeps = {
  readonly now: () => number;
  /** `--reschedule`: self-graded cards are rated 1–4 (it is a real review). */
  readonly reschedule: boolean;
  /**
   * Records one answer, durably. `first`: the card's first answer this session. The rating is
   * 3 (right) or 1 (wrong), 2 for a typed answer off by a typo, or what was picked with 1–4.
   */
  readonly record: (
    card: Card,
    rating: Rating,
    first: boolean,
    now: number,
    durationMs: number,
  ) => CramRecord;
  /**
   * Takes back a recorded answer (an `undo` entry naming it); refused, saying why, when another
   * session has rated the card since.
   */
  readonly undo: (record: CramRecord, now: number) => UndoRefused | undefined;
  /** With `--reschedule`: what each rating would give the card now, for the rating row. */
  readonly preview?: (card: Card, now: number) => Preview;
} & CardTools;

/** `tools`: what review does to the card on screen, the same for cram (app/card-control.ts). */
export function cramDeps(
  recorder: Recorder,
  now: () => number,
  reschedule: boolean,
  tools: CardTools,
): CramDeps {
  return {
    ...tools,
    now,
    reschedule,
    record: (card, rating, first, at, durationMs) => {
      if (reschedule && first) {
        const r = recorder.rate(card.deckId, card.key, rating, at, durationMs, 'cram');
        return { entryId: r.entryId };
      }
      return { entryId: recorder.cram(card.key, rating, at, durationMs) };
    },
    undo: (record, at) => recorder.undo(record.entryId, at),
    ...(reschedule
      ? {
          preview: (card: Card, at: number) => recorder.preview(card.deckId, card.key, at),
        }
      : {}),
  };
}
