/**
 * argv → command (src/bin.ts is the executable that calls `main`). Each command is imported only when it runs, so `recall status` never loads
 * Ink or React (start-up time is a feature: people put `status` in their shell prompt).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type CommandSpec, parseCommandLine, type Values } from './cli-args.js';
import { fail, UserError } from './errors.js';
import { packageRoot } from './fs/package-root.js';

/** The installed package's own version: one place to bump it. */
const version = (): string =>
  (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string })
    .version;
const paths = '[paths...]' as const;
const pathsHelp = 'deck files or folders (default: the shipped decks and your deck folder)';
const json = (description: string) => ({ type: 'boolean', description }) as const;
const tag = {
  type: 'string',
  multiple: true,
  value: 'tag',
  description: 'only cards with this tag (or a,b)',
  complete: 'tags',
} as const;
// Flags arrive as parseArgs gives them; each command checks its own values.
const flags = <T>(v: Values) => v as T;

export const commands: readonly CommandSpec[] = [
  {
    name: 'home',
    hidden: true,
    isDefault: true,
    summary: 'Open the home screen: decks with their due counts.',
    args: paths,
    argsHelp: pathsHelp,
    options: {},
    run: async (p) => (await import('./commands/tui.js')).runTui(p, { screen: 'home' }),
  },
  {
    name: 'review',
    summary: 'Review the cards due today (FSRS schedule); the flags make a custom study session.',
    args: paths,
    argsHelp: pathsHelp,
    options: {
      tag,
      ahead: {
        type: 'string',
        value: 'days',
        description:
          'also the reviews due in the next N study days, past reviews_per_day: 3d, 3 or 2w',
      },
      new: {
        type: 'string',
        value: 'n',
        description: 'N more new cards per deck than new_per_day leaves today',
      },
    },
    run: async (p, v) => (await import('./commands/review.js')).runReview(p, flags(v)),
  },
  {
    name: 'cram',
    summary: 'Drill cards regardless of schedule until each is answered right once.',
    args: paths,
    argsHelp: pathsHelp,
    options: {
      tag,
      limit: {
        type: 'string',
        value: 'n',
        description: 'drill only the first N cards of the order',
      },
      order: {
        type: 'string',
        value: 'order',
        description: 'weakest (lowest recall first; default), random or deck (file order)',
        complete: ['weakest', 'random', 'deck'],
      },
      reschedule: {
        type: 'boolean',
        description: 'count first answers as real reviews (default: schedule untouched)',
      },
      seed: { type: 'string', value: 'seed', description: 'seed for --order random' },
    },
    run: async (p, v) => (await import('./commands/cram.js')).runCram(p, flags(v)),
  },
  {
    name: 'quiz',
    summary: 'A mock test: N questions, no feedback until the end, optionally timed.',
    args: paths,
    argsHelp: pathsHelp,
    options: {
      tag,
      count: { type: 'string', value: 'n', description: 'number of questions (default 20)' },
      time: { type: 'string', value: 'minutes', description: 'time limit; time up ends the test' },
      seed: {
        type: 'string',
        value: 'seed',
        description: 'the same seed and decks give the same test (default: random)',
      },
      history: { type: 'boolean', description: 'print past results instead' },
      json: json('with --history: print JSON {"quizzes":[…]}'),
    },
    run: async (p, v) => (await import('./commands/quiz.js')).runQuiz(p, flags(v)),
  },
  {
    name: 'stats',
    summary: 'Retention, forecast, heatmap, weakest cards and exam readiness.',
    args: paths,
    argsHelp: pathsHelp,
    options: {
      tag,
      exam: {
        type: 'string',
        value: 'date',
        description: 'exam readiness for this date (YYYY-MM-DD)',
      },
      json: json('print the figures as JSON (docs/stats.md)'),
    },
    run: async (p, v) => (await import('./commands/stats.js')).runStats(p, flags(v)),
  },
  {
    name: 'optimize',
    summary: 'Fit FSRS to your reviews; keep the new parameters only if they predict better.',
    args: paths,
    argsHelp: 'deck files or folders (default: every deck, and the parameters of `defaults:`)',
    options: {
      preset: {
        type: 'string',
        value: 'name',
        description: 'save as the preset NAME the selected decks share (presets: in config.yaml)',
      },
      'dry-run': { type: 'boolean', description: 'train and compare, write nothing' },
      json: json(
        'print {target, reviews, cards, items, checked, current, new, better, written} (too few reviews: needed in place of checked … better)',
      ),
    },
    run: async (p, v) => (await import('./commands/optimize.js')).runOptimize(p, flags(v)),
  },
  {
    name: 'reschedule',
    summary: "Replay every card's history with the parameters in use: new memory, new due dates.",
    args: paths,
    argsHelp: pathsHelp,
    options: {
      'dry-run': { type: 'boolean', description: 'say what would move, write nothing' },
      undo: { type: 'boolean', description: 'take back the last reschedule' },
      json: json(
        'print {dryRun, rated, changed, earlier, later, same, medianEarlier, medianLater, buckets}',
      ),
    },
    run: async (p, v) => (await import('./commands/reschedule.js')).runReschedule(p, flags(v)),
  },
  {
    name: 'simulate',
    summary: 'Simulate the days ahead per desired retention: reviews, minutes, cards known.',
    args: paths,
    argsHelp: pathsHelp,
    options: {
      days: { type: 'string', value: 'n', description: 'days to simulate (default 365)' },
      retention: {
        type: 'string',
        multiple: true,
        value: 'r',
        description: 'desired retentions to compare, e.g. 0.8,0.9 (default 0.75 to 0.95)',
      },
      exam: {
        type: 'string',
        value: 'date',
        description: 'simulate to this exam day (YYYY-MM-DD) and give recall on it',
      },
      seed: { type: 'string', value: 'seed', description: 'the same seed gives the same run' },
      json: json(
        'print {days, cards, newCards, end, endDay, exam, personalParameters, measuredAnswers, retentions:[{retention, reviewsPerDay, minutesPerDay, known, meanRecall, daily}]}',
      ),
    },
    run: async (p, v) => (await import('./commands/simulate.js')).runSimulate(p, flags(v)),
  },
  {
    name: 'status',
    summary: 'Print what is due today per deck, and when the next card is due.',
    args: paths,
    argsHelp: pathsHelp,
    options: {
      json: json(
        'print {decks:[{id, name, new, learning, review, total, exam?, heldBack?}], nextDue, lastSync}',
      ),
      format: {
        type: 'string',
        value: 'template',
        description: 'one line for a shell prompt: {due} {new} {learning} {review} {next}',
      },
    },
    run: async (p, v) => (await import('./commands/status.js')).runStatus(p, flags(v)),
  },
  {
    name: 'lint',
    summary: 'Check decks: one `file:line:col: severity: message` line per problem.',
    args: paths,
    argsHelp: pathsHelp,
    options: {
      json: json('print the problems as JSON'),
      fix: {
        type: 'boolean',
        description:
          'first write an `id` into every card that lacks one (keeps comments, layout and progress)',
      },
      quiet: {
        type: 'boolean',
        description:
          'leave out the notes (advice that never fails a lint); errors and warnings print',
      },
    },
    run: async (p, v) => (await import('./commands/lint.js')).runLint(p, flags(v)),
  },
  {
    name: 'new',
    summary: 'Write a starter deck (one card of each kind) into your deck folder.',
    args: '<deck-name>',
    argsHelp: 'the deck name, or a path ending in .yaml',
    options: {
      dir: {
        type: 'string',
        value: 'dir',
        description: 'write it in this folder instead',
        complete: 'dirs',
      },
    },
    run: async ([name], v) => {
      await (await import('./commands/new.js')).runNew(name!, flags(v));
    },
  },
  {
    name: 'export',
    summary: 'Print every card with its scheduling state (tab-separated, or --json).',
    args: paths,
    argsHelp: pathsHelp,
    options: {
      json: json('print a JSON array, one object per card (with --anki: what was written)'),
      anki: {
        type: 'string',
        value: 'file',
        description: 'write an Anki package instead: notes, cards, decks, tags and every review',
      },
      force: { type: 'boolean', description: 'with --anki: replace the file if it exists' },
      'dry-run': { type: 'boolean', description: 'with --anki: count what would be written' },
    },
    run: async (p, v) => {
      const { anki, ...rest } = flags<{
        anki?: string;
        force?: boolean;
        'dry-run'?: boolean;
        json?: boolean;
      }>(v);
      if (anki !== undefined) {
        return (await import('./commands/export-anki.js')).runExportAnki(anki, p, rest);
      }
      if (rest.force || rest['dry-run'])
        throw new UserError('--force and --dry-run go with --anki FILE', 2);
      return (await import('./commands/export.js')).runExport(p, rest);
    },
  },
  {
    name: 'import',
    summary: 'Bring in an Anki package (.apkg, .colpkg) with its history, or a CSV/TSV/text file.',
    args: '<file>',
    argsHelp: 'the file to import',
    options: {
      into: {
        type: 'string',
        value: 'dir',
        description: 'write the decks into this folder (default: your deck folder)',
      },
      'deck-id': {
        type: 'string',
        value: 'id',
        description: "the top-level deck's id (default: from its name)",
      },
      'dry-run': { type: 'boolean', description: 'print what would be written, write nothing' },
      columns: {
        type: 'string',
        value: 'q,a,tags',
        description: 'the columns of a CSV/TSV without a header row',
      },
      json: json(
        'print {dryRun, into, decks:[…], media, mediaKept, reviews, suspended, cardsWithProgress, notes} as JSON',
      ),
    },
    run: async ([file], v) => (await import('./commands/import.js')).runImport(file!, flags(v)),
  },
  {
    name: 'browse',
    summary: 'Search every card: the browse screen, or the cards a query finds for scripts.',
    args: '[query] [paths...]',
    argsHelp: `a search such as 'is:due tag:api' (docs/search.md; quote it), then ${pathsHelp}`,
    options: {
      json: json('print a JSON array, one object per card found'),
      plain: {
        type: 'boolean',
        description: 'print tab-separated lines even on a terminal (the default when piped)',
      },
      sort: {
        type: 'string',
        value: 'column',
        description: 'due (default), recall, lapses, difficulty or last (most recently rated)',
      },
    },
    run: async (a, v) => (await import('./commands/browse.js')).runBrowse(a, flags(v)),
  },
  {
    name: 'doctor',
    summary: 'Report damaged data and progress whose card no deck has any more.',
    args: paths,
    argsHelp: pathsHelp,
    options: {
      json: json('print {problems, orphans, moved, notMoved, forgotten} as JSON'),
      move: {
        type: 'string',
        multiple: true,
        value: 'old=new',
        description: 're-attach orphaned progress to a card key (or every card of a deck or note)',
      },
      force: {
        type: 'boolean',
        description:
          "let --move replace a card's own progress, or take it from a card (a reordered cloze's gaps); reviews stay in the log",
      },
      forget: {
        type: 'string',
        multiple: true,
        value: 'key',
        description: 'delete orphaned progress',
      },
      'forget-orphans': {
        type: 'boolean',
        description: 'delete the progress of every orphaned card',
      },
    },
    run: async (p, v) =>
      (await import('./commands/doctor.js')).runDoctor(p, {
        ...flags<{ json?: boolean; move?: string[]; forget?: string[]; force?: boolean }>(v),
        forgetOrphans: v['forget-orphans'] === true,
      }),
  },
  {
    name: 'sync',
    summary: 'Sync progress with your other machines through your own git remote (sync.remote).',
    args: '',
    argsHelp: '',
    options: {
      json: json(
        'print {device, initialised, pushed:[{file,lines,reviews}], pulled:[…], remoteHead}',
      ),
      quiet: {
        type: 'boolean',
        description: 'print nothing and never wait for a password (automatic sync)',
      },
    },
    run: async (_, v) => (await import('./commands/sync.js')).runSync(flags(v)),
  },
  {
    name: 'completion',
    summary: 'Print the shell completion script for bash, zsh or fish (see README).',
    args: '<shell>',
    argsHelp: 'bash, zsh or fish',
    argChoices: ['bash', 'zsh', 'fish'],
    options: {},
    run: async ([shell]) =>
      (await import('./commands/completion.js')).runCompletion(shell!, commands),
  },
  {
    name: 'tags',
    hidden: true,
    summary: 'Print every tag of the decks, one per line (what completion offers for --tag).',
    args: paths,
    argsHelp: pathsHelp,
    options: {},
    run: async (p) => (await import('./commands/tags.js')).runTags(p),
  },
];

