/**
 * Fault injection for config.yaml: whatever is in the file, every command that reads it ends
 * with one located line on stderr and exit 1, never a stack trace (exit 70) or a hang.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isolatedEnv, recallInProcess } from '../support/cli.js';

const laughs = (first: string) => {
  const levels = [`a: &a ${first}`];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  return `${levels.join('\n')}\n`;
};

const hostile: [string, string][] = [
  ['a billion laughs of strings', laughs('[lol, lol, lol, lol, lol, lol, lol, lol, lol]')],
  ['a billion laughs of empty lists', laughs('[[], [], [], [], [], [], [], [], []]')],
  ['an alias without its anchor', 'defaults:\n  fuzz: *f\n'],
  ['an alias inside its own anchor', 'deck_dirs: &d [a, *d]\n'],
  ['101 aliases', `x: &d dir\ndeck_dirs: [${Array(101).fill('*d').join(', ')}]\n`],
  ['a 2 MB comment', `# ${'x'.repeat(2 * 1024 * 1024)}\n`],
  // Past the last date JavaScript has: the review's rating buttons said `NaNy`, rating crashed.
  ['a 99999999-day learning step', 'defaults:\n  learning_steps: [99999999d]\n'],
  ['settings for a deck called `__proto__`', 'decks:\n  __proto__:\n    new_per_day: 5\n'],
  [
    'a deck with a 99999999-day relearning step',
    'decks:\n  x:\n    relearning_steps: [99999999d]\n',
  ],
];

describe.each(hostile)('config.yaml with %s', (_, text) => {
  it.each([['status'], ['stats'], ['export'], ['lint']])(
    '`recall %s` stops with one located line, exit 1',
    async (command) => {
      const env = isolatedEnv({ NO_COLOR: '1' });
      mkdirSync(join(env.XDG_CONFIG_HOME!, 'recall'), { recursive: true });
      writeFileSync(join(env.XDG_CONFIG_HOME!, 'recall', 'config.yaml'), text);
      const run = await recallInProcess([command], env);
      expect(run.stderr).toMatch(/^recall: \S*config\.yaml:(\d+:\d+:)? [^\n]+\n$/);
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
    },
  );
});
