/** Log entries for store tests: valid by default, each field overridable. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CardProgress, Rating } from '../../src/core/model.js';
import { progressFromStored } from '../../src/store/convert.js';
import type {
  CramEntry,
  FlagEntry,
  ReviewEntry,
  StoredCardProgress,
  StoredSrsState,
  UndoEntry,
} from '../../src/store/model.js';

let seq = 0;
const nextId = () => `id-${String(++seq).padStart(6, '0')}`;

const made: string[] = [];

/** A fresh folder under the system temp dir, removed by `removeTempDirs`. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'recall-store-'));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export function state(reps: number, at = '2025-03-01T10:00:00.000Z'): StoredSrsState {
  return {
    state: 'Review',
    due: new Date(Date.parse(at) + reps * 86_400_000).toISOString(),
    stability: 2.5 * reps,
    difficulty: 5.1,
    scheduledDays: reps,
    learningSteps: 0,
    reps,
    lapses: 0,
    lastReview: at,
    firstReview: '2025-02-01T09:00:00.000Z',
  };
}

export function review(
  card: string,
  next: StoredSrsState,
  prev: StoredSrsState | null,
  extra: Partial<ReviewEntry> = {},
): ReviewEntry {
  return {
    v: 1,
    id: nextId(),
    kind: 'review',
    card,
    rating: 3 as Rating,
    reviewedAt: next.lastReview ?? '2025-03-01T10:00:00.000Z',
    durationMs: 4200,
    ...next,
    prev,
    ...extra,
  };
}

export function undo(of: ReviewEntry, at = '2025-03-01T10:00:05.000Z'): UndoEntry {
  return {
    v: 1,
    id: nextId(),
    kind: 'undo',
    card: of.card,
    undoes: of.id,
    at,
    restore: of.prev ?? null,
  };
}

export function flag(card: string, at: string, reason = 'missed in a quiz'): FlagEntry {
  return { v: 1, id: nextId(), kind: 'flag', card, at, reason };
}

export function cram(card: string, at = '2025-03-01T11:00:00.000Z'): CramEntry {
  return { v: 1, id: nextId(), kind: 'cram', card, rating: 1, at, durationMs: 1500 };
}

/** What the store holds for a card written as it is stored (ISO dates): its domain form. */
export const known = (stored: StoredCardProgress): CardProgress => progressFromStored(stored);
