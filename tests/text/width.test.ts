import { describe, expect, it } from 'vitest';
import {
  displayWidth,
  padEnd,
  padStart,
  truncate,
  wrapPath,
  wrappedRows,
  wrapText,
} from '../../src/text/width.js';

describe('displayWidth', () => {
  it.each([
    ['hello', 5],
    ['日本語', 6],
    ['한국어', 6],
    ['👍🏽 ok', 5],
    ['e\u0301te\u0301', 3],
    ['', 0],
  ])('%j takes %i columns', (text, columns) => {
    expect(displayWidth(text)).toBe(columns);
  });
});

describe('truncate', () => {
  it('cuts to the width, ending in …, and leaves text that fits alone', () => {
    expect(truncate('hello world', 8)).toBe('hello w…');
    expect(truncate('hello', 5)).toBe('hello');
    expect(truncate('hello', 1)).toBe('…');
    expect(truncate('hello', 0)).toBe('');
    expect(truncate('hello', -3)).toBe('');
  });

  it('never cuts a wide character in half', () => {
    for (let w = 1; w <= 12; w++) {
      const cut = truncate('日本語のテキスト', w);
      expect(displayWidth(cut)).toBeLessThanOrEqual(w);
      expect(displayWidth(cut)).toBeGreaterThanOrEqual(w - 1);
      expect(cut.endsWith('…')).toBe(true);
    }
  });
});

describe('padEnd and padStart', () => {
  it('fill exactly the width, counting wide characters as two', () => {
    expect(padEnd('日本', 6)).toBe('日本  ');
    expect(padStart('日本', 6)).toBe('  日本');
    expect(padEnd('abc', 3)).toBe('abc');
    expect(displayWidth(padEnd('日本語のテキスト', 7))).toBe(7);
    expect(displayWidth(padStart('日本語のテキスト', 7))).toBe(7);
  });
});

describe('wrappedRows', () => {
  it('counts the rows text wraps to at spaces, a long word cut across rows', () => {
    expect(wrappedRows('hello', 10)).toBe(1);
    expect(wrappedRows('hello world', 11)).toBe(1);
    expect(wrappedRows('hello world', 10)).toBe(2);
    expect(wrappedRows('a b c d e f', 3)).toBe(3);
    expect(wrappedRows('abcdefghij', 4)).toBe(3);
    expect(wrappedRows('one\ntwo', 80)).toBe(2);
    expect(wrappedRows('日本語 日本語', 6)).toBe(2);
    expect(wrappedRows('', 10)).toBe(1);
  });
});

describe('wrapText', () => {
  it('breaks at spaces, cuts a word longer than the line, never splits a wide character', () => {
    expect(wrapText('review the selected deck', 12)).toEqual(['review the', 'selected', 'deck']);
    expect(wrapText('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(wrapText('日本語テキスト', 5)).toEqual(['日本', '語テ', 'キス', 'ト']);
    expect(wrapText('short', 80)).toEqual(['short']);
  });
});

describe('wrapPath', () => {
  it('breaks after a `/`, keeps `:line` whole, and cuts a part wider than the line', () => {
    expect(wrapPath('/a/deck-folder/geo.yaml:16', 12)).toEqual([
      '/a/',
      'deck-folder/',
      'geo.yaml:16',
    ]);
    expect(wrapPath('/x/abcdefghijkl.yaml:3', 8)).toEqual(['/x/', 'abcdefgh', 'ijkl.yam', 'l:3']);
    expect(wrapPath('deck.yaml:3', 40)).toEqual(['deck.yaml:3']);
  });
});
