import { describe, expect, it } from 'vitest';
import type { CardProgress } from '../../src/core/model.js';
import type { LogEntry } from '../../src/store/model.js';
import { applyEntry } from '../../src/store/replay.js';
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

  it('flags a card that was never reviewed', () => {
    const map = replay([flag('d/new', '2025-03-01T12:00:00.000Z')]);
    expect(map.get('d/new')).toStrictEqual(
      known({ srs: null, flaggedAt: '2025-03-01T12:00:00.000Z' }),
    );
  });

  it('leaves the schedule alone for cram answers', () => {
    const map = replay([review('d/a', state(1), null), cram('d/a'), cram('d/b')]);
    expect(map.get('d/a')).toStrictEqual(known({ srs: state(1) }));
    expect(map.has('d/b')).toBe(false);
  });
});
