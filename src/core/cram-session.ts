/**
 * A cram session as a reducer: pass/fail drilling. A card answered wrong comes back a few cards
 * later (like a learning step) until it is answered right once; the session ends when every card
 * has been, or was put aside (buried, suspended: the caller records that). Pure: it knows nothing of FSRS or the log — whether an answer is recorded as a `cram`
 * entry or, with `--reschedule`, as a real review is the caller's business.
 */
import type { Card } from './card.js';
import type { Step } from './review-session.js';

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
  /**
   * The answers' times summed, each from its card shown to its answer (the `durationMs` each
   * is recorded with, which stats count as cram time).
   */
  readonly answeringMs: number;
  /** Cards buried or suspended during the session: out of it, answered or not. */
  readonly aside: readonly string[];
  /** The state before each step (an answer, a skip, a card put aside or marked), newest last. */
  readonly history: readonly CramState[];
  /** What led from each state of `history` to the next, newest last: what undo takes back. */
  readonly steps: readonly Step[];
};

export type CramAction =
  | {
      readonly type: 'answer';
      readonly correct: boolean;
      /** From the card shown to this answer, as recorded. */
      readonly durationMs: number;
      /** The log entry the answer was recorded as, for undo. */
      readonly entryId?: string;
    }
  /** Put the current card last, unanswered (shown again once the others have been). */
  | { readonly type: 'skip' }
  /**
   * The current card, and any of `keys` still queued (its note's other cards), leave the
   * session: buried or suspended, recorded as `entryId`.
   */
  | { readonly type: 'aside'; readonly keys: readonly string[]; readonly entryId: string }
  /** The current card got a mark (`entryId`): it stays, but undo takes the mark back first. */
  | { readonly type: 'marked'; readonly entryId: string }
  /**
   * The deck `deckId` was read again (a card edited): its cards take their new text, by key
   * (`renamed` maps a key the edit changed to the new one); cards no longer in it, or all of
   * them when the deck is gone (`cards` null), leave the session.
   */
  | {
      readonly type: 'deckChanged';
      readonly deckId: string;
      readonly cards: readonly Card[] | null;
      readonly renamed?: { readonly from: string; readonly to: string };
    }
  /** Leave early; the summary covers what was answered. */
  | { readonly type: 'end' }
  /** Take back the last step: its card is current again, as it was before it. */
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
    answeringMs: 0,
    aside: [],
    history: [],
    steps: [],
  });
}

function withCurrent(s: CramState): CramState {
  const current = s.queue[0] ?? null;
  return { ...s, current, done: current === null || s.ended };
}

/** `s` with `step` done: the state before it saved for undo. */
function stepped(s: CramState, step: Step, after: Partial<CramState>): CramState {
  return withCurrent({
    ...s,
    ...after,
    history: [...s.history, { ...s, history: [], steps: [] }],
    steps: [...s.steps, step],
  });
}

/** `s` with the cards of `deckId` as that deck now reads (see the `deckChanged` action). */
function withDeck(s: CramState, action: Extract<CramAction, { type: 'deckChanged' }>): CramState {
  const byKey = new Map((action.cards ?? []).map((c) => [c.key, c]));
  const keyOf = (c: Card) => (c.key === action.renamed?.from ? action.renamed.to : c.key);
  const fresh = (cards: readonly Card[]) =>
    cards.flatMap((c) => {
      if (c.deckId !== action.deckId) return [c];
      const card = byKey.get(keyOf(c));
      return card ? [card] : [];
    });
  const from = action.renamed?.from;
  const was = from === undefined ? undefined : s.attempts[from];
  const attempts =
    from === undefined || was === undefined
      ? s.attempts
      : { ...s.attempts, [action.renamed!.to]: was };
  return withCurrent({ ...s, cards: fresh(s.cards), queue: fresh(s.queue), attempts });
}

export function cramReducer(s: CramState, action: CramAction): CramState {
  if (action.type === 'undo') {
    const prev = s.history.at(-1);
    return prev ? { ...prev, history: s.history.slice(0, -1), steps: s.steps.slice(0, -1) } : s;
  }
  if (action.type === 'deckChanged') {
    return { ...withDeck(s, action), history: s.history.map((h) => withDeck(h, action)) };
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
      const gap = Math.min(REQUEUE_GAP, rest.length);
      const queue = action.correct ? rest : [...rest.slice(0, gap), card, ...rest.slice(gap)];
      const step: Step = {
        kind: 'rated',
        key: card.key,
        ...(action.entryId === undefined ? {} : { entryId: action.entryId }),
      };
      return stepped(s, step, {
        queue,
        attempts: { ...s.attempts, [card.key]: after },
        answeringMs: s.answeringMs + Math.max(0, action.durationMs),
      });
    }
    case 'skip':
      return stepped(s, { kind: 'skip', key: card.key }, { queue: [...rest, card] });
    case 'aside': {
      const gone = new Set([card.key, ...action.keys]);
      const was = new Set(s.aside);
      const inSession = s.cards.filter((c) => gone.has(c.key) && !was.has(c.key));
      return stepped(
        s,
        { kind: 'aside', key: card.key, entryId: action.entryId },
        {
          queue: rest.filter((c) => !gone.has(c.key)),
          aside: [...s.aside, ...inSession.map((c) => c.key)],
        },
      );
    }
    case 'marked':
      return stepped(s, { kind: 'marked', key: card.key, entryId: action.entryId }, {});
    case 'end':
      return withCurrent({ ...s, ended: true });
  }
}

export type CramSummary = {
  /** Cards in the session, less those put aside. */
  readonly cards: number;
  /** Of those, the cards answered right at least once. */
  readonly passed: number;
  /** Cards buried or suspended during the session. */
  readonly putAside: number;
  /** Answers given, right and wrong. */
  readonly answers: number;
  /** Of the cards answered at least once, the share answered right the first time (0–1). */
  readonly firstTryAccuracy: number;
  /** Cards missed at least once, most misses first (then session order), at most MOST_MISSED. */
  readonly mostMissed: readonly { readonly card: Card; readonly misses: number }[];
  /** The answers' own times summed (`CramState.answeringMs`): not the pauses between them. */
  readonly durationMs: number;
};

export function cramSummary(s: CramState): CramSummary {
  let answered = 0;
  let firstTry = 0;
  let answers = 0;
  let passed = 0;
  const missed: { card: Card; misses: number; index: number }[] = [];
  const aside = new Set(s.aside);
  s.cards.forEach((card, index) => {
    const a = s.attempts[card.key];
    if (!a || a.attempts === 0) return;
    answered++;
    answers += a.attempts;
    if (a.passed && !aside.has(card.key)) passed++;
    // Right the first time means never missed: a card leaves the queue on its first right answer.
    if (a.misses === 0) firstTry++;
    else missed.push({ card, misses: a.misses, index });
  });
  missed.sort((a, b) => b.misses - a.misses || a.index - b.index);
  return {
    cards: s.cards.length - aside.size,
    passed,
    putAside: aside.size,
    answers,
    firstTryAccuracy: answered === 0 ? 0 : firstTry / answered,
    mostMissed: missed.slice(0, MOST_MISSED).map(({ card, misses }) => ({ card, misses })),
    durationMs: s.answeringMs,
  };
}
