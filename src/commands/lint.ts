import { readFile, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { formatProblem } from '../app/collection.js';
import {
  configWarnings,
  deckPaths,
  lostWarning,
  openCollection,
  openProgress,
  refuseMissing,
  shippedDecksDir,
} from '../app/open.js';
import { parseProgress } from '../app/progress-line.js';
import { reattachFormerKeys } from '../app/reattach.js';
import { clockFromEnv } from '../clock.js';
import { loadConfig } from '../config/config.js';
import type { Deck, Problem } from '../core/card.js';
import { lintReport } from '../deck/advice.js';
import { cachedAdvice } from '../deck/advice-cache.js';
import { discoverDeckFiles } from '../deck/discover.js';
import { FixError, fixIds } from '../deck/fix.js';
import { MAX_DECK_BYTES } from '../deck/limits.js';
import { loadDecks } from '../deck/load.js';
import { refreshSchemaCopies } from '../deck/schema-copy.js';
import { writeFileAtomic } from '../fs/atomic-file.js';
import { cacheDir } from '../fs/paths.js';
import { counted } from '../text/plural.js';
import { toJson, visible } from '../text/sanitize.js';

export type LintOptions = {
  readonly json?: boolean;
  /** Write an `id` into every card that lacks one first (`--fix`). */
  readonly fix?: boolean;
  /** Leave the notes out of the plain output (their count stays in the summary). */
  readonly quiet?: boolean;
};

/** `recall lint`: every problem in the decks, one located line each; exit 1 on errors. */
export async function runLint(paths: readonly string[], opts: LintOptions): Promise<void> {
  const fix = opts.fix ? await runLintFix(paths) : undefined;
  if (fix && fix.renames.length > 0) await carryOver(paths);
  const config = await loadConfig();
  // Through the deck cache, as every start: its entries hold each file's problems too.
  const progress = parseProgress();
  const load = await loadDecks(deckPaths(paths, config), {
    cacheDir: cacheDir(),
    onParsed: progress.onParsed,
  }).finally(progress.end);
  refuseMissing(load.problems);
  const { decks } = load;
  await refreshSchemas(decks);
  // Every deck's entry read at once: one file each, none waiting on another.
  const dir = cacheDir();
  const advised = await Promise.all(
    decks.map((deck) => cachedAdvice(deck, load.versions?.get(deck), dir)),
  );
  const advice = new Map(decks.map((deck, i) => [deck, advised[i]!]));
  const report = lintReport(load, (deck) => advice.get(deck)!);
  const problems = [...configWarnings(config, load, paths), ...report.problems];
  const { notes } = report;
  const lost = await lostProgressOf(decks, paths);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors + lost.length;
  if (opts.json) {
    const json = lintJson(problems, decks.length, notes);
    const withLost = { ...json, warnings, lostProgress: lost };
    const out = fix ? { ...withLost, fixed: fix.fixed, skipped: fix.skipped } : withLost;
    process.stdout.write(`${toJson(out)}\n`);
  } else {
    for (const f of fix?.fixed ?? []) process.stdout.write(`${formatFixed(f)}\n`);
    for (const s of fix?.skipped ?? []) {
      const { file, line = 1, col = 1, reason } = s;
      process.stdout.write(
        `${formatProblem({ file, line, col, severity: 'warning', rule: 'not-fixed', message: reason })}\n`,
      );
    }
    for (const p of problems) process.stdout.write(`${formatProblem(p)}\n`);
    for (const line of lost) process.stdout.write(`warning: ${line}\n`);
    if (!opts.quiet) for (const p of notes) process.stdout.write(`${formatProblem(p)}\n`);
    const cards = decks.reduce((n, d) => n + d.cards.length, 0);
    const added = fix ? `; ${counted(fix.fixed.length, 'id')} added` : '';
    const noted =
      notes.length === 0
        ? ''
        : `, ${counted(notes.length, 'note')}${opts.quiet ? ' (not shown)' : ' (--quiet leaves them out)'}`;
    process.stderr.write(
      `${counted(decks.length, 'deck')}, ${counted(cards, 'card')}: ${counted(errors, 'error')}, ${counted(warnings, 'warning')}${noted}${added}\n`,
    );
  }
  if (errors > 0) process.exitCode = 1;
}

/** The `.recall/deck.schema.json` copies beside the decks, made this recall's schema. */
async function refreshSchemas(decks: readonly Deck[]): Promise<void> {
  const shipped = shippedDecksDir() + sep;
  const files = decks.map((d) => d.file).filter((f) => !f.startsWith(shipped));
  const { refreshed, failed } = await refreshSchemaCopies(files);
  for (const file of refreshed) {
    process.stderr.write(`${visible(`${file}: updated to this recall's deck schema`)}\n`);
  }
  for (const { file, code } of failed) {
    process.stderr.write(`${visible(`${file}: out of date, and cannot be updated (${code})`)}\n`);
  }
}

/**
 * The progress no card matches any more, from the progress store read only (lint writes no
 * progress): what home shows too.
 */
async function lostProgressOf(decks: readonly Deck[], paths: readonly string[]) {
  const { store } = await openProgress(process.env, { readOnly: true });
  try {
    reattachFormerKeys(decks, store, true, clockFromEnv()());
    return await lostWarning(decks, store, paths);
  } finally {
    await store.close();
  }
}

const located = ({ file, line, col, severity, rule, message }: Problem) => ({
  file,
  line,
  col,
  severity,
  rule,
  message,
});

/** Errors and warnings under `problems`; notes, which never fail a lint, under `notes`. */
export function lintJson(
  problems: readonly Problem[],
  decks: number,
  notes: readonly Problem[] = [],
) {
  return {
    decks,
    errors: problems.filter((p) => p.severity === 'error').length,
    warnings: problems.filter((p) => p.severity === 'warning').length,
    problems: problems.map(located),
    notes: notes.map(located),
  };
}

/** One id `--fix` wrote: where the new `id:` key is. */
export type FixedId = {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly id: string;
};

/**
 * Progress recorded under a card's content-hash key follows it to its new id: opening the
 * collection re-attaches it (app/reattach.ts) and logs the moves, the same way whatever
 * interrupted an earlier fix.
 */
async function carryOver(paths: readonly string[]): Promise<void> {
  const { collection } = await openCollection(paths);
  await collection.store.close();
}

export type LintFixResult = {
  /** Progress keys that changed: every expanded card of every card that got an id. */
  readonly renames: { from: string; to: string }[];
  readonly fixed: FixedId[];
  /** Files, or cards (with where they are), left without ids, and why. */
  readonly skipped: { file: string; line?: number; col?: number; reason: string }[];
};

export const formatFixed = (f: FixedId): string =>
  visible(`${f.file}:${f.line}:${f.col}: fixed: added id \`${f.id}\``);

/**
 * Writes an `id` into every card without one, in the decks under `paths` (default: the user's
 * deck folders, never the shipped decks). Files that cannot be read, are not UTF-8, too large or
 * have YAML syntax errors are left alone: the lint that follows reports them.
 */
export async function runLintFix(paths: readonly string[]): Promise<LintFixResult> {
  const roots =
    paths.length > 0
      ? paths
      : deckPaths([], await loadConfig()).filter((p) => p !== shippedDecksDir());
  const { files } = await discoverDeckFiles(roots);
  const result: LintFixResult = { renames: [], fixed: [], skipped: [] };
  for (const file of files) {
    try {
      const { added, notFixed } = await fixFile(file);
      for (const n of notFixed) result.skipped.push({ file, ...n });
      for (const a of added) {
        result.fixed.push({ file, line: a.line, col: a.col, id: a.id });
        a.oldKeys.forEach((from, i) => {
          const to = a.newKeys[i];
          if (to !== undefined && to !== from) result.renames.push({ from, to });
        });
      }
    } catch (error) {
      const reason =
        error instanceof FixError
          ? error.message
          : `cannot write it (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
      result.skipped.push({ file, reason: `not fixed: ${reason}` });
    }
  }
  return result;
}

/** Fixes one file in place, atomically, keeping its mode; returns what was added. */
async function fixFile(file: string) {
  const path = await realpath(file);
  const before = await stat(path);
  if (!before.isFile() || before.size > MAX_DECK_BYTES) return { added: [], notFixed: [] };
  const bytes = await readFile(path);
  let text: string;
  try {
    // ignoreBOM keeps a byte-order mark in the text, so the file keeps it too.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return { added: [], notFixed: [] };
  }
  const { text: fixed, added, notFixed } = fixIds(text, file);
  if (added.length === 0) return { added, notFixed };

  const now = await stat(path);
  if (now.size !== before.size || now.mtimeMs !== before.mtimeMs) {
    throw new FixError('the file changed while it was being fixed; run again');
  }
  await writeFileAtomic(path, fixed, { mode: before.mode & 0o7777 });
  return { added, notFixed };
}
