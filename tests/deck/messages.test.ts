/**
 * What lint says about bad decks, in the words of whoever wrote them: the YAML parser's and
 * zod's messages reworded, each at its line and column. One row per mistake.
 */
import { describe, expect, it } from 'vitest';
import { parseDeck } from '../../src/deck/parse.js';
import { quoted } from '../../src/deck/yaml-messages.js';

/** The errors and YAML warnings of a deck, as `line:col message` (advice-free: ids given). */
function said(cards: string, header = 'id: d\nname: D\n'): string[] {
  return parseDeck(`${header}${cards}`, 'd.yaml')
    .problems.filter((p) => p.severity === 'error' || p.rule === 'yaml-warning')
    .map((p) => `${p.line}:${p.col} ${p.message}`);
}

const card = (body: string) => `cards:\n${body}`;

describe('YAML syntax errors, reworded', () => {
  it.each([
    [
      'an unquoted colon in a value',
      card('  - q: Which: endpoint\n    a: b\n'),
      "4:8 a colon in a value starts a new key: quote the value, `q: 'Which: endpoint'`",
    ],
    [
      'a colon in a value with a comment after it',
      card('  - q: a\n    a: POST: create  # the verb\n'),
      "5:8 a colon in a value starts a new key: quote the value, `a: 'POST: create'`",
    ],
    [
      'a value ending in a colon',
      card('  - q: note:\n    a: c\n'),
      "4:8 a colon in a value starts a new key: quote the value, `q: 'note:'`",
    ],
    [
      'a tab for indentation',
      card('\t- q: a\n'),
      '4:1 a tab indents this line: YAML indents with spaces only',
    ],
    [
      'an unclosed double quote',
      card('  - q: "abc\n    a: b\n'),
      '4:8 this `"` quote is never closed: end the value with `"`',
    ],
    [
      'an unclosed single quote',
      card("  - q: 'abc\n    a: b\n"),
      "4:8 this `'` quote is never closed: end the value with `'`",
    ],
    [
      'a key written twice',
      card('  - q: a\n    q: b\n    a: c\n'),
      '5:5 `q` is written twice in this mapping: keep one',
    ],
    [
      'a key indented less than the card’s others',
      card('  - q: a\n   a: b\n'),
      '5:1 this line is indented less than the keys above it: line it up with them, or start a new card with `- `',
    ],
    [
      'a key indented more than the card’s others',
      card('  - q: a\n      a: b\n'),
      '4:8 this text runs onto the next line as a key: indent the keys of one card equally, and put a space after each `-`',
    ],
    [
      'a dash without its space',
      card('  -q: a\n    a: b\n'),
      '4:7 this text runs onto the next line as a key: indent the keys of one card equally, and put a space after each `-`',
    ],
    [
      'a value starting with a backtick',
      card('  - q: `code` here\n    a: b\n'),
      "4:8 a value cannot start with a backtick unquoted: quote it, `q: '`code` here'`",
    ],
    [
      'a value starting with @',
      card('  - q: @foo\n    a: b\n'),
      "4:8 a value cannot start with `@` unquoted: quote it, `q: '@foo'`",
    ],
    [
      'a value starting with %',
      card('  - q: y\n    a: 100% sure\n  - q: z\n    a: %x\n'),
      "7:8 a value cannot start with `%` unquoted: quote it, `a: '%x'`",
    ],
    [
      'an unclosed flow mapping',
      card('  - {q: a, a: b\n'),
      '5:1 this `{` is never closed: end the mapping with `}`',
    ],
    [
      'an unclosed flow list',
      'tags: [a, b\ncards: []\n',
      '4:1 this `[` is never closed: end the list with `]`',
    ],
    [
      'two documents in one file',
      'cards: []\n---\nname: y\n',
      '4:1 a deck is one YAML document: remove this `---` line, or split the file into two decks',
    ],
    [
      'a # right after text',
      card('  - q: what is C#?\n    a: "x"#y\n'),
      '5:8 `#` right after text starts no comment: put a space before it, or quote the value, `a: \'"x"#y\'`',
    ],
    [
      'text after a closing quote',
      card('  - q: "a" b\n    a: c\n'),
      '4:12 text goes on after the value\'s end: a value that starts with `"` is quoted whole, `q: \'"a" b\'`',
    ],
    [
      'emphasis read as an alias',
      card('  - q: *bold* text\n    a: b\n'),
      "4:15 text goes on after the value's end: a value that starts with `*` is quoted whole, `q: '*bold* text'`",
    ],
    [
      'text after a flow list',
      card('  - q: [a] b\n    a: c\n'),
      "4:12 text goes on after the value's end: a value that starts with `[` is quoted whole, `q: '[a] b'`",
    ],
    [
      'a cloze that starts with its gap',
      card('  - cloze: {{a}} is b\n'),
      "4:18 a value that starts with `{{` must be quoted: `cloze: '{{a}} is b'`",
    ],
    [
      'text on the line of a block indicator',
      card('  - q: | x\n    a: b\n'),
      '4:10 `|` starts a block: put the text on the lines below, indented',
    ],
    [
      'two anchors on one value',
      card('  - q: &a &b x\n    a: b\n'),
      '4:11 a value takes one anchor (`&name`) at most',
    ],
    [
      'a bad escape in double quotes',
      card('  - q: "a\\qb"\n    a: b\n'),
      '4:10 a backslash in double quotes starts an escape: write `\\\\` for a backslash, or use single quotes',
    ],
    [
      'a value read as a YAML tag (a warning)',
      card('  - q: !important x\n    a: b\n'),
      "4:8 a value that starts with `!` is read as a YAML tag and dropped: quote it, `q: '!important x'`",
    ],
  ])('%s', (_, text, expected) => {
    expect(said(text)[0]).toBe(expected);
  });

  it('says a key that runs onto the next line once, not twice', () => {
    expect(said(card('  -q: a\n    a: b\n'))).toHaveLength(1);
  });

  it('quotes a suggested value so YAML reads it back as written', () => {
    expect(quoted('Which: endpoint')).toBe("'Which: endpoint'");
    expect(quoted("it's: here")).toBe('"it\'s: here"');
  });
});

