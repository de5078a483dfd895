import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Card, Problem } from '../../src/core/card.js';
import { MAX_CHOICES } from '../../src/core/card.js';
import { MAX_DECK_BYTES } from '../../src/deck/limits.js';
import { parseDeck, tooLarge } from '../../src/deck/parse.js';

const fixtures = join(import.meta.dirname, '../fixtures/decks');
const fixture = (name: string) => parseDeck(readFileSync(join(fixtures, name)), name);

/** `line:col severity rule` for each problem, the shape most assertions compare. */
const brief = (problems: readonly Problem[]) =>
  problems.map((p) => `${p.line}:${p.col} ${p.severity} ${p.rule}`);
const errors = (problems: readonly Problem[]) => problems.filter((p) => p.severity === 'error');
const parse = (text: string | Uint8Array, file = 'deck.yaml') => parseDeck(text, file);
const byKey = (cards: readonly Card[]) => new Map(cards.map((c) => [c.key, c]));

/** A deck whose cards all have ids, so `missing-id` warnings stay out of the way. */
const deck = (cards: string) => `name: Test\ncards:\n${cards}`;

describe('a valid deck with every card kind', () => {
  const { deck: d, problems } = fixture('valid/all-kinds.yaml');
  const cards = d?.cards ?? [];
  const keys = byKey(cards);

  it('loads without errors, with one missing-id warning for the card without an id', () => {
    expect(brief(problems)).toEqual(['35:5 warning missing-id']);
  });

  it('takes the deck id from the file name without extension', () => {
    expect(d?.id).toBe('all-kinds');
    expect(d?.name).toBe('Every card kind');
    expect(d?.tags).toEqual(['sample', 'kinds']);
  });

  it('expands every note into keyed cards in file order', () => {
    expect(cards.map((c) => `${c.key} ${c.order}`)).toEqual([
      'all-kinds/basic 0',
      'all-kinds/reversible 1',
      'all-kinds/reversible:reverse 1',
      'all-kinds/paging:c1 2',
      'all-kinds/paging:c2 2',
      'all-kinds/paging:c3 2',
      'all-kinds/one-right 3',
      'all-kinds/several-right 4',
      'all-kinds/token 5',
      'all-kinds/single-typed 6',
      'all-kinds/endpoints:show-the-job-s-configured-tasks 7',
      'all-kinds/endpoints:check-the-statuses-of-all-runs 7',
      expect.stringMatching(/^all-kinds\/h-[0-9a-f]{10}:create 8$/),
      expect.stringMatching(/^all-kinds\/h-[0-9a-f]{10}:create-2 8$/),
      expect.stringMatching(/^all-kinds\/h-[0-9a-f]{10}:delete 8$/),
    ]);
  });

  it('merges deck tags with card tags and keeps the explanation', () => {
    expect(keys.get('all-kinds/basic')).toMatchObject({
      kind: 'basic',
      prompt: 'What is a **job**?',
      answer: 'The definition of work.',
      explain: 'Runs are its executions.',
      tags: ['sample', 'kinds', 'anchor'],
      noteId: 'basic',
      implicitId: false,
      pos: { file: 'valid/all-kinds.yaml', line: 5, col: 5 },
    });
  });

  it('asks a reversible card both ways, sharing its noteId', () => {
    expect(keys.get('all-kinds/reversible:reverse')).toMatchObject({
      kind: 'basic',
      prompt: 'Starts a run of an existing job',
      answer: 'run-now',
      noteId: 'reversible',
    });
  });

  it('makes one cloze card per gap, with hints', () => {
    const c2 = keys.get('all-kinds/paging:c2');
    expect(c2).toMatchObject({ kind: 'cloze', gap: 2, noteId: 'paging' });
    expect(c2?.kind === 'cloze' && c2.parts).toEqual([
      { type: 'text', text: 'List fields cap at ' },
      { type: 'gap', index: 1, text: '100' },
      { type: 'text', text: ' per page; pass ' },
      { type: 'gap', index: 2, text: 'next_page_token', hint: 'a token' },
      { type: 'text', text: ' back; ' },
      { type: 'gap', index: 3, text: 'has_more' },
      { type: 'text', text: ' says if there is more' },
    ]);
  });

  it('turns choice answers into indexes of the choices', () => {
    expect(keys.get('all-kinds/one-right')).toMatchObject({ kind: 'choice', correct: [1] });
    expect(keys.get('all-kinds/several-right')).toMatchObject({ correct: [0, 1, 2] });
  });

  it('keeps typed alternatives in order, canonical first, and reads numbers as their text', () => {
    expect(keys.get('all-kinds/token')).toMatchObject({ accepted: ['page_token', 'pageToken'] });
    expect(keys.get('all-kinds/single-typed')).toMatchObject({ accepted: ['1000'] });
  });

  it('makes one card per pair, each with the whole group and its own line', () => {
    expect(keys.get('all-kinds/endpoints:check-the-statuses-of-all-runs')).toMatchObject({
      kind: 'pair',
      prompt: 'Which endpoint answers this intent?',
      left: 'Check the statuses of all runs',
      right: 'GET /api/2.2/jobs/runs/list',
      rights: ['GET /api/2.2/jobs/get', 'GET /api/2.2/jobs/runs/list'],
      pos: { line: 34, col: 9 },
    });
  });

  it('gives a pairs note without q the default prompt and an implicit content id', () => {
    const last = cards[cards.length - 1];
    expect(last).toMatchObject({ kind: 'pair', prompt: 'What goes with this?', implicitId: true });
    expect(last?.noteId).toMatch(/^h-[0-9a-f]{10}$/);
  });
});

