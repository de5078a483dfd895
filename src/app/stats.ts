/** The stats report for a selection: what `recall stats` prints and the stats screen draws. */
import { scanReviews } from '../core/fsrs-items.js';
import type { History } from '../core/history.js';
import { Calibrator } from '../core/stats/calibration.js';
import { computeStats, type StatsCard } from '../core/stats/compute.js';
import type { FsrsFit, StatsReport } from '../core/stats/types.js';
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
  const cards: StatsCard[] = selected.map((card) => {
    const { settings, scheduler } = deckPart(card.deckId);
    return { card, progress: collection.store.get(card.key), settings, scheduler };
  });
  // Without --exam, the selection's exam date when its decks agree on one.
  const exams = [...new Set(cards.flatMap((c) => (c.settings.exam ? [c.settings.exam] : [])))];
  const exam = selection.exam ?? (exams.length === 1 ? exams[0] : undefined);
  const history = await collection.store.history();
  const report = computeStats({
    history,
    cards,
    now,
    dayStartsAt: collection.dayStartsAt,
    ...(exam ? { exam } : {}),
  });
  return { ...report, fsrs: fsrsFit(collection, cards, history) };
}

/**
 * Replaying every card's memory costs about a microsecond a review: past this many reviews in
 * the log, the calibration samples every k-th card of the selection instead of all of them.
 */
const CALIBRATION_ROWS = 50_000;

/** The parameters the selection is scheduled with, judged on its own history. */
function fsrsFit(collection: Collection, cards: readonly StatsCard[], history: History): FsrsFit {
  const first = cards[0]?.card.deckId ?? '';
  const personal = collection.settingsFor(first).fsrs;
  const deckSettings = new Set(cards.map((c) => c.settings));
  const mixed = [...deckSettings].some((s) => s.fsrs?.w !== personal?.w);
  const every = Math.max(1, Math.ceil(history.rows / CALIBRATION_ROWS));
  const keys = new Set<string>();
  for (let i = 0; i < cards.length; i += every) keys.add(cards[i]!.card.key);
  const calibrator = new Calibrator(collection.schedulerFor(first));
  scanReviews(
    history,
    collection.dayStartsAt,
    (k) => keys.has(k),
    (r) => calibrator.review(r),
  );
  return {
    ...(personal ? { personal } : {}),
    mixed,
    sampledEvery: every,
    calibration: calibrator.result(),
  };
}
