/**
 * A mock test from a selection of cards: every question is checked without self-grading.
 * Choice cards stay choice questions (choices shuffled); typed and cloze cards are typed
 * questions; pairs become choice questions against the other pairs of their note; basic cards
 * become choice questions only when sibling answers of the same shape make good distractors.
 * Everything random comes from the seed: the same seed and cards give the same quiz.
 */

import { normalizeAnswer } from './answer-check.js';
import type { BasicCard, Card, ChoiceCard, ClozeCard, PairCard } from './card.js';
import { clozePrompt } from './card-prompt.js';
import { type Rng, rngFromSeed, shuffle } from './shuffle.js';

export const DEFAULT_QUIZ_COUNT = 20;
/** Wrong choices offered with a pair or basic card's right answer, at most. */
export const MAX_DISTRACTORS = 3;
/** A basic card needs at least this many distractors to become a question (two choices is a coin toss). */
export const MIN_BASIC_DISTRACTORS = 2;

type QuestionCommon = {
  /** The card's progress key; results and "send to review" refer to it. */
  readonly id: string;
  readonly card: Card;
  /** What is asked: the card's prompt, or for cloze the text with the asked gap blanked. */
  readonly prompt: string;
  /** For pairs: the left side the answer goes with. */
  readonly cue?: string;
};

export type ChoiceQuestion = QuestionCommon & {
  readonly kind: 'choice';
  readonly choices: readonly string[];
  /** Indexes into `choices` of the right answers. */
  readonly correct: readonly number[];
  /** More than one right answer: pick all of them. */
  readonly multi: boolean;
};

export type TypedQuestion = QuestionCommon & {
  readonly kind: 'typed';
  /** The first is shown as the right answer; all are accepted. */
  readonly accepted: readonly string[];
};

export type QuizQuestion = ChoiceQuestion | TypedQuestion;

export type QuizOptions = {
  readonly count?: number;
  readonly seed: string;
};

/** `count` questions (fewer if the selection has fewer usable cards), spread over decks and notes. */
export function buildQuiz(cards: readonly Card[], opts: QuizOptions): QuizQuestion[] {
  const count = Math.max(0, Math.floor(opts.count ?? DEFAULT_QUIZ_COUNT));
  const basicPeers = groupBasicPeers(cards);
  const questions: QuizQuestion[] = [];
  for (const card of cards) {
    // Each card's own generator: its choice order does not depend on what else was selected.
    const q = questionFor(card, rngFromSeed(`${opts.seed}\u0000${card.key}`), basicPeers);
    if (q) questions.push(q);
  }
  const rng = rngFromSeed(opts.seed);
  return shuffle(sample(questions, count, rng), rng);
}

/** The question a card makes, or null when it cannot make a fair one. */
export function questionFor(
  card: Card,
  rng: Rng,
  basicPeers: ReadonlyMap<string, readonly BasicCard[]> = new Map(),
): QuizQuestion | null {
  switch (card.kind) {
    case 'choice':
      return choiceQuestion(card, rng);
    case 'typed': {
      const accepted = card.accepted.filter((a) => normalizeAnswer(a) !== '');
      if (accepted.length === 0) return null;
      return { kind: 'typed', id: card.key, card, prompt: card.prompt, accepted };
    }
    case 'cloze':
      return clozeQuestion(card);
    case 'pair':
      return pairQuestion(card, rng);
    case 'basic':
      return basicQuestion(card, rng, basicPeers.get(peerKey(card)) ?? []);
  }
}

function choiceQuestion(card: ChoiceCard, rng: Rng): ChoiceQuestion | null {
  const norm = card.choices.map(normalizeAnswer);
  if (new Set(norm).size !== norm.length || norm.includes('')) return null;
  const right = new Set(card.correct);
  if (right.size === 0 || [...right].some((i) => !(i >= 0 && i < card.choices.length))) {
    return null;
  }
  const order = shuffle(
    card.choices.map((_, i) => i),
    rng,
  );
  return {
    kind: 'choice',
    id: card.key,
    card,
    prompt: card.prompt,
    choices: order.map((i) => card.choices[i]!),
    correct: order.flatMap((i, at) => (right.has(i) ? [at] : [])),
    multi: right.size > 1,
  };
}

function clozeQuestion(card: ClozeCard): TypedQuestion | null {
  const gap = card.parts.find((p) => p.type === 'gap' && p.index === card.gap);
  if (!gap || normalizeAnswer(gap.text) === '') return null;
  return { kind: 'typed', id: card.key, card, prompt: clozePrompt(card), accepted: [gap.text] };
}