describe('schema errors, reworded', () => {
  it.each([
    ['a typo’d key', card('  - {qq: a, a: b}\n'), '4:6 unknown key `qq` (did you mean `q`?)'],
    [
      'a typo’d key in answers',
      'answers: {optinal: [a]}\ncards: []\n',
      '3:11 unknown key `optinal` (did you mean `optional`?)',
    ],
    [
      'an unknown key in answers',
      'answers: {zzz: [a]}\ncards: []\n',
      '3:11 unknown key `zzz` (`answers` takes `optional`, `same`, `case`)',
    ],
    [
      'reverse as a word',
      card('  - {q: a, a: b, reverse: yes}\n'),
      '4:27 `reverse` is `true` or `false`, not `yes`',
    ],
    [
      'reverse as a number',
      card('  - {q: a, a: b, reverse: 1}\n'),
      '4:27 `reverse` is `true` or `false`, not `1`',
    ],
    [
      'choices as one text',
      card('  - {q: a, choices: abc, answer: abc}\n'),
      '4:21 `choices` should be a list (`[a, b]`, or one `- item` a line), not text',
    ],
    [
      'cards as a mapping',
      'cards: {a: 1}\n',
      '3:8 `cards` should be a list (`[a, b]`, or one `- item` a line), not a mapping',
    ],
    [
      'answers as text',
      'answers: abc\ncards: []\n',
      '3:10 `answers` should be a mapping (`key: value` lines), not text',
    ],
    ['a question left empty', card('  - {q: , a: b}\n'), '4:6 `q` is empty: it should be text'],
    [
      'a question that is a list',
      card('  - {q: [a, b], a: b}\n'),
      '4:9 `q` should be text, not a list',
    ],
    [
      'an empty answer list',
      card('  - {q: a, choices: [x, y], answer: []}\n'),
      '4:37 `answer`: the list is empty: give at least one',
    ],
    [
      'a same group that is not a list: said once',
      'answers: {same: [a, b]}\ncards: []\n',
      '3:18 `answers.same[0]` should be a list (`[a, b]`, or one `- item` a line), not text',
    ],
    [
      'an exam date that is no date: said once',
      'exam: soon\ncards: []\n',
      '3:7 `exam`: must be a calendar day written YYYY-MM-DD',
    ],
    [
      'a pair of three',
      card('  - {pairs: [[a, b, c]]}\n'),
      '4:14 `pairs[0]` should be a pair: `[left, right]` or `left: right`',
    ],
  ])('%s', (_, text, expected) => {
    expect(said(text)[0]).toBe(expected);
  });

  it('says one message per mistake: a wrong-type value is not also too short', () => {
    expect(said('answers: {same: [a, b]}\ncards: []\n')).toEqual([
      '3:18 `answers.same[0]` should be a list (`[a, b]`, or one `- item` a line), not text',
      '3:21 `answers.same[1]` should be a list (`[a, b]`, or one `- item` a line), not text',
    ]);
    expect(said('exam: soon\ncards: []\n')).toHaveLength(1);
  });
});
