/**
 * `npm run bench`: the speed figures the product promises, each as a median with a baseline
 * measured in the same run (the machine is noisy; ratios travel, raw numbers do not).
 *   1. cold start: `node -e 'console.log(1)'` vs `recall status` vs the review screen's first frame
 *   2. keypress → next frame in the review screen
 *   3. cost of persisting one rating with 1k / 10k / 100k cards × 10 reviews in the log
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  fdatasyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BasicCard } from '../../src/deck/model.js';
import { Scheduler } from '../../src/srs/scheduler.js';
import { defaultDeckSettings } from '../../src/srs/settings.js';
import { computeStats } from '../../src/stats/compute.js';
import { readHistory } from '../../src/store/history.js';
import type { ReviewEntry, SrsState } from '../../src/store/model.js';
import { ProgressStore } from '../../src/store/progress.js';
import { Recorder } from '../../src/study/recorder.js';
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
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const t = new Terminal(args, env, undefined, program);
    await t.waitFor(needle);
    times.push(performance.now() - t0);
    t.kill();
    await t.exited();
  }
  return times;
}

async function startup() {
  const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
  const deck = deckOf(50);
  execFileSync(process.execPath, [cliPath, 'status', deck], { env }); // warm the deck cache
  const floor = median(await firstFrame([], 'ready', env, ['-e', "console.log('ready')"]));
  const ink = median(await firstFrame([], 'hello from ink', env, [process.env.INK_HELLO!]));
  const status = median(await firstFrame(['status', deck], 'next due', env));
  const tui = median(await firstFrame(['review', deck], 'Question number 0?', env));
  console.log('\n## Cold start (median of %d, real PTY, until the text is on screen)', runs);
  console.log(`node -e 'console.log(1)'   ${ms(floor)}   1.00×`);
  console.log(`Ink hello world (bundled) ${ms(ink)}   ${(ink / floor).toFixed(2)}×`);
  console.log(`recall status             ${ms(status)}   ${(status / floor).toFixed(2)}×`);
  console.log(`review screen first frame ${ms(tui)}   ${(tui / floor).toFixed(2)}×`);
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
  t.kill();
  console.log(
    '\n## Keypress → next frame (median of %d; one 60 Hz frame is 16.7 ms)',
    reveal.length,
  );
  console.log(`space → answer shown          ${ms(median(reveal))}`);
  console.log(`4 → rating saved, next card   ${ms(median(rate))}`);
}

function seedStore(dir: string, cards: number): void {
  mkdirSync(dir, { recursive: true });
  const s = new Scheduler(defaultDeckSettings);
  const fd = openSync(join(dir, 'reviews.jsonl'), 'w');
  let lines: string[] = [];
  for (let c = 0; c < cards; c++) {
    let srs: SrsState | null = null;
    const key = `bench/c${c}`;
    for (let r = 0; r < 10; r++) {
      const at = new Date(Date.UTC(2025, 0, 1) + r * 86_400_000 * 3);
      const next = s.rate(key, srs, 3, at);
      const e: ReviewEntry = {
        v: 1,
        id: `${c}-${r}`,
        kind: 'review',
        card: key,
        rating: 3,
        reviewedAt: at.toISOString(),
        durationMs: 4000,
        ...next,
        prev: srs,
      };
      lines.push(JSON.stringify(e));
      srs = next;
    }
    if (lines.length > 10_000) {
      writeSync(fd, `${lines.join('\n')}\n`);
      lines = [];
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
  for (const cards of [1_000, 10_000, 100_000]) {
    const dir = join(work, `store-${cards}`);
    seedStore(dir, cards);
    const { store } = await ProgressStore.open(dir);
    const rec = new Recorder(store, () => new Scheduler(defaultDeckSettings));
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const now = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
      const t0 = performance.now();
      rec.rate('bench', `bench/c${i}`, 3, now, 3000);
      times.push(performance.now() - t0);
    }
    await store.close();
    const m = median(times);
    console.log(
      `${String(cards).padStart(7)} cards, ${String(cards * 10).padStart(9)} log lines   ${ms(m)}   ${(m / floor).toFixed(2)}×`,
    );
    if (cards === 100_000) statsDirs.push(dir);
  }
}

const statsDirs: string[] = [];

/** Stats over the 100k-card store: 1M review lines read, re-keyed and summarised. */
async function stats() {
  const dir = statsDirs[0];
  if (!dir) return;
  const scheduler = new Scheduler(defaultDeckSettings);
  const t0 = performance.now();
  const { store } = await ProgressStore.open(dir);
  const tOpen = performance.now();
  const entries = await readHistory(dir);
  const t1 = performance.now();
  const cards = [...store.cards().keys()].map((key, order) => ({
    card: { ...basicCard(key), order },
    progress: store.get(key),
    settings: defaultDeckSettings,
    scheduler,
  }));
  const report = computeStats({
    entries,
    cards,
    now: new Date(Date.UTC(2026, 5, 1)),
    dayStartsAt: 4,
  });
  const t2 = performance.now();
  await store.close();
  console.log(`\n## Stats over ${entries.length} log lines, ${cards.length} cards`);
  console.log(
    `open the store ${ms(tOpen - t0)} · read the history ${ms(t1 - tOpen)} · compute ${ms(t2 - t1)} · total ${ms(t2 - t0)} (${report.totalReviews} reviews)`,
  );
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

try {
  console.log(`recall benchmark — node ${process.version}, ${new Date().toISOString()}`);
  await startup();
  await keypress();
  await persistence();
  await stats();
} finally {
  rmSync(work, { recursive: true, force: true });
}
