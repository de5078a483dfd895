/**
 * What an import will do, decided before anything is written: the deck files (new, or an
 * update of a file a former import of the same deck made), the media files, and the reviews to
 * log. `applyPlan` then writes the files through a staging folder and appends the history of
 * every card that has none yet in recall, so importing twice adds nothing the second time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROW_UNDONE } from '../core/history.js';
import type { LogEntry } from '../store/model.js';
import type { ProgressStore } from '../store/progress.js';
import type { Converted } from './anki-notes.js';
import { BadInput } from './bad-input.js';
import { deckYaml, importedFrom } from './deck-yaml.js';
import {
  buryEntry,
  historyEntry,
  type ImportedReview,
  markEntry,
  suspendEntry,
} from './history.js';
import { stageAndRename } from './stage.js';

export type PlannedDeck = {
  /** Absolute path. */
  readonly path: string;
  readonly deckId: string;
  readonly name: string;
  /** What it came from (`anki deck 1700000000`, `text spanish.csv`): marks the file as this import's. */
  readonly source: string;
  readonly entries: readonly Converted[];
};

export type PlannedMedia = {
  readonly path: string;
  readonly read: () => Uint8Array;
};

export type Plan = {
  readonly decks: readonly PlannedDeck[];
  readonly media: readonly PlannedMedia[];
  /** Per card key, its reviews in time order. */
  readonly history: ReadonlyMap<string, readonly ImportedReview[]>;
  /** Card keys suspended where they came from: they arrive suspended. */
  readonly suspended: ReadonlySet<string>;
  /** Card keys buried where they came from: they arrive buried until the next study day. */
  readonly buried?: ReadonlySet<string>;
  /** Card keys → the mark they arrive with (an Anki flag's colour, anki-flags.ts). */
  readonly marks?: ReadonlyMap<string, string>;
  /** Things the user should know (cards skipped, statuses recall cannot keep yet). */
  readonly notes: readonly string[];
};

export type DeckOutcome = {
  readonly path: string;
  readonly deckId: string;
  readonly name: string;
  readonly cards: number;
  readonly updated: boolean;
  /** Cards of the user's own kept in an updated file. */
  readonly kept: number;
};

export type Outcome = {
  readonly decks: readonly DeckOutcome[];
  readonly media: number;
  readonly mediaKept: number;
  /** Review and cram entries appended. */
  readonly reviews: number;
  /** Cards that arrived suspended. */
  readonly suspended: number;
  /** Cards whose history was not appended because recall already has progress for them. */
  readonly cardsWithProgress: number;
};

/** The deck files' texts, refusing (before anything is written) to replace a user's file. */
export function deckTexts(plan: Plan, schema: string) {
  return plan.decks.map((d) => {
    let previous: string | undefined;
    if (existsSync(d.path)) {
      previous = readFileSync(d.path, 'utf8');
      if (importedFrom(previous) !== d.source) {
        throw new BadInput(
          `${d.path} exists and was not made by importing this deck: not overwriting it (import --into another folder)`,
        );
      }
    }
    const { text, kept } = deckYaml(
      { source: d.source, deckId: d.deckId, name: d.name, entries: d.entries, schema },
      previous,
    );
    return { deck: d, text, kept, updated: previous !== undefined };
  });
}

const countCards = (entries: readonly Converted[]) =>
  entries.reduce((n, e) => n + Math.max(1, e.cards.size), 0);

/** What `--dry-run` reports: the outcome without writing. */
export function dryOutcome(
  plan: Plan,
  schema: string,
  known: Known,
  texts: ReturnType<typeof deckTexts> = deckTexts(plan, schema),
): Outcome {
  let reviews = 0;
  let cardsWithProgress = 0;
  for (const [key, list] of plan.history) {
    const from = startOf(known, key);
    if (from === undefined) cardsWithProgress++;
    else reviews += list.length - from;
  }
  return {
    decks: texts.map(({ deck, kept, updated }) => ({
      path: deck.path,
      deckId: deck.deckId,
      name: deck.name,
      cards: countCards(deck.entries),
      updated,
      kept,
    })),
    media: plan.media.filter((m) => !existsSync(m.path)).length,
    mediaKept: plan.media.filter((m) => existsSync(m.path)).length,
    reviews,
    suspended: [...plan.suspended].filter((key) => startOf(known, key) !== undefined).length,
    cardsWithProgress,
  };
}

