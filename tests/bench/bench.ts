/**
 * `npm run bench`: the speed figures the product promises, each as a median with a baseline
 * measured in the same run (the machine is noisy; ratios travel, raw numbers do not).
 *   1. cold start: `node -e 'console.log(1)'` vs `recall status` vs the review screen's first frame
 *   2. keypress → next frame in the review screen (and a bury in cram)
 *   3. cost of persisting one rating with 1k / 10k / 100k cards × 10 reviews in the log
 *   4. stats over the 100k-card store's 1M log lines: in process, and the stats screen's first frame
 *   5. home over 5,000 deck files: first frame, memory, ↓; and what opening them costs, in process
 *   7. browse over 100k cards: sorting, filtering per query, and keystroke → frame in a real PTY
 *   6. several devices: bytes per line in both formats, replay from nothing in each, open with one device's log vs two, the first merge of two
 *      100k-rating histories, a routine sync's lines applied in an open session
 *   7. importing an Anki package of 20k notes and 200k review-log rows: read and plan (--dry-run),
 *      the whole import, peak memory
 *   8. `recall optimize` end to end on ~30k reviews (the built CLI), and its parts in process
 *   9. `recall simulate` 365 days × 5 retentions × 10k cards: the built CLI, and the core alone
 *  10. load balancing at 100k cards: counting the days ahead, a rating with and without it
 *  11. `recall status` at 100k cards and 1M log lines: the queue cache missing and valid, peak RSS
 *  12. parsing decks at 10k and 100k cards: YAML alone, cold, warm, lint, the deck cache's size
 *  13. every size (shipped deck, 1k, 10k, 100k cards grown over 400 days): status, the review,
 *      home and stats first frames and lint, warm and cold, peak RSS, against node -e and Ink hello;
 *      home also until a key is taken (the collection open), beside RECALL_CLI_BEFORE's home
 *  14. a review session's order at 10k due cards: related cards kept apart, with and without
 *      "never right after a card that gives it away"
 * `npm run bench -- stats` runs only the sections named (startup, keypress, persistence, stats,
 * decks, devices, import, optimize, simulate, browse, balance, status, parse, sizes, order).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  appendFileSync,
  closeSync,
  copyFileSync,
  existsSync,
  fdatasyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BROWSE_SORTS, type BrowseRow, filterRows, sortRows } from '../../src/app/browse.js';
import { DayLoads } from '../../src/app/day-load.js';
import { openCollection, shippedDecksDir } from '../../src/app/open.js';
import { train } from '../../src/app/optimize.js';
import { Recorder } from '../../src/app/recorder.js';
import { collectionStatus } from '../../src/app/status.js';
import type { BasicCard, Card } from '../../src/core/card.js';
import { relatedKey } from '../../src/core/card-order.js';
import { trainingItems } from '../../src/core/fsrs-items.js';
import { keepApart } from '../../src/core/interleave.js';
import { NORMAL_DAYS } from '../../src/core/load-balance.js';
import type { Rating, SrsState } from '../../src/core/model.js';
import type { QueueItem } from '../../src/core/queue.js';
import { sessionOrder } from '../../src/core/review-session.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { searchText } from '../../src/core/search.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { defaultAnswering, ReadyQueue, simulate } from '../../src/core/simulate.js';
import { computeStats } from '../../src/core/stats/compute.js';
import { discoverDeckFiles } from '../../src/deck/discover.js';
import { loadDecks } from '../../src/deck/load.js';
import { cacheDir, historyCacheFile } from '../../src/fs/paths.js';
import { srsToStored } from '../../src/store/convert.js';
import { newEntryId } from '../../src/store/ids.js';
import { entryLine } from '../../src/store/line.js';
import type { ReviewEntry } from '../../src/store/model.js';
import { ProgressStore } from '../../src/store/progress.js';
import { buildPackage, type FixtureCollection, REVERSED } from '../import/anki-fixtures.js';
import { writeLearner } from '../support/learner.js';
import { cliPath, isolatedEnv, Terminal } from '../support/pty.js';

const runs = Number(process.env.BENCH_RUNS ?? 15);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const work = mkdtempSync(join(tmpdir(), 'recall-bench-'));

function deckOf(n: number): string {
  const file = join(work, `deck-${n}.yaml`);
  const cards = Array.from(
    { length: n },
    (_, i) => `  - id: c${i}\n    q: Question number ${i}?\n    a: Answer number ${i}\n`,
  );
  writeFileSync(file, `id: bench\nname: Bench\ncards:\n${cards.join('')}`);
  return file;
}

/** Time from spawn to `needle` on screen, in a fresh PTY each run. */
async function firstFrame(
  args: string[],
  needle: string,
  env: Record<string, string>,
  program?: string[],
  count = runs,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    const t = new Terminal(args, env, undefined, program);
    await t.waitFor(needle);
    times.push(performance.now() - t0);
    t.kill();
    await t.exited();
  }
  return times;
}

/**
 * Cold starts, round-robin so that load falls on all alike. RECALL_CLI_BEFORE (another build's
 * dist/cli.js, say main's) adds its screens beside this build's, with the ratio.
 */
async function startup() {
  const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
  const deck = deckOf(50);
  execFileSync(process.execPath, [cliPath, 'status', deck], { env }); // warm the deck cache
  // The first frame drawn writes the TUI's code cache: wait for it, as a second start would.
  const codeCache = join(env.XDG_CACHE_HOME!, 'recall', 'code', 'screens.bin');
  const warm = new Terminal(['review', deck], env);
  await warm.waitFor('Question number 0?');
  for (let i = 0; i < 200 && !existsSync(codeCache); i++)
    await new Promise((r) => setTimeout(r, 25));
  warm.kill();
  await warm.exited();
  const before = process.env.RECALL_CLI_BEFORE;
  const screens = (cli: string, tag: string): [string, string[], string][] => [
    [`recall status${tag}`, [cli, 'status', deck], 'next due'],
    [`review screen first frame${tag}`, [cli, 'review', deck], 'Question number 0?'],
    [`home first frame${tag}`, [cli, deck], 'Bench'],
  ];
  const rows: [string, string[], string][] = [
    ["node -e 'console.log(1)'", ['-e', "console.log('ready')"], 'ready'],
    ['Ink hello world (bundled)', [process.env.INK_HELLO!], 'hello from ink'],
    ...screens(cliPath, ''),
    ...(before ? screens(before, ' (before)') : []),
  ];
  const times = rows.map((): number[] => []);
  for (let i = 0; i < runs; i++) {
    for (const [r, [, program, needle]] of rows.entries()) {
      times[r]!.push(...(await firstFrame([], needle, env, program, 1)));
    }
  }
  const medians = times.map(median);
  const [floor, ink] = [medians[0]!, medians[1]!];
  console.log('\n## Cold start (median of %d, real PTY, until the text is on screen)', runs);
  console.log(`${'what'.padEnd(38)} ${'median'.padStart(9)}  ×node  ×Ink hello  ×before`);
  for (const [r, [label]] of rows.entries()) {
    const m = medians[r]!;
    const was = before && r >= 2 && r < 2 + 3 ? medians[r + 3]! : undefined;
    console.log(
      `${label.padEnd(38)} ${ms(m).padStart(9)}  ${(m / floor).toFixed(2).padStart(5)}  ${(m / ink).toFixed(2).padStart(10)}  ${was ? (m / was).toFixed(2).padStart(7) : ''}`,
    );
  }
}

async function keypress() {
  const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
  // Enough new cards a day for every keypress measured.
  mkdirSync(join(env.XDG_CONFIG_HOME!, 'recall'), { recursive: true });
  writeFileSync(
    join(env.XDG_CONFIG_HOME!, 'recall', 'config.yaml'),
    'defaults:\n  new_per_day: 1000\n',
  );
  const deck = deckOf(100);
  const t = new Terminal(['review', deck], env);
  await t.waitFor('Question number 0?');
  const reveal: number[] = [];
  const rate: number[] = [];
  for (let i = 0; i < Math.min(40, runs * 3); i++) {
    let mark = t.mark;
    t.type(' ');
    reveal.push(await t.waitFor(`Answer number ${i}`, mark));
    mark = t.mark;
    t.type('4');
    rate.push(await t.waitFor(`Question number ${i + 1}?`, mark));
  }
  // A bury is a log entry, as a rating is: in review, then in cram over the same deck.
  const reviewBury: number[] = [];
  for (let i = rate.length; i < rate.length * 2; i++) {
    const mark = t.mark;
    t.type('-');
    reviewBury.push(await t.waitFor(`Question number ${i + 1}?`, mark));
  }
  t.kill();
  const cram = new Terminal(['cram', deck, '--order', 'deck'], env);
  await cram.waitFor('Question number 0?');
  const bury: number[] = [];
  for (let i = 0; i < Math.min(40, runs * 3); i++) {
    const mark = cram.mark;
    cram.type('-');
    bury.push(await cram.waitFor(`Question number ${i + 1}?`, mark));
  }
  cram.kill();
  console.log(
    '\n## Keypress → next frame (median of %d; one 60 Hz frame is 16.7 ms)',
    reveal.length,
  );
  console.log(`space → answer shown          ${ms(median(reveal))}`);
  console.log(`4 → rating saved, next card   ${ms(median(rate))}`);
  console.log(`review: - → buried, next card ${ms(median(reviewBury))}`);
  console.log(`cram: - → buried, next card   ${ms(median(bury))}`);
}

