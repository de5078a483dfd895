import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { measureExpansion } from '../../src/text/yaml-expand.js';

const measure = (text: string, limit = 1_000_000) => measureExpansion(parseDocument(text), limit);

describe('measureExpansion', () => {
  it('counts each character of every scalar, keys included, and one per node', () => {
    // map 1, `a` 1+1, `bc` 1+2, `d` 1+1, list 1, `e` 1+1, `~` 1+0
    expect(measure('a: bc\nd: [e, ~]\n')).toEqual({ ok: true, size: 12 });
  });

  it('charges an alias what its anchored node holds, every time', () => {
    const once = measure('a: &x hello\n');
    const thrice = measure('a: &x hello\nb: *x\nc: *x\n');
    // Two more keys (1+1 each) and two aliases of `hello` (1+5 each).
    expect(once.ok && thrice.ok && thrice.size - once.size).toBe(2 * (2 + 6));
  });

  it('never counts more than the bytes of a document without aliases', () => {
    const shapes = [
      'name: X\ncards:\n  - q: a\n    a: b\n',
      'cards: [{q: a, a: b}, {q: c, a: d}]\n',
      '- \n-\n- []\n- {}\n- [[], [[]], {a: }]\n',
      'a: "\\u0041\\x41"\nb: |\n  x\n  y\nc: >\n  p\n  q\n',
      '%YAML 1.1\n---\na: 1.10\nb: yes\nc: 2026-01-01\n',
      `cards:\n${'  - {q: a, a: b}\n'.repeat(50)}`,
    ];
    for (const text of shapes) {
      const m = measure(text);
      expect(m.ok && m.size <= Buffer.byteLength(text)).toBe(true);
    }
  });

  it('stops at the alias that takes the size past the limit', () => {
    const text = `s: &s ${'x'.repeat(100)}\nl: [*s, *s, *s, *s]\n`;
    const m = measure(text, 350);
    expect(m).toEqual({
      ok: false,
      problem: 'too-large',
      offset: text.indexOf('*s, *s]'),
      anchor: 's',
    });
  });

  it('counts nodes, so aliases of empty lists nested nine deep stop too', () => {
    const levels = ['a: &a [[], [], [], [], [], [], [], [], []]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      levels.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(', ')}]`,
      );
    }
    expect(measure(levels.join('\n'))).toMatchObject({ ok: false, problem: 'too-large' });
  });

  it('finds an alias whose anchor is not defined before it', () => {
    const text = 'a: *later\nb: &later x\n';
    expect(measure(text)).toEqual({
      ok: false,
      problem: 'unknown-alias',
      offset: 3,
      anchor: 'later',
    });
  });

  it('finds an alias inside the node it names', () => {
    const text = 'a: &loop\n  b: [1, *loop]\n';
    expect(measure(text)).toEqual({
      ok: false,
      problem: 'circular-alias',
      offset: text.indexOf('*loop'),
      anchor: 'loop',
    });
  });

  it('follows a redefined anchor to its latest definition', () => {
    expect(measure('a: &x [1, &x [2], *x]\n')).toMatchObject({ ok: true });
  });
});
