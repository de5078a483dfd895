import { describe, expect, it } from 'vitest';
import { givesAwayNext } from '../../src/core/card-order.js';
import { basicQ, choiceQ, typedQ } from './quiz-cards.js';

/**
 * `givesAwayNext` judges a giveaway as the mock test does (answer-check's one check): these
 * cases hold both to it.
 */
describe('givesAwayNext', () => {
  it('takes an endpoint as given by its path alone, as the mock test does', () => {
    const rules = { optional: ['/api/2.2/'], same: [], exactCase: false };
    const a = basicQ('a', 'How do you start a run?', 'call jobs/run-now with the job id');
    const b = typedQ('b', 'Which endpoint triggers a job?', ['POST /api/2.2/jobs/run-now'], {
      answers: rules,
    });
    expect(givesAwayNext()(a, b)).toBe(true);
  });

  it('takes a path its optional parts leave one word as shown where a path stands, not by a verb', () => {
    const rules = { optional: ['/api/2.2/', 'jobs/'], same: [], exactCase: false };
    const b = typedQ('b', 'Which endpoint returns a job’s config?', ['GET /api/2.2/jobs/get'], {
      answers: rules,
    });
    const verb = basicQ('verb', 'Which endpoint lists all jobs?', 'GET /api/2.2/jobs/list');
    const word = basicQ('word', 'How do you get every run?', 'runs/list, with the job id');
    const path = basicQ('path', 'Which call reviews the notebooks?', 'jobs/get?job_id=123');
    const gives = givesAwayNext();
    expect(gives(verb, b)).toBe(false);
    expect(gives(word, b)).toBe(false);
    expect(gives(path, b)).toBe(true);
  });

  it('takes several right choices as given only when all of them show', () => {
    const b = choiceQ('b', 'Which are run states?', ['PENDING', 'RUNNING', 'PAUSED'], [0, 1]);
    const one = basicQ('one', 'A run starts as?', 'PENDING');
    const both = basicQ('both', 'What states does a run pass?', 'PENDING, then RUNNING');
    const gives = givesAwayNext();
    expect(gives(one, b)).toBe(false);
    expect(gives(both, b)).toBe(true);
  });

  it('reads the explanation and every accepted form', () => {
    const rules = { optional: [], same: [['failed tasks', 'the failed ones']], exactCase: false };
    const a = basicQ('a', 'What does repair do?', 'reruns some', {
      explain: 'It reruns the failed ones only.',
    });
    const b = typedQ('b', 'What does repair rerun?', ['failed tasks'], { answers: rules });
    const gives = givesAwayNext();
    expect(gives(a, b)).toBe(true);
    expect(gives(b, a)).toBe(false);
    expect(gives(a, a)).toBe(false);
  });
});
