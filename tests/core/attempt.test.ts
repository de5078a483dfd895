import { describe, expect, it } from 'vitest';
import {
  type Attempt,
  type AttemptAction,
  attemptReducer,
  canSubmit,
  isRevealed,
  type Policy,
  type Question,
  ratingsOffered,
  startAttempt,
} from '../../src/core/attempt.js';

const one: Question = { kind: 'choice', count: 4, correct: [2] };
const two: Question = { kind: 'choice', count: 4, correct: [0, 3] };
const typed: Question = { kind: 'typed', accepted: ['next_page_token'] };
const self: Question = { kind: 'self' };

const review: Policy = { mode: 'review' };
const cram: Policy = { mode: 'cram' };
const resched: Policy = { mode: 'cram', reschedule: true };
const quiz: Policy = { mode: 'quiz' };

const run = (q: Question, p: Policy, actions: readonly AttemptAction[]): Attempt =>
  actions.reduce((a, act) => attemptReducer(a, act, q, p), startAttempt(q));

/** phase, rating or proposal, and whether the answer shows, after the actions. */
const brief = (a: Attempt, p: Policy) =>
  `${a.phase}${a.rating ? ` rated ${a.rating}` : a.proposed ? ` proposes ${a.proposed}` : ''}${
    isRevealed(a, p) ? ' shown' : ''
  }`;

describe('one card attempt, per mode', () => {
  const cases: [string, Question, Policy, AttemptAction[], string][] = [
    // Choice, one right answer: the pick is the answer.
    ['review: right pick', one, review, [{ type: 'pick', pos: 2 }], 'revealed proposes 3 shown'],
    ['review: wrong pick', one, review, [{ type: 'pick', pos: 0 }], 'revealed proposes 1 shown'],
    ['cram: right pick', one, cram, [{ type: 'pick', pos: 2 }], 'rated rated 3 shown'],
    ['cram: wrong pick', one, cram, [{ type: 'pick', pos: 1 }], 'rated rated 1 shown'],
    // A mock test: a pick is a choice, confirmed with Enter; another letter changes it.
    ['quiz: a pick alone is not the answer', one, quiz, [{ type: 'pick', pos: 1 }], 'picking'],
    [
      'quiz: picked, confirmed, silent',
      one,
      quiz,
      [{ type: 'pick', pos: 1 }, { type: 'submit' }],
      'rated rated 1',
    ],
    [
      'quiz: another letter changes the choice',
      one,
      quiz,
      [{ type: 'pick', pos: 1 }, { type: 'pick', pos: 2 }, { type: 'submit' }],
      'rated rated 3',
    ],
    [
      'quiz: the same letter again clears it',
      one,
      quiz,
      [{ type: 'pick', pos: 1 }, { type: 'pick', pos: 1 }, { type: 'submit' }],
      'picking',
    ],
    ['a pick past the last choice', one, review, [{ type: 'pick', pos: 4 }], 'picking'],
    // Several right answers: toggle, then submit.
    ['review: toggles', two, review, [{ type: 'pick', pos: 0 }], 'picking'],
    [
      'review: untoggle and submit',
      two,
      review,
      [
        { type: 'pick', pos: 0 },
        { type: 'pick', pos: 1 },
        { type: 'pick', pos: 1 },
        { type: 'pick', pos: 3 },
        { type: 'submit' },
      ],
      'revealed proposes 3 shown',
    ],
    ['submit with nothing picked', two, review, [{ type: 'submit' }], 'picking'],
    [
      'quiz: several, submitted',
      two,
      quiz,
      [{ type: 'pick', pos: 0 }, { type: 'submit' }],
      'rated rated 1',
    ],
    // Typed.
    [
      'review: a typo proposes Hard',
      typed,
      review,
      [{ type: 'answer', text: 'next_page_tokn' }],
      'revealed proposes 2 shown',
    ],
    [
      'cram: a typo counts as right (Hard)',
      typed,
      cram,
      [{ type: 'answer', text: 'next_page_tokn' }],
      'rated rated 2 shown',
    ],
    [
      'review: blank is wrong',
      typed,
      review,
      [{ type: 'answer', text: ' ' }],
      'revealed proposes 1 shown',
    ],
    ['quiz: blank is not taken', typed, quiz, [{ type: 'answer', text: ' ' }], 'typing'],
    ['quiz: right', typed, quiz, [{ type: 'answer', text: 'NEXT_PAGE_TOKEN' }], 'rated rated 3'],
    // Self-graded.
    [
      'review: reveal proposes Good',
      self,
      review,
      [{ type: 'reveal' }],
      'revealed proposes 3 shown',
    ],
    [
      'review: Space takes Good',
      self,
      review,
      [{ type: 'reveal' }, { type: 'accept' }],
      'rated rated 3 shown',
    ],
    [
      'cram: nothing proposed to accept',
      self,
      cram,
      [{ type: 'reveal' }, { type: 'accept' }],
      'revealed shown',
    ],
    [
      'review: rate 2',
      self,
      review,
      [{ type: 'reveal' }, { type: 'rate', rating: 2 }],
      'rated rated 2 shown',
    ],
    ['rate before reveal', self, review, [{ type: 'rate', rating: 3 }], 'shown'],
    [
      'cram: knew',
      self,
      cram,
      [{ type: 'reveal' }, { type: 'rate', rating: 3 }],
      'rated rated 3 shown',
    ],
    [
      'cram: no Hard without --reschedule',
      self,
      cram,
      [{ type: 'reveal' }, { type: 'rate', rating: 2 }],
      'revealed shown',
    ],
    [
      'cram --reschedule: Hard',
      self,
      resched,
      [{ type: 'reveal' }, { type: 'rate', rating: 2 }],
      'rated rated 2 shown',
    ],
    // Overriding a proposal.
    [
      'review: override with 4',
      one,
      review,
      [
        { type: 'pick', pos: 0 },
        { type: 'rate', rating: 4 },
      ],
      'rated rated 4 shown',
    ],
    [
      'review: accept',
      one,
      review,
      [{ type: 'pick', pos: 0 }, { type: 'accept' }],
      'rated rated 1 shown',
    ],
    [
      'rated is final',
      one,
      review,
      [{ type: 'pick', pos: 2 }, { type: 'accept' }, { type: 'rate', rating: 1 }],
      'rated rated 3 shown',
    ],
  ];
  it.each(cases)('%s', (_name, q, p, actions, want) => {
    expect(brief(run(q, p, actions), p)).toBe(want);
  });
});

