import { describe, expect, it } from 'vitest';
import { parseInline, parseSpans } from '../../src/text/inline.js';

describe('parseSpans', () => {
  it('reads bold, italic and code spans', () => {
    expect(parseSpans('a **b** *c* _d_ `e`')).toEqual([
      { text: 'a ' },
      { text: 'b', bold: true },
      { text: ' ' },
      { text: 'c', italic: true },
      { text: ' ' },
      { text: 'd', italic: true },
      { text: ' ' },
      { text: 'e', code: true },
    ]);
  });

  it('nests italic inside bold', () => {
    expect(parseSpans('**bold *both***')).toEqual([
      { text: 'bold ', bold: true },
      { text: 'both', bold: true, italic: true },
    ]);
  });

  it('reads a run of three stars as bold and italic together', () => {
    expect(parseSpans('***x***')).toEqual([{ text: 'x', bold: true, italic: true }]);
    expect(parseSpans('*it **bold** it*')).toEqual([
      { text: 'it ', italic: true },
      { text: 'bold', bold: true, italic: true },
      { text: ' it', italic: true },
    ]);
  });

  it('keeps underscores inside words literal', () => {
    expect(parseSpans('pass next_page_token back')).toEqual([
      { text: 'pass next_page_token back' },
    ]);
  });

  it('keeps unclosed markers and spaced-out stars literal', () => {
    expect(parseSpans('**open and `tick')).toEqual([{ text: '**open and `tick' }]);
    expect(parseSpans('2 * 3 * 4')).toEqual([{ text: '2 * 3 * 4' }]);
  });

  it('does not format inside code spans', () => {
    expect(parseSpans('`**not bold**`')).toEqual([{ text: '**not bold**', code: true }]);
  });

  it('reads a backslash before a marker as the marker itself', () => {
    expect(parseSpans('\\*not italic\\*')).toEqual([{ text: '*not italic*' }]);
  });
});

describe('parseInline', () => {
  it('splits paragraphs at blank lines and keeps their lines', () => {
    expect(parseInline('one\ntwo\n\nthree')).toEqual([
      { type: 'para', lines: [[{ text: 'one' }], [{ text: 'two' }]] },
      { type: 'para', lines: [[{ text: 'three' }]] },
    ]);
  });

  it('keeps fenced code verbatim, with its language', () => {
    expect(
      parseInline('Run:\n```bash\ndatabricks jobs list  **x**\n  indented\n```\nDone.'),
    ).toEqual([
      { type: 'para', lines: [[{ text: 'Run:' }]] },
      { type: 'code', lang: 'bash', text: 'databricks jobs list  **x**\n  indented' },
      { type: 'para', lines: [[{ text: 'Done.' }]] },
    ]);
  });

  it('keeps a code block without a language, and an unclosed fence as text', () => {
    expect(parseInline('```\nx\n```')).toEqual([{ type: 'code', text: 'x' }]);
    expect(parseInline('```\nx')).toEqual([
      { type: 'para', lines: [[{ text: '```' }], [{ text: 'x' }]] },
    ]);
  });

  it('returns no blocks for empty text', () => {
    expect(parseInline('')).toEqual([]);
  });
});