/** Card c's progress key: four decks, since one deck file is limited to 5 MB. */
const benchKey = (c: number) => `bench${c % 4}/c${c}`;

/** The decks holding the cards of a store seeded with `cards` cards, one file per deck. */
function decksOf(cards: number): string {
  const dir = join(work, `decks-${cards}`);
  mkdirSync(dir, { recursive: true });
  for (let d = 0; d < 4; d++) {
    const body: string[] = [];
    for (let c = d; c < cards; c += 4) {
      body.push(`  - id: c${c}\n    q: Question number ${c}?\n    a: Answer number ${c}\n`);
    }
    writeFileSync(
      join(dir, `bench${d}.yaml`),
      `id: bench${d}\nname: Bench ${d}\ncards:\n${body.join('')}`,
    );
  }
  return dir;
}

/**
 * A log of `perCard` reviews of each of `cards` cards, in time order as a real one is: rounds
 * three days apart, each spread over its three days; about one answer in nine is Again.
 */
function seedStore(
  dir: string,
  cards: number,
  perCard = 10,
  file = join(dir, 'reviews.jsonl'),
  start = Date.UTC(2025, 0, 1),
  format: 1 | 2 = 2,
  keyOf: (c: number) => string = benchKey,
): void {
  mkdirSync(dirname(file), { recursive: true });
  const s = new Scheduler(defaultDeckSettings);
  const fd = openSync(file, 'w');
  const states: (SrsState | null)[] = new Array(cards).fill(null);
  const round = 3 * 86_400_000;
  let lines: string[] = [];
  for (let r = 0; r < perCard; r++) {
    for (let c = 0; c < cards; c++) {
      const key = keyOf(c);
      const at = new Date(start + r * round + Math.floor((c * round) / cards));
      const rating = (c * 7 + r) % 9 === 0 ? 1 : 3;
      const prev = states[c]!;
      const next = s.rate(key, prev, rating, at.getTime());
      const e: ReviewEntry = {
        v: 1,
        id: newEntryId(at.getTime()),
        kind: 'review',
        card: key,
        rating,
        reviewedAt: at.toISOString(),
        durationMs: 4000,
        ...srsToStored(next),
        prev: prev && srsToStored(prev),
      };
      lines.push(format === 2 ? entryLine(e, prev) : JSON.stringify(e));
      states[c] = next;
      if (lines.length > 10_000) {
        writeSync(fd, `${lines.join('\n')}\n`);
        lines = [];
      }
    }
  }
  if (lines.length) writeSync(fd, `${lines.join('\n')}\n`);
  closeSync(fd);
}

async function persistence() {
  console.log('\n## Persisting one rating (median of 200; includes fdatasync)');
  const rawFile = join(work, 'raw.jsonl');
  const fd = openSync(rawFile, 'a');
  const raw: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    writeSync(fd, `${JSON.stringify({ i, pad: 'x'.repeat(300) })}\n`);
    fdatasyncSync(fd);
    raw.push(performance.now() - t0);
  }
  closeSync(fd);
  const floor = median(raw);
  console.log(`baseline: append + fdatasync of one line   ${ms(floor)}   1.00×`);
  const ends: string[] = [];
  for (const cards of [1_000, 10_000, 100_000]) {
    const dir = join(work, `store-${cards}`);
    seedStore(dir, cards);
    const { store } = await ProgressStore.open(dir);
    const rec = new Recorder(store, () => new Scheduler(defaultDeckSettings));
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const now = Date.UTC(2026, 0, 1) + i * 60_000;
      const t0 = performance.now();
      rec.rate(`bench${i % 4}`, benchKey(i), 3, now, 3000);
      times.push(performance.now() - t0);
    }
    // Session end: the close after a day's 200 ratings, against the snapshot rewrite it skips.
    const c0 = performance.now();
    await store.close();
    const closed = performance.now() - c0;
    const again = (await ProgressStore.open(dir)).store;
    const w0 = performance.now();
    await again.checkpoint();
    const rewrite = performance.now() - w0;
    await again.close();
    const m = median(times);
    console.log(
      `${String(cards).padStart(7)} cards, ${String(cards * 10).padStart(9)} log lines   ${ms(m)}   ${(m / floor).toFixed(2)}×`,
    );
    ends.push(
      `${String(cards).padStart(7)} cards   session end ${ms(closed)}   snapshot rewrite ${ms(rewrite)}   ${(closed / rewrite).toFixed(4)}×`,
    );
    if (cards === 100_000) statsDirs.push(dir);
  }
  console.log(
    '\n## Session end after 200 ratings (one run each; the rewrite it skips as baseline)',
  );
  for (const line of ends) console.log(line);
}

/**
 * Two devices' logs over the same 100k cards: one rating each per card, the desktop's a day
 * after the laptop's and built on the card's state before the laptop's (neither had synced), so
 * the merge recomputes every one of the desktop's: the worst first merge.
 */
async function devices() {
  console.log('\n## Progress from several devices (100k cards; medians of 5)');
  const cards = 100_000;
  const scheduler = new Scheduler(defaultDeckSettings);
  const reschedule = async () => (key: string, prev: SrsState | null, rating: Rating, at: number) =>
    scheduler.rate(key, prev, rating, at);
  const laptop = 'laptop-0a0a';
  const desktop = 'desktop-0b0b';
  const dir = join(work, 'devices');
  const own = join(dir, 'log', `${laptop}.jsonl`);
  seedStore(dir, cards, 1, own, Date.UTC(2025, 0, 1));
  const other = join(work, 'desktop.jsonl');
  seedStore(join(work, 'desktop'), cards, 1, other, Date.UTC(2025, 0, 2));
  // A card's second rating (the first has no state before it), in both formats.
  const lineBytes = (format: 1 | 2) => {
    const file = join(work, `format-${format}.jsonl`);
    seedStore(join(work, 'formats'), 1000, 2, file, Date.UTC(2025, 0, 1), format);
    const text = readFileSync(file, 'utf8').split('\n');
    return Buffer.byteLength(text[1000]!) + 1;
  };
  const v1 = lineBytes(1);
  const v2 = lineBytes(2);
  console.log(`bytes per review line, format 1 (full)         ${v1}   1.00×`);
  console.log(`bytes per review line, format 2 (compact)      ${v2}   ${(v2 / v1).toFixed(2)}×`);
  const replay = async (format: 1 | 2) => {
    const d = join(work, `replay-${format}`);
    seedStore(d, cards, 1, join(d, 'reviews.jsonl'), Date.UTC(2025, 0, 1), format);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      rmSync(join(d, 'state.json'), { force: true });
      const t0 = performance.now();
      const { store } = await ProgressStore.open(d, { readOnly: true });
      times.push(performance.now() - t0);
      await store.close();
    }
    rmSync(d, { recursive: true, force: true });
    return median(times);
  };
  const full = await replay(1);
  const compact = await replay(2);
  console.log(`replay 100k lines from nothing, format 1       ${ms(full)}   1.00×`);
  console.log(
    `replay 100k lines from nothing, format 2       ${ms(compact)}   ${(compact / full).toFixed(2)}×`,
  );

  const open = async () => {
    const t0 = performance.now();
    const { store } = await ProgressStore.open(dir, { device: laptop, reschedule });
    const took = performance.now() - t0;
    return { store, took };
  };
  const steady = async () => {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const { store, took } = await open();
      times.push(took);
      await store.close();
    }
    return median(times);
  };
  // Replaying from nothing writes the snapshot the later opens start from.
  await (await open()).store.close();
  const one = await steady();
  console.log(`open, one device's log, from its snapshot       ${ms(one)}   1.00×`);

  const merges: number[] = [];
  for (let i = 0; i < 5; i++) {
    // Each time: the laptop's own snapshot only, then the desktop's log arrives.
    rmSync(join(dir, 'log', `${desktop}.jsonl`), { force: true });
    rmSync(join(dir, 'state.json'), { force: true });
    await (await open()).store.close();
    copyFileSync(other, join(dir, 'log', `${desktop}.jsonl`));
    const { store, took } = await open();
    merges.push(took);
    await store.close();
  }
  const merge = median(merges);
  console.log(
    `first merge of two 100k-rating histories        ${ms(merge)}   ${(merge / one).toFixed(2)}×`,
  );
  const two = await steady();
  console.log(
    `open, two devices' logs, from the snapshot      ${ms(two)}   ${(two / one).toFixed(2)}×`,
  );

  // A routine sync: 200 lines from the desktop, a day after everything else, while open.
  const { store } = await open();
  const routine: number[] = [];
  for (let round = 0; round < 5; round++) {
    const at = Date.UTC(2025, 0, 10 + round);
    const lines = Array.from({ length: 200 }, (_, c) => {
      const key = benchKey(c);
      const prev = store.get(key)?.srs ?? null;
      const next = scheduler.rate(key, prev, 3, at + c);
      const e: ReviewEntry = {
        v: 1,
        id: newEntryId(at + c),
        kind: 'review',
        card: key,
        rating: 3,
        reviewedAt: new Date(at + c).toISOString(),
        durationMs: 4000,
        ...srsToStored(next),
        prev: prev && srsToStored(prev),
      };
      return `${entryLine(e, prev)}\n`;
    });
    appendFileSync(join(dir, 'log', `${desktop}.jsonl`), lines.join(''));
    const t0 = performance.now();
    store.refresh();
    routine.push(performance.now() - t0);
  }
  await store.close();
  const r = median(routine);
  console.log(`a routine sync's 200 lines, applied in session ${ms(r)}   ${(r / one).toFixed(3)}×`);
  rmSync(dir, { recursive: true, force: true });
}

