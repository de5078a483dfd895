import { describe, expect, it } from 'vitest';
import { prepareCram } from '../../src/app/cram.js';
import { Recorder } from '../../src/app/recorder.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { basicQ } from '../core/quiz-cards.js';
import { collectionsClosedAfterEach, deck } from './collection.js';

const now = Date.parse('2026-03-10T20:00:00Z');
const cards = ['a', 'b', 'c', 'd'].map((id, i) =>
  basicQ(id, `${id}?`, id, { tags: i % 2 ? ['odd'] : ['even'], order: i }),
);
const open = collectionsClosedAfterEach();

describe('starting a cram', () => {
  it('drills the weakest first: new cards, then the lowest retrievability', async () => {
    const c = await open([deck('d', cards)]);
    const rec = new Recorder(c.store, () => new Scheduler(defaultDeckSettings));
    // b was forgotten long ago (Again a month back), d reviewed Easy yesterday; a and c are new.
    rec.rate('d', 'd/b', 1, Date.parse('2026-02-01T10:00:00Z'), 1000);
    rec.rate('d', 'd/d', 4, Date.parse('2026-03-09T10:00:00Z'), 1000);
    const start = prepareCram(c, {}, now);
    expect(start.state.cards.map((x) => x.key)).toEqual(['d/a', 'd/c', 'd/b', 'd/d']);
    expect(start.reschedule).toBe(false);
    expect(start.title).toBe('Deck d');
  });

  it('applies tags, order and limit', async () => {
    const c = await open([deck('d', cards)]);
    const start = prepareCram(c, { tags: ['odd'], order: 'deck', limit: 1 }, now);
    expect(start.state.cards.map((x) => x.key)).toEqual(['d/b']);
    const random = (seed: string) =>
      prepareCram(c, { order: 'random', seed }, now).state.cards.map((x) => x.key);
    expect(random('x')).toEqual(random('x'));
  });

  it('refuses an empty selection with a message saying why', async () => {
    const c = await open([deck('d', cards)]);
    expect(() => prepareCram(c, { tags: ['nope'] }, now)).toThrow(
      /nothing to cram: no card has the tag "nope" \(tags in these decks: even, odd\)/,
    );
  });
});
