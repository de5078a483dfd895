import { Box } from 'ink';
import type { CramDeps } from '../app/cram.js';
import type { QuizOutcome, QuizPlan } from '../app/quiz.js';
import type { ReviewRequest } from '../app/review.js';
import type { Status } from '../app/status.js';
import type { QuizSession } from '../core/quiz-session.js';
import type { Session } from '../core/review-session.js';
import { useTerminalSize } from './hooks/use-terminal-size.js';
import type { Nav } from './navigation.js';
import { Browse, type BrowseDeps } from './screens/Browse.js';
import { Cram } from './screens/Cram.js';
import { Home } from './screens/Home.js';
import { Quiz, type QuizDeps } from './screens/Quiz.js';
import { QuizResult } from './screens/QuizResult.js';
import { canUndo, Review, type ReviewDeps, type ReviewOutcome } from './screens/Review.js';
import { Stats } from './screens/Stats.js';
import { Summary } from './screens/Summary.js';

type Selection = ReadonlySet<string> | undefined;

/** What the screens can ask of the application layer (AppContainer). */
export type AppActions = {
  readonly reviewDeps: ReviewDeps;
  readonly cramDeps: (reschedule: boolean) => CramDeps;
  readonly quizDeps: QuizDeps;
  readonly reviewTitle: (deckIds: Selection, request?: ReviewRequest) => string;
  readonly select: (deckId: string | null) => void;
  readonly review: (deckId: string | null) => void;
  readonly cram: (deckId: string | null) => void;
  readonly test: (deckId: string | null) => void;
  readonly stats: (deckId: string | null) => void;
  readonly endReview: (deckIds: Selection, outcome: ReviewOutcome, request?: ReviewRequest) => void;
  readonly undoFromSummary: (deckIds: Selection, session: Session, request?: ReviewRequest) => void;
  readonly endQuiz: (plan: QuizPlan, session: QuizSession) => void;
  /** Flags a finished test's missed cards for review; returns how many. */
  readonly sendToReview: (outcome: QuizOutcome) => number;
  /** Leaves a session's last screen: home, or out when the app did not start there. */
  readonly browseDeps: BrowseDeps;
  readonly dayStartsAt: number;
  readonly browse: () => void;
  readonly leave: () => void;
  readonly home: () => void;
  readonly quit: () => void;
};

type Props = {
  readonly nav: Nav;
  readonly problems: readonly string[];
  readonly actions: AppActions;
  /** When this device last synced its progress (epoch ms; null: never). */
  readonly syncedAt?: number | null;
  /** The app opened on home: a last screen's way out goes back there. */
  readonly startedHome?: boolean;
};

/** The terminal's width, up to a readable measure; every screen degrades down to 20 columns. */
const screenWidth = (columns: number) => Math.min(columns, 120);

/** What home's keys ask of the application layer. */
export type HomeActions = Pick<
  AppActions,
  'select' | 'review' | 'cram' | 'test' | 'stats' | 'browse' | 'quit'
>;

/**
 * Home as the app draws it: from the collection, or before it is open from the queue cache
 * (commands/tui.tsx), whose counts come from the same `collectionStatus`.
 */
export function HomeFrame(p: {
  readonly status: Status;
  readonly now: number;
  readonly notice?: string | undefined;
  readonly selected: string | null;
  readonly problems: readonly string[];
  readonly syncedAt: number | null;
  readonly actions: HomeActions;
}) {
  const size = useTerminalSize();
  const a = p.actions;
  return (
    <Home
      decks={p.status.decks}
      nextDue={p.status.nextDue}
      now={p.now}
      problems={p.problems}
      width={screenWidth(size.columns)}
      height={size.rows}
      selected={p.selected}
      onSelect={a.select}
      onReview={a.review}
      onCram={a.cram}
      onTest={a.test}
      onStats={a.stats}
      onBrowse={a.browse}
      notice={p.notice}
      syncedAt={p.syncedAt}
      onQuit={a.quit}
    />
  );
}

/**
 * The review screen as the app draws it: on the session started from the collection, or before
 * it is open on the one started from the queue cache (commands/tui.tsx), its first card read
 * from the deck cache.
 */
export function ReviewFrame(p: {
  readonly title: string;
  readonly session: Session;
  readonly deps: ReviewDeps;
  readonly onEnd: (outcome: ReviewOutcome) => void;
}) {
  const size = useTerminalSize();
  return (
    <Box>
      <Review
        title={p.title}
        initial={p.session}
        deps={p.deps}
        width={screenWidth(size.columns)}
        height={size.rows}
        onEnd={p.onEnd}
      />
    </Box>
  );
}

/** Lays out the screen `nav` says is up; every move goes through `actions`. */
export function App({ nav, problems, actions: a, syncedAt = null, startedHome = false }: Props) {
  const size = useTerminalSize();
  const width = screenWidth(size.columns);
  const { screen } = nav;
  switch (screen.name) {
    case 'home':
      return (
        <HomeFrame
          status={screen.status}
          now={screen.now}
          notice={screen.notice}
          selected={nav.selected}
          problems={problems}
          syncedAt={syncedAt}
          actions={a}
        />
      );
    case 'review':
      return (
        <ReviewFrame
          key={screen.key}
          title={a.reviewTitle(screen.deckIds, screen.request)}
          session={screen.session}
          deps={a.reviewDeps}
          onEnd={(outcome) => a.endReview(screen.deckIds, outcome, screen.request)}
        />
      );
    case 'summary': {
      const { session, deckIds, request } = screen;
      return (
        <Summary
          data={screen.data}
          notice={screen.notice}
          width={width}
          height={size.rows}
          onClose={a.leave}
          fromHome={startedHome}
          onUndo={
            session && canUndo(session)
              ? () => a.undoFromSummary(deckIds, session, request)
              : undefined
          }
        />
      );
    }
    case 'cram':
      return (
        <Cram
          key={screen.key}
          start={screen.cram}
          deps={a.cramDeps(screen.cram.reschedule)}
          width={width}
          height={size.rows}
          onExit={a.leave}
          fromHome={startedHome}
        />
      );
    case 'quiz': {
      const { plan } = screen;
      return (
        <Quiz
          key={screen.key}
          title={plan.title}
          {...(plan.notice === undefined ? {} : { notice: plan.notice })}
          initial={screen.session}
          deps={a.quizDeps}
          width={width}
          height={size.rows}
          onEnd={(s) => a.endQuiz(plan, s)}
          onLeave={a.leave}
        />
      );
    }
    case 'stats':
      // The whole width, as `recall stats` and its piped report take: rows of one line and
      // charts, no prose to keep to a measure (the Weakest list's prompts use it).
      return <Stats report={screen.report} width={size.columns} onExit={a.home} fromHome />;
    case 'browse':
      return (
        <Browse
          key={screen.key}
          rows={screen.rows}
          query={screen.query}
          sort={screen.sort}
          clock={{ now: screen.now, dayStartsAt: a.dayStartsAt }}
          deps={a.browseDeps}
          width={width}
          height={size.rows}
          onExit={a.leave}
          fromHome={startedHome}
        />
      );
    case 'quizResult': {
      const { outcome } = screen;
      return (
        <QuizResult
          outcome={outcome}
          sendToReview={() => a.sendToReview(outcome)}
          width={width}
          height={size.rows}
          onClose={a.leave}
          fromHome={startedHome}
        />
      );
    }
  }
}
