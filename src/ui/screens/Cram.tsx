import { Box, Text } from 'ink';
import type { Rating } from '../../core/model.js';
import { type CramState, type CramSummary, cramReducer, cramSummary } from '../../cram/session.js';
import type { Card } from '../../deck/model.js';
import { cardPrompt } from '../../deck/prompt.js';
import { ratings } from '../../srs/scheduler.js';
import type { CramDeps, CramStart } from '../../study/cram.js';
import { gradeChoice, gradeTyped, type TypedGrade } from '../../study/grading.js';
import { formatDuration } from '../../study/quiz.js';
import { seededShuffle } from '../../text/random.js';
import { CardFace } from '../components/CardFace.js';
import { choiceLetters } from '../components/ChoiceList.js';
import { KeyHints } from '../components/KeyHints.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { RichText } from '../components/RichText.js';
import { useKeys } from '../hooks/use-keys.js';
import { useLatestState } from '../hooks/use-latest-state.js';
import { type Command, matches, typedKey } from '../keys.js';
import { theme } from '../theme.js';

type Props = {
  readonly start: CramStart;
  readonly deps: CramDeps;
  readonly width: number;
  /** Leaves the summary (or the screen, when nothing was drilled). */
  readonly onExit: () => void;
};

type Attempt = {
  readonly revealed: boolean;
  /** Choice cards: indexes into `card.choices`. */
  readonly picked: ReadonlySet<number>;
  readonly typed: string;
  readonly typedGrade?: TypedGrade;
  /** Set once a choice or typed answer was checked and recorded: shown until `next`. */
  readonly rating?: Rating;
};

type View = {
  readonly cram: CramState;
  /** The card on screen: the current one, or after a checked answer the card just answered. */
  readonly card: Card | null;
  /** Choice cards: the order shown (reshuffled each time a card comes back). */
  readonly order?: readonly number[];
  readonly attempt: Attempt;
  /** When the card was shown: the answer's duration counts from here. */
  readonly shownAt: number;
};

const freshAttempt: Attempt = { revealed: false, picked: new Set(), typed: '' };
const ratingCommand: Record<Rating, Command> = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' };

/**
 * A cram session: pass/fail drilling of every selected card until each is answered right once,
 * then its summary. Choice and typed cards are checked (and the result shown until Enter); the
 * others are revealed with Space and self-graded (`y`/`n`, or `1`–`4` when rescheduling).
 */
