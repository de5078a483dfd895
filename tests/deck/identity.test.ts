import { describe, expect, it } from 'vitest';
import { canonicalJson, cardKey, contentHash, uniqueSlugs } from '../../src/deck/identity.js';
import { parseDeck } from '../../src/deck/parse.js';
import { slug } from '../../src/text/slug.js';

const keysOf = (yaml: string) =>
  parseDeck(`name: T\ncards:\n${yaml}`, 'ids.yaml').deck?.cards.map((c) => c.key) ?? [];

describe('slug', () => {
  it('lowercases, turns runs of other characters into one dash and trims dashes', () => {
    expect(slug("Show the job's configured tasks!")).toBe('show-the-job-s-configured-tasks');
    expect(slug('  GET /api/2.2/jobs/get  ')).toBe('get-api-2-2-jobs-get');
  });

  it('folds accents and caps the length at 48 without a trailing dash', () => {
    expect(slug('Café Crème')).toBe('cafe-creme');
    const long = slug('word '.repeat(30));
    expect(long.length).toBeLessThanOrEqual(48);
    expect(long.endsWith('-')).toBe(false);
  });

  it('suffixes repeats with -2, -3 in order, and names a slug-less text by its position', () => {
    expect(uniqueSlugs(['Create', 'create!', 'CREATE', '???'])).toEqual([
      'create',
      'create-2',
      'create-3',
      'item-4',
    ]);
  });
});

describe('content hash', () => {
  it('ignores key order and whitespace differences', () => {
    expect(canonicalJson({ b: ' x\n  y ', a: [1] })).toBe('{"a":[1],"b":"x y"}');
    expect(contentHash({ q: 'a  b', a: 'c' })).toBe(contentHash({ a: 'c', q: 'a b' }));
  });

  // The hashes are progress keys: a change here moves every implicit-id card's progress.
  it.each([
    [{ q: 'What is  the endpoint?\n', a: 'POST /api/2.2/jobs/create' }, 'h-d1e09ca0ca'],
    [{ cloze: 'Runs {{list}} with\t{{c2::GET}}  ' }, 'h-861e3cfb5a'],
    [{ q: 'Pick one', choices: ['a', ' b ', 'c\u00a0d'], answer: 1 }, 'h-b0819e9bc0'],
    [{ q: 'Type it', typed: ['x', 'y  z'] }, 'h-5cac536f84'],
    [
      {
        q: 'Match',
        pairs: [
          ['left', 'right'],
          ['l\u2003two', 'r'],
        ],
      },
      'h-097e02f7ad',
    ],
    [{ b: 1, a: null, c: undefined, d: true, é: 'x', Z: [] }, 'h-957da9dc21'],
  ])('hashes %j as every version has', (content, hash) => {
    expect(contentHash(content)).toBe(hash);
  });

  it('is h- and 10 hex digits', () => {
    expect(contentHash({ q: 'x' })).toMatch(/^h-[0-9a-f]{10}$/);
  });

  it('builds keys as deck/note and deck/note:sub', () => {
    expect(cardKey('d', 'n')).toBe('d/n');
    expect(cardKey('d', 'n', 'c1')).toBe('d/n:c1');
  });
});

describe('identity stability', () => {
  it('keeps the key of a card with an explicit id when its answer is edited', () => {
    expect(keysOf('  - id: keep\n    q: Q\n    a: old\n')).toEqual(['ids/keep']);
    expect(keysOf('  - id: keep\n    q: Q edited\n    a: new\n')).toEqual(['ids/keep']);
  });

  it('changes the key of a card without id when its answer is edited', () => {
    const [before] = keysOf('  - q: Q\n    a: old\n');
    const [after] = keysOf('  - q: Q\n    a: new\n');
    expect(before).toMatch(/^ids\/h-[0-9a-f]{10}$/);
    expect(after).not.toBe(before);
  });

  it('keeps an implicit key through tags, explain, re-wrapping and quoting changes', () => {
    const [plain] = keysOf('  - q: What is   a job?\n    a: A definition\n');
    const [dressed] = keysOf(
      '  - q: >-\n      What is a\n      job?\n    a: "A definition"\n    tags: [x]\n    explain: why\n',
    );
    expect(dressed).toBe(plain);
  });

  it('keeps the forward key when a card becomes reversible', () => {
    const [forward] = keysOf('  - q: Q\n    a: A\n');
    expect(keysOf('  - q: Q\n    a: A\n    reverse: true\n')).toEqual([
      forward,
      `${forward}:reverse`,
    ]);
  });

  it('hashes a pair written as a mapping the same as one written as a list', () => {
    expect(keysOf('  - pairs:\n      - [L, R]\n')).toEqual(keysOf('  - pairs:\n      - L: R\n'));
  });

  it('keeps cloze keys numbered by gap', () => {
    expect(keysOf('  - id: c\n    cloze: "{{a}} and {{b::hint}}"\n')).toEqual([
      'ids/c:c1',
      'ids/c:c2',
    ]);
  });

  it('reports two identical cards without ids as one duplicate, keeping the first', () => {
    const result = parseDeck(
      'name: T\ncards:\n  - q: Q\n    a: A\n  - q: Q\n    a: A\n',
      'ids.yaml',
    );
    expect(result.deck?.cards).toHaveLength(1);
    expect(result.problems.find((p) => p.severity === 'error')).toMatchObject({
      line: 5,
      col: 5,
      rule: 'duplicate-card',
      message: 'same card as the one at line 3',
    });
  });
});
