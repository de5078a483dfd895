import { appendFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { QuizResult } from '../../src/core/quiz-score.js';
import {
  appendQuizResult,
  QUIZ_FILE,
  quizHistoryPath,
  readQuizHistory,
  storedResult,
} from '../../src/store/quiz-history.js';
import { isolatedEnv, recall, recallInProcess, requireBuild } from '../support/cli.js';

const result = (n: number, correct: number): QuizResult => ({
  id: `q${n}`,
  at: Date.parse(`2026-03-${String(20 + n).padStart(2, '0')}T19:30:00.000Z`),
  selection: { decks: ['databricks-jobs-api'], tags: n === 2 ? ['endpoints'] : [] },
  seed: `seed${n}`,
  count: 4,
  correct,
  durationMs: 125_000,
  questions: [0, 1, 2, 3].map((i) => ({ card: `d/c${i}`, correct: i < correct })),
});

const freshDir = () => join(mkdtempSync(join(tmpdir(), 'recall-history-')), 'data');

describe('quiz history', () => {
  it('reports a line over the cap as damaged without parsing it, and reads on', async () => {
    const dir = freshDir();
    appendQuizResult(dir, result(1, 2));
    appendFileSync(quizHistoryPath(dir), `{"id":"junk","seed":"${'x'.repeat(20_000)}"}\n`);
    appendQuizResult(dir, result(2, 3));
    const { results, problems } = await readQuizHistory(dir, 4096);
    expect(results).toEqual([result(1, 2), result(2, 3)]);
    expect(problems).toEqual([
      {
        file: quizHistoryPath(dir),
        line: 2,
        message: 'longer than 4 KiB, so not a quiz result; skipped unread',
      },
    ]);
  });

  it('reports absurd numbers as damaged lines, as the review log does', async () => {
    const dir = freshDir();
    const bad = [
      { ...result(1, 2), count: 1e300, correct: 1e300 },
      { ...result(2, 2), count: 9 },
      { ...result(3, 2), correct: 3 },
      { ...result(4, 2), durationMs: 2 ** 60 },
    ];
    for (const r of bad) appendQuizResult(dir, r);
    const { results, problems } = await readQuizHistory(dir);
    expect(results).toEqual([]);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [1, 'not a valid quiz result (count must be a whole number); skipped'],
      [2, 'not a valid quiz result (count must be the number of questions); skipped'],
      [
        3,
        'not a valid quiz result (correct must be the number of questions answered right); skipped',
      ],
      [4, 'not a valid quiz result (durationMs must be a whole number); skipped'],
    ]);
  });

  it('reports a quizzes.jsonl that is a folder as one located problem', async () => {
    const dir = freshDir();
    mkdirSync(quizHistoryPath(dir), { recursive: true });
    expect(await readQuizHistory(dir)).toEqual({
      results: [],
      problems: [
        {
          file: quizHistoryPath(dir),
          message: 'cannot be read (EISDIR); past mock tests are not shown',
        },
      ],
    });
  });

  it('keeps results across runs, oldest first, one JSON line each', async () => {
    const dir = freshDir();
    appendQuizResult(dir, result(1, 2));
    expect((await readQuizHistory(dir)).results).toEqual([result(1, 2)]);
    // A later run appends to the same file.
    appendQuizResult(dir, result(2, 3));
    const { results, problems } = await readQuizHistory(dir);
    expect(results).toEqual([result(1, 2), result(2, 3)]);
    expect(problems).toEqual([]);
    const lines = readFileSync(quizHistoryPath(dir), 'utf8').split('\n');
    expect(lines).toHaveLength(3);
    // Epoch ms in memory, the ISO instant on disk, the keys in the result's order.
    expect(lines[0]).toBe(
      '{"id":"q1","at":"2026-03-21T19:30:00.000Z","selection":{"decks":["databricks-jobs-api"],"tags":[]},"seed":"seed1","count":4,"correct":2,"durationMs":125000,"questions":[{"card":"d/c0","correct":true},{"card":"d/c1","correct":true},{"card":"d/c2","correct":false},{"card":"d/c3","correct":false}]}',
    );
  });

  it('is empty before the first test', async () => {
    expect(await readQuizHistory(freshDir())).toEqual({ results: [], problems: [] });
  });

  it('reports damaged lines with their number, skips them, and never rewrites the file', async () => {
    const dir = freshDir();
    appendQuizResult(dir, result(1, 2));
    appendFileSync(quizHistoryPath(dir), '{"id":"bad","count":"four"}\nnot json\n');
    appendQuizResult(dir, result(2, 3));
    appendFileSync(quizHistoryPath(dir), '{"id":"torn","at":"2026');
    const before = readFileSync(quizHistoryPath(dir), 'utf8');
    const { results, problems } = await readQuizHistory(dir);
    expect(results.map((r) => r.id)).toEqual(['q1', 'q2']);
    expect(problems.map((p) => [p.line, p.message.split(' (')[0]])).toEqual([
      [2, 'not a valid quiz result'],
      [3, 'not valid JSON'],
      [5, 'incomplete last line'],
    ]);
    expect(problems[0]!.file).toBe(quizHistoryPath(dir));
    expect(readFileSync(quizHistoryPath(dir), 'utf8')).toBe(before);
    // The next result starts on a line of its own, not glued to the torn one.
    appendQuizResult(dir, result(3, 4));
    const after = await readQuizHistory(dir);
    expect(after.results.map((r) => r.id)).toEqual(['q1', 'q2', 'q3']);
    expect(after.problems.map((p) => p.line)).toEqual([2, 3, 5]);
  });
});

