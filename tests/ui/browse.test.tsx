import { describe, expect, it } from 'vitest';
import type { Collection } from '../../src/app/collection.js';
import { Recorder } from '../../src/app/recorder.js';
import { dayStart } from '../../src/core/day.js';
import { displayWidth } from '../../src/text/width.js';
import { AppContainer, firstNav, type StartAt } from '../../src/ui/AppContainer.js';
import { KeyRouter } from '../../src/ui/hooks/use-keys.js';
import { collectionsClosedAfterEach, deck } from '../app/collection.js';
import { basicQ } from '../core/quiz-cards.js';
import { eventually, frameMatching, renderAt } from '../support/ink.js';

const now = Date.parse('2026-03-10T12:00:00Z');
const clock = () => now;
const open = collectionsClosedAfterEach();

const decks = () => [
  deck(
    'geo',
    [
      basicQ('fr', 'What is the capital of France?', 'Paris', { deck: 'geo' }),
      basicQ('de', 'What is the capital of Germany?', 'Berlin', { deck: 'geo' }),
      basicQ('it', 'What is the capital of Italy?', 'Rome', { deck: 'geo' }),
    ],
    { name: 'Capitals' },
  ),
  deck('math', [basicQ('six', 'What is **6** times 7?', '42', { deck: 'math' })], { name: 'Sums' }),
];

function app(collection: Collection, columns = 80, rows = 24, query = '', fromHome = false) {
  const start: StartAt = fromHome ? { screen: 'home' } : { screen: 'browse', query, sort: 'due' };
  return renderAt(
    <KeyRouter>
      <AppContainer
        collection={collection}
        problems={[]}
        clock={clock}
        startedHome={fromHome}
        initial={firstNav(collection, clock, start)}
      />
    </KeyRouter>,
    columns,
    rows,
  );
}

const type = (view: ReturnType<typeof app>, keys: string) => {
  for (const k of keys) view.stdin.write(k);
};

