/**
 * The cards due on each of the days ahead, for load balancing (core/load-balance.ts): counted
 * once from the collection's progress when a session first rates, then kept up to date with
 * this session's own ratings, so a rating costs the same at 100 cards as at 100k.
 */
import { dayIndexIn, dayStart, dayStarts, weekdayOf } from '../core/day.js';
import { type Balancing, type DayLoad, dayLoadOf, LOAD_DAYS } from '../core/load-balance.js';
import type { CardProgress, SrsState } from '../core/model.js';
import type { DeckSettings } from '../core/settings.js';

export class DayLoads {
  readonly #cards: () => ReadonlyMap<string, CardProgress>;
  readonly #dayStartsAt: number;
  readonly #settingsFor: (deckId: string) => DeckSettings;
  readonly #counts = new Int32Array(LOAD_DAYS);
  /** Each day's start (epoch ms), today first, and one past the last counted. */
  #starts: number[] = [];
  #load: DayLoad | undefined;

  constructor(
    cards: () => ReadonlyMap<string, CardProgress>,
    dayStartsAt: number,
    settingsFor: (deckId: string) => DeckSettings,
  ) {
    this.#cards = cards;
    this.#dayStartsAt = dayStartsAt;
    this.#settingsFor = settingsFor;
  }

  /** What balancing a card of `deckId` needs at `now`; undefined when its deck does not balance. */
  balancingFor(deckId: string, now: number): Balancing | undefined {
    const s = this.#settingsFor(deckId);
    if (!s.loadBalance || !s.fuzz) return undefined;
    return { load: this.#loadAt(now), easyDays: s.easyDays };
  }

  /** A card went from `from` to `to` (a rating, or its undo): its due day's count follows it. */
  moved(from: SrsState | null, to: SrsState | null, now: number): void {
    if (this.#load === undefined || this.#starts[0] !== dayStart(now, this.#dayStartsAt)) return;
    const a = from && dayIndexIn(this.#starts, from.due);
    const b = to && dayIndexIn(this.#starts, to.due);
    if (a !== null && a !== undefined) this.#counts[a]!--;
    if (b !== null && b !== undefined) this.#counts[b]!++;
  }

  #loadAt(now: number): DayLoad {
    const today = dayStart(now, this.#dayStartsAt);
    if (this.#load !== undefined && this.#starts[0] === today) return this.#load;
    // A new study day (or the first rating): the days ahead are counted again.
    this.#starts = dayStarts(now, this.#dayStartsAt, LOAD_DAYS);
    this.#counts.fill(0);
    for (const p of this.#cards().values()) {
      if (p.srs === null || p.suspended) continue;
      const d = dayIndexIn(this.#starts, p.srs.due);
      if (d !== undefined) this.#counts[d]!++;
    }
    this.#load = dayLoadOf(this.#counts, weekdayOf(today, this.#dayStartsAt));
    return this.#load;
  }
}