const statsDirs: string[] = [];
/** Text the stats screen draws once its figures are in. */
const STATS_NEEDLE = 'True retention';

/**
 * Stats over a million review lines, in two shapes: 100k cards × 10 reviews (the persistence
 * store) and 20k cards × 50 (a heavy user's years). Each in process (the store's open, the history
 * read without its cache, while writing it and from it, and the figures) and end to end (the stats
 * screen's first frame, cache built, beside `recall status` on the same collection and node).
 */
async function stats() {
  const wide = statsDirs[0];
  if (wide) await statsOver(wide, 100_000);
  const deep = join(work, 'store-20000x50');
  seedStore(deep, 20_000, 50);
  await statsOver(deep, 20_000);
}

async function statsOver(dir: string, cardCount: number) {
  const xdgCache = mkdtempSync(join(work, 'cache-'));
  const cacheFile = historyCacheFile(join(xdgCache, 'recall'), dir);
  const scheduler = new Scheduler(defaultDeckSettings);
  // A seeded log has no snapshot yet: the first open replays it all and writes one.
  await (await ProgressStore.open(dir)).store.close();
  const t0 = performance.now();
  const { store } = await ProgressStore.open(dir, { historyCache: cacheFile });
  const tOpen = performance.now() - t0;
  const timed = async () => {
    const t = performance.now();
    const history = await store.history();
    return { history, ms: performance.now() - t };
  };
  const { store: plain } = await ProgressStore.open(dir);
  const uncached = await (async () => {
    const t = performance.now();
    await plain.history();
    return performance.now() - t;
  })();
  await plain.close();
  const building = await timed(); // no cache file yet: reads everything, then writes it
  const cached: number[] = [];
  let history = building.history;
  for (let i = 0; i < 5; i++) {
    const r = await timed();
    cached.push(r.ms);
    history = r.history;
  }
  const cards = [...store.cards().keys()].map((key, order) => ({
    card: { ...basicCard(key), order },
    progress: store.get(key),
    settings: defaultDeckSettings,
    scheduler,
  }));
  const computeTimes: number[] = [];
  let report: ReturnType<typeof computeStats> | undefined;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    report = computeStats({ history, cards, now: Date.UTC(2026, 5, 1), dayStartsAt: 4 });
    computeTimes.push(performance.now() - t);
  }
  await store.close();
  console.log(
    `\n## Stats over ${history.rows} log rows, ${cards.length} cards (${report!.totalReviews} reviews)`,
  );
  console.log(`open the store (snapshot)           ${ms(tOpen)}`);
  console.log(`read the history, no cache          ${ms(uncached)}`);
  console.log(`read the history, writing the cache ${ms(building.ms)}`);
  console.log(`read the history from the cache     ${ms(median(cached))} (median of 5)`);
  console.log(`compute every figure                ${ms(median(computeTimes))} (median of 5)`);

  // The screen a person opens: cache warm (built above under the same XDG_CACHE_HOME).
  const decks = decksOf(cardCount);
  const env = isolatedEnv({ RECALL_NOW: '2026-06-01T12:00:00Z', RECALL_HOME: dir });
  env.XDG_CACHE_HOME = xdgCache;
  execFileSync(process.execPath, [cliPath, 'status', decks], { env }); // warm the deck cache
  const n = Math.min(runs, 7);
  const floor = median(await firstFrame([], 'ready', env, ['-e', "console.log('ready')"], n));
  const status = median(await firstFrame(['status', decks], 'next due', env, undefined, n));
  const screen = median(await firstFrame(['stats', decks], STATS_NEEDLE, env, undefined, n));
  console.log(`\n## Stats end to end, 1M log lines (median of ${n}, real PTY, until on screen)`);
  console.log(`node -e 'console.log(1)'   ${ms(floor)}   1.00×`);
  console.log(`recall status             ${ms(status)}   ${(status / floor).toFixed(2)}×`);
  console.log(`recall stats, first frame ${ms(screen)}   ${(screen / floor).toFixed(2)}×`);
}

function basicCard(key: string): BasicCard {
  const [deckId = '', noteId = ''] = key.split('/');
  const pos = { file: 'bench.yaml', line: 1, col: 1 };
  return {
    kind: 'basic',
    key,
    deckId,
    noteId,
    implicitId: false,
    tags: [],
    pos,
    order: 0,
    prompt: key,
    answer: key,
  };
}

/**
 * Browse over 100k cards. In process, over rows in every state (nine in ten rated, with lapses,
 * tags, marks and suspensions): a sort per column change, and the filter each keystroke runs
 * for the query typed so far. Then the screen in a real PTY over 100k (new) cards: the first
 * frame, and each key of a typed query until its frame is drawn.
 */
async function browse() {
  const cards = 100_000;
  const now = Date.parse('2026-03-10T12:00:00Z');
  const day = 86_400_000;
  const s = new Scheduler(defaultDeckSettings);
  const rows: BrowseRow[] = Array.from({ length: cards }, (_, c) => {
    const card = {
      ...basicCard(benchKey(c)),
      prompt: `Question number ${c}?`,
      answer: `Answer number ${c}`,
      tags: [`t${c % 10}`],
    };
    const rated = c % 10 !== 0;
    const srs: SrsState | null = rated
      ? {
          ...s.rate(card.key, null, 3, now - (c % 30) * day),
          lapses: c % 12,
          due: now + ((c % 40) - 10) * day,
        }
      : null;
    return {
      card,
      progress: rated
        ? {
            srs,
            ...(c % 97 === 0 ? { suspended: true as const } : {}),
            ...(c % 13 === 0 ? { mark: 'red' } : {}),
          }
        : undefined,
      deckName: `Bench ${c % 4}`,
      text: searchText(card),
      recall: rated ? 1 - (c % 50) / 100 : null,
      leechAt: 8,
      prompt: card.prompt,
      at: c,
    };
  });
  const clock = { now, dayStartsAt: 4 };
  console.log(
    `\n## Browse over ${cards.toLocaleString('en-US')} cards, in process (medians of ${runs})`,
  );
  for (const by of BROWSE_SORTS) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t0 = performance.now();
      sortRows(rows, by);
      times.push(performance.now() - t0);
    }
    console.log(`sort by ${by.padEnd(10)}                       ${ms(median(times))}`);
  }
  const sorted = sortRows(rows, 'due');
  for (const query of [
    'number 4242',
    'is:due -is:suspended',
    'tag:t3 recall<0.8 lapses>3',
    '(deck:bench1 or mark:red) due<7d',
    'question*42?',
  ]) {
    const perKey: number[] = [];
    for (let i = 0; i < runs; i++) {
      // Every prefix, as typed: the worst key of the query counts.
      let worst = 0;
      for (let n = 1; n <= query.length; n++) {
        const t0 = performance.now();
        filterRows(sorted, query.slice(0, n), clock);
        worst = Math.max(worst, performance.now() - t0);
      }
      perKey.push(worst);
    }
    console.log(`filter, slowest key of ${JSON.stringify(query).padEnd(36)} ${ms(median(perKey))}`);
  }

  const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
  const dir = decksOf(cards);
  execFileSync(process.execPath, [cliPath, 'status', dir], { env }); // warm the deck cache
  const n = Math.min(runs, 3);
  // Opening 100k cards takes seconds on a loaded machine: wait longer than firstFrame does.
  const open = (t: Terminal) => t.waitFor('Browse · 100,000 of', 0, 120_000);
  const frames: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const t = new Terminal(['browse', '', dir], env);
    await open(t);
    frames.push(performance.now() - t0);
    t.kill();
    await t.exited();
  }
  const t = new Terminal(['browse', '', dir], env);
  await open(t);
  let mark = t.mark;
  t.type('/');
  await t.waitFor('▏', mark);
  const keys: number[] = [];
  const typed = 'number 4242';
  for (let i = 1; i <= typed.length; i++) {
    mark = t.mark;
    t.type(typed[i - 1]!);
    keys.push(await t.waitFor(`/ ${typed.slice(0, i)}▏`, mark));
  }
  t.kill();
  await t.exited();
  console.log(`\n## Browse over ${cards.toLocaleString('en-US')} cards, real PTY (100×30)`);
  console.log(`first frame (median of ${n})                 ${ms(median(frames))}`);
  console.log(
    `key of a typed query → frame, median / worst   ${ms(median(keys))} / ${ms(Math.max(...keys))}`,
  );
}