/** The commands that draw a screen in a terminal (home is the default, or a deck path). */
const SCREENS = new Set(['review', 'cram', 'quiz', 'stats', 'browse']);

/**
 * Whether `argv` most likely opens a screen: src/bin.ts then runs dist/screens.cjs, the same
 * command line bundled for its code cache. A guess is enough: both bundles run every command.
 */
export function drawsScreen(argv: readonly string[], terminal: boolean): boolean {
  const first = argv[0];
  if (!terminal || first?.startsWith('-')) return false;
  return first === undefined || SCREENS.has(first) || !commands.some((c) => c.name === first);
}

export async function main(argv: readonly string[]): Promise<number> {
  watchOutput();
  const code = await run(argv);
  return lostOutput ? 1 : code;
}

async function run(argv: readonly string[]): Promise<number> {
  try {
    const parsed = parseCommandLine(argv, commands, 'home', version);
    if (parsed.kind === 'print') {
      process.stdout.write(parsed.text);
      return 0;
    }
    await parsed.spec.run(parsed.positionals, parsed.values);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof UserError) return fail(e.message, e.exitCode);
    return fail(`unexpected error: ${(e as Error).stack ?? String(e)}`, 70);
  }
}

/** Why stdout failed, once it has: the rest of the output is lost, and the exit code says so. */
let lostOutput: NodeJS.ErrnoException | undefined;
let watching = false;

const OUTPUT_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EPIPE: 'its reader has closed it',
  EIO: 'the terminal is gone',
  EDQUOT: 'over the disk quota',
  EFBIG: 'the file is too large',
};

/**
 * A write to stdout that fails (`> /dev/full`, `| head` that exits) is reported by Node as an
 * 'error' event, after the write returned; unhandled, it is a stack trace. It is one line and
 * exit 1 instead, whenever it comes: during the command, or after `main` returned.
 */
function watchOutput(): void {
  if (watching) return;
  watching = true;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (lostOutput) return;
    lostOutput = error;
    const why = OUTPUT_ERRORS[error.code ?? ''] ?? error.message;
    fail(`cannot write the output: ${why}${error.code ? ` (${error.code})` : ''}`, 1);
    process.exitCode = 1;
  });
  // Nowhere is left to say that stderr failed too: the exit code does.
  process.stderr.on('error', () => {});
}
