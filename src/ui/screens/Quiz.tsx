import { Box, Text } from 'ink';
import { useEffect } from 'react';
import { type Attempt, attemptReducer, type Policy, startAttempt } from '../../core/attempt.js';
import { formatClock } from '../../core/duration.js';
import type { QuizAnswer } from '../../core/quiz-score.js';
import {
  currentQuestion,
  type QuizSession,
  quizReducer,
  quizTimeLeft,
} from '../../core/quiz-session.js';
import { counted } from '../../text/plural.js';
import { Answering, answerAction, answerMode, questionOf } from '../components/Answering.js';
import { KeyHints } from '../components/KeyHints.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { useKeys } from '../hooks/use-keys.js';
import { useLatestState } from '../hooks/use-latest-state.js';
import type { Mode } from '../keys.js';
import { theme } from '../theme.js';
/** What the screen needs from the outside world: the clock and a timer. */
export type QuizDeps = {
  readonly now: () => number;
  /** Calls `tick` every `ms` until the returned function is called (default: `setInterval`). */
  readonly every?: (tick: () => void, ms: number) => () => void;
};

type Props = {
  readonly title: string;
  /** Shown above the first question (fewer questions than asked for). */
  readonly notice?: string;
  readonly initial: QuizSession;
  readonly deps: QuizDeps;
  readonly width: number;
  /** The test ended: every question answered, time up, or handed in. */
  readonly onEnd: (session: QuizSession) => void;
  /** Left without handing in: no result. */
  readonly onLeave: () => void;
};

type View = {
  readonly session: QuizSession;
  /** The current question's attempt: picks or text until it is answered (final). */
  readonly attempt: Attempt;
  /** "End the test?" is being asked. */
  readonly confirming: boolean;
  /** The clock at the last tick or answer, for the countdown. */
  readonly now: number;
};

const policy: Policy = { mode: 'quiz' };

const everySecond = (tick: () => void, ms: number) => {
  const id = setInterval(tick, ms);
  return () => clearInterval(id);
};

const fresh = (session: QuizSession): Attempt => {
  const q = currentQuestion(session);
  return startAttempt(q ? questionOf({ question: q }) : { kind: 'self' });
};

/**
 * A mock test: question k of N, answers final when given and no feedback until the end. With a
 * time limit a countdown runs, and time up ends the test (through the reducer).
 */
export function Quiz({ title, notice, initial, deps, width, onEnd, onLeave }: Props) {
  const [view, getView, setView] = useLatestState<View>(() => ({
    session: initial,
    attempt: fresh(initial),
    confirming: false,
    now: deps.now(),
  }));

  /** Moves to `session`, telling the caller once when it ends. */
  const advance = (session: QuizSession, now: number, patch: Partial<View> = {}) => {
    const before = getView();
    setView({ ...before, ...patch, session, now });
    if (before.session.endedAt === null && session.endedAt !== null) onEnd(session);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: one timer for the screen's life; it reads the latest state through getView
  useEffect(() => {
    if (initial.minutes === undefined) return;
    return (deps.every ?? everySecond)(() => {
      const now = deps.now();
      advance(quizReducer(getView().session, { type: 'tick', now }), now);
    }, 1000);
  }, []);

  const modeOf = (): Mode => {
    const v = getView();
    const q = currentQuestion(v.session);
    if (v.confirming) return 'quiz.confirm';
    return q ? answerMode(v.attempt, questionOf({ question: q }), policy) : 'quiz.picking';
  };

  useKeys(modeOf, (m, input, key) => {
    const v = getView();
    const q = currentQuestion(v.session);
    if (!q) return;
    switch (m?.command) {
      case 'handIn': {
        const now = deps.now();
        return advance(quizReducer(v.session, { type: 'finish', at: now }), now);
      }
      case 'keepGoing':
        return setView({ ...v, confirming: false });
      case 'discard':
        return onLeave();
      case 'endTest':
        return setView({ ...v, confirming: true });
    }
    const action = answerAction(m, input, key, v.attempt);
    if (!action) return;
    const next = attemptReducer(v.attempt, action, questionOf({ question: q }), policy);
    if (next === v.attempt) return;
    if (next.phase !== 'rated') return setView({ ...v, attempt: next });
    const answer: QuizAnswer =
      q.kind === 'choice'
        ? { kind: 'choice', picked: [...next.picked].sort((a, b) => a - b) }
        : { kind: 'typed', text: next.typed };
    const now = deps.now();
    const session = quizReducer(v.session, { type: 'answer', answer, at: now });
    advance(session, now, { attempt: fresh(session), confirming: false });
  });

  const { session } = view;
  const q = currentQuestion(session);
  if (!q) return null;
  const left =
    session.minutes === undefined
      ? null
      : quizTimeLeft(session.startedAt, session.minutes, view.now);
  const unanswered = session.questions.length - session.index;
  return (
    <Box flexDirection="column" width={width} paddingX={1}>
      <ScreenHeader title={`Mock test · ${title}`}>
        <Text>
          Question {session.index + 1} of {session.questions.length}
          {left !== null && (
            <Text color={left < 60_000 ? theme.warn : theme.muted}>
              {' '}
              · time left {formatClock(left)}
            </Text>
          )}
        </Text>
      </ScreenHeader>
      {notice && session.index === 0 && <Text color={theme.warn}>{notice}</Text>}
      {view.confirming ? (
        <Box flexDirection="column" marginTop={1}>
          <Text color={theme.warn}>
            End the test now? {counted(unanswered, 'unanswered question')} would count as wrong.
          </Text>
          <KeyHints mode="quiz.confirm" width={width - 2} />
        </Box>
      ) : (
        <Answering
          width={width - 2}
          face={{ question: q }}
          attempt={view.attempt}
          policy={policy}
          mode={modeOf()}
          intervals={null}
        />
      )}
    </Box>
  );
}