export function Cram({ start, deps, width, onExit }: Props) {
  const [view, getView, setView] = useLatestState<View>(() =>
    viewOf(start.state, start.seed, deps.now().getTime()),
  );

  const show = (cram: CramState) => setView(viewOf(cram, start.seed, deps.now().getTime()));

  const patchAttempt = (patch: Partial<Attempt>) => {
    const v = getView();
    setView({ ...v, attempt: { ...v.attempt, ...patch } });
  };

  /** Records the answer and moves the session on; `checked` keeps the card up with its result. */
  const answer = (rating: Rating, checked?: Partial<Attempt>) => {
    const v = getView();
    const card = v.card;
    if (!card || v.cram.current?.key !== card.key || v.attempt.rating !== undefined) return;
    const now = deps.now();
    const first = (v.cram.attempts[card.key]?.attempts ?? 0) === 0;
    deps.record(card, rating, first, now, now.getTime() - v.shownAt);
    const cram = cramReducer(v.cram, { type: 'answer', correct: rating > 1, at: now });
    if (checked)
      setView({ ...v, cram, attempt: { ...v.attempt, ...checked, revealed: true, rating } });
    else show(cram);
  };

  const end = () => {
    const v = getView();
    setView({ ...v, cram: cramReducer(v.cram, { type: 'end' }), card: null });
  };

  useKeys((input, key) => {
    const v = getView();
    const { card, attempt } = v;
    if (!card) {
      if (matches('quit', input, key) || matches('back', input, key)) onExit();
      return;
    }
    // While an answer is being typed, letters are text: only Esc leaves.
    const typing = card.kind === 'typed' && !attempt.revealed;
    if (typing ? key.escape : matches('quit', input, key)) return end();
    if (attempt.rating !== undefined) {
      if (matches('next', input, key)) show(v.cram);
      return;
    }
    if (matches('skip', input, key)) return show(cramReducer(v.cram, { type: 'skip' }));
    switch (card.kind) {
      case 'typed': {
        const edit = typedKey(attempt.typed, input, key);
        if (edit.submit) {
          const grade = gradeTyped(card.accepted, edit.text);
          return answer(grade.proposed, { typed: edit.text, typedGrade: grade });
        }
        if (edit.text !== attempt.typed) patchAttempt({ typed: edit.text });
        return;
      }
      case 'choice': {
        const pos = choiceLetters.indexOf(input);
        const order = v.order ?? card.choices.map((_, i) => i);
        if (input.length === 1 && pos >= 0 && pos < order.length) {
          const ci = order[pos]!;
          const picked = new Set(attempt.picked);
          if (picked.has(ci)) picked.delete(ci);
          else picked.add(ci);
          if (card.correct.length === 1)
            return answer(gradeChoice(card, picked).proposed, { picked });
          return patchAttempt({ picked });
        }
        if (matches('submit', input, key) && card.correct.length > 1 && attempt.picked.size > 0) {
          return answer(gradeChoice(card, attempt.picked).proposed, {});
        }
        return;
      }
      default:
        if (!attempt.revealed) {
          if (matches('reveal', input, key)) patchAttempt({ revealed: true });
          return;
        }
        // Rescheduling makes it a real review: rated 1–4 as in daily review, not y/n.
        if (deps.reschedule) {
          for (const r of ratings) if (matches(ratingCommand[r], input, key)) return answer(r);
          return;
        }
        if (matches('knew', input, key)) return answer(3);
        if (matches('missed', input, key)) return answer(1);
    }
  });

  const { cram, card, attempt } = view;
  if (!card) {
    return (
      <CramSummaryView
        title={start.title}
        summary={cramSummary(cram)}
        state={cram}
        reschedule={deps.reschedule}
        width={width}
      />
    );
  }
  const passed = cram.cards.filter((c) => cram.attempts[c.key]?.passed).length;
  const tries = cram.attempts[card.key];
  const missedBefore = (tries?.misses ?? 0) - (attempt.rating === 1 ? 1 : 0);
  const checked = attempt.rating !== undefined;
  return (
    <Box flexDirection="column" width={width} paddingX={1}>
      <Box justifyContent="space-between">
        <Text bold>Cram · {start.title}</Text>
        <Text color={theme.muted}>
          {cram.queue.length} to go · {deps.reschedule ? 'rescheduling' : 'schedule untouched'}
        </Text>
      </Box>
      <ProgressBar done={passed} total={cram.cards.length} width={Math.min(width - 2, 60)} />
      {missedBefore > 0 && (
        <Text color={theme.warn}>missed {missedBefore}× before — once more</Text>
      )}
      <Box marginY={1} flexDirection="column" minHeight={6}>
        <CardFace
          card={card}
          revealed={attempt.revealed}
          {...(view.order ? { order: view.order } : {})}
          picked={attempt.picked}
          typed={attempt.typed}
          {...(attempt.typedGrade ? { typedGrade: attempt.typedGrade } : {})}
        />
        {checked && <Verdict card={card} rating={attempt.rating!} />}
        {attempt.revealed && card.explain && (
          <Box marginTop={1}>
            <Text color={theme.muted}>{card.explain}</Text>
          </Box>
        )}
      </Box>
      <Box gap={1}>
        {!checked && card.kind === 'choice' && (
          <Text color={theme.muted}>
            a–{choiceLetters[card.choices.length - 1]} {card.correct.length > 1 ? 'toggle' : 'pick'}{' '}
            ·
          </Text>
        )}
        {!checked && card.kind === 'typed' && <Text color={theme.muted}>type the answer ·</Text>}
        <KeyHints commands={hintsFor(card, attempt, deps.reschedule)} />
      </Box>
    </Box>
  );
}

