import type { BasicCard } from '../../src/deck/model.js';
import type { QueueInput } from '../../src/srs/queue.js';
import { type DeckSettings, defaultDeckSettings } from '../../src/srs/settings.js';
import type { SrsState } from '../../src/store/model.js';

/** A basic card `deck/id` (sub-cards of one note share `note`). */
export function basic(
  id: string,
  opts: { deck?: string; note?: string; order?: number } = {},
): BasicCard {
  const deckId = opts.deck ?? 'd';
  return {
    kind: 'basic',
    key: `${deckId}/${id}`,
    deckId,
    noteId: opts.note ?? id,
    implicitId: false,
    tags: [],
    pos: { file: `${deckId}.yaml`, line: 1, col: 1 },
    order: opts.order ?? 0,
    prompt: `Q ${id}`,
    answer: `A ${id}`,
  };
}

export function review(due: string, extra: Partial<SrsState> = {}): SrsState {
  return {
    state: 'Review',
    due,
    stability: 10,
    difficulty: 5,
    scheduledDays: 10,
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    lastReview: '2026-01-01T10:00:00.000Z',
    firstReview: '2025-12-01T10:00:00.000Z',
    ...extra,
  };
}

export function input(
  card: BasicCard,
  srs: SrsState | null = null,
  settings: Partial<DeckSettings> = {},
  flaggedAt?: string,
): QueueInput {
  return {
    card,
    progress: srs || flaggedAt ? { srs, ...(flaggedAt ? { flaggedAt } : {}) } : undefined,
    settings: { ...defaultDeckSettings, ...settings },
  };
}
