/** The stats report for a selection: what `recall stats` prints and the stats screen draws. */
import { hostname } from 'node:os';
import type { Card } from '../core/card.js';
import { cardPrompt } from '../core/card-prompt.js';
import type { History } from '../core/history.js';
import type { CardProgress } from '../core/model.js';
import type { QueuedCard } from '../core/queue.js';
import type { Scheduler } from '../core/scheduler.js';
import type { DeckSettings } from '../core/settings.js';
import { Calibrator } from '../core/stats/calibration.js';
import { type CardId, computeStats, type StatsCard } from '../core/stats/compute.js';
import type { CardRef, FsrsFit, StatsReport } from '../core/stats/types.js';
import { discoverDeckFiles } from '../deck/discover.js';
import { loadDeckFile } from '../deck/load.js';
import { UserError } from '../errors.js';
import { cacheDir, dataDir, historyCacheFile } from '../fs/paths.js';
import { knownDevice } from '../store/device.js';
import { deviceLogPath, LogFile } from '../store/log.js';
import { deviceLogIds, readOnlyLogPath } from '../store/progress.js';
import type { Collection } from './collection.js';
import { deckPaths } from './open.js';
import type { QueueView } from './queue-cache.js';
import { Schedules } from './schedules.js';
import {
  type CardSelection,
  emptySelectionMessage,
  selectCards,
  unknownTags,
} from './selection.js';

export type StatsSelection = CardSelection & { readonly exam?: string | undefined };

/** What a report reads besides the history: the decks and their cards, progress and settings. */
type StatsSource<C extends CardId & Pick<Card, 'tags'>> = {
  readonly decks: readonly {
    readonly id: string;
    readonly name: string;
    readonly cards: readonly C[];
  }[];
  readonly dayStartsAt: number;
  settingsFor(deckId: string): DeckSettings;
  schedulerFor(deckId: string): Scheduler;
  progress(card: C): CardProgress | undefined;
};

/** The report over an opened collection. */
export async function statsReport(
  collection: Collection,
  selection: StatsSelection,
  now: number,
): Promise<StatsReport> {
  const source: StatsSource<Card> = {
    decks: collection.decks,
    dayStartsAt: collection.dayStartsAt,
    settingsFor: (id) => collection.settingsFor(id),
    schedulerFor: (id) => collection.schedulerFor(id),
    progress: (card) => collection.store.get(card.key),
  };
  return reportOf(source, () => collection.store.history(), selection, now, cardPrompt);
}

/**
 * Replaying every card's memory costs about a microsecond a review: past this many reviews in
 * the log, the calibration samples every k-th card of the selection instead of all of them.
 */
const CALIBRATION_ROWS = 50_000;

async function reportOf<C extends CardId & Pick<Card, 'tags'>>(
  source: StatsSource<C>,
  history: () => Promise<History>,
  selection: StatsSelection,
  now: number,
  prompt: (card: C) => string,
): Promise<StatsReport> {
  const perDeck = new Map<string, Pick<StatsCard, 'settings' | 'scheduler'>>();
  const deckPart = (deckId: string) => {
    let part = perDeck.get(deckId);
    if (!part) {
      part = { settings: source.settingsFor(deckId), scheduler: source.schedulerFor(deckId) };
      perDeck.set(deckId, part);
    }
    return part;
  };
  const selected = selectCards(source, selection);
  // `--tag nosuch` showed stats of 0 cards; cram and quiz say which tags there are.
  if (selected.length === 0 && unknownTags(source, selection).length > 0)
    throw new UserError(`no stats: ${emptySelectionMessage(source, selection)}`);
  const cards: StatsCard<C>[] = selected.map((card) => {
    const { settings, scheduler } = deckPart(card.deckId);
    return { card, progress: source.progress(card), settings, scheduler };
  });
  // Without --exam, the selection's exam date when its decks agree on one.
  const exams = new Set<string>();
  for (const { settings } of perDeck.values()) if (settings.exam) exams.add(settings.exam);
  const exam = selection.exam ?? (exams.size === 1 ? [...exams][0] : undefined);
  const log = await history();
  // The parameters in use, judged on the selection's own history in the same pass.
  const first = cards[0]?.card.deckId ?? '';
  const every = Math.max(1, Math.ceil(log.rows / CALIBRATION_ROWS));
  const calibrator = new Calibrator(source.schedulerFor(first));
  const report = computeStats({
    history: log,
    cards,
    now,
    dayStartsAt: source.dayStartsAt,
    prompt,
    calibrate: { every, visit: (r) => calibrator.review(r) },
    ...(exam ? { exam } : {}),
  });
  return { ...report, fsrs: fsrsFit(source.settingsFor(first), perDeck, every, calibrator) };
}

