/**
 * `recall import FILE`: an Anki package (.apkg, .colpkg, or a bare collection file) or a plain
 * text / CSV file → deck files in a folder, with the Anki history logged. Any problem with the
 * file is one line, `recall import: FILE: what is wrong`, exit 1, and nothing is written.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { basename, extname, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openProgress } from '../app/open.js';
import { progressLine } from '../app/progress-line.js';
import { clockFromEnv } from '../clock.js';
import { dayStart } from '../core/day.js';
import { CARD_ID_PATTERN } from '../deck/identity.js';
import { UserError } from '../errors.js';
import { packageRoot } from '../fs/package-root.js';
import { configDir } from '../fs/paths.js';
import { planAnkiImport } from '../import/anki-import.js';
import { isSqlite, readAnkiPackage } from '../import/anki-package.js';
import { BadInput } from '../import/bad-input.js';
import { applyPlan, dryOutcome, knownKeys, type Outcome, type Plan } from '../import/plan.js';
import { planTextImport } from '../import/text-import.js';
import { counted } from '../text/plural.js';
import { toJson, visible } from '../text/sanitize.js';

export type ImportOptions = {
  readonly into?: string;
  readonly 'deck-id'?: string;
  readonly 'dry-run'?: boolean;
  readonly columns?: string;
  readonly json?: boolean;
};

/** Packages past this are refused unread (Node reads at most 2 GiB into one buffer). */
const MAX_PACKAGE_FILE = 2 * 1024 * 1024 * 1024 - 1;

export async function runImport(
  file: string,
  opts: ImportOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const deckId = opts['deck-id'];
  if (deckId !== undefined && !CARD_ID_PATTERN.test(deckId)) {
    throw new UserError(
      `--deck-id ${JSON.stringify(deckId)}: use lowercase letters, digits, '-', '_' and '.'`,
      2,
    );
  }
  const into = resolve(opts.into ?? resolve(configDir(env), 'decks'));
  const schema = pathToFileURL(resolve(packageRoot(), 'schema', 'deck.schema.json')).href;
  const progress = progressLine();
  const now = clockFromEnv(env)();
  try {
    const data = readInput(file);
    const opened = await openProgress(env, { readOnly: opts['dry-run'] === true });
    const { store, schedules } = opened;
    try {
      for (const p of opened.problems) process.stderr.write(`${p}\n`);
      const anki = isZip(data) || isSqlite(data);
      if (!anki && ANKI_EXTENSIONS.has(extname(file).toLowerCase())) {
        throw new BadInput('not an Anki package (not a zip file)');
      }
      let plan: Plan;
      if (anki) {
        progress('reading the package');
        const pkg = await readAnkiPackage(data);
        plan = planAnkiImport(pkg, {
          into,
          ...(deckId === undefined ? {} : { deckId }),
          schedulerFor: (id) => schedules.schedulerFor(id),
          onProgress: (done, total) => progress(`replaying history: ${done}/${total} cards`),
        });
      } else {
        plan = planTextImport(data, basename(file, extname(file)), {
          into,
          ...(deckId === undefined ? {} : { deckId }),
          ...(opts.columns === undefined ? {} : { columns: opts.columns }),
          extension: extname(file).toLowerCase(),
        });
      }
      const outcome = opts['dry-run']
        ? dryOutcome(plan, schema, await knownKeys(store, plan))
        : await applyPlan(
            plan,
            into,
            schema,
            store,
            now,
            dayStart(now, opened.dayStartsAt, 1),
            (done, total) => progress(`logging history: ${done}/${total} cards`),
          );
      progress(undefined);
      report(outcome, plan, into, opts);
    } finally {
      await store.close();
    }
  } catch (e) {
    progress(undefined);
    if (!(e instanceof BadInput)) throw e;
    process.stderr.write(`recall import: ${visible(file)}: ${visible(e.message)}\n`);
    process.exitCode = 1;
  }
}

function readInput(file: string): Uint8Array {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new BadInput(code === 'ENOENT' ? 'no such file' : `cannot read it (${code})`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new BadInput('not a file');
    if (stat.size > MAX_PACKAGE_FILE) throw new BadInput('over 2 GB: too large to import');
    const data = new Uint8Array(stat.size);
    let at = 0;
    while (at < data.length) {
      const n = readSync(fd, data, at, data.length - at, at);
      if (n === 0) break;
      at += n;
    }
    return data.subarray(0, at);
  } finally {
    closeSync(fd);
  }
}

const ANKI_EXTENSIONS = new Set(['.apkg', '.colpkg', '.anki2', '.anki21', '.anki21b']);

const isZip = (d: Uint8Array) => d[0] === 0x50 && d[1] === 0x4b;

function report(outcome: Outcome, plan: Plan, into: string, opts: ImportOptions): void {
  const dry = opts['dry-run'] === true;
  if (opts.json) {
    process.stdout.write(`${toJson({ dryRun: dry, into, ...outcome, notes: plan.notes })}\n`);
    return;
  }
  const cards = outcome.decks.reduce((n, d) => n + d.cards, 0);
  const lines = [
    `${dry ? 'would import' : 'imported'} ${counted(outcome.decks.length, 'deck')}, ${counted(cards, 'card')}, ${counted(outcome.reviews, 'review')}, ${counted(outcome.media, 'media file')} into ${into}`,
    ...outcome.decks.map(
      (d) =>
        `  ${d.updated ? 'update' : 'new   '} ${relative(into, d.path)}  ${d.name} (${counted(d.cards, 'card')}${d.kept > 0 ? `; ${d.kept} of yours kept` : ''})`,
    ),
    ...plan.notes.map((n) => `note: ${n}`),
  ];
  if (outcome.cardsWithProgress > 0) {
    lines.push(
      `note: ${counted(outcome.cardsWithProgress, 'card')} already had progress in recall: their history was left as it is`,
    );
  }
  if (outcome.mediaKept > 0) {
    lines.push(`note: ${counted(outcome.mediaKept, 'media file')} already there, kept as they are`);
  }
  process.stdout.write(`${lines.map(visible).join('\n')}\n`);
}
