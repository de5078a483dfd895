/**
 * What an import will do, decided before anything is written: the deck files (new, or an
 * update of a file a former import of the same deck made), the media files, and the reviews to
 * log. `applyPlan` then writes the files through a staging folder and appends the history of
 * every card that has none yet in recall, so importing twice adds nothing the second time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
  known: ReadonlySet<string>,
  texts: ReturnType<typeof deckTexts> = deckTexts(plan, schema),
): Outcome {
  let reviews = 0;
  let cardsWithProgress = 0;
  for (const [key, list] of plan.history) {
    if (known.has(key)) cardsWithProgress++;
    else reviews += list.length;
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
    suspended: [...plan.suspended].filter((key) => !known.has(key)).length,
    cardsWithProgress,
  };
}

/** Every card key recall has progress or history for. */
export async function knownKeys(store: ProgressStore): Promise<Set<string>> {
  const history = await store.history();
  return new Set([...store.cards().keys(), ...history.keys]);
}

/**
 * Writes the plan. `root`: the import folder (the staging folder goes inside it). History is
 * appended only for cards recall has no progress or history for, once the decks are in place.
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
  const known = await knownKeys(store);
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
  // Each entry is built as the log writer takes it, so the batch is never held whole twice.
  function* entries(): Generator<LogEntry> {
    let done = 0;
    const total = plan.history.size;
    for (const [key, list] of plan.history) {
      done++;
      if (!known.has(key)) {
        for (const review of list) {
          reviews++;
          yield historyEntry(review);
        }
      }
      if (onProgress && done % 200 === 0) onProgress(done, total);
    }
    // Suspended, buried and marked now, after the history: a card recall already knows keeps
    // what the user made of it.
    for (const key of plan.suspended) if (!known.has(key)) yield suspendEntry(key, now);
    for (const key of plan.buried ?? []) {
      if (!known.has(key) && buryUntil > now) yield buryEntry(key, now, buryUntil);
    }
    for (const [key, mark] of plan.marks ?? []) {
      if (!known.has(key)) yield markEntry(key, now, mark);
    }
  }
  // One write and one sync for the whole history, under the log's lock.
  store.transact(() => store.appendAll(entries()));
  return { ...outcome, reviews };
}

export const mediaPath = (root: string, name: string) => join(root, 'media', name);