describe('recall quiz --history', () => {
  it('prints past results as JSON, newest last, without a terminal (built binary)', () => {
    requireBuild();
    const env = isolatedEnv();
    appendQuizResult(env.RECALL_HOME!, result(1, 2));
    appendQuizResult(env.RECALL_HOME!, result(2, 3));
    const out = recall(['quiz', '--history', '--json'], env);
    expect(out.status).toBe(0);
    expect(out.stderr).toBe('');
    const json = JSON.parse(out.stdout);
    expect(
      json.quizzes.map((q: QuizResult & { percentage: number }) => [q.id, q.percentage]),
    ).toEqual([
      ['q1', 50],
      ['q2', 75],
    ]);
    expect(json.quizzes[1]).toEqual({ ...storedResult(result(2, 3)), percentage: 75 });
    expect(json.quizzes[1].at).toBe('2026-03-22T19:30:00.000Z');
  });

  it('prints a table with the trend, and reports a damaged line on stderr', async () => {
    const env = isolatedEnv();
    appendQuizResult(env.RECALL_HOME!, result(1, 2));
    appendFileSync(join(env.RECALL_HOME!, QUIZ_FILE), 'oops\n');
    appendQuizResult(env.RECALL_HOME!, result(2, 3));
    const out = await recallInProcess(['quiz', '--history'], env);
    expect(out.status).toBe(0);
    expect(out.stderr).toMatch(/quizzes\.jsonl:2: not valid JSON/);
    const lines = out.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^date\s+score\s+%\s+time\s+seed\s+selection$/);
    expect(lines[1]).toMatch(
      /^2026-03-21 19:30\s+2\/4\s+50%\s+2m 05s\s+seed1\s+databricks-jobs-api$/,
    );
    expect(lines[2]).toMatch(/3\/4\s+75%.*databricks-jobs-api #endpoints$/);
    expect(lines[3]).toBe('trend (last 2): 50% → 75%');
  });

  it('says so when no test was taken yet', async () => {
    const out = await recallInProcess(['quiz', '--history', '--json'], isolatedEnv());
    expect(JSON.parse(out.stdout)).toEqual({ quizzes: [] });
    expect((await recallInProcess(['quiz', '--history'], isolatedEnv())).stdout).toMatch(
      /No mock tests taken yet/,
    );
  });
});
