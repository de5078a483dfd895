/** The stats report for a selection: what `recall stats` prints and the stats screen draws. */
import { computeStats, type StatsCard } from '../core/stats/compute.js';
import type { StatsReport } from '../core/stats/types.js';
import { UserError } from '../errors.js';
import type { Collection } from './collection.js';
import {
  type CardSelection,
  emptySelectionMessage,
  selectCards,
  unknownTags,
} from './selection.js';

export async function statsReport(
  collection: Collection,
  selection: CardSelection & { readonly exam?: string | undefined },
  now: number,
): Promise<StatsReport> {
  const perDeck = new Map<string, Pick<StatsCard, 'settings' | 'scheduler'>>();
  const deckPart = (deckId: string) => {
    let part = perDeck.get(deckId);
    if (!part) {
      part = {
        settings: collection.settingsFor(deckId),
        scheduler: collection.schedulerFor(deckId),
      };
      perDeck.set(deckId, part);
    }
    return part;
  };
  const selected = selectCards(collection, selection);
  // `--tag nosuch` showed stats of 0 cards; cram and quiz say which tags there are.
  if (selected.length === 0 && unknownTags(collection, selection).length > 0)
    throw new UserError(`no stats: ${emptySelectionMessage(collection, selection)}`);
  const cards: StatsCard[] = selected.map((card) => ({
    card,
    progress: collection.store.get(card.key),
    ...deckPart(card.deckId),
  }));
  // Without --exam, the selection's exam date when its decks agree on one.
  const exams = [...new Set(cards.flatMap((c) => (c.settings.exam ? [c.settings.exam] : [])))];
  const exam = selection.exam ?? (exams.length === 1 ? exams[0] : undefined);
  return computeStats({
    history: await collection.store.history(),
    cards,
    now,
    dayStartsAt: collection.dayStartsAt,
    ...(exam ? { exam } : {}),
  });
}
