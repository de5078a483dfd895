import { describe, expect, it } from 'vitest';
import {
  emptySelectionMessage,
  selectCards,
  selectionTitle,
  splitTags,
  unknownTags,
} from '../../src/app/selection.js';
import { basicQ } from '../core/quiz-cards.js';
import { deck } from './collection.js';

const decks = {
  decks: [
    deck('jobs', [
      basicQ('a', 'A?', 'a', { deck: 'jobs', tags: ['api', 'Endpoints'] }),
      basicQ('b', 'B?', 'b', { deck: 'jobs', tags: ['cli'] }),
      basicQ('c', 'C?', 'c', { deck: 'jobs' }),
    ]),
    deck('sql', [basicQ('d', 'D?', 'd', { deck: 'sql', tags: ['api'] })]),
  ],
};
const keys = (sel: Parameters<typeof selectCards>[1]) => selectCards(decks, sel).map((c) => c.key);

describe('card selection', () => {
  it('takes every card of every deck, in deck and file order, when nothing narrows it', () => {
    expect(keys({})).toEqual(['jobs/a', 'jobs/b', 'jobs/c', 'sql/d']);
  });

  it('keeps the chosen decks only', () => {
    expect(keys({ deckIds: new Set(['sql']) })).toEqual(['sql/d']);
  });

  it('keeps cards with any of the tags, ignoring case', () => {
    expect(keys({ tags: ['endpoints', 'CLI'] })).toEqual(['jobs/a', 'jobs/b']);
    expect(keys({ tags: ['api'], deckIds: new Set(['jobs']) })).toEqual(['jobs/a']);
  });

  it('names tags no card has, and says which tags there are', () => {
    expect(unknownTags(decks, { tags: ['api', 'nope'] })).toEqual(['nope']);
    expect(emptySelectionMessage(decks, { tags: ['nope'] })).toBe(
      'no card has the tag "nope" (tags in these decks: Endpoints, api, cli)',
    );
    expect(emptySelectionMessage({ decks: [] }, {})).toMatch(/no decks found/);
  });

  it('titles a selection by its deck and tags', () => {
    expect(selectionTitle(decks, { deckIds: new Set(['jobs']), tags: ['api'] })).toBe(
      'Deck jobs · #api',
    );
    expect(selectionTitle(decks, {})).toBe('All decks');
  });
});

describe('splitTags', () => {
  it('takes repeated flags and comma lists alike, trimming and dropping empties', () => {
    expect(splitTags(['a,b', ' c ', 'd,,'])).toEqual(['a', 'b', 'c', 'd']);
    expect(splitTags(undefined)).toEqual([]);
  });
});
