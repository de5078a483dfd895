/**
 * The queue cache answers `recall status` exactly as opening the collection does (goal 5):
 * generated collections with several decks, siblings and groups, config overrides and orders,
 * an exam date, undos, moves, suspends, buries and flags; compared after each mutation, each of
 * which the cache must see as stale.
 */
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCollection } from '../../src/app/open.js';
import { openStatusSource } from '../../src/app/queue-cache.js';
import { statsReport } from '../../src/app/stats.js';
import { collectionStatus } from '../../src/app/status.js';
import { exportRow } from '../../src/commands/export.js';
import { statsToJson } from '../../src/commands/stats-output.js';
import { statusJson } from '../../src/commands/status.js';
import { toJson } from '../../src/text/sanitize.js';
import { isolatedEnv } from '../support/cli.js';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** A small seeded generator, so a failure names the collection that made it. */
function random(seed: number) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!,
  };
}

type World = {
  readonly env: Record<string, string>;
  readonly decksDir: string;
  readonly now: number;
  readonly rnd: ReturnType<typeof random>;
  readonly log: string;
  readonly keys: string[];
  ids: number;
};

function deckYaml(id: string, notes: number, rnd: World['rnd'], exam?: string): string {
  const lines = [`id: ${id}`, `name: Deck ${id}`, ...(exam ? [`exam: ${exam}`] : []), 'cards:'];
  for (let n = 0; n < notes; n++) {
    const tags = rnd.pick([[], ['verbs'], ['nouns'], ['verbs', 'nouns']]);
    const tagLine = tags.length ? `    tags: [${tags.join(', ')}]\n` : '';
    const group = rnd.next() < 0.15 ? `    group: g${rnd.int(4)}\n` : '';
    if (rnd.next() < 0.25) {
      lines.push(
        `  - id: n${n}\n    cloze: "one {{a${n}}} two {{b${n}}} three"\n${tagLine}${group}`,
      );
    } else {
      lines.push(`  - id: n${n}\n    q: question ${n}\n    a: answer ${n}\n${tagLine}${group}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The keys a deck of `deckYaml` has (cloze notes make one card per gap). */
function keysOf(id: string, yaml: string): string[] {
  const out: string[] = [];
  for (const m of yaml.matchAll(/- id: (n\d+)\n( {4}cloze)?/g)) {
    if (m[2]) out.push(`${id}/${m[1]}:c1`, `${id}/${m[1]}:c2`);
    else out.push(`${id}/${m[1]}`);
  }
  return out;
}

function srs(rnd: World['rnd'], now: number, at: number) {
  const state = rnd.pick(['Review', 'Review', 'Review', 'Learning', 'Relearning'] as const);
  const due =
    state === 'Review' ? now + ((rnd.int(9) - 4) * DAY) / 2 : now + (rnd.int(120) - 30) * 60_000;
  return {
    state,
    due: iso(due),
    stability: 0.5 + rnd.next() * 40,
    difficulty: 1 + rnd.next() * 9,
    scheduledDays: rnd.int(30),
    learningSteps: state === 'Review' ? 0 : 1,
    reps: 1 + rnd.int(8),
    lapses: rnd.int(3),
    lastReview: iso(at),
    firstReview: iso(at - rnd.int(3) * DAY),
  };
}

function entryId(w: World, at: number): string {
  w.ids++;
  return `${Math.floor(at).toString(36).padStart(9, '0')}-${w.ids.toString(16).padStart(12, '0')}`;
}

/** Log lines of random activity over the last days, ending before `w.now`. */
function activity(w: World, count: number, from: number): string {
  const out: object[] = [];
  const reviews: { id: string; card: string; prev: object | null }[] = [];
  for (let i = 0; i < count; i++) {
    const at = from + (i * (w.now - from)) / count;
    const card = w.rnd.pick(w.keys);
    const roll = w.rnd.next();
    const common = { v: 1, id: entryId(w, at), card };
    if (roll < 0.7) {
      const next = srs(w.rnd, w.now, at);
      out.push({
        ...common,
        kind: 'review',
        rating: 3,
        reviewedAt: iso(at),
        durationMs: 3000,
        ...next,
        prev: null,
      });
      reviews.push({ id: common.id, card, prev: null });
    } else if (roll < 0.76 && reviews.length > 0) {
      const r = reviews.pop()!;
      out.push({
        ...common,
        card: r.card,
        kind: 'undo',
        undoes: r.id,
        at: iso(at),
        restore: r.prev,
      });
    } else if (roll < 0.82) {
      out.push({ ...common, kind: 'suspend', at: iso(at) });
    } else if (roll < 0.85) {
      out.push({ ...common, kind: 'unsuspend', at: iso(at) });
    } else if (roll < 0.91) {
      out.push({ ...common, kind: 'bury', at: iso(at), until: iso(w.now + DAY / 3) });
    } else if (roll < 0.96) {
      out.push({ ...common, kind: 'flag', at: iso(at), reason: 'quiz' });
    } else {
      const to = w.rnd.pick(w.keys);
      if (to !== card) out.push({ ...common, kind: 'move', to, at: iso(at) });
    }
  }
  return out.map((e) => `${JSON.stringify(e)}\n`).join('');
}

function world(seed: number): World {
  const rnd = random(seed);
  // Some runs at a study day's edge: the bury and the limits count from the day boundary.
  const now = Date.parse('2026-03-10T00:00:00Z') + rnd.pick([3.5, 4.2, 12, 23.9]) * 3_600_000;
  const env = isolatedEnv({ RECALL_NOW: iso(now) });
  const decksDir = join(env.HOME!, 'decks');
  mkdirSync(decksDir, { recursive: true });
  const keys: string[] = [];
  const exam = rnd.next() < 0.8 ? '2026-03-20' : undefined;
  for (const [i, id] of ['alpha', 'beta', 'gamma'].entries()) {
    const yaml = deckYaml(id, 30 + rnd.int(40), rnd, i === 1 ? exam : undefined);
    writeFileSync(join(decksDir, `${id}.yaml`), yaml);
    keys.push(...keysOf(id, yaml));
  }
  mkdirSync(env.RECALL_HOME!, { recursive: true });
  const config = join(env.XDG_CONFIG_HOME!, 'recall');
  mkdirSync(config, { recursive: true });
  writeFileSync(
    join(config, 'config.yaml'),
    [
      `day_starts_at: ${rnd.pick([0, 4, 6])}`,
      'defaults:',
      `  new_per_day: ${1 + rnd.int(8)}`,
      `  reviews_per_day: ${2 + rnd.int(15)}`,
      `  new_order: ${rnd.pick(['file', 'random', 'interleaved'])}`,
      `  review_order: ${rnd.pick(['due', 'random'])}`,
      'decks:',
      '  gamma:',
      `    new_per_day: ${rnd.int(4)}`,
      `    review_order: ${rnd.pick(['due', 'random'])}`,
      `    new_order: ${rnd.pick(['file', 'random', 'interleaved'])}`,
      '',
    ].join('\n'),
  );
  const w: World = {
    env,
    decksDir,
    now,
    rnd,
    log: join(env.RECALL_HOME!, 'reviews.jsonl'),
    keys,
    ids: 0,
  };
  writeFileSync(w.log, activity(w, 150 + rnd.int(150), now - 6 * DAY));
  return w;
}

async function slow(w: World) {
  const { collection, brief } = await openCollection([w.decksDir], w.env, { readOnly: true });
  const json = statusJson(collectionStatus(collection, w.now));
  // Status plans each deck without the cards idle today (core/queue.ts `outlookInputs`): the
  // same answer as the plan of every card.
  const everyCard = {
    decks: collection.decks,
    dayStartsAt: collection.dayStartsAt,
    inputs: (ids: ReadonlySet<string>) => collection.inputs(ids),
    settingsFor: (id: string) => collection.settingsFor(id),
    examOutlook: (id: string, now: number) => collection.examOutlook(id, now),
  };
  expect(statusJson(collectionStatus(everyCard, w.now))).toEqual(json);
  return { json, brief };
}

async function viaCache(w: World) {
  const { source, brief, cached } = await openStatusSource([w.decksDir], w.env);
  return { cached, json: statusJson(collectionStatus(source, w.now)), brief };
}

/** A mutation is seen (the cache misses once), and both readings agree before and after. */
async function agrees(w: World, what: string) {
  const expected = await slow(w);
  const first = await viaCache(w);
  expect({ what, cached: first.cached }).toEqual({ what, cached: false });
  expect({ what, ...first, cached: undefined }).toEqual({ what, ...expected, cached: undefined });
  const second = await viaCache(w);
  expect({ what, cached: second.cached }).toEqual({ what, cached: true });
  expect({ what, ...second, cached: undefined }).toEqual({ what, ...expected, cached: undefined });
}

describe('the queue cache', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`gives status exactly as the collection does, after each change (seed ${seed})`, async () => {
      const w = world(seed);
      await agrees(w, 'first status');

      appendFileSync(w.log, activity(w, 1, w.now - 60_000));
      await agrees(w, 'a rating appended');

      const alpha = join(w.decksDir, 'alpha.yaml');
      appendFileSync(alpha, '  - id: added\n    q: a new card\n    a: its answer\n');
      w.keys.push('alpha/added');
      await agrees(w, 'a deck file edited');

      const config = join(w.env.XDG_CONFIG_HOME!, 'recall', 'config.yaml');
      appendFileSync(config, '  beta:\n    reviews_per_day: 1\n    new_per_day: 1\n');
      await agrees(w, 'the config changed');

      const other = join(w.env.RECALL_HOME!, 'log');
      mkdirSync(other, { recursive: true });
      writeFileSync(join(other, 'desktop-0a1b.jsonl'), activity(w, 40, w.now - 2 * DAY));
      await agrees(w, "another device's log arriving");

      appendFileSync(w.log, activity(w, 30, w.now - DAY / 4));
      await agrees(w, 'undos, moves, suspends and buries appended');

      writeFileSync(join(w.decksDir, 'delta.yaml'), deckYaml('delta', 10, w.rnd));
      await agrees(w, 'a deck file added');
    });
  }

  it('gives the next due day when nothing is left today: the earliest review in play', async () => {
    const w = world(8);
    const at = w.now - DAY;
    const lines = w.keys.map((card, i) => {
      const due = w.now + (2 + i / 2) * DAY;
      const s = { ...srs(w.rnd, w.now, at), state: 'Review', learningSteps: 0, due: iso(due) };
      return {
        v: 1,
        id: entryId(w, at),
        kind: 'review',
        card,
        rating: 3,
        reviewedAt: iso(at),
        durationMs: 1,
        ...s,
        prev: null,
      };
    });
    // The earliest is suspended and the next buried past it: neither sets the next due day.
    const byDue = [...lines].sort((a, b) => Date.parse(a.due) - Date.parse(b.due));
    const later = { v: 1, at: iso(at + 1) };
    const extra = [
      { ...later, id: entryId(w, at + 1), kind: 'suspend', card: byDue[0]!.card },
      {
        ...later,
        id: entryId(w, at + 1),
        kind: 'bury',
        card: byDue[1]!.card,
        until: iso(w.now + 20 * DAY),
      },
    ];
    writeFileSync(w.log, [...lines, ...extra].map((e) => `${JSON.stringify(e)}\n`).join(''));
    await agrees(w, 'nothing due today');
    const { json } = await slow(w);
    expect(json.decks.every((d) => d.total === 0)).toBe(true);
    expect(Date.parse(json.nextDue!)).toBeGreaterThan(w.now + DAY);
  });

  it('a damaged or foreign cache file is a miss, never an error', async () => {
    const w = world(7);
    await agrees(w, 'first status');
    const dir = join(w.env.XDG_CACHE_HOME!, 'recall', 'queue');
    const [name] = readdirSync(dir);
    const file = join(dir, name!);
    for (const bytes of ['', 'recallQ\n', 'not a cache at all', 'recallQ\n\xff\xff\xff\xff{']) {
      writeFileSync(file, bytes);
      await agrees(w, `cache file ${JSON.stringify(bytes)}`);
    }
    const real = (await import('node:fs')).readFileSync(file);
    writeFileSync(file, real.subarray(0, real.length - 3));
    await agrees(w, 'a cache file cut short');
  });
});

/** `stats --json` and `export --json` as the commands print them. */
async function statsAndExport(w: World, env: Record<string, string>, readOnly = false) {
  const { collection } = await openCollection([w.decksDir], env, { readOnly });
  try {
    const report = await statsReport(collection, { tags: [] }, w.now);
    const rows = collection.inputs().map(({ card, progress }) => exportRow(card, progress));
    return { stats: toJson(statsToJson(report)), export: toJson(rows) };
  } finally {
    await collection.store.close();
  }
}

/**
 * The same collection read from nothing but the decks and the logs: an empty cache folder
 * (decks, stats history, queue, gap order) and the snapshot set aside meanwhile. The progress
 * folder stays where it is: a copy would be a new device, which reads the log as another's.
 */
async function fromNothing(w: World) {
  const snapshot = join(w.env.RECALL_HOME!, 'state.json');
  const aside = `${snapshot}.aside`;
  renameSync(snapshot, aside);
  try {
    const cache = mkdtempSync(join(tmpdir(), 'recall-nocache-'));
    return await statsAndExport(w, { ...w.env, XDG_CACHE_HOME: cache }, true);
  } finally {
    renameSync(aside, snapshot);
  }
}

describe('stats and export from the caches', () => {
  /** Read twice (the first writes the caches), then against a reading from nothing. */
  async function same(w: World, what: string) {
    await statsAndExport(w, w.env);
    const warm = await statsAndExport(w, w.env);
    expect(existsSync(join(w.env.RECALL_HOME!, 'state.json'))).toBe(true);
    const cold = await fromNothing(w);
    expect({ what, ...warm }).toEqual({ what, ...cold });
  }

  for (const seed of [11, 12, 13]) {
    it(`print exactly what a reading from nothing does, after each change (seed ${seed})`, async () => {
      const w = world(seed);
      // Past the stats history cache's rewrite threshold, so that it is written and read.
      appendFileSync(w.log, activity(w, 1200, w.now - 5 * DAY));
      await same(w, 'first reading');
      expect(readdirSync(join(w.env.XDG_CACHE_HOME!, 'recall', 'history'))).toHaveLength(1);

      appendFileSync(w.log, activity(w, 40, w.now - DAY / 4));
      await same(w, 'undos, moves, suspends and buries appended');

      const alpha = join(w.decksDir, 'alpha.yaml');
      appendFileSync(alpha, '  - id: added\n    q: a new card\n    a: its answer\n');
      w.keys.push('alpha/added');
      await same(w, 'a deck file edited');

      const other = join(w.env.RECALL_HOME!, 'log');
      mkdirSync(other, { recursive: true });
      writeFileSync(join(other, 'desktop-0a1b.jsonl'), activity(w, 40, w.now - 2 * DAY));
      await same(w, "another device's log arriving");
    });
  }
});
