import { S_MIN as FSRS_S_MIN } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import type { CardProgress } from '../../src/core/model.js';
import type { LogEntry, StoredSrsState } from '../../src/store/model.js';
import { applyEntry } from '../../src/store/replay.js';
import { entryProblem, S_MIN } from '../../src/store/validate.js';
import { cram, flag, known, review, state, undo } from './entries.js';

function replay(entries: readonly LogEntry[]): Map<string, CardProgress> {
  const map = new Map<string, CardProgress>();
  for (const e of entries) applyEntry(map, e);
  return map;
}

describe('applyEntry', () => {
  it('sets a reviewed card to the state its review resulted in', () => {
    const map = replay([review('d/a', state(1), null), review('d/a', state(2), state(1))]);
    expect(map.get('d/a')).toStrictEqual(known({ srs: state(2) }));
  });

  it('restores the previous state exactly on undo', () => {
    const second = review('d/a', state(2, '2025-03-02T10:00:00.000Z'), state(1));
    const map = replay([review('d/a', state(1), null), second, undo(second)]);
    expect(map.get('d/a')).toStrictEqual(known({ srs: state(1) }));
  });

  it('makes a card new again when its first review is undone', () => {
    const first = review('d/a', state(1), null);
    const map = replay([first, undo(first)]);
    expect(map.get('d/a')).toStrictEqual(known({ srs: null }));
  });

  it('flags a card, and its next review clears the flag', () => {
    const flagged = replay([
      review('d/a', state(1), null),
      flag('d/a', '2025-03-01T12:00:00.000Z'),
    ]);
    expect(flagged.get('d/a')?.flaggedAt).toBe(Date.parse('2025-03-01T12:00:00.000Z'));

    const later = state(2, '2025-03-02T08:00:00.000Z');
    applyEntry(flagged, review('d/a', later, state(1)));
    expect(flagged.get('d/a')).toStrictEqual(known({ srs: later }));
  });

  it('keeps a flag raised after the review that is replayed next (clocks, not log order)', () => {
    const map = replay([
      flag('d/a', '2025-03-05T12:00:00.000Z'),
      review('d/a', state(1, '2025-03-05T11:00:00.000Z'), null),
    ]);
    expect(map.get('d/a')?.flaggedAt).toBe(Date.parse('2025-03-05T12:00:00.000Z'));
  });

  it('ignores a flag older than the card’s last review', () => {
    const map = replay([review('d/a', state(1, '2025-03-05T11:00:00.000Z'), null)]);
    applyEntry(map, flag('d/a', '2025-03-05T10:00:00.000Z'));
    expect(map.get('d/a')).toStrictEqual(known({ srs: state(1, '2025-03-05T11:00:00.000Z') }));
  });

  it('flags a card that was never reviewed, keeping the reason to show on it', () => {
    const map = replay([flag('d/new', '2025-03-01T12:00:00.000Z', 'quiz')]);
    expect(map.get('d/new')).toStrictEqual(
      known({ srs: null, flaggedAt: '2025-03-01T12:00:00.000Z', flagReason: 'quiz' }),
    );
  });

  it('drops the reason with the flag when the card is next rated', () => {
    const map = replay([
      flag('d/a', '2025-03-01T10:00:00.000Z', 'quiz'),
      review('d/a', state(1), null),
    ]);
    expect(map.get('d/a')).toStrictEqual(known({ srs: state(1) }));
  });

  it('leaves the schedule alone for cram answers', () => {
    const map = replay([review('d/a', state(1), null), cram('d/a'), cram('d/b')]);
    expect(map.get('d/a')).toStrictEqual(known({ srs: state(1) }));
    expect(map.has('d/b')).toBe(false);
  });
});

describe('what FSRS accepts', () => {
  const bad: [string, Partial<StoredSrsState>, RegExp][] = [
    ['stability 0', { stability: 0 }, /stability must be at least 0.001/],
    ['stability -5', { stability: -5 }, /stability must be at least/],
    ['difficulty 0', { difficulty: 0 }, /difficulty must be between 1 and 10/],
    ['difficulty 11', { difficulty: 11 }, /difficulty must be between 1 and 10/],
    ['reps 1e300', { reps: 1e300 }, /reps must be a whole number/],
    ['lapses -1', { lapses: -1 }, /lapses must be a whole number/],
    ['due not a date', { due: 'soon' }, /due must be a date/],
  ];
  it.each(bad)('rejects a log entry with %s, in its state and in prev', (_, change, why) => {
    const after = { ...review('d/a', state(2), state(1)), ...change };
    expect(entryProblem(after)).toMatch(why);
    expect(entryProblem(review('d/a', state(2), { ...state(1), ...change }))).toMatch(why);
  });

  it('accepts a new card with empty memory, and agrees with ts-fsrs on the least stability', () => {
    const empty = { ...state(0), state: 'New' as const, stability: 0, difficulty: 0 };
    expect(entryProblem(review('d/a', state(1), empty))).toBeUndefined();
    expect(S_MIN).toBe(FSRS_S_MIN);
  });
});
