import { describe, expect, it } from 'vitest';
import { statsReport } from '../../src/app/stats.js';
import { runStats } from '../../src/commands/stats.js';
import { UserError } from '../../src/errors.js';
import { collectionOf, deck } from '../app/collection.js';
import { basic } from '../support/cards.js';

it.each(['2026-02-31', '2026-13-01', '2026-2-3', 'tomorrow'])(
  'takes --exam %s for a usage error (exit 2) in the one wording',
  async (exam) => {
    const run = runStats([], { exam });
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toMatchObject({
      exitCode: 2,
      message: `--exam ${JSON.stringify(exam)} must be a calendar day written YYYY-MM-DD`,
    });
  },
);

it('refuses a tag no card has, naming the tags there are, as cram and quiz do', async () => {
  const c = await collectionOf([
    deck('d', [
      { ...basic('a'), tags: ['jobs'] },
      { ...basic('b', { order: 1 }), tags: ['runs'] },
    ]),
  ]);
  const now = Date.parse('2026-03-10T12:00:00Z');
  await expect(statsReport(c, { tags: ['nosuch'] }, now)).rejects.toMatchObject({
    exitCode: 1,
    message: 'no stats: no card has the tag "nosuch" (tags in these decks: jobs, runs)',
  });
  await expect(statsReport(c, { tags: ['jobs'] }, now)).resolves.toMatchObject({ cards: 1 });
  await c.store.close();
});

describe('the FSRS parameters in stats', () => {
  it('names the parameters in use and tables predicted against actual recall (plain and --json)', async () => {
    const { mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { isolatedEnv, recallInProcess, tmpDir } = await import('../support/cli.js');
    const { writeLearner } = await import('../support/learner.js');
    const learner = writeLearner(tmpDir(), {
      cards: 60,
      days: 30,
      seed: 5,
      start: Date.UTC(2026, 0, 5, 9),
    });
    const env = isolatedEnv({
      NO_COLOR: '1',
      RECALL_HOME: learner.dataDir,
      RECALL_NOW: '2026-02-05T10:00:00Z',
    });
    const defaults = JSON.parse(
      (await recallInProcess(['stats', '--json', learner.deckDir], env)).stdout,
    );
    expect(defaults.fsrs.personal).toBeNull();
    expect(defaults.fsrs.reviews).toBeGreaterThan(50);
    const counted = defaults.fsrs.calibration.reduce(
      (n: number, b: { count: number }) => n + b.count,
      0,
    );
    expect(counted).toBe(defaults.fsrs.reviews);

    const w = [
      0.8, 3, 8, 20, 6.4, 0.83, 3, 0.001, 1.2, 0.17, 0.8, 1.48, 0.06, 0.26, 1.65, 0.6, 1.87, 0.54,
      0.09, 0.07, 0.15,
    ];
    mkdirSync(join(env.XDG_CONFIG_HOME!, 'recall'), { recursive: true });
    writeFileSync(
      join(env.XDG_CONFIG_HOME!, 'recall', 'config.yaml'),
      `defaults:\n  fsrs:\n    parameters: [${w.join(', ')}]\n    trained: 2026-02-01\n    reviews: 900\n    log_loss: 0.3\n    rmse: 0.04\n`,
    );
    const mine = JSON.parse(
      (await recallInProcess(['stats', '--json', learner.deckDir], env)).stdout,
    );
    expect(mine.fsrs.personal).toMatchObject({
      parameters: w,
      trained: '2026-02-01',
      reviews: 900,
    });
    expect(mine.fsrs.logLoss).not.toBe(defaults.fsrs.logLoss);
    const text = (await recallInProcess(['stats', learner.deckDir], env)).stdout;
    expect(text).toContain(
      'FSRS parameters\n  Yours, trained 2026-02-01 on 900 reviews (held out: log loss 0.300, RMSE 4.0%)',
    );
    expect(text).toMatch(
      /On \d+ reviews here: log loss 0\.\d{3}, RMSE \d+\.\d%\n {2}predicted {3}reviews {2}predicted {2}recalled\n/,
    );
  });
});