describe('what an attempt offers', () => {
  it.each([
    ['review, checked', one, review, [{ type: 'pick', pos: 0 }], [1, 2, 3, 4]],
    ['review, self', self, review, [{ type: 'reveal' }], [1, 2, 3, 4]],
    ['cram, self', self, cram, [{ type: 'reveal' }], [1, 3]],
    ['cram --reschedule, self', self, resched, [{ type: 'reveal' }], [1, 2, 3, 4]],
    ['cram, checked (already rated)', one, cram, [{ type: 'pick', pos: 0 }], []],
    ['before an answer', one, review, [], []],
  ] as [string, Question, Policy, AttemptAction[], number[]][])(
    '%s',
    (_name, q, p, actions, want) => {
      expect(ratingsOffered(run(q, p, actions), q, p)).toEqual(want);
    },
  );

  it('typing keeps exactly what was typed, and its grade keeps it too', () => {
    const a = run(typed, review, [
      { type: 'edit', text: 'NEXT' },
      { type: 'answer', text: 'NEXT_page_tokn' },
    ]);
    expect(a.typed).toBe('NEXT_page_tokn');
    expect(a.grade?.typed).toBe('NEXT_page_tokn');
  });

  it('can submit only several-answer picks, once something is picked', () => {
    expect(canSubmit(run(two, review, [{ type: 'pick', pos: 1 }]), two, review)).toBe(true);
    expect(canSubmit(run(two, review, []), two, review)).toBe(false);
    expect(canSubmit(run(one, review, []), one, review)).toBe(false);
    expect(canSubmit(run(one, quiz, [{ type: 'pick', pos: 1 }]), one, quiz)).toBe(true);
    expect(canSubmit(run(one, quiz, []), one, quiz)).toBe(false);
  });

  it('starts from an earlier answer, to change it', () => {
    expect([...startAttempt(one, { picked: [2] }).picked]).toEqual([2]);
    expect(startAttempt(typed, { text: 'next' }).typed).toBe('next');
    expect(startAttempt(typed, null).typed).toBe('');
  });
});
