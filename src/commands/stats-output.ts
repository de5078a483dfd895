/**
 * `recall stats` for scripts and pipes: the report as JSON (shape in docs/stats.md) or as plain
 * text, laid out like the screen but with no colour and no cursor movement.
 */

import { lineText, statsLines } from '../charts/stats-layout.js';
import type { Bucket, CardRef, StatsReport } from '../core/stats/compute.js';

/** JSON-ready report: instants as ISO strings, days as `YYYY-MM-DD`, rates 0–1 or null. */
export function statsToJson(report: StatsReport) {
  const card = (c: CardRef) => ({
    deckId: c.deckId,
    key: c.key,
    prompt: c.prompt,
    state: c.state,
    retrievability: c.retrievability,
    lapses: c.lapses,
    due: new Date(c.due).toISOString(),
  });
  const buckets = (bs: readonly Bucket[]) =>
    bs.map((b) => ({ label: b.label, from: b.from, to: b.to, count: b.count }));
  return {
    version: 1,
    generatedAt: new Date(report.now).toISOString(),
    dayStartsAt: report.dayStartsAt,
    cards: report.cards,
    totalReviews: report.totalReviews,
    today: { ...report.today },
    streak: { ...report.streak },
    retention: report.retention.map((r) => ({
      period: r.period,
      days: r.days,
      young: { ...r.young },
      mature: { ...r.mature },
      all: { ...r.all },
    })),
    forecast: {
      limit: report.forecast.limit,
      overdue: report.forecast.overdue,
      days: report.forecast.days.map((d) => ({ ...d })),
    },
    heatmap: {
      total: report.heatmap.total,
      activeDays: report.heatmap.activeDays,
      max: report.heatmap.max,
      days: report.heatmap.days.map((d) => ({ ...d })),
    },
    states: { ...report.states },
    distributions: {
      stability: buckets(report.distributions.stability),
      difficulty: buckets(report.distributions.difficulty),
      retrievability: buckets(report.distributions.retrievability),
    },
    weakest: {
      lowest: report.weakest.lowest.map(card),
      leeches: report.weakest.leeches.map(card),
      leechCount: report.weakest.leechCount,
      leechThreshold: report.weakest.leechThreshold,
    },
    fsrs: report.fsrs && {
      personal: report.fsrs.personal
        ? {
            parameters: report.fsrs.personal.w,
            trained: report.fsrs.personal.trained,
            reviews: report.fsrs.personal.reviews,
            heldOutLogLoss: report.fsrs.personal.logLoss,
            heldOutRmse: report.fsrs.personal.rmse,
          }
        : null,
      mixed: report.fsrs.mixed,
      sampledEvery: report.fsrs.sampledEvery,
      reviews: report.fsrs.calibration.reviews,
      logLoss: report.fsrs.calibration.logLoss,
      rmse: report.fsrs.calibration.rmse,
      calibration: report.fsrs.calibration.bins.map((b) => ({ ...b })),
    },
    exam: report.exam && {
      date: report.exam.exam,
      daysToExam: report.exam.daysToExam,
      at: new Date(report.exam.at).toISOString(),
      expectedRecall: report.exam.predictedRecall,
      belowTarget: report.exam.belowRetention,
      newCards: report.exam.newCards,
      cards: report.exam.cards,
    },
  };
}

export type StatsJson = ReturnType<typeof statsToJson>;

/** The report as plain lines, at most `width` columns, ending in a newline. */
export function statsToText(report: StatsReport, width = 80): string {
  return `${statsLines(report, width).map(lineText).join('\n')}\n`;
}
