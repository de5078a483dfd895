import { Box, Text } from 'ink';
import { useEffect } from 'react';
import type { QuizQuestion } from '../../quiz/build.js';
import type { QuizAnswer } from '../../quiz/score.js';
import {
  currentQuestion,
  type QuizSession,
  quizReducer,
  quizTimeLeft,
} from '../../quiz/session.js';
import { formatClock } from '../../study/quiz.js';
import { ChoiceList, choiceLetters } from '../components/ChoiceList.js';
import { KeyHints } from '../components/KeyHints.js';
import { RichText } from '../components/RichText.js';
import { useKeys } from '../hooks/use-keys.js';
import { useLatestState } from '../hooks/use-latest-state.js';
import { type Command, matches, typedKey } from '../keys.js';
import { theme } from '../theme.js';

/** What the screen needs from the outside world: the clock and a timer. */
export type QuizDeps = {
  readonly now: () => Date;
  /** Calls `tick` every `ms` until the returned function is called (default: `setInterval`). */
  readonly every?: (tick: () => void, ms: number) => () => void;
};

type Props = {
  readonly title: string;
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
  /** Choice questions: positions picked so far (several only for "pick all"). */
  readonly picked: ReadonlySet<number>;
  readonly typed: string;
  /** "End the test?" is being asked. */
  readonly confirming: boolean;
  /** The clock at the last tick or answer, for the countdown. */
  readonly now: number;
};

const everySecond = (tick: () => void, ms: number) => {
  const id = setInterval(tick, ms);
  return () => clearInterval(id);
};

/**
 * A mock test: question k of N, answers final when given and no feedback until the end. With a
 * time limit a countdown runs, and time up ends the test (through the reducer).
 */
export function Quiz({ title, initial, deps, width, onEnd, onLeave }: Props) {
  const [view, getView, setView] = useLatestState<View>(() => ({
    session: initial,
    picked: new Set(),
    typed: '',
    confirming: false,
    now: deps.now().getTime(),
  }));

  /** Moves to `session`, telling the caller once when it ends. */
  const advance = (session: QuizSession, now: Date, patch: Partial<View> = {}) => {
    const before = getView();
    setView({ ...before, ...patch, session, now: now.getTime() });
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

  const submit = (answer: QuizAnswer) => {
    const now = deps.now();
    const session = quizReducer(getView().session, { type: 'answer', answer, at: now });
    advance(session, now, { picked: new Set(), typed: '', confirming: false });
  };

  useKeys((input, key) => {
    const v = getView();
    const q = currentQuestion(v.session);
    if (!q) return;
    if (v.confirming) {
      if (matches('handIn', input, key)) {
        const now = deps.now();
        return advance(quizReducer(v.session, { type: 'finish', at: now }), now);
      }
      if (matches('keepGoing', input, key)) return setView({ ...v, confirming: false });
      if (matches('discard', input, key)) return onLeave();
      return;
    }
    // While an answer is being typed, letters are text: only Esc ends the test.
    if (q.kind === 'typed' ? key.escape : matches('quit', input, key)) {
      return setView({ ...v, confirming: true });
    }
    if (q.kind === 'typed') {
      const edit = typedKey(v.typed, input, key);
      if (edit.submit && edit.text.trim() !== '') return submit({ kind: 'typed', text: edit.text });
      if (edit.text !== v.typed) setView({ ...v, typed: edit.text });
      return;
    }
    const pos = choiceLetters.indexOf(input);
    if (input.length === 1 && pos >= 0 && pos < q.choices.length) {
      if (!q.multi) return submit({ kind: 'choice', picked: [pos] });
      const picked = new Set(v.picked);
      if (picked.has(pos)) picked.delete(pos);
      else picked.add(pos);
      return setView({ ...v, picked });
    }
    if (q.multi && matches('submit', input, key) && v.picked.size > 0) {
      submit({ kind: 'choice', picked: [...v.picked].sort((a, b) => a - b) });
    }
  });

  const { session } = view;
  const q = currentQuestion(session);
  if (!q) return null;
  const left =
    session.minutes === undefined
      ? null
      : quizTimeLeft(session.startedAt, session.minutes, new Date(view.now));
  return (
    <Box flexDirection="column" width={width} paddingX={1}>
      <Box justifyContent="space-between">
        <Text bold>Mock test · {title}</Text>
        <Text>
          Question {session.index + 1} of {session.questions.length}
          {left !== null && (
            <Text color={left < 60_000 ? theme.warn : theme.muted}>
              {' '}
              · time left {formatClock(left)}
            </Text>
          )}
        </Text>
      </Box>
      <Box marginY={1} flexDirection="column" minHeight={6}>
        <Question question={q} picked={view.picked} typed={view.typed} />
      </Box>
      {view.confirming ? (
        <Box flexDirection="column">
          <Text color={theme.warn}>
            End the test now? {session.questions.length - session.index} unanswered question
            {session.questions.length - session.index === 1 ? '' : 's'} would count as wrong.
          </Text>
          <KeyHints commands={['handIn', 'keepGoing', 'discard']} />
        </Box>
      ) : (
        <Box gap={1}>
          <Text color={theme.muted}>{instruction(q, view.picked)} ·</Text>
          <KeyHints commands={hintsFor(q, view.picked)} />
        </Box>
      )}
    </Box>
  );
}

function Question({
  question: q,
  picked,
  typed,
}: {
  readonly question: QuizQuestion;
  readonly picked: ReadonlySet<number>;
  readonly typed: string;
}) {
  return (
    <Box flexDirection="column">
      {q.cue === undefined ? (
        <RichText text={q.prompt} />
      ) : (
        <>
          <Text color={theme.muted}>{q.prompt}</Text>
          <Box marginTop={1}>
            <RichText text={q.cue} bold />
          </Box>
        </>
      )}
      {q.kind === 'choice' ? (
        <>
          {q.multi && <Text color={theme.muted}>(pick all {q.correct.length} right answers)</Text>}
          <Box flexDirection="column" marginTop={1}>
            <ChoiceList choices={q.choices} picked={picked} />
          </Box>
        </>
      ) : (
        <Box marginTop={1}>
          <Text>
            <Text color={theme.accent}>› </Text>
            {typed}
            <Text inverse> </Text>
          </Text>
        </Box>
      )}
    </Box>
  );
}

function instruction(q: QuizQuestion, picked: ReadonlySet<number>): string {
  if (q.kind === 'typed') return 'type the answer';
  const range = `a–${choiceLetters[q.choices.length - 1]}`;
  if (!q.multi) return `${range} answer (final)`;
  return picked.size > 0 ? `${range} toggle, then enter (final)` : `${range} toggle`;
}

function hintsFor(q: QuizQuestion, picked: ReadonlySet<number>): Command[] {
  if (q.kind === 'typed') return ['submit', 'endTest'];
  return q.multi && picked.size > 0 ? ['submit', 'endTest'] : ['endTest'];
}