/** Peak resident memory of a process so far, in MB (Linux; NaN elsewhere). */
function peakRss(pid: number): number {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/**
 * Home over 5,000 deck files in the user's deck folder (tests/bench/many-decks.mjs writes them):
 * the first frame and memory, ↓ to the next frame; and the part of the start that is not the
 * screen, in process: finding the files, reading them through the deck cache, the due counts.
 */
async function decks() {
  const count = 5000;
  const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
  const folder = join(env.XDG_CONFIG_HOME!, 'recall', 'decks');
  execFileSync(process.execPath, [process.env.MANY_DECKS!, folder, String(count)]);
  const n = Math.min(runs, 3);
  const t0 = performance.now();
  const listed = JSON.parse(
    execFileSync(process.execPath, [cliPath, 'status', '--json'], { env, encoding: 'utf8' }),
  ) as { decks: { name: string }[] };
  const cold = performance.now() - t0;
  const names = ['All decks', ...listed.decks.map((d) => d.name)];
  const floor = median(await firstFrame([], 'ready', env, ['-e', "console.log('ready')"], n));
  const status = median(await firstFrame(['status'], 'next due', env, undefined, n));
  const frames: number[] = [];
  const peaks: number[] = [];
  const downs: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    const t = new Terminal([], env);
    await t.waitFor('› All decks', 0, 120_000);
    frames.push(performance.now() - started);
    peaks.push(peakRss(t.pid));
    for (let row = 1; row <= 10; row++) {
      const mark = t.mark;
      t.type('\x1b[B');
      // Patient: before the list was windowed, one ↓ took seconds.
      downs.push(await t.waitFor(`› ${names[row]} `, mark, 120_000));
    }
    t.type('q');
    await t.exited();
  }
  console.log(`\n## Home over ${count} deck files (median of ${n}, real PTY, 100×30)`);
  console.log(`node -e 'console.log(1)'          ${ms(floor)}   1.00×`);
  console.log(`recall status, deck cache cold    ${ms(cold)} (once)`);
  console.log(`recall status                     ${ms(status)}   ${(status / floor).toFixed(2)}×`);
  console.log(
    `home, first frame                 ${ms(median(frames))}   ${(median(frames) / floor).toFixed(2)}×`,
  );
  console.log(`home, peak RSS                    ${median(peaks).toFixed(0)} MB`);
  console.log(`↓ → next frame                    ${ms(median(downs))} (median of ${downs.length})`);

  const paths = [shippedDecksDir(), folder];
  const timed = async <T>(f: () => Promise<T> | T) => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  const discover: number[] = [];
  const load: number[] = [];
  const open: number[] = [];
  const counts: number[] = [];
  for (let i = 0; i < n; i++) {
    discover.push(await timed(() => discoverDeckFiles(paths)));
    load.push(await timed(() => loadDecks(paths, { cacheDir: cacheDir(env) })));
    const opening = performance.now();
    const { collection } = await openCollection([], env, { readOnly: true });
    open.push(performance.now() - opening);
    counts.push(await timed(() => collectionStatus(collection, Date.parse(env.RECALL_NOW!))));
    await collection.store.close();
  }
  console.log(`\n## Opening ${count} deck files, in process (median of ${n}, deck cache warm)`);
  console.log(`find the deck files                ${ms(median(discover))}`);
  console.log(`read them through the deck cache   ${ms(median(load))}`);
  console.log(`open the collection (config, decks, progress) ${ms(median(open))}`);
  console.log(`due counts of every deck (home, status) ${ms(median(counts))}`);
}

/**
 * A collection of `notes` reversed notes in 20 subdecks, with `rows` review-log rows spread over
 * their cards: per card a learning step, then reviews a few days apart.
 */
function bigCollection(notes: number, rows: number): FixtureCollection {
  const day = 86_400_000;
  const start = Date.UTC(2022, 0, 1);
  const cards = Array.from({ length: notes * 2 }, (_, i) => ({
    id: 1_000_000 + i,
    nid: 1_000 + Math.floor(i / 2),
    did: 10 + (Math.floor(i / 2) % 20),
    ord: i % 2,
    type: 2,
    queue: 2,
    ivl: 10,
    factor: 2500,
  }));
  const perCard = Math.ceil(rows / cards.length);
  const revlog = [];
  for (const card of cards) {
    for (let r = 0; r < perCard && revlog.length < rows; r++) {
      revlog.push({
        id: start + (card.id % 1000) * 60_000 + r * 4 * day + revlog.length,
        cid: card.id,
        ease: r === 3 ? 1 : 3,
        type: r === 0 ? 0 : 1,
        ivl: 4,
        lastIvl: r === 0 ? 0 : 4,
        factor: 2500,
        time: 4000,
      });
    }
  }
  return {
    noteTypes: [REVERSED],
    decks: Array.from({ length: 20 }, (_, i) => ({ id: 10 + i, name: `Big::Part ${i + 1}` })),
    notes: Array.from({ length: notes }, (_, i) => ({
      id: 1_000 + i,
      mid: REVERSED.id,
      fields: [`word <b>${i}</b>`, `meaning ${i}<br>with a second line`],
    })),
    cards,
    revlog,
  };
}

/**
 * `recall import` of a large package: the plan alone (--dry-run), then the whole import, then
 * the same import again (an update: decks rewritten, no history). With BENCH_IMPORT_BASELINE
 * naming another build's cli.js (an older recall, e.g. main's dist copied aside), both are run
 * in turn, round by round, so that load falls on both alike; medians of BENCH_IMPORT_ROUNDS.
 */
async function importing() {
  const notes = Number(process.env.BENCH_IMPORT_NOTES ?? 20_000);
  const rows = Number(process.env.BENCH_IMPORT_ROWS ?? 200_000);
  const rounds = Number(process.env.BENCH_IMPORT_ROUNDS ?? 1);
  const baseline = process.env.BENCH_IMPORT_BASELINE;
  const built = performance.now();
  const file = join(work, 'big.apkg');
  writeFileSync(file, await buildPackage(bigCollection(notes, rows), 'anki21b'));
  const buildMs = performance.now() - built;
  /** Runs `recall import FILE ARGS`; its time and peak memory (VmHWM, read while it runs). */
  const run = (cli: string, env: Record<string, string>, args: string[]) =>
    new Promise<{ ms: number; peak: number }>((done, fail) => {
      const t = performance.now();
      const child = spawn(process.execPath, [cli, 'import', file, ...args], {
        env,
        stdio: 'ignore',
      });
      let peak = 0;
      const poll = setInterval(() => {
        peak = Math.max(peak, peakRss(child.pid!) || 0);
      }, 20);
      child.on('error', fail);
      child.on('exit', (code) => {
        clearInterval(poll);
        if (code !== 0) fail(new Error(`recall import exited ${code}`));
        else done({ ms: performance.now() - t, peak });
      });
    });
  const builds: [string, string][] = [
    ...(baseline ? ([['baseline', baseline]] as [string, string][]) : []),
    ['this build', cliPath],
  ];
  type Runs = { dry: number[]; full: number[]; again: number[]; peaks: number[][] };
  const runs = new Map<string, Runs>(
    builds.map(([name]) => [name, { dry: [], full: [], again: [], peaks: [[], [], []] }]),
  );
  for (let round = 0; round < rounds; round++) {
    for (const [name, cli] of builds) {
      const env = isolatedEnv({ RECALL_NOW: '2024-06-01T12:00:00Z' });
      const into = join(env.HOME!, 'imported');
      const r = runs.get(name)!;
      const steps = [
        await run(cli, env, ['--into', into, '--dry-run']),
        await run(cli, env, ['--into', into]),
        await run(cli, env, ['--into', into]),
      ];
      r.dry.push(steps[0]!.ms);
      r.full.push(steps[1]!.ms);
      r.again.push(steps[2]!.ms);
      steps.forEach((s, i) => {
        r.peaks[i]!.push(s.peak);
      });
    }
  }
  console.log(
    `\n## Importing an Anki package: ${notes} notes, ${notes * 2} cards, ${rows} review-log rows (median of ${rounds}, ${load()})`,
  );
  console.log(`build the package (sql.js, in the bench)  ${ms(buildMs)}`);
  const base = baseline ? runs.get('baseline') : undefined;
  const ratio = (now: number[], before: number[] | undefined) =>
    before ? `, ${(median(now) / median(before)).toFixed(2)}× the baseline` : '';
  for (const [name] of builds) {
    const r = runs.get(name)!;
    const peak = (i: number) => `peak RSS ${median(r.peaks[i]!).toFixed(0)} MB`;
    console.log(`### ${name}`);
    console.log(
      `recall import --dry-run (read, render, replay)  ${ms(median(r.dry))}, ${peak(0)}${name === 'baseline' ? '' : ratio(r.dry, base?.dry)}`,
    );
    console.log(
      `recall import (and append the history)  ${ms(median(r.full))}, ${peak(1)}${name === 'baseline' ? '' : ratio(r.full, base?.full)}`,
    );
    console.log(
      `recall import again (an update, no history)  ${ms(median(r.again))}, ${peak(2)}${name === 'baseline' ? '' : ratio(r.again, base?.again)}`,
    );
  }
}

