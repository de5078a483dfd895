/**
 * The quiz history, `quizzes.jsonl` beside the review log: one finished mock test (`QuizResult`)
 * per line, only ever appended, the same way as the review log (one write of the whole line to an
 * `O_APPEND` descriptor, then `fdatasync`). A damaged line is reported with its number and
 * skipped, never rewritten. `at` is ISO-8601 in the file and epoch ms once read.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { QuizResult } from '../core/quiz-score.js';
import { makeDirs } from '../fs/make-dirs.js';
import { instantIso, instantMs } from './instant.js';
import { LogFile } from './log.js';
import type { StoreProblem } from './model.js';

export const QUIZ_FILE = 'quizzes.jsonl';

export function quizHistoryPath(dataDir: string): string {
  return join(dataDir, QUIZ_FILE);
}

/** Appends one result durably (the folder is created if missing). */
export function appendQuizResult(dataDir: string, result: QuizResult): void {
  makeDirs(dataDir);
  const log = LogFile.open(quizHistoryPath(dataDir));
  try {
    const size = log.size();
    // After a line torn by a crash, start on a new line so this one is not glued to it.
    const torn = size > 0 && log.bytesBefore(size, 1)[0] !== 0x0a;
    log.append(`${JSON.stringify(storedResult(result))}\n`, torn);
  } finally {
    log.close();
  }
}

/** A result as `quizzes.jsonl` holds it: the same fields, the time as ISO-8601. */
export type StoredQuizResult = Omit<QuizResult, 'at'> & { readonly at: string };

/** The line written for `result` (key order kept, so files and `--json` read the same). */
export const storedResult = (result: QuizResult): StoredQuizResult => ({
  ...result,
  at: instantIso(result.at),
});

export type QuizHistory = {
  /** In file order: oldest first. */
  readonly results: readonly QuizResult[];
  readonly problems: readonly StoreProblem[];
};

/** Every result kept in `dataDir` (none when the file does not exist yet). */
export async function readQuizHistory(dataDir: string): Promise<QuizHistory> {
  const file = quizHistoryPath(dataDir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { results: [], problems: [] };
    throw e;
  }
  const results: QuizResult[] = [];
  const problems: StoreProblem[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      const last = i === lines.length - 1;
      const message = last
        ? 'incomplete last line (a write cut short by a crash?); skipped'
        : 'not valid JSON (a write cut short by a crash, or a hand edit?); skipped';
      problems.push({ file, line: i + 1, message });
      return;
    }
    const problem = resultProblem(value);
    if (problem !== undefined) {
      problems.push({
        file,
        line: i + 1,
        message: `not a valid quiz result (${problem}); skipped`,
      });
      return;
    }
    const stored = value as StoredQuizResult;
    results.push({ ...stored, at: instantMs(stored.at) });
  });
  return { results, problems };
}

type Obj = { readonly [key: string]: unknown };
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
const isStrings = (v: unknown): boolean =>
  Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Why `v` is not a QuizResult, or undefined when it is one. */
export function resultProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'not an object';
  if (typeof v.id !== 'string' || v.id === '') return 'id must be text';
  if (typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at))) return 'at must be a date';
  const sel = v.selection;
  if (!isObj(sel) || !isStrings(sel.decks) || !isStrings(sel.tags)) {
    return 'selection must have decks and tags (lists of text)';
  }
  if (typeof v.seed !== 'string') return 'seed must be text';
  if (!isCount(v.count)) return 'count must be a whole number';
  if (!isCount(v.correct) || (v.correct as number) > (v.count as number)) {
    return 'correct must be a whole number no larger than count';
  }
  if (!isCount(v.durationMs)) return 'durationMs must be a whole number';
  if (
    !Array.isArray(v.questions) ||
    !v.questions.every(
      (q) => isObj(q) && typeof q.card === 'string' && typeof q.correct === 'boolean',
    )
  ) {
    return 'questions must be a list of {card, correct}';
  }
  return undefined;
}
