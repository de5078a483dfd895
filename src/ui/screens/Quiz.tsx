import { Box, Text } from 'ink';
import { useEffect } from 'react';
import { type Attempt, attemptReducer, type Policy, startAttempt } from '../../core/attempt.js';
import { formatClock } from '../../core/duration.js';
import type { QuizQuestion } from '../../core/quiz-build.js';
import type { QuizAnswer } from '../../core/quiz-score.js';
import {
  currentQuestion,
  type QuestionStatus,
  type QuizAction,
  type QuizSession,
  questionCounts,
  questionStatus,
  quizReducer,
  quizTimeLeft,
} from '../../core/quiz-session.js';
import { inlineText } from '../../text/inline.js';
import { counted } from '../../text/plural.js';
import { collapseWhitespace } from '../../text/whitespace.js';
import { truncate } from '../../text/width.js';
import { Answering, answerAction, answerMode, questionOf, SHORT } from '../components/Answering.js';
import { KeyHints } from '../components/KeyHints.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { SessionFrame } from '../components/SessionFrame.js';
import { useCardScroll } from '../hooks/use-card-scroll.js';
import { useKeys } from '../hooks/use-keys.js';
import { useLatestState } from '../hooks/use-latest-state.js';
import type { Mode } from '../keys.js';
import { listWindow } from '../list-window.js';
import { theme, tint } from '../theme.js';

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
  /** Terminal rows: the screen takes one less, the question cut before the keys are. */
  readonly height?: number;
  /** The test ended: handed in or time up. */
  readonly onEnd: (session: QuizSession) => void;
  /** Left without handing in: no result. */
  readonly onLeave: () => void;
};

type View = {
  readonly session: QuizSession;
  /** The question on screen's attempt: the choice or text being given, from its answer if any. */
  readonly attempt: Attempt;
  /** The clock at the last tick or answer, for the countdown. */
  readonly now: number;
};

const policy: Policy = { mode: 'quiz' };

const everySecond = (tick: () => void, ms: number) => {
  const id = setInterval(tick, ms);
  return () => clearInterval(id);
};

/** The attempt at the question on screen, starting from the answer it has. */
const draft = (session: QuizSession): Attempt => {
  const q = session.questions[session.index];
  if (!q) return startAttempt({ kind: 'self' });
  return startAttempt(questionOf({ question: q }), session.answers[session.index]);
};

/** A row's words, in columns: answered or blank, then flagged (a column only when any is). */
const statusWords = (s: QuestionStatus, flagColumn: boolean): string =>
  `${s.answered ? 'answered' : 'blank   '}${flagColumn ? (s.flagged ? ' flagged' : '        ') : ''}`;

/**
 * A mock test run as an exam: a choice is confirmed with Enter, answers can be changed and
 * questions flagged and visited in any order (←→, the question list), and nothing counts until
 * the test is handed in, after a "hand in?" that says what is blank or flagged. No feedback until
 * the end. The flow is core/quiz-session.ts's reducer; this screen draws it and feeds it keys.
 */
