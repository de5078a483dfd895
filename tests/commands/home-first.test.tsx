/**
 * Home's first frame from the queue cache (commands/tui.tsx): the frame the collection draws,
 * exactly, on generated collections (exam dates, config overrides, suspends, undos, moves, lost
 * progress, a reordered cloze, config and deck problems); a stale or damaged cache is a miss;
 * and keys pressed before the collection is open act once it is, in order, each once.
 */
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { type Opened, openCollection } from '../../src/app/open.js';
import { progressKeys } from '../../src/app/progress-keys.js';
import { Recorder } from '../../src/app/recorder.js';
import { homeFromCache, openWithCache, screenProblems } from '../../src/commands/tui.js';
import { dataDir } from '../../src/fs/paths.js';
import { ProgressStore } from '../../src/store/progress.js';
import { readSyncRecord } from '../../src/sync/record.js';
import { AppContainer, firstNav } from '../../src/ui/AppContainer.js';
import { KeyRouter } from '../../src/ui/hooks/use-keys.js';
import { Opening } from '../../src/ui/Opening.js';
import { activity, entryId, type World, world } from '../support/generated.js';
import { frameMatching } from '../support/ink.js';

/** The world, with what home lists besides the counts: every kind of problem line. */
function homeWorld(seed: number): World {
  const w = world(seed);
  // Progress under a key no deck has: the lost-progress warning.
  const at = new Date(w.now - 3_600_000).toISOString();
  appendFileSync(
    w.log,
    `${JSON.stringify({ v: 1, id: entryId(w, w.now - 3_600_000), kind: 'flag', card: 'alpha/gone', at, reason: 'quiz' })}\n`,
  );
  // An unknown key in config.yaml, and a card with one: config's line and a deck problem.
  const config = join(w.env.XDG_CONFIG_HOME!, 'recall', 'config.yaml');
  writeFileSync(config, `colour: blue\n${readFileSync(config, 'utf8')}`);
  appendFileSync(
    join(w.decksDir, 'beta.yaml'),
    '  - q: odd card\n    a: its answer\n    colur: 1\n',
  );
  return w;
}

/**
 * A folder the screens opened before: the first writable open makes this device's log of the
 * single one and writes the snapshot, which a cache stamped before it then misses.
 */
async function usedWorld(seed: number): Promise<World> {
  const w = homeWorld(seed);
  const { collection } = await openCollection(paths(w), w.env);
  await collection.store.close();
  const logs = join(w.env.RECALL_HOME!, 'log');
  return { ...w, log: join(logs, readdirSync(logs)[0]!) };
}

const paths = (w: World) => [w.decksDir];
const HOME = { screen: 'home' } as const;

/** Home as the app draws it on the opened collection, at the world's time. */
function fromCollection(w: World, opened: Opened, problems: readonly string[]): ReactNode {
  const { collection } = opened;
  const clock = () => w.now;
  const synced = readSyncRecord(dataDir(w.env))?.at;
  return (
    <AppContainer
      collection={collection}
      problems={problems}
      clock={clock}
      startedHome
      initial={firstNav(collection, clock, HOME)}
      syncedAt={synced === undefined ? null : Date.parse(synced)}
    />
  );
}

/** What a start draws first: a miss opens the collection and writes the cache for the next. */
async function firstFrames(w: World, what: string) {
  const early = await homeFromCache(paths(w), w.env, w.now);
  expect({ what, hit: early !== undefined }).toEqual({ what, hit: false });
  const { opened, cache } = await openWithCache(paths(w), w.env);
  try {
    const problems = await screenProblems(opened);
    expect(cache).toBeDefined();
    await cache!.write(opened.collection, opened.brief, problems);
    const slow = render(<KeyRouter>{fromCollection(w, opened, problems)}</KeyRouter>);
    const expected = slow.lastFrame()!;
    slow.unmount();
    const cached = await homeFromCache(paths(w), w.env, w.now);
    expect({ what, hit: cached !== undefined }).toEqual({ what, hit: true });
    const fast = render(<KeyRouter>{cached!.frame}</KeyRouter>);
    expect({ what, frame: fast.lastFrame() }).toEqual({ what, frame: expected });
    fast.unmount();
    return { expected, problems };
  } finally {
    await opened.collection.store.close();
  }
}

