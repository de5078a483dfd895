/**
 * An older recall's single `reviews.jsonl` (format v1) becomes this device's compact log the
 * first time a command writes: nothing any output says may change, damage stays where it was,
 * and the original is kept.
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Rating, SrsState } from '../../src/core/model.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { srsToStored } from '../../src/store/convert.js';
import { newEntryId } from '../../src/store/ids.js';
import type { LogEntry, ReviewEntry } from '../../src/store/model.js';
import { isolatedEnv, recall, requireBuild, reviewLog } from '../support/cli.js';

const NOW = '2026-03-20T09:00:00.000Z';
const day = 86_400_000;
const t0 = Date.parse('2026-03-01T08:00:00.000Z');

/**
 * A v1 log over the shipped deck's cards with every entry kind: ratings with learning steps and
 * lapses, a cram answer and its undo, a rating and its undo, a flag, a move and a forget, a
 * `--reschedule` cram rating, an entry with a field a newer recall added, damaged lines, a blank
 * line and a torn last line.
 */
function v1Log(keys: readonly string[]): string {
  const scheduler = new Scheduler(defaultDeckSettings);
  const states = new Map<string, SrsState | null>();
  const lines: string[] = [];
  const rate = (key: string, rating: Rating, at: number, extra: Partial<ReviewEntry> = {}) => {
    const prev = states.get(key) ?? null;
    const next = scheduler.rate(key, prev, rating, at);
    const e: ReviewEntry = {
      v: 1,
      id: newEntryId(at),
      kind: 'review',
      card: key,
      rating,
      reviewedAt: new Date(at).toISOString(),
      durationMs: 3000 + (at % 997),
      ...srsToStored(next),
      prev: prev && srsToStored(prev),
      ...extra,
    };
    lines.push(JSON.stringify(e));
    states.set(key, next);
    return e;
  };
  const other = (e: LogEntry) => lines.push(JSON.stringify(e));
  const [a, b, c, d, e, f] = keys as [string, string, string, string, string, string];
  let at = t0;
  const tick = (ms: number) => {
    at += ms;
    return at;
  };
  for (let round = 0; round < 4; round++) {
    for (const [i, key] of [a, b, c, d, e].entries()) {
      at += 60_000 + i * 1000;
      rate(key, (round + i) % 4 === 0 ? 1 : 3, at);
    }
    at += 2 * day;
  }
  const before = states.get(a) ?? null;
  const undone = rate(a, 4, tick(60_000));
  other({
    v: 1,
    id: newEntryId(at + 5000),
    kind: 'undo',
    card: a,
    undoes: undone.id,
    at: new Date(at + 5000).toISOString(),
    restore: undone.prev ?? null,
  });
  states.set(a, before);
  const crammed = {
    v: 1 as const,
    id: newEntryId(tick(60_000)),
    kind: 'cram' as const,
    card: b,
    rating: 1 as Rating,
    at: new Date(at).toISOString(),
    durationMs: 4100,
  };
  other(crammed);
  other({
    v: 1,
    id: newEntryId(at + 1000),
    kind: 'undo',
    card: b,
    undoes: crammed.id,
    at: new Date(at + 1000).toISOString(),
    restore: srsToStored(states.get(b)!),
  });
  other({
    v: 1,
    id: newEntryId(tick(60_000)),
    kind: 'flag',
    card: c,
    at: new Date(at).toISOString(),
    reason: 'quiz',
  });
  rate(d, 2, tick(60_000), { via: 'cram' });
  // Progress kept under a key no deck has, moved onto a card without any.
  rate('gone/old', 3, tick(60_000));
  other({
    v: 1,
    id: newEntryId(tick(60_000)),
    kind: 'move',
    card: 'gone/old',
    to: f,
    at: new Date(at).toISOString(),
  });
  rate('gone/other', 3, tick(60_000));
  other({
    v: 1,
    id: newEntryId(tick(60_000)),
    kind: 'forget',
    card: 'gone/other',
    at: new Date(at).toISOString(),
  });
  // What v2 cannot say exactly stays v1 (a field from a newer recall); an id without a time
  // keeps its own in v2.
  rate(e, 3, tick(day), { note: 'from a newer recall' } as Partial<ReviewEntry>);
  rate(c, 3, tick(60_000), { id: 'hand-made-id' });
  lines.splice(7, 0, 'not json at all');
  lines.splice(12, 0, JSON.stringify({ v: 1, id: 'x', kind: 'review', card: a, rating: 9 }));
  lines.splice(15, 0, '');
  return `${lines.join('\n')}\n{"v":1,"id":"torn`;
}

requireBuild();

describe('an older reviews.jsonl', () => {
  it('is migrated to a compact log that every output reads the same, byte for byte', async () => {
    const env = isolatedEnv({ NO_COLOR: '1', RECALL_NOW: NOW });
    const exported = recall(['export', '--json'], env);
    const keys = (JSON.parse(exported.stdout) as { key: string }[]).map((c) => c.key);
    const home = env.RECALL_HOME!;
    mkdirSync(home, { recursive: true });
    const text = v1Log(keys);
    writeFileSync(join(home, 'reviews.jsonl'), text);

    const outputs = async () => {
      const runs = await Promise.all(
        [
          ['status', '--json'],
          ['stats', '--json'],
          ['export', '--json'],
        ].map(async (args) => {
          const run = recall(args, env);
          return { stdout: run.stdout, stderr: run.stderr, status: run.status };
        }),
      );
      return runs;
    };
    const before = await outputs();
    expect(before[0]!.stderr).toMatch(/reviews\.jsonl:8: .*not valid JSON/);
    expect(existsSync(join(home, 'log'))).toBe(false);

    // The first command that writes migrates.
    const doctor = recall(['doctor'], env);
    expect(doctor.status, doctor.stderr).not.toBe(70);
    const log = reviewLog(home);
    expect(log).toMatch(/log\/[^/]+\.jsonl$/);
    const after = await outputs();
    for (const [i, run] of after.entries()) {
      expect(run.stdout).toBe(before[i]!.stdout);
      expect(run.status).toBe(before[i]!.status);
      // The same damage, on the same lines, now of this device's log.
      expect(run.stderr.replaceAll(/log\/[^/:]+\.jsonl/g, 'reviews.jsonl')).toBe(before[i]!.stderr);
    }
    expect(readFileSync(join(home, 'reviews.jsonl.migrated'), 'utf8')).toBe(text);
    expect(existsSync(join(home, 'reviews.jsonl'))).toBe(false);

    const migrated = readFileSync(log, 'utf8').split('\n');
    const original = text.split('\n');
    expect(migrated).toHaveLength(original.length);
    const compact = migrated.filter((l) => l.startsWith('{"v":2,'));
    // All but the entry v2 cannot say exactly, the damaged, blank and torn lines.
    expect(compact).toHaveLength(original.length - 5);
    expect(compact.filter((l) => l.includes('"id":"hand-made-id"'))[0]).toMatch(/"at":"/);
    for (const [i, l] of original.entries()) {
      if (!migrated[i]!.startsWith('{"v":2,')) expect(migrated[i]).toBe(l);
    }
    expect(statSync(log).size).toBeLessThan(0.6 * text.length);
  });
});
