/**
 * An Anki package → an import plan: deck files per Anki deck and subdeck, the media the cards
 * refer to, and every card's history replayed through recall's scheduler.
 */
import { join } from 'node:path';
import type { Scheduler } from '../core/scheduler.js';
import { cardKey } from '../deck/identity.js';
import { counted } from '../text/plural.js';
import { visible } from '../text/sanitize.js';
import type { RevlogRow } from './anki-collection.js';
import { markOfCard } from './anki-flags.js';
import { planCardHistory } from './anki-history.js';
import { convertNotes } from './anki-notes.js';
import type { AnkiPackage } from './anki-package.js';
import { BadInput } from './bad-input.js';
import type { ImportedReview } from './history.js';
import { place, topLevels } from './layout.js';
import { mediaPath, type Plan, type PlannedDeck, type PlannedMedia } from './plan.js';

export type AnkiPlanOptions = {
  /** The folder the decks go into. */
  readonly into: string;
  /** The top-level deck's id instead of its name's slug. */
  readonly deckId?: string;
  readonly schedulerFor: (deckId: string) => Scheduler;
  readonly onProgress?: (done: number, total: number) => void;
};

/** A media name that is a plain file name (a package is untrusted: no `../`, no folders). */
export function safeMediaName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 255 &&
    !/[/\\\0-\x1f\x7f]/.test(name) &&
    !name.startsWith('.') &&
    visible(name) === name
  );
}

export function planAnkiImport(pkg: AnkiPackage, opts: AnkiPlanOptions): Plan {
  const col = pkg.collection;
  const conversion = convertNotes(col);
  if (opts.deckId !== undefined && topLevels(conversion.decks).size > 1) {
    throw new BadInput(
      `--deck-id names one deck, and this package has ${topLevels(conversion.decks).size} top-level decks`,
    );
  }
  const placement = place(conversion.decks, opts.deckId);
  const cards = new Map(col.cards.map((c) => [c.id, c]));
  const rowsOf = new Map<number, RevlogRow[]>();
  for (const r of col.revlog) {
    const list = rowsOf.get(r.cid);
    if (list === undefined) rowsOf.set(r.cid, [r]);
    else list.push(r);
  }
  const history = new Map<string, ImportedReview[]>();
  const decks: PlannedDeck[] = [];
  const suspended = new Set<string>();
  const buried = new Set<string>();
  const marks = new Map<string, string>();
  let replayed = 0;
  let seeded = 0;
  let fromAnki = 0;
  let done = 0;
  const total = col.cards.length;
  const placed = new Set([...placement.values()].map((p) => p.deckId));
  for (const deck of conversion.decks) {
    let where = placement.get(deck.ankiDeckId)!;
    // A deck recall exported gets its own id back (so its cards keep their keys), unless
    // --deck-id names it or another deck of the package already has that id.
    const own = deck.recallDeckId;
    if (opts.deckId === undefined && own !== undefined && !placed.has(own)) {
      placed.add(own);
      where = { ...where, deckId: own };
    }
    const scheduler = opts.schedulerFor(where.deckId);
    const entries = deck.entries;
    for (const { entry, cards: subs } of entries) {
      for (const [cardId, sub] of subs) {
        const card = cards.get(cardId)!;
        const key = cardKey(where.deckId, entry.id, sub);
        if (card.queue === -1) suspended.add(key);
        else if (card.queue === -2 || card.queue === -3) buried.add(key);
        const mark = markOfCard(card.flags, card.data);
        if (mark !== undefined) marks.set(key, mark);
        const plan = planCardHistory(key, card, rowsOf.get(cardId) ?? [], scheduler, col.crt);
        if (plan.reviews.length > 0) history.set(key, plan.reviews);
        if (plan.source === 'replayed') replayed++;
        else if (plan.source === 'seeded-from-sm2') seeded++;
        else if (plan.source === 'anki-fsrs-state') fromAnki++;
        done++;
        if (opts.onProgress && done % 500 === 0) opts.onProgress(done, total);
      }
    }
    decks.push({
      path: join(opts.into, ...where.file.split('/')),
      deckId: where.deckId,
      name: deck.name,
      source: `anki deck ${deck.ankiDeckId}`,
      entries,
    });
  }
  const media: PlannedMedia[] = [];
  let unsafe = 0;
  for (const file of pkg.media) {
    if (!conversion.media.has(file.name)) continue;
    if (!safeMediaName(file.name)) {
      unsafe++;
      continue;
    }
    media.push({ path: mediaPath(opts.into, file.name), read: file.read });
  }
  const notes: string[] = [];
  if (replayed + seeded + fromAnki > 0) {
    notes.push(
      `history: ${counted(replayed, 'card')} replayed from their learning steps, ${counted(seeded, 'card')} seeded from SM-2 interval and ease, ${counted(fromAnki, 'card')} from Anki's FSRS state`,
    );
  }
  if (conversion.emptyCards > 0) {
    notes.push(`${counted(conversion.emptyCards, 'card')} whose question renders empty skipped`);
  }
  if (suspended.size > 0) {
    notes.push(`${counted(suspended.size, 'card')} suspended in Anki, and kept suspended`);
  }
  if (buried.size > 0) {
    notes.push(`${counted(buried.size, 'card')} buried in Anki, and buried until tomorrow`);
  }
  if (marks.size > 0) notes.push(`${counted(marks.size, 'card')} flagged in Anki, and marked`);
  if (conversion.splitNotes > 0) {
    notes.push(
      `${counted(conversion.splitNotes, 'note')} had cards in several decks: each went to its first card's deck`,
    );
  }
  if (conversion.orphanNotes > 0) {
    notes.push(
      `${counted(conversion.orphanNotes, 'note')} with a note type missing from the package skipped`,
    );
  }
  if (unsafe > 0) notes.push(`${counted(unsafe, 'media file')} with an unsafe name not copied`);
  return { decks, media, history, suspended, buried, marks, notes };
}
