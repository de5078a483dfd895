import { describe, expect, it } from 'vitest';
import { sanitize, sanitizeDeep, toJson, visible } from '../../src/text/sanitize.js';

describe('sanitize', () => {
  it('leaves plain text, newlines and non-Latin scripts alone', () => {
    expect(sanitize('Plain — text\nsecond line: 日本語 ✓')).toBe(
      'Plain — text\nsecond line: 日本語 ✓',
    );
  });

  it('strips a CSI sequence such as clear-screen', () => {
    expect(sanitize('before\x1b[2Jafter\x1b[1;31mred\x1b[0m')).toBe('beforeafterred');
  });

  it('strips OSC 8 hyperlinks and window titles, terminated by BEL or ST', () => {
    expect(sanitize('\x1b]8;;https://evil.example\x07click\x1b]8;;\x07')).toBe('click');
    expect(sanitize('\x1b]0;pwned\x1b\\title')).toBe('title');
  });

  it('strips a lone ESC and short escapes, leaving harmless text', () => {
    expect(sanitize('a\x1bcb')).toBe('ab');
    expect(sanitize('a\x1b')).toBe('a');
    expect(sanitize('\x1b]8;;unterminated')).toBe('8;;unterminated');
  });

  it('strips C0 controls but newline, DEL and C1 controls', () => {
    expect(sanitize('a\x00b\x07c\rd\x7fe\x85f\x9b2Jg\x9dh')).toBe('abcdef2Jgh');
  });

  it('turns a tab into two spaces', () => {
    expect(sanitize('a\tb')).toBe('a  b');
  });

  it('strips bidi overrides and isolates', () => {
    expect(sanitize('abc\u202Eevil\u202C \u2066x\u2069')).toBe('abcevil x');
  });

  it('removes invisible format characters, so two strings cannot differ invisibly', () => {
    expect(sanitize('Par\u200bis')).toBe('Paris');
    expect(sanitize('\ufeffParis\u2060')).toBe('Paris');
    expect(sanitize('\u200fabc\u061c\u200e')).toBe('abc');
    expect(sanitize('a\u200db\u200c')).toBe('ab');
  });

  it('keeps joiners between non-ASCII characters, where they change what is drawn', () => {
    expect(sanitize('👨\u200d👩\u200d👧')).toBe('👨\u200d👩\u200d👧');
    expect(sanitize('می\u200cخواهم')).toBe('می\u200cخواهم');
  });

  it('shows a line or paragraph separator as the line break it means', () => {
    expect(sanitize('one\u2028two\u2029three')).toBe('one\ntwo\nthree');
  });

  it('spells out controls and format characters in a name, on one line', () => {
    expect(visible('clip\x1b]52;c;aGk=\x07\x9b.yaml')).toBe('clip\\x1b]52;c;aGk=\\x07\\x9b.yaml');
    expect(visible('a\nb\tc\u200bd\u2028')).toBe('a\\nb\\tc\\u200bd\\u2028');
    expect(visible('日本語 ✓ 👨\u200d👩')).toBe('日本語 ✓ 👨\u200d👩');
  });

  it('writes JSON whose raw text has no C1 control or format character, same value', () => {
    const value = { name: 'a\x1b\x9b\u200b\u2028b' };
    const text = toJson(value);
    expect(text).not.toMatch(/[\x1b\x80-\x9f\u200b\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });

  it('cleans every string of a parsed value, keys included', () => {
    expect(sanitizeDeep({ 'k\x1b[1m': ['v\x07', 3, true, null] })).toEqual({
      k: ['v', 3, true, null],
    });
  });
});
