/**
 * argv → command. Each command is imported only when it runs, so `recall status` never loads
 * Ink or React (start-up time is a feature: people put `status` in their shell prompt).
 */
import { Command, CommanderError } from 'commander';
import { fail, UserError } from './errors.js';

// chalk (inside Ink) reads FORCE_COLOR but not NO_COLOR (https://no-color.org); Ink is imported
// later, lazily, so setting this first is enough.
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';

const program = new Command('recall')
  .description('Spaced-repetition flashcards and exam prep in the terminal.')
  .version(process.env.RECALL_VERSION ?? '0.1.0', '-V, --version')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();

program
  .command('home', { isDefault: true, hidden: true })
  .description('open the home screen')
  .argument('[paths...]', 'deck files or folders')
  .action(async (paths: string[]) =>
    (await import('./commands/tui.js')).runTui(paths, { screen: 'home' }),
  );

program
  .command('review')
  .description('review the cards due today (FSRS schedule)')
  .argument('[paths...]', 'deck files or folders (default: shipped decks and your deck folder)')
  .action(async (paths: string[]) =>
    (await import('./commands/tui.js')).runTui(paths, { screen: 'review' }),
  );

program
  .command('status')
  .description('print what is due today per deck')
  .argument('[paths...]', 'deck files or folders')
  .option('--json', 'print JSON: {"decks":[{id,name,new,learning,review,total}],"nextDue"}')
  .action(async (paths: string[], opts: { json?: boolean }) =>
    (await import('./commands/status.js')).runStatus(paths, opts),
  );

program
  .command('lint')
  .description('check decks; one `file:line:col: severity: message` line per problem')
  .argument('[paths...]', 'deck files or folders')
  .option('--json', 'print the problems as JSON')
  .option('--fix', 'first write an `id` into every card that lacks one (keeps comments and layout)')
  .action(async (paths: string[], opts: { json?: boolean; fix?: boolean }) =>
    (await import('./commands/lint.js')).runLint(paths, opts),
  );

program
  .command('new')
  .description('write a starter deck (one card of each kind) into your deck folder')
  .argument('<deck-name>', 'the deck name, or a path ending in .yaml')
  .option('--dir <dir>', 'write it in this folder instead')
  .action(async (name: string, opts: { dir?: string }) => {
    await (await import('./commands/new.js')).runNew(name, opts);
  });

const collectTags = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

program
  .command('cram')
  .description('drill cards regardless of their schedule until each is answered right once')
  .argument('[paths...]', 'deck files or folders')
  .option('--tag <tag>', 'only cards with this tag (repeatable, or a,b)', collectTags)
  .option('--limit <n>', 'drill only the first N cards of the order')
  .option(
    '--order <order>',
    'weakest (lowest recall first), random or deck (file order)',
    'weakest',
  )
  .option('--reschedule', 'count first answers as real reviews (default: schedule untouched)')
  .option('--seed <seed>', 'seed for --order random')
  .action(async (paths: string[], opts: import('./commands/cram.js').CramFlags) =>
    (await import('./commands/cram.js')).runCram(paths, opts),
  );

program
  .command('quiz')
  .description('a mock test: N questions, no feedback until the end, optionally timed')
  .argument('[paths...]', 'deck files or folders')
  .option('--tag <tag>', 'only cards with this tag (repeatable, or a,b)', collectTags)
  .option('--count <n>', 'number of questions (default 20)')
  .option('--time <minutes>', 'time limit; time up ends the test')
  .option('--seed <seed>', 'the same seed and decks give the same test (default: random)')
  .option('--history', 'print past results instead (date, selection, score, time)')
  .option('--json', 'with --history: print JSON {"quizzes":[…]}')
  .action(async (paths: string[], opts: import('./commands/quiz.js').QuizFlags) =>
    (await import('./commands/quiz.js')).runQuiz(paths, opts),
  );

program
  .command('export')
  .description('print every card with its scheduling state (tab-separated, or --json)')
  .argument('[paths...]', 'deck files or folders')
  .option('--json', 'print a JSON array, one object per card')
  .action(async (paths: string[], opts: { json?: boolean }) =>
    (await import('./commands/export.js')).runExport(paths, opts),
  );

program
  .command('doctor')
  .description('report damaged data and progress whose card no deck has any more')
  .argument('[paths...]', 'deck files or folders')
  .option('--json', 'print {problems, orphans} as JSON')
  .option('--move <from=to...>', 're-attach orphaned progress to a card key')
  .option('--forget <key...>', 'delete the progress of orphaned cards')
  .option('--forget-orphans', 'delete the progress of every orphaned card')
  .action(async (paths: string[], opts) =>
    (await import('./commands/doctor.js')).runDoctor(paths, opts),
  );

program
  .command('stats')
  .description('retention, forecast, heatmap, weakest cards and exam readiness')
  .argument('[paths...]', 'deck files or folders')
  .option('--tag <tag...>', 'only cards with one of these tags')
  .option('--exam <date>', 'exam readiness for this date (YYYY-MM-DD)')
  .option('--json', 'print the figures as JSON (docs/stats.md)')
  .action(async (paths: string[], opts) =>
    (await import('./commands/stats.js')).runStats(paths, opts),
  );

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await program.parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version "fail" with exit code 0.
      return e.exitCode === 0 ? 0 : 2;
    }
    if (e instanceof UserError) return fail(e.message, e.exitCode);
    return fail(`unexpected error: ${(e as Error).stack ?? String(e)}`, 70);
  }
}

process.exitCode = await main(process.argv.slice(2));
