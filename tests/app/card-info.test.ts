/** Card info: the card's schedule and every rating it got, from the review log. */
import { describe, expect, it } from 'vitest';
import { cardInfo } from '../../src/app/card-info.js';
import { Recorder } from '../../src/app/recorder.js';
import { basic } from '../support/cards.js';
import { collectionsClosedAfterEach, deck } from './collection.js';

const open = collectionsClosedAfterEach();
const t0 = Date.parse('2026-03-10T10:00:00.000Z');
const day = 86_400_000;

describe('card info', () => {
  it('lists every rating no undo cancelled, with the interval each gave and its time', async () => {
    const card = basic('a');
    const collection = await open([deck('d', [card, basic('b')])]);
    const recorder = new Recorder(collection.store, (d) => collection.schedulerFor(d));
    const first = recorder.rate('d', 'd/a', 4, t0, 4000);
    recorder.rate('d', 'd/b', 1, t0 + 1000, 1000);
    const undone = recorder.rate('d', 'd/a', 1, first.next.due, 9000);
    recorder.undo(undone.entryId, first.next.due + 1);
    recorder.cram('d/a', 3, first.next.due + 2000, 2000);
    const last = recorder.rate('d', 'd/a', 3, first.next.due + 5000, 6000);

    const info = await cardInfo(collection, card, last.next.due);
    expect(info).toMatchObject({ state: 'Review', reps: 2, lapses: 0, suspended: false });
    expect(info.due).toBe(last.next.due);
    expect(info.recall).toBeGreaterThan(0.85);
    expect(info.recall).toBeLessThan(0.95);
    expect(info.ratings.map((r) => [r.rating, r.cram, r.durationMs])).toEqual([
      [4, false, 4000],
      [null, true, 2000],
      [3, false, 6000],
    ]);
    // Easy gave the interval the next review started from; the latest, the one to its due date.
    expect(info.ratings[0]!.intervalMs).toBe(first.next.scheduledDays * day);
    expect(info.ratings[1]!.intervalMs).toBeNull();
    expect(info.ratings[2]!.intervalMs).toBe(last.next.due - (first.next.due + 5000));
  });

  it('a new card: no schedule, never rated, its mark and bury shown', async () => {
    const card = basic('a');
    const collection = await open([deck('d', [card])]);
    const recorder = new Recorder(collection.store, (d) => collection.schedulerFor(d));
    recorder.control(['d/a'], { kind: 'mark', mark: 'red' }, t0);
    recorder.control(['d/a'], { kind: 'bury', until: t0 + day }, t0);
    const info = await cardInfo(collection, card, t0 + 1);
    expect(info).toMatchObject({
      state: 'New',
      due: null,
      recall: null,
      mark: 'red',
      buriedUntil: t0 + day,
      ratings: [],
    });
  });
});
