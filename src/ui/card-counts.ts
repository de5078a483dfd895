/** Cards by what they are, as home and the session summary say them. */
export type CardCounts = {
  readonly new: number;
  readonly learning: number;
  readonly review: number;
};

/** `3 new and 5 review cards`, `1 learning card`; null when there are none. */
export function cardCountsText(c: CardCounts): string | null {
  const parts = [
    [c.new, 'new'],
    [c.learning, 'learning'],
    [c.review, 'review'],
  ] as const;
  const given = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  const total = c.new + c.learning + c.review;
  if (total === 0) return null;
  const list = given.length > 1 ? `${given.slice(0, -1).join(', ')} and ${given.at(-1)}` : given[0];
  return `${list} ${total === 1 ? 'card' : 'cards'}`;
}
