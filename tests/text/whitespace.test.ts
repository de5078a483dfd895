import { describe, expect, it } from 'vitest';
import { collapseWhitespace } from '../../src/text/whitespace.js';

describe('collapseWhitespace', () => {
  it.each([
    ['  two\n\tlines  ', 'two lines'],
    ['a   b\r\nc', 'a b c'],
    ['no change', 'no change'],
    [' \n\t ', ''],
    ['non\u00a0breaking\u2003spaces', 'non breaking spaces'],
    [' leading', 'leading'],
    ['trailing ', 'trailing'],
    ['one\ttab', 'one tab'],
    ['two  spaces', 'two spaces'],
    ['line\u2028separator', 'line separator'],
    ['\ufeffbom', 'bom'],
    [' ', ''],
    ['', ''],
  ])('%j → %j', (text, expected) => {
    expect(collapseWhitespace(text)).toBe(expected);
  });
});
