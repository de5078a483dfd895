/**
 * Editing a card mid-session: the user's editor opened at the card's line, then its deck read
 * again so the session shows what was written. Progress is by key, so a card with an `id` keeps
 * its history; a card without one gets a new key from its new text, and its progress is moved.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Card, SourcePos } from '../core/card.js';
import { loadDeckFile } from '../deck/load.js';
import { cacheDir } from '../fs/paths.js';
import { type Collection, formatProblem } from './collection.js';
import { moveProgress } from './recorder.js';

/** What an editor that left the file as it was comes back to (not "Edited"). */
export const EDITOR_LEFT_IT = 'Not edited: the file is as it was.';

/**
 * `$VISUAL`, else `$EDITOR`, else `vi`, at `pos` (`+LINE FILE`, which vi, vim, nano, emacs and
 * most editors take). Through `sh -c`, as git runs it: the variable may hold arguments
 * (`code --wait`). Returns a line to show instead of "Edited": the editor could not be run,
 * failed, or left the file byte for byte as it was.
 */
export function openEditor(pos: SourcePos, env: NodeJS.ProcessEnv = process.env): string | null {
  const editor = env.VISUAL || env.EDITOR || 'vi';
  const before = contentOf(pos.file);
  const run = spawnSync('/bin/sh', ['-c', `${editor} "$@"`, editor, `+${pos.line}`, pos.file], {
    stdio: 'inherit',
    env,
  });
  if (run.error) return `Could not run the editor (${editor}): ${run.error.message}`;
  if (run.status !== 0)
    return `The editor (${editor}) exited with status ${run.status ?? run.signal}.`;
  const after = contentOf(pos.file);
  if (before !== null && after !== null && before.equals(after)) return EDITOR_LEFT_IT;
  return null;
}

/** The file's bytes, or null when it cannot be read (gone, renamed by the editor). */
function contentOf(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

export type Reloaded = {
  readonly deckId: string;
  /** The deck's cards as the file now reads; null when the edit broke it. */
  readonly cards: readonly Card[] | null;
  /** The edited card's key, when the edit changed it (a card without an `id`). */
  readonly renamed?: { readonly from: string; readonly to: string };
  /** What to tell the user: the deck's errors, when it is broken. */
  readonly notice: string;
};

/** Reads `card`'s deck file again, into the collection (through the deck cache). */
export async function reloadDeckOf(
  collection: Collection,
  card: Card,
  now: number,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Reloaded> {
  const deckId = card.deckId;
  const result = await loadDeckFile(card.pos.file, { cacheDir: cacheDir(env) });
  const errors = result.problems.filter((p) => p.severity === 'error');
  const deck = result.deck;
  if (!deck || errors.length > 0 || deck.id !== deckId) {
    collection.replaceDeck(deckId, null);
    const why =
      errors.length > 0
        ? errors.map(formatProblem).join('\n')
        : `its deck id is no longer ${deckId}`;
    return {
      deckId,
      cards: null,
      notice: `The edit broke this deck; it is left out of the session until it is fixed:\n${why}`,
    };
  }
  collection.replaceDeck(deckId, deck);
  if (deck.cards.some((c) => c.key === card.key))
    return { deckId, cards: deck.cards, notice: 'Edited.' };
  // A card without an id is keyed by its text: the card now where it was is the edited one.
  const moved = card.implicitId
    ? deck.cards.find((c) => c.implicitId && c.pos.line === card.pos.line && c.kind === card.kind)
    : undefined;
  if (!moved || collection.store.get(moved.key))
    return { deckId, cards: deck.cards, notice: 'Edited.' };
  collection.store.transact(() => moveProgress(collection.store, card.key, moved.key, now));
  return {
    deckId,
    cards: deck.cards,
    renamed: { from: card.key, to: moved.key },
    notice: 'Edited.',
  };
}
