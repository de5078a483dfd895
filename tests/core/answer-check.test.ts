import { describe, expect, it } from 'vitest';
import {
  type CharDiff,
  checkTyped,
  diffChars,
  normalizeAnswer,
} from '../../src/core/answer-check.js';

const spell = (diff: CharDiff[], keep: 'add' | 'del') =>
  diff
    .filter((d) => d.op === 'same' || d.op === keep)
    .map((d) => (d.op === 'same' && keep === 'del' ? d.typed : d.text))
    .join('');

describe('typed answers', () => {
  it.each([
    ['  Hello   World ', 'hello world'],
    ['`max_retries`', 'max_retries'],
    ['"quoted"', 'quoted'],
    ["' `both` '", 'both'],
    ['“curly”', 'curly'],
    ['"unbalanced', '"unbalanced'],
  ])('normalises %j to %j', (input, out) => {
    expect(normalizeAnswer(input)).toBe(out);
  });

  it('accepts any accepted answer after normalisation and names the one matched', () => {
    expect(checkTyped(' `RUN_NOW` ', ['run-now', 'run_now'])).toEqual({
      correct: true,
      close: false,
      best: 'run_now',
    });
  });

  it.each([
    ['clster', ['cluster'], true], // one deletion, short answer
    ['clsuter', ['cluster'], true], // a swap is one edit
    ['clstr', ['cluster'], false], // two edits in ≤ 8 characters
    ['max_concurent_runz', ['max_concurrent_runs'], true], // two edits in a long answer
    ['max_concur_runz', ['max_concurrent_runs'], false],
    ['428', ['429'], false], // a wrong number is not a typo
    ['b', ['a'], false], // too short to be a typo
    ['', ['abc'], false],
  ])('calls %j close to %j: %s', (input, accepted, close) => {
    const check = checkTyped(input, accepted);
    expect(check.correct).toBe(false);
    expect(check.close).toBe(close);
  });

  it('picks the nearest accepted answer as the one to show', () => {
    expect(checkTyped('jobs/runs/lst', ['/api/2.1/jobs/runs/list', 'jobs/runs/list']).best).toBe(
      'jobs/runs/list',
    );
    expect(checkTyped('x', [])).toEqual({ correct: false, close: false, best: '' });
  });

  it('diffs by character: kept, typed but not expected (del), expected but not typed (add)', () => {
    expect(diffChars('clster', 'cluster')).toEqual([
      { op: 'same', text: 'cl', typed: 'cl' },
      { op: 'add', text: 'u' },
      { op: 'same', text: 'ster', typed: 'ster' },
    ]);
    expect(diffChars('cat', 'cut')).toEqual([
      { op: 'same', text: 'c', typed: 'c' },
      { op: 'del', text: 'a' },
      { op: 'add', text: 'u' },
      { op: 'same', text: 't', typed: 't' },
    ]);
    expect(diffChars('', 'abc')).toEqual([{ op: 'add', text: 'abc' }]);
    expect(diffChars('abc', '')).toEqual([{ op: 'del', text: 'abc' }]);
  });

  it('ignores case in the diff and spells both sides back, each as written', () => {
    expect(diffChars('PARIS', 'Paris')).toEqual([{ op: 'same', text: 'Paris', typed: 'PARIS' }]);
    for (const [typed, expected] of [
      ['max_concurent_runz', 'max_concurrent_runs'],
      ['POST /jobs/runnow', 'POST /api/2.1/jobs/run-now'],
      ['  spaced  ', 'spaced out'],
    ] as const) {
      const d = diffChars(typed, expected);
      expect(spell(d, 'add')).toBe(expected.trim());
      expect(spell(d, 'del')).toBe(typed.trim());
    }
  });
});
