/** Leeches: the rating that reaches leech_threshold lapses marks or suspends the card. */
import { describe, expect, it } from 'vitest';
import { type LeechRule, Recorder } from '../../src/app/recorder.js';
import { becameLeech } from '../../src/core/settings.js';
import { basic } from '../support/cards.js';
import { collectionsClosedAfterEach, deck } from './collection.js';

const open = collectionsClosedAfterEach();
const t0 = Date.parse('2026-03-10T10:00:00.000Z');
const day = 86_400_000;

/** Rates d/a Good until it is in review, then Again and Good by turns: one lapse per round. */
async function lapsing(rule: LeechRule) {
  const collection = await open([deck('d', [basic('a')])]);
  const recorder = new Recorder(
    collection.store,
    (d) => collection.schedulerFor(d),
    () => undefined,
    () => rule,
  );
  let at = t0;
  const rate = (r: 1 | 3 | 4) => {
    const done = recorder.rate('d', 'd/a', r, at, 1000);
    at = Math.max(at + 60_000, done.next.due);
    return done;
  };
  rate(4);
  const lapse = () => {
    rate(3);
    return rate(1);
  };
  return { collection, recorder, lapse };
}

describe('leeches', () => {
  it.each([
    [0, 1, 8, false],
    [7, 8, 8, true],
    [8, 8, 8, false],
    [8, 9, 8, false],
    [11, 12, 8, true],
    [15, 16, 8, true],
    [2, 3, 3, true],
    [3, 4, 3, false],
    [4, 5, 3, true],
  ])('%i → %i lapses with threshold %i: leech %s', (before, after, threshold, leech) => {
    expect(becameLeech(before, after, threshold)).toBe(leech);
  });

  it('tag: the lapse that reaches the threshold marks the card "leech"; undo takes both back', async () => {
    const { collection, recorder, lapse } = await lapsing({ threshold: 2, action: 'tag' });
    expect(lapse().leech).toBeUndefined();
    const second = lapse();
    expect(second.next.lapses).toBe(2);
    expect(second.leech).toBe('tag');
    expect(collection.store.get('d/a')).toMatchObject({ mark: 'leech' });
    expect(collection.store.get('d/a')?.suspended).toBeUndefined();
    recorder.undo(second.entryId, second.next.due + day);
    expect(collection.store.get('d/a')?.mark).toBeUndefined();
    expect(collection.store.get('d/a')?.srs?.lapses).toBe(1);
  });

  it('suspend: the leech leaves every queue', async () => {
    const { collection, lapse } = await lapsing({ threshold: 1, action: 'suspend' });
    expect(lapse().leech).toBe('suspend');
    expect(collection.store.get('d/a')?.suspended).toBe(true);
  });
});
