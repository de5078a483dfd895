/**
 * The review history as the FSRS optimizer trains on it, built as Anki builds it (and as the
 * binding's own `convertCsvToFsrsItems` does from a CSV): per card, from its last first rating
 * (a card made new again starts over), one item per review after the first, each holding the
 * card's reviews so far with the whole study days since the one before. Only real reviews
 * count: cram answers, undone ratings and anything else in the log are left out; moves are
 * followed, as the history's keys already follow them.
 */
import { daysBetween } from './day.js';
import { type History, ROW_CRAM, ROW_FIRST, ROW_UNDONE } from './history.js';
import type { Rating } from './model.js';

export type TrainingReview = {
  readonly rating: Rating;
  /** Whole study days since the card's previous review (0 for its first, and the same day). */
  readonly deltaT: number;
};

/** One card's history up to one of its reviews: `reviews[0..count)`, the last being predicted. */
export type TrainingItem = {
  /** The card's whole kept history, shared by its items. */
  readonly reviews: readonly TrainingReview[];
  readonly count: number;
  /** When the last review was given (epoch ms): items are in this order, oldest first. */
  readonly at: number;
};

export type TrainingSet = {
  /** Oldest first, so time-series splits train on the past and test on the future. */
  readonly items: readonly TrainingItem[];
  /** The reviews the items are built from. */
  readonly reviews: number;
  readonly cards: number;
};

/**
 * The training items of the cards `include` accepts (by their key now). Only reviews a day or
 * more after the one before are predicted, as the binding's converter builds them: a review on
 * the same day is predicted as certain recall (fsrs-rs cannot score it, and aborts the process
 * on an item with no long-term review at all); same-day reviews still shape the items after
 * them, which is how the short-term parameters are fitted.
 */
export function trainingItems(
  history: History,
  dayStartsAt: number,
  include: (key: string) => boolean = () => true,
): TrainingSet {
  const rowsOf = new Map<string, number[]>();
  for (let r = 0; r < history.rows; r++) {
    if ((history.flags[r]! & (ROW_CRAM | ROW_UNDONE)) !== 0) continue;
    const key = history.keys[history.slot[r]!]!;
    let rows = rowsOf.get(key);
    if (!rows) {
      if (!include(key)) continue;
      rows = [];
      rowsOf.set(key, rows);
    }
    rows.push(r);
  }
  const items: TrainingItem[] = [];
  let reviews = 0;
  let cards = 0;
  for (const rows of rowsOf.values()) {
    // Merged logs are in replay order already; a card moved onto another may interleave.
    rows.sort((a, b) => history.at[a]! - history.at[b]! || a - b);
    let start = -1;
    for (let i = rows.length - 1; i >= 0; i--) {
      if ((history.flags[rows[i]!]! & ROW_FIRST) !== 0) {
        start = i;
        break;
      }
    }
    if (start < 0) continue;
    const kept = rows.slice(start);
    const card: TrainingReview[] = [];
    for (const [i, r] of kept.entries()) {
      const deltaT =
        i === 0
          ? 0
          : Math.max(0, daysBetween(history.at[kept[i - 1]!]!, history.at[r]!, dayStartsAt));
      card.push({ rating: history.rating[r] as Rating, deltaT });
      if (deltaT > 0) items.push({ reviews: card, count: i + 1, at: history.at[r]! });
    }
    reviews += kept.length;
    cards++;
  }
  items.sort((a, b) => a.at - b.at);
  return { items, reviews, cards };
}
