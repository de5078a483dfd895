import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AddedId, FIX_ID_MAX, fixIds } from '../../src/deck/fix.js';
import { CARD_ID_PATTERN } from '../../src/deck/identity.js';
import { parseDeck } from '../../src/deck/parse.js';

const fixtures = resolve(import.meta.dirname, '../fixtures/lint');

const read = (name: string) => readFileSync(join(fixtures, 'fix', name), 'utf8');
const commented = read('commented.yaml');
const golden = read('commented.fixed.yaml');
const crlf = (text: string) => text.replaceAll('\n', '\r\n');
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The fixed text with exactly the inserted `id:` text taken out again. */
function withoutInserted(text: string, added: readonly AddedId[]): string {
  let out = text;
  for (const { id } of added) {
    const inserted = new RegExp(`id: '?${escapeRe(id)}'?(?:\\r?\\n[ ]*|, )`);
    expect(out).toMatch(inserted);
    out = out.replace(inserted, '');
  }
  return out;
}

describe('lint --fix with exact copies of a card', () => {
  const deck = [
    'id: dup',
    'name: Dup',
    'cards:',
    '  - q: Same question?',
    '    a: Same answer',
    '  - q: Same question?',
    '    a: Same answer',
    '  - q: Other?',
    '    a: Yes',
    '  - q: Same question?',
    '    a: Same answer',
    '',
  ].join('\n');
  const { text, added } = fixIds(deck, 'dup.yaml');

  it('gives every copy its own id in one run, so a second run has nothing to do', () => {
    expect(added.map((a) => [a.id, a.line, a.col])).toEqual([
      ['same-question', 4, 5],
      ['same-question-2', 7, 5],
      ['other', 10, 5],
      ['same-question-3', 13, 5],
    ]);
    expect(fixIds(text, 'dup.yaml').added).toEqual([]);
    expect(parseDeck(text, 'dup.yaml').deck?.cards.filter((c) => c.implicitId)).toEqual([]);
  });

  it('moves the shared content key once, to the first copy', () => {
    const shared = added.find((a) => a.id === 'same-question')!;
    expect(shared.oldKeys).toEqual([expect.stringMatching(/^dup\/h-[0-9a-f]{10}$/)]);
    expect(shared.newKeys).toEqual(['dup/same-question']);
    for (const copy of added.filter((a) => /-\d$/.test(a.id))) {
      expect(copy.oldKeys).toEqual([]);
    }
  });
});

describe('lint --fix inserting ids', () => {
  const { text, added } = fixIds(commented, 'commented.yaml');

  it('writes an id into every valid card without one, and nothing else', () => {
    expect(text).toBe(golden);
    expect(withoutInserted(text, added)).toBe(commented);
  });

  it('keeps CRLF line endings, writing the inserted lines with CRLF too', () => {
    const fixed = fixIds(crlf(commented), 'commented.yaml');
    expect(fixed.text).toBe(crlf(golden));
    expect(fixed.text).not.toMatch(/[^\r]\n/);
    expect(withoutInserted(fixed.text, fixed.added)).toBe(crlf(commented));
  });

  it('keeps a byte-order mark', () => {
    const fixed = fixIds(`\uFEFF${commented}`, 'commented.yaml');
    expect(fixed.text).toBe(`\uFEFF${golden}`);
  });

  it('changes nothing when run a second time', () => {
    const again = fixIds(text, 'commented.yaml');
    expect(again.added).toEqual([]);
    expect(again.text).toBe(text);
  });

  it('gives readable ids, unique in the deck, cut at a word boundary', () => {
    expect(added.map((a) => a.id)).toEqual([
      'which-endpoint-starts-a-run',
      'run-now',
      'list-fields-cap-at-100-per-page-pass',
      'which-of-these-settings-decides-how-many',
      'which-parameter-carries-the-token-back',
      'what-is-a-job-2',
      'show-the-job-s-configured-tasks',
    ]);
    for (const { id } of added) {
      expect(id).toMatch(CARD_ID_PATTERN);
      expect(id.length).toBeLessThanOrEqual(FIX_ID_MAX);
    }
  });

  it('leaves the deck with the same cards, now all with ids, and the same errors', () => {
    const before = parseDeck(commented, 'commented.yaml');
    const after = parseDeck(text, 'commented.yaml');
    expect(after.deck?.cards.length).toBe(before.deck?.cards.length);
    expect(after.deck?.cards.filter((c) => c.implicitId)).toEqual([]);
    expect(after.problems.map((p) => `${p.severity} ${p.rule}`)).toEqual(['error missing-answer']);
  });

  it('points at each inserted id key', () => {
    const at = text.split('\n');
    for (const { line, col, id } of added) {
      expect(at[line - 1]?.slice(col - 1)).toMatch(new RegExp(`^id: ${escapeRe(id)}\\b`));
    }
    expect(added.find((a) => a.id === 'which-parameter-carries-the-token-back')).toMatchObject({
      line: 37,
      col: 6,
    });
  });

  it('lists the old content-hash keys and the new id keys, suffix for suffix', () => {
    const before = parseDeck(commented, 'commented.yaml').deck?.cards ?? [];
    expect(added.flatMap((a) => a.oldKeys)).toEqual(
      before.filter((c) => c.implicitId).map((c) => c.key),
    );
    expect(added.find((a) => a.id === 'run-now')).toEqual({
      line: 20,
      col: 5,
      id: 'run-now',
      oldKeys: [
        expect.stringMatching(/^fix-me\/h-[0-9a-f]{10}$/),
        expect.stringMatching(/^fix-me\/h-[0-9a-f]{10}:reverse$/),
      ],
      newKeys: ['fix-me/run-now', 'fix-me/run-now:reverse'],
    });
    const cloze = added.find((a) => a.id.startsWith('list-fields'));
    expect(cloze?.newKeys).toEqual([
      'fix-me/list-fields-cap-at-100-per-page-pass:c1',
      'fix-me/list-fields-cap-at-100-per-page-pass:c2',
    ]);
    const pairs = added.find((a) => a.id === 'show-the-job-s-configured-tasks');
    expect(pairs?.oldKeys.map((k) => k.split(':')[1])).toEqual(
      pairs?.newKeys.map((k) => k.split(':')[1]),
    );
  });
});

