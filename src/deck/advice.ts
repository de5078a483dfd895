/**
 * The authoring advice `recall lint` gives about decks that load: a card that gives its own
 * answer away, a right choice a guesser can spot by a word of the question, a quizzable card
 * with no explanation, a deck whose progress hangs on its file name. Pure: decks in, problems
 * out; docs/deck-format.md ("Advice") documents each rule.
 */
import { shownReveal } from '../core/answer-check.js';
import type { Card, ChoiceCard, ClozeCard, Deck, Problem } from '../core/card.js';
import { type QuizQuestion, quizQuestions, selfGiveaway } from '../core/quiz-build.js';
import { collapseWhitespace } from '../text/whitespace.js';
import { CARD_ID_PATTERN } from './identity.js';

/**
 * A word needs this many letters to tell anything: a single letter (`-t`, the `s` of `job's`)
 * does not, but `job` and `run` do. Whether a word is distinctive is the rule's to say (in the
 * question, in a right answer, in no wrong one), not its length: "a **job** question" and only
 * one choice saying "job" is a tell however short the word.
 */
export const TELL_MIN_LETTERS = 2;

/** Words that say nothing about a subject, however often a question and its answer share them. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  // Short function words: articles, prepositions, pronouns, auxiliaries, conjunctions.
  (
    'am an and any are as at be but by can did do for had has he her his how if in is it its ' +
    'me my no nor not of off on one or our own per she so the to too up us via vs was we who ' +
    'why yet you ' +
    'about above after again against also among another around because been before being below ' +
    'between both could does doing down during each either every from further have having here ' +
    'however into itself just least less many more most much must neither never none only other ' +
    'others over same shall should since some such than that their theirs them themselves then ' +
    'there these they this those though through thus under unless until upon very were what ' +
    'whatever when where whether which while whom whose will with within without would your yours'
  ).split(' '),
);

const WORD = /[\p{L}\p{N}_]+/gu;
const LETTER = /\p{L}/gu;

/**
 * The words of `text` that can tell a right answer: runs of letters, digits and `_` (so
 * `run-now` is `run` and `now`, `next_page_token` one word), compared without case or
 * Markdown marks, with at least `TELL_MIN_LETTERS` letters (numbers never), and not a stop word.
 */
