/**
 * The review screen's first frame from the caches (commands/tui.tsx `reviewFromCache`): the
 * frame the collection draws, exactly, on generated collections (learning cards due, a related
 * group over half the queue, tags and `--tag`, custom study, suspends, exam dates, config
 * overrides); a stale or damaged cache, or a card missing from the deck cache, is a miss; and
 * keys pressed before the collection is open act once it is, in order, each once.
 */
import { appendFileSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { render } from 'ink-testing-library';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { type Opened, openCollection } from '../../src/app/open.js';
import { type ReviewRequest, reviewStart, startReview } from '../../src/app/review.js';
import { openWithCache, reviewFromCache, screenProblems } from '../../src/commands/tui.js';
import { AppContainer, firstNav } from '../../src/ui/AppContainer.js';
import { KeyRouter } from '../../src/ui/hooks/use-keys.js';
import { Opening } from '../../src/ui/Opening.js';
import { activity, DAY, entryId, iso, type World, world } from '../support/generated.js';
import { frameMatching } from '../support/ink.js';

/** A folder the screens opened before (the device's log made, the snapshot written). */
async function usedWorld(seed: number): Promise<World> {
  const w = world(seed);
  const { collection } = await openCollection(paths(w), w.env);
  await collection.store.close();
  const logs = join(w.env.RECALL_HOME!, 'log');
  return { ...w, log: join(logs, readdirSync(logs)[0]!) };
}

const paths = (w: World) => [w.decksDir];

/** The review screen as the app draws it on the opened collection, at the world's time. */
function fromCollection(w: World, opened: Opened, request: ReviewRequest): ReactNode {
  const { collection } = opened;
  const clock = () => w.now;
  return (
    <AppContainer
      collection={collection}
      problems={[]}
      clock={clock}
      startedHome={false}
      initial={firstNav(collection, clock, { screen: 'review', request })}
    />
  );
}

/** The cache written as a start on a miss writes it, after the first frame. */
async function writeCache(w: World): Promise<void> {
  const { opened, cache } = await openWithCache(paths(w), w.env);
  try {
    expect(cache).toBeDefined();
    await cache!.write(opened.collection, opened.brief, await screenProblems(opened));
  } finally {
    await opened.collection.store.close();
  }
}

/**
 * The first frame from the caches against the collection's, for `request`: equal when it hits;
 * `hit` says whether it did. The session the collection starts, for the test to look at.
 */
async function compare(w: World, request: ReviewRequest, what: string) {
  const fast = await reviewFromCache(paths(w), w.env, w.now, request);
  const opened = await openCollection(paths(w), w.env);
  try {
    const session = startReview(opened.collection, undefined, w.now, request);
    // The start without the order: the same card, the same cards besides.
    const start = reviewStart(opened.collection, undefined, w.now, request);
    const keys = (s: typeof start) => [...s.pending, ...s.learning].map((i) => i.card.key).sort();
    expect(start.current?.card.key).toBe(session.current?.card.key);
    expect(keys(start)).toEqual(keys(session));
    if (!session.current) return { hit: fast !== undefined, session };
    const slow = render(<KeyRouter>{fromCollection(w, opened, request)}</KeyRouter>);
    const expected = slow.lastFrame()!;
    slow.unmount();
    if (fast) {
      const early = render(<KeyRouter>{fast.frame}</KeyRouter>);
      expect({ what, request, frame: early.lastFrame() }).toEqual({
        what,
        request,
        frame: expected,
      });
      early.unmount();
    }
    return { hit: fast !== undefined, session, expected };
  } finally {
    await opened.collection.store.close();
  }
}

const REQUESTS: readonly ReviewRequest[] = [
  {},
  { tags: ['verbs'] },
  { tags: ['NOUNS', 'verbs'] },
  { study: { aheadDays: 3 } },
  { study: { extraNew: 7 } },
  { tags: ['nouns'], study: { aheadDays: 2, extraNew: 3 } },
];

describe("the review screen's first frame from the caches", () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`is the frame the collection draws, for every request, after each change (seed ${seed})`, async () => {
      const w = await usedWorld(seed);
      const all = async (what: string) => {
        await writeCache(w);
        let hits = 0;
        let learningFirst = 0;
        for (const request of REQUESTS) {
          const { hit, session } = await compare(w, request, what);
          if (hit) hits++;
          if (session.current?.srs && session.current.srs.state !== 'Review') learningFirst++;
          // A miss only where the slow path does more than draw this frame.
          const flagged = session.current?.flagged === true;
          expect({ what, request, hit }).toEqual({
            what,
            request,
            hit: !flagged && !!session.current,
          });
        }
        return { hits, learningFirst };
      };
      await all('first start');
      appendFileSync(w.log, activity(w, 60, w.now - 2 * 86_400_000));
      const active = await all('ratings, undos, moves, suspends, buries and flags appended');
      expect(active.hits).toBeGreaterThan(0);
      const config = join(w.env.XDG_CONFIG_HOME!, 'recall', 'config.yaml');
      appendFileSync(config, '  beta:\n    reviews_per_day: 2\n    new_per_day: 1\n');
      await all('the config changed');
    });
  }

  it('starts on a due learning card first, as the collection does', async () => {
    let seen = 0;
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const w = await usedWorld(seed);
      appendFileSync(w.log, activity(w, 120, w.now - 86_400_000));
      await writeCache(w);
      const { hit, session } = await compare(w, {}, 'learning');
      const cur = session.current;
      if (hit && cur?.srs && cur.srs.state !== 'Review' && !cur.flagged) seen++;
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('starts on the first card of a group holding over half the queue, as the collection does', async () => {
    const w = await usedWorld(3);
    // Reviews due, a loose card's the earliest; a group's cards (kept apart, not delayed as
    // new ones are) are six of the eight.
    const card = (id: string, q: string, group = '') =>
      `  - id: ${id}\n    q: ${q}\n    a: a\n${group}`;
    const notes = [
      card('x0', 'loose 0'),
      ...[0, 1, 2, 3, 4, 5].map((n) => card(`g${n}`, `grouped ${n}`, '    group: big\n')),
      card('x1', 'loose 1'),
    ];
    for (const f of readdirSync(w.decksDir)) rmSync(join(w.decksDir, f));
    writeFileSync(
      join(w.decksDir, 'delta.yaml'),
      `id: delta\nname: Delta\ncards:\n${notes.join('')}`,
    );
    const at = w.now - 5 * DAY;
    const ids = ['x0', 'g0', 'g1', 'g2', 'g3', 'g4', 'g5', 'x1'];
    const entries = ids.map((id, i) => ({
      v: 1,
      id: entryId(w, at + i),
      card: `delta/${id}`,
      kind: 'review',
      rating: 3,
      reviewedAt: iso(at + i),
      durationMs: 3000,
      state: 'Review',
      due: iso(w.now - 3 * DAY + i * 60_000),
      stability: 10,
      difficulty: 5,
      scheduledDays: 2,
      learningSteps: 0,
      reps: 2,
      lapses: 0,
      lastReview: iso(at + i),
      firstReview: iso(at + i),
      prev: null,
    }));
    appendFileSync(w.log, entries.map((e) => `${JSON.stringify(e)}\n`).join(''));
    await writeCache(w);
    const { hit, expected } = await compare(w, {}, 'a group over half');
    expect(hit).toBe(true);
    expect(expected).toContain('grouped 0');
    expect(expected).toMatch(/Review 8/);
  });

  it('is a miss when the cache is stale or damaged, a tag is unknown, or the card is not in the deck cache', async () => {
    const w = await usedWorld(7);
    await writeCache(w);
    expect((await compare(w, {}, 'written')).hit).toBe(true);
    // A misspelt tag: the slow path says so.
    expect((await compare(w, { tags: ['verbs', 'verbz'] }, 'unknown tag')).hit).toBe(false);
    const dir = join(w.env.XDG_CACHE_HOME!, 'recall', 'queue');
    const file = join(dir, readdirSync(dir)[0]!);
    const real = readFileSync(file);
    for (const bytes of [Buffer.from(''), Buffer.from('recallQ\n'), real.subarray(0, -3)]) {
      writeFileSync(file, bytes);
      expect((await compare(w, {}, `cache of ${bytes.length} bytes`)).hit).toBe(false);
    }
    writeFileSync(file, real);
    expect((await compare(w, {}, 'restored')).hit).toBe(true);
    // A rating appended: the stamp is stale.
    appendFileSync(w.log, activity(w, 3, w.now - 60_000));
    expect((await compare(w, {}, 'log moved on')).hit).toBe(false);
    await writeCache(w);
    expect((await compare(w, {}, 'written again')).hit).toBe(true);
    // The deck cache's entries gone: the card cannot be read.
    rmSync(join(w.env.XDG_CACHE_HOME!, 'recall', 'decks'), { recursive: true, force: true });
    expect((await compare(w, {}, 'no deck cache')).hit).toBe(false);
  });
});