/** The right answer among up to MAX_DISTRACTORS others, no two alike (after normalisation). */
function withDistractors(
  right: string,
  candidates: readonly string[],
  rng: Rng,
  min: number,
): { choices: string[]; correct: number[] } | null {
  const seen = new Set([normalizeAnswer(right)]);
  const distinct: string[] = [];
  // Sorted first, so the seed alone (not the order the cards came in) decides which are picked.
  for (const c of [...candidates].sort()) {
    const n = normalizeAnswer(c);
    if (n === '' || seen.has(n)) continue;
    seen.add(n);
    distinct.push(c);
  }
  if (distinct.length < min) return null;
  const picked = shuffle(distinct, rng).slice(0, MAX_DISTRACTORS);
  const choices = shuffle([right, ...picked], rng);
  return { choices, correct: [choices.indexOf(right)] };
}

function pairQuestion(card: PairCard, rng: Rng): ChoiceQuestion | null {
  const made = withDistractors(card.right, card.group, rng, 1);
  if (!made) return null;
  return {
    kind: 'choice',
    id: card.key,
    card,
    prompt: card.prompt,
    cue: card.left,
    ...made,
    multi: false,
  };
}

function basicQuestion(
  card: BasicCard,
  rng: Rng,
  peers: readonly BasicCard[],
): ChoiceQuestion | null {
  const candidates = peers
    .filter((p) => p.noteId !== card.noteId && similarShape(card.answer, p.answer))
    .map((p) => p.answer);
  const made = withDistractors(card.answer, candidates, rng, MIN_BASIC_DISTRACTORS);
  if (!made) return null;
  return { kind: 'choice', id: card.key, card, prompt: card.prompt, ...made, multi: false };
}

/** Basic cards whose answers may stand in for each other: same deck, same tags. */
function peerKey(card: Card): string {
  return JSON.stringify([card.deckId, [...card.tags].sort()]);
}

function groupBasicPeers(cards: readonly Card[]): Map<string, BasicCard[]> {
  const out = new Map<string, BasicCard[]>();
  for (const c of cards) {
    if (c.kind !== 'basic') continue;
    const k = peerKey(c);
    const list = out.get(k);
    if (list) list.push(c);
    else out.set(k, [c]);
  }
  return out;
}

export type AnswerShape = 'endpoint' | 'code' | 'number' | 'block' | 'short' | 'long';

/** What an answer looks like, so a distractor can look the same. */
export function answerShape(answer: string): AnswerShape {
  const t = answer.trim();
  if (t.includes('\n')) return 'block';
  if (/^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\/\S*$/i.test(t)) return 'endpoint';
  if (/^`[^`]+`$/.test(t)) return 'code';
  if (/^[-+]?\d[\d.,_]*\s*%?$/.test(t)) return 'number';
  return wordCount(t) <= 4 ? 'short' : 'long';
}

const wordCount = (s: string) => s.trim().split(/\s+/).length;

const within = (a: number, b: number, ratio: number) =>
  Math.max(a, b) <= ratio * Math.max(1, Math.min(a, b));

/**
 * Could `b` pass for an answer to the question `a` answers? Same shape, and for free text a
 * similar length (within 3× in characters for short answers, 1.5× in words for long ones).
 */
export function similarShape(a: string, b: string): boolean {
  const shape = answerShape(a);
  if (shape !== answerShape(b)) return false;
  switch (shape) {
    case 'short':
    case 'code':
      return within(a.trim().length, b.trim().length, 3);
    case 'long':
      return within(wordCount(a), wordCount(b), 1.5);
    default:
      return true;
  }
}

/**
 * Up to `count` questions spread evenly: decks take turns, and within a deck each note gives
 * one question before any note gives a second.
 */
function sample(questions: readonly QuizQuestion[], count: number, rng: Rng): QuizQuestion[] {
  const decks = new Map<string, Map<string, QuizQuestion[]>>();
  for (const q of questions) {
    const notes = decks.get(q.card.deckId) ?? new Map<string, QuizQuestion[]>();
    decks.set(q.card.deckId, notes);
    const list = notes.get(q.card.noteId) ?? [];
    notes.set(q.card.noteId, list);
    list.push(q);
  }
  // Sorted before shuffling, so only the seed (not the input order) decides.
  const deckIds = shuffle([...decks.keys()].sort(), rng);
  const perDeck = deckIds.map((id) => {
    const notes = decks.get(id)!;
    const noteIds = shuffle([...notes.keys()].sort(), rng);
    return noteIds.map((n) =>
      shuffle(
        [...notes.get(n)!].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
        rng,
      ),
    );
  });
  const out: QuizQuestion[] = [];
  for (let round = 0; out.length < count; round++) {
    const lanes = perDeck.map((notes) => notes.flatMap((qs) => (qs[round] ? [qs[round]] : [])));
    const longest = Math.max(0, ...lanes.map((l) => l.length));
    if (longest === 0) break;
    for (let i = 0; i < longest && out.length < count; i++) {
      for (const lane of lanes) {
        const q = lane[i];
        if (q && out.length < count) out.push(q);
      }
    }
  }
  return out;
}