/** The parameters the selection is scheduled with (its first deck's), and how well they fit. */
function fsrsFit(
  first: DeckSettings,
  perDeck: ReadonlyMap<string, Pick<StatsCard, 'settings'>>,
  every: number,
  calibrator: Calibrator,
): FsrsFit {
  const personal = first.fsrs;
  const mixed = [...perDeck.values()].some(({ settings }) => settings.fsrs?.w !== personal?.w);
  return {
    ...(personal ? { personal } : {}),
    mixed,
    sampledEvery: every,
    calibration: calibrator.result(),
  };
}

/**
 * The report from the caches alone, when they hold all it reads: the queue cache (`view`, valid
 * under its stamp: every card's state and tags, the decks, the config), the stats history of
 * the one log there is, and the deck cache's entries of the decks whose cards are listed (for
 * their prompts). Undefined on anything else (another device's log, a deck that is not the
 * queue cache's): the caller opens the collection. The figures are the same function of the
 * same inputs as `statsReport`'s.
 */
export async function cachedStatsReport(
  view: QueueView,
  paths: readonly string[],
  env: NodeJS.ProcessEnv,
  selection: StatsSelection,
  now: number,
): Promise<StatsReport | undefined> {
  const rows = view.decks;
  const row = new Map(rows.map((d, i) => [d.id, i]));
  if (row.size !== rows.length) return undefined;
  const files = await discoverDeckFiles(deckPaths(paths, view.header.config));
  if (files.problems.length > 0 || files.files.length !== rows.length) return undefined;
  const read = await singleLogHistory(env);
  if (!read) return undefined;

  // The cards deck by deck, in the cache's (the collection's) order.
  const decks = rows.map((d) => ({ id: d.id, name: d.name, cards: [] as QueuedCard[] }));
  const progress = new Map<QueuedCard, CardProgress | undefined>();
  for (const input of view.inputs(new Set(row.keys()))) {
    decks[row.get(input.card.deckId)!]!.cards.push(input.card);
    progress.set(input.card, input.progress);
  }
  const schedules = new Schedules(rows, view.header.config);
  const source: StatsSource<QueuedCard> = {
    decks,
    dayStartsAt: view.dayStartsAt,
    settingsFor: (id) => schedules.settingsFor(id),
    schedulerFor: (id) => schedules.schedulerFor(id),
    progress: (card) => progress.get(card),
  };
  const report = await reportOf(
    source,
    async () => read,
    selection,
    now,
    () => '',
  );

  // The listed cards' prompts, from their decks as the collection would read them.
  const prompts = new Map<string, string>();
  const { lowest, leeches } = report.weakest;
  const listed = [...new Set([...lowest, ...leeches].map((r) => r.deckId))];
  const loaded = await Promise.all(
    listed.map((id) => loadDeckFile(files.files[row.get(id)!]!, { cacheDir: cacheDir(env) })),
  );
  const keys = new Set([...lowest, ...leeches].map((r) => r.key));
  for (const [k, { deck }] of loaded.entries()) {
    const id = listed[k]!;
    const cached = decks[row.get(id)!]!.cards;
    if (deck?.id !== id || deck.cards.length !== cached.length) return undefined;
    if (deck.cards.some((c, i) => c.key !== cached[i]!.key)) return undefined;
    for (const c of deck.cards) if (keys.has(c.key)) prompts.set(c.key, cardPrompt(c));
  }
  const withPrompt = (r: CardRef): CardRef => ({ ...r, prompt: prompts.get(r.key)! });
  return {
    ...report,
    weakest: {
      ...report.weakest,
      lowest: lowest.map(withPrompt),
      leeches: leeches.map(withPrompt),
    },
  };
}

/**
 * What `store.history()` gives a read-only store, read without the store (its snapshot is
 * most of an open's cost), when there is one log to read: the one a read-only open names this
 * device's (`device.json`'s log when it is there, else the old single `reviews.jsonl`), and no
 * other device's log beside it. Undefined otherwise: several logs are merged in replay's
 * order, which needs the store.
 */
async function singleLogHistory(env: NodeJS.ProcessEnv): Promise<History | undefined> {
  const dir = dataDir(env);
  const path = readOnlyLogPath(dir, knownDevice(dir, hostname()));
  // Another device's log: the merged history, which the store reads.
  if (deviceLogIds(dir).some((id) => deviceLogPath(dir, id) !== path)) return undefined;
  // Loaded here, as the store loads it: only stats read the history.
  const { readHistory } = await import('../store/history-cache.js');
  let log: LogFile;
  try {
    log = LogFile.open(path, 'read');
  } catch {
    return undefined; // the store's open says what is wrong with it
  }
  try {
    return await readHistory(log, historyCacheFile(cacheDir(env), dir));
  } finally {
    log.close();
  }
}
