import { describe, expect, it } from 'vitest';
import type { CardProgress, LogEntry } from '../../src/store/model.js';
import { applyEntry, srsOf } from '../../src/store/replay.js';
import { cram, flag, review, state, undo } from './entries.js';

function replay(entries: readonly LogEntry[]): Map<string, CardProgress> {
  const map = new Map<string, CardProgress>();
  for (const e of entries) applyEntry(map, e);
  return map;
}

describe('srsOf', () => {
  it('copies exactly the card state out of a review entry', () => {
    const next = state(2);
    expect(srsOf(review('d/a', next, state(1), { via: 'cram' }))).toStrictEqual(next);
  });

  it('leaves optional dates absent rather than undefined', () => {
    const { lastReview: _l, firstReview: _f, ...bare } = state(1);
    const srs = srsOf(review('d/a', bare, null));
    expect(Object.keys(srs)).not.toContain('lastReview');
    expect(Object.keys(srs)).not.toContain('firstReview');
  });
});

describe('applyEntry', () => {
  it('sets a reviewed card to the state its review resulted in', () => {
    const map = replay([review('d/a', state(1), null), review('d/a', state(2), state(1))]);
    expect(map.get('d/a')).toStrictEqual({ srs: state(2) });
  });

  it('restores the previous state exactly on undo', () => {
    const second = review('d/a', state(2, '2025-03-02T10:00:00.000Z'), state(1));
    const map = replay([review('d/a', state(1), null), second, undo(second)]);
    expect(map.get('d/a')).toStrictEqual({ srs: state(1) });
  });

  it('makes a card new again when its first review is undone', () => {
    const first = review('d/a', state(1), null);
    const map = replay([first, undo(first)]);
    expect(map.get('d/a')).toStrictEqual({ srs: null });
  });

  it('flags a card, and its next review clears the flag', () => {
    const flagged = replay([
      review('d/a', state(1), null),
      flag('d/a', '2025-03-01T12:00:00.000Z'),
    ]);
    expect(flagged.get('d/a')?.flaggedAt).toBe('2025-03-01T12:00:00.000Z');

    const later = state(2, '2025-03-02T08:00:00.000Z');
    applyEntry(flagged, review('d/a', later, state(1)));
    expect(flagged.get('d/a')).toStrictEqual({ srs: later });
  });

  it('keeps a flag raised after the review that is replayed next (clocks, not log order)', () => {
    const map = replay([
      flag('d/a', '2025-03-05T12:00:00.000Z'),
      review('d/a', state(1, '2025-03-05T11:00:00.000Z'), null),
    ]);
    expect(map.get('d/a')?.flaggedAt).toBe('2025-03-05T12:00:00.000Z');
  });

  it('ignores a flag older than the card’s last review', () => {
    const map = replay([review('d/a', state(1, '2025-03-05T11:00:00.000Z'), null)]);
    applyEntry(map, flag('d/a', '2025-03-05T10:00:00.000Z'));
    expect(map.get('d/a')).toStrictEqual({ srs: state(1, '2025-03-05T11:00:00.000Z') });
  });

  it('flags a card that was never reviewed', () => {
    const map = replay([flag('d/new', '2025-03-01T12:00:00.000Z')]);
    expect(map.get('d/new')).toStrictEqual({ srs: null, flaggedAt: '2025-03-01T12:00:00.000Z' });
  });

  it('leaves the schedule alone for cram answers', () => {
    const map = replay([review('d/a', state(1), null), cram('d/a'), cram('d/b')]);
    expect(map.get('d/a')).toStrictEqual({ srs: state(1) });
    expect(map.has('d/b')).toBe(false);
  });
});
