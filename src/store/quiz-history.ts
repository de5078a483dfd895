/**
 * The quiz history, one file per device (`quizzes/<device>.jsonl`, beside `log/`; a folder no
 * device has written yet has the single `quizzes.jsonl`): one finished mock test (`QuizResult`)
 * per line, only ever appended, the same way as the review log (one write of the whole line to an
 * `O_APPEND` descriptor, then `fdatasync`). A damaged line is reported with its number and
 * skipped, never rewritten. `at` is ISO-8601 in the file and epoch ms once read.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { QuizResult } from '../core/quiz-score.js';
import { makeDirs } from '../fs/make-dirs.js';
import { isStrings } from '../text/is-strings.js';
import { instantIso, instantMs } from './instant.js';
import { formatBytes, type Line, LogFile, MAX_LINE_BYTES, OVERLONG } from './log.js';
import type { StoreProblem } from './model.js';
import { isCount, isDate, isObj } from './validate.js';

export const QUIZ_FILE = 'quizzes.jsonl';

/** The folder of the per-device quiz histories, beside `log/`. */
export const QUIZ_DIR = 'quizzes';

/** The single quiz history of a folder no device has written yet (or of a given device). */
export function quizHistoryPath(dataDir: string, device?: string): string {
  return device === undefined
    ? join(dataDir, QUIZ_FILE)
    : join(dataDir, QUIZ_DIR, `${device}.jsonl`);
}

/**
 * Appends one result durably to this device's quiz history (`quizzes/<device>.jsonl`; without
 * a device, the single `quizzes.jsonl`). The folder is created if missing.
 */
export function appendQuizResult(dataDir: string, result: QuizResult, device?: string): void {
  const path = quizHistoryPath(dataDir, device);
  makeDirs(dirname(path));
  const log = LogFile.open(path);
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
  /** Oldest first: every device's, by time (one device's in file order). */
  readonly results: readonly QuizResult[];
  readonly problems: readonly StoreProblem[];
};

/**
 * Every result kept in `dataDir` (none when the file does not exist yet). Read like the review
 * log: a bounded buffer, and a line over `maxLine` bytes is damage, never parsed. A file that
 * cannot be read at all (a folder, denied) is one located problem, not a failure.
 */
export async function readQuizHistory(
  dataDir: string,
  maxLine = MAX_LINE_BYTES,
): Promise<QuizHistory> {
  const results: QuizResult[] = [];
  const problems: StoreProblem[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(join(dataDir, QUIZ_DIR)).filter((n) => n.endsWith('.jsonl'));
  } catch {
    // No device has kept a quiz result yet.
  }
  const files = [quizHistoryPath(dataDir), ...names.sort().map((n) => join(dataDir, QUIZ_DIR, n))];
  for (const file of files) readOne(file, maxLine, results, problems);
  // A stable sort: one device's results keep their order, devices interleave by time.
  results.sort((a, b) => a.at - b.at);
  return { results, problems };
}

function readOne(
  file: string,
  maxLine: number,
  results: QuizResult[],
  problems: StoreProblem[],
): void {
  let log: LogFile | undefined;
  try {
    log = LogFile.open(file, 'read', maxLine);
    const size = log.size();
    let line = 0;
    const end = log.readText(0, size, (lines) => {
      for (const text of lines) {
        line += 1;
        const problem = lineProblem(text, maxLine, results);
        if (problem !== undefined) problems.push({ file, line, message: problem });
      }
    });
    if (end < size) {
      problems.push({
        file,
        line: line + 1,
        message: 'incomplete last line (a write cut short by a crash?); skipped',
      });
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw e;
    problems.push({ file, message: `cannot be read (${code}); past mock tests are not shown` });
  } finally {
    log?.close();
  }
}

/** Adds the result on one line to `results`; returns why the line was skipped, if it was. */
function lineProblem(text: Line, maxLine: number, results: QuizResult[]): string | undefined {
  if (text === OVERLONG)
    return `longer than ${formatBytes(maxLine)}, so not a quiz result; skipped unread`;
  if (text.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'not valid JSON (a write cut short by a crash, or a hand edit?); skipped';
  }
  const problem = resultProblem(value);
  if (problem !== undefined) return `not a valid quiz result (${problem}); skipped`;
  const stored = value as StoredQuizResult;
  results.push({ ...stored, at: instantMs(stored.at) });
  return undefined;
}

/** Why `v` is not a QuizResult, or undefined when it is one. */
export function resultProblem(v: unknown): string | undefined {
  if (!isObj(v)) return 'not an object';
  if (typeof v.id !== 'string' || v.id === '') return 'id must be text';
  if (!isDate(v.at)) return 'at must be a date';
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
  // What a finished test writes; a hand edit that breaks it would print as a nonsense score.
  if (v.questions.length !== v.count) return 'count must be the number of questions';
  if (v.questions.filter((q) => q.correct).length !== v.correct) {
    return 'correct must be the number of questions answered right';
  }
  return undefined;
}
