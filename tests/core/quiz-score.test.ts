import { describe, expect, it } from 'vitest';
import { buildQuiz, type ChoiceQuestion, type QuizQuestion } from '../../src/core/quiz-build.js';
import {
  isRight,
  missedCards,
  type QuizAnswer,
  quizResult,
  scoreQuiz,
  UNTAGGED,
} from '../../src/core/quiz-score.js';
import { choiceQ, pairQs, typedQ } from './quiz-cards.js';

const pairs = pairQs(
  'ep',
  [
    ['create', 'POST /jobs/create'],
    ['list', 'GET /jobs/list'],
    ['delete', 'POST /jobs/delete'],
  ],
  { tags: ['api'], explain: 'Writes are POST.' },
);
const cards = [
  choiceQ('c', 'Which run?', ['one-time', 'repair', 'retry'], [0], { tags: ['runs', 'api'] }),
  choiceQ('m', 'Which are triggers?', ['cron', 'file arrival', 'email'], [0, 1], {
    tags: ['runs'],
  }),
  typedQ('t', 'Default timeout?', ['0', 'none'], { explain: '0 means no timeout.' }),
  pairs[0]!,
];
const qs = buildQuiz(cards, { seed: 'score', count: 10 });
const byId = (id: string) => qs.find((q) => q.id === id)!;

/** The right answer to a question, or a wrong one. */
function answer(q: QuizQuestion, right: boolean): QuizAnswer {
  if (q.kind === 'typed') return { kind: 'typed', text: right ? q.accepted[0]! : 'wrong' };
  const wrong = q.choices.findIndex((_, i) => !q.correct.includes(i));
  return { kind: 'choice', picked: right ? [...q.correct] : [wrong] };
}

describe('quiz scoring', () => {
  it('counts exactly-right choices and accepted typed answers, nothing else', () => {
    const m = byId('d/m') as ChoiceQuestion;
    expect(isRight(m, { kind: 'choice', picked: [...m.correct] })).toBe(true);
    expect(isRight(m, { kind: 'choice', picked: [m.correct[0]!] })).toBe(false);
    expect(isRight(m, { kind: 'choice', picked: [0, 1, 2] })).toBe(false);
    const t = byId('d/t');
    expect(isRight(t, { kind: 'typed', text: '  NONE ' })).toBe(true);
    expect(isRight(t, { kind: 'typed', text: '1' })).toBe(false);
    expect(isRight(t, null)).toBe(false);
    expect(isRight(t, { kind: 'choice', picked: [0] })).toBe(false);
  });

  it('scores, breaks down by tag, and lists missed questions with the right answer and explanation', () => {
    const answers: (QuizAnswer | null)[] = qs.map((q) =>
      answer(q, q.id === 'd/c' || q.id === 'd/m'),
    );
    answers[qs.indexOf(byId('d/t'))] = null;
    const s = scoreQuiz(qs, answers);
    expect(s.correct).toBe(2);
    expect(s.total).toBe(4);
    expect(s.percentage).toBe(50);
    expect(s.byTag).toEqual([
      { tag: UNTAGGED, correct: 0, total: 1 },
      { tag: 'api', correct: 1, total: 2 },
      { tag: 'runs', correct: 2, total: 2 },
    ]);
    const missed = new Map(s.missed.map((m) => [m.question.id, m]));
    expect(missed.get('d/t')).toMatchObject({
      given: null,
      answer: '0',
      explain: '0 means no timeout.',
    });
    expect(missed.get('d/ep:p0')).toMatchObject({
      answer: 'POST /jobs/create',
      explain: 'Writes are POST.',
    });
    expect(missed.get('d/ep:p0')?.given).not.toBe('POST /jobs/create');
  });

  it('records a result for the history and names the missed cards to send to review', () => {
    const answers = qs.map((q) => answer(q, q.id !== 'd/t'));
    const score = scoreQuiz(qs, answers);
    const result = quizResult({
      id: 'q1',
      startedAt: Date.parse('2026-03-30T20:00:00Z'),
      durationMs: 95_000.4,
      selection: { decks: ['d'], tags: [] },
      seed: 'score',
      questions: qs,
      score,
    });
    expect(result).toMatchObject({
      id: 'q1',
      at: Date.parse('2026-03-30T20:00:00Z'),
      seed: 'score',
      count: 4,
      correct: 3,
      durationMs: 95_000,
    });
    expect(result.questions).toEqual(qs.map((q) => ({ card: q.id, correct: q.id !== 'd/t' })));
    expect(missedCards(result)).toEqual(['d/t']);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('counts a typed answer off by a typo as right by default, as wrong with typos: wrong', () => {
    const cap = buildQuiz([typedQ('cap', 'Capital of France?', ['Paris'])], { seed: 's' });
    const typo: QuizAnswer[] = [{ kind: 'typed', text: 'Pairs' }];
    const lenient = scoreQuiz(cap, typo);
    expect(lenient.correct).toBe(1);
    expect(lenient.missed).toEqual([]);
    expect(lenient.typos).toMatchObject([{ given: 'Pairs', answer: 'Paris', typo: true }]);
    const strict = scoreQuiz(cap, typo, 'wrong');
    expect(strict.correct).toBe(0);
    expect(strict.missed).toMatchObject([{ given: 'Pairs', answer: 'Paris' }]);
    expect(strict.typos).toEqual([]);
    expect(isRight(cap[0]!, { kind: 'typed', text: 'Lyon' })).toBe(false);
  });

  it('scores an empty quiz as 0 of 0', () => {
    expect(scoreQuiz([], [])).toMatchObject({ correct: 0, total: 0, percentage: 0 });
  });
});
