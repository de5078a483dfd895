import { openCollection } from '../app/open.js';
import { type Evaluation, loadBinding, MIN_ITEMS, type Trained, train } from '../app/optimize.js';
import { progressLine } from '../app/progress-line.js';
import { hbar } from '../charts/text.js';
import { clockFromEnv } from '../clock.js';
import { configPath, targetSettings } from '../config/config.js';
import { type FsrsTarget, targetKey, writeFsrs } from '../config/write.js';
import { localDate } from '../core/day.js';
import { type TrainingSet, trainingItems } from '../core/fsrs-items.js';
import { UserError } from '../errors.js';
import { counted } from '../text/plural.js';
import { toJson, visible } from '../text/sanitize.js';
import { shellQuote } from '../text/shell.js';
import { displayWidth, truncate } from '../text/width.js';

export type OptimizeOptions = {
  readonly preset?: string;
  readonly 'dry-run'?: boolean;
  readonly json?: boolean;
};

const PRESET_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * `recall optimize`: FSRS parameters trained on the selected decks' reviews, kept in config.yaml
 * only when they predict later reviews better than the ones in use.
 */
export async function runOptimize(paths: readonly string[], opts: OptimizeOptions): Promise<void> {
  if (opts.preset !== undefined && !PRESET_NAME.test(opts.preset)) {
    throw new UserError(
      `--preset ${JSON.stringify(opts.preset)}: a preset name is letters, digits, - and _ (at most 64)`,
      2,
    );
  }
  const now = clockFromEnv()();
  // Before anything is read: where the binding cannot load, that is all there is to say.
  const binding = await loadBinding();
  const { collection, brief } = await openCollection(paths, process.env, { readOnly: true });
  for (const p of brief) process.stderr.write(`${p}\n`);
  const deckIds = [...new Set(collection.decks.map((d) => d.id))];
  const target = targetOf(paths, deckIds, opts.preset);
  const keys = new Set(collection.decks.flatMap((d) => d.cards.map((c) => c.key)));
  const set = trainingItems(await collection.store.history(), collection.dayStartsAt, (k) =>
    keys.has(k),
  );
  await collection.store.close();

  if (set.items.length < MIN_ITEMS) {
    if (opts.json) process.stdout.write(`${toJson(tooLittleJson(target, set))}\n`);
    throw new UserError(
      `${counted(set.items.length, 'review')} to learn from (a review of a card seen on an earlier day); FSRS needs ${MIN_ITEMS}: about ${MIN_ITEMS - set.items.length} more`,
    );
  }
  const settings = targetSettings(collection.config, target);
  const trained = await withProgress(
    `training on ${counted(set.reviews, 'review')} of ${counted(set.cards, 'card')}`,
    (onProgress) =>
      train(binding, set, {
        current: settings.fsrs?.w,
        relearningSteps: settings.relearningSteps.length,
        onProgress,
      }),
  );
  const file = configPath(process.env);
  const write = trained.better && opts['dry-run'] !== true;
  if (write) {
    await writeFsrs(file, target, {
      parameters: trained.w.map((x) => round(x, 4)),
      trained: localDate(now),
      reviews: set.reviews,
      log_loss: round(trained.next.logLoss, 4),
      rmse: round(trained.next.rmse, 4),
    });
  }
  process.stdout.write(
    opts.json
      ? `${toJson(trainedJson(target, set, trained, settings.fsrs !== undefined, write))}\n`
      : trainedText(target, set, trained, {
          personal: settings.fsrs !== undefined,
          written: write,
          dryRun: opts['dry-run'] === true,
          file,
          reschedule: ['recall', 'reschedule', ...paths].map(shellQuote).join(' '),
        }),
  );
}

/** Where the parameters go: a named preset, the one deck the paths hold, or every deck. */
function targetOf(
  paths: readonly string[],
  deckIds: readonly string[],
  preset: string | undefined,
): FsrsTarget {
  if (preset !== undefined) return { kind: 'preset', preset, decks: deckIds };
  if (paths.length === 0) return { kind: 'defaults' };
  if (deckIds.length === 1) return { kind: 'deck', deck: deckIds[0]! };
  throw new UserError(
    `the paths hold ${counted(deckIds.length, 'deck')}: give one deck, or --preset NAME for parameters they share`,
    2,
  );
}

