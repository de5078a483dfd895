import { Box, Text } from 'ink';
import type { Aside } from '../../app/card-control.js';
import type { CramDeps, CramStart } from '../../app/cram.js';
import { refusedUndoText } from '../../app/recorder.js';
import { type Attempt, attemptReducer, type Policy, startAttempt } from '../../core/attempt.js';
import type { Card } from '../../core/card.js';
import { cardPrompt } from '../../core/card-prompt.js';
import {
  type CramState,
  type CramSummary,
  cramReducer,
  cramSummary,
} from '../../core/cram-session.js';
import { formatDuration } from '../../core/duration.js';
import { MARKS, type Rating } from '../../core/model.js';
import { seededShuffle } from '../../core/shuffle.js';
import { counted } from '../../text/plural.js';
import { truncate } from '../../text/width.js';
import { ASIDE, asideText, markText } from '../card-actions.js';
import {
  Answering,
  answerAction,
  answerMode,
  intervalsOf,
  questionOf,
  SHORT,
} from '../components/Answering.js';
import { KeyHints } from '../components/KeyHints.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { RichText } from '../components/RichText.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { SessionFrame } from '../components/SessionFrame.js';
import { useCardInfo } from '../hooks/use-card-info.js';
import { useCardScroll } from '../hooks/use-card-scroll.js';
import { useKeys } from '../hooks/use-keys.js';
import { useLatestState } from '../hooks/use-latest-state.js';
import type { Mode } from '../keys.js';
import { FALLBACK_SIZE } from '../terminal.js';
import { theme } from '../theme.js';
import { CardInfoView } from './CardInfo.js';

type Props = {
  readonly start: CramStart;
  readonly deps: CramDeps;
  readonly width: number;
  /**
   * Terminal rows: a long answer is cut at the bottom, the header and keys stay on screen (as
   * in review); absent, the screen takes the rows it needs.
   */
  readonly height?: number;
  /** Leaves the summary (or the screen, when nothing was drilled). */
  readonly onExit: () => void;
  /** Leaving goes back home (home started the cram), not out of recall. */
  readonly fromHome?: boolean;
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
  /** With `--reschedule`, once a self-graded card is revealed: what each rating would give. */
  readonly intervals: Readonly<Record<Rating, string>> | null;
  /** What the last key did to the card (put aside, marked), or why an undo was refused. */
  readonly notice?: string;
  /** `m` was pressed: the next key picks the mark. */
  readonly marking?: boolean;
};

/**
 * A cram session: pass/fail drilling of every selected card until each is answered right once,
 * then its summary. Choice and typed cards are checked (and the result shown until Enter); the
 * others are revealed with Space and self-graded (`y`/`n`, or `1`–`4` when rescheduling). The
 * card on screen can be skipped, buried, suspended, marked, looked up and edited as in review,
 * recorded the same way; every step is undone with `u`.
 */
