import { type Instance, render } from 'ink';
import type { ReactElement, ReactNode } from 'react';
import type { Collection } from '../app/collection.js';
import { type Opened, oneConfigLine, openCollection, reloadDecks } from '../app/open.js';
import {
  cachedCard,
  type QueueCacheWriter,
  queueCacheWriter,
  readHomeCache,
  readReviewCache,
} from '../app/queue-cache.js';
import { type ReviewRequest, reviewStart, reviewTitle } from '../app/review.js';
import { tagsNotIn } from '../app/selection.js';
import { collectionStatus } from '../app/status.js';
import { type Clock, clockFromEnv } from '../clock.js';
import type { QueuedCard } from '../core/queue.js';
import type { Session } from '../core/review-session.js';
import { UserError } from '../errors.js';
import { dataDir } from '../fs/paths.js';
import { readSyncRecord } from '../sync/record.js';
import { type HomeActions, HomeFrame, ReviewFrame } from '../ui/App.js';
import { AppContainer, firstNav, type StartAt } from '../ui/AppContainer.js';
import { RedrawOnResize } from '../ui/components/RedrawOnResize.js';
import { KeyRouter } from '../ui/hooks/use-keys.js';
import { Opening } from '../ui/Opening.js';
import type { ReviewDeps } from '../ui/screens/Review.js';
import { cannotMoveCursor, reportKnownSize } from '../ui/terminal.js';
import { startAutoSync } from './auto-sync.js';
import { firstFrameDrawn } from './first-frame.js';

export async function runTui(paths: readonly string[], start: StartAt): Promise<void> {
  requireTerminal();
  const clock = clockFromEnv();
  if (start.screen === 'home') return runHome(paths, clock);
  await showApp(await openCollection(paths), clock, () => start, paths);
}

const HOME: StartAt = { screen: 'home' };

/**
 * Home, drawn from the queue cache when it is valid (what status reads, with home's problem
 * lines), the collection opened right after that first frame and swapped in; keys pressed
 * meanwhile wait for it. On a miss, opened first as every screen is, and the cache written
 * after the first frame, so that the next start hits.
 */
async function runHome(paths: readonly string[], clock: Clock): Promise<void> {
  const cached = await homeFromCache(paths, process.env, clock());
  if (!cached) {
    const { opened, cache } = await openWithCache(paths, process.env);
    return showApp(opened, clock, () => HOME, paths, cache);
  }
  await showEarly(paths, clock, cached, () => HOME);
}

/**
 * Draws `cached.frame` (a first frame from the caches, its keys held), then opens the collection
 * and swaps the screens in on it, starting at `start`'s screen: the keys pressed meanwhile act
 * there, in order (Opening).
 */
export async function showEarly(
  paths: readonly string[],
  clock: Clock,
  cached: { readonly frame: ReactElement; readonly cache: QueueCacheWriter },
  start: (collection: Collection) => StartAt,
): Promise<void> {
  const open = async (): Promise<Ready> => {
    firstFrameDrawn();
    const opened = await openCollection(paths);
    let first: StartAt;
    try {
      first = start(opened.collection);
    } catch (e) {
      await opened.collection.store.close();
      throw e;
    }
    const problems = await screenProblems(opened);
    return { opened, problems, first, ...cacheUnlessStoreProblems(opened, cached.cache) };
  };
  await drawApp(clock, paths, { early: cached.frame, open }, () => undefined);
}

/**
 * The review screen's first frame from the caches: the session's first card and counts from the
 * queue cache (the same rules as the collection's, `reviewStart`), that card from its deck
 * file's entry in the deck cache; the cache's writer for the session's end. Undefined on any
 * miss, and whenever the slow path would do more than draw this frame: a tag no card has (it
 * stops with a message), nothing to review (the summary), a flagged first card (the flag's
 * reason is not in the cache).
 */