/**
 * Runs `work` with a progress bar on stderr (a terminal only). Ctrl-C ends the process at once:
 * nothing is written before training and its check are over, so there is nothing to undo.
 */
async function withProgress<T>(
  label: string,
  work: (onProgress: (done: number) => void) => Promise<T>,
): Promise<T> {
  const tty = process.stderr.isTTY === true;
  const line = progressLine();
  const draw = (done: number) => line(progressBar(label, done, process.stderr.columns || 80));
  const clear = () => line(undefined);
  const interrupted = () => {
    clear();
    process.stderr.write('recall: optimize interrupted: nothing was written\n');
    process.exit(130);
  };
  // Listening before saying anything: a Ctrl-C just after the line must find the handler.
  process.once('SIGINT', interrupted);
  process.stderr.write(tty ? '' : `${label}…\n`);
  draw(0);
  try {
    return await work(draw);
  } catch (e) {
    if (e instanceof UserError) throw e;
    // fsrs-rs refuses data it cannot fit (NotEnoughData, InvalidInput): a problem in the data.
    throw new UserError(`FSRS could not be trained on these reviews: ${(e as Error).message}`);
  } finally {
    process.off('SIGINT', interrupted);
    clear();
  }
}

/**
 * The progress line's bar, narrower than the terminal: a line that wrapped would leave a copy
 * of itself behind at every redraw (`\r` goes back to the start of the last line only).
 */
export function progressBar(label: string, done: number, columns: number): string {
  const pct = `${Math.floor(done * 100)}%`;
  // Room for the label, ` ▕`, `▏ ` and `100%`, one column to spare.
  const width = Math.min(40, columns - 1 - displayWidth(label) - 8);
  if (width < 5) return `${truncate(label, Math.max(1, columns - 6))} ${pct}`;
  return `${label} ▕${hbar(done * width * 8).padEnd(width, ' ')}▏ ${pct}`;
}

const round = (x: number, digits: number) => Number(x.toFixed(digits));

function trainedText(
  target: FsrsTarget,
  set: TrainingSet,
  t: Trained,
  o: { personal: boolean; written: boolean; dryRun: boolean; file: string; reschedule: string },
): string {
  const row = (name: string, e: Evaluation) =>
    `${name.padEnd(26)}${e.logLoss.toFixed(4).padStart(9)}${`${(e.rmse * 100).toFixed(2)}%`.padStart(9)}`;
  const verdict = !t.better
    ? 'The parameters in use predict as well or better: nothing was changed.'
    : o.dryRun
      ? `The new parameters predict better (--dry-run: nothing was written to ${targetKey(target)}).`
      : `The new parameters predict better: saved as ${targetKey(target)}\nin ${visible(o.file)}.\nThey schedule your next ratings; to give every card the memory and due date\nits history gives with them now: ${visible(o.reschedule)}`;
  return `${[
    `Trained on ${counted(set.reviews, 'review')} of ${counted(set.cards, 'card')}.`,
    `${''.padEnd(26)}${'log loss'.padStart(9)}${'RMSE'.padStart(9)}`,
    row(o.personal ? 'in use (yours)' : 'in use (FSRS defaults)', t.current),
    row('new', t.next),
    `Checked on ${counted(t.checked, 'later review')}, each predicted from earlier ones only.`,
    verdict,
  ].join('\n')}\n`;
}

function trainedJson(
  target: FsrsTarget,
  set: TrainingSet,
  t: Trained,
  personal: boolean,
  written: boolean,
) {
  return {
    target: targetKey(target),
    reviews: set.reviews,
    cards: set.cards,
    items: set.items.length,
    checked: t.checked,
    current: { personal, logLoss: t.current.logLoss, rmse: t.current.rmse },
    new: { parameters: t.w, logLoss: t.next.logLoss, rmse: t.next.rmse },
    better: t.better,
    written,
  };
}

function tooLittleJson(target: FsrsTarget, set: TrainingSet) {
  return {
    target: targetKey(target),
    reviews: set.reviews,
    cards: set.cards,
    items: set.items.length,
    needed: MIN_ITEMS - set.items.length,
    written: false,
  };
}
