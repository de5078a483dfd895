import { describe, expect, it } from 'vitest';
import { instantIso, instantMs } from '../../src/store/instant.js';

describe('instantMs', () => {
  it('reads toISOString output exactly as Date.parse does, across years, leap days and DST', () => {
    let checked = 0;
    for (
      let t = Date.UTC(1999, 11, 31, 23, 59);
      t < Date.UTC(2030, 0, 1);
      t += 7_777_777_777 / 97
    ) {
      const iso = new Date(Math.floor(t)).toISOString();
      expect(instantMs(iso)).toBe(Date.parse(iso));
      checked++;
    }
    for (const iso of [
      '2024-02-29T23:59:59.999Z',
      '2000-02-29T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
    ]) {
      expect(instantMs(iso)).toBe(Date.parse(iso));
    }
    expect(checked).toBeGreaterThan(90);
  });

  it('leaves other forms and impossible dates to Date.parse', () => {
    expect(instantMs('2026-03-10T12:20:00+01:00')).toBe(Date.UTC(2026, 2, 10, 11, 20));
    expect(instantMs('2026-03-10T12:20:00Z')).toBe(Date.UTC(2026, 2, 10, 12, 20));
    for (const odd of [
      '2026-13-10T12:20:00.000Z',
      '2026-02-30T12:20:00.000Z',
      '2025-02-29T12:20:00.000Z',
      '2026-03-10T24:00:00.000Z',
      '2026-03-10T12:60:00.000Z',
      '2026-03-10 12:20:00.000Z',
      '+02026-03-10T12:20:00Z',
      'not a date at all, no....',
    ]) {
      expect(instantMs(odd), odd).toEqual(Date.parse(odd));
    }
  });
});

describe('instantIso', () => {
  it('writes exactly what toISOString does, from year 0 to 9999 and at the edges', () => {
    const samples = [
      0,
      -1,
      951_782_400_000, // 2000-02-29
      Date.UTC(2024, 1, 29, 23, 59, 59, 999),
      Date.UTC(1900, 1, 28, 12),
      -62_167_219_200_000, // 0000-01-01
      253_402_300_799_999, // 9999-12-31T23:59:59.999
      253_402_300_800_000, // 10000: Date's +010000 form
      -62_167_219_200_001, // -000001
    ];
    for (let t = -62e12; t < 253e12; t += 9_876_543_211_117) samples.push(t);
    for (const ms of samples) expect(instantIso(ms), String(ms)).toBe(new Date(ms).toISOString());
    expect(() => instantIso(Number.NaN)).toThrow(RangeError);
  });
});
