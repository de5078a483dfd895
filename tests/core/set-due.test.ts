import { describe, expect, it } from 'vitest';
import { dayStart } from '../../src/core/day.js';
import type { SrsState } from '../../src/core/model.js';
import { dueDays, parseDueSpec, setDue } from '../../src/core/set-due.js';

describe('the set-due-date syntax (Anki’s)', () => {
  it.each([
    ['0', { min: 0, max: 0, setInterval: false }],
    ['3', { min: 3, max: 3, setInterval: false }],
    [' 3 ', { min: 3, max: 3, setInterval: false }],
    ['1-7', { min: 1, max: 7, setInterval: false }],
    ['7-1', { min: 1, max: 7, setInterval: false }],
    ['5!', { min: 5, max: 5, setInterval: true }],
    ['2-4!', { min: 2, max: 4, setInterval: true }],
    ['0!', { min: 0, max: 0, setInterval: true }],
  ])('reads %j', (text, spec) => {
    expect(parseDueSpec(text)).toStrictEqual(spec);
  });

  it.each(['', 'x', '-3', '3-', '1..7', '3!!', '!3', '1.5', '3 days', '40000'])(
    'refuses %j',
    (text) => {
      expect(parseDueSpec(text)).toHaveProperty('problem');
    },
  );

  it('draws each card’s day within the range, both ends included', () => {
    const spec = { min: 1, max: 3, setInterval: false };
    expect(dueDays(spec, () => 0)).toBe(1);
    expect(dueDays(spec, () => 0.999999)).toBe(3);
    expect(dueDays({ ...spec, min: 3 }, () => 0.5)).toBe(3);
  });
});

describe('setting a due date', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  const card: SrsState = {
    state: 'Review',
    due: now + 20 * 86_400_000,
    stability: 30,
    difficulty: 5,
    scheduledDays: 25,
    learningSteps: 0,
    reps: 6,
    lapses: 1,
    lastReview: now - 5 * 86_400_000,
    firstReview: now - 90 * 86_400_000,
  };

  it('moves the due date to the start of that study day and keeps the memory and interval', () => {
    expect(setDue(card, 3, false, now, 4)).toStrictEqual({
      ...card,
      due: dayStart(now, 4, 3),
    });
  });

  it('with ! sets the interval to the new one, at least a day', () => {
    expect(setDue(card, 3, true, now, 4).scheduledDays).toBe(3);
    expect(setDue(card, 0, true, now, 4).scheduledDays).toBe(1);
  });

  it('makes a card in its learning steps a review card with the new interval', () => {
    const learning = { ...card, state: 'Learning' as const, scheduledDays: 0, learningSteps: 1 };
    expect(setDue(learning, 4, false, now, 4)).toMatchObject({
      state: 'Review',
      learningSteps: 0,
      scheduledDays: 4,
      stability: 30,
    });
  });
});
