import { describe, expect, it } from 'vitest';
import {
  invisibleIn,
  sanitize,
  sanitizeDeep,
  shownKey,
  toJson,
  visible,
  writeJsonList,
} from '../../src/text/sanitize.js';

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

  it('removes the other characters that never show: soft hyphen, fillers, shorthand, tags', () => {
    expect(sanitize('Ab\u00adcd')).toBe('Abcd');
    expect(sanitize('a\u034fb\u17b4c\u206ad\u2065e')).toBe('abcde');
    expect(sanitize('\u3164name\uffa0')).toBe('name');
    expect(sanitize('x\u{1d173}y\u{1bca0}z\u{e0001}')).toBe('xyz');
    // Tag characters spell hidden ASCII ("hi" here) anywhere but in a flag's tag sequence.
    expect(sanitize('ok\u{e0068}\u{e0069}\u{e007f}')).toBe('ok');
  });

  it('keeps variation selectors and tags where they change what is drawn, and drops them elsewhere', () => {
    const england = '\u{1f3f4}\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}';
    expect(sanitize(`flag ${england}`)).toBe(`flag ${england}`);
    expect(sanitize('\u2764\ufe0f and 1\ufe0f\u20e3')).toBe('\u2764\ufe0f and 1\ufe0f\u20e3');
    expect(sanitize('\u845b\u{e0100}')).toBe('\u845b\u{e0100}');
    expect(sanitize('a\ufe0fb\ufe0e \ufe0f')).toBe('ab ');
    expect(sanitize('\u180bx\u{e0100}')).toBe('x');
  });

  it('spells out what it removes in a name, and leaves what it keeps', () => {
    expect(visible('a\u00adb\u{e0041}c')).toBe('a\\xadb\\u{e0041}c');
    expect(visible('\u2764\ufe0f')).toBe('\u2764\ufe0f');
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

  it('writes a list in chunks exactly as toJson writes it whole', () => {
    const items = [
      { name: 'a\x1b\x9b\u200b\u2028b', tags: ['x', '\u{e0001}'], n: 1.5, none: null },
      undefined,
      'plain',
      ['nested', { deep: '\u{1f600}\ufeff' }],
      42,
      { skipped: undefined },
    ];
    const written = (list: Iterable<unknown>, per: number) => {
      let out = '';
      writeJsonList(
        list,
        (chunk) => {
          out += chunk;
        },
        per,
      );
      return out;
    };
    for (const per of [1, 2, 4, 100]) {
      expect(written(items, per)).toBe(toJson(items));
      expect(written(items.slice(0, per), per)).toBe(toJson(items.slice(0, per)));
    }
    expect(written([], 3)).toBe('[]');
    // A generator is read once, as it comes.
    const rows = (function* () {
      for (let i = 0; i < 10; i++) yield { i };
    })();
    expect(written(rows, 3)).toBe(toJson(Array.from({ length: 10 }, (_, i) => ({ i }))));
  });

  it('cleans every string of a parsed value, keys included', () => {
    expect(sanitizeDeep({ 'k\x1b[1m': ['v\x07', 3, true, null] })).toEqual({
      k: ['v', 3, true, null],
    });
  });

  it("keeps a __proto__ key as data, not as the copy's prototype", () => {
    const copy = sanitizeDeep(JSON.parse('{"__proto__": {"polluted": 1}, "a": "b"}')) as Record<
      string,
      unknown
    >;
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(['__proto__', 'a']);
    expect(copy.polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(copy, '__proto__')?.value).toEqual({ polluted: 1 });
  });

  it("keeps the last of two keys that clean to the same, at the first one's place", () => {
    expect(Object.entries(sanitizeDeep({ 'k\x07': 1, j: 2, k: 3 }) as object)).toEqual([
      ['k', 3],
      ['j', 2],
    ]);
  });
});

describe('shownKey', () => {
  it('is equal for texts a reader cannot tell apart', () => {
    expect(shownKey('caf\u00e9')).toBe(shownKey('cafe\u0301'));
    expect(shownKey('\u00e9\u200d\u00e9')).toBe(shownKey('\u00e9\u00e9'));
    expect(shownKey('New\u00a0York ')).toBe(shownKey('New  York'));
    expect(shownKey('a\u2764\ufe0f')).toBe(shownKey('a\u2764'));
  });

  it('keeps case and every character that shows', () => {
    expect(shownKey('Paris')).not.toBe(shownKey('paris'));
    expect(shownKey('1\u20e3')).not.toBe(shownKey('1'));
  });
});

describe('invisibleIn', () => {
  it('finds each character sanitize would remove or change, with its offset', () => {
    const text = 'a\u200bb\u200dc \u200f\u061c\ufeff\u2028\u00ad\x1b\r\n\tok\u{e0041}';
    const code = (n: number) => `U+${n.toString(16).toUpperCase().padStart(4, '0')}`;
    expect(invisibleIn(text).map(({ index, codePoint }) => `${index}:${code(codePoint)}`)).toEqual([
      '1:U+200B',
      '3:U+200D',
      '6:U+200F',
      '7:U+061C',
      '8:U+FEFF',
      '9:U+2028',
      '10:U+00AD',
      '11:U+001B',
      '17:U+E0041',
    ]);
  });

  it('leaves alone joiners and selectors that draw something, tabs and line ends', () => {
    expect(invisibleIn('👨\u200d👩 \u2764\ufe0f\t\r\nx')).toEqual([]);
  });
});
