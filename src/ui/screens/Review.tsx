import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { Rating, SrsState } from '../../core/model.js';
import type { Card } from '../../deck/model.js';
import { formatInterval } from '../../srs/format.js';
import { type Preview, ratings } from '../../srs/scheduler.js';
import { nextLearningDue, remaining, type Session, sessionReducer } from '../../srs/session.js';
import { gradeChoice, gradeTyped, type TypedGrade } from '../../study/grading.js';
import type { Recorded } from '../../study/recorder.js';
import { seededShuffle } from '../../text/random.js';
import { CardFace } from '../components/CardFace.js';
import { Counts } from '../components/Counts.js';
import { KeyHints } from '../components/KeyHints.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { useKeys } from '../hooks/use-keys.js';
import { useLatestState } from '../hooks/use-latest-state.js';
import { type Command, matches, typedKey } from '../keys.js';
import { ratingColors, ratingNames, theme } from '../theme.js';

/** What the screen needs from the outside world: the clock, the scheduler, and persistence. */
export type ReviewDeps = {
  readonly now: () => Date;
  /** What each rating would give the card now (FSRS, adjusted for an exam date). */
  readonly preview: (card: Card, srs: SrsState | null, now: Date) => Preview;
  readonly rate: (card: Card, rating: Rating, now: Date, durationMs: number) => Recorded;
  readonly undo: (card: Card, entryId: string, restore: SrsState | null, now: Date) => void;
};

export type ReviewOutcome = {
  readonly session: Session;
  readonly endedAt: Date;
};

type Props = {
  readonly title: string;
  readonly initial: Session;
  readonly deps: ReviewDeps;
  readonly width: number;
  readonly onEnd: (outcome: ReviewOutcome) => void;
};

type View = {
  readonly session: Session;
  readonly attempt: Attempt;
  /** When the current card was shown: its rating's duration counts from here. */
  readonly shownAt: number;
};

type Attempt = {
  readonly revealed: boolean;
  readonly picked: ReadonlySet<number>;
  readonly typed: string;
  readonly typedGrade?: TypedGrade;
  /** The rating the check proposes (choice and typed cards); Enter accepts it. */
  readonly proposed?: Rating;
};

const freshAttempt: Attempt = { revealed: false, picked: new Set(), typed: '' };
const letters = 'abcdefgh';
const ratingCommand: Record<Rating, Command> = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' };

