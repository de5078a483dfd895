import { readFile, realpath, stat } from 'node:fs/promises';
import { sep } from 'node:path';
import { formatProblem } from '../app/collection.js';
import {
  configWarnings,
  deckPaths,
  lostLines,
  openCollection,
  refuseMissing,
  shippedDecksDir,
} from '../app/open.js';
import { progressKeys } from '../app/progress-keys.js';
import { parseProgress } from '../app/progress-line.js';
import { formerKeyMoves } from '../app/reattach.js';
import { loadConfig } from '../config/config.js';
import type { Deck, KeyedDeck, Problem } from '../core/card.js';
import { lintReport } from '../deck/advice.js';
import { discoverDeckFiles } from '../deck/discover.js';
import { FixError, fixIds } from '../deck/fix.js';
import { MAX_DECK_BYTES } from '../deck/limits.js';
import { lintFiles } from '../deck/lint-cache.js';
import { uniqueDecks } from '../deck/load.js';
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
  // What the checks read of each file (lint-cache.ts), through the deck cache where it misses.
  const progress = parseProgress();
  const discovered = await discoverDeckFiles(deckPaths(paths, config));
  const files = await lintFiles(discovered.files, cacheDir(), {
    onParsed: progress.onParsed,
  }).finally(progress.end);
  const { kept, problems: loadProblems } = uniqueDecks(
    discovered.files,
    files,
    discovered.problems,
  );
  const decks = kept.map((i) => files[i]!.deck!);
  const load = { decks, problems: loadProblems };
  refuseMissing(load.problems);
  await refreshSchemas(decks);
  const report = lintReport(load, (deck) => deck.advice);
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
    const out = lineWriter();
    for (const f of fix?.fixed ?? []) out.line(formatFixed(f));
    for (const s of fix?.skipped ?? []) {
      const { file, line = 1, col = 1, reason } = s;
      out.line(
        formatProblem({ file, line, col, severity: 'warning', rule: 'not-fixed', message: reason }),
      );
    }
    for (const p of problems) out.line(formatProblem(p));
    for (const line of lost) out.line(`warning: ${line}`);
    if (!opts.quiet) for (const p of notes) out.line(formatProblem(p));
    out.end();
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

/**
 * Lines to stdout a few thousand at a time: one write per line was 0.2 s at 88k lines, and
 * all of them held at once 18 MB.
 */
function lineWriter(batch = 4096) {
  let lines: string[] = [];
  const flush = () => {
    if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
    lines = [];
  };
  return {
    line(text: string) {
      if (lines.push(text) >= batch) flush();
    },
    end: flush,
  };
}

/** The `.recall/deck.schema.json` copies beside the decks, made this recall's schema. */
async function refreshSchemas(decks: readonly Pick<Deck, 'file'>[]): Promise<void> {
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
 * The progress no card matches any more, from the keys holding progress in the store
 * (progress-keys.ts: the store read only, or its keys from the cache; lint writes no
 * progress), after the former keys are re-attached as a read-only open does: what home shows too.
 */
async function lostProgressOf(decks: readonly KeyedDeck[], paths: readonly string[]) {
  const { held, dir } = await progressKeys(process.env);
  for (const { from, to } of formerKeyMoves(decks, held)) {
    held.add(to);
    held.delete(from);
  }
  return lostLines(decks, held, dir, paths);
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