/**
 * What recall already has of the package's cards: the keys it has progress or history for, and
 * among them the cards an import cut short (killed during its one write) left with only the
 * first `n` of the package's reviews, exactly those, in order, and nothing else.
 */
export type Known = {
  readonly keys: ReadonlySet<string>;
  readonly resume: ReadonlyMap<string, number>;
};

/** From which of the package's reviews a card's import starts; undefined: it is not imported. */
function startOf(known: Known, key: string): number | undefined {
  return known.resume.get(key) ?? (known.keys.has(key) ? undefined : 0);
}

/** `Known` for `plan` in `store`: one pass over the history. */
export async function knownKeys(store: ProgressStore, plan: Plan): Promise<Known> {
  const history = await store.history();
  const keys = new Set([...store.cards().keys(), ...history.keys]);
  // Each planned card's logged rows, as (time, rating: 0 for a cram answer); null once any
  // was undone, which no import writes.
  const logged = new Map<string, { at: number; rating: number }[] | null>();
  for (let r = 0; r < history.rows; r++) {
    const key = history.keys[history.slot[r]!]!;
    if (!plan.history.has(key)) continue;
    const rows = logged.get(key);
    if (rows === null) continue;
    if (history.flags[r]! & ROW_UNDONE) logged.set(key, null);
    else if (rows) rows.push({ at: history.at[r]!, rating: history.rating[r]! });
    else logged.set(key, [{ at: history.at[r]!, rating: history.rating[r]! }]);
  }
  const resume = new Map<string, number>();
  for (const [key, rows] of logged) {
    const planned = plan.history.get(key)!;
    if (!rows || rows.length >= planned.length) continue;
    const same = rows.every(
      (row, i) =>
        row.at === planned[i]!.at &&
        row.rating === (planned[i]!.after === undefined ? 0 : planned[i]!.rating),
    );
    if (same) resume.set(key, rows.length);
  }
  return { keys, resume };
}

/**
 * Writes the plan. `root`: the import folder (the staging folder goes inside it). History is
 * appended only for cards recall has no progress or history for, once the decks are in place,
 * and the rest of a card's history an import cut short began (`Known`).
 */
export async function applyPlan(
  plan: Plan,
  root: string,
  schema: string,
  store: ProgressStore,
  now: number,
  /** When a card that arrives buried comes back: the next study day's start. */
  buryUntil: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Outcome> {
  const known = await knownKeys(store, plan);
  // Each deck's YAML once: it is what the outcome counts and what is written.
  const texts = deckTexts(plan, schema);
  const outcome = dryOutcome(plan, schema, known, texts);
  // Media already there is kept as it is: it may be the user's, and Anki names are unique.
  const media = plan.media.filter((m) => !existsSync(m.path));
  stageAndRename(root, [
    ...texts.map(({ deck, text }) => ({ path: deck.path, bytes: () => text })),
    ...media.map((m) => ({ path: m.path, bytes: m.read })),
  ]);
  let reviews = 0;
  // Suspended, buried and marked: right after the card's own history, so that an import cut
  // short leaves at most one card part-way (which the next import resumes), never a whole
  // package's statuses unwritten behind complete histories.
  function* statusOf(key: string): Generator<LogEntry> {
    if (plan.suspended.has(key)) yield suspendEntry(key, now);
    if (plan.buried?.has(key) && buryUntil > now) yield buryEntry(key, now, buryUntil);
    const mark = plan.marks?.get(key);
    if (mark !== undefined) yield markEntry(key, now, mark);
  }
  // Each entry is built as the log writer takes it, so the batch is never held whole twice.
  // A card recall already knows keeps what the user made of it.
  function* entries(): Generator<LogEntry> {
    let done = 0;
    const total = plan.history.size;
    for (const [key, list] of plan.history) {
      done++;
      const from = startOf(known, key);
      if (from !== undefined) {
        for (let i = from; i < list.length; i++) {
          reviews++;
          yield historyEntry(list[i]!);
        }
        yield* statusOf(key);
      }
      if (onProgress && done % 200 === 0) onProgress(done, total);
    }
    const rest = new Set([
      ...plan.suspended,
      ...(plan.buried ?? []),
      ...(plan.marks?.keys() ?? []),
    ]);
    for (const key of rest) {
      if (!plan.history.has(key) && startOf(known, key) !== undefined) yield* statusOf(key);
    }
  }
  // One write and one sync for the whole history, under the log's lock.
  store.transact(() => store.appendAll(entries()));
  return { ...outcome, reviews };
}

export const mediaPath = (root: string, name: string) => join(root, 'media', name);