describe('deck metadata', () => {
  it('reads an explicit id, description, source and exam date', () => {
    const { deck: d, problems } = fixture('valid/databricks-jobs-api.yaml');
    expect(errors(problems)).toEqual([]);
    expect(d).toMatchObject({
      id: 'databricks-jobs-api',
      name: 'Databricks Jobs — REST API & CLI',
      source: 'https://docs.databricks.com/api/workspace/jobs',
      exam: '2026-12-15',
      file: 'valid/databricks-jobs-api.yaml',
    });
  });

  it('reads every scalar as the text written, but reverse: true as a flag, aliases included', () => {
    const { deck: d, problems } = parse(
      deck(
        '  - id: n\n    q: 1.10\n    a: 0x1F\n    tags: [1.50, true]\n' +
          '  - id: m\n    q: &v 2.50\n    a: *v\n    reverse: true\n',
      ),
    );
    const cards = byKey(d?.cards ?? []);
    const n = cards.get('deck/n');
    expect([n?.kind === 'basic' && n.prompt, n?.kind === 'basic' && n.answer, n?.tags]).toEqual([
      '1.10',
      '0x1F',
      ['1.50', 'true'],
    ]);
    const m = cards.get('deck/m');
    expect([m?.kind === 'basic' && m.prompt, m?.kind === 'basic' && m.answer]).toEqual([
      '2.50',
      '2.50',
    ]);
    expect(cards.has('deck/m:reverse')).toBe(true);
    expect(problems).toEqual([]);
  });

  it('normalises an exam date the YAML 1.1 schema reads as a Date to YYYY-MM-DD', () => {
    const { deck: d } = parse('%YAML 1.1\n---\nname: X\nexam: 2026-12-15\ncards: []\n');
    expect(d?.exam).toBe('2026-12-15');
  });

  it.each(['2026-02-30', '2026-13-01', '2026-2-3'])(
    'rejects the exam date %s, at the value, in the one wording, and still loads the deck',
    (exam) => {
      const { deck: d, problems } = parse(`name: X\nexam: ${exam}\ncards: []\n`);
      // Said once, whichever check (the pattern or the calendar) caught it.
      const atExam = problems.filter((p) => p.line === 2);
      expect(atExam.map((p) => `${p.line}:${p.col} ${p.severity} ${p.message}`)).toEqual([
        '2:7 error `exam`: must be a calendar day written YYYY-MM-DD',
      ]);
      expect(d?.exam).toBeUndefined();
      expect(d?.name).toBe('X');
    },
  );

  it('warns about a deck without cards', () => {
    expect(brief(parse('name: X\ncards: []\n').problems)).toEqual(['2:1 warning no-cards']);
  });

  it('trims the trailing newline of block scalars', () => {
    const { deck: d } = parse(
      deck('  - id: x\n    q: |\n      line one\n      line two\n    a: b\n'),
    );
    expect(d?.cards[0]).toMatchObject({ prompt: 'line one\nline two' });
  });
});