describe('keys pressed while the collection opens', () => {
  /**
   * The review drawn from the caches with keys held, the collection opened but not yet handed
   * over: `release` hands it over; the store is closed after `run`.
   */
  async function held(
    seed: number,
    run: (view: ReturnType<typeof render>, release: () => void, w: World) => Promise<void>,
  ) {
    const w = await usedWorld(seed);
    await writeCache(w);
    const early = (await reviewFromCache(paths(w), w.env, w.now, {}))!.frame;
    const opened = await openCollection(paths(w), w.env);
    try {
      let open!: (app: ReactNode) => void;
      const app = new Promise<ReactNode>((r) => {
        open = r;
      });
      const view = render(<Opening early={early} app={() => app} />);
      await run(view, () => open(fromCollection(w, opened, {})), w);
      view.unmount();
    } finally {
      await opened.collection.store.close();
    }
  }

  const reviews = (w: World) =>
    readFileSync(w.log, 'utf8')
      .split('\n')
      .filter((l) => l.includes('"kind":"review"')).length;

  it.each([
    ['one by one', [' ', '3'], 5],
    ['in one read', [' 3'], 6],
    ['Enter, then a rating', ['\r', '3'], 8],
  ])('show the answer and rate once it is open, each once: %s', async (_, writes, seed) => {
    await held(seed, async (view, release, w) => {
      const before = view.lastFrame()!;
      const logged = reviews(w);
      for (const keys of writes) view.stdin.write(keys);
      expect(view.lastFrame()).toBe(before);
      expect(reviews(w)).toBe(logged);
      release();
      // Rated once: the progress bar counts one card done (a key lost: none; twice: two).
      await frameMatching(view.lastFrame, /\b1\/\d+/);
      expect(reviews(w)).toBe(logged + 1);
    });
  });

  it('q ends the session once it is open: the summary, nothing recorded', async () => {
    await held(10, async (view, release, w) => {
      const logged = reviews(w);
      view.stdin.write('q');
      release();
      await frameMatching(view.lastFrame, /Nothing reviewed/);
      expect(reviews(w)).toBe(logged);
    });
  });

  it('u after a rating takes it back; ? opens the help, q closes it, q again ends', async () => {
    await held(9, async (view, release, w) => {
      const before = view.lastFrame()!;
      const logged = reviews(w);
      for (const keys of [' ', '3', 'u', '?']) view.stdin.write(keys);
      release();
      await frameMatching(view.lastFrame, /Keys · /);
      expect(reviews(w)).toBe(logged + 1);
      view.stdin.write('q');
      // Back on the first card, nothing done: the rating undone.
      const back = await frameMatching(view.lastFrame, /\b0\/\d+/);
      expect(back).toBe(before);
      view.stdin.write('q');
      await frameMatching(view.lastFrame, /Nothing reviewed/);
    });
  });
});
