/** Cards due per study day ahead, from the cards' current states. */
import type { StudyDays } from './days.js';
import { type CardId, ratedState, type StatsCard } from './selection.js';
import type { Forecast, ForecastDay } from './types.js';

export const FORECAST_DAYS = 30;

export function forecast(
  cards: readonly StatsCard<CardId>[],
  days: StudyDays,
  count = FORECAST_DAYS,
): Forecast {
  const due = new Array<number>(count).fill(0);
  const learning = new Array<number>(count).fill(0);
  let overdue = 0;
  for (const c of cards) {
    const srs = ratedState(c);
    if (!srs) continue;
    const off = days.offset(srs.due);
    if (off < 0) overdue++;
    const slot = Math.max(0, off);
    if (!(slot < count)) continue;
    due[slot]!++;
    if (srs.state === 'Learning' || srs.state === 'Relearning') learning[slot]!++;
  }
  const out: ForecastDay[] = due.map((n, offset) => ({
    date: days.key(offset),
    offset,
    due: n,
    learning: learning[offset]!,
  }));
  return { days: out, overdue, limit: reviewLimit(cards) };
}

/**
 * Reviews a day the selection lets through. The limit applies per deck (core/queue.ts), so
 * across decks it is the sum of each deck's limit.
 */
export function reviewLimit(cards: readonly StatsCard<CardId>[]): number | null {
  const perDeck = new Map<string, number>();
  // Cards come deck by deck: one look-up per run of a deck, not per card.
  let deck: string | undefined;
  for (const c of cards) {
    if (c.card.deckId === deck) continue;
    deck = c.card.deckId;
    perDeck.set(deck, c.settings.reviewsPerDay);
  }
  if (perDeck.size === 0) return null;
  let sum = 0;
  for (const n of perDeck.values()) sum += n;
  return sum;
}
