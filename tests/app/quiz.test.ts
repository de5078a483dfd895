import { describe, expect, it } from 'vitest';
import { prepareQuiz } from '../../src/app/quiz.js';
import { formatClock, formatDuration } from '../../src/core/duration.js';
import { UserError } from '../../src/errors.js';
import { basicQ, choiceQ, typedQ } from '../core/quiz-cards.js';
import { collectionsClosedAfterEach, deck } from './collection.js';

const open = collectionsClosedAfterEach();

const mixed = [
  choiceQ('ch', 'Pick?', ['x', 'y', 'z'], [1], { tags: ['api'] }),
  typedQ('ty', 'Type?', ['answer'], { tags: ['cli'] }),
  basicQ('essay', 'Explain it', 'A long free-text answer that nothing else resembles at all'),
];

describe('planning a mock test', () => {
  it('asks only what can be checked, and the same seed gives the same test', async () => {
    const c = await open([deck('d', mixed)]);
    const plan = prepareQuiz(c, { seed: 's1', count: 20 });
    expect(plan.questions.map((q) => q.id).sort()).toEqual(['d/ch', 'd/ty']);
    expect(plan.seed).toBe('s1');
    expect(plan.selection).toEqual({ decks: ['d'], tags: [] });
    expect(prepareQuiz(c, { seed: 's1' }).questions).toEqual(plan.questions);
    expect(plan.notice).toBe('only 2 questions available (of 20 asked for)');
    expect(prepareQuiz(c, { seed: 's1', count: 2 }).notice).toBeUndefined();
  });

  it('picks a random seed when none is given, and says how to retake the test', async () => {
    const c = await open([deck('d', mixed)]);
    const plan = prepareQuiz(c, { paths: ['my decks/d.yaml'], tags: ['api'], minutes: 5 });
    expect(plan.seed).toMatch(/^[0-9a-f]{6}$/);
    expect(plan.retake).toBe(
      `recall quiz 'my decks/d.yaml' --tag api --count 20 --time 5 --seed ${plan.seed}`,
    );
    expect(plan.selection.tags).toEqual(['api']);
    expect(plan.questions.map((q) => q.id)).toEqual(['d/ch']);
  });

  it('refuses a selection with no card a test can ask, saying why', async () => {
    const c = await open([deck('d', [mixed[2]!])]);
    let error: unknown;
    try {
      prepareQuiz(c, {});
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(1);
    expect((error as UserError).message).toMatch(
      /none of the 1 selected cards can be asked without self-grading/,
    );
  });

  it('formats the countdown as mm:ss and durations to the second', () => {
    expect(formatClock(600_000)).toBe('10:00');
    expect(formatClock(59_001)).toBe('01:00');
    expect(formatClock(0)).toBe('00:00');
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(245_000)).toBe('4m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
  });
});
