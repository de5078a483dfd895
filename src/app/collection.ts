/**
 * A collection: the decks in play joined with their progress and settings. Commands open one,
 * ask it for queue inputs, and close it; nothing below this knows where files live.
 */

import type { Config } from '../config/config.js';
import type { Deck, Problem } from '../core/card.js';
import {
  type Clockwork,
  idleFields,
  outlookInputs,
  type QueuedCard,
  type QueueInput,
} from '../core/queue.js';
import { type ExamOutlook, examOutlook } from '../core/recall.js';
import type { Scheduler } from '../core/scheduler.js';
import type { DeckSettings } from '../core/settings.js';
import type { StoreProblem } from '../store/model.js';
import type { ProgressStore } from '../store/progress.js';
import { visible } from '../text/sanitize.js';
import { DayLoads } from './day-load.js';
import { type ExamPlan, Schedules } from './schedules.js';

export type { ExamPlan } from './schedules.js';

export class Collection {
  #decks: readonly Deck[];
  readonly config: Config;
  readonly store: ProgressStore;
  #schedules: Schedules;
  /**
   * Each deck id's place in `decks` (the first, should one repeat). Looked up per deck by the due
   * counts, settings and exams: a scan each time made home over 5,000 decks quadratic (~0.5 s).
   */
  readonly #at = new Map<string, number>();

  constructor(decks: readonly Deck[], store: ProgressStore, config: Config, schedules?: Schedules) {
    this.#decks = decks;
    this.store = store;
    this.config = config;
    this.#schedules = schedules ?? new Schedules(decks, config);
    this.#index();
  }

  get decks(): readonly Deck[] {
    return this.#decks;
  }

  #index(): void {
    this.#at.clear();
    for (const [i, d] of this.#decks.entries()) if (!this.#at.has(d.id)) this.#at.set(d.id, i);
  }

  /**
   * The deck `id` as its file now reads (a card was edited mid-session), or left out when the
   * file no longer makes a deck: the session goes on with the others.
   */
  replaceDeck(id: string, deck: Deck | null): void {
    this.#decks = this.#decks.flatMap((d) => (d.id !== id ? [d] : deck ? [deck] : []));
    this.#schedules = new Schedules(this.#decks, this.config);
    this.#index();
  }

  get dayStartsAt(): number {
    return this.config.dayStartsAt;
  }

  deck(id: string): Deck | undefined {
    const at = this.#at.get(id);
    return at === undefined ? undefined : this.decks[at];
  }

  settingsFor(deckId: string): DeckSettings {
    return this.#schedules.settingsFor(deckId);
  }

  /** The cards due on each day ahead, for a session's load balancing (counted when first asked). */
  dayLoads(): DayLoads {
    return new DayLoads(
      () => this.store.cards(),
      this.dayStartsAt,
      (d) => this.settingsFor(d),
    );
  }

  /** One scheduler per distinct parameter set (decks with equal settings share one). */
  schedulerFor(deckId: string): Scheduler {
    return this.#schedules.schedulerFor(deckId);
  }

  /** The deck's exam and what scheduling for it needs; undefined when it has no exam date. */
  examFor(deckId: string): ExamPlan | undefined {
    return this.#schedules.examFor(deckId);
  }

  /** Days to the exam and predicted recall on exam day for one deck (null: no exam date). */
  examOutlook(deckId: string, now: number): ExamOutlook | null {
    return deckExamOutlook(this, deckId, now);
  }

  /**
   * Every card of the chosen decks (all when `deckIds` is omitted), with progress and settings;
   * with `today`, only what `queueOutlook` reads on that day (`outlookInputs`), deck by deck.
   */
  inputs(deckIds?: ReadonlySet<string>, today?: Clockwork): QueueInput[] {
    const out: QueueInput[] = [];
    const chosen = deckIds
      ? [...deckIds]
          .flatMap((id) => this.#at.get(id) ?? [])
          .sort((a, b) => a - b)
          .map((at) => this.decks[at]!)
      : this.decks;
    for (const deck of chosen) {
      const settings = this.settingsFor(deck.id);
      const input = (i: number): QueueInput => {
        const card = deck.cards[i]!;
        return { card, progress: this.store.get(card.key), settings };
      };
      if (today) {
        const fields = (i: number) => idleFields(this.store.get(deck.cards[i]!.key));
        outlookInputs(deck.cards.length, fields, input, today, out);
      } else for (let i = 0; i < deck.cards.length; i++) out.push(input(i));
    }
    return out;
  }
}

/** What a deck's exam outlook reads: its plan, its curve and its cards (a collection, or the queue cache). */
export type OutlookSource = Pick<Collection, 'examFor' | 'schedulerFor'> & {
  inputs(deckIds: ReadonlySet<string>): readonly QueueInput<QueuedCard>[];
};

/** Days to the exam and predicted recall on exam day for one deck (null: no exam date). */
export function deckExamOutlook(
  source: OutlookSource,
  deckId: string,
  now: number,
): ExamOutlook | null {
  const plan = source.examFor(deckId);
  if (!plan) return null;
  const curve = source.schedulerFor(deckId);
  const cards = source.inputs(new Set([deckId])).map((i) => ({
    srs: i.progress?.srs ?? null,
    curve,
    retention: plan.retention,
  }));
  return examOutlook(cards, plan.exam, now, plan.dayStartsAt);
}

/**
 * One line per problem, as every command and screen shows them. File names (a cloned deck
 * repository can name a file with escape sequences or a newline) and messages quoting them reach
 * the terminal only through here, so this is where they are sanitised.
 */
export function formatProblem(p: Problem): string {
  return visible(`${p.file}:${p.line}:${p.col}: ${p.severity}: ${p.message}`);
}

export function formatStoreProblem(p: StoreProblem): string {
  return visible(`${p.file}${p.line === undefined ? '' : `:${p.line}`}: ${p.message}`);
}