export function tellingWords(text: string): string[] {
  const found = text.replace(/[*`]/g, '').toLowerCase().match(WORD) ?? [];
  return [
    ...new Set(
      found.filter((w) => (w.match(LETTER)?.length ?? 0) >= TELL_MIN_LETTERS && !STOP_WORDS.has(w)),
    ),
  ];
}

/**
 * A word as it echoes another: itself, its plural in `-s` or `-es`, its singular. `run` in a
 * right answer says no more than `runs` in every wrong one, so the two count as one word.
 */
function echoes(word: string): string[] {
  const out = [word, `${word}s`, `${word}es`];
  if (word.endsWith('s')) out.push(word.slice(0, -1));
  if (word.endsWith('es')) out.push(word.slice(0, -2));
  return out;
}

const echoedIn = (words: ReadonlySet<string>, word: string) =>
  echoes(word).some((w) => words.has(w));

/**
 * The words that only the right answers share with the question: in the prompt, in a right
 * answer, and in no wrong one (a word counting as its plural or singular too, `echoes`). A
 * guesser who knows nothing picks the choice that echoes the question. Empty when there is no
 * wrong answer to tell apart.
 */
export function tellWords(
  prompt: string,
  right: readonly string[],
  wrong: readonly string[],
): string[] {
  if (right.length === 0 || wrong.length === 0) return [];
  const asked = new Set(tellingWords(prompt));
  const elsewhere = new Set(wrong.flatMap(tellingWords));
  const told = new Set<string>();
  for (const w of right.flatMap(tellingWords)) {
    // One word once: `job` and `jobs` in the right answers are one tell.
    if (echoedIn(asked, w) && !echoedIn(elsewhere, w) && !echoedIn(told, w)) told.add(w);
  }
  return [...told];
}

/** The right answer is longest "by far" at this many times the longest wrong one … */
export const LENGTH_TELL_RATIO = 1.25;
/** … and this many characters more (`clusters` against `UI` is no tell). */
export const LENGTH_TELL_MIN_CHARS = 10;

/** Characters as a reader sees them: without Markdown's `*` and `` ` ``, spaces collapsed. */
const shownLength = (text: string) => [...collapseWhitespace(text.replace(/[*`]/g, ''))].length;

/**
 * When the longest choice is a right one, by far: at least `LENGTH_TELL_RATIO` times and
 * `LENGTH_TELL_MIN_CHARS` characters longer than every wrong one. The most specific, longest
 * choice is the one a guesser picks. Its length and the longest wrong one's, or undefined.
 */
export function lengthTell(
  right: readonly string[],
  wrong: readonly string[],
): { readonly right: number; readonly wrong: number } | undefined {
  if (right.length === 0 || wrong.length === 0) return undefined;
  const longestRight = Math.max(...right.map(shownLength));
  const longestWrong = Math.max(...wrong.map(shownLength));
  const byFar =
    longestRight >= LENGTH_TELL_RATIO * longestWrong &&
    longestRight - longestWrong >= LENGTH_TELL_MIN_CHARS;
  return byFar ? { right: longestRight, wrong: longestWrong } : undefined;
}

/** Fixed, so the advice does not change between runs (no advice depends on choice order). */
const SEED = 'lint';

/** Every piece of advice about one deck, in file order (notes included). */
export function adviseDeck(deck: Deck): Problem[] {
  const out: Problem[] = [];
  const at = (card: Card, severity: Problem['severity'], rule: string, message: string) =>
    out.push({ ...card.pos, severity, rule, message });

  if (deck.implicitId) {
    out.push({
      file: deck.file,
      line: 1,
      col: 1,
      severity: 'warning',
      rule: 'missing-deck-id',
      message: `the deck has no \`id\`: its progress is kept under the file name (\`${deck.id}\`), so renaming the file loses it ${
        CARD_ID_PATTERN.test(deck.id)
          ? `(add \`id: ${deck.id}\`)`
          : '(add an `id`; the file name is no valid id, so one moves the cards to new keys too: best before any review)'
      }`,
    });
  }

  const questions = quizQuestions(deck.cards, SEED, { distractors: false });
  const given = new Set<string>();
  for (const q of questions) {
    const shown = selfGiveaway(q);
    if (!shown) continue;
    given.add(q.card.key);
    at(q.card, 'warning', 'gives-itself-away', giveawayMessage(q, shown));
  }

  for (const card of deck.cards) {
    if (given.has(card.key)) continue;
    const tell = tellOf(card);
    if (tell) at(card, 'warning', 'tell-word', tell);
    const long = card.kind === 'choice' ? lengthOf(card) : undefined;
    if (long) at(card, 'warning', 'length-tell', long);
  }

  const quizzable = new Set(questions.map((q) => q.card.noteId));
  const noted = new Set<string>();
  for (const card of deck.cards) {
    if (!quizzable.has(card.noteId) || card.explain !== undefined || noted.has(card.noteId)) {
      continue;
    }
    noted.add(card.noteId);
    at(
      card,
      'note',
      'no-explain',
      'no `explain`: after a wrong answer, review and the mock test have nothing to say why',
    );
  }
  return out.sort((a, b) => a.line - b.line || a.col - b.col);
}

/**
 * Parse problems and advice together: errors and warnings in file order (files as loaded, each
 * by line and column), and the notes apart, in the same order.
 */
export function lintReport<D extends Pick<Deck, 'file'>>(
  load: { readonly decks: readonly D[]; readonly problems: readonly Problem[] },
  /** Each deck's advice (lint reads it through lint-cache.ts). */
  adviceOf: (deck: D) => readonly Problem[],
): { problems: Problem[]; notes: Problem[] } {
  const advice = load.decks.flatMap(adviceOf);
  const rank = new Map<string, number>();
  for (const f of [...load.problems.map((p) => p.file), ...load.decks.map((d) => d.file)]) {
    if (!rank.has(f)) rank.set(f, rank.size);
  }
  const all = [...load.problems, ...advice].sort(
    (a, b) => rank.get(a.file)! - rank.get(b.file)! || a.line - b.line || a.col - b.col,
  );
  return {
    problems: all.filter((p) => p.severity !== 'note'),
    notes: all.filter((p) => p.severity === 'note'),
  };
}

const quote = (s: string) => `\`${s.replace(/\s+/g, ' ').trim()}\``;

function giveawayMessage(q: QuizQuestion, shown: readonly string[]): string {
  const what = shown.map(quote).join(', ');
  const card = q.card;
  switch (card.kind) {
    case 'cloze': {
      const where = clozeHolder(card, shown);
      return `gap ${card.gap}'s answer ${what} also shows ${where}: asked for it, the card gives it away`;
    }
    case 'pair':
      return `the left side ${quote(card.left)} shows its own right side ${what}: it gives itself away`;
    default:
      return `the question shows its own right answer ${what}: reword it so it does not`;
  }
}

/** Which text of a cloze shows the asked gap's answer: another gap, or the text around it. */
function clozeHolder(card: ClozeCard, shown: readonly string[]): string {
  const holds = (text: string) => shownReveal([text], [shown], card.answers) !== undefined;
  const other = card.parts.find((p) => p.type === 'gap' && p.index !== card.gap && holds(p.text));
  if (other?.type === 'gap') return `in gap ${other.index} (${quote(other.text)})`;
  if (card.parts.some((p) => p.type === 'gap' && p.index === card.gap && p.hint && holds(p.hint)))
    return 'in its own hint';
  return 'in the text around it';
}

/** A choice card's right choices and its wrong ones, each in the card's order. */
function choiceSides(card: ChoiceCard): { right: string[]; wrong: string[] } {
  return {
    right: card.correct.map((i) => card.choices[i]!),
    wrong: card.choices.filter((_, i) => !card.correct.includes(i)),
  };
}

/** The tell-word warning for a choice or pair card, if only its right answer echoes the prompt. */
function tellOf(card: Card): string | undefined {
  if (card.kind === 'choice') {
    const { right, wrong } = choiceSides(card);
    const words = tellWords(card.prompt, right, wrong);
    if (words.length === 0) return undefined;
    const which = right.length === 1 ? 'the right choice shares' : 'the right choices share';
    return `only ${which} ${wordList(words)} with the question: a guess finds it; reword the question, or give a wrong choice the word too`;
  }
  if (card.kind === 'pair') {
    const wrong = card.rights.filter((r) => r !== card.right);
    const words = tellWords(`${card.prompt}\n${card.left}`, [card.right], wrong);
    if (words.length === 0) return undefined;
    return `only the right side ${quote(card.right)} shares ${wordList(words)} with ${quote(card.left)}: a guess finds it; reword the left side, or give another right side the word too`;
  }
  return undefined;
}

/** The length-tell warning for a choice card, if its longest choice is a right one by far. */
function lengthOf(card: ChoiceCard): string | undefined {
  const { right, wrong } = choiceSides(card);
  const long = lengthTell(right, wrong);
  if (!long) return undefined;
  const which = right.length === 1 ? 'the right choice' : 'a right choice';
  const times = (long.right / long.wrong).toFixed(1);
  return `${which} is the longest by far, ${long.right} characters against at most ${long.wrong} for a wrong one (${times}×): a guess finds it; shorten it, or make a wrong choice as long and as specific`;
}

const wordList = (words: readonly string[]) =>
  `the word${words.length === 1 ? '' : 's'} ${words.map((w) => `\`${w}\``).join(', ')}`;
