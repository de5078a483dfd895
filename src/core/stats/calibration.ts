/**
 * How well the FSRS parameters in use predict this history: each review a day or more after the
 * one before (the optimizer's training items), its recall as predicted from the card's earlier
 * reviews against whether it was recalled (any rating but Again), as log loss, and as a table
 * by bins of predicted recall.
 */
import type { KeptReview } from '../fsrs-items.js';
import type { Memory, Scheduler } from '../scheduler.js';

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

/** Feed it every kept review in order (`scanReviews`), then read `result()`. */
export class Calibrator {
  readonly #scheduler: Scheduler;
  readonly #memory: (Memory | undefined)[] = [];
  readonly #count = new Array<number>(EDGES.length - 1).fill(0);
  readonly #predicted = new Array<number>(EDGES.length - 1).fill(0);
  readonly #recalled = new Array<number>(EDGES.length - 1).fill(0);
  #loss = 0;
  #n = 0;

  constructor(scheduler: Scheduler) {
    this.#scheduler = scheduler;
  }

  review(r: KeptReview): void {
    // Undefined at a card's first kept review: its memory starts there.
    const before = this.#memory[r.card];
    if (before && r.predicted) {
      const p = this.#scheduler.forgettingCurve(r.deltaT, before.stability);
      const x = Math.min(1 - EPSILON, Math.max(EPSILON, p));
      const y = r.rating > 1 ? 1 : 0;
      this.#loss -= y * Math.log(x) + (1 - y) * Math.log(1 - x);
      let b = 0;
      while (b < EDGES.length - 2 && x >= EDGES[b + 1]!) b++;
      this.#count[b]!++;
      this.#predicted[b]! += x;
      this.#recalled[b]! += y;
      this.#n++;
    }
    this.#memory[r.card] = this.#scheduler.memoryAfter(before ?? null, r.deltaT, r.rating);
  }

  result(): Calibration {
    const n = this.#n;
    let squares = 0;
    const bins = this.#count.map((c, b): CalibrationBin => {
      const pm = c === 0 ? null : this.#predicted[b]! / c;
      const am = c === 0 ? null : this.#recalled[b]! / c;
      if (pm !== null && am !== null) squares += c * (pm - am) ** 2;
      return { from: EDGES[b]!, to: EDGES[b + 1]!, count: c, predicted: pm, actual: am };
    });
    return {
      reviews: n,
      logLoss: n === 0 ? null : this.#loss / n,
      rmse: n === 0 ? null : Math.sqrt(squares / n),
      bins,
    };
  }
}
