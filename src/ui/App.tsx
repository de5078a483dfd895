import { Box, useApp, useStdout } from 'ink';
import { useMemo, useState } from 'react';
import type { Clock } from '../clock.js';
import { UserError } from '../errors.js';
import { type QuizSession, startQuiz } from '../quiz/session.js';
import type { Session } from '../srs/session.js';
import type { StatsReport } from '../stats/types.js';
import type { Collection } from '../study/collection.js';
import { type CramStart, cramDeps, prepareCram } from '../study/cram.js';
import {
  finishQuiz,
  prepareQuiz,
  type QuizOutcome,
  type QuizPlan,
  sendMissedToReview,
} from '../study/quiz.js';
import { Recorder } from '../study/recorder.js';
import { examLines, nextDueAfter, reviewTitle, startReview } from '../study/review-session.js';
import { statsReport } from '../study/stats.js';
import { collectionStatus } from '../study/status.js';
import { Cram } from './screens/Cram.js';
import { Home } from './screens/Home.js';
import { Quiz } from './screens/Quiz.js';
import { QuizResult } from './screens/QuizResult.js';
import { Review, type ReviewDeps, type ReviewOutcome, undoLast } from './screens/Review.js';
import { Stats } from './screens/Stats.js';
import { Summary, type SummaryData } from './screens/Summary.js';

export type StartAt =
  | { readonly screen: 'home' }
  | { readonly screen: 'review'; readonly deckIds?: ReadonlySet<string> }
  | { readonly screen: 'cram'; readonly cram: CramStart }
  | { readonly screen: 'quiz'; readonly quiz: QuizPlan };

type Props = {
  readonly collection: Collection;
  readonly problems: readonly string[];
  readonly clock: Clock;
  readonly start: StartAt;
};

type Screen =
  | { readonly name: 'home'; readonly notice?: string }
  | {
      readonly name: 'review';
      readonly deckIds: ReadonlySet<string> | undefined;
      readonly session: Session;
      readonly key: number;
    }
  | {
      readonly name: 'summary';
      readonly data: SummaryData;
      /** The session summed up, while it has a rating to undo. */
      readonly session?: Session;
      readonly deckIds?: ReadonlySet<string> | undefined;
    }
  | { readonly name: 'cram'; readonly cram: CramStart; readonly key: number }
  | {
      readonly name: 'quiz';
      readonly plan: QuizPlan;
      readonly session: QuizSession;
      readonly key: number;
    }
  | { readonly name: 'quizResult'; readonly outcome: QuizOutcome }
  | { readonly name: 'stats'; readonly report: StatsReport };

