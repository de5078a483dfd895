/**
 * Load balancing and easy days (Anki 24.11+): a review interval may land on any day of its fuzz
 * range, so it lands on the day with the fewest cards already due, a day the user marked as
 * easy counting its cards as heavier. Pure: the per-day counts are an input, built by the app
 * from the collection.
 */

/** Days ahead whose load is counted: Anki's 90-day limit, plus room for a range past it. */
export const LOAD_DAYS = 99;

/** Past this interval a card is not balanced: a day more or less matters little that far out. */
export const MAX_BALANCED_INTERVAL = 90;

/** Share of a normal day's load each weekday takes, Sunday first (1: normal, 0: none). */
export type EasyDays = readonly [number, number, number, number, number, number, number];

export const NORMAL_DAYS: EasyDays = [1, 1, 1, 1, 1, 1, 1];

/** The weekdays as config.yaml names them, Sunday first (as `Date#getDay` counts). */
export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** The cards already due on the days ahead, as of one study day. */
export type DayLoad = {
  /** Cards due on the study day `days` after today (today: 0); 0 past `LOAD_DAYS`. */
  readonly due: (days: number) => number;
  /** Today's weekday, 0 Sunday … 6 Saturday. */
  readonly weekday: number;
};

/** What balancing a card needs: the day loads and the deck's easy days. */
export type Balancing = { readonly load: DayLoad; readonly easyDays: EasyDays };

/** `easy_days:` as config.yaml has it (weekdays left out are normal) → seven shares. */
export function easyDaysFrom(
  partial: { readonly [d in Weekday]?: number | undefined } | undefined,
): EasyDays {
  if (!partial) return NORMAL_DAYS;
  return WEEKDAYS.map((d) => partial[d] ?? 1) as unknown as EasyDays;
}

/**
 * The interval, within `min`–`max` days, with the least load: a day's due cards over its share
 * (a day at 0.5 takes a card only while it holds at most half what a normal day holds, as Anki
 * reduces a day; a day at 0 takes none while another day of the range is open). Ties go to the
 * day nearest `preferred` (the plain fuzz's pick), then to the earlier one, so with no load at
 * all the plain fuzz stands. Far intervals are not balanced (`preferred` is kept).
 */
export function balancedInterval(
  min: number,
  max: number,
  preferred: number,
  { load, easyDays }: Balancing,
): number {
  if (preferred > MAX_BALANCED_INTERVAL || min > MAX_BALANCED_INTERVAL) return preferred;
  const shareOf = (days: number) => easyDays[(load.weekday + days) % 7]!;
  let open = false;
  for (let d = min; d <= max; d++) if (shareOf(d) > 0) open = true;
  let best = preferred;
  let bestLoad = Number.POSITIVE_INFINITY;
  for (let d = min; d <= max; d++) {
    const share = shareOf(d);
    // Every day of the range is closed: the days compare by their cards alone.
    const weighed = !open ? load.due(d) : share > 0 ? load.due(d) / share : Number.NaN;
    if (Number.isNaN(weighed)) continue;
    const nearer = Math.abs(d - preferred) < Math.abs(best - preferred);
    if (weighed < bestLoad || (weighed === bestLoad && nearer)) {
      best = d;
      bestLoad = weighed;
    }
  }
  return best;
}

/** A day load from counts per day ahead (index 0: today). */
export function dayLoadOf(counts: ArrayLike<number>, weekday: number): DayLoad {
  return { due: (days) => (days >= 0 && days < counts.length ? counts[days]! : 0), weekday };
}
