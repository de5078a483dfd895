import type { BasicCard } from '../../src/core/card.js';
import type { SrsState } from '../../src/core/model.js';
import type { QueueInput } from '../../src/core/queue.js';
import { type DeckSettings, defaultDeckSettings } from '../../src/core/settings.js';

/** A basic card `deck/id` (sub-cards of one note share `note`). */
export function basic(
  id: string,
  opts: { deck?: string; note?: string; order?: number; group?: string } = {},
): BasicCard {
  const deckId = opts.deck ?? 'd';
  return {
    kind: 'basic',
    key: `${deckId}/${id}`,
    deckId,
    noteId: opts.note ?? id,
    ...(opts.group === undefined ? {} : { group: opts.group }),
    implicitId: false,
    tags: [],
    pos: { file: `${deckId}.yaml`, line: 1, col: 1 },
    order: opts.order ?? 0,
    prompt: `Q ${id}`,
    answer: `A ${id}`,
  };
}

/** A card in review, due at `due` (ISO), last reviewed on 1 January 2026. */
export function review(due: string, extra: Partial<SrsState> = {}): SrsState {
  return {
    state: 'Review',
    due: Date.parse(due),
    stability: 10,
    difficulty: 5,
    scheduledDays: 10,
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    lastReview: Date.parse('2026-01-01T10:00:00.000Z'),
    firstReview: Date.parse('2025-12-01T10:00:00.000Z'),
    ...extra,
  };
}

export function input(
  card: BasicCard,
  srs: SrsState | null = null,
  settings: Partial<DeckSettings> = {},
  /** ISO instant of a flag. */
  flagged?: string,
): QueueInput {
  const flag = flagged === undefined ? {} : { flaggedAt: Date.parse(flagged) };
  return {
    card,
    progress: srs || flagged ? { srs, ...flag } : undefined,
    settings: { ...defaultDeckSettings, ...settings },
  };
}
