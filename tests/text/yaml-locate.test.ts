import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { YamlLocator } from '../../src/text/yaml-locate.js';

function locator(text: string): YamlLocator {
  const lc = new LineCounter();
  return new YamlLocator(parseDocument(text, { lineCounter: lc, prettyErrors: false }), lc);
}

const deck = [
  'name: Spanish', //     line 1
  'base: &b', //          line 2
  '  q: hola', //         line 3
  'cards:', //            line 4
  '  - q: uno', //        line 5
  '    a:', //            line 6
  '  - *b', //            line 7
  '',
].join('\n');

describe('YamlLocator', () => {
  it.each([
    [['name'], {}, { line: 1, col: 7 }],
    [['name'], { key: true }, { line: 1, col: 1 }],
    [['cards', 0, 'q'], {}, { line: 5, col: 8 }],
    // An empty value (`a:`) points at its key, a missing one at the nearest parent there is.
    [['cards', 0, 'a'], {}, { line: 6, col: 5 }],
    [['cards', 0, 'hint'], {}, { line: 5, col: 5 }],
    [['cards', 5], {}, { line: 5, col: 3 }],
    // Through an alias to the anchored node.
    [['cards', 1, 'q'], {}, { line: 3, col: 6 }],
    [[], {}, { line: 1, col: 1 }],
  ])('%j %j → %j', (path, opts, expected) => {
    expect(locator(deck).pos(path, opts)).toEqual(expected);
  });

  it('finds value nodes only where the whole path exists', () => {
    const l = locator(deck);
    expect(l.posOf(l.valueNode(['cards', 0, 'q']))).toEqual({ line: 5, col: 8 });
    expect(l.valueNode(['cards', 0, 'hint'])).toBeUndefined();
  });

  it('puts an unclosed quote at its opening, not at the end of the file', () => {
    const l = locator('name: x\ncards:\n  - q: "open\n    a: b\n');
    const error = l.doc.errors[0]!;
    expect(error.code).toBe('MISSING_CHAR');
    expect(l.syntaxErrorPos(error.code, error.pos[0])).toEqual({ line: 3, col: 8 });
  });

  it('finds the first alias', () => {
    expect(locator(deck).firstAliasPos()).toEqual({ line: 7, col: 5 });
    expect(locator('a: 1\n').firstAliasPos()).toEqual({ line: 1, col: 1 });
  });
});
