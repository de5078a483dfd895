/**
 * Generated collections for the cache exactness tests: several decks with siblings, groups and
 * tags, a config with overrides and orders, an exam date, and a log of ratings, undos, moves,
 * suspends, buries and flags, all from a seed, so a failure names the collection that made it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isolatedEnv } from './cli.js';

export const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();

/** A small seeded generator, so a failure names the collection that made it. */
export function random(seed: number) {
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

export type World = {
  readonly env: Record<string, string>;
  readonly decksDir: string;
  readonly now: number;
  readonly rnd: ReturnType<typeof random>;
  readonly log: string;
  readonly keys: string[];
  ids: number;
};

export function deckYaml(id: string, notes: number, rnd: World['rnd'], exam?: string): string {
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
export function keysOf(id: string, yaml: string): string[] {
  const out: string[] = [];
  for (const m of yaml.matchAll(/- id: (n\d+)\n( {4}cloze)?/g)) {
    if (m[2]) out.push(`${id}/${m[1]}:c1`, `${id}/${m[1]}:c2`);
    else out.push(`${id}/${m[1]}`);
  }
  return out;
}

export function srs(rnd: World['rnd'], now: number, at: number) {
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

export function entryId(w: World, at: number): string {
  w.ids++;
  return `${Math.floor(at).toString(36).padStart(9, '0')}-${w.ids.toString(16).padStart(12, '0')}`;
}

/** Log lines of random activity over the last days, ending before `w.now`. */
export function activity(w: World, count: number, from: number): string {
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

export function world(seed: number): World {
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
