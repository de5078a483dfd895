import { describe, expect, it } from 'vitest';
import { type AnswerRules, answerKey, checkTyped } from '../../src/core/answer-check.js';

const rules = (r: Partial<AnswerRules>): AnswerRules => ({
  optional: [],
  same: [],
  exactCase: false,
  ...r,
});

describe('answer rules', () => {
  const api = rules({ optional: ['/api/2.1/', '/api/2.2/', 'the'] });

  it.each([
    ['POST /api/2.1/jobs/create', 'POST jobs/create'],
    ['GET /api/2.2/jobs/get?job_id=123', 'GET jobs/get?job_id=123'],
    ['The CLI', 'cli'],
    ['bathe', 'bathe'], // a word inside another word is not the optional word
    ['the_cli', 'the_cli'],
    ['the', 'the'], // nothing would be left: the answer stays whole
  ])('compares %j as %j under optional parts', (input, key) => {
    expect(answerKey(input, api)).toBe(answerKey(key));
  });

  it('accepts an answer with or without its optional parts, on either side', () => {
    expect(checkTyped('POST jobs/create', ['POST /api/2.2/jobs/create'], api).correct).toBe(true);
    expect(checkTyped('POST /api/2.1/jobs/create', ['POST jobs/create'], api).correct).toBe(true);
    expect(checkTyped('the recipe', ['recipe'], api).correct).toBe(true);
  });

  it('accepts the members of a `same` group, and shows the card’s own answer', () => {
    const r = rules({ same: [['failed task', 'failed tasks']] });
    expect(checkTyped('Failed tasks', ['failed task'], r)).toEqual({
      correct: true,
      close: false,
      best: 'failed task',
    });
    expect(checkTyped('failed', ['failed task'], r).correct).toBe(false);
  });

  it('ignores case unless the rules make it exact', () => {
    expect(checkTyped('paris', ['Paris'], rules({})).correct).toBe(true);
    const exact = rules({ exactCase: true });
    expect(checkTyped('paris', ['Paris'], exact).correct).toBe(false);
    expect(checkTyped('Paris', ['Paris'], exact).correct).toBe(true);
    expect(checkTyped('paris', ['Paris'], exact).close).toBe(true);
  });

  it('never takes an empty answer, whatever is optional', () => {
    expect(checkTyped('the', ['the recipe'], api).correct).toBe(false);
    expect(checkTyped('', ['the'], api).correct).toBe(false);
  });

  it('keeps different endpoints apart', () => {
    expect(checkTyped('GET /api/2.2/jobs/list', ['GET /api/2.2/jobs/get'], api)).toMatchObject({
      correct: false,
      close: false,
    });
  });
});
