/**
 * A mock test from a selection of cards: every question is checked without self-grading.
 * Choice cards stay choice questions (choices shuffled); typed and cloze cards are typed
 * questions; pairs become choice questions against the other pairs of their note; basic cards
 * become choice questions only when sibling answers of the same shape make good distractors.
 * Everything random comes from the seed: the same seed and cards give the same quiz.
 */

import {
  type AnswerRules,
  acceptedForms,
  answerKey,
  endpointPath,
  memoKey,
  normalizeAnswer,
  pathKey,
  readKey,
  revealSets,
  shownReveal,
} from './answer-check.js';
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

/**
 * `count` questions, spread over decks and topics, no two on one fact and none giving another
 * away; fewer when the selection cannot make that many (see `sample`).
 */
export function buildQuiz(cards: readonly Card[], opts: QuizOptions): QuizQuestion[] {
  const count = Math.max(0, Math.floor(opts.count ?? DEFAULT_QUIZ_COUNT));
  const questions = quizQuestions(cards, opts.seed);
  // Picking at random can paint itself into a corner (what it took rules out too much of the
  // rest): a few more draws from the same seed, the later ones taking first the questions that
  // rule out fewest others, keep the fullest test.
  let best: { picked: QuizQuestion[]; rng: Rng } | undefined;
  for (let attempt = 0; attempt < SAMPLE_ATTEMPTS; attempt++) {
    const rng = rngFromSeed(attempt === 0 ? opts.seed : `${opts.seed}\u0000${attempt}`);
    const picked = sample(questions, count, rng, attempt >= SAMPLE_ATTEMPTS / 2);
    if (!best || picked.length > best.picked.length) best = { picked, rng };
    if (picked.length >= count) break;
  }
  return best ? shuffle(best.picked, best.rng) : [];
}

/** Draws of a test at most, when the first falls short of the count. */
const SAMPLE_ATTEMPTS = 8;

/**
 * The question each card makes, where it can make a fair one, before any is picked. Without
 * `distractors` (lint's advice, which asks only which cards make a question and what each
 * states), a basic card's question offers its right answer alone: drawing its distractors
 * shuffles every answer of its peers, quadratic in a deck's basic cards (minutes at 100k).
 */
export function quizQuestions(
  cards: readonly Card[],
  seed: string,
  { distractors = true }: { readonly distractors?: boolean } = {},
): QuizQuestion[] {
  const basicPeers = groupBasicPeers(cards);
  const questions: QuizQuestion[] = [];
  for (const card of cards) {
    // Each card's own generator: its choice order does not depend on what else was selected.
    const rng = rngFromSeed(`${seed}\u0000${card.key}`);
    const q =
      card.kind === 'basic'
        ? basicQuestion(card, rng, basicPeers.get(peerKey(card)) ?? [], distractors)
        : questionFor(card, rng, basicPeers);
    if (q) questions.push(q);
  }
  return questions;
}

/** The question a card makes, or null when it cannot make a fair one. */
export function questionFor(
  card: Card,
  rng: Rng,
  basicPeers: ReadonlyMap<string, readonly Peer[]> = new Map(),
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
  return offered(right, distinct, rng, min);
}

/** Up to MAX_DISTRACTORS of `distinct` (sorted, none alike) shuffled in with the right answer. */
function offered(
  right: string,
  distinct: readonly string[],
  rng: Rng,
  min: number,
): { choices: string[]; correct: number[] } | null {
  if (distinct.length < min) return null;
  const picked = shuffle(distinct, rng).slice(0, MAX_DISTRACTORS);
  const choices = shuffle([right, ...picked], rng);
  return { choices, correct: [choices.indexOf(right)] };
}

