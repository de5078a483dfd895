import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, recallInProcess as recall, tmpDir } from './run.js';

const deck = `name: Carry
cards:
  - q: What carries a page forward?
    a: next_page_token
  - q: Which boolean was removed?
    a: has_more
`;

describe('lint --fix keeps progress', () => {
  it('moves progress recorded under a content-hash key to the new id', async () => {
    const env = isolatedEnv({ RECALL_NOW: '2026-03-10T12:00:00Z' });
    const file = join(tmpDir(), 'carry.yaml');
    writeFileSync(file, deck);
    // Rate the first card under its content-hash key, through the store's own log format.
    const before = JSON.parse((await recall(['status', '--json', file], env)).stdout);
    expect(before.decks[0]).toMatchObject({ new: 2 });
    const log = join(env.RECALL_HOME!, 'reviews.jsonl');

    mkdirSync(env.RECALL_HOME!, { recursive: true });
    const exported = JSON.parse((await recall(['export', '--json', file], env)).stdout) as {
      key: string;
    }[];
    const first = exported[0]!.key;
    expect(first).toMatch(/^carry\/h-[0-9a-f]{10}$/);
    writeFileSync(
      log,
      `${JSON.stringify({
        v: 1,
        id: 'x1',
        kind: 'review',
        card: first,
        rating: 4,
        reviewedAt: '2026-03-10T11:00:00.000Z',
        durationMs: 1000,
        state: 'Review',
        due: '2026-03-20T11:00:00.000Z',
        stability: 9,
        difficulty: 3,
        scheduledDays: 10,
        learningSteps: 0,
        reps: 1,
        lapses: 0,
        lastReview: '2026-03-10T11:00:00.000Z',
        firstReview: '2026-03-10T11:00:00.000Z',
        prev: null,
      })}\n`,
    );
    expect(
      JSON.parse((await recall(['status', '--json', file], env)).stdout).decks[0],
    ).toMatchObject({
      new: 1,
    });

    const fixed = await recall(['lint', '--fix', file], env);
    expect(fixed.status).toBe(0);
    const after = JSON.parse((await recall(['export', '--json', file], env)).stdout) as {
      key: string;
      state: string;
    }[];
    expect(after[0]).toMatchObject({ key: 'carry/what-carries-a-page-forward', state: 'Review' });
    expect(
      JSON.parse((await recall(['status', '--json', file], env)).stdout).decks[0],
    ).toMatchObject({
      new: 1,
    });
  });
});