export function Cram({ start, deps, width, height, onExit, fromHome = false }: Props) {
  const policy: Policy = { mode: 'cram', reschedule: deps.reschedule };
  const [view, getView, setView] = useLatestState<View>(() =>
    viewOf(start.state, start.seed, deps.now()),
  );

  const cardInfo = useCardInfo(deps.info, (notice) => setView({ ...getView(), notice }));

  const show = (cram: CramState, notice?: string) =>
    setView({ ...viewOf(cram, start.seed, deps.now()), ...(notice ? { notice } : {}) });

  const undo = () => {
    const v = getView();
    const step = v.cram.steps.at(-1);
    if (!step) return;
    // A skip moved the card only; everything else has a log entry to cancel.
    const refused =
      step.entryId === undefined ? undefined : deps.undo({ entryId: step.entryId }, deps.now());
    if (refused) return setView({ ...v, notice: refusedUndoText(refused) });
    show(cramReducer(v.cram, { type: 'undo' }));
  };

  // A card shown again (a miss comes back, after an undo) starts at its top, as a new card does.
  const cardScroll = useCardScroll(`${view.card?.key ?? ''}#${view.cram.steps.length}`);

  const modeOf = (): Mode => {
    const v = getView();
    if (!v.card) return 'cram.summary';
    if (v.marking) return 'cram.mark';
    return answerMode(v.attempt, questionOf({ card: v.card, order: v.order }), policy);
  };

  const putAside = (v: View, card: Card, how: Aside) => {
    const done = deps.putAside(card, how, deps.now());
    if (!done) return setView({ ...v, notice: asideText(how, null) });
    const cram = cramReducer(v.cram, { type: 'aside', keys: done.keys, entryId: done.entryId });
    show(cram, asideText(how, done.keys.length));
  };

  const mark = (v: View, card: Card, markAs: string) => {
    const entryId = deps.mark(card, markAs, deps.now());
    const notice = markText(markAs, entryId);
    const cram = entryId === null ? v.cram : cramReducer(v.cram, { type: 'marked', entryId });
    setView({ ...v, cram, marking: false, notice });
  };

  const edit = (card: Card) =>
    deps.edit(card).then(
      (r) => {
        const cram = cramReducer(getView().cram, {
          type: 'deckChanged',
          deckId: r.deckId,
          cards: r.cards,
          ...(r.renamed ? { renamed: r.renamed } : {}),
        });
        show(cram, r.notice);
      },
      (e: unknown) => setView({ ...getView(), notice: `Edit failed: ${(e as Error).message}` }),
    );

  useKeys(modeOf, (m, input, key) => {
    const v = getView();
    const { card } = v;
    // The card info over the card takes its own keys.
    if (cardInfo.isOpen()) return;
    if (m?.command === 'undo') return undo();
    if (!card) {
      if (m?.command === 'back') onExit();
      return;
    }
    if (v.marking) {
      if (m?.command === 'markAs') return mark(v, card, MARKS[m.index]!);
      if (m?.command === 'unmark') return mark(v, card, '');
      if (m?.command === 'cancel') return setView({ ...v, marking: false });
      return;
    }
    if (cardScroll.handle(m?.command)) return;
    if (m?.command === 'quit') {
      return setView({ ...v, cram: cramReducer(v.cram, { type: 'end' }), card: null });
    }
    if (m?.command === 'next') return show(v.cram);
    if (m?.command === 'skip') return show(cramReducer(v.cram, { type: 'skip' }));
    const how = m ? ASIDE[m.command] : undefined;
    if (how) return putAside(v, card, how);
    if (m?.command === 'info') return cardInfo.open(card, deps.now());
    if (m?.command === 'edit') return void edit(card);
    if (m?.command === 'mark') {
      const { notice: _n, ...rest } = v;
      return setView({ ...rest, marking: true });
    }
    const action = answerAction(m, input, key, v.attempt);
    if (!action) return;
    const q = questionOf({ card, order: v.order });
    const next = attemptReducer(v.attempt, action, q, policy);
    if (next === v.attempt) return;
    if (next.phase !== 'rated' || next.rating === undefined) {
      // Read when the answer is shown (an event), not while drawing: it reads the log.
      const at = deps.now();
      const intervals =
        next.phase === 'revealed' && deps.preview ? intervalsOf(deps.preview(card, at), at) : null;
      return setView({ ...v, attempt: next, intervals });
    }
    const now = deps.now();
    const first = (v.cram.attempts[card.key]?.attempts ?? 0) === 0;
    const durationMs = now - v.shownAt;
    const { entryId } = deps.record(card, next.rating, first, now, durationMs);
    const cram = cramReducer(v.cram, {
      type: 'answer',
      correct: next.rating > 1,
      durationMs,
      entryId,
    });
    // A checked answer stays up with its result until Enter; a self-graded one moves on.
    if (q.kind === 'self') show(cram);
    else setView({ ...v, cram, attempt: next });
  });

  const { cram, card, attempt } = view;
  const mode = modeOf();

  if (!card) {
    return (
      <CramSummaryView
        title={start.title}
        summary={cramSummary(cram)}
        state={cram}
        reschedule={deps.reschedule}
        width={width}
        fromHome={fromHome}
      />
    );
  }
  if (cardInfo.info !== undefined) {
    return (
      <CardInfoView
        info={cardInfo.info}
        now={deps.now()}
        width={width}
        height={height ?? FALLBACK_SIZE.rows}
        onClose={cardInfo.close}
      />
    );
  }
  // Cards put aside have left the session: they count neither way.
  const aside = new Set(cram.aside);
  const inSession = cram.cards.filter((c) => !aside.has(c.key));
  const passed = inSession.filter((c) => cram.attempts[c.key]?.passed).length;
  const tries = cram.attempts[card.key];
  const checked = attempt.phase === 'rated';
  const missedBefore = (tries?.misses ?? 0) - (checked && attempt.rating === 1 ? 1 : 0);
  return (
    <SessionFrame width={width} height={height}>
      <Box flexDirection="column" flexShrink={0}>
        <ScreenHeader title={`Cram · ${start.title}`}>
          <Text color={theme.muted}>
            {cram.queue.length} to go · {deps.reschedule ? 'rescheduling' : 'schedule untouched'}
          </Text>
        </ScreenHeader>
        <ProgressBar done={passed} total={inSession.length} width={Math.min(width - 2, 60)} />
        {missedBefore > 0 && (
          <Text color={theme.warn}>missed {missedBefore}× before — once more</Text>
        )}
      </Box>
      <Answering
        width={width - 2}
        face={{ card, order: view.order }}
        attempt={attempt}
        policy={policy}
        mode={mode}
        intervals={view.intervals}
        scroll={cardScroll.scroll}
        tight={(height ?? FALLBACK_SIZE.rows) < SHORT}
        undoable={cram.steps.length > 0}
      >
        {checked && attempt.rating !== undefined && <Verdict card={card} rating={attempt.rating} />}
      </Answering>
      {view.notice && <Text color={theme.warn}>{view.notice}</Text>}
    </SessionFrame>
  );
}

