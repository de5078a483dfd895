import { useApp } from 'ink';
import { useMemo, useReducer, useRef, useState } from 'react';
import { type BrowseSort, browseRows, refreshed } from '../app/browse.js';
import { type CardTools, cardControl } from '../app/card-control.js';
import { cardInfo } from '../app/card-info.js';
import type { Collection } from '../app/collection.js';
import { type CramStart, cramDeps, prepareCram } from '../app/cram.js';
import { openEditor, reloadDeckOf } from '../app/edit.js';
import { finishQuiz, prepareQuiz, type QuizPlan, sendMissedToReview } from '../app/quiz.js';
import { Recorder, refusedUndoText } from '../app/recorder.js';
import {
  examLines,
  nextDueAfter,
  type ReviewRequest,
  reviewTitle,
  startReview,
} from '../app/review.js';
import { statsReport } from '../app/stats.js';
import { collectionStatus, heldBackNow } from '../app/status.js';
import type { Clock } from '../clock.js';
import { dayStart } from '../core/day.js';
import { startQuiz } from '../core/quiz-session.js';
import { remaining, type Session } from '../core/review-session.js';
import { dueDays, setDue } from '../core/set-due.js';
import { UserError } from '../errors.js';
import { App, type AppActions } from './App.js';
import type { CardCounts } from './card-counts.js';
import { type Nav, navigate, type Screen, startNav } from './navigation.js';
import type { BrowseDeps } from './screens/Browse.js';
import { type ReviewDeps, undoLast } from './screens/Review.js';

export type StartAt =
  | { readonly screen: 'home' }
  | {
      readonly screen: 'review';
      readonly deckIds?: ReadonlySet<string>;
      readonly request?: ReviewRequest;
    }
  | { readonly screen: 'cram'; readonly cram: CramStart }
  | { readonly screen: 'quiz'; readonly quiz: QuizPlan }
  | { readonly screen: 'browse'; readonly query: string; readonly sort: BrowseSort };

type Selection = ReadonlySet<string> | undefined;

/** Home with each deck's counts, read from the log as it is now. */
function homeScreen(collection: Collection, now: number, notice?: string): Screen {
  collection.store.refresh();
  return { name: 'home', status: collectionStatus(collection, now), now, notice };
}

/** A review of `deckIds`, or straight to its summary when nothing is due. */
function reviewScreen(
  collection: Collection,
  deckIds: Selection,
  now: number,
  request?: ReviewRequest,
): Screen {
  collection.store.refresh();
  const session = startReview(collection, deckIds, now, request);
  if (session.current) return { name: 'review', deckIds, request, session, key: 0 };
  return summaryScreen(collection, deckIds, session, now, request);
}

function summaryScreen(
  collection: Collection,
  deckIds: Selection,
  session: Session,
  endedAt: number,
  request?: ReviewRequest,
): Screen {
  return {
    name: 'summary',
    session,
    deckIds,
    request,
    data: {
      reviewed: session.rated.length,
      cards: new Set(session.rated.map((r) => r.key)).size,
      ratings: session.rated.map((r) => r.rating),
      elapsedMs: endedAt - session.startedAt,
      nextDue: nextDueAfter(collection, deckIds, endedAt, request),
      now: endedAt,
      finished: session.current === null,
      left: leftIn(session),
      exams: examLines(collection, deckIds, endedAt),
      heldBack: heldBackNow(collection, deckIds, endedAt, request?.tags),
    },
  };
}

/** The cards a session ended early still held: what its summary says is due. */
function leftIn(session: Session): CardCounts {
  if (session.current === null) return { new: 0, learning: 0, review: 0 };
  const { fresh, learning, review } = remaining(session);
  return { new: fresh, learning, review };
}

const quizScreen = (plan: QuizPlan, now: number): Screen => ({
  name: 'quiz',
  plan,
  session: startQuiz(plan.questions, now, plan.minutes),
  key: 0,
});

/** Every card, read from the log as it is now. */
function browseScreen(
  collection: Collection,
  now: number,
  query = '',
  sort: BrowseSort = 'due',
): Screen {
  collection.store.refresh();
  return { name: 'browse', rows: browseRows(collection, now), query, sort, now, key: 0 };
}