function viewOf(cram: CramState, seed: string, at: number): View {
  const card = cram.done ? null : cram.current;
  const base = { cram, card, attempt: freshAttempt, shownAt: at };
  if (card?.kind !== 'choice') return base;
  // A new order each time the card comes back, so a position is not what gets learnt.
  const showing = cram.attempts[card.key]?.attempts ?? 0;
  const order = seededShuffle(
    card.choices.map((_, i) => i),
    `${seed}\u0000${card.key}\u0000${showing}`,
  );
  return { ...base, order };
}

function Verdict({ card, rating }: { readonly card: Card; readonly rating: Rating }) {
  const right = rating > 1;
  // Typed answers show their own verdict (✓ correct, ≈ close, ✗ not quite) with the diff.
  const what =
    card.kind === 'typed'
      ? right
        ? rating === 2
          ? 'A typo: counts as right.'
          : ''
        : 'It comes back later in this session.'
      : right
        ? '✓ Right.'
        : '✗ Wrong: it comes back later in this session.';
  if (what === '') return null;
  return (
    <Box marginTop={1}>
      <Text color={right ? theme.good : theme.bad}>{what}</Text>
    </Box>
  );
}

function hintsFor(card: Card, attempt: Attempt, reschedule: boolean): Command[] {
  if (attempt.rating !== undefined) return ['next', 'quit'];
  if (card.kind === 'typed') return ['submit', 'skip', 'leave'];
  if (card.kind === 'choice') {
    return card.correct.length > 1 && attempt.picked.size > 0
      ? ['submit', 'skip', 'quit']
      : ['skip', 'quit'];
  }
  if (!attempt.revealed) return ['reveal', 'skip', 'quit'];
  return reschedule ? ['again', 'hard', 'good', 'easy', 'quit'] : ['knew', 'missed', 'quit'];
}

type SummaryProps = {
  readonly title: string;
  readonly summary: CramSummary;
  readonly state: CramState;
  readonly reschedule: boolean;
  readonly width: number;
};

/** Cards, first-try accuracy, the cards missed most, time, and what was recorded. */
export function CramSummaryView({ title, summary, state, reschedule, width }: SummaryProps) {
  const answered = state.cards.filter((c) => (state.attempts[c.key]?.attempts ?? 0) > 0).length;
  const firstTry = Math.round(summary.firstTryAccuracy * answered);
  const finished = state.cards.every((c) => state.attempts[c.key]?.passed);
  const promptWidth = Math.max(20, width - 10);
  const clip = (s: string) => (s.length > promptWidth ? `${s.slice(0, promptWidth - 1)}…` : s);
  return (
    <Box flexDirection="column" paddingX={1} width={width}>
      <Text bold color={theme.accent}>
        {finished ? 'Cram finished: every card answered right.' : 'Cram ended.'}
      </Text>
      <Text color={theme.muted}>{title}</Text>
      <Box flexDirection="column" marginY={1}>
        <Text>
          Cards <Text bold>{summary.cards}</Text> · passed {summary.passed} · answers{' '}
          {summary.answers}
        </Text>
        <Text>
          First-try accuracy{' '}
          <Text bold>
            {answered === 0 ? '—' : `${Math.round(summary.firstTryAccuracy * 100)}%`}
          </Text>
          {answered > 0 && (
            <Text color={theme.muted}>
              {' '}
              ({firstTry} of {answered} right the first time)
            </Text>
          )}
        </Text>
        <Text>Time {formatDuration(summary.durationMs)}</Text>
      </Box>
      {summary.mostMissed.length > 0 && (
        <Box flexDirection="column" marginBottom={1}>
          <Text bold>Missed most</Text>
          {summary.mostMissed.map(({ card, misses }) => (
            <Box key={card.key}>
              <Text color={theme.bad}>{`${misses}×`.padStart(4)} </Text>
              <RichText text={clip(cardPrompt(card))} />
            </Box>
          ))}
        </Box>
      )}
      <Text color={theme.muted}>
        {reschedule
          ? `${answered} review${answered === 1 ? '' : 's'} recorded (first answers); later answers kept as cram entries.`
          : 'Schedule untouched: answers are kept as cram entries for stats only.'}
      </Text>
      <KeyHints commands={['back', 'quit']} />
    </Box>
  );
}
