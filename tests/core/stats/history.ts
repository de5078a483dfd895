/** Builders for synthetic review histories: log entries, card states and stats inputs. */

import type { Card } from '../../../src/core/card.js';
import type { FsrsStateName, Rating } from '../../../src/core/model.js';
import { Scheduler } from '../../../src/core/scheduler.js';
import { type DeckSettings, defaultDeckSettings } from '../../../src/core/settings.js';
import type { StatsCard } from '../../../src/core/stats/compute.js';
import { srsFromStored } from '../../../src/store/convert.js';
import type {
  CramEntry,
  ReviewEntry,
  StoredSrsState,
  UndoEntry,
} from '../../../src/store/model.js';
import { basic } from '../../support/cards.js';

export const scheduler = new Scheduler(defaultDeckSettings);

let seq = 0;
const nextId = () => `e${String(++seq).padStart(8, '0')}`;

export function srs(
  state: FsrsStateName,
  opts: Partial<StoredSrsState> & { due?: string } = {},
): StoredSrsState {
  return {
    state,
    due: '2026-03-20T10:00:00.000Z',
    stability: 10,
    difficulty: 5,
    scheduledDays: 10,
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    lastReview: '2026-03-01T10:00:00.000Z',
    firstReview: '2026-01-01T10:00:00.000Z',
    ...opts,
  };
}

/** A review of `card` at `at`: `prev` is the state before (null: first rating). */
export function review(
  card: string,
  at: string,
  rating: Rating,
  prev: StoredSrsState | null,
  opts: { id?: string; via?: 'review' | 'cram'; durationMs?: number } = {},
): ReviewEntry {
  const after = srs(rating === 1 ? 'Relearning' : 'Review', { lastReview: at });
  return {
    v: 1,
    id: opts.id ?? nextId(),
    card,
    kind: 'review',
    ...after,
    rating,
    reviewedAt: at,
    durationMs: opts.durationMs ?? 5000,
    prev,
    ...(opts.via ? { via: opts.via } : {}),
  };
}

/** `prev` shorthand: a card in review with an interval of `days`. */
export const inReview = (days: number): StoredSrsState => srs('Review', { scheduledDays: days });

export function undo(entry: ReviewEntry, at: string): UndoEntry {
  return {
    v: 1,
    id: nextId(),
    card: entry.card,
    kind: 'undo',
    undoes: entry.id,
    at,
    restore: entry.prev ?? null,
  };
}

export function cram(card: string, at: string, rating: Rating): CramEntry {
  return { v: 1, id: nextId(), card, kind: 'cram', rating, at, durationMs: 3000 };
}

export function statsCard(
  card: Card | string,
  state: StoredSrsState | null = null,
  settings: Partial<DeckSettings> = {},
): StatsCard {
  const c = typeof card === 'string' ? basicFromKey(card) : card;
  const s = { ...defaultDeckSettings, ...settings };
  return {
    card: c,
    progress: state ? { srs: srsFromStored(state) } : undefined,
    settings: s,
    scheduler: settings.retention ? new Scheduler(s) : scheduler,
  };
}

function basicFromKey(key: string): Card {
  const [deck, id] = key.split('/') as [string, string];
  return basic(id, { deck });
}