/** The first screen, read before anything is drawn (the log is not read during a render). */
export function firstNav(collection: Collection, clock: Clock, start: StartAt): Nav {
  const now = clock();
  switch (start.screen) {
    case 'home':
      return startNav(homeScreen(collection, now));
    case 'review':
      return startNav(reviewScreen(collection, start.deckIds, now, start.request));
    case 'cram':
      return startNav({ name: 'cram', cram: start.cram, key: 0 });
    case 'quiz':
      return startNav(quizScreen(start.quiz, now));
    case 'browse':
      return startNav(browseScreen(collection, now, start.query, start.sort));
  }
}

type Props = {
  readonly collection: Collection;
  readonly problems: readonly string[];
  readonly clock: Clock;
  /** Where the app started: leaving a screen goes back home, or out when it did not start there. */
  readonly startedHome: boolean;
  readonly initial: Nav;
  /** When this device last synced its progress (epoch ms; null: never), for home. */
  readonly syncedAt?: number | null;
  /**
   * The decks read again (null: unchanged), each time home comes back: a deck edited while
   * recall is open shows its new cards without a restart.
   */
  readonly reload?: (
    collection: Collection,
  ) => Promise<{ collection: Collection; problems: readonly string[] } | null>;
  /**
   * Runs `run` (the user's editor) with the screen handed over to it: the frame cleared and raw
   * mode off, both restored after. Returns what `run` says went wrong.
   */
  readonly handOver?: (run: () => string | null) => string | null;
};

/**
 * The application layer: owns navigation and everything a move needs (reading the log, starting
 * sessions, recording, the quiz history), in event handlers; App.tsx lays the screens out.
 */
