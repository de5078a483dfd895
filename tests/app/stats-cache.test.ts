/**
 * Stats from the caches (the queue cache, the stats history, the listed cards' deck entries)
 * print exactly what stats over the opened collection print: `--json` and the text report, on
 * generated collections (exam dates, config overrides, undos, moves, suspends, buries, flags),
 * with and without `--tag` and `--exam`, after each change; anything the caches do not hold
 * (another device's log) is a miss that opens the collection.
 */
import { appendFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCollection } from '../../src/app/open.js';
import { openStatusSource, QueueView } from '../../src/app/queue-cache.js';
import { cachedStatsReport, type StatsSelection, statsReport } from '../../src/app/stats.js';
import { statsOf } from '../../src/commands/stats.js';
import { statsToJson, statsToText } from '../../src/commands/stats-output.js';
import { toJson } from '../../src/text/sanitize.js';
import { activity, DAY, type World, world } from '../support/generated.js';

const selections: StatsSelection[] = [
  { tags: [] },
  { tags: ['verbs'] },
  { tags: ['nouns', 'verbs'], exam: '2026-04-01' },
  { tags: [], exam: '2026-03-12' },
  { tags: ['nosuch'] },
];

/** What the command prints for a report, or the error it stops on. */
async function printed(report: () => Promise<Parameters<typeof statsToJson>[0]>) {
  try {
    const r = await report();
    return { json: toJson(statsToJson(r)), text: statsToText(r, 100) };
  } catch (e) {
    return { error: String(e) };
  }
}

async function slow(w: World, sel: StatsSelection) {
  const { collection } = await openCollection([w.decksDir], w.env, { readOnly: true });
  try {
    return await printed(() => statsReport(collection, sel, w.now));
  } finally {
    await collection.store.close();
  }
}

/**
 * The command's reading twice (the first, after a change, writes the queue cache), and whether
 * the caches alone answered in between.
 */
async function viaCaches(w: World, sel: StatsSelection) {
  const first = await printed(() => statsOf([w.decksDir], sel, w.now, w.env));
  const { source } = await openStatusSource([w.decksDir], w.env);
  const hit =
    source instanceof QueueView &&
    (await cachedStatsReport(source, [w.decksDir], w.env, sel, w.now).then(
      (r) => r !== undefined,
      () => true, // it threw: the same error is compared below
    ));
  const second = await printed(() => statsOf([w.decksDir], sel, w.now, w.env));
  expect(second).toEqual(first);
  return { hit, ...second };
}

async function agrees(w: World, what: string, hit = true) {
  for (const sel of selections) {
    const expected = await slow(w, sel);
    const got = await viaCaches(w, sel);
    expect({ what, sel, ...got }).toEqual({ what, sel, hit, ...expected });
  }
}

/** The world's log made this device's (a writable open migrates it), as any session leaves it. */
async function migrated(seed: number) {
  const w = world(seed);
  const { collection } = await openCollection([w.decksDir], w.env);
  await collection.store.close();
  const dir = join(w.env.RECALL_HOME!, 'log');
  const [name] = readdirSync(dir);
  return { ...w, log: join(dir, name!) };
}

describe('stats from the caches', () => {
  for (const seed of [21, 22, 23]) {
    it(`print exactly what stats over the collection print, after each change (seed ${seed})`, async () => {
      const w = await migrated(seed);
      // Past the stats history cache's rewrite threshold, so that it is written and read.
      appendFileSync(w.log, activity(w, 1200, w.now - 20 * DAY));
      await agrees(w, 'first reading');

      appendFileSync(w.log, activity(w, 60, w.now - DAY / 4));
      await agrees(w, 'undos, moves, suspends and buries appended');

      const alpha = join(w.decksDir, 'alpha.yaml');
      appendFileSync(alpha, '  - id: added\n    q: a new card\n    a: its answer\n');
      w.keys.push('alpha/added');
      await agrees(w, 'a deck file edited');

      const config = join(w.env.XDG_CONFIG_HOME!, 'recall', 'config.yaml');
      appendFileSync(config, '  beta:\n    exam: 2026-03-25\n    leech_threshold: 2\n');
      await agrees(w, 'the config changed');

      writeFileSync(join(w.decksDir, 'delta.yaml'), 'id: delta\nname: Delta\ncards: []\n');
      await agrees(w, 'an empty deck added');

      // A file that gives no deck (or a deck id already taken) leaves no row per file: a miss.
      const broken = join(w.decksDir, 'broken.yaml');
      writeFileSync(broken, 'id: [unclosed\n');
      await agrees(w, 'a deck file that is not a deck', false);
      writeFileSync(broken, 'id: alpha\nname: Again\ncards: []\n');
      await agrees(w, 'a deck id used twice', false);
      rmSync(broken);
      await agrees(w, 'the broken file gone');

      const other = join(w.env.RECALL_HOME!, 'log');
      mkdirSync(other, { recursive: true });
      writeFileSync(join(other, 'desktop-0a1b.jsonl'), activity(w, 40, w.now - 2 * DAY));
      await agrees(w, "another device's log arriving", false);
    });
  }

  it('read a folder still on the single reviews.jsonl (no device yet) the same way', async () => {
    const w = world(25);
    appendFileSync(w.log, activity(w, 1200, w.now - 20 * DAY));
    await agrees(w, 'the old layout');
    appendFileSync(w.log, activity(w, 60, w.now - DAY / 4));
    await agrees(w, 'undos, moves, suspends and buries appended');
    const other = join(w.env.RECALL_HOME!, 'log');
    mkdirSync(other, { recursive: true });
    writeFileSync(join(other, 'desktop-0a1b.jsonl'), activity(w, 40, w.now - 2 * DAY));
    await agrees(w, "another device's log arriving", false);
  });
});
