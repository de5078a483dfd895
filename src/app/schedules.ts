/**
 * Each deck's scheduling: its settings (config.yaml, the deck's exam date), one FSRS scheduler
 * per distinct parameter set, and the exam plan. Needs only the decks and the config, so replay
 * can recompute a rating before the collection is put together.
 */
import { createHash } from 'node:crypto';
import { type Config, settingsFor } from '../config/config.js';
import type { Deck } from '../core/card.js';
import { applyExamDate } from '../core/exam.js';
import type { Balancing } from '../core/load-balance.js';
import type { Rating, SrsState } from '../core/model.js';
import { type Preview, Scheduler } from '../core/scheduler.js';
import type { DeckSettings } from '../core/settings.js';
import type { Reschedule } from '../store/replay.js';

export type ExamPlan = {
  readonly exam: string;
  readonly retention: number;
  readonly dayStartsAt: number;
};

export class Schedules {
  readonly #decks: ReadonlyMap<string, Pick<Deck, 'id' | 'exam'>>;
  readonly #config: Config;
  readonly #schedulers = new Map<string, Scheduler>();

  /** Only each deck's id and exam date are read: the queue cache passes no more. */
  constructor(decks: readonly Pick<Deck, 'id' | 'exam'>[], config: Config) {
    this.#decks = new Map(decks.map((d) => [d.id, d]));
    this.#config = config;
  }

  settingsFor(deckId: string): DeckSettings {
    return settingsFor(this.#config, deckId, this.#decks.get(deckId)?.exam);
  }

  /** One scheduler per distinct parameter set (decks with equal settings share one). */
  schedulerFor(deckId: string): Scheduler {
    const s = this.settingsFor(deckId);
    const id = JSON.stringify([
      s.retention,
      s.maxInterval,
      s.learningSteps,
      s.relearningSteps,
      s.fuzz,
      s.fsrs?.w,
    ]);
    let scheduler = this.#schedulers.get(id);
    if (!scheduler) {
      scheduler = new Scheduler(s);
      this.#schedulers.set(id, scheduler);
    }
    return scheduler;
  }

  /** The deck's exam and what scheduling for it needs; undefined when it has no exam date. */
  examFor(deckId: string): ExamPlan | undefined {
    const s = this.settingsFor(deckId);
    return s.exam
      ? { exam: s.exam, retention: s.retention, dayStartsAt: this.#config.dayStartsAt }
      : undefined;
  }

  /**
   * What `reschedule` reads, as a hash: the config's scheduling settings and every deck's id and
   * exam date. Equal keys recompute a rating alike (the merged stats history is cached under it).
   */
  replayKey(): string {
    const c = this.#config;
    const decks = [...this.#decks.values()].map((d) => [d.id, d.exam ?? null]).sort();
    const text = JSON.stringify([c.dayStartsAt, c.defaults, c.perDeck, c.presets, decks]);
    return createHash('sha256').update(text).digest('hex').slice(0, 32);
  }

  /** How replay recomputes a rating of the card `key` (`deckId/…`) with its deck's settings. */
  reschedule(): Reschedule {
    return (key: string, prev: SrsState | null, rating, at) => {
      const deckId = key.slice(0, key.indexOf('/'));
      return rateOutcome(this.schedulerFor(deckId), this.examFor(deckId), key, prev, rating, at);
    };
  }
}

/**
 * The state a rating gives: FSRS (on the least loaded day, given `balancing`), then the deck's
 * exam date. The one computation for a rating given now and for one replay recomputes (another
 * device's ratings landed before it; replay has no day loads, so such a rating gets plain fuzz).
 */
export function rateOutcome(
  scheduler: Scheduler,
  plan: ExamPlan | undefined,
  key: string,
  prev: SrsState | null,
  rating: Rating,
  now: number,
  balancing?: Balancing,
): SrsState {
  return withExam(scheduler, plan, now)(scheduler.rate(key, prev, rating, now, balancing));
}

/** What each rating would give: `rateOutcome` for all four, as the rating buttons show them. */
export function previewOutcome(
  scheduler: Scheduler,
  plan: ExamPlan | undefined,
  key: string,
  srs: SrsState | null,
  now: number,
  balancing?: Balancing,
): Preview {
  const p = scheduler.preview(key, srs, now, balancing);
  if (!plan) return p;
  const adjust = withExam(scheduler, plan, now);
  return { 1: adjust(p[1]), 2: adjust(p[2]), 3: adjust(p[3]), 4: adjust(p[4]) };
}

/** A state FSRS gave, rescheduled for the deck's exam date when it has one. */
function withExam(scheduler: Scheduler, plan: ExamPlan | undefined, now: number) {
  return (s: SrsState): SrsState => (plan ? applyExamDate(s, { ...plan, now, scheduler }) : s);
}
