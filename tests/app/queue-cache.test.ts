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
import {
  activity,
  DAY,
  deckYaml,
  entryId,
  iso,
  srs,
  type World,
  world,
} from '../support/generated.js';

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