/** Wall time of `node ARGS` to its exit, output ignored. */
function runTimed(args: readonly string[], env: Record<string, string>): number {
  const t = performance.now();
  execFileSync(process.execPath, args, { env, stdio: 'ignore' });
  return performance.now() - t;
}

/** Medians of `count` runs of each command, taken in turn so that load falls on all alike. */
function alternated(
  commands: Record<string, readonly string[]>,
  env: Record<string, string>,
  count: number,
): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(
    Object.keys(commands).map((name) => [name, []]),
  );
  for (let i = 0; i < count; i++) {
    for (const [name, args] of Object.entries(commands)) times[name]!.push(runTimed(args, env));
  }
  return Object.fromEntries(Object.entries(times).map(([name, xs]) => [name, median(xs)]));
}

const load = () => `load average ${loadavg()[0]!.toFixed(1)}`;

async function optimize() {
  const home = join(work, 'optimize');
  const t0 = performance.now();
  const learner = writeLearner(home, {
    cards: 3000,
    days: 180,
    seed: 1,
    newPerDay: 40,
    start: Date.parse('2026-01-05T09:00:00Z'),
  });
  console.log(
    `\n## recall optimize on ${learner.reviews} reviews (a synthetic learner, made in ${ms(performance.now() - t0)})`,
  );
  const env = {
    ...isolatedEnv({ RECALL_NOW: '2026-07-10T12:00:00Z' }),
    RECALL_HOME: learner.dataDir,
    XDG_CACHE_HOME: join(home, 'cache'),
  };
  // Once, as a user's folder is: this device's log and a snapshot of it (a writable open
  // migrates the learner's single log and checkpoints), so that reading is not a full replay.
  execFileSync(process.execPath, [cliPath, 'doctor', learner.deckDir], { env, stdio: 'ignore' });
  const n = Math.min(runs, 5);
  const before = load();
  const cli = alternated(
    {
      node: ['-e', 'console.log(1)'],
      status: [cliPath, 'status', learner.deckDir],
      optimize: [cliPath, 'optimize', learner.deckDir, '--dry-run'],
    },
    env,
    n,
  );
  const reading: number[] = [];
  const items: number[] = [];
  const trainings: number[] = [];
  const binding = await import('@open-spaced-repetition/binding');
  let set: ReturnType<typeof trainingItems> | undefined;
  for (let i = 0; i < n; i++) {
    let t = performance.now();
    const { collection } = await openCollection([learner.deckDir], env, { readOnly: true });
    const history = await collection.store.history();
    await collection.store.close();
    reading.push(performance.now() - t);
    t = performance.now();
    set = trainingItems(history, 4);
    items.push(performance.now() - t);
    t = performance.now();
    await train(binding, set, { current: undefined, relearningSteps: 1 });
    trainings.push(performance.now() - t);
  }
  console.log(`(${before} before, ${load()} after; medians of ${n}, the commands run in turn)`);
  console.log(`baseline, node -e 'console.log(1)'                      ${ms(cli.node!)}   1.0×`);
  console.log(
    `recall status on the same decks and log               ${ms(cli.status!)}   ${(cli.status! / cli.node!).toFixed(1)}×`,
  );
  console.log(
    `end to end, recall optimize --dry-run (the built CLI)  ${ms(cli.optimize!)}   ${(cli.optimize! / cli.node!).toFixed(1)}×   (aim: 2 s)`,
  );
  console.log('in process:');
  console.log(`  open the decks and read the log as columns  ${ms(median(reading))}`);
  console.log(`  build ${set!.items.length} training items            ${ms(median(items))}`);
  console.log(`  train, and check both parameter sets on later reviews  ${ms(median(trainings))}`);
}

async function simulation() {
  console.log(
    '\n## The simulator: 365 days × 5 retentions × 10k new cards (20 new/day, 200 reviews/day)',
  );
  const deck = deckOf(10_000);
  const env = isolatedEnv({ RECALL_NOW: '2026-01-05T09:00:00Z' });
  execFileSync(process.execPath, [cliPath, 'status', deck], { env, stdio: 'ignore' }); // deck cache
  const n = Math.min(runs, 5);
  const before = load();
  const cli = alternated(
    { node: ['-e', 'console.log(1)'], simulate: [cliPath, 'simulate', deck] },
    env,
    n,
  );
  // The core alone, rating as the app does: the deck's scheduler, load balancing on.
  const cards = Array.from({ length: 10_000 }, () => null);
  const times: number[] = [];
  let answers = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    answers = 0;
    for (const retention of [0.75, 0.8, 0.85, 0.9, 0.95]) {
      const s = new Scheduler({ ...defaultDeckSettings, retention });
      const run = simulate({
        schedule: {
          rate: (k, p, r, at, dayLoad) =>
            s.rate(k, p, r, at, dayLoad && { load: dayLoad, easyDays: NORMAL_DAYS }),
          curve: s,
        },
        cards,
        start: Date.parse('2026-01-05T09:00:00Z'),
        days: 365,
        dayStartsAt: 4,
        newPerDay: 20,
        reviewsPerDay: 200,
        answering: defaultAnswering,
        seed: 1,
      });
      answers += run.reviews.reduce((a, b) => a + b, 0);
    }
    times.push(performance.now() - t);
  }
  console.log(`(${before} before, ${load()} after; medians of ${n}, the commands run in turn)`);
  console.log(`baseline, node -e 'console.log(1)'          ${ms(cli.node!)}   1.0×`);
  console.log(
    `end to end, recall simulate (the built CLI)  ${ms(cli.simulate!)}   ${(cli.simulate! / cli.node!).toFixed(1)}×   (aim: 3 s)`,
  );
  console.log(
    `in process, the core: ${answers} answers     ${ms(median(times))}   ${((median(times) * 1000) / answers).toFixed(1)} µs an answer`,
  );
}

async function balance() {
  console.log('\n## Load balancing over 100k cards (1M log lines)');
  const dir = join(work, 'store-balance');
  seedStore(dir, 100_000);
  const { store } = await ProgressStore.open(dir);
  // A month after the last round: reviews are due over the days ahead.
  const now = Date.UTC(2025, 1, 15, 10);
  const settings = () => defaultDeckSettings;
  const counting: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    new DayLoads(() => store.cards(), 4, settings).balancingFor('bench0', now);
    counting.push(performance.now() - t0);
  }
  const loads = new DayLoads(() => store.cards(), 4, settings);
  const balancing = loads.balancingFor('bench0', now)!;
  const busiest = Math.max(...Array.from({ length: 99 }, (_, d) => balancing.load.due(d)));
  console.log(`count the 99 days ahead (busiest: ${busiest} cards)   ${ms(median(counting))}`);
  const scheduler = new Scheduler(defaultDeckSettings);
  const previews = (b: typeof balancing | undefined) => {
    const times: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const key = benchKey(i);
      const srs = store.get(key)?.srs ?? null;
      const t0 = performance.now();
      scheduler.preview(key, srs, now, b);
      times.push(performance.now() - t0);
    }
    return median(times);
  };
  const plainPreview = previews(undefined);
  const balancedPreview = previews(balancing);
  console.log(
    `preview, plain fuzz / balanced   ${(plainPreview * 1000).toFixed(0)} / ${(balancedPreview * 1000).toFixed(0)} µs   ${(balancedPreview / plainPreview).toFixed(2)}×`,
  );
  const rating = (rec: Recorder, from: number) => {
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t0 = performance.now();
      rec.rate(`bench${(from + i) % 4}`, benchKey(from + i), 3, now + i * 1000, 3000);
      times.push(performance.now() - t0);
    }
    return median(times);
  };
  const plain = rating(new Recorder(store, () => scheduler), 0);
  const balanced = rating(new Recorder(store, () => scheduler, undefined, undefined, loads), 1000);
  console.log(
    `one rating (append + fdatasync), plain fuzz / balanced   ${ms(plain)} / ${ms(balanced)}   ${(balanced / plain).toFixed(2)}×`,
  );
  await store.close();
}