const queueFile = (w: World) => {
  const dir = join(w.env.XDG_CACHE_HOME!, 'recall', 'queue');
  return join(dir, readdirSync(dir)[0]!);
};

describe("home's first frame from the queue cache", () => {
  for (const seed of [1, 2, 3, 4]) {
    it(`is the frame the collection draws, after each change (seed ${seed})`, async () => {
      const w = await usedWorld(seed);
      const first = await firstFrames(w, 'first start');
      // Every kind of line is on the frame the test compares.
      const joined = first.problems.join('\n');
      expect(joined).toContain('progress no longer matches a card');
      expect(joined).toContain('colour');
      expect(joined).toContain('colur');
      expect(first.expected).toContain('All decks');

      appendFileSync(w.log, activity(w, 30, w.now - 60_000));
      await firstFrames(w, 'ratings, undos, moves, suspends and buries appended');

      // The gaps of a cloze with progress swapped: the reordered-gaps warning.
      const alpha = join(w.decksDir, 'alpha.yaml');
      const text = readFileSync(alpha, 'utf8');
      const cloze = /cloze: "one \{\{(a\d+)\}\} two \{\{(b\d+)\}\} three"/g;
      writeFileSync(alpha, text.replace(cloze, 'cloze: "one {{$2}} two {{$1}} three"'));
      const swapped = await firstFrames(w, 'cloze gaps swapped');
      expect(swapped.problems.join('\n')).toContain('reordered cloze');

      // The gap order forgotten (its cache file removed): the warning goes, the cache misses.
      rmSync(join(w.env.XDG_CACHE_HOME!, 'recall', 'gaps'), { recursive: true, force: true });
      const forgotten = await firstFrames(w, 'gap order forgotten');
      expect(forgotten.problems.join('\n')).not.toContain('reordered cloze');

      const config = join(w.env.XDG_CONFIG_HOME!, 'recall', 'config.yaml');
      appendFileSync(config, '  beta:\n    reviews_per_day: 1\n    new_per_day: 1\n');
      await firstFrames(w, 'the config changed');
    });
  }

  it('is a miss when the cache is damaged, of another format, or written by status', async () => {
    const w = await usedWorld(7);
    const { expected } = await firstFrames(w, 'first start');
    const file = queueFile(w);
    const real = readFileSync(file);
    for (const bytes of [
      Buffer.from(''),
      Buffer.from('recallQ\n'),
      real.subarray(0, real.length - 3),
    ]) {
      writeFileSync(file, bytes);
      const again = await firstFrames(w, `cache file of ${bytes.length} bytes`);
      expect(again.expected).toBe(expected);
    }
    // Status's own write holds no home lines: home opens the collection.
    const { openStatusSource } = await import('../../src/app/queue-cache.js');
    rmSync(file);
    expect((await openStatusSource(paths(w), w.env)).cached).toBe(false);
    expect((await openStatusSource(paths(w), w.env)).cached).toBe(true);
    const again = await firstFrames(w, 'after status wrote the cache');
    expect(again.expected).toBe(expected);
  });
});

describe('keys pressed while the collection opens', () => {
  /**
   * Home drawn from the cache with keys held, the collection opened but not yet handed over:
   * `release` hands it over; the store is closed after `run`.
   */
  async function held(
    seed: number,
    run: (view: ReturnType<typeof render>, release: () => void) => Promise<void>,
  ) {
    const w = await usedWorld(seed);
    await firstFrames(w, 'first start');
    const early = (await homeFromCache(paths(w), w.env, w.now))!.frame;
    const { opened } = await openWithCache(paths(w), w.env);
    try {
      const problems = await screenProblems(opened);
      let open!: (app: ReactNode) => void;
      const app = new Promise<ReactNode>((r) => {
        open = r;
      });
      const view = render(<Opening early={early} app={() => app} />);
      await run(view, () => open(fromCollection(w, opened, problems)));
      view.unmount();
    } finally {
      await opened.collection.store.close();
    }
  }

  // Typed one by one, or while the open kept the process busy: then they arrive in one read.
  it.each([
    ['one by one', ['j', 'j', '\r'], 5],
    ['in one read, Enter and all', ['jj\r'], 10],
  ])('act once it is open, in order, each once: %s', async (_, writes, seed) => {
    await held(seed, async (view, release) => {
      const before = view.lastFrame()!;
      expect(before).toMatch(/› All decks/);
      // Two rows down (Deck beta), Enter: a review of beta.
      for (const keys of writes) view.stdin.write(keys);
      expect(view.lastFrame()).toBe(before);
      release();
      // The review screen's title: the deck two rows down, neither one row (a key lost) nor
      // three (a key taken twice).
      const review = await frameMatching(view.lastFrame, /^ Deck \w+ /);
      expect(review).toMatch(/^ Deck beta /);
      expect(review).not.toMatch(/All decks/);
    });
  });

  it('? opens the help of the screen up once the collection is, and q then closes it', async () => {
    await held(6, async (view, release) => {
      const before = view.lastFrame()!;
      view.stdin.write('j');
      view.stdin.write('?');
      expect(view.lastFrame()).toBe(before);
      release();
      await frameMatching(view.lastFrame, /Keys · /);
      view.stdin.write('q');
      const home = await frameMatching(view.lastFrame, /› Deck alpha/);
      expect(home).not.toMatch(/Keys · /);
    });
  });
});

