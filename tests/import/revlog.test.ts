import { describe, expect, it } from 'vitest';
import type { RevlogRow } from '../../src/import/anki-collection.js';
import { historyForFsrs } from '../../src/import/revlog.js';

let next = 1;
const row = (type: number, ease: number, factor = 2500): RevlogRow => ({
  id: next++ * 1000,
  cid: 1,
  ease,
  ivl: 1,
  lastIvl: 1,
  factor,
  time: 1000,
  type,
});
const LEARN = 0;
const REVIEW = 1;
const RELEARN = 2;
const FILTERED = 3;
const MANUAL = 4;
const RESCHEDULED = 5;

describe('the revlog filtered as Anki filters it for FSRS', () => {
  it('keeps learning, review and relearning rows; drops manual, rescheduled and cram rows', () => {
    const rows = [
      row(LEARN, 1),
      row(LEARN, 3),
      row(REVIEW, 3),
      row(MANUAL, 0),
      row(RELEARN, 3),
      row(FILTERED, 3, 0),
      row(FILTERED, 4, 2500),
      row(RESCHEDULED, 0),
    ];
    const h = historyForFsrs(rows);
    expect(h?.complete).toBe(true);
    expect(h?.reviews).toEqual([rows[0], rows[1], rows[2], rows[4], rows[6]]);
  });

  it('starts at the last run of learning steps', () => {
    const rows = [row(LEARN, 3), row(REVIEW, 1), row(LEARN, 1), row(LEARN, 3), row(REVIEW, 3)];
    expect(historyForFsrs(rows)?.reviews).toEqual(rows.slice(2));
  });

  it('a history with no learning rows is incomplete, from the first grade', () => {
    const rows = [row(MANUAL, 0, 2500), row(REVIEW, 3), row(REVIEW, 2)];
    expect(historyForFsrs(rows)).toEqual({ reviews: rows.slice(1), complete: false });
  });

  it('a reset cuts off what precedes it; a reset after the last grade leaves the card new', () => {
    const reset = () => row(MANUAL, 0, 0);
    const rows = [row(LEARN, 3), row(REVIEW, 3), reset(), row(REVIEW, 3)];
    expect(historyForFsrs(rows)).toEqual({ reviews: [rows[3]], complete: false });
    expect(historyForFsrs([row(LEARN, 3), reset()])).toBeUndefined();
    expect(historyForFsrs([])).toBeUndefined();
    expect(historyForFsrs([row(FILTERED, 3, 0)])).toBeUndefined();
  });
});