describe('lint --fix on awkward decks', () => {
  const deck = (cards: string) => `name: T\ncards:\n${cards}`;

  it('leaves a file with a YAML syntax error untouched', () => {
    const broken = deck('  - q: "unclosed\n    a: b\n');
    expect(fixIds(broken, 'broken.yaml')).toEqual({ text: broken, added: [], notFixed: [] });
  });

  it('quotes an id YAML would not read as text, and names a card without letters by position', () => {
    const { text, added } = fixIds(
      deck('  - q: "Null"\n    a: x\n  - q: "?!"\n    a: y\n'),
      't.yaml',
    );
    expect(added.map((a) => a.id)).toEqual(['null', 'card-2']);
    expect(text).toBe(
      deck('  - id: \'null\'\n    q: "Null"\n    a: x\n  - id: card-2\n    q: "?!"\n    a: y\n'),
    );
    expect(parseDeck(text, 't.yaml').problems).toEqual([]);
  });

  it('does not reuse an id another card already has, even an invalid one', () => {
    const { added } = fixIds(
      deck('  - id: Capital\n    q: x\n    a: y\n  - q: Capital\n    a: z\n'),
      't.yaml',
    );
    expect(added.map((a) => a.id)).toEqual(['capital']);
    const taken = fixIds(
      deck('  - id: capital\n    q: x\n    a: y\n  - q: Capital\n    a: z\n'),
      't.yaml',
    );
    expect(taken.added.map((a) => a.id)).toEqual(['capital-2']);
  });

  it('leaves a card that an alias reuses alone, and says where and why', () => {
    const text = deck('  - &card\n    q: Shared\n    a: x\n  - q: Own\n    a: y\n');
    const { added, notFixed } = fixIds(text, 't.yaml');
    expect(added.map((a) => a.id)).toEqual(['own']);
    // The card's first key, `q: Shared`, under its `- &card` line.
    expect(notFixed).toEqual([
      {
        line: 4,
        col: 5,
        reason:
          'not fixed: the card has an anchor (&card), so an id written there would repeat wherever it is aliased; add an `id` by hand',
      },
    ]);
    // Nothing else to fix: still said, so a second run is not silent about it either.
    expect(fixIds(fixIds(text, 't.yaml').text, 't.yaml').notFixed).toHaveLength(1);
  });

  it('uses the text of the deletions for a cloze; for pairs, the note’s q, else the first left side', () => {
    const { added } = fixIds(
      deck(
        '  - cloze: "{{Paris}} is the capital of {{France::country}}"\n  - pairs:\n      - Italy: Rome\n  - q: Which animal says?\n    pairs:\n      - cow: moo\n      - cat: meow\n',
      ),
      't.yaml',
    );
    expect(added.map((a) => a.id)).toEqual([
      'paris-is-the-capital-of-france',
      'italy',
      'which-animal-says',
    ]);
  });
});

describe('lint --fix in a deck whose file name has a colon', () => {
  it('adds the ids: a deck id with `:` is not a card key suffix', () => {
    const text =
      'name: C\ncards:\n  - q: One?\n    a: two\n    reverse: true\n  - cloze: "{{a}} {{b}}"\n';
    const { text: fixed, added } = fixIds(text, 'notes:v2.yaml');
    expect(added.map((a) => a.newKeys)).toEqual([
      ['notes:v2/one', 'notes:v2/one:reverse'],
      ['notes:v2/a-b:c1', 'notes:v2/a-b:c2'],
    ]);
    expect(parseDeck(fixed, 'notes:v2.yaml').deck?.cards.every((c) => !c.implicitId)).toBe(true);
  });
});