export async function reviewFromCache(
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
  now: number,
  request: ReviewRequest,
): Promise<{ frame: ReactElement; cache: QueueCacheWriter } | undefined> {
  const cached = await readReviewCache(paths, env);
  if (!cached) return undefined;
  const { source } = cached;
  if (tagsNotIn(request.tags ?? [], source.header.tagLists.flat()).length > 0) return undefined;
  const session = reviewStart(source, undefined, now, request);
  const current = session.current;
  if (!current || current.flagged) return undefined;
  const card = await cachedCard(source, current.card.deckId, current.card.key, env);
  if (!card) return undefined;
  // Of the cards besides the one shown, the first frame reads only keys, states and flags (the
  // counts left, the progress total), which the cache's cards hold; no key reaches the session
  // (they are held until the collection's own session is up).
  const early = { ...session, current: { ...current, card } } as Session<QueuedCard> as Session;
  const frame = (
    <ReviewFrame
      title={reviewTitle(source, undefined, request)}
      session={early}
      deps={heldReview(now)}
      onEnd={() => undefined}
    />
  );
  return { frame, cache: cached.cache };
}

/** The review screen's deps while it is drawn from the caches: no key reaches them (held). */
function heldReview(now: number): ReviewDeps {
  const notOpen = (): never => {
    throw new Error('the review screen acted before its collection was open');
  };
  return {
    now: () => now,
    preview: notOpen,
    rate: notOpen,
    undo: notOpen,
    putAside: notOpen,
    mark: notOpen,
    info: notOpen,
    edit: notOpen,
  };
}

/**
 * Home's first frame from the queue cache, its keys held, and the cache's writer for the
 * session's end; undefined on a miss.
 */
export async function homeFromCache(
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
  now: number,
): Promise<{ frame: ReactElement; cache: QueueCacheWriter } | undefined> {
  const cached = await readHomeCache(paths, env);
  if (!cached) return undefined;
  const frame = (
    <HomeFrame
      status={collectionStatus(cached.source, now)}
      now={now}
      selected={null}
      problems={cached.problems}
      syncedAt={lastSyncAt(dataDir(env))}
      actions={HELD}
    />
  );
  return { frame, cache: cached.cache };
}

/**
 * The collection opened for the screens, with the queue cache's writer, stamped before the
 * open: home's miss writes the cache after its first frame, and a session's end when it moved
 * the log on, so that the next start's home hits.
 */
export async function openWithCache(
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<{ opened: Opened; cache?: QueueCacheWriter }> {
  const write = await queueCacheWriter(paths, env);
  const opened = await openCollection(paths, env);
  return { opened, ...cacheUnlessStoreProblems(opened, write) };
}

/** No cache from an open with a store problem, which status's read-only open may word otherwise. */
function cacheUnlessStoreProblems(
  opened: Opened,
  cache: QueueCacheWriter | undefined,
): { cache?: QueueCacheWriter } {
  return cache && opened.stored.length === 0 ? { cache } : {};
}

/** Home's keys while it is drawn from the cache: they wait for the collection (KeyRouter). */
const HELD: HomeActions = {
  select: () => undefined,
  review: () => undefined,
  cram: () => undefined,
  test: () => undefined,
  stats: () => undefined,
  browse: () => undefined,
  quit: () => undefined,
};

/** What the screens are drawn on: the opened collection, its problem lines and the first screen. */
type Ready = {
  readonly opened: Opened;
  readonly problems: readonly string[];
  readonly first: StartAt;
  /** The queue cache's writer, which closes the store at the end (none: closed alone). */
  readonly cache?: QueueCacheWriter;
};

/** The lines under home: lost progress, config.yaml's line, deck and store problems. */
export async function screenProblems(opened: Opened): Promise<string[]> {
  const { configWarnings, problems } = opened;
  return [...(await opened.lost()), ...oneConfigLine(configWarnings, false), ...problems];
}

/** When this device last ran `recall sync` (epoch ms), for home; null when it never has. */
function lastSyncAt(dir: string): number | null {
  const at = readSyncRecord(dir)?.at;
  const ms = at === undefined ? Number.NaN : Date.parse(at);
  return Number.isFinite(ms) ? ms : null;
}

/** The study screens draw and read keys: stop with a usage error when not in a terminal. */
export function requireTerminal(): void {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError(
      'the study screens need a terminal (stdin and stdout are not both a TTY); for scripts use `recall status --json`',
      2,
    );
  }
  if (cannotMoveCursor()) {
    throw new UserError(
      `this terminal (TERM=${process.env.TERM}) cannot show the study screens, which move the cursor; here use the printing commands (recall status, recall stats, recall export), or set TERM to your terminal's type`,
    );
  }
}

