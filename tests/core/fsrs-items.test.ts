import { convertCsvToFsrsItems } from '@open-spaced-repetition/binding';
import { describe, expect, it } from 'vitest';
import { type TrainingItem, trainingItems } from '../../src/core/fsrs-items.js';
import { HistoryBuilder, type HistoryEntry, slim as slimEntry } from '../../src/store/history.js';
import type { ReviewEntry, StoredSrsState } from '../../src/store/model.js';
import { syntheticLearner } from '../support/learner.js';

const DAY_STARTS_AT = 4;
const start = Date.UTC(2026, 0, 5, 9);

const slim = (e: ReviewEntry): HistoryEntry => slimEntry(e);

const shown = (items: readonly TrainingItem[]) =>
  items.map((it) =>
    it.reviews
      .slice(0, it.count)
      .map((r) => `${r.rating}:${r.deltaT}`)
      .join(' '),
  );

/** The log as fsrs-rs's CSV: real reviews only, review_state from the state before each. */
function csvOf(entries: readonly ReviewEntry[]): string {
  const state = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
  const rows = entries.map(
    (e) =>
      `${e.card},${Date.parse(e.reviewedAt)},${e.rating},${e.prev ? state[e.prev.state] : 0},${e.durationMs}`,
  );
  return `card_id,review_time,review_rating,review_state,review_duration\n${rows.join('\n')}\n`;
}

describe('trainingItems', () => {
  it('builds what the binding builds from the same history as CSV', () => {
    const learnt = syntheticLearner({ cards: 60, days: 40, seed: 7, start }).entries;
    // One card made new again and learnt anew: both sides keep only its second learning.
    const last = [...learnt].reverse().find((e) => e.card === 'learner/c0')!;
    const again = (days: number, rating: 1 | 3, prev: StoredSrsState | null): ReviewEntry => ({
      ...last,
      id: `reset-${days}`,
      rating,
      reviewedAt: new Date(start + days * 86_400_000).toISOString(),
      prev,
    });
    const entries = [
      ...learnt,
      again(45, 1, null),
      again(45.01, 3, { ...last, state: 'Learning' }),
      again(48, 3, { ...last, state: 'Review' }),
    ];
    const history = new HistoryBuilder();
    for (const e of entries) history.entry(slim(e));
    const ours = shown(trainingItems(history.history(), DAY_STARTS_AT).items);
    const csv = Buffer.from(csvOf(entries));
    const theirs = convertCsvToFsrsItems(
      csv,
      DAY_STARTS_AT,
      'UTC',
      (ms) => -new Date(ms).getTimezoneOffset(),
    );
    const binding = theirs.map((it) => it.reviews.map((r) => `${r.rating}:${r.deltaT}`).join(' '));
    expect(ours.length).toBeGreaterThan(150);
    expect([...ours].sort()).toEqual([...binding].sort());
  });

  it('leaves out cram answers and undone ratings, follows moves, and starts a reset card over', () => {
    const h = new HistoryBuilder();
    const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 0, 5 + day, hour)).toISOString();
    const review = (id: string, card: string, rating: 1 | 2 | 3 | 4, when: string, first = false) =>
      h.entry({
        kind: 'review',
        id,
        card,
        rating,
        reviewedAt: when,
        durationMs: 1000,
        state: 'Review',
        scheduledDays: 1,
        prev: first ? null : { state: 'Review', scheduledDays: 1 },
      });
    review('a1', 'd/a', 3, at(0), true);
    h.entry({ kind: 'cram', id: 'c1', card: 'd/a', at: at(1, 8), durationMs: 500 });
    review('a2', 'd/a', 1, at(1));
    h.entry({
      kind: 'undo',
      card: 'd/a',
      undoes: 'a2',
      restore: { state: 'Review', scheduledDays: 1 },
    });
    review('a3', 'd/a', 3, at(2));
    // Before 4:00 it is still the study day before: 3 days after, not 4.
    review('a4', 'd/a', 4, at(6, 3));
    h.entry({ kind: 'move', card: 'd/a', to: 'd/b' });
    review('b1', 'd/b', 2, at(9));
    // Made new again (its next rating has no state before it): its history starts over.
    review('x1', 'd/x', 3, at(0), true);
    review('x2', 'd/x', 3, at(3));
    review('x3', 'd/x', 3, at(5), true);
    review('x4', 'd/x', 1, at(5, 11));
    review('x5', 'd/x', 3, at(8));
    const set = trainingItems(h.history(), DAY_STARTS_AT);
    // In log order (a real log's is time order). x4 is the same day as x3: it ends no item, but
    // is in the history of the next.
    expect(shown(set.items)).toEqual(['3:0 3:2', '3:0 3:2 4:3', '3:0 3:2 4:3 2:4', '3:0 1:0 3:3']);
    expect(set).toMatchObject({ reviews: 7, cards: 2 });
    expect(shown(trainingItems(h.history(), DAY_STARTS_AT, (k) => k === 'd/x').items)).toEqual([
      '3:0 1:0 3:3',
    ]);
  });
});