export function Quiz({ title, notice, initial, deps, width, height, onEnd, onLeave }: Props) {
  const [view, getView, setView] = useLatestState<View>(() => ({
    session: initial,
    attempt: draft(initial),
    now: deps.now(),
  }));

  /** Applies `action`, telling the caller once when the test ends. */
  const dispatch = (action: QuizAction, now: number) => {
    const before = getView();
    const session = quizReducer(before.session, action);
    const moved =
      session.index !== before.session.index || session.answers !== before.session.answers;
    setView({ session, now, attempt: moved ? draft(session) : before.attempt });
    if (before.session.endedAt === null && session.endedAt !== null) onEnd(session);
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: one timer for the screen's life; it reads the latest state through getView
  useEffect(() => {
    if (initial.minutes === undefined) return;
    return (deps.every ?? everySecond)(() => {
      const now = deps.now();
      dispatch({ type: 'tick', now }, now);
    }, 1000);
  }, []);

  const modeOf = (): Mode => {
    const v = getView();
    if (v.session.view === 'handIn') return 'quiz.confirm';
    if (v.session.view === 'list') return 'quiz.list';
    const q = currentQuestion(v.session);
    return q ? answerMode(v.attempt, questionOf({ question: q }), policy) : 'quiz.picking';
  };

  // Each question, and each return to it from the list or "hand in?", starts at its top.
  const cardScroll = useCardScroll(`${view.session.index}#${view.session.view}`);

  useKeys(modeOf, (m, input, key) => {
    const v = getView();
    const q = currentQuestion(v.session);
    if (!q) return;
    const now = deps.now();
    if (v.session.view === 'question' && cardScroll.handle(m?.command)) return;
    switch (m?.command) {
      case 'handIn':
        return dispatch({ type: 'finish', at: now }, now);
      case 'keepGoing':
      case 'cancel':
        return dispatch({ type: 'close' }, now);
      case 'discard':
        return onLeave();
      case 'endTest':
        return dispatch({ type: 'askHandIn' }, now);
      case 'previous':
        return dispatch({ type: 'move', by: -1 }, now);
      case 'next':
        return dispatch({ type: 'move', by: 1 }, now);
      case 'flag':
        return dispatch({ type: 'flag' }, now);
      case 'list':
        return dispatch({ type: 'openList' }, now);
      case 'up':
        return dispatch({ type: 'listMove', by: -1 }, now);
      case 'down':
        return dispatch({ type: 'listMove', by: 1 }, now);
      case 'open':
        return dispatch({ type: 'listGo' }, now);
    }
    if (v.session.view !== 'question') return;
    const action = answerAction(m, input, key, v.attempt);
    if (!action) return;
    const next = attemptReducer(v.attempt, action, questionOf({ question: q }), policy);
    if (next === v.attempt) return;
    if (next.phase !== 'rated') return setView({ ...v, attempt: next });
    const answer: QuizAnswer =
      q.kind === 'choice'
        ? { kind: 'choice', picked: [...next.picked].sort((a, b) => a - b) }
        : { kind: 'typed', text: next.typed };
    dispatch({ type: 'answer', answer, at: now }, now);
  });

  const { session } = view;
  const q = currentQuestion(session);
  if (!q) return null;
  const inner = width - 2;
  const left =
    session.minutes === undefined
      ? null
      : quizTimeLeft(session.startedAt, session.minutes, view.now);
  const flagged = session.flagged[session.index] ?? false;
  const untouched = session.index === 0 && session.answers.every((a) => a === null);
  return (
    <SessionFrame width={width} height={height}>
      <Box flexDirection="column" flexShrink={0}>
        <ScreenHeader title={`Mock test · ${title}`}>
          <Text>
            Question {session.index + 1} of {session.questions.length}
            {flagged && <Text color={theme.warn}> · flagged</Text>}
            {left !== null && (
              <Text color={left < 60_000 ? theme.warn : theme.muted}>
                {' '}
                · {formatClock(left)} left
              </Text>
            )}
          </Text>
        </ScreenHeader>
        {notice && untouched && session.view === 'question' && (
          // One row, so the first question's choices stay on a short screen.
          <Text color={theme.warn} wrap="truncate-end">
            {notice}
          </Text>
        )}
      </Box>
      {session.view === 'handIn' ? (
        <HandIn session={session} width={inner} />
      ) : session.view === 'list' ? (
        <QuestionList session={session} width={inner} rows={listRows(height, inner)} />
      ) : (
        <Answering
          width={inner}
          face={{ question: q }}
          attempt={view.attempt}
          policy={policy}
          mode={modeOf()}
          intervals={null}
          wrapKeys
          scroll={cardScroll.scroll}
          tight={height !== undefined && height < SHORT}
        />
      )}
    </SessionFrame>
  );
}

function HandIn({ session, width }: { readonly session: QuizSession; readonly width: number }) {
  const { blank, flagged } = questionCounts(session);
  const standing =
    blank === 0 && flagged === 0
      ? 'Every question is answered.'
      : [
          ...(blank > 0 ? [`${counted(blank, 'question')} blank (they count as wrong)`] : []),
          ...(flagged > 0 ? [`${counted(flagged, 'question')} flagged`] : []),
        ].join(' · ');
  return (
    <Box flexDirection="column" marginTop={1} flexShrink={0}>
      <Text bold>Hand in the test?</Text>
      <Text color={blank > 0 || flagged > 0 ? theme.warn : theme.good}>{standing}</Text>
      <Box marginTop={1}>
        <KeyHints mode="quiz.confirm" width={width} wrap />
      </Box>
    </Box>
  );
}

/** Rows the question list has for its questions: the screen less its header, tally and keys. */
function listRows(height: number | undefined, width: number): number {
  // Header (two rows when narrow), the tally and a blank, the keys (two rows when narrow).
  const narrow = width < 60;
  return height === undefined ? 1000 : Math.max(3, height - 1 - (narrow ? 7 : 5));
}

function QuestionList({
  session,
  width,
  rows,
}: {
  readonly session: QuizSession;
  readonly width: number;
  readonly rows: number;
}) {
  const n = session.questions.length;
  const statuses = session.questions.map((_, i) => questionStatus(session, i));
  const counts = questionCounts(session);
  const flagColumn = counts.flagged > 0;
  const w = listWindow(n, rows, session.listAt, Math.max(0, session.listAt - rows + 1));
  const numberWidth = String(n).length;
  return (
    <Box flexDirection="column" marginTop={1} flexShrink={0}>
      <Text>
        {counts.answered} answered · {counts.blank} blank ·{' '}
        <Text color={theme.warn}>{counts.flagged} flagged</Text>
      </Text>
      {w.above > 0 && <Text color={theme.muted}>↑ {w.above} more</Text>}
      {session.questions.slice(w.start, w.end).map((question, k) => {
        const i = w.start + k;
        const status = statuses[i]!;
        const at = i === session.listAt;
        const number = `${at ? '›' : ' '} ${String(i + 1).padStart(numberWidth)} `;
        const words = statusWords(status, flagColumn);
        const used = number.length + words.length + 1;
        return (
          <Text key={question.id} bold={at} wrap="truncate-end">
            {number}
            <Text
              {...tint(status.flagged ? theme.warn : status.answered ? undefined : theme.muted)}
            >
              {words}
            </Text>{' '}
            {truncate(promptLine(question), Math.max(1, width - used))}
          </Text>
        );
      })}
      {w.below > 0 && <Text color={theme.muted}>↓ {w.below} more</Text>}
      <KeyHints mode="quiz.list" width={width} wrap />
    </Box>
  );
}

/** A question on one line as it reads, for the list. */
function promptLine(q: QuizQuestion): string {
  return inlineText(collapseWhitespace(q.cue === undefined ? q.prompt : `${q.prompt} ${q.cue}`));
}