export function AppContainer({
  collection: opened,
  problems: openedProblems,
  clock,
  startedHome,
  initial,
  syncedAt = null,
  reload,
  handOver = (run) => run(),
}: Props) {
  const { exit } = useApp();
  const [{ collection, problems }, setOpened] = useState({
    collection: opened,
    problems: openedProblems,
  });
  const [nav, dispatch] = useReducer(navigate, initial);
  /** Screens shown so far: a reread of the decks that lands after home was left is dropped. */
  const shown = useRef(0);
  const show = (screen: Screen) => {
    shown.current++;
    dispatch({ type: 'show', screen });
  };

  const recorder = useMemo(
    () =>
      new Recorder(
        collection.store,
        (d) => collection.schedulerFor(d),
        (d) => collection.examFor(d),
        (d) => {
          const s = collection.settingsFor(d);
          return { threshold: s.leechThreshold, action: s.leechAction };
        },
        collection.dayLoads(),
      ),
    [collection],
  );
  const cardTools = useMemo(
    (): CardTools => ({
      info: (card, now) => cardInfo(collection, card, now),
      edit: async (card) => {
        const failed = handOver(() => openEditor(card.pos));
        const reloaded = await reloadDeckOf(collection, card, clock());
        return failed ? { ...reloaded, notice: failed } : reloaded;
      },
      ...cardControl(collection, recorder),
    }),
    [clock, recorder, collection, handOver],
  );
  const reviewDeps = useMemo(
    (): ReviewDeps => ({
      now: clock,
      preview: (card, now) => recorder.preview(card.deckId, card.key, now),
      rate: (card, rating, now, ms, expected) =>
        recorder.rateIfUnchanged(card.deckId, card.key, expected, rating, now, ms),
      undo: (entryId, now) => recorder.undo(entryId, now),
      ...cardTools,
    }),
    [clock, recorder, cardTools],
  );

  const browseDeps = useMemo(
    (): BrowseDeps => ({
      control: (keys, change) => recorder.control(keys, change, clock()),
      info: (card, now) => cardInfo(collection, card, now),
      undo: (id) => {
        const refused = recorder.undo(id, clock());
        return refused && refusedUndoText(refused);
      },
      forget: (keys) => recorder.set(keys, () => null, 'forget', clock()),
      setDue: (keys, spec) => {
        const now = clock();
        let changed = 0;
        const id = recorder.set(
          keys,
          (_, srs) => {
            // A new card has no memory to schedule a review from: it stays new.
            if (srs === null || srs.state === 'New') return undefined;
            changed++;
            return setDue(
              srs,
              dueDays(spec, Math.random),
              spec.setInterval,
              now,
              collection.dayStartsAt,
            );
          },
          'due',
          now,
        );
        return { id, changed };
      },
      refresh: (rows) => rows.map((r) => refreshed(r, collection, clock())),
      edit: (row) => handOver(() => openEditor(row.card.pos)) ?? undefined,
      buryUntil: dayStart(clock(), collection.dayStartsAt, 1),
    }),
    [clock, collection, recorder, handOver],
  );

  const home = (notice?: string) => {
    show(homeScreen(collection, clock(), notice));
    const at = shown.current;
    // Drawn at once from the decks in hand; redrawn if a deck file changed, while still home.
    reload?.(collection).then(
      (changed) => {
        if (!changed || shown.current !== at) return;
        setOpened(changed);
        show(homeScreen(changed.collection, clock(), notice));
      },
      (e: unknown) => {
        if (shown.current === at)
          show(homeScreen(collection, clock(), `Decks not reread: ${(e as Error).message}`));
      },
    );
  };
  const leave = () => (startedHome ? home() : exit());
  const selection = (id: string | null): Selection => (id ? new Set([id]) : undefined);
  /** From home: a cram or test of one deck (null: all), or home again saying why not. */
  const prep = (make: (deckIds: Selection) => Screen) => (id: string | null) => {
    try {
      show(make(selection(id)));
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      home(e.message);
    }
  };

  const actions: AppActions = {
    reviewDeps,
    cramDeps: (reschedule) => cramDeps(recorder, clock, reschedule, cardTools),
    quizDeps: { now: clock },
    reviewTitle: (deckIds, request) => reviewTitle(collection, deckIds, request),
    select: (deckId) => dispatch({ type: 'select', deckId }),
    review: (id) => show(reviewScreen(collection, selection(id), clock())),
    cram: prep((deckIds) => ({
      name: 'cram',
      cram: prepareCram(collection, { deckIds }, clock()),
      key: 0,
    })),
    test: prep((deckIds) =>
      quizScreen(
        prepareQuiz(collection, { deckIds, paths: deckFiles(collection, deckIds) }),
        clock(),
      ),
    ),
    stats: (id) => {
      collection.store.refresh();
      // Instant from the history cache; a first read of a long log takes seconds.
      // Not home(): a reread of the decks landing late would replace the stats screen.
      show(homeScreen(collection, clock(), 'Reading the review log…'));
      statsReport(collection, { deckIds: selection(id) }, clock()).then(
        (report) => show({ name: 'stats', report }),
        (e: unknown) =>
          show(homeScreen(collection, clock(), `Stats failed: ${(e as Error).message}`)),
      );
    },
    endReview: (deckIds, { session, endedAt }, request) =>
      show(summaryScreen(collection, deckIds, session, endedAt, request)),
    undoFromSummary: (deckIds, session, request) => {
      const back = undoLast(session, reviewDeps);
      if (typeof back === 'string') {
        if (nav.screen.name === 'summary') show({ ...nav.screen, notice: back });
      } else if (back) show({ name: 'review', deckIds, request, session: back, key: 0 });
    },
    endQuiz: (plan, session) =>
      show({ name: 'quizResult', outcome: finishQuiz(plan, session, collection.store, clock()) }),
    sendToReview: (outcome) => sendMissedToReview(recorder, outcome.result, clock()),
    browseDeps,
    dayStartsAt: collection.dayStartsAt,
    browse: () => show(browseScreen(collection, clock())),
    leave,
    home: () => home(),
    quit: exit,
  };
  return (
    <App
      nav={nav}
      problems={problems}
      actions={actions}
      syncedAt={syncedAt}
      startedHome={startedHome}
    />
  );
}

/** The file of each deck tested from home, so the result can say how to retake the test. */
function deckFiles(collection: Collection, deckIds: Selection): string[] {
  return deckIds ? collection.decks.filter((d) => deckIds.has(d.id)).map((d) => d.file) : [];
}