/**
 * `recall status --json` at 100k cards in four decks and 1M log lines, a snapshot on disk (as
 * after any session), the deck cache warm: with the queue cache missing (the whole open, and
 * the cache written: what every status cost before it) and valid, each run's wall time and
 * peak RSS (read at exit by a preload), beside `node -e` with the same preload.
 */
async function statusAtSize() {
  const cards = 100_000;
  const dir = join(work, 'status-store');
  seedStore(dir, cards);
  const { store } = await ProgressStore.open(dir);
  await store.checkpoint();
  await store.close();
  const decks = decksOf(cards);
  const env = isolatedEnv({ RECALL_NOW: '2026-06-01T12:00:00Z', RECALL_HOME: dir });
  const preload = join(work, 'peak-rss.cjs');
  writeFileSync(
    preload,
    [
      "process.on('exit', () =>",
      "  require('node:fs').writeSync(2, 'peak ' + process.resourceUsage().maxRSS + '\\n'));",
      '',
    ].join('\n'),
  );
  const timed = (args: string[]) => {
    const t0 = performance.now();
    const out = spawnSync(process.execPath, ['--require', preload, ...args], {
      env,
      encoding: 'utf8',
    });
    const wall = performance.now() - t0;
    const kb = /peak (\d+)/.exec(out.stderr)?.[1];
    return { wall, mb: kb ? Number(kb) / 1024 : Number.NaN, stdout: out.stdout };
  };
  const queueCache = join(env.XDG_CACHE_HOME!, 'recall', 'queue');
  execFileSync(process.execPath, [cliPath, 'status', decks], { env }); // warm the deck cache
  const n = Math.min(runs, 7);
  const floor: number[] = [];
  const cold: { wall: number; mb: number; stdout: string }[] = [];
  const warm: { wall: number; mb: number; stdout: string }[] = [];
  for (let i = 0; i < n; i++) {
    floor.push(timed(['-e', 'console.log(1)']).wall);
    rmSync(queueCache, { recursive: true, force: true });
    cold.push(timed([cliPath, 'status', '--json', decks]));
    warm.push(timed([cliPath, 'status', '--json', decks]));
  }
  const same = cold.every((c, i) => c.stdout === warm[i]!.stdout);
  const f = median(floor);
  const line = (what: string, runs: typeof cold) => {
    const t = median(runs.map((r) => r.wall));
    const mb = median(runs.map((r) => r.mb));
    console.log(`${what} ${ms(t)}   ${(t / f).toFixed(2)}×   peak RSS ${mb.toFixed(0)} MiB`);
  };
  console.log(
    `\n## recall status --json, 100k cards, 1M log lines (median of ${n}, load ${loadavg()[0]!.toFixed(1)})`,
  );
  console.log(`node -e 'console.log(1)'          ${ms(f)}   1.00×`);
  line('status, queue cache missing      ', cold);
  line('status, queue cache valid        ', warm);
  console.log(`the same output both ways: ${same ? 'yes' : 'NO'}`);
}

/** Cards per file of `deckSet`: a deck of a few thousand cards, as people write them. */
const SET_FILE_CARDS = 2500;
/** Card c's progress key in `deckSet`'s decks. */
const setKey = (c: number) => `set${Math.floor(c / SET_FILE_CARDS)}/c${c}`;

/**
 * `cards` cards in files of `SET_FILE_CARDS`, each kind of card and the fields people use
 * (ids, tags, explanations, reversed cards' one card here), for the cold-parse rows.
 */
function deckSet(cards: number): string {
  const dir = join(work, `set-${cards}`);
  mkdirSync(dir, { recursive: true });
  for (let f = 0; f * SET_FILE_CARDS < cards; f++) {
    const body: string[] = [];
    for (let c = f * SET_FILE_CARDS; c < Math.min(cards, (f + 1) * SET_FILE_CARDS); c++) {
      const extra =
        c % 7 === 0 ? `    explain: Because of rule ${c % 50}, see chapter ${c % 12}.\n` : '';
      const tags = c % 5 === 0 ? `    tags: [t${c % 9}, chapter-${c % 12}]\n` : '';
      const kind = c % 10;
      const card =
        kind === 7
          ? `    cloze: The {{capital}} of country ${c} is {{city ${c}::a city}}.\n`
          : kind === 8
            ? `    q: Which is option ${c}?\n    choices: [opt ${c}, opt ${c + 1}, opt ${c + 2}]\n    answer: opt ${c}\n`
            : kind === 9
              ? `    q: Type the word for ${c}\n    typed: [word ${c}, w${c}]\n`
              : `    q: Question number ${c}?\n    a: Answer number ${c}\n`;
      body.push(`  - id: c${c}\n${card}${tags}${extra}`);
    }
    writeFileSync(
      join(dir, `set${f}.yaml`),
      `id: set${f}\nname: Set ${f}\ntags: [bench]\ncards:\n${body.join('')}`,
    );
  }
  return dir;
}

/** `recall ARGS` as a child process: its time and peak memory (VmHWM, read while it runs). */
function runCli(args: string[], env: Record<string, string>, cli = cliPath) {
  return new Promise<{ ms: number; peak: number }>((done, fail) => {
    const t = performance.now();
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: 'ignore' });
    let peak = 0;
    const poll = setInterval(() => {
      peak = Math.max(peak, peakRss(child.pid!) || 0);
    }, 10);
    child.on('error', fail);
    child.on('exit', (code) => {
      clearInterval(poll);
      if (code !== 0 && code !== 1) fail(new Error(`recall ${args[0]} exited ${code}`));
      else done({ ms: performance.now() - t, peak });
    });
  });
}

/** Total bytes of the files in `dir`, 0 when there is none. */
function folderBytes(dir: string): number {
  try {
    return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
  } catch {
    return 0;
  }
}

/** What a child of `freshParse` is to parse once: a deck folder, how, and where to cache. */
type ParseChild = {
  readonly dir: string;
  readonly how: 'yaml' | 'one thread' | 'workers';
  readonly cache: string;
  readonly workerFile: string;
};

/**
 * One parse in a process of its own, as `recall` pays it: the parser's code not yet optimised
 * by V8, the workers started anew. Repeating a parse in one process measures a warmed-up JIT
 * no run of recall has (at 10k cards the in-process one-thread parse is ~2× faster than the
 * same parse in a fresh process), which made workers, whose isolates always start cold, look
 * slower than one thread. Returns the parse alone, without Node's start.
 */
function freshParse(job: ParseChild): number {
  const out = execFileSync(process.execPath, [process.argv[1]!], {
    env: { ...process.env, BENCH_PARSE_CHILD: JSON.stringify(job) },
    encoding: 'utf8',
  });
  return Number(out.trim());
}

/** The child side of `freshParse`: parses once and prints the milliseconds it took. */
async function parseChild(job: ParseChild) {
  const { LineCounter, parseDocument } = await import('yaml');
  const { files } = await discoverDeckFiles([job.dir]);
  rmSync(job.cache, { recursive: true, force: true });
  const t = performance.now();
  if (job.how === 'yaml') {
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      parseDocument(text, { lineCounter: new LineCounter(), uniqueKeys: true }).toJS();
    }
  } else {
    const workerFile = job.how === 'workers' ? job.workerFile : false;
    await loadDecks([job.dir], { cacheDir: job.cache, workerFile });
  }
  console.log(performance.now() - t);
}

/**
 * Parsing decks at 10k and 100k cards: the YAML library's own parse of every file (the
 * baseline) and recall's cold parse (no deck cache), each once in a fresh process as a run of
 * recall pays it (`freshParse`), and warm open in process; end to end `recall status` with the
 * cache folder emptied and kept, `recall lint` warm with the progress store's read-only open it
 * makes, peak memory, and how large the deck cache is beside the YAML.
 * `BENCH_PARSE_SIZES=10000` picks the sizes.
 */
