/**
 * Exam readiness: if nothing more were reviewed, the share of the selection recalled when the
 * exam day starts — the mean FSRS retrievability then, new cards counting 0.
 */
import { dayFromKey } from '../srs/day.js';
import type { StudyDays } from './days.js';
import { ratedState, recallAt, type StatsCard } from './selection.js';
import type { ExamReadiness } from './types.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isExamDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

export function examReadiness(
  cards: readonly StatsCard[],
  exam: string,
  days: StudyDays,
  dayStartsAt: number,
): ExamReadiness {
  if (!isExamDate(exam)) throw new RangeError(`exam date must be YYYY-MM-DD, got "${exam}"`);
  const at = dayFromKey(exam, dayStartsAt);
  const daysToExam = days.offset(at.getTime());
  let sum = 0;
  let belowTarget = 0;
  let newCards = 0;
  for (const c of cards) {
    const r = recallAt(c, at);
    if (!ratedState(c)) newCards++;
    sum += r;
    if (r < c.settings.retention) belowTarget++;
  }
  return {
    date: exam,
    daysToExam,
    at,
    expectedRecall: cards.length > 0 ? sum / cards.length : 0,
    belowTarget,
    newCards,
    cards: cards.length,
  };
}