describe('the browse screen', () => {
  it('shows a question as its card reads, without Markdown markers', async () => {
    const view = app(await open(decks()));
    const frame = await frameMatching(view.lastFrame, 'What is 6 times 7?');
    expect(frame).not.toContain('**');
  });

  it('filters as the query is typed, and points at a mistake under the query line', async () => {
    const view = app(await open(decks()));
    await frameMatching(view.lastFrame, 'Browse · 4 of 4 cards');
    type(view, '/capital -germ');
    let frame = await frameMatching(view.lastFrame, 'Browse · 2 of 4 cards');
    expect(frame).toContain('capital of France');
    expect(frame).not.toContain('Germany');
    type(view, ' ta:x');
    frame = await frameMatching(view.lastFrame, 'unknown field "ta:"');
    // The caret stands under the `t` of `ta:`, after the `/ ` prompt.
    const lines = frame.split('\n');
    const query = lines.findIndex((l) => l.includes('/ capital -germ ta:x'));
    expect(lines[query + 1]!.indexOf('^')).toBe(lines[query]!.indexOf('ta:x'));
    // The table keeps the last good result.
    expect(frame).toContain('Browse · 2 of 4 cards');
  });

  it('suspends the card under the cursor, durably, and undoes it', async () => {
    const collection = await open(decks());
    const view = app(collection, 80, 24, 'deck:sums');
    await frameMatching(view.lastFrame, 'Browse · 1 of 4 cards');
    type(view, 's');
    await frameMatching(view.lastFrame, 'Suspended 1 card · u undo');
    expect(collection.store.get('math/six')?.suspended).toBe(true);
    type(view, 'u');
    await frameMatching(view.lastFrame, 'Undone on 1 card.');
    expect(collection.store.get('math/six')?.suspended).toBeUndefined();
  });

  it('says what s and b do to the card: unsuspend a suspended one, unbury a buried one', async () => {
    const view = app(await open(decks()), 80, 24, 'deck:sums');
    let frame = await frameMatching(view.lastFrame, 'Browse · 1 of 4 cards');
    expect(frame).toMatch(/ s suspend · b bury · /);
    type(view, 's');
    frame = await frameMatching(view.lastFrame, 'Suspended 1 card');
    expect(frame).toMatch(/ s unsuspend · b bury · /);
    type(view, 'b');
    frame = await frameMatching(view.lastFrame, 'Buried 1 card');
    expect(frame).toMatch(/ s unsuspend · b unbury · /);
    type(view, 's');
    frame = await frameMatching(view.lastFrame, 'Unsuspended 1 card');
    expect(frame).toMatch(/ s suspend · b unbury · /);
  });

  it('says q quit when `recall browse` opened it, and q back when home did', async () => {
    const collection = await open(decks());
    const alone = app(collection, 80, 24);
    expect(await frameMatching(alone.lastFrame, 'Browse ·')).toMatch(/ q quit$/m);
    alone.unmount();
    const fromHome = app(collection, 80, 24, '', true);
    await frameMatching(fromHome.lastFrame, 'review deck');
    type(fromHome, 'b');
    expect(await frameMatching(fromHome.lastFrame, 'Browse ·')).toMatch(/ q back$/m);
    type(fromHome, 'q');
    await frameMatching(fromHome.lastFrame, 'review deck');
  });

  it('at 40×15 says whole what an edit did: the file by its name, and when the change shows', async () => {
    const card = {
      ...basicQ('six', 'What is 6 times 7?', '42', { deck: 'math' }),
      pos: {
        file: '/home/someone/.config/recall/decks/databricks-jobs-api.yaml',
        line: 28,
        col: 5,
      },
    };
    const collection = await open([deck('math', [card])]);
    const start: StartAt = { screen: 'browse', query: '', sort: 'due' };
    const edited: string[] = [];
    const view = renderAt(
      <KeyRouter>
        <AppContainer
          collection={collection}
          problems={[]}
          clock={clock}
          startedHome={false}
          initial={firstNav(collection, clock, start)}
          handOver={() => {
            edited.push('editor');
            return null;
          }}
        />
      </KeyRouter>,
      40,
      15,
    );
    await frameMatching(view.lastFrame, 'Browse · 1 of 1 card');
    type(view, 'e');
    const frame = await frameMatching(view.lastFrame, 'Edited');
    expect(edited).toEqual(['editor']);
    const said = frame
      .split('\n')
      .map((l) => l.trim())
      .join(' ');
    expect(said).toContain('Edited databricks-jobs-api.yaml:28 (shown when recall next reads it).');
    for (const line of frame.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(40);
    expect(frame.split('\n').length).toBeLessThan(15);
  });

  it('acts on every chosen card: marks two, then finds them by the mark', async () => {
    const collection = await open(decks());
    const view = app(collection);
    await frameMatching(view.lastFrame, 'Browse · 4 of 4 cards');
    type(view, '  m');
    await frameMatching(view.lastFrame, 'Mark 2 cards as:');
    type(view, 'todo\r');
    await frameMatching(view.lastFrame, 'Marked "todo": 2 cards');
    expect(collection.store.get('geo/fr')?.mark).toBe('todo');
    expect(collection.store.get('geo/de')?.mark).toBe('todo');
    expect(collection.store.get('geo/it')?.mark).toBeUndefined();
    type(view, '/mark:todo\r');
    await frameMatching(view.lastFrame, 'Browse · 2 of 4 cards');
  });

  it('forgets a card only once asked, and sorts by the next column on o', async () => {
    const collection = await open(decks());
    const recorder = new Recorder(collection.store, (d) => collection.schedulerFor(d));
    recorder.rate('geo', 'geo/it', 3, now - 86_400_000, 2000);
    const view = app(collection);
    // By due: rated cards first, new ones after in file order.
    let frame = await frameMatching(view.lastFrame, 'Due▾');
    expect(frame.split('\n').find((l) => l.includes('›'))).toContain('Italy');
    type(view, 'o');
    frame = await frameMatching(view.lastFrame, 'by recall');
    expect(frame).toContain('Recall▾');
    type(view, 'f');
    await frameMatching(view.lastFrame, 'Forget 1 card, back to new?');
    type(view, 'n');
    await frameMatching(view.lastFrame, '/ search');
    expect(collection.store.get('geo/it')?.srs).not.toBeNull();
    type(view, 'fy');
    await frameMatching(view.lastFrame, 'Forgot 1 card');
    expect(collection.store.get('geo/it')?.srs ?? null).toBeNull();
  });

  it('forgets and undoes with u: the card has its old state back, its mark kept', async () => {
    const collection = await open(decks());
    const recorder = new Recorder(collection.store, (d) => collection.schedulerFor(d));
    recorder.rate('geo', 'geo/it', 3, now - 86_400_000, 2000);
    recorder.control(['geo/it'], { kind: 'mark', mark: 'red' }, now - 1000);
    const before = collection.store.get('geo/it')?.srs;
    const view = app(collection, 80, 24, 'deck:capitals mark:red');
    await frameMatching(view.lastFrame, 'Browse · 1 of 4 cards');
    type(view, 'f');
    await frameMatching(view.lastFrame, 'Forget 1 card, back to new?');
    type(view, 'y');
    await frameMatching(
      view.lastFrame,
      'Forgot 1 card: new again (their history stays in the log) · u undo',
    );
    expect(collection.store.get('geo/it')).toStrictEqual({ srs: null, mark: 'red' });
    type(view, 'u');
    await frameMatching(view.lastFrame, 'Undone on 1 card.');
    expect(collection.store.get('geo/it')?.srs).toStrictEqual(before);
  });

  it('sets the due date of the chosen cards, leaves new ones new, and undoes it', async () => {
    const collection = await open(decks());
    const recorder = new Recorder(collection.store, (d) => collection.schedulerFor(d));
    recorder.rate('geo', 'geo/fr', 3, now - 86_400_000, 2000);
    const before = collection.store.get('geo/fr')?.srs;
    const view = app(collection, 80, 24, 'deck:capitals');
    await frameMatching(view.lastFrame, 'Browse · 3 of 4 cards');
    // France (rated, first by due) and Germany (new).
    type(view, '  d');
    await frameMatching(view.lastFrame, 'Due in how many days (2 cards):');
    type(view, 'x\r');
    await frameMatching(view.lastFrame, '· not x: type 0 (today), 3, 1-7');
    type(view, '10!\r');
    await frameMatching(
      view.lastFrame,
      '1 card due in 10 days, interval set (1 new card left new) · u undo',
    );
    const set = collection.store.get('geo/fr')?.srs;
    expect(set).toMatchObject({ state: 'Review', scheduledDays: 10, stability: before!.stability });
    expect(set!.due).toBe(dayStart(now, collection.dayStartsAt, 10));
    expect(collection.store.get('geo/de')?.srs ?? null).toBeNull();
    type(view, 'u');
    await frameMatching(view.lastFrame, 'Undone on 2 cards.');
    expect(collection.store.get('geo/fr')?.srs).toStrictEqual(before);
  });

  it('shows the same card info as review: file and line, and every rating the card got', async () => {
    const collection = await open(decks());
    const recorder = new Recorder(collection.store, (d) => collection.schedulerFor(d));
    recorder.rate('math', 'math/six', 3, now - 86_400_000, 4_000);
    const view = app(collection, 80, 24, 'deck:sums');
    await frameMatching(view.lastFrame, 'Browse · 1 of 4 cards');
    type(view, 'i');
    const frame = await frameMatching(view.lastFrame, '1 rating: interval given, time');
    expect(frame).toContain('Card info');
    expect(frame).toMatch(/file +math\.yaml:1/);
    expect(frame).toMatch(/id +math\/six/);
    expect(frame).toMatch(/2026-03-09 \d\d:\d\d {2}Good/);
    expect(frame).toContain('e edit');
    type(view, '\x1b');
    await eventually(() => expect(view.lastFrame()).toContain('Question'));
  });

  it.each([
    [80, 24],
    [40, 15],
  ])('fits %i×%i: no line wider, no frame taller', async (columns, rows) => {
    const many = deck(
      'many',
      Array.from({ length: 60 }, (_, i) =>
        basicQ(`c${i}`, `A long question number ${i} that runs past the edge`, 'x', {
          deck: 'many',
        }),
      ),
    );
    const view = app(await open([many]), columns, rows);
    const frame = await frameMatching(view.lastFrame, '↓');
    expect(frame.trimEnd().split('\n').length).toBeLessThan(rows);
    for (const line of frame.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(columns);
    expect(frame).toContain('? keys');
  });
});
