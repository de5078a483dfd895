import { describe, expect, it } from 'vitest';
import {
  listWindow,
  moreLine,
  moved,
  pageOf,
  scrollWindow,
  windowRows,
} from '../../src/ui/list-window.js';

describe('the window over a long list', () => {
  it('shows a list that fits whole, with nothing counted', () => {
    expect(listWindow(5, 10, 4)).toEqual({ start: 0, end: 5, above: 0, below: 0 });
    expect(listWindow(10, 10, 9)).toEqual({ start: 0, end: 10, above: 0, below: 0 });
    expect(listWindow(0, 10, 0)).toEqual({ start: 0, end: 0, above: 0, below: 0 });
  });

  it('never takes more rows than it is given, counts lines included', () => {
    for (const total of [11, 12, 50, 5000]) {
      for (const height of [3, 4, 10, 23]) {
        let start = 0;
        const sels = [0, 1, height - 2, height, Math.floor(total / 2), total - 2, total - 1];
        for (const sel of sels.filter((s) => s < total)) {
          const w = listWindow(total, height, sel, start);
          expect(windowRows(w), `${total} in ${height}, at ${sel}`).toBeLessThanOrEqual(height);
          expect(w.start).toBeLessThanOrEqual(sel);
          expect(w.end).toBeGreaterThan(sel);
          expect(w.above).toBe(w.start);
          expect(w.below).toBe(total - w.end);
          start = w.start;
        }
      }
    }
  });

  it('stays put while the selection moves inside it, and scrolls one row at its edges', () => {
    const first = listWindow(5000, 10, 0);
    expect(first).toEqual({ start: 0, end: 9, above: 0, below: 4991 });
    expect(listWindow(5000, 10, 8, first.start)).toEqual(first);
    // One past the bottom: the window moves down; the selection is its last item.
    const next = listWindow(5000, 10, 9, first.start);
    expect(next).toEqual({ start: 2, end: 10, above: 2, below: 4990 });
    expect(listWindow(5000, 10, 10, next.start)).toEqual({
      start: 3,
      end: 11,
      above: 3,
      below: 4989,
    });
    // Back up inside it: no move; above its top: the selection becomes its first item.
    expect(listWindow(5000, 10, 5, next.start)).toEqual(next);
    expect(listWindow(5000, 10, 1, next.start)).toEqual({
      start: 1,
      end: 9,
      above: 1,
      below: 4991,
    });
  });

  it('ends on the last item with nothing counted below', () => {
    expect(listWindow(5000, 10, 4999, 0)).toEqual({
      start: 4991,
      end: 5000,
      above: 4991,
      below: 0,
    });
    // A window left past the end (the list got shorter) comes back.
    expect(scrollWindow(20, 10, 500)).toEqual({ start: 11, end: 20, above: 11, below: 0 });
  });

  it('keeps a line of items between the counts however short the room', () => {
    expect(listWindow(100, 1, 50)).toEqual({ start: 50, end: 51, above: 50, below: 49 });
  });

  it('pages by what one window shows and stops at the ends', () => {
    const w = listWindow(5000, 10, 0);
    expect(pageOf(w)).toBe(9);
    expect(moved(0, pageOf(w), 5000)).toBe(9);
    expect(moved(3, -pageOf(w), 5000)).toBe(0);
    expect(moved(3, Number.POSITIVE_INFINITY, 5000)).toBe(4999);
    expect(moved(3, Number.NEGATIVE_INFINITY, 5000)).toBe(0);
    expect(moved(0, 1, 0)).toBe(0);
  });

  it('counts what is hidden with thousands separated', () => {
    expect(moreLine('above', 12)).toBe('↑ 12 more');
    expect(moreLine('below', 4980)).toBe('↓ 4,980 more');
  });
});