describe("a session's end", () => {
  /** A session on the collection home was drawn for: `during` runs in it, then it closes. */
  async function session(w: World, during: (opened: Opened) => void) {
    const hit = await homeFromCache(paths(w), w.env, w.now);
    expect(hit).toBeDefined();
    const opened = await openCollection(paths(w), w.env);
    during(opened);
    await hit!.cache.close(opened.collection, opened.brief, () => screenProblems(opened));
  }

  /** Ratings of the first cards due, as the review screen records them. */
  const rate = (w: World) => (opened: Opened) => {
    const { collection } = opened;
    const recorder = new Recorder(collection.store, (d) => collection.schedulerFor(d));
    for (const { card } of collection.inputs().slice(0, 5)) {
      recorder.rate(card.deckId, card.key, 3, w.now, 4000);
    }
  };

  it('writes the cache anew after ratings: the next home is drawn from it, exactly', async () => {
    const w = await usedWorld(8);
    await firstFrames(w, 'first start');
    await session(w, rate(w));
    const cached = await homeFromCache(paths(w), w.env, w.now);
    expect(cached).toBeDefined();
    const { collection, ...rest } = await openCollection(paths(w), w.env);
    try {
      const opened = { collection, ...rest };
      const slow = render(
        <KeyRouter>{fromCollection(w, opened, await screenProblems(opened))}</KeyRouter>,
      );
      const fast = render(<KeyRouter>{cached!.frame}</KeyRouter>);
      expect(fast.lastFrame()).toBe(slow.lastFrame());
      expect(fast.lastFrame()).toMatch(/All decks/);
    } finally {
      await collection.store.close();
    }
  });

  it('writes the keys lint reads too: lint after the session reads them, not the store', async () => {
    const w = await usedWorld(11);
    await firstFrames(w, 'first start');
    await session(w, rate(w));
    const dir = join(w.env.XDG_CACHE_HOME!, 'recall', 'keys');
    const entry = join(dir, readdirSync(dir)[0]!);
    const written = readFileSync(entry, 'utf8');
    const { store } = await ProgressStore.open(w.env.RECALL_HOME!, { readOnly: true });
    const keys = [...store.cards().keys()];
    await store.close();
    expect(keys.length).toBeGreaterThan(0);
    expect([...(await progressKeys(w.env)).held]).toEqual(keys);
    // A hit: the entry the session wrote is read, not written anew by an open of the store.
    expect(readFileSync(entry, 'utf8')).toBe(written);
    expect(JSON.parse(written).keys).toEqual(keys);
  });

  it('writes none when a deck file or another device changed meanwhile', async () => {
    const w = await usedWorld(9);
    await firstFrames(w, 'first start');
    await session(w, (opened) => {
      rate(w)(opened);
      appendFileSync(join(w.decksDir, 'gamma.yaml'), '  - id: late\n    q: late\n    a: card\n');
    });
    expect(await homeFromCache(paths(w), w.env, w.now)).toBeUndefined();

    await firstFrames(w, 'after the deck edit');
    await session(w, (opened) => {
      rate(w)(opened);
      const other = join(w.env.RECALL_HOME!, 'log', 'desktop-0a1b.jsonl');
      writeFileSync(other, activity(w, 10, w.now - 2 * 86_400_000));
    });
    expect(await homeFromCache(paths(w), w.env, w.now)).toBeUndefined();
  });
});
