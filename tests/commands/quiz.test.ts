import { describe, expect, it } from 'vitest';
import { positiveInt } from '../../src/commands/cram.js';
import { historyText } from '../../src/commands/quiz.js';
import type { QuizResult } from '../../src/core/quiz-score.js';
import { displayWidth } from '../../src/text/width.js';

const result = (seed: string, decks: string[]): QuizResult => ({
  id: seed,
  at: Date.parse('2026-03-20T19:30:00.000Z'),
  selection: { decks, tags: [] },
  seed,
  count: 4,
  correct: 3,
  durationMs: 125_000,
  questions: [],
});

describe('historyText', () => {
  it('aligns the columns by display width, wide characters counting two', () => {
    const text = historyText([result('日本語', ['a']), result('abc', ['b'])]);
    const lines = text.split('\n');
    const selectionAt = (line: string) => displayWidth(line.slice(0, line.lastIndexOf('  ') + 2));
    expect(lines.slice(0, 3).map(selectionAt)).toEqual([
      selectionAt(lines[0]!),
      selectionAt(lines[0]!),
      selectionAt(lines[0]!),
    ]);
  });

  it('shows what the history file holds without passing on terminal controls', () => {
    const text = historyText([result('\x1b]0;owned\x07s1', ['deck\x1b[2J'])]);
    expect(text).not.toMatch(/\x1b/);
    expect(text).toMatch(/s1 +deck\n/);
  });
});

describe('a count flag', () => {
  it.each(['-5', '0', '2.5', 'ten'])('refuses %j in recall’s words, as a usage error', (v) => {
    expect(() => positiveInt('--count', v)).toThrow(
      expect.objectContaining({
        exitCode: 2,
        message: `--count must be a whole number of at least 1 (got "${v}")`,
      }),
    );
  });
});
