/**
 * How well the FSRS parameters in use predict this history: each review a day or more after the
 * one before (the optimizer's training items), its predicted recall against whether it was
 * recalled (any rating but Again), as log loss, and as a table by bins of predicted recall.
 */
import type { TrainingItem } from '../fsrs-items.js';
import type { Scheduler } from '../scheduler.js';

export type CalibrationBin = {
  /** Predicted recall from (inclusive) and to (exclusive; the last includes 1). */
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** Mean predicted recall and the share recalled (null when the bin is empty). */
  readonly predicted: number | null;
  readonly actual: number | null;
};

export type Calibration = {
  readonly reviews: number;
  /** Mean binary cross-entropy; null with no review. */
  readonly logLoss: number | null;
  /** Root mean square of predicted − actual over the bins, weighted by their counts. */
  readonly rmse: number | null;
  readonly bins: readonly CalibrationBin[];
};

const EDGES = [0, 0.5, 0.7, 0.8, 0.85, 0.9, 0.95, 1];
/** Predictions are kept off 0 and 1, so one surprise cannot make the log loss infinite. */
const EPSILON = 1e-6;

export function calibration(items: readonly TrainingItem[], scheduler: Scheduler): Calibration {
  const predictionsOf = new Map<readonly unknown[], number[]>();
  const count = new Array<number>(EDGES.length - 1).fill(0);
  const predicted = new Array<number>(EDGES.length - 1).fill(0);
  const recalled = new Array<number>(EDGES.length - 1).fill(0);
  let loss = 0;
  for (const item of items) {
    let p = predictionsOf.get(item.reviews);
    if (!p) {
      p = scheduler.predictedRecall(item.reviews);
      predictionsOf.set(item.reviews, p);
    }
    const r = Math.min(1 - EPSILON, Math.max(EPSILON, p[item.count - 1]!));
    const y = item.reviews[item.count - 1]!.rating > 1 ? 1 : 0;
    loss -= y * Math.log(r) + (1 - y) * Math.log(1 - r);
    let b = 0;
    while (b < EDGES.length - 2 && r >= EDGES[b + 1]!) b++;
    count[b]!++;
    predicted[b]! += r;
    recalled[b]! += y;
  }
  const n = items.length;
  let squares = 0;
  const bins = count.map((c, b): CalibrationBin => {
    const pm = c === 0 ? null : predicted[b]! / c;
    const am = c === 0 ? null : recalled[b]! / c;
    if (pm !== null && am !== null) squares += c * (pm - am) ** 2;
    return { from: EDGES[b]!, to: EDGES[b + 1]!, count: c, predicted: pm, actual: am };
  });
  return {
    reviews: n,
    logLoss: n === 0 ? null : loss / n,
    rmse: n === 0 ? null : Math.sqrt(squares / n),
    bins,
  };
}
