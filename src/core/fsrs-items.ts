/**
 * The review history as the FSRS optimizer trains on it, built as Anki builds it (and as the
 * binding's own `convertCsvToFsrsItems` does from a CSV): per card, from its last first rating
 * (a card made new again starts over), one item per review a day or more after the review
 * before, each holding the card's reviews so far with the whole study days since the one
 * before. Only real reviews count: cram answers, undone ratings and anything else in the log are
 * left out; moves are followed, as the history's keys already follow them.
 */
import { type History, ROW_CRAM, ROW_FIRST, ROW_UNDONE } from './history.js';
import type { Rating } from './model.js';
import { studyDays } from './stats/days.js';

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

/** One kept review, in log order: its card (0, 1, … in order of first appearance), and whether it is predicted. */
export type KeptReview = TrainingReview & {
  readonly card: number;
  readonly at: number;
  /** A day or more after the card's review before: an item ends here. */
  readonly predicted: boolean;
};

const DAY_MS = 86_400_000;

/**
 * Visits the kept reviews of the cards `include` accepts (by their key now), in log order (the
 * replay order: time order). Only reviews a day or more after the one before are predicted, as
 * the binding's converter builds items: a review on the same day is predicted as certain recall
 * (fsrs-rs cannot score it, and aborts the process on an item with no long-term review at all);
 * same-day reviews still shape the items after them, which is how the short-term parameters are
 * fitted. Two passes over the columns and no sort: a million rows stay well under a second.
 */
export function scanReviews(
  history: History,
  dayStartsAt: number,
  include: (key: string) => boolean,
  visit: (review: KeptReview) => void,
): { readonly reviews: number; readonly cards: number } {
  // Slots of one key (a move merged them) are one card.
  const cardOfKey = new Map<string, number>();
  const { keys, slot, flags } = history;
  const cardOfSlot = new Int32Array(keys.length);
  let cards = 0;
  for (let s = 0; s < keys.length; s++) {
    const key = keys[s]!;
    let card = cardOfKey.get(key);
    if (card === undefined) {
      card = include(key) ? cards++ : -1;
      cardOfKey.set(key, card);
    }
    cardOfSlot[s] = card;
  }
  const follow = keptReviews(history, cardOfSlot, cards, visit);
  // The start of each review's study day, as `dayStart` gives it, found without a Date each.
  const days = studyDays(0, dayStartsAt);
  for (let r = 0; r < history.rows; r++) {
    const card = cardOfSlot[slot[r]!]!;
    if (card < 0 || (flags[r]! & (ROW_CRAM | ROW_UNDONE)) !== 0) continue;
    follow.row(r, card, days.start(days.offset(history.at[r]!)));
  }
  return follow.result();
}

/** Follows the kept reviews of a scan of the log: see `keptReviews`. */
export type KeptReviews = {
  /**
   * Row `r` of the history, a review (not a cram answer, not undone) of `card`, whose study
   * day starts at `dayStart` (core/day.ts's answer for its time). Rows come in log order.
   */
  row(r: number, card: number, dayStart: number): void;
  readonly result: () => { readonly reviews: number; readonly cards: number };
};

/**
 * `scanReviews` for a pass over the log made by someone else (stats' one pass over the rows):
 * the cards are numbered already (`cardOfSlot`, -1 for a slot left out; `cards` of them), each
 * review row is handed over with its study day, and the kept ones are visited as `scanReviews`
 * visits them. Reads the columns once here, for each card's last first rating.
 */
export function keptReviews(
  history: History,
  cardOfSlot: Int32Array,
  cards: number,
  visit: (review: KeptReview) => void,
): KeptReviews {
  const { slot, flags } = history;
  const lastFirst = new Float64Array(cards).fill(-1);
  for (let r = 0; r < history.rows; r++) {
    const card = cardOfSlot[slot[r]!]!;
    if (card >= 0 && (flags[r]! & (ROW_CRAM | ROW_UNDONE | ROW_FIRST)) === ROW_FIRST) {
      lastFirst[card] = r;
    }
  }
  const prevDay = new Float64Array(cards).fill(Number.NaN);
  let reviews = 0;
  let kept = 0;
  return {
    row(r, card, today) {
      if (lastFirst[card]! < 0 || r < lastFirst[card]!) return;
      const before = prevDay[card]!;
      if (Number.isNaN(before)) kept++;
      // Local midnights can be 23 or 25 hours apart across DST; rounding absorbs it.
      const deltaT = Number.isNaN(before) ? 0 : Math.max(0, Math.round((today - before) / DAY_MS));
      prevDay[card] = today;
      reviews++;
      const at = history.at[r]!;
      visit({ card, at, rating: history.rating[r] as Rating, deltaT, predicted: deltaT > 0 });
    },
    result: () => ({ reviews, cards: kept }),
  };
}

/** The training items of the cards `include` accepts, oldest first. */
export function trainingItems(
  history: History,
  dayStartsAt: number,
  include: (key: string) => boolean = () => true,
): TrainingSet {
  const items: TrainingItem[] = [];
  const byCard: TrainingReview[][] = [];
  const { reviews, cards } = scanReviews(history, dayStartsAt, include, (r) => {
    let card = byCard[r.card];
    if (!card) {
      card = [];
      byCard[r.card] = card;
    }
    card.push({ rating: r.rating, deltaT: r.deltaT });
    if (r.predicted) items.push({ reviews: card, count: card.length, at: r.at });
  });
  return { items, reviews, cards };
}
