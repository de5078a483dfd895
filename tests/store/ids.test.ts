import { describe, expect, it } from 'vitest';
import { newEntryId } from '../../src/store/ids.js';

describe('newEntryId', () => {
  it('sorts as strings in time order', () => {
    const times = [0, 1, 999, 1_700_000_000_000, 1_700_000_000_001, 4_102_444_800_000];
    const ids = times.map((t) => newEntryId(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('is unique within one millisecond', () => {
    const now = Date.parse('2025-03-01T10:00:00.000Z');
    const ids = new Set(Array.from({ length: 10_000 }, () => newEntryId(now)));
    expect(ids.size).toBe(10_000);
  });

  it('keeps a fixed width and needs no escaping in JSON', () => {
    const id = newEntryId(Date.parse('2025-03-01T10:00:00.000Z'));
    expect(id).toMatch(/^[0-9a-z]{9}-[0-9a-f]{12}$/);
  });
});
