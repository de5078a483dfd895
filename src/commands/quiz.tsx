import { formatStoreProblem } from '../app/collection.js';
import { openCollection } from '../app/open.js';
import { prepareQuiz, type QuizRequest } from '../app/quiz.js';
import { splitTags } from '../app/selection.js';
import { clockFromEnv } from '../clock.js';
import { localDate } from '../core/day.js';
import { formatDuration } from '../core/duration.js';
import type { QuizResult } from '../core/quiz-score.js';
import { UserError } from '../errors.js';
import { dataDir } from '../fs/paths.js';
import { readQuizHistory, storedResult } from '../store/quiz-history.js';
import { sanitize, toJson } from '../text/sanitize.js';
import { displayWidth, padEnd, padStart } from '../text/width.js';
import { positiveInt } from './cram.js';
import { requireTerminal, showApp } from './tui.js';

export type QuizFlags = {
  readonly tag?: readonly string[];
  readonly count?: string;
  readonly time?: string;
  readonly seed?: string;
  readonly history?: boolean;
  readonly json?: boolean;
};

/** `recall quiz`: a mock test in the TUI, or with `--history` past results as text or JSON. */
export async function runQuiz(paths: readonly string[], flags: QuizFlags): Promise<void> {
  if (flags.history) return printHistory(flags.json ?? false);
  if (flags.json) throw new UserError('--json goes with --history', 2);
  const req = quizRequest(paths, flags);
  requireTerminal();
  const clock = clockFromEnv();
  await showApp(await openCollection(paths), clock, (collection) => ({
    screen: 'quiz',
    quiz: prepareQuiz(collection, req),
  }));
}

export function quizRequest(paths: readonly string[], flags: QuizFlags): QuizRequest {
  let minutes: number | undefined;
  if (flags.time !== undefined) {
    minutes = Number(flags.time);
    if (!/^\s*\d+(\.\d+)?\s*$/.test(flags.time) || !(minutes > 0) || minutes > 24 * 60) {
      throw new UserError(`--time must be a number of minutes above 0 (got "${flags.time}")`, 2);
    }
  }
  if (flags.seed !== undefined && flags.seed.trim() === '') {
    throw new UserError('--seed must not be empty', 2);
  }
  return {
    tags: splitTags(flags.tag),
    paths,
    ...(flags.count === undefined ? {} : { count: positiveInt('--count', flags.count) }),
    ...(minutes === undefined ? {} : { minutes }),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
  };
}

async function printHistory(json: boolean): Promise<void> {
  const { results, problems } = await readQuizHistory(dataDir(process.env));
  for (const p of problems) process.stderr.write(`${formatStoreProblem(p)}\n`);
  process.stdout.write(json ? `${toJson(historyJson(results))}\n` : historyText(results));
}

const percentage = (r: QuizResult) => (r.count === 0 ? 0 : (100 * r.correct) / r.count);

export function historyJson(results: readonly QuizResult[]) {
  return {
    quizzes: results.map((r) => ({
      ...storedResult(r),
      percentage: Math.round(percentage(r) * 10) / 10,
    })),
  };
}

/** One row per test, oldest first (so the latest is next to the prompt), and the trend. */
export function historyText(results: readonly QuizResult[]): string {
  if (results.length === 0) return 'No mock tests taken yet: start one with `recall quiz`.\n';
  const rows = results.map((r) => [
    localTime(new Date(r.at)),
    `${r.correct}/${r.count}`,
    `${Math.round(percentage(r))}%`,
    formatDuration(r.durationMs),
    // The history file is read from disk: what it says reaches the terminal sanitized.
    sanitize(r.seed),
    sanitize([...r.selection.decks, ...r.selection.tags.map((t) => `#${t}`)].join(' ')) ||
      '(all decks)',
  ]);
  const header = ['date', 'score', '%', 'time', 'seed', 'selection'];
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]!))),
  );
  // Numbers right-aligned, text left-aligned; the last column is not padded.
  const right = new Set([1, 2, 3]);
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) =>
        i === cells.length - 1 ? c : right.has(i) ? padStart(c, widths[i]!) : padEnd(c, widths[i]!),
      )
      .join('  ');
  const last = results.slice(-8).map((r) => `${Math.round(percentage(r))}%`);
  const trend = results.length > 1 ? [`trend (last ${last.length}): ${last.join(' → ')}`] : [];
  return `${[line(header), ...rows.map(line), ...trend].join('\n')}\n`;
}

/** `2026-03-30 20:15` in local time. */
function localTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${localDate(d.getTime())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
