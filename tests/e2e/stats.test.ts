import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Rating, SrsState } from '../../src/core/model.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { srsToStored } from '../../src/store/convert.js';
import type { ReviewEntry } from '../../src/store/model.js';
import { cliPath, isolatedEnv, Terminal } from '../support/pty.js';

const deck = resolve(import.meta.dirname, '../fixtures/e2e-deck.yaml');

/** `n` past reviews of the deck's first card, one every 6 hours until `end`. */
function pastReviews(n: number, end: number): string {
  const s = new Scheduler(defaultDeckSettings);
  const card = 'e2e/one';
  let prev: SrsState | null = null;
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = new Date(end - (n - i) * 6 * 3_600_000);
    const rating: Rating = i % 5 === 0 ? 1 : 3;
    const next = s.rate(card, prev, rating, at.getTime());
    const entry: ReviewEntry = {
      v: 1,
      id: `past-${i}`,
      kind: 'review',
      card,
      rating,
      reviewedAt: at.toISOString(),
      durationMs: 3000,
      ...srsToStored(next),
      prev: prev && srsToStored(prev),
    };
    lines.push(JSON.stringify(entry));
    prev = next;
  }
  return `${lines.join('\n')}\n`;
}

describe('stats in a real terminal', () => {
  beforeAll(() => {
    if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  it('opens from home over a long log, caches it, and counts a review given afterwards', async () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    const env = isolatedEnv({ RECALL_NOW: new Date(now).toISOString() });
    mkdirSync(env.RECALL_HOME!, { recursive: true });
    writeFileSync(join(env.RECALL_HOME!, 'reviews.jsonl'), pastReviews(1500, now - 86_400_000));

    const t = new Terminal([deck], env);
    await t.waitFor('End-to-end deck');
    let mark = t.mark;
    t.type('s');
    await t.waitFor('Stats · 2 cards · 1.5k reviews', mark);
    await t.waitFor(/Today\s+0 reviews/, mark);
    mark = t.mark;
    t.type('q');
    await t.waitFor('End-to-end deck', mark);
    t.type('q');
    expect(await t.exited()).toBe(0);
    const history = join(env.XDG_CACHE_HOME!, 'recall', 'history');
    expect(readdirSync(history)).toHaveLength(1);

    // A review today lands after the cached part of the log: stats read it from the log.
    const r = new Terminal(['review', deck], env);
    await r.waitFor('?');
    mark = r.mark;
    r.type(' ');
    await r.waitFor(/Good · /, mark);
    mark = r.mark;
    r.type('3');
    await r.waitFor('Learn 1', mark);
    r.type('q');
    await r.waitFor('Reviewed 1', mark);
    r.type('q');
    expect(await r.exited()).toBe(0);

    const again = new Terminal(['stats', deck], env);
    await again.waitFor(/Today\s+1 review\b/);
    again.type('q');
    expect(await again.exited()).toBe(0);
  });
});