function viewOf(cram: CramState, seed: string, at: number): View {
  const card = cram.done ? null : cram.current;
  const base = { cram, card, shownAt: at, intervals: null };
  if (card?.kind !== 'choice') {
    const attempt = startAttempt(card ? questionOf({ card }) : { kind: 'self' });
    return { ...base, attempt };
  }
  // A new order each time the card comes back, so a position is not what gets learnt.
  const showing = cram.attempts[card.key]?.attempts ?? 0;
  const order = seededShuffle(
    card.choices.map((_, i) => i),
    `${seed}\u0000${card.key}\u0000${showing}`,
  );
  return { ...base, order, attempt: startAttempt(questionOf({ card, order })) };
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

type SummaryProps = {
  readonly title: string;
  readonly summary: CramSummary;
  readonly state: CramState;
  readonly reschedule: boolean;
  readonly width: number;
  readonly fromHome?: boolean;
};

/** Cards, first-try accuracy, the cards missed most, time, and what was recorded. */
export function CramSummaryView({
  title,
  summary,
  state,
  reschedule,
  width,
  fromHome = false,
}: SummaryProps) {
  const answered = state.cards.filter((c) => (state.attempts[c.key]?.attempts ?? 0) > 0).length;
  const firstTry = Math.round(summary.firstTryAccuracy * answered);
  const finished = state.cards.every(
    (c) => state.attempts[c.key]?.passed || state.aside.includes(c.key),
  );
  const promptWidth = Math.max(20, width - 10);
  return (
    <Box flexDirection="column" paddingX={1} width={width}>
      <Text bold color={theme.accent}>
        {finished
          ? `Cram finished: every card answered right${summary.putAside > 0 ? ' or put aside' : ''}.`
          : 'Cram ended.'}
      </Text>
      <Text color={theme.muted}>{title}</Text>
      <Box flexDirection="column" marginY={1}>
        <Text>
          Cards <Text bold>{summary.cards}</Text> · passed {summary.passed} · answers{' '}
          {summary.answers}
          {summary.putAside > 0 && ` · put aside ${summary.putAside}`}
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
        {summary.answers > 0 && <Text>Time answering {formatDuration(summary.durationMs)}</Text>}
      </Box>
      {summary.mostMissed.length > 0 && (
        <Box flexDirection="column" marginBottom={1}>
          <Text bold>Missed most</Text>
          {summary.mostMissed.map(({ card, misses }) => (
            <Box key={card.key}>
              <Text color={theme.bad}>{`${misses}×`.padStart(4)} </Text>
              <RichText text={truncate(cardPrompt(card), promptWidth)} />
            </Box>
          ))}
        </Box>
      )}
      <Text color={theme.muted}>
        {reschedule
          ? `${counted(answered, 'review')} recorded (first answers); later answers kept as cram entries.`
          : 'Schedule untouched: answers are kept as cram entries for stats only.'}
      </Text>
      <KeyHints
        mode="cram.summary"
        width={width - 2}
        fromHome={fromHome}
        {...(state.steps.length > 0 ? {} : { hide: ['undo'] })}
      />
    </Box>
  );
}