export function Review({ title, initial, deps, width, onEnd }: Props) {
  const [view, getView, setView] = useLatestState<View>(() => ({
    session: initial,
    attempt: freshAttempt,
    shownAt: deps.now().getTime(),
  }));
  const { session, attempt } = view;
  const card = session.current?.card ?? null;

  const order = useMemo(() => (card ? orderOf(card, session) : undefined), [card, session]);

  const preview = useMemo(() => {
    const cur = session.current;
    if (!cur || !attempt.revealed) return null;
    const now = deps.now();
    const p = deps.preview(cur.card, cur.srs, now);
    return Object.fromEntries(
      ratings.map((r) => [r, formatInterval(p[r].due - now.getTime())]),
    ) as Record<Rating, string>;
  }, [session.current, attempt.revealed, deps]);

  const show = (next: Session) => {
    setView({ session: next, attempt: freshAttempt, shownAt: deps.now().getTime() });
    if (!next.current) onEnd({ session: next, endedAt: deps.now() });
  };

  const rate = (rating: Rating) => {
    const { session, shownAt } = getView();
    const cur = session.current;
    if (!cur) return;
    const now = deps.now();
    const recorded = deps.rate(cur.card, rating, now, now.getTime() - shownAt);
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

  const undo = () => {
    const { session } = getView();
    const last = session.rated.at(-1);
    const before = session.history.at(-1);
    if (!last || !before) return;
    const now = deps.now();
    deps.undo(before.current!.card, last.entryId, before.current!.srs, now);
    show(sessionReducer(session, { type: 'undo' }));
  };

  const patchAttempt = (patch: Partial<Attempt>) => {
    const v = getView();
    setView({ ...v, attempt: { ...v.attempt, ...patch } });
  };
  const reveal = (patch: Partial<Attempt> = {}) => patchAttempt({ ...patch, revealed: true });

  useKeys((input, key) => {
    const { session, attempt } = getView();
    const card = session.current?.card;
    if (!card) return;
    // While an answer is being typed, letters are text: only Esc leaves.
    const typing = card.kind === 'typed' && !attempt.revealed;
    if (typing ? key.escape : matches('quit', input, key)) {
      onEnd({ session, endedAt: deps.now() });
      return;
    }
    if (attempt.revealed) {
      for (const r of ratings) if (matches(ratingCommand[r], input, key)) return rate(r);
      if (attempt.proposed && matches('accept', input, key)) return rate(attempt.proposed);
      if (!attempt.proposed && matches('reveal', input, key)) return;
      if (matches('undo', input, key)) return undo();
      return;
    }
    switch (card.kind) {
      case 'typed': {
        const edit = typedKey(attempt.typed, input, key);
        if (!edit.submit) return patchAttempt({ typed: edit.text });
        const grade = gradeTyped(card.accepted, edit.text);
        return reveal({ typed: edit.text, typedGrade: grade, proposed: grade.proposed });
      }
      case 'choice': {
        const pos = letters.indexOf(input);
        const order = orderOf(card, session);
        if (pos >= 0 && order && pos < order.length) {
          const ci = order[pos]!;
          const picked = new Set(attempt.picked);
          if (picked.has(ci)) picked.delete(ci);
          else picked.add(ci);
          if (card.correct.length === 1) {
            const g = gradeChoice(card, picked);
            return reveal({ picked, proposed: g.proposed });
          }
          return patchAttempt({ picked });
        }
        if (matches('submit', input, key) && card.correct.length > 1 && attempt.picked.size > 0) {
          return reveal({ proposed: gradeChoice(card, attempt.picked).proposed });
        }
        if (matches('undo', input, key)) return undo();
        return;
      }
      default:
        if (matches('reveal', input, key)) return reveal();
        if (matches('undo', input, key)) return undo();
    }
  });

  if (!session.current || !card) return null;
  const left = remaining(session);
  const done = session.rated.length;
  const total = done + left.fresh + left.learning + left.review;
  const laterToday = nextLearningDue(session);

  return (
    <Box flexDirection="column" width={width} paddingX={1}>
      <Box justifyContent="space-between">
        <Text bold>{title}</Text>
        <Counts {...left} />
      </Box>
      <ProgressBar done={done} total={total} width={Math.min(width - 2, 60)} />
      <Box marginY={1} flexDirection="column" minHeight={6}>
        <CardFace
          card={card}
          revealed={attempt.revealed}
          {...(order ? { order } : {})}
          picked={attempt.picked}
          typed={attempt.typed}
          {...(attempt.typedGrade ? { typedGrade: attempt.typedGrade } : {})}
        />
        {attempt.revealed && card.explain && (
          <Box marginTop={1}>
            <Text color={theme.muted}>{card.explain}</Text>
          </Box>
        )}
      </Box>
      {attempt.revealed && preview ? (
        <Box flexDirection="column">
          <Box gap={2}>
            {ratings.map((r) => (
              <Text key={r} color={ratingColors[r]} bold={attempt.proposed === r}>
                [{r}] {ratingNames[r]} · {preview[r]}
                {attempt.proposed === r ? ' ◂' : ''}
              </Text>
            ))}
          </Box>
          <KeyHints
            commands={
              attempt.proposed ? ['accept', 'rate', 'undo', 'quit'] : ['rate', 'undo', 'quit']
            }
          />
        </Box>
      ) : (
        <Box gap={1}>
          {card.kind === 'choice' && (
            <Text color={theme.muted}>
              a–{letters[card.choices.length - 1]} {card.correct.length > 1 ? 'toggle' : 'pick'} ·
            </Text>
          )}
          {card.kind === 'typed' && <Text color={theme.muted}>type the answer ·</Text>}
          <KeyHints commands={hintsFor(card, attempt)} />
        </Box>
      )}
      {laterToday && session.pending.length === 0 && (
        <Text color={theme.muted}>
          {session.learning.length} in learning, next at {laterToday.toLocaleTimeString()}
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
    `${card.key}@${session.startedAt.toDateString()}`,
  );
}

function hintsFor(card: Card, attempt: Attempt): Command[] {
  if (card.kind === 'typed') return ['submit', 'leave'];
  if (card.kind === 'choice')
    return card.correct.length > 1 && attempt.picked.size > 0
      ? ['submit', 'undo', 'quit']
      : ['undo', 'quit'];
  return ['reveal', 'undo', 'quit'];
}