async function parsing() {
  const n = Math.min(runs, 5);
  const timed = async (f: () => unknown) => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  const repeat = async (f: () => unknown, before?: () => void) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      before?.();
      times.push(await timed(f));
    }
    return median(times);
  };
  const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
  const floor = median(await firstFrame([], 'ready', env, ['-e', "console.log('ready')"], n));
  console.log(`\n## Parsing decks (medians of ${n}; load ${loadAverage()})`);
  console.log(`node -e 'console.log(1)'   ${ms(floor)}   1.00×`);
  const sizes = (process.env.BENCH_PARSE_SIZES ?? '10000,100000').split(',').map(Number);
  for (const cards of sizes) {
    const dir = deckSet(cards);
    const { files } = await discoverDeckFiles([dir]);
    const yamlBytes = files.reduce((s, f) => s + statSync(f).size, 0);
    const store = join(work, `set-store-${cards}`);
    seedStore(store, cards, 2, join(store, 'reviews.jsonl'), Date.UTC(2025, 0, 1), 2, setKey);
    await (await ProgressStore.open(store)).store.close(); // writes the snapshot
    const cache = join(work, `set-cache-${cards}`);
    const workerFile = join(dirname(cliPath), 'deck-worker.js');
    // Interleaved, so a change in the machine's load falls on all three alike.
    const fresh = { yaml: [] as number[], 'one thread': [] as number[], workers: [] as number[] };
    for (let i = 0; i < n; i++) {
      for (const how of ['yaml', 'one thread', 'workers'] as const) {
        fresh[how].push(freshParse({ dir, how, cache, workerFile }));
      }
    }
    const yaml = median(fresh.yaml);
    const oneThread = median(fresh['one thread']);
    const cold = median(fresh.workers);
    const warm = await repeat(() => loadDecks([dir], { cacheDir: cache }));
    const cacheBytes = folderBytes(join(cache, 'decks'));
    const storeOpen = await repeat(async () => {
      const { store: s } = await ProgressStore.open(store, { readOnly: true });
      await s.close();
    });
    const cliEnv = { ...env, RECALL_HOME: store, XDG_CACHE_HOME: join(work, `set-xdg-${cards}`) };
    // The whole cache folder: with the queue cache kept, status would not parse at all.
    const cacheFolder = join(cliEnv.XDG_CACHE_HOME, 'recall');
    const end = async (args: string[], before?: () => void) => {
      const all: { ms: number; peak: number }[] = [];
      for (let i = 0; i < n; i++) {
        before?.();
        all.push(await runCli(args, cliEnv));
      }
      return { ms: median(all.map((r) => r.ms)), peak: median(all.map((r) => r.peak)) };
    };
    const coldStatus = await end(['status', dir], () =>
      rmSync(cacheFolder, { recursive: true, force: true }),
    );
    const warmStatus = await end(['status', dir]);
    const lint = await end(['lint', dir]);
    const k = `${cards / 1000}k`;
    const row = (what: string, x: number, base: number) =>
      console.log(`${k} ${what.padEnd(52)} ${ms(x)}   ${(x / base).toFixed(2)}×`);
    const mb = (x: number) => `${x.toFixed(0)} MB`;
    console.log(`${k} cards, ${files.length} files, ${(yamlBytes / 1e6).toFixed(1)} MB of YAML`);
    row('yaml parseDocument + toJS of every file (baseline)', yaml, yaml);
    row('recall cold parse, fresh process, one thread', oneThread, yaml);
    row('recall cold parse, fresh process, in workers', cold, yaml);
    row('recall warm open of the decks, in process', warm, yaml);
    row('progress store read-only open (what lint adds)', storeOpen, yaml);
    row(`recall status, cache folder empty (peak ${mb(coldStatus.peak)})`, coldStatus.ms, floor);
    row(`recall status, deck cache warm (peak ${mb(warmStatus.peak)})`, warmStatus.ms, floor);
    row(`recall lint, nothing changed (peak ${mb(lint.peak)})`, lint.ms, floor);
    console.log(
      `${k} deck cache ${(cacheBytes / 1e6).toFixed(1)} MB   ${(cacheBytes / yamlBytes).toFixed(2)}× the YAML`,
    );
  }
}

/** Words card ids are made of, so that keys have the length people give them. */
const ID_WORDS = ['endpoint', 'create', 'run', 'job', 'list', 'repair', 'cluster', 'token'];
const realId = (c: number) => `${ID_WORDS[c % 8]}-${ID_WORDS[(c * 5 + 3) % 8]}-${c}`;

/**
 * A collection as a person's grows: `cards` cards in deck files of 2,500 (every kind of card,
 * ids of real length), learnt at a steady pace over the 400 days before `now`, each reviewed
 * when it falls due (about one answer in ten Again) until `now`: ~10 reviews a card, and the
 * states, due dates and log that history gives. The decks go in the user's deck folder.
 */
function grownCollection(cards: number, now: number): Record<string, string> {
  const env = isolatedEnv({ RECALL_NOW: new Date(now).toISOString() });
  const folder = join(env.XDG_CONFIG_HOME!, 'recall', 'decks');
  mkdirSync(folder, { recursive: true });
  const keys: string[] = [];
  for (let f = 0; f * SET_FILE_CARDS < cards; f++) {
    const body: string[] = [];
    for (let c = f * SET_FILE_CARDS; c < Math.min(cards, (f + 1) * SET_FILE_CARDS); c++) {
      const id = realId(c);
      keys.push(`topic${f}/${id}`);
      const kind = c % 10;
      const card =
        kind === 8
          ? `    q: Which endpoint does ${id} call?\n    choices: [jobs/${c}, runs/${c}, list/${c}]\n    answer: jobs/${c}\n`
          : kind === 9
            ? `    q: Type the flag for ${id}\n    typed: [--flag-${c}, -f${c}]\n`
            : `    q: What does ${id} do, in the Jobs API?\n    a: It drives job number ${c} through the REST API.\n`;
      const extra = c % 7 === 0 ? `    explain: See the lesson, part ${c % 12}.\n` : '';
      body.push(`  - id: ${id}\n${card}${extra}`);
    }
    writeFileSync(
      join(folder, `topic${f}.yaml`),
      `id: topic${f}\nname: Topic ${f}\ntags: [bench]\ncards:\n${body.join('')}`,
    );
  }
  // Every card's next review, earliest first: the simulator's own queue.
  const day = 86_400_000;
  const queue = new ReadyQueue(cards);
  for (let c = 0; c < cards; c++) {
    queue.push(c, now - 400 * day + Math.floor((c * 400 * day) / cards) + 9 * 3_600_000);
  }
  const s = new Scheduler(defaultDeckSettings);
  const states: (SrsState | null)[] = new Array(cards).fill(null);
  const reps = new Int32Array(cards);
  const file = join(env.RECALL_HOME!, 'reviews.jsonl');
  mkdirSync(env.RECALL_HOME!, { recursive: true });
  const fd = openSync(file, 'w');
  let lines: string[] = [];
  let rows = 0;
  while (queue.size > 0 && queue.nextReady() < now) {
    const at = queue.nextReady();
    const c = queue.pop();
    const n = reps[c]!;
    reps[c] = n + 1;
    const rating: Rating = (c * 7 + n * 3) % 10 === 0 ? 1 : (c + n) % 13 === 0 ? 4 : 3;
    const prev = states[c]!;
    const next = s.rate(keys[c]!, prev, rating, at);
    const e: ReviewEntry = {
      v: 1,
      id: newEntryId(at),
      kind: 'review',
      card: keys[c]!,
      rating,
      reviewedAt: new Date(at).toISOString(),
      durationMs: 3000 + (c % 9) * 1000,
      ...srsToStored(next),
      prev: prev && srsToStored(prev),
    };
    lines.push(entryLine(e, prev));
    rows++;
    states[c] = next;
    // Reviewed when it falls due (a minute on at least, so a card never comes back at once).
    queue.push(c, Math.max(next.due, at + 60_000));
    if (lines.length > 10_000) {
      writeSync(fd, `${lines.join('\n')}\n`);
      lines = [];
    }
  }
  if (lines.length) writeSync(fd, `${lines.join('\n')}\n`);
  closeSync(fd);
  env.BENCH_ROWS = String(rows);
  return env;
}

/**
 * The issue-16 table: status, the review, home and stats screens' first frames and lint, on the
 * shipped deck and on grown collections of 1k, 10k and 100k cards, with the deck and queue
 * caches warm and cold (the cache folder emptied: a first run, or after an import; the
 * snapshot kept), each with its peak RSS, beside `node -e` and a bundled Ink hello world
 * measured in the same run. `BENCH_SIZES=1000,10000` picks the sizes, `BENCH_COMMANDS=home,lint`
 * the rows; `RECALL_CLI_BEFORE` (another build's dist/cli.js) adds its status, review, home and
 * lint.
 */
