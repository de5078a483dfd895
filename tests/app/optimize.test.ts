import * as binding from '@open-spaced-repetition/binding';
import { describe, expect, it } from 'vitest';
import { train } from '../../src/app/optimize.js';
import { type TrainingItem, trainingItems } from '../../src/core/fsrs-items.js';
import { HistoryBuilder, slim } from '../../src/store/history.js';
import { syntheticLearner, TRUE_W } from '../support/learner.js';

/** FSRS-6's defaults, as the binding trains from them and ts-fsrs schedules with them. */
const DEFAULT_W = [0.212, 1.2931, 2.3065, 8.2956];

function learnerSet() {
  const { entries } = syntheticLearner({
    cards: 300,
    days: 60,
    seed: 11,
    start: Date.UTC(2026, 0, 5, 9),
  });
  const h = new HistoryBuilder();
  for (const e of entries) h.entry(slim(e));
  return trainingItems(h.history(), 4);
}

const toBinding = (items: readonly TrainingItem[]) =>
  items.map(
    (it) =>
      new binding.FSRSBindingItem(
        it.reviews.slice(0, it.count).map((r) => new binding.FSRSBindingReview(r.rating, r.deltaT)),
      ),
  );

describe('training on a synthetic learner who forgets more slowly than FSRS assumes', () => {
  it('predicts its later reviews better than the defaults, with initial stabilities moved toward the true ones', async () => {
    const set = learnerSet();
    const cut = Math.floor(set.items.length * 0.7);
    const past = { ...set, items: set.items.slice(0, cut) };
    const later = toBinding(set.items.slice(cut));
    const trained = await train(binding, past, { current: undefined, relearningSteps: 1 });
    expect(trained.better).toBe(true);
    expect(trained.next.logLoss).toBeLessThan(trained.current.logLoss);

    const theirs = new binding.FSRSBinding([...trained.w]).evaluate(later);
    const defaults = new binding.FSRSBinding().evaluate(later);
    expect(theirs.logLoss).toBeLessThan(defaults.logLoss);
    // Again, Good and Easy: Hard is under a tenth of first answers (some 25 cards here), too few
    // for fsrs-rs to move its initial stability off the default.
    for (const i of [0, 2, 3]) {
      const distance = (w: number) => Math.abs(Math.log(w) - Math.log(TRUE_W[i]!));
      expect(distance(trained.w[i]!)).toBeLessThan(distance(DEFAULT_W[i]!));
    }
  });
});
