/** Bury, bury the note, suspend and mark from a study screen, each undone by the recorder. */
import { describe, expect, it } from 'vitest';
import { cardControl } from '../../src/app/card-control.js';
import { Recorder } from '../../src/app/recorder.js';
import { startReview } from '../../src/app/review.js';
import { basic } from '../support/cards.js';
import { collectionsClosedAfterEach, deck } from './collection.js';

const open = collectionsClosedAfterEach();
// 10:00 local on 10 March; the study day starts at 04:00.
const now = new Date(2026, 2, 10, 10, 0).getTime();
const nextDay = new Date(2026, 2, 11, 4, 0).getTime();
const cards = [basic('a'), basic('n1', { note: 'n' }), basic('n2', { note: 'n' }), basic('b')];

async function setup() {
  const collection = await open([deck('d', cards)]);
  const recorder = new Recorder(collection.store, (d) => collection.schedulerFor(d));
  return { collection, recorder, control: cardControl(collection, recorder) };
}

const queued = (c: Awaited<ReturnType<typeof setup>>['collection'], at: number) => {
  const s = startReview(c, undefined, at);
  return [s.current, ...s.pending].flatMap((i) => (i ? [i.card.key] : []));
};

describe('card control', () => {
  it('buries a note: every card of it, until the next study day starts', async () => {
    const { collection, control } = await setup();
    const done = control.putAside(cards[1]!, 'buryNote', now);
    expect(done?.keys).toEqual(['d/n1', 'd/n2']);
    expect(collection.store.get('d/n2')?.buriedUntil).toBe(nextDay);
    expect(queued(collection, now)).toEqual(['d/a', 'd/b']);
    expect(queued(collection, nextDay)).toContain('d/n1');
  });

  it('buries one card; burying it again records nothing', async () => {
    const { collection, control } = await setup();
    expect(control.putAside(cards[0]!, 'bury', now)?.keys).toEqual(['d/a']);
    expect(collection.store.get('d/n1')).toBeUndefined();
    expect(control.putAside(cards[0]!, 'bury', now + 1)).toBeNull();
  });

  it('suspends until undone', async () => {
    const { collection, recorder, control } = await setup();
    const done = control.putAside(cards[3]!, 'suspend', now);
    expect(queued(collection, nextDay + 86_400_000)).not.toContain('d/b');
    recorder.undo(done!.entryId, now + 1);
    expect(queued(collection, now + 2)).toContain('d/b');
  });

  it('marks a card, and undo takes the mark back', async () => {
    const { collection, recorder, control } = await setup();
    const id = control.mark(cards[0]!, 'red', now);
    expect(collection.store.get('d/a')?.mark).toBe('red');
    expect(control.mark(cards[0]!, 'red', now + 1)).toBeNull();
    recorder.undo(id!, now + 2);
    expect(collection.store.get('d/a')?.mark).toBeUndefined();
  });
});
