import { Box, Text } from 'ink';
import { useMemo } from 'react';
import { type Recorded, refusedUndoText, type UndoRefused } from '../../app/recorder.js';
import { type Attempt, attemptReducer, type Policy, startAttempt } from '../../core/attempt.js';
import type { Card } from '../../core/card.js';
import type { Rating } from '../../core/model.js';
import {
  nextLearningDue,
  progress,
  remaining,
  type Session,
  sessionReducer,
} from '../../core/review-session.js';
import type { Preview } from '../../core/scheduler.js';
import { seededShuffle } from '../../core/shuffle.js';
import {
  Answering,
  answerAction,
  answerMode,
  intervalsOf,
  questionOf,
} from '../components/Answering.js';
import type { Face } from '../components/CardFace.js';
import { Counts } from '../components/Counts.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { useKeys } from '../hooks/use-keys.js';
import { useLatestState } from '../hooks/use-latest-state.js';
import { theme } from '../theme.js';

/** What the screen needs from the outside world: the clock, the scheduler, and persistence. */
export type ReviewDeps = {
  readonly now: () => number;
  /**
   * What each rating would give the card now, from its latest state in the log (FSRS, adjusted
   * for an exam date): another session may have rated it since this one queued it.
   */
  readonly preview: (card: Card, now: number) => Preview;
  readonly rate: (card: Card, rating: Rating, now: number, durationMs: number) => Recorded;
  /** Cancels a rating this session gave; refused, saying why, if another session rated since. */
  readonly undo: (entryId: string, now: number) => UndoRefused | undefined;
};

export type ReviewOutcome = {
  readonly session: Session;
  readonly endedAt: number;
};

type Props = {
  readonly title: string;
  readonly initial: Session;
  readonly deps: ReviewDeps;
  readonly width: number;
  /** Terminal rows: a long answer is cut at the bottom, the header and keys stay on screen. */
  readonly height?: number;
  readonly onEnd: (outcome: ReviewOutcome) => void;
};

type View = {
  readonly session: Session;
  readonly attempt: Attempt;
  /** When the current card was shown: its rating's duration counts from here. */
  readonly shownAt: number;
  /** Why the last undo was refused, until the next card. */
  readonly notice?: string;
};

const policy: Policy = { mode: 'review' };

/** The face of the session's current card (null: none left). */
function faceOf(session: Session): Face | null {
  const card = session.current?.card;
  return card ? { card, order: orderOf(card, session) } : null;
}

function viewOf(session: Session, at: number): View {
  const face = faceOf(session);
  const attempt = startAttempt(face ? questionOf(face) : { kind: 'self' });
  return { session, attempt, shownAt: at };
}

/**
 * Ratings are undone through the session's history; the last one also from the summary. Null
 * when there is nothing to undo; the reason when the store refused.
 */
export function undoLast(session: Session, deps: ReviewDeps): Session | string | null {
  const last = session.rated.at(-1);
  if (!last || !session.history.at(-1)?.current) return null;
  const refused = deps.undo(last.entryId, deps.now());
  if (refused) return refusedUndoText(refused);
  return sessionReducer(session, { type: 'undo' });
}

export function Review({ title, initial, deps, width, height, onEnd }: Props) {
  const [view, getView, setView] = useLatestState<View>(() => viewOf(initial, deps.now()));
  const { session, attempt } = view;
  const face = useMemo(() => faceOf(session), [session]);

  const intervals = useMemo(() => {
    const cur = session.current;
    if (!cur || attempt.phase !== 'revealed') return null;
    const now = deps.now();
    return intervalsOf(deps.preview(cur.card, now), now);
  }, [session.current, attempt.phase, deps]);

  const show = (next: Session) => {
    setView(viewOf(next, deps.now()));
    if (!next.current) onEnd({ session: next, endedAt: deps.now() });
  };

  const rate = (rating: Rating) => {
    const { session, shownAt } = getView();
    const cur = session.current;
    if (!cur) return;
    const now = deps.now();
    const recorded = deps.rate(cur.card, rating, now, now - shownAt);
    show(
      sessionReducer(session, {
        type: 'rated',
        rating,
        next: recorded.next,
        entryId: recorded.entryId,
        now,
      }),
    );
  };

  const modeOf = () => {
    const v = getView();
    const f = faceOf(v.session);
    return f ? answerMode(v.attempt, questionOf(f), policy) : 'review.shown';
  };

  useKeys(modeOf, (m, input, key) => {
    const v = getView();
    const f = faceOf(v.session);
    if (!f) return;
    if (m?.command === 'quit') return onEnd({ session: v.session, endedAt: deps.now() });
    if (m?.command === 'undo') {
      const back = undoLast(v.session, deps);
      if (typeof back === 'string') setView({ ...v, notice: back });
      else if (back) show(back);
      return;
    }
    const action = answerAction(m, input, key, v.attempt);
    if (!action) return;
    const next = attemptReducer(v.attempt, action, questionOf(f), policy);
    if (next.phase === 'rated' && next.rating !== undefined) return rate(next.rating);
    if (next !== v.attempt) setView({ ...v, attempt: next });
  });

  if (!session.current || !face) return null;
  const left = remaining(session);
  const { done, total } = progress(session);
  const laterToday = nextLearningDue(session);

  return (
    <Box
      flexDirection="column"
      width={width}
      paddingX={1}
      // A row spare: a frame as tall as the terminal is redrawn whole.
      {...(height === undefined
        ? {}
        : { height: Math.max(1, height - 1), overflowY: 'hidden' as const })}
    >
      <Box flexDirection="column" flexShrink={0}>
        <ScreenHeader title={title}>
          <Counts {...left} />
        </ScreenHeader>
        <ProgressBar done={done} total={total} width={Math.min(width - 2, 60)} />
      </Box>
      <Answering
        width={width - 2}
        face={face}
        attempt={attempt}
        policy={policy}
        mode={modeOf()}
        intervals={intervals}
      />
      {view.notice && <Text color={theme.warn}>{view.notice}</Text>}
      {laterToday && session.pending.length === 0 && (
        <Text color={theme.muted}>
          {left.learning} in learning, next at {new Date(laterToday).toLocaleTimeString()}
        </Text>
      )}
    </Box>
  );
}

/** Choices are shuffled, the same way all day for a card (so a redraw never reorders them). */
function orderOf(card: Card, session: Session): number[] | undefined {
  if (card.kind !== 'choice') return undefined;
  return seededShuffle(
    card.choices.map((_, i) => i),
    `${card.key}@${new Date(session.startedAt).toDateString()}`,
  );
}
