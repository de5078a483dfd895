import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote } from '../../src/text/shell.js';

describe('shellQuote', () => {
  it('leaves words that need no quoting as they are', () => {
    for (const word of ['decks/aws.yaml', '/home/me/.config/recall', 'a=b,c:d@e%f+g', 'x_1-2']) {
      expect(shellQuote(word)).toBe(word);
    }
  });

  it('quotes anything else so that a POSIX shell reads back the same word', () => {
    const words = ["it's", 'two words', '$HOME', '`id`', 'a;b', '*', '', 'née', 'say "hi"\n'];
    const command = `printf '%s\\0' ${words.map(shellQuote).join(' ')}`;
    const out = execFileSync('sh', ['-c', command], { encoding: 'utf8' });
    expect(out.split('\0').slice(0, -1)).toEqual(words);
  });
});
