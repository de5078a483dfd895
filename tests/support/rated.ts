/** One review entry as the log holds it: a card rated once, in Review, for CLI-level tests. */
export function ratedOnce(card: string, id: string, rating = 3) {
  return {
    v: 1,
    id,
    kind: 'review',
    card,
    rating,
    reviewedAt: '2026-03-10T11:00:00.000Z',
    durationMs: 1000,
    state: 'Review',
    due: '2026-03-20T11:00:00.000Z',
    stability: 9,
    difficulty: 3,
    scheduledDays: 10,
    learningSteps: 0,
    reps: 1,
    lapses: 0,
    lastReview: '2026-03-10T11:00:00.000Z',
    firstReview: '2026-03-10T11:00:00.000Z',
    prev: null,
  };
}
