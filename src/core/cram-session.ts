/**
 * A cram session as a reducer: pass/fail drilling. A card answered wrong comes back a few cards
 * later (like a learning step) until it is answered right once; the session ends when every card
 * has been. Pure: it knows nothing of FSRS or the log — whether an answer is recorded as a `cram`
 * entry or, with `--reschedule`, as a real review is the caller's business.
 */
import type { Card } from './card.js';

/** A missed card comes back after this many other cards (or last, when fewer are left). */
export const REQUEUE_GAP = 3;

/** How many cards the summary lists as missed most. */
export const MOST_MISSED = 5;

export type CardAttempts = {
  /** Times answered (right or wrong). */
  readonly attempts: number;
  /** Times answered wrong. */
  readonly misses: number;
  /** Answered right at least once: done with. */
  readonly passed: boolean;
};

export type CramState = {
  /** The cards drilled, in the order first shown (after `limit`). */
  readonly cards: readonly Card[];
  /** Cards still to show, current first. */
  readonly queue: readonly Card[];
  readonly current: Card | null;
  readonly done: boolean;
  /** Ended by the user before every card was answered right. */
  readonly ended: boolean;
  readonly attempts: Readonly<Record<string, CardAttempts>>;
  /** Times of the first and the latest answer (epoch ms), null before the first. */
  readonly firstAt: number | null;
  readonly lastAt: number | null;
  /** The state before each answer, newest last: undo goes back to the last one. */
  readonly history: readonly CramState[];
};

export type CramAction =
  | { readonly type: 'answer'; readonly correct: boolean; readonly at: number }
  /** Put the current card last, unanswered (shown again once the others have been). */
  | { readonly type: 'skip' }
  /** Leave early; the summary covers what was answered. */
  | { readonly type: 'end' }
  /** Take back the last answer: its card is current again, as it was before it. */
  | { readonly type: 'undo' };

export type CramOptions = {
  /** Drill only the first `limit` cards of the order (`--limit`). */
  readonly limit?: number;
};

export function createCram(cards: readonly Card[], opts: CramOptions = {}): CramState {
  const limit = opts.limit === undefined ? cards.length : Math.max(0, Math.floor(opts.limit));
  const chosen = cards.slice(0, limit);
  return withCurrent({
    cards: chosen,
    queue: chosen,
    current: null,
    done: false,
    ended: false,
    attempts: Object.fromEntries(
      chosen.map((c) => [c.key, { attempts: 0, misses: 0, passed: false }]),
    ),
    firstAt: null,
    lastAt: null,
    history: [],
  });
}

function withCurrent(s: CramState): CramState {
  const current = s.queue[0] ?? null;
  return { ...s, current, done: current === null || s.ended };
}

export function cramReducer(s: CramState, action: CramAction): CramState {
  if (action.type === 'undo') {
    const prev = s.history.at(-1);
    return prev ? { ...prev, history: s.history.slice(0, -1) } : s;
  }
  if (s.done || s.current === null) return s;
  const card = s.current;
  const rest = s.queue.slice(1);
  switch (action.type) {
    case 'answer': {
      const before = s.attempts[card.key] ?? { attempts: 0, misses: 0, passed: false };
      const after: CardAttempts = {
        attempts: before.attempts + 1,
        misses: before.misses + (action.correct ? 0 : 1),
        passed: before.passed || action.correct,
      };
      const at = action.at;
      const gap = Math.min(REQUEUE_GAP, rest.length);
      const queue = action.correct ? rest : [...rest.slice(0, gap), card, ...rest.slice(gap)];
      return withCurrent({
        ...s,
        queue,
        attempts: { ...s.attempts, [card.key]: after },
        firstAt: s.firstAt ?? at,
        lastAt: at,
        history: [...s.history, { ...s, history: [] }],
      });
    }
    case 'skip':
      return withCurrent({ ...s, queue: [...rest, card] });
    case 'end':
      return withCurrent({ ...s, ended: true });
  }
}

export type CramSummary = {
  /** Cards in the session. */
  readonly cards: number;
  /** Cards answered right at least once. */
  readonly passed: number;
  /** Answers given, right and wrong. */
  readonly answers: number;
  /** Of the cards answered at least once, the share answered right the first time (0–1). */
  readonly firstTryAccuracy: number;
  /** Cards missed at least once, most misses first (then session order), at most MOST_MISSED. */
  readonly mostMissed: readonly { readonly card: Card; readonly misses: number }[];
  /** From the first answer to the last. */
  readonly durationMs: number;
};

export function cramSummary(s: CramState): CramSummary {
  let answered = 0;
  let firstTry = 0;
  let answers = 0;
  let passed = 0;
  const missed: { card: Card; misses: number; index: number }[] = [];
  s.cards.forEach((card, index) => {
    const a = s.attempts[card.key];
    if (!a || a.attempts === 0) return;
    answered++;
    answers += a.attempts;
    if (a.passed) passed++;
    // Right the first time means never missed: a card leaves the queue on its first right answer.
    if (a.misses === 0) firstTry++;
    else missed.push({ card, misses: a.misses, index });
  });
  missed.sort((a, b) => b.misses - a.misses || a.index - b.index);
  return {
    cards: s.cards.length,
    passed,
    answers,
    firstTryAccuracy: answered === 0 ? 0 : firstTry / answered,
    mostMissed: missed.slice(0, MOST_MISSED).map(({ card, misses }) => ({ card, misses })),
    durationMs: s.firstAt === null || s.lastAt === null ? 0 : s.lastAt - s.firstAt,
  };
}
