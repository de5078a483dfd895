import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { Collection } from '../../src/app/collection.js';
import { ProgressStore } from '../../src/store/progress.js';
import { AppContainer, firstNav, type StartAt } from '../../src/ui/AppContainer.js';
import { KeyRouter } from '../../src/ui/hooks/use-keys.js';
import { collectionsClosedAfterEach, deck } from '../app/collection.js';
import { basicQ, typedQ } from '../core/quiz-cards.js';
import { frameMatching } from '../support/ink.js';

const now = Date.parse('2026-03-10T12:00:00Z');
const clock = () => now;
const open = collectionsClosedAfterEach();

const decks = () => [
  deck('a', [basicQ('a1', 'Q a1', 'A a1', { deck: 'a' })], { name: 'Deck a' }),
  deck('b', [typedQ('b1', 'Capital of France?', ['Paris'], { deck: 'b' })], { name: 'Deck b' }),
];

function app(
  collection: Collection,
  start: StartAt = { screen: 'home' },
  reload?: (c: Collection) => Promise<{ collection: Collection; problems: string[] } | null>,
) {
  const exited = false;
  const view = render(
    <KeyRouter>
      <AppContainer
        collection={collection}
        problems={[]}
        clock={clock}
        startedHome={start.screen === 'home'}
        initial={firstNav(collection, clock, start)}
        {...(reload ? { reload } : {})}
      />
    </KeyRouter>,
  );
  const lines = () =>
    readFileSync(join(collection.store.dir, 'reviews.jsonl'), 'utf8').trim().split('\n');
  return { view, lines, exited: () => exited };
}

describe('the whole app', () => {
  it('home → review → summary → home, keeping the deck that was selected', async () => {
    const { view, lines } = app(await open(decks()));
    await frameMatching(view.lastFrame, '› All decks');
    view.stdin.write('jj');
    await frameMatching(view.lastFrame, '› Deck b');
    view.stdin.write('\r');
    await frameMatching(view.lastFrame, 'Capital of France?');
    view.stdin.write('PARIS\r');
    await frameMatching(view.lastFrame, 'typed    PARIS');
    view.stdin.write('4');
    await frameMatching(view.lastFrame, 'Reviewed 1');
    // Home opened it: q goes back there, and the footer says so.
    expect(view.lastFrame()).toMatch(/^ q back · /m);
    view.stdin.write('\r');
    const home = await frameMatching(view.lastFrame, 'Deck a');
    expect(home).toMatch(/› Deck b\s+0\s+0\s+0/);
    expect(lines()).toHaveLength(1);
  });

  it('back home, shows a deck edited meanwhile: its new card is counted and studied', async () => {
    const c = await open(decks());
    const edited = [
      deck(
        'a',
        [
          basicQ('a1', 'Q a1', 'A a1', { deck: 'a' }),
          basicQ('a2', 'Q a2', 'A a2', { deck: 'a', order: 1 }),
        ],
        { name: 'Deck a' },
      ),
      decks()[1]!,
    ];
    let reads = 0;
    const { view } = app(c, { screen: 'home' }, async (current) => {
      reads++;
      return { collection: new Collection(edited, current.store, current.config), problems: [] };
    });
    await frameMatching(view.lastFrame, '› All decks');
    view.stdin.write('j');
    await frameMatching(view.lastFrame, /› Deck a\s+1\s+0\s+0/);
    view.stdin.write('\r');
    await frameMatching(view.lastFrame, 'Q a1');
    view.stdin.write('q');
    await frameMatching(view.lastFrame, /Session ended[\s\S]*Still due: 1 new card\./);
    view.stdin.write('q');
    await frameMatching(view.lastFrame, /› Deck a\s+2\s+0\s+0/);
    expect(reads).toBe(1);
    view.stdin.write('\r');
    await frameMatching(view.lastFrame, /New 2 · Learn 0 · Review 0/);
  });

  it('u on the summary undoes the last rating and goes back to that card', async () => {
    const { view, lines } = app(await open(decks()), { screen: 'review', deckIds: new Set(['a']) });
    await frameMatching(view.lastFrame, 'Q a1');
    view.stdin.write(' ');
    await frameMatching(view.lastFrame, 'A a1');
    view.stdin.write('4');
    await frameMatching(view.lastFrame, 'Reviewed 1');
    expect(view.lastFrame()).toContain('u undo');
    // `recall review`: q leaves recall.
    expect(view.lastFrame()).toMatch(/^ q quit · /m);
    view.stdin.write('u');
    await frameMatching(view.lastFrame, 'Q a1');
    expect(lines().map((l) => JSON.parse(l).kind)).toEqual(['review', 'undo']);
    view.stdin.write('q');
    await frameMatching(view.lastFrame, 'Nothing reviewed');
    expect(view.lastFrame()).not.toContain('u undo');
  });

  it('crams the selected deck from home and comes back to it', async () => {
    const { view, lines } = app(await open(decks()));
    view.stdin.write('j');
    await frameMatching(view.lastFrame, '› Deck a');
    view.stdin.write('c');
    await frameMatching(view.lastFrame, 'Cram · Deck a');
    view.stdin.write(' ');
    await frameMatching(view.lastFrame, 'A a1');
    view.stdin.write('y');
    await frameMatching(view.lastFrame, 'Cram finished');
    view.stdin.write('\r');
    await frameMatching(view.lastFrame, /› Deck a\s+1/);
    expect(lines().map((l) => JSON.parse(l).kind)).toEqual(['cram']);
  });

  it('sets a mock test of the selected deck from home, keeps its result, and comes back', async () => {
    const collection = await open(decks());
    const { view } = app(collection);
    view.stdin.write('jj');
    await frameMatching(view.lastFrame, '› Deck b');
    view.stdin.write('t');
    await frameMatching(view.lastFrame, 'Question 1 of 1');
    view.stdin.write('Lyon\r');
    await frameMatching(view.lastFrame, 'Hand in the test?');
    view.stdin.write('y');
    await frameMatching(view.lastFrame, 'Mock test result');
    expect(existsSync(join(collection.store.dir, 'quizzes.jsonl'))).toBe(true);
    view.stdin.write('q');
    await frameMatching(view.lastFrame, /› Deck b/);
  });

  it('opens the help of the screen with ? and closes it, the screen as it was', async () => {
    const { view } = app(await open(decks()), { screen: 'review', deckIds: new Set(['a']) });
    await frameMatching(view.lastFrame, 'Q a1');
    view.stdin.write('?');
    const help = await frameMatching(view.lastFrame, 'Keys · review, question');
    expect(help).toContain('space/enter show the answer');
    expect(help).not.toContain('Q a1');
    view.stdin.write('?');
    await frameMatching(view.lastFrame, 'Q a1');
  });

  it('says why a test cannot start, on home', async () => {
    const { view } = app(
      await open([deck('a', [basicQ('a1', 'Q', 'A', { deck: 'a' })], { name: 'Deck a' })]),
    );
    view.stdin.write('t');
    await frameMatching(view.lastFrame, 'no mock test');
  });
});

