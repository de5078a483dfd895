import { default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { cardPrompt, computeStats } from '../../../src/core/stats/compute.js';
import { historyOf } from '../../../src/store/history.js';
import type { LogEntry } from '../../../src/store/model.js';
import { cram, inReview, review, srs, statsCard, undo } from './history.js';

// vitest pins TZ=UTC, so local time here is UTC. Study days start at 04:00.
const now = Date.parse('2026-03-10T12:00:00Z');
const dayStartsAt = 4;

describe('true retention', () => {
  const g1 = review('d/g', '2026-03-10T02:00:00Z', 3, inReview(5)); // counts for 03-09
  const c1 = review('d/c', '2026-03-10T06:00:00Z', 1, inReview(8));
  const log: LogEntry[] = [
    // Day 0 (2026-03-10 from 04:00).
    review('d/a', '2026-03-10T09:00:00Z', 1, inReview(10)), // young fail: first of the day
    review('d/a', '2026-03-10T10:00:00Z', 3, inReview(1)), // second of the day: ignored
    cram('d/a', '2026-03-10T11:00:00Z', 1), // cram answer: ignored
    review('d/b', '2026-03-10T07:00:00Z', 1, inReview(30), { via: 'cram' }), // cram review: ignored
    review('d/b', '2026-03-10T08:00:00Z', 3, inReview(30)), // mature pass
    c1, // undone below: ignored
    undo(c1, '2026-03-10T06:00:05Z'),
    review('d/c', '2026-03-10T06:01:00Z', 3, inReview(8)), // young pass
    review('d/d', '2026-03-10T06:00:00Z', 1, srs('Learning')), // not in review before: ignored
    g1, // young pass on 03-09
    review('d/g', '2026-03-10T05:00:00Z', 1, inReview(5)), // young fail on 03-10
    review('x/other', '2026-03-10T06:00:00Z', 1, inReview(5)), // not selected
    // Earlier days.
    review('d/e', '2026-03-07T10:00:00Z', 1, inReview(40)), // mature fail, 3 days ago
    review('d/f', '2025-12-01T10:00:00Z', 4, inReview(3)), // young pass, 99 days ago
    review('d/f', '2025-03-01T10:00:00Z', 1, inReview(3)), // over a year ago: ignored
  ];
  const cards = ['d/a', 'd/b', 'd/c', 'd/d', 'd/e', 'd/f', 'd/g'].map((k) =>
    statsCard(k, srs('Review')),
  );
  const report = computeStats({ history: historyOf(log), cards, now, dayStartsAt });
  const row = (p: string) => report.retention.find((r) => r.period === p)!;

  it('counts only the first review of a card per study day, for cards that were in review', () => {
    expect(row('day').young).toEqual({ passed: 1, total: 3, rate: 1 / 3 });
    expect(row('day').mature).toEqual({ passed: 1, total: 1, rate: 1 });
    expect(row('day').all).toEqual({ passed: 2, total: 4, rate: 0.5 });
  });

  it('splits young and mature at a previous interval of 21 days over longer periods', () => {
    expect(row('week').young).toMatchObject({ passed: 2, total: 4 });
    expect(row('week').mature).toMatchObject({ passed: 1, total: 2 });
    expect(row('month').young).toMatchObject({ passed: 2, total: 4 });
    expect(row('year').young).toMatchObject({ passed: 3, total: 5 });
    expect(row('year').mature).toMatchObject({ passed: 1, total: 2 });
  });

  it('reports a null rate when nothing was counted', () => {
    const empty = computeStats({ history: historyOf([]), cards, now, dayStartsAt });
    expect(empty.retention[0]!.all).toEqual({ passed: 0, total: 0, rate: null });
  });

  it("sums today's reviews, again-rate and time from the log, leaving out undone reviews", () => {
    // a×2, b×2 (the rescheduling cram review is a review), c, d, g at 05:00.
    expect(report.today).toMatchObject({ date: '2026-03-10', reviews: 7, again: 4, crammed: 1 });
    expect(report.today.againRate).toBeCloseTo(4 / 7);
    expect(report.today.timeMs).toBe(7 * 5000 + 3000);
    expect(report.totalReviews).toBe(11);
  });
});

describe('forecast', () => {
  const due = (iso: string, state: 'Review' | 'Learning' = 'Review') => srs(state, { due: iso });
  const cards = [
    statsCard('a/1', due('2026-03-08T10:00:00Z')), // overdue → today
    statsCard('a/2', due('2026-03-10T20:00:00Z')), // later today
    statsCard('a/3', due('2026-03-10T12:10:00Z', 'Learning')), // learning, today
    statsCard('a/4', due('2026-03-11T03:00:00Z')), // before 04:00: still today's study day
    statsCard('a/5', due('2026-03-11T05:00:00Z')), // tomorrow
    statsCard('b/6', due('2026-04-08T10:00:00Z'), { reviewsPerDay: 50 }), // day 29
    statsCard('b/7', due('2026-04-09T10:00:00Z'), { reviewsPerDay: 50 }), // day 30: beyond
    statsCard('b/8', null, { reviewsPerDay: 50 }), // new: not forecast
  ];
  const report = computeStats({ history: historyOf([]), cards, now, dayStartsAt });
  const f = report.forecast;

  it('counts cards due per study day, overdue ones today', () => {
    expect(f.days).toHaveLength(30);
    expect(f.days[0]).toEqual({ date: '2026-03-10', offset: 0, due: 4, learning: 1 });
    expect(f.days[1]).toMatchObject({ date: '2026-03-11', due: 1 });
    expect(f.days[29]).toMatchObject({ date: '2026-04-08', due: 1 });
    expect(f.days.reduce((a, d) => a + d.due, 0)).toBe(6);
    expect(f.overdue).toBe(1);
  });

  it("takes the reviews-per-day limit as the sum of each deck's limit", () => {
    expect(f.limit).toBe(200 + 50);
  });

  it('counts card states', () => {
    expect(report.states).toEqual({
      new: 1,
      learning: 1,
      review: 6,
      relearning: 0,
      suspended: 0,
      total: 8,
    });
  });
});

describe('streak', () => {
  const cards = [statsCard('d/a', srs('Review'))];
  const at = (...times: string[]) => times.map((t) => review('d/a', t, 3, inReview(3)));

  it('counts a review at 02:00 for the previous study day when days start at 04:00', () => {
    const log = at('2026-03-08T10:00:00Z', '2026-03-10T02:00:00Z');
    expect(computeStats({ history: historyOf(log), cards, now, dayStartsAt: 4 }).streak).toEqual({
      current: 2,
      longest: 2,
      studiedToday: false,
    });
    // With days starting at midnight the same reviews fall on 03-08 and 03-10: a gap.
    expect(computeStats({ history: historyOf(log), cards, now, dayStartsAt: 0 }).streak).toEqual({
      current: 1,
      longest: 1,
      studiedToday: true,
    });
  });

  it('ends today once studied today, and remembers the longest run', () => {
    const log = at(
      '2026-02-01T10:00:00Z',
      '2026-02-02T10:00:00Z',
      '2026-02-03T10:00:00Z',
      '2026-02-04T10:00:00Z',
      '2026-03-09T10:00:00Z',
      '2026-03-10T10:00:00Z',
    );
    expect(computeStats({ history: historyOf(log), cards, now, dayStartsAt }).streak).toEqual({
      current: 2,
      longest: 4,
      studiedToday: true,
    });
  });

  it('is broken by a missed day, and undone reviews do not count', () => {
    const last = review('d/a', '2026-03-09T10:00:00Z', 3, inReview(3));
    const log = [...at('2026-03-07T10:00:00Z'), last, undo(last, '2026-03-09T10:00:01Z')];
    expect(computeStats({ history: historyOf(log), cards, now, dayStartsAt }).streak.current).toBe(
      0,
    );
  });
});

describe('heatmap', () => {
  it('buckets reviews by study day, oldest first, today last', () => {
    const log = [
      review('d/a', '2026-03-10T02:00:00Z', 3, null), // 03-09
      review('d/a', '2026-03-10T04:00:00Z', 3, null), // 03-10
      review('d/a', '2026-03-08T03:59:59Z', 3, null), // 03-07
      review('d/a', '2026-03-08T04:00:00Z', 3, null), // 03-08
      review('d/a', '2026-03-03T12:00:00Z', 3, null), // before the window
    ];
    const report = computeStats({
      history: historyOf(log),
      cards: [statsCard('d/a', srs('Review'))],
      now,
      dayStartsAt,
      heatmapDays: 5,
    });
    expect(report.heatmap.days).toEqual([
      { date: '2026-03-06', reviews: 0 },
      { date: '2026-03-07', reviews: 1 },
      { date: '2026-03-08', reviews: 1 },
      { date: '2026-03-09', reviews: 1 },
      { date: '2026-03-10', reviews: 1 },
    ]);
    expect(report.heatmap).toMatchObject({ total: 4, activeDays: 4, max: 1 });
    expect(
      computeStats({ history: historyOf(log), cards: [], now, dayStartsAt }).heatmap.days,
    ).toHaveLength(365);
  });
});

describe('exam readiness', () => {
  // FSRS-6 forgetting curve, independently of the app: R(t, S) = (1 + F·t/S)^D.
  const DECAY = -default_w[20]!;
  const FACTOR = 0.9 ** (1 / DECAY) - 1;
  const curve = (t: number, s: number) => (1 + (FACTOR * t) / s) ** DECAY;
  const DAY = 86_400_000;

  const states = [
    srs('Review', { stability: 30, lastReview: '2026-03-09T15:00:00Z' }),
    srs('Review', { stability: 4, lastReview: '2026-03-01T10:00:00Z' }),
    srs('Relearning', { stability: 0.8, lastReview: '2026-03-10T11:00:00Z' }),
    srs('Review', { stability: 200, lastReview: '2026-01-10T08:00:00Z' }),
  ];
  const cards = [...states.map((s, i) => statsCard(`d/${i}`, s)), statsCard('d/new')];
  const report = computeStats({
    history: historyOf([]),
    cards,
    now,
    dayStartsAt,
    exam: '2026-03-20',
  });

  it('is the mean forgetting-curve recall at the start of the exam day (new cards 0)', () => {
    const examStart = Date.parse('2026-03-20T04:00:00Z');
    // Fractional days since the last review (docs/exam-prep.md, "Recall on a day").
    const rs = states.map((s) => curve((examStart - Date.parse(s.lastReview!)) / DAY, s.stability));
    const expected = rs.reduce((a, b) => a + b, 0) / 5;
    const e = report.exam!;
    expect(e.predictedRecall).toBeCloseTo(expected, 6);
    expect(e.at).toBe(examStart);
    expect(e.daysToExam).toBe(10);
    expect(e.belowRetention).toBe(rs.filter((r) => r < 0.9).length + 1);
    expect(e).toMatchObject({ newCards: 1, cards: 5, exam: '2026-03-20' });
  });

  it('is absent without an exam date and rejects a malformed one', () => {
    expect(computeStats({ history: historyOf([]), cards, now, dayStartsAt }).exam).toBeNull();
    expect(() =>
      computeStats({ history: historyOf([]), cards, now, dayStartsAt, exam: '2026-02-30' }),
    ).toThrow(RangeError);
  });
});

describe('weakest cards and distributions', () => {
  const leechLog = Array.from({ length: 9 }, (_, i) =>
    review('d/leech', `2026-02-${String(i + 1).padStart(2, '0')}T10:00:00Z`, 1, inReview(2)),
  );
  const cards = [
    statsCard(
      'd/leech',
      srs('Relearning', { stability: 0.5, difficulty: 9.5, lastReview: '2026-03-01T10:00:00Z' }),
    ),
    statsCard(
      'd/strong',
      srs('Review', { stability: 400, difficulty: 2.2, lastReview: '2026-03-09T10:00:00Z' }),
    ),
    statsCard(
      'd/mid',
      srs('Review', { stability: 10, difficulty: 5, lastReview: '2026-02-20T10:00:00Z' }),
    ),
    statsCard('d/new'),
  ];
  const report = computeStats({ history: historyOf(leechLog), cards, now, dayStartsAt });

  it('lists rated cards by retrievability now, lowest first, and leeches by lapses from the log', () => {
    expect(report.weakest.lowest.map((c) => c.key)).toEqual(['d/leech', 'd/mid', 'd/strong']);
    expect(report.weakest.lowest[0]).toMatchObject({ deckId: 'd', prompt: 'Q leech', lapses: 9 });
    expect(report.weakest.leeches.map((c) => c.key)).toEqual(['d/leech']);
    expect(report.weakest.leechCount).toBe(1);
  });

  it('buckets stability, difficulty and retrievability of rated cards', () => {
    const d = report.distributions;
    const counts = (bs: readonly { count: number }[]) => bs.map((b) => b.count);
    expect(counts(d.stability)).toEqual([1, 0, 0, 1, 0, 0, 0, 0, 1, 0]);
    expect(counts(d.difficulty)).toEqual([0, 1, 0, 0, 1, 0, 0, 0, 1]);
    expect(counts(d.retrievability).reduce((a, b) => a + b, 0)).toBe(3);
    expect(d.retrievability.at(-1)).toMatchObject({ label: '90-100%', count: 1 });
  });
});

describe('cardPrompt', () => {
  it('shows a cloze on one line with the asked gap blanked (its hint shown, as in review)', () => {
    const base = statsCard('d/x').card;
    const card = {
      ...base,
      kind: 'cloze' as const,
      gap: 2,
      parts: [
        { type: 'text' as const, text: 'The ' },
        { type: 'gap' as const, index: 1, text: 'mitochondria' },
        { type: 'text' as const, text: ' is the\npowerhouse of the ' },
        { type: 'gap' as const, index: 2, text: 'cell', hint: 'unit' },
      ],
    };
    expect(cardPrompt(card)).toBe('The mitochondria is the powerhouse of the [unit]');
    const { hint: _, ...noHint } = card.parts[3]!;
    expect(cardPrompt({ ...card, parts: [...card.parts.slice(0, 3), noHint] })).toBe(
      'The mitochondria is the powerhouse of the […]',
    );
  });
});