async function sizes() {
  const now = Date.parse('2026-06-01T12:00:00Z');
  const wanted = (process.env.BENCH_SIZES ?? '0,1000,10000,100000').split(',').map(Number);
  const base = isolatedEnv({ RECALL_NOW: new Date(now).toISOString() });
  const floor = median(await firstFrame([], 'ready', base, ['-e', "console.log('ready')"], 7));
  const ink = median(await firstFrame([], 'hello from ink', base, [process.env.INK_HELLO!], 7));
  console.log(
    `\n## At every size: first frames and commands, warm and cold (load ${loadAverage()})`,
  );
  console.log(`node -e 'console.log(1)'   ${ms(floor)}   1.00×`);
  console.log(`Ink hello world (bundled) ${ms(ink)}   ${(ink / floor).toFixed(2)}×`);
  /** A screen until `needle` is drawn, and the process's peak RSS then. */
  const screen = async (args: string[], needle: string, env: Record<string, string>) => {
    const t0 = performance.now();
    const t = new Terminal(args, env);
    await t.waitFor(needle, 0, 300_000);
    const out = { ms: performance.now() - t0, peak: peakRss(t.pid) };
    t.kill();
    await t.exited();
    return [out];
  };
  /**
   * Home until drawn (from the queue cache when it is valid), then until `?` is answered: keys
   * wait for the collection, so its help shows once that is open, and the peak RSS then holds
   * the open collection. Each run then quits with q, q (help, home) and waits for the exit, as
   * a person does: the queue cache is written after the first frame, and a kill could cut it.
   */
  const home = (cli?: string) => async (env: Record<string, string>) => {
    const t0 = performance.now();
    const t = new Terminal([], env, undefined, cli ? [cli] : undefined);
    await t.waitFor('review deck', 0, 300_000);
    const frame = { ms: performance.now() - t0, peak: peakRss(t.pid) };
    const mark = t.mark;
    t.type('?');
    await t.waitFor('Keys · ', mark, 300_000);
    const open = { ms: performance.now() - t0, peak: peakRss(t.pid) };
    t.type('q');
    t.type('q');
    await t.exited();
    return [frame, open];
  };
  /**
   * The review until drawn (from the caches when they are valid), then until `q` is taken: keys
   * wait for the collection, so the summary shows once that is open, and the peak RSS then holds
   * the open collection. Each run quits from the summary and waits for the exit: a miss writes
   * the queue cache after the first frame, and a kill could cut it.
   */
  const review = (cli?: string) => async (env: Record<string, string>) => {
    const t0 = performance.now();
    const t = new Terminal(['review'], env, undefined, cli ? [cli, 'review'] : undefined);
    await t.waitFor('show answer', 0, 300_000);
    const frame = { ms: performance.now() - t0, peak: peakRss(t.pid) };
    const mark = t.mark;
    t.type('q');
    await t.waitFor('Nothing reviewed', mark, 300_000);
    const open = { ms: performance.now() - t0, peak: peakRss(t.pid) };
    t.type('q');
    await t.exited();
    return [frame, open];
  };
  const before = process.env.RECALL_CLI_BEFORE;
  type Measure = [
    string[],
    (env: Record<string, string>) => Promise<{ ms: number; peak: number }[]>,
  ];
  const all: Measure[] = [
    [['status'], async (env) => [await runCli(['status'], env)]],
    ...(before
      ? [[['status (before)'], async (env) => [await runCli(['status'], env, before)]] as Measure]
      : []),
    [['review first frame', 'review, a key taken'], review()],
    ...(before
      ? [[['review first frame (before)', 'review, a key (before)'], review(before)] as Measure]
      : []),
    [['home first frame', 'home, a key taken'], home()],
    ...(before
      ? [[['home first frame (before)', 'home, a key (before)'], home(before)] as Measure]
      : []),
    [['stats first frame'], (env) => screen(['stats'], 'Today', env)],
    [['lint'], async (env) => [await runCli(['lint'], env)]],
    ...(before
      ? [[['lint (before)'], async (env) => [await runCli(['lint'], env, before)]] as Measure]
      : []),
  ];
  const commands = process.env.BENCH_COMMANDS?.split(',');
  const measures = all.filter(
    ([[name]]) => !commands || commands.includes(name!.split(/[ ,]/)[0]!),
  );
  for (const cards of wanted) {
    const started = performance.now();
    const env = cards === 0 ? base : grownCollection(cards, now);
    if (cards > 0) {
      // The snapshot, as a day's first session leaves it.
      const { store } = await ProgressStore.open(env.RECALL_HOME!);
      await store.checkpoint();
      await store.close();
    }
    const made = performance.now() - started;
    // BENCH_KEEP=1: the folder kept and its env printed, to profile a screen on it by hand.
    if (process.env.BENCH_KEEP) console.log(`env ${JSON.stringify(env)}`);
    const n = Math.min(runs, cards >= 100_000 ? 3 : 5);
    const what = cards === 0 ? 'the shipped deck' : `${cards.toLocaleString('en-US')} cards`;
    const rows = env.BENCH_ROWS
      ? `, ${Number(env.BENCH_ROWS).toLocaleString('en-US')} reviews`
      : '';
    console.log(`\n### ${what}${rows} (median of ${n}; made in ${(made / 1000).toFixed(1)} s)`);
    const cache = join(env.XDG_CACHE_HOME!, 'recall');
    for (const [names, run] of measures) {
      await run(env); // warms every cache this command reads
      const warm: { ms: number; peak: number }[][] = [];
      const cold: { ms: number; peak: number }[][] = [];
      for (let i = 0; i < n; i++) {
        warm.push(await run(env));
        rmSync(cache, { recursive: true, force: true });
        cold.push(await run(env));
      }
      const cell = (xs: { ms: number; peak: number }[]) => {
        const t = median(xs.map((x) => x.ms));
        return `${ms(t).padStart(10)} ${`${(t / floor).toFixed(1)}×`.padStart(6)} ${`${median(xs.map((x) => x.peak)).toFixed(0)} MB`.padStart(7)}`;
      };
      for (const [k, name] of names.entries()) {
        const at = (runs: typeof warm) => runs.map((r) => r[k]!);
        console.log(`${name.padEnd(26)} warm ${cell(at(warm))}   cold ${cell(at(cold))}`);
      }
    }
  }
}

/**
 * A review session's order over 10k due cards: the shipped deck's cards in 132 copies (one deck
 * each), shuffled, so copies of a card (the same answers) come near each other and many
 * neighbours give each other away. `sessionOrder` (related cards apart, and no card right after
 * one that gives it away) against `keepApart` without the giveaway test: the same pass over the
 * same items.
 */
async function ordering() {
  console.log('\n## Review order at 10k due cards (the shipped deck, 132 copies)');
  const loaded = await loadDecks([join(shippedDecksDir(), 'databricks-jobs-api.yaml')]);
  const base = loaded.decks[0]!.cards;
  const cards: Card[] = [];
  for (let d = 0; cards.length < 10_000; d++) {
    for (const c of base) cards.push({ ...c, deckId: `copy${d}`, key: `copy${d}/${c.key}` });
  }
  let seed = 1;
  const next = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = cards.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [cards[i], cards[j]] = [cards[j]!, cards[i]!];
  }
  const items: QueueItem[] = cards.slice(0, 10_000).map((card) => ({
    card,
    srs: null,
    flagged: false,
    settings: defaultDeckSettings,
  }));
  const queue = { learning: [], review: items, fresh: [] };
  const apart: number[] = [];
  const withRule: number[] = [];
  for (let i = 0; i < runs; i++) {
    let t0 = performance.now();
    keepApart(items, (x) => relatedKey(x.card));
    apart.push(performance.now() - t0);
    t0 = performance.now();
    sessionOrder(queue);
    withRule.push(performance.now() - t0);
  }
  const a = median(apart);
  const r = median(withRule);
  console.log(
    `related apart / and no giveaway next   ${ms(a)} / ${ms(r)}   ${(r / a).toFixed(1)}× (load ${loadAverage()})`,
  );
}

/** The 1-minute load average, to read the times by. */
function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ')[0] ?? '?';
}

const child = process.env.BENCH_PARSE_CHILD;
try {
  if (!child)
    console.log(`recall benchmark — node ${process.version}, ${new Date().toISOString()}`);
  const only = process.argv.slice(2);
  const wanted = (name: string) => !child && (only.length === 0 || only.includes(name));
  if (child) await parseChild(JSON.parse(child));
  if (wanted('startup')) await startup();
  if (wanted('keypress')) await keypress();
  if (wanted('persistence') || wanted('stats')) await persistence();
  if (wanted('stats')) await stats();
  if (wanted('decks')) await decks();
  if (wanted('devices')) await devices();
  if (wanted('import')) await importing();
  if (wanted('optimize')) await optimize();
  if (wanted('simulate')) await simulation();
  if (wanted('browse')) await browse();
  if (wanted('balance')) await balance();
  if (wanted('status')) await statusAtSize();
  if (wanted('parse')) await parsing();
  if (wanted('sizes')) await sizes();
  if (wanted('order')) await ordering();
} finally {
  if (!process.env.BENCH_KEEP) rmSync(work, { recursive: true, force: true });
}
