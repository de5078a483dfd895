/**
 * Fitting FSRS to the user with the optional `@open-spaced-repetition/binding` (fsrs-rs): load
 * it only here, train on the training set, and judge the new parameters against the current
 * ones on the same later reviews, so that only what predicts better is kept.
 */
import type { TrainingItem, TrainingReview, TrainingSet } from '../core/fsrs-items.js';
import { UserError } from '../errors.js';

type Binding = typeof import('@open-spaced-repetition/binding');

/** The optional package that trains (named in the message when it cannot be loaded). */
export const BINDING = '@open-spaced-repetition/binding';

/**
 * Below this many items fsrs-rs fits only the four initial stabilities (and below 8 nothing),
 * and the check on later reviews has too little in each of its six time segments.
 */
export const MIN_ITEMS = 64;

/** How far an item's outcome is predicted: log loss and RMSE over fsrs-rs's bins. */
export type Evaluation = { readonly logLoss: number; readonly rmse: number };

export type Trained = {
  readonly w: readonly number[];
  /** The new parameters, each fold trained only on reviews before the ones it predicts. */
  readonly next: Evaluation;
  /** The current parameters on the same reviews. */
  readonly current: Evaluation;
  /** Reviews predicted in the check: those after the first of six time segments. */
  readonly checked: number;
  /** Lower log loss and lower RMSE both: only then are the new parameters kept. */
  readonly better: boolean;
};

/** The binding, or one line saying why it cannot be had (exit 1). */
export async function loadBinding(): Promise<Binding> {
  try {
    return await import('@open-spaced-repetition/binding');
  } catch {
    throw new UserError(
      `optimize needs the optional package ${BINDING}, which is not installed here or has no build for ${process.platform}-${process.arch}; the rest of recall works without it`,
    );
  }
}

export type TrainOptions = {
  /** The current parameters (undefined: FSRS's defaults). */
  readonly current: readonly number[] | undefined;
  /** Relearning steps of the settings trained for: fsrs-rs bounds two parameters by them. */
  readonly relearningSteps: number;
  /** Called now and then while training, with the fraction done. */
  readonly onProgress?: (done: number) => void;
};

export async function train(
  binding: Binding,
  set: TrainingSet,
  opts: TrainOptions,
): Promise<Trained> {
  // A card's items share its history: so do their reviews in the binding (30k reviews are
  // 250k in prefixes, and each native object costs far more than a reference to it).
  const made = new Map<readonly TrainingReview[], InstanceType<Binding['FSRSBindingReview']>[]>();
  const toBinding = (it: TrainingItem) => {
    let reviews = made.get(it.reviews);
    if (reviews === undefined) {
      reviews = [];
      made.set(it.reviews, reviews);
    }
    for (let i = reviews.length; i < it.count; i++) {
      const r = it.reviews[i]!;
      reviews.push(new binding.FSRSBindingReview(r.rating, r.deltaT));
    }
    return new binding.FSRSBindingItem(reviews.slice(0, it.count));
  };
  const options = {
    // The scheduler always uses learning steps (ts-fsrs short-term mode): train it the same way.
    enableShortTerm: true,
    numRelearningSteps: opts.relearningSteps,
  };
  const items = set.items.map(toBinding);
  // The training and its time-series check (five more trainings) each run on a thread of the
  // binding's: on two cores side by side, while this thread scores the current parameters.
  const training = binding.computeParameters(items, {
    ...options,
    timeout: 100,
    progress: (done, total) => opts.onProgress?.(total > 0 ? Math.min(1, done / total) : 0),
  });
  // fsrs-rs's splits: six segments in time order, each predicted by training on those before.
  const checking = binding.evaluateWithTimeSeriesSplits(items, options);
  const heldOut = items.slice(Math.floor(items.length / 6));
  // Async so that a throw is a rejection Promise.all handles, as the binding's are.
  const scoring = (async () =>
    new binding.FSRSBinding(opts.current ? [...opts.current] : undefined).evaluate(heldOut))();
  const [w, checked, scored] = await Promise.all([training, checking, scoring]);
  const next = fromBinding(checked);
  const current = fromBinding(scored);
  return {
    w,
    next,
    current,
    checked: heldOut.length,
    better: next.logLoss < current.logLoss && next.rmse < current.rmse,
  };
}

const fromBinding = (e: { logLoss: number; rmseBins: number }): Evaluation => ({
  logLoss: e.logLoss,
  rmse: e.rmseBins,
});
