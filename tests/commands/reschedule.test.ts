import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Card, createEmptyCard, fsrs, type Grade, generatorParameters, State } from 'ts-fsrs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SrsState } from '../../src/core/model.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import type { ReviewEntry } from '../../src/store/model.js';
import { ProgressStore } from '../../src/store/progress.js';
import { isolatedEnv, recallInProcess as recall, tmpDir } from '../support/cli.js';
import { syntheticLearner, TRUE_W, writeLearner } from '../support/learner.js';

const CARDS = 80;
const START = Date.UTC(2026, 0, 5, 9);
const options = { cards: CARDS, days: 40, seed: 7, start: START };
let learner: { deckDir: string; dataDir: string; reviews: number };
const opened: ProgressStore[] = [];

beforeAll(() => {
  learner = writeLearner(tmpDir(), options);
});
afterAll(async () => {
  for (const s of opened) await s.close();
});

/** A copy of the learner's files, with config.yaml giving it `TRUE_W` without fuzz. */
function fresh() {
  const home = tmpDir();
  cpSync(learner.dataDir, join(home, 'data'), { recursive: true });
  const env = isolatedEnv({
    NO_COLOR: '1',
    RECALL_HOME: join(home, 'data'),
    RECALL_NOW: '2026-02-20T10:00:00Z',
  });
  const dir = join(env.XDG_CONFIG_HOME!, 'recall');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'config.yaml'),
    `defaults:\n  fuzz: false\n  fsrs:\n    parameters: [${TRUE_W.join(', ')}]\n    trained: 2026-02-20\n    reviews: ${learner.reviews}\n    log_loss: 0.3\n    rmse: 0.05\n`,
  );
  return { env, data: join(home, 'data') };
}

async function states(data: string): Promise<Map<string, SrsState | null>> {
  const { store } = await ProgressStore.open(data, { readOnly: true });
  opened.push(store);
  const out = new Map<string, SrsState | null>();
  for (let i = 0; i < CARDS; i++) out.set(`learner/c${i}`, store.get(`learner/c${i}`)?.srs ?? null);
  return out;
}

/** Each card's history, replayed by ts-fsrs's own `reschedule` with the new parameters. */
function tsFsrsReplay(entries: readonly ReviewEntry[]) {
  const f = fsrs(
    generatorParameters({
      w: [...TRUE_W],
      request_retention: defaultDeckSettings.retention,
      maximum_interval: defaultDeckSettings.maxInterval,
      enable_fuzz: false,
      enable_short_term: true,
      learning_steps: [...defaultDeckSettings.learningSteps],
      relearning_steps: [...defaultDeckSettings.relearningSteps],
    }),
  );
  const byCard = new Map<string, { rating: Grade; review: Date }[]>();
  for (const e of entries) {
    const list = byCard.get(e.card) ?? [];
    list.push({ rating: e.rating as Grade, review: new Date(e.reviewedAt) });
    byCard.set(e.card, list);
  }
  const out = new Map<string, Card>();
  for (const [card, reviews] of byCard) {
    const { collections } = f.reschedule(createEmptyCard(), reviews, { skipManual: true });
    out.set(card, collections.at(-1)!.card);
  }
  return out;
}

describe('recall reschedule', () => {
  it('gives every card the state a fresh ts-fsrs replay of its history gives; --undo puts them back', async () => {
    const { env, data } = fresh();
    const before = await states(data);
    const run = await recall(['reschedule', learner.deckDir], env);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /^Rescheduled \d+ cards of 80 rated cards with the parameters in use\.\n/,
    );
    expect(run.stdout).toContain('To take it back: recall reschedule --undo');

    const after = await states(data);
    const expected = tsFsrsReplay(syntheticLearner(options).entries);
    expect(expected.size).toBe(CARDS);
    let moved = 0;
    for (const [key, card] of expected) {
      const got = after.get(key)!;
      expect(got, key).toMatchObject({
        state: State[card.state],
        due: card.due.getTime(),
        stability: card.stability,
        difficulty: card.difficulty,
        scheduledDays: card.scheduled_days,
        learningSteps: card.learning_steps,
        reps: card.reps,
        lapses: card.lapses,
        lastReview: card.last_review!.getTime(),
      });
      if (got.due !== before.get(key)!.due) moved++;
    }
    // The learner forgets unlike the defaults: most due dates move.
    expect(moved).toBeGreaterThan(CARDS / 2);

    const undo = await recall(['reschedule', '--undo'], env);
    expect(undo.status).toBe(0);
    expect(undo.stdout).toMatch(
      /^Undid the reschedule of 2026-02-20 10:00 UTC: \d+ cards back as they were\.\n$/,
    );
    expect(await states(data)).toStrictEqual(before);
    const again = await recall(['reschedule', '--undo'], env);
    expect(again.status).toBe(1);
    expect(again.stderr).toBe('recall: no reschedule to undo\n');
  });

  it('--dry-run --json reports the moves and writes nothing; a second run finds nothing to move', async () => {
    const { env, data } = fresh();
    const before = await states(data);
    const dry = await recall(['reschedule', learner.deckDir, '--dry-run', '--json'], env);
    expect(dry.status).toBe(0);
    const r = JSON.parse(dry.stdout);
    expect(r).toMatchObject({ dryRun: true, rated: CARDS });
    expect(r.earlier + r.later + r.same).toBe(r.changed);
    expect(r.buckets.reduce((n: number, b: { count: number }) => n + b.count, 0)).toBe(r.changed);
    expect(r.later).toBeGreaterThan(0);
    expect(r.medianLater).toBeGreaterThanOrEqual(1);
    expect(await states(data)).toStrictEqual(before);

    const real = JSON.parse((await recall(['reschedule', learner.deckDir, '--json'], env)).stdout);
    expect(real).toMatchObject({ dryRun: false, changed: r.changed, earlier: r.earlier });
    const twice = JSON.parse((await recall(['reschedule', learner.deckDir, '--json'], env)).stdout);
    expect(twice.changed).toBe(0);
  });
});