describe('YAML that cannot be read', () => {
  it('reports a tab used as indentation at the tab', () => {
    const { deck: d, problems } = parse('name: X\ncards:\n\t- q: a\n');
    expect(d).toBeUndefined();
    expect(brief(problems)[0]).toBe('3:1 error yaml-syntax');
  });

  it('reports an unclosed quote at the opening quote', () => {
    const { problems } = parse('name: X\ncards:\n  - q: "never closed\n    a: b\n');
    expect(brief(problems)).toContain('3:8 error yaml-syntax');
  });

  it('reports a duplicated key as a syntax error at the second key', () => {
    const { problems } = parse('name: X\nname: Y\ncards: []\n');
    expect(brief(problems)).toEqual(['2:1 error yaml-syntax']);
  });

  it('reports an empty file at 1:1', () => {
    expect(brief(parse('').problems)).toEqual(['1:1 error empty-deck']);
    expect(brief(parse('# only a comment\n').problems)).toEqual(['1:1 error empty-deck']);
  });

  it('reports a top-level list or scalar where it starts', () => {
    expect(brief(parse('# deck\n- q: a\n  a: b\n').problems)).toEqual([
      '2:1 error deck-not-mapping',
    ]);
    expect(brief(parse('\n  just text\n').problems)).toEqual(['2:3 error deck-not-mapping']);
  });

  it('refuses a file over 5 MB at 1:1 without parsing it', () => {
    // A syntax error on line 1 that parsing would report: only the size is.
    const big = `\tname: X\ncards:\n${'  - q: a\n    a: b\n'.repeat(400_000)}`;
    const { deck: d, problems } = parse(big);
    expect(d).toBeUndefined();
    expect(brief(problems)).toEqual(['1:1 error file-too-large']);
  });

  it('says how much too large in numbers that differ, just over the limit', () => {
    const message = (bytes: number) => tooLarge('d.yaml', bytes).problems[0]!.message;
    expect(message(MAX_DECK_BYTES + 1)).toBe(
      'deck is 5,242,881 bytes; the limit is 5,242,880 bytes (split it into several decks)',
    );
    expect(message(20 * 1024 * 1024)).toBe(
      'deck is 20.0 MB; the limit is 5.0 MB (split it into several decks)',
    );
  });

  it('stops a billion-laughs alias bomb at the alias that takes it past the size limit', () => {
    const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    // Expanded, it would be 9^9 strings: a hang shows as the test's timeout.
    const { deck: d, problems } = parse(`${levels.join('\n')}\nname: X\ncards: []\n`);
    expect(d).toBeUndefined();
    expect(brief(problems)).toEqual(['7:12 error expanded-too-large']);
  });

  it('still refuses more than 100 aliases, however small, at the first one', () => {
    const cards = Array.from({ length: 101 }, (_, i) => `  - {id: c${i}, q: *q, a: a${i}}\n`);
    const { deck: d, problems } = parse(`name: X\nq: &q same\ncards:\n${cards.join('')}`);
    expect(d).toBeUndefined();
    expect(brief(problems)).toEqual(['4:17 error alias-limit']);
  });

  it('refuses a deck whose aliases expand past the size limit, at the alias that does it', () => {
    // 600 kB once, then each alias another 600 kB: the 8th takes it past 5 MB.
    const big = 'x'.repeat(600_000);
    const aliases = Array.from({ length: 20 }, (_, i) => `  - q: *big\n    a: a${i}\n`);
    const text = `name: X\ncards:\n  - q: &big ${big}\n    a: ok\n${aliases.join('')}`;
    const { deck: d, problems } = parse(text);
    expect(d).toBeUndefined();
    expect(problems).toEqual([
      {
        file: 'deck.yaml',
        line: 5 + 2 * 7,
        col: 8,
        severity: 'error',
        rule: 'expanded-too-large',
        message:
          'aliases expand the deck past 5.0 MB of text, the most a deck file may hold: refusing to expand them',
      },
    ]);
  });

  it('points at an alias whose anchor is not defined before it', () => {
    const { deck: d, problems } = parse('name: X\ncards:\n  - q: *nope\n    a: b\n');
    expect(d).toBeUndefined();
    expect(problems.map((p) => `${p.line}:${p.col} ${p.rule} ${p.message}`)).toEqual([
      '3:8 unknown-alias alias `*nope` has no anchor `&nope` before it',
    ]);
  });

  it('points at an alias inside the node it names instead of overflowing the stack', () => {
    const { deck: d, problems } = parse('name: X\ncards: &c\n  - q: a\n    a: *c\n');
    expect(d).toBeUndefined();
    expect(problems.map((p) => `${p.line}:${p.col} ${p.rule} ${p.message}`)).toEqual([
      '4:8 circular-alias alias `*c` is inside the node `&c` it names: it would never end',
    ]);
  });

  it('reads a deck nested under `__proto__:` as the unknown key it is, not as the deck', () => {
    const { deck: d, problems } = parse(
      '__proto__:\n  name: X\n  cards:\n    - id: one\n      q: a\n      a: b\n',
    );
    expect(d).toBeUndefined();
    expect(problems.map((p) => `${p.line}:${p.col} ${p.rule} ${p.message}`)).toEqual([
      '1:1 unknown-key unknown key `__proto__`',
      '1:1 missing-field missing `name`',
      '1:1 missing-field missing `cards`',
    ]);
    expect(({} as Record<string, unknown>).name).toBeUndefined();
  });

  it('takes no card field from a `__proto__:` key in the card', () => {
    const { deck: d, problems } = parse(
      deck('  - id: one\n    q: Q\n    __proto__:\n      a: from the prototype\n'),
    );
    expect(d?.cards).toEqual([]);
    expect(brief(problems)).toEqual(['4:5 error missing-answer', '5:5 error unknown-key']);
    expect(({} as Record<string, unknown>).a).toBeUndefined();
  });

  it('refuses two choices that differ only in what does not show', () => {
    const { deck: d, problems } = parse(
      deck(
        '  - id: c\n    q: Which?\n    choices: [caf\u00e9, "cafe\u0301", other]\n    answer: other\n' +
          '  - id: d\n    q: Which?\n    choices: ["\u00e9\u200d\u00e9", "\u00e9\u00e9", "x\u00a0y", "x y"]\n    answer: x y\n',
      ),
    );
    expect(d?.cards).toEqual([]);
    expect(errors(problems).map((p) => `${p.line}:${p.col} ${p.rule} ${p.message}`)).toEqual([
      '5:21 duplicate-choice choice `cafe\u0301` looks the same as `caf\u00e9`: they differ only in characters that do not show',
      '9:22 duplicate-choice choice `\u00e9\u00e9` looks the same as `\u00e9\u200d\u00e9`: they differ only in characters that do not show',
      '9:35 duplicate-choice choice `x y` looks the same as `x\u00a0y`: they differ only in characters that do not show',
    ]);
  });

  it('takes an answer written differently from its choice but looking the same as that choice', () => {
    const { deck: d, problems } = parse(
      deck('  - id: c\n    q: Which?\n    choices: [caf\u00e9, tea]\n    answer: "cafe\u0301"\n'),
    );
    expect(errors(problems)).toEqual([]);
    expect(d?.cards[0]).toMatchObject({ choices: ['caf\u00e9', 'tea'], correct: [0] });
  });

  it('refuses two left sides of pairs that look the same', () => {
    const { problems } = parse(
      deck('  - id: p\n    pairs:\n      - [caf\u00e9, a]\n      - ["cafe\u0301", b]\n'),
    );
    expect(brief(errors(problems))).toEqual(['6:9 error duplicate-pair']);
  });

  it('warns at each invisible character in the file, where it is', () => {
    const text = [
      'name: Hidden',
      'cards:',
      '  - id: a',
      '    q: "Par\u200bis?"',
      '    typed: ["ab\u200dc", "\u200fabc\u061c"]',
      '  - id: b',
      '    q: "one\u2028two"',
      '    a: in\ufeffside\u00ad',
      '',
    ].join('\n');
    const { deck: d, problems } = parse(text);
    expect(d?.cards).toHaveLength(2);
    expect(problems.map((p) => `${p.line}:${p.col} ${p.severity} ${p.rule} ${p.message}`)).toEqual([
      '4:12 warning invisible-character U+200B (zero width space) removed: it does not show',
      '5:16 warning invisible-character U+200D (zero width joiner) removed: it does not show',
      '5:22 warning invisible-character U+200F (right-to-left mark) removed: it does not show',
      '5:26 warning invisible-character U+061C (Arabic letter mark) removed: it does not show',
      '7:12 warning invisible-character U+2028 (line separator) read as a line break',
      '8:10 warning invisible-character U+FEFF (zero width no-break space) removed: it does not show',
      '8:15 warning invisible-character U+00AD (soft hyphen) removed: it does not show',
    ]);
  });

  it('warns at the first 20 invisible characters of a file, then counts the rest', () => {
    const { problems } = parse(deck(`  - id: a\n    q: "${'x\u200b'.repeat(25)}"\n    a: b\n`));
    const warnings = problems.filter((p) => p.rule === 'invisible-character');
    expect(warnings).toHaveLength(21);
    expect(warnings[20]).toMatchObject({
      line: 4,
      col: 50,
      message: '5 more invisible characters in this file (recall removes them all)',
    });
  });

  it('locates the first byte that is not UTF-8', () => {
    const bytes = Buffer.concat([
      Buffer.from('name: X\ncards:\n  - q: caf'),
      Buffer.from([0xe9]), // Latin-1 é
      Buffer.from('\n    a: b\n'),
    ]);
    expect(brief(parse(bytes).problems)).toEqual(['3:11 error not-utf8']);
  });

  it('counts columns in characters after multi-byte UTF-8 on the same line', () => {
    const bytes = Buffer.concat([Buffer.from('name: Ωé'), Buffer.from([0xff]), Buffer.from('\n')]);
    expect(brief(parse(bytes).problems)).toEqual(['1:9 error not-utf8']);
  });

  it('strips a BOM silently and keeps positions', () => {
    const bytes = Buffer.from('\uFEFFname: X\ncards:\n  - q: a\n    b: c\n', 'utf8');
    const { problems } = parse(bytes);
    expect(brief(errors(problems))).toEqual(['3:5 error missing-answer', '4:5 error unknown-key']);
  });

  it('reads CRLF line endings with the same positions', () => {
    const { deck: d, problems } = parse(
      'name: X\r\ncards:\r\n  - id: a\r\n    q: one\r\n    x: 1\r\n',
    );
    expect(brief(problems)).toEqual(['4:5 error missing-answer', '5:5 error unknown-key']);
    expect(d?.cards).toEqual([]);
    const ok = parse('name: X\r\ncards:\r\n  - id: a\r\n    q: one\r\n    a: |\r\n      two\r\n');
    expect(ok.deck?.cards[0]).toMatchObject({ prompt: 'one', answer: 'two' });
  });

  it('never throws on nesting deep enough to overflow the stack', () => {
    const deep = `name: X\ncards: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const { deck: d, problems } = parse(deep);
    expect(d).toBeUndefined();
    expect(problems[0]).toMatchObject({ severity: 'error', line: 2 });
  });
});

describe('deck-level errors', () => {
  it('drops the deck without a name, pointing at the mapping', () => {
    const { deck: d, problems } = fixture('invalid/no-name.yaml');
    expect(d).toBeUndefined();
    expect(problems[0]).toMatchObject({ line: 1, col: 1, rule: 'missing-field' });
    expect(problems[0]?.message).toBe('missing `name`');
  });

  it('drops the deck whose cards are not a list, pointing at the value', () => {
    const { deck: d, problems } = fixture('invalid/cards-not-list.yaml');
    expect(d).toBeUndefined();
    expect(brief(problems)).toEqual(['2:8 error wrong-type']);
    expect(problems[0]?.message).toBe(
      '`cards` should be a list (`[a, b]`, or one `- item` a line), not text',
    );
  });

  it('suggests the known deck key an unknown one is close to, and still loads the deck', () => {
    const { deck: d, problems } = fixture('invalid/unknown-deck-key.yaml');
    expect(brief(errors(problems))).toEqual(['2:1 error unknown-key']);
    expect(problems[0]?.message).toBe('unknown key `descripton` (did you mean `description`?)');
    expect(d?.name).toBe('Typo');
  });
});

describe('card-level errors skip only their card', () => {
  it('reports a card written as a string, and keeps the other cards', () => {
    const { deck: d, problems } = parse(
      deck('  - just a string\n  - id: ok\n    q: a\n    a: b\n'),
    );
    expect(brief(problems)).toEqual(['3:5 error card-not-mapping']);
    expect(d?.cards.map((c) => c.key)).toEqual(['deck/ok']);
  });

  it('reports a key typo at the key, with a suggestion, instead of the missing key', () => {
    const { problems } = fixture('invalid/card-typo.yaml');
    expect(brief(errors(problems))).toEqual(['4:5 error unknown-key']);
    expect(problems.find((p) => p.rule === 'unknown-key')?.message).toBe(
      'unknown key `anwser` (did you mean `answer`?)',
    );
  });

  it('reports a question without an answer at its q', () => {
    const { problems } = parse(deck('  - id: x\n    q: lonely\n'));
    expect(brief(problems)).toEqual(['4:5 error missing-answer']);
  });

  it('reports an empty answer at its key', () => {
    const { problems } = parse(deck('  - id: x\n    q: a\n    a:\n'));
    expect(brief(problems)).toEqual(['5:5 error wrong-type']);
    expect(problems[0]?.message).toBe('`a` is empty: it should be text');
  });

  it('reports mixed kinds at the second kind key', () => {
    const { problems } = parse(deck('  - id: x\n    q: a\n    a: b\n    typed: c\n'));
    expect(brief(problems)).toEqual(['6:5 error mixed-kinds']);
    expect(problems[0]?.message).toContain('`a` makes it a basic card and `typed` a typed-answer');
  });

  it('reports a key of another kind as not used by this one', () => {
    const { problems } = parse(deck('  - id: x\n    cloze: "{{a}}"\n    reverse: true\n'));
    expect(brief(problems)).toEqual(['5:5 error unknown-key']);
    expect(problems[0]?.message).toBe(
      '`reverse` is not used by a cloze card (it belongs to basic cards)',
    );
  });

  it('reports a reverse that is not a boolean', () => {
    const { problems } = fixture('invalid/bool-reverse-string.yaml');
    expect(brief(errors(problems))).toEqual(['5:14 error wrong-type']);
  });

  it('reports an answer that is not among the choices, at the answer', () => {
    const { problems } = parse(
      deck('  - id: x\n    q: Pick\n    choices: [A, B]\n    answer: [A, C]\n'),
    );
    expect(brief(problems)).toEqual(['6:17 error answer-not-a-choice']);
  });

  it('reports fewer than two choices at the list', () => {
    const { problems } = fixture('invalid/one-choice.yaml');
    expect(brief(errors(problems))).toEqual(['4:14 error too-few']);
  });

  it('reports more choices than the screen has keys for (MAX_CHOICES), at the list', () => {
    const nine = Array.from({ length: MAX_CHOICES + 1 }, (_, i) => `C${i}`).join(', ');
    const { problems } = parse(
      deck(`  - id: x\n    q: P\n    choices: [${nine}]\n    answer: C0\n`),
    );
    expect(brief(problems)).toEqual(['5:14 error too-many']);
    expect(problems[0]?.message).toContain(`at most ${MAX_CHOICES} choices`);
    const eight = Array.from({ length: MAX_CHOICES }, (_, i) => `C${i}`).join(', ');
    expect(
      parse(deck(`  - id: x\n    q: P\n    choices: [${eight}]\n    answer: C0\n`)).problems,
    ).toEqual([]);
  });

  it('reports a choice listed twice', () => {
    const { problems } = parse(
      deck('  - id: x\n    q: P\n    choices: [A, B, A]\n    answer: A\n'),
    );
    expect(brief(problems)).toEqual(['5:21 error duplicate-choice']);
  });

  it('reports a cloze without a gap, and one with an empty gap', () => {
    const { problems } = parse(
      deck('  - id: x\n    cloze: no gaps here\n  - id: y\n    cloze: "a {{ }} b"\n'),
    );
    expect(brief(problems)).toEqual(['4:12 error cloze-no-gap', '6:12 error cloze-empty-gap']);
  });

  it('reports an empty pairs list, and a left side listed twice', () => {
    const { problems } = parse(
      deck('  - id: x\n    pairs: []\n  - id: y\n    pairs:\n      - [A, 1]\n      - a: 2\n'),
    );
    expect(brief(problems)).toEqual(['4:12 error too-few', '8:9 error duplicate-pair']);
    expect(problems[1]?.message).toBe('left side `a` appears twice (first at line 7)');
  });

  it('reports a pair that is neither [left, right] nor left: right', () => {
    const { problems } = parse(deck('  - id: x\n    pairs:\n      - [A, B, C]\n'));
    expect(brief(problems)).toEqual(['5:9 error wrong-type']);
  });

  it('reports a duplicate card id at the second id, naming the first one’s line', () => {
    const { deck: d, problems } = parse(
      deck('  - id: x\n    q: one\n    a: 1\n  - id: x\n    q: two\n    a: 2\n'),
    );
    expect(brief(problems)).toEqual(['6:9 error duplicate-id']);
    expect(problems[0]?.message).toBe('duplicate card id `x` (first used at line 3)');
    expect(d?.cards).toMatchObject([{ kind: 'basic', answer: '1' }]);
  });

  it('warns about a duplicate prompt at the second prompt', () => {
    const { problems } = parse(
      deck('  - id: x\n    q: Same?\n    a: 1\n  - id: y\n    q: same?\n    a: 2\n'),
    );
    expect(brief(problems)).toEqual(['7:8 warning duplicate-prompt']);
  });

  it('warns about each card without an id at the card', () => {
    const { problems } = parse(deck('  - q: a\n    a: b\n'));
    expect(problems).toMatchObject([{ line: 3, col: 5, severity: 'warning', rule: 'missing-id' }]);
  });

  it('rejects a card id with a slash or colon', () => {
    const { problems } = parse(deck('  - id: a/b\n    q: a\n    a: b\n'));
    expect(brief(problems)).toEqual(['3:9 error invalid-format']);
  });
});

describe('untrusted text', () => {
  it('sanitises every string that reaches a card', () => {
    const { deck: d } = parse(
      deck('  - id: x\n    q: "\\e[2Jwipe\\ttab"\n    a: "\\e]8;;http://evil\\aclick\\e]8;;\\a"\n'),
    );
    expect(d?.cards[0]).toMatchObject({ prompt: 'wipe  tab', answer: 'click' });
  });

  it('sanitises deck text quoted in messages', () => {
    const { problems } = parse(
      deck('  - id: x\n    q: a\n    a: b\n    "\\e[31mcolour\\e[0m": 1\n'),
    );
    expect(problems[0]?.message).toBe('unknown key `colour`');
  });
});

describe('answers: what counts as the same typed answer', () => {
  it('gives every card the deck’s rules, shared, and typed and cloze cards their own added', () => {
    const { deck: d, problems } = parse(
      `name: T\nanswers:\n  optional: [/api/2.2/]\ncards:\n` +
        `  - id: t\n    q: Which?\n    typed: POST /api/2.2/jobs/create\n` +
        `  - id: c\n    cloze: "reruns the {{failed task}}"\n    answers:\n      same: [[failed task, failed tasks]]\n      case: exact\n` +
        `  - id: b\n    q: Q\n    a: A\n`,
    );
    expect(brief(problems)).toEqual([]);
    const cards = byKey(d?.cards ?? []);
    expect(cards.get('deck/t')?.answers).toEqual({
      optional: ['/api/2.2/'],
      same: [],
      exactCase: false,
    });
    expect(cards.get('deck/c:c1')?.answers).toEqual({
      optional: ['/api/2.2/'],
      same: [['failed task', 'failed tasks']],
      exactCase: true,
    });
    // A basic card types nothing, but a mock test compares its answer with the others.
    expect(cards.get('deck/b')?.answers).toBe(cards.get('deck/t')?.answers);
  });

  it('says where `answers` belongs on a card that types nothing', () => {
    const { problems } = parse(deck('  - id: b\n    q: Q\n    a: A\n    answers: {case: exact}\n'));
    expect(problems.map((p) => p.message)).toEqual([
      '`answers` is not used by a basic card (it belongs to typed-answer and cloze cards, or the deck)',
    ]);
  });

  it('warns about a `same` group that names none of the card’s answers, at the group', () => {
    const { problems } = parse(
      deck(
        '  - id: t\n    q: Q\n    typed: cat\n    answers:\n      same:\n        - [dog, hound]\n',
      ),
    );
    expect(brief(problems)).toEqual(['8:11 warning same-unused']);
    expect(problems[0]?.message).toBe(
      "this `same` group names none of the card's answers (`cat`): it changes nothing",
    );
  });

  it('rejects a one-answer group and an unknown case', () => {
    const { problems } = parse(
      deck(
        '  - id: t\n    q: Q\n    typed: cat\n    answers:\n      same: [[cat]]\n      case: upper\n',
      ),
    );
    expect(problems.map((p) => `${p.rule}: ${p.message}`)).toEqual([
      'too-few: `answers.same[0]`: a `same` group lists at least two answers that count as one',
      'invalid-value: `answers.case`: case is `ignore` (the default) or `exact`',
    ]);
  });
});