/**
 * Draws the app on an opened collection until it exits, then closes the store (and, with
 * `sync.auto`, starts a sync). `start` picks the first screen; a UserError it throws (nothing
 * to study) stops before anything is drawn. `cache`: the queue cache's writer, given home's
 * problem lines once home's first frame is drawn, and again at the end.
 */
export async function showApp(
  opened: Opened,
  clock: Clock,
  start: (collection: Collection) => StartAt,
  /** The deck paths, read again each time home comes back (absent: never). */
  paths?: readonly string[],
  cache?: QueueCacheWriter,
): Promise<void> {
  let ready: Ready;
  try {
    const first = start(opened.collection);
    ready = { opened, problems: await screenProblems(opened), first, ...(cache ? { cache } : {}) };
  } catch (e) {
    await opened.collection.store.close();
    throw e;
  }
  await drawApp(clock, paths, { ready }, () => {
    firstFrameDrawn();
    // Home's or the review's miss: the next start draws from it. Other screens write it only
    // at their end.
    if (ready.first.screen === 'home' || ready.first.screen === 'review')
      void cache?.write(opened.collection, opened.brief, ready.problems);
  });
}

/**
 * Draws the screens, from the start on an opened collection, or from an early frame (home
 * from the cache) until the collection, opened once that frame is up, is; closes the store
 * once they exit, and once it is open when they exit first.
 */
async function drawApp(
  clock: Clock,
  paths: readonly string[] | undefined,
  frame:
    | { readonly ready: Ready }
    | { readonly early: ReactNode; readonly open: () => Promise<Ready> },
  afterFirstFrame: () => void,
): Promise<void> {
  /** The collection being opened: once the early frame is up, when there is one. */
  let opening = 'ready' in frame ? Promise.resolve(frame.ready) : undefined;
  const open = () => {
    if ('ready' in frame) return opening!;
    opening ??= frame.open();
    return opening;
  };
  let ready: Ready | undefined;
  try {
    reportKnownSize(process.stdout);
    let app: Instance | undefined;
    // The editor gets a clean screen and a cooked terminal; Ink's next frame is drawn whole.
    const handOver = (run: () => string | null): string | null => {
      app?.clear();
      process.stdin.setRawMode(false);
      try {
        return run();
      } finally {
        process.stdin.setRawMode(true);
      }
    };
    const screens = ({ opened: { collection }, problems, first }: Ready) => (
      <AppContainer
        collection={collection}
        problems={problems}
        clock={clock}
        startedHome={first.screen === 'home'}
        initial={firstNav(collection, clock, first)}
        syncedAt={lastSyncAt(collection.store.dir)}
        {...(paths ? { reload: (c: Collection) => reloadDecks(c, paths) } : {})}
        handOver={handOver}
      />
    );
    app = render(
      'ready' in frame ? (
        <KeyRouter>
          <RedrawOnResize>{screens(frame.ready)}</RedrawOnResize>
        </KeyRouter>
      ) : (
        <Opening early={frame.early} app={() => open().then(screens)} />
      ),
      // Ink throttles redraws to 30 fps by default, so a key pressed within 33 ms of the last
      // frame waited for the next slot; the review screen redraws only on keys, so let it draw.
      { exitOnCtrlC: false, maxFps: 240 },
    );
    setImmediate(afterFirstFrame);
    await app.waitUntilExit();
  } finally {
    // Ratings are already durable in the log; the snapshot only saves the next start a replay.
    ready = await opening?.catch(() => undefined);
    if (ready?.cache) {
      const { opened } = ready;
      await ready.cache.close(opened.collection, opened.brief, () => screenProblems(opened));
    } else await ready?.opened.collection.store.close();
  }
  if (ready) startAutoSync(ready.opened.collection.config);
}