function pairQuestion(card: PairCard, rng: Rng): ChoiceQuestion | null {
  const made = withDistractors(card.right, card.rights, rng, 1);
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

/** A reversed card (`:reverse`, docs/deck-format.md): its answer is the forward question. */
const isReverse = (card: Card) => card.key.endsWith(':reverse');

function basicQuestion(
  card: BasicCard,
  rng: Rng,
  peers: readonly Peer[],
  distractors = true,
): ChoiceQuestion | null {
  // Questions offered as the answers to pick from read as nonsense: reversed cards are left out.
  if (isReverse(card)) return null;
  // What withDistractors does with the peers' answers, from what each peer had worked out once
  // and in the order it sorts them in: a deck of 2,500 cards compared every pair's shapes
  // with regular expressions, and sorted and normalised 2,500 answers per card.
  const own = measure(card.answer);
  const seen = new Set([normalizeAnswer(card.answer)]);
  const distinct: string[] = [];
  for (const p of peers) {
    if (p.card.noteId === card.noteId || !alike(own, p) || p.norm === '' || seen.has(p.norm)) {
      continue;
    }
    seen.add(p.norm);
    distinct.push(p.card.answer);
    if (!distractors && distinct.length >= MIN_BASIC_DISTRACTORS) {
      const { answer: right, prompt } = card;
      return {
        kind: 'choice',
        id: card.key,
        card,
        prompt,
        choices: [right],
        correct: [0],
        multi: false,
      };
    }
  }
  if (!distractors) return null;
  const made = offered(card.answer, distinct, rng, MIN_BASIC_DISTRACTORS);
  if (!made) return null;
  return { kind: 'choice', id: card.key, card, prompt: card.prompt, ...made, multi: false };
}

/** Basic cards whose answers may stand in for each other: same deck, same tags. */
function peerKey(card: Card): string {
  return JSON.stringify([card.deckId, [...card.tags].sort()]);
}

/** A basic card as a distractor of another: its answer's measure and normalised text. */
type Peer = Measure & { readonly card: BasicCard; readonly norm: string };

/** The basic cards that are not reversed, by `peerKey`, each list sorted by answer. */
function groupBasicPeers(cards: readonly Card[]): Map<string, Peer[]> {
  const out = new Map<string, Peer[]>();
  for (const c of cards) {
    if (c.kind !== 'basic' || isReverse(c)) continue;
    const peer = { ...measure(c.answer), card: c, norm: normalizeAnswer(c.answer) };
    const k = peerKey(c);
    const list = out.get(k);
    if (list) list.push(peer);
    else out.set(k, [peer]);
  }
  const byAnswer = (a: Peer, b: Peer) =>
    a.card.answer < b.card.answer ? -1 : a.card.answer > b.card.answer ? 1 : 0;
  for (const list of out.values()) list.sort(byAnswer);
  return out;
}

export type AnswerShape = 'endpoint' | 'code' | 'number' | 'block' | 'short' | 'long';

/** What an answer looks like, so a distractor can look the same. */
export function answerShape(answer: string): AnswerShape {
  const t = answer.trim();
  if (t.includes('\n')) return 'block';
  if (endpointPath(t)?.startsWith('/')) return 'endpoint';
  if (/^`[^`]+`$/.test(t)) return 'code';
  if (/^[-+]?\d[\d.,_]*\s*%?$/.test(t)) return 'number';
  return wordCount(t) <= 4 ? 'short' : 'long';
}

const wordCount = (s: string) => s.trim().split(/\s+/).length;

const within = (a: number, b: number, ratio: number) =>
  Math.max(a, b) <= ratio * Math.max(1, Math.min(a, b));

/** What the shape test compares of an answer. */
type Measure = {
  readonly shape: AnswerShape;
  /** Characters and words, trimmed. */
  readonly chars: number;
  readonly words: number;
};

function measure(answer: string): Measure {
  const t = answer.trim();
  return { shape: answerShape(t), chars: t.length, words: wordCount(t) };
}

/**
 * Could `b` pass for an answer to the question `a` answers? Same shape, and for free text a
 * similar length (within 3× in characters for short answers, 1.5× in words for long ones).
 */
export function similarShape(a: string, b: string): boolean {
  return alike(measure(a), measure(b));
}

function alike(a: Measure, b: Measure): boolean {
  if (a.shape !== b.shape) return false;
  switch (a.shape) {
    case 'short':
    case 'code':
      return within(a.chars, b.chars, 3);
    case 'long':
      return within(a.words, b.words, 1.5);
    default:
      return true;
  }
}

/** A question with what the fairness checks compare, worked out once. */
type Candidate = {
  readonly q: QuizQuestion;
  /** Cards of one note, or of one `group:`, test one fact. */
  readonly note: string;
  readonly group?: string;
  /** Deck and topic: questions are spread over them in proportion to their notes. */
  readonly stratum: string;
  /** The right answers in every accepted form, as compared for "the same answer". */
  readonly answers: readonly string[];
  /** Sets of answers that, all shown in one text of another question, give this one away. */
  readonly reveals: readonly (readonly string[])[];
  /** What the question states: its prompt and cue. */
  readonly statement: string;
  /** Its choices, if any. */
  readonly options: readonly string[];
  /**
   * A choice question's choices (compared as answers are): two questions offering the same
   * items test one fact (see `sameFact`).
   */
  readonly offered?: ReadonlySet<string>;
  readonly rules?: AnswerRules;
};

function candidate(q: QuizQuestion, topic: string): Candidate {
  const card = q.card;
  const right = q.kind === 'choice' ? q.correct.map((i) => q.choices[i]!) : q.accepted;
  // Every form the answer is accepted in (variants, `same` groups): a variant shown elsewhere
  // gives it away as much as the canonical answer, and two questions sharing one ask one fact.
  const forms = acceptedForms(right, card.answers);
  return {
    q,
    note: `${card.deckId}/${card.noteId}`,
    ...(card.group === undefined ? {} : { group: `${card.deckId}/${card.group}` }),
    stratum: `${card.deckId}\u0000${topic}`,
    // Several right choices are one answer together: the set, not any one of them.
    answers: q.kind === 'choice' && q.multi ? [[...right].sort().join('\u0000')] : forms,
    // What shows it (answer-check's `revealSets`: an endpoint's path alone, too).
    reveals: revealSets(right, card.answers, q.kind === 'choice' && q.multi),
    statement: q.cue === undefined ? q.prompt : `${q.prompt}\n${q.cue}`,
    options: q.kind === 'choice' ? q.choices : [],
    ...(q.kind === 'choice'
      ? { offered: new Set(q.choices.map((c) => keys.read(c, card.answers))) }
      : {}),
    ...(card.answers === undefined ? {} : { rules: card.answers }),
  };
}

/**
 * `readKey`, `answerKey` and `pathKey`, remembered per rules object for the life of the
 * process: every test from a deck compares the same texts, many times each; a deck's keys go
 * with its rules.
 */
const keys = { read: memoKey(readKey), answer: memoKey(answerKey), path: memoKey(pathKey) };
type Keys = typeof keys;

/**
 * Whether `a` gives `b` away: `a`'s statement shows `b`'s right answer (all of them, for several
 * right choices), or, when the answer is to be typed or is several choices, one of `a`'s choices
 * does. A single right choice offered as one option among others elsewhere says no more than
 * `b`'s own choices do.
 */
function gives(a: Candidate, b: Candidate, keys: Keys): boolean {
  return shown(a, b, keys) !== undefined;
}

/** The set of `b`'s answers that `a` shows (see `gives`), if any. */
function shown(a: Candidate, b: Candidate, keys: Keys): readonly string[] | undefined {
  const single = b.q.kind === 'choice' && !b.q.multi;
  const texts = single ? [a.statement] : [a.statement, ...a.options];
  return shownReveal(texts, b.reveals, b.rules, keys.read, keys.path);
}

/**
 * What a question shows of its own right answer, when it gives itself away (a mock test leaves
 * such a question out): the answers, or the endpoint path, its own text holds.
 */
export function selfGiveaway(q: QuizQuestion): readonly string[] | undefined {
  const c = candidate(q, '');
  return shown(c, c, keys);
}

const sameAnswer = (a: Candidate, b: Candidate, keys: Keys): boolean =>
  [a.rules, b.rules].some((rules) => {
    const own = new Set(a.answers.map((x) => keys.answer(x, rules)));
    return b.answers.some((x) => own.has(keys.answer(x, rules)));
  });

/**
 * Whether two questions offer the same items to tell apart: every choice of the one with fewer
 * is a choice of the other (the same four ways twice; four of the seven endpoint paths inside
 * all seven). Sets that only overlap, even by three of four, are two questions, as in an exam.
 */
function sameItems(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const c of small) if (!large.has(c)) return false;
  return true;
}

/**
 * Two questions on one fact: one note, one group, the same right answer, or the same items to
 * pick from (`sameItems`). Offered the same items twice, a test tells them apart twice: with one
 * answer each, one answer rules out a choice of the other (UI, DABs/YAML, REST API, CLI: three
 * of them give the fourth away by elimination); with several, the second list is the first
 * again (the seven endpoint paths, once for "which act on the job", once for "which are POST").
 */
function sameFact(a: Candidate, b: Candidate, keys: Keys): boolean {
  return (
    a.note === b.note ||
    (a.group !== undefined && a.group === b.group) ||
    (a.offered !== undefined && b.offered !== undefined && sameItems(a.offered, b.offered)) ||
    sameAnswer(a, b, keys)
  );
}

const fair = (c: Candidate, picked: readonly Candidate[], keys: Keys): boolean =>
  picked.every((p) => !sameFact(c, p, keys) && !gives(c, p, keys) && !gives(p, c, keys));

/**
 * The topic a question counts under: its first tag that not every selected card has (tags on
 * every card, a deck's own, say nothing about what a question tests).
 */
function topicOf(questions: readonly QuizQuestion[]): (q: QuizQuestion) => string {
  const count = new Map<string, number>();
  for (const q of questions)
    for (const t of new Set(q.card.tags)) count.set(t, (count.get(t) ?? 0) + 1);
  return (q) => q.card.tags.find((t) => count.get(t)! < questions.length) ?? '';
}

/**
 * Up to `count` questions, no two on one fact and none giving another (or itself) away, spread
 * over decks and topics in proportion to their notes; a topic that runs out of fair questions
 * leaves its share to the others, in proportion to theirs.
 */
function sample(
  questions: readonly QuizQuestion[],
  count: number,
  rng: Rng,
  frugal = false,
): QuizQuestion[] {
  const topic = topicOf(questions);
  const pool = questions.map((q) => candidate(q, topic(q))).filter((c) => !gives(c, c, keys));
  const strata = new Map<string, Candidate[]>();
  // Sorted before shuffling, so only the seed (not the input order) decides.
  for (const c of [...pool].sort((a, b) => (a.q.id < b.q.id ? -1 : a.q.id > b.q.id ? 1 : 0))) {
    const list = strata.get(c.stratum) ?? [];
    strata.set(c.stratum, list);
    list.push(c);
  }
  const names = shuffle([...strata.keys()].sort(), rng);
  const lists = names.map((k) => shuffle(strata.get(k)!, rng));
  if (frugal) {
    // Questions that rule out fewest others first (a stable sort: the shuffle breaks ties).
    const cost = new Map(
      pool.map((c) => [c, pool.filter((o) => o !== c && !fair(c, [o], keys)).length]),
    );
    for (const list of lists) list.sort((a, b) => cost.get(a)! - cost.get(b)!);
  }
  // Each topic's share in proportion to its notes, a question at a time: the next from the
  // topic furthest below its share (Sainte-Laguë: notes / (2 × asked + 1), ties in the shuffled
  // order). A topic out of fair questions drops out, and what it could not ask goes to the
  // others in proportion too, not round them in turn (which asked a topic of 2 notes as often as
  // one of 14).
  const notes = lists.map((l) => new Set(l.map((c) => c.note)).size);
  const open = lists.map((l) => l.length > 0);
  const picked: Candidate[] = [];
  const taken = lists.map(() => 0);
  /** The next fair question of stratum `i`; unfair ones never become fair again: dropped. */
  const next = (i: number): Candidate | undefined => {
    const list = lists[i]!;
    while (list.length > 0) {
      const c = list.shift()!;
      if (fair(c, picked, keys)) return c;
    }
    return undefined;
  };
  while (picked.length < count) {
    let best = -1;
    let bestShare = 0;
    for (let i = 0; i < lists.length; i++) {
      const share = notes[i]! / (2 * taken[i]! + 1);
      if (open[i] && share > bestShare) [best, bestShare] = [i, share];
    }
    if (best < 0) break;
    const c = next(best);
    if (c) {
      picked.push(c);
      taken[best]!++;
    } else open[best] = false;
  }
  return picked.map((c) => c.q);
}