/** Owns which screen is up; each screen gets its data and callbacks, nothing more. */
export function App({ collection, problems, clock, start }: Props) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const width = Math.max(40, Math.min(stdout.columns || 80, 120));
  const review = (deckIds: ReadonlySet<string> | undefined): Screen => {
    collection.store.refresh();
    const now = clock();
    const session = startReview(collection, deckIds, now);
    if (session.current) return { name: 'review', deckIds, session, key: now.getTime() };
    const nothing = { reviewed: 0, ratings: [], elapsedMs: 0, now, finished: true };
    return {
      name: 'summary',
      data: {
        ...nothing,
        nextDue: nextDueAfter(collection, deckIds, now),
        exams: examLines(collection, deckIds, now),
      },
    };
  };
  const cram = (c: CramStart): Screen => ({ name: 'cram', cram: c, key: clock().getTime() });
  const quiz = (plan: QuizPlan): Screen => {
    const now = clock();
    const session = startQuiz(plan.questions, now, plan.minutes);
    return { name: 'quiz', plan, session, key: now.getTime() };
  };
  /** From home: a cram or test of one deck (null: all), or home again saying why not. */
  const prep =
    (make: (deckIds: ReadonlySet<string> | undefined) => Screen) => (id: string | null) => {
      try {
        setScreen(make(id ? new Set([id]) : undefined));
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        setScreen({ name: 'home', notice: e.message });
      }
    };
  const [screen, setScreen] = useState<Screen>(() =>
    start.screen === 'home'
      ? { name: 'home' }
      : start.screen === 'review'
        ? review(start.deckIds)
        : start.screen === 'cram'
          ? cram(start.cram)
          : quiz(start.quiz),
  );

  const recorder = useMemo(
    () =>
      new Recorder(
        collection.store,
        (d) => collection.schedulerFor(d),
        (d) => collection.examFor(d),
      ),
    [collection],
  );
  const deps = useMemo(
    (): ReviewDeps => ({
      now: clock,
      preview: (card, srs, now) => recorder.preview(card.deckId, card.key, srs, now),
      rate: (card, rating, now, ms) => recorder.rate(card.deckId, card.key, rating, now, ms),
      undo: (card, entryId, restore, now) => recorder.undo(card.key, entryId, restore, now),
    }),
    [clock, recorder],
  );

  const home = () => (start.screen === 'home' ? setScreen({ name: 'home' }) : exit());

  switch (screen.name) {
    case 'home': {
      const now = clock();
      collection.store.refresh();
      const status = collectionStatus(collection, now);
      return (
        <Home
          decks={status.decks}
          nextDue={status.nextDue}
          now={now}
          problems={problems}
          width={width}
          onReview={(id) => setScreen(review(id ? new Set([id]) : undefined))}
          onCram={prep((deckIds) => cram(prepareCram(collection, { deckIds }, clock())))}
          onTest={prep((deckIds) =>
            quiz(prepareQuiz(collection, { deckIds, paths: deckFiles(collection, deckIds) })),
          )}
          onStats={(id) => {
            collection.store.refresh();
            // Instant from the history cache; a first read of a long log takes seconds.
            setScreen({ name: 'home', notice: 'Reading the review log…' });
            statsReport(collection, { deckIds: id ? new Set([id]) : undefined }, clock()).then(
              (report) => setScreen({ name: 'stats', report }),
              (e: unknown) =>
                setScreen({ name: 'home', notice: `Stats failed: ${(e as Error).message}` }),
            );
          }}
          notice={screen.notice}
          onQuit={exit}
        />
      );
    }
    case 'review': {
      const end = ({ session: s, endedAt }: ReviewOutcome) =>
        setScreen({
          name: 'summary',
          session: s,
          deckIds: screen.deckIds,
          data: {
            reviewed: s.rated.length,
            ratings: s.rated.map((r) => r.rating),
            elapsedMs: endedAt.getTime() - s.startedAt.getTime(),
            nextDue: nextDueAfter(collection, screen.deckIds, endedAt),
            now: endedAt,
            finished: s.current === null,
            exams: examLines(collection, screen.deckIds, endedAt),
          },
        });
      return (
        <Box>
          <Review
            key={screen.key}
            title={reviewTitle(collection, screen.deckIds)}
            initial={screen.session}
            deps={deps}
            width={width}
            onEnd={end}
          />
        </Box>
      );
    }
    case 'summary': {
      const { session, deckIds } = screen;
      const undo =
        session && session.rated.length > 0
          ? () => {
              const back = undoLast(session, deps);
              if (back)
                setScreen({ name: 'review', deckIds, session: back, key: clock().getTime() });
            }
          : undefined;
      return <Summary data={screen.data} onClose={home} onUndo={undo} />;
    }
    case 'cram':
      return (
        <Cram
          key={screen.key}
          start={screen.cram}
          deps={cramDeps(recorder, clock, screen.cram.reschedule)}
          width={width}
          onExit={home}
        />
      );
    case 'quiz': {
      const { plan } = screen;
      const end = (s: QuizSession) =>
        setScreen({
          name: 'quizResult',
          outcome: finishQuiz(plan, s, collection.store, clock()),
        });
      return (
        <Quiz
          key={screen.key}
          title={plan.title}
          initial={screen.session}
          deps={{ now: clock }}
          width={width}
          onEnd={end}
          onLeave={home}
        />
      );
    }
    case 'stats':
      return (
        <Stats report={screen.report} width={width} onExit={() => setScreen({ name: 'home' })} />
      );
    case 'quizResult': {
      const { outcome } = screen;
      return (
        <QuizResult
          outcome={outcome}
          sendToReview={() => sendMissedToReview(recorder, outcome.result, clock())}
          width={width}
          height={stdout.rows || 24}
          onClose={home}
        />
      );
    }
  }
}

/** The file of each deck tested from home, so the result can say how to retake the test. */
function deckFiles(collection: Collection, deckIds: ReadonlySet<string> | undefined): string[] {
  return deckIds ? collection.decks.filter((d) => deckIds.has(d.id)).map((d) => d.file) : [];
}