describe('two sessions on one collection', () => {
  it('skips a card the other session rated since this queue was built, saying so in a line', async () => {
    const two = () => [
      deck(
        'a',
        [basicQ('a1', 'Q a1', 'A a1', { deck: 'a' }), basicQ('a2', 'Q a2', 'A a2', { deck: 'a' })],
        {
          name: 'Deck a',
        },
      ),
    ];
    const first = await open(two());
    const { store } = await ProgressStore.open(first.store.dir);
    const second = new Collection(two(), store, first.config);
    const start = { screen: 'review', deckIds: new Set(['a']) } as const;
    const a = app(first, start);
    const b = app(second, start);
    await frameMatching(a.view.lastFrame, 'Q a1');
    await frameMatching(b.view.lastFrame, 'Q a1');
    // A rates a1 Easy; B, whose queue was built before, then tries to rate it too.
    a.view.stdin.write(' ');
    await frameMatching(a.view.lastFrame, 'A a1');
    a.view.stdin.write('4');
    await frameMatching(a.view.lastFrame, 'Q a2');
    b.view.stdin.write(' ');
    await frameMatching(b.view.lastFrame, 'A a1');
    b.view.stdin.write('1');
    const frame = await frameMatching(b.view.lastFrame, 'Q a2');
    expect(frame.replace(/\s+/g, ' ')).toContain(
      'Skipped: another session rated that card since this review began; its rating stands.',
    );
    const reviews = a.lines().map((l) => JSON.parse(l));
    expect(reviews.map((e) => [e.kind, e.card, e.rating])).toEqual([['review', 'a/a1', 4]]);
    // B's own card is rated as usual, and its own learning steps build on its own ratings.
    b.view.stdin.write(' ');
    await frameMatching(b.view.lastFrame, 'A a2');
    b.view.stdin.write('1');
    await frameMatching(b.view.lastFrame, 'Q a2');
    b.view.stdin.write(' ');
    await frameMatching(b.view.lastFrame, 'A a2');
    b.view.stdin.write('4');
    await frameMatching(b.view.lastFrame, 'Reviewed 1');
    expect(a.lines().map((l) => JSON.parse(l).card)).toEqual(['a/a1', 'a/a2', 'a/a2']);
    await store.close();
  });
});
