import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { Aside, CardTools } from '../../app/card-control.js';
import { type Recorded, refusedUndoText, type UndoRefused } from '../../app/recorder.js';
import { type Attempt, attemptReducer, type Policy, startAttempt } from '../../core/attempt.js';
import type { Card } from '../../core/card.js';
import { MARKS, type Rating, type SrsState } from '../../core/model.js';
import type { QueueItem } from '../../core/queue.js';
import {
  nextLearningDue,
  progress,
  remaining,
  type Session,
  sessionReducer,
} from '../../core/review-session.js';
import type { Preview } from '../../core/scheduler.js';
import { LEECH_MARK, type LeechAction } from '../../core/settings.js';
import { seededShuffle } from '../../core/shuffle.js';
import { sanitize } from '../../text/sanitize.js';
import { collapseWhitespace } from '../../text/whitespace.js';
import { ASIDE, asideText, markText } from '../card-actions.js';
import {
  Answering,
  answerAction,
  answerMode,
  intervalsOf,
  questionOf,
  SHORT,
} from '../components/Answering.js';
import type { Face } from '../components/CardFace.js';
import { Counts } from '../components/Counts.js';
import { ProgressBar } from '../components/ProgressBar.js';
import { ScreenHeader } from '../components/ScreenHeader.js';
import { SessionFrame } from '../components/SessionFrame.js';
import { useCardInfo } from '../hooks/use-card-info.js';
import { useCardScroll } from '../hooks/use-card-scroll.js';
import { useKeys } from '../hooks/use-keys.js';
import { useLatestState } from '../hooks/use-latest-state.js';
import type { Mode } from '../keys.js';
import { theme } from '../theme.js';
import { CardInfoView } from './CardInfo.js';

/** What the screen needs from the outside world: the clock, the scheduler, and persistence. */
export type ReviewDeps = {
  readonly now: () => number;
  /**
   * What each rating would give the card now, from its latest state in the log (FSRS, adjusted
   * for an exam date): another session may have rated it since this one queued it.
   */
  readonly preview: (card: Card, now: number) => Preview;
  /**
   * Rates the card, built on `expected` (the state this session holds for it); null, nothing
   * recorded, when another session rated it since.
   */
  readonly rate: (
    card: Card,
    rating: Rating,
    now: number,
    durationMs: number,
    expected: SrsState | null,
  ) => Recorded | null;
  /** Cancels a rating this session gave; refused, saying why, if another session rated since. */
  readonly undo: (entryId: string, now: number) => UndoRefused | undefined;
} & CardTools;

export type ReviewOutcome = {
  readonly session: Session;
  readonly endedAt: number;
};

type Props = {
  readonly title: string;
  readonly initial: Session;
  readonly deps: ReviewDeps;
  readonly width: number;
  /**
   * Terminal rows: a long answer is cut at the bottom, the header and keys stay on screen; card
   * info scrolls to fit.
   */
  readonly height: number;
  readonly onEnd: (outcome: ReviewOutcome) => void;
};

type View = {
  readonly session: Session;
  readonly attempt: Attempt;
  /** When the current card was shown: its rating's duration counts from here. */
  readonly shownAt: number;
  /** What the last key did to the card (put aside, marked), or why an undo was refused. */
  readonly notice?: string;
  /** `m` was pressed: the next key picks the mark. */
  readonly marking?: boolean;
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

/** The session has a step `undoLast` can take back (a rating, a skip, a card put aside…). */
export function canUndo(session: Session): boolean {
  return session.steps.length > 0 && Boolean(session.history.at(-1)?.current);
}

/**
 * Ratings are undone through the session's history; the last one also from the summary. Null
 * when there is nothing to undo; the reason when the store refused.
 */
export function undoLast(session: Session, deps: ReviewDeps): Session | string | null {
  const last = session.steps.at(-1);
  if (!last || !canUndo(session)) return null;
  const refused = last.entryId === undefined ? undefined : deps.undo(last.entryId, deps.now());
  if (refused) return refusedUndoText(refused);
  return sessionReducer(session, { type: 'undo' });
}

/** The line under the next card when another session rated this one first. */
export const RATED_ELSEWHERE =
  'Skipped: another session rated that card since this review began; its rating stands.';

/** What became of a card that just turned leech, under the next card. */
function leechText(action: LeechAction, lapses: number): string {
  const what = action === 'suspend' ? 'suspended it' : `marked it "${LEECH_MARK}"`;
  return `Leech: the last card has lapsed ${lapses} times, so recall ${what}. It may need rewriting.`;
}

/**
 * Why a flagged card is back, over it: `Back from mock test, 24 Mar.` (a quiz flags what it
 * missed), another reason as the log gives it, made safe to show (the log is from disk).
 */
export function flagText(flag: NonNullable<QueueItem['flag']>): string {
  const day = new Date(flag.at).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
  if (flag.reason === 'quiz') return `Back from mock test, ${day}.`;
  const why = flag.reason === undefined ? '' : collapseWhitespace(sanitize(flag.reason));
  return why === '' ? `Flagged for review, ${day}.` : `Flagged for review: ${why}, ${day}.`;
}

export function Review({ title, initial, deps, width, height, onEnd }: Props) {
  const [view, getView, setView] = useLatestState<View>(() => viewOf(initial, deps.now()));
  const cardInfo = useCardInfo(deps.info, (notice) => setView({ ...getView(), notice }));
  const { session, attempt } = view;
  const face = useMemo(() => faceOf(session), [session]);

  const intervals = useMemo(() => {
    const cur = session.current;
    if (!cur || attempt.phase !== 'revealed') return null;
    const now = deps.now();
    return intervalsOf(deps.preview(cur.card, now), now);
  }, [session.current, attempt.phase, deps]);

  const show = (next: Session, notice?: string) => {
    setView({ ...viewOf(next, deps.now()), ...(notice ? { notice } : {}) });
    if (!next.current) onEnd({ session: next, endedAt: deps.now() });
  };

  const rate = (rating: Rating) => {
    const { session, shownAt } = getView();
    const cur = session.current;
    if (!cur) return;
    const now = deps.now();
    const recorded = deps.rate(cur.card, rating, now, now - shownAt, cur.srs);
    if (!recorded)
      return show(sessionReducer(session, { type: 'ratedElsewhere', now }), RATED_ELSEWHERE);
    show(
      sessionReducer(session, {
        type: 'rated',
        rating,
        next: recorded.next,
        entryId: recorded.entryId,
        now,
        ...(recorded.leech === 'suspend' ? { leaves: true } : {}),
      }),
      recorded.leech ? leechText(recorded.leech, recorded.next.lapses) : undefined,
    );
  };

  // A card shown again (a learning step, after an undo) starts at its top, as a new card does.
  const cardScroll = useCardScroll(
    `${view.session.current?.card.key ?? ''}#${view.session.rated.length}`,
  );

  const modeOf = (): Mode => {
    const v = getView();
    if (v.marking) return 'review.mark';
    const f = faceOf(v.session);
    return f ? answerMode(v.attempt, questionOf(f), policy) : 'review.shown';
  };

  const putAside = (v: View, card: Card, how: Aside) => {
    const now = deps.now();
    const done = deps.putAside(card, how, now);
    if (!done) return setView({ ...v, notice: asideText(how, null) });
    const next = sessionReducer(v.session, {
      type: 'aside',
      keys: done.keys,
      entryId: done.entryId,
      now,
    });
    show(next, asideText(how, done.keys.length));
  };

  const mark = (v: View, card: Card, markAs: string) => {
    const entryId = deps.mark(card, markAs, deps.now());
    const notice = markText(markAs, entryId);
    if (entryId === null) return setView({ ...v, marking: false, notice });
    setView({
      ...v,
      session: sessionReducer(v.session, { type: 'marked', entryId }),
      marking: false,
      notice,
    });
  };

  /** Hands the terminal to the editor, then shows the card as the edited deck has it. */
  const edit = (card: Card) => {
    deps.edit(card).then(
      (r) => {
        const next = sessionReducer(getView().session, {
          type: 'deckChanged',
          deckId: r.deckId,
          cards: r.cards,
          ...(r.renamed ? { renamed: r.renamed } : {}),
          now: deps.now(),
        });
        show(next, r.notice);
      },
      (e: unknown) => setView({ ...getView(), notice: `Edit failed: ${(e as Error).message}` }),
    );
  };

  useKeys(modeOf, (m, input, key) => {
    const v = getView();
    const f = faceOf(v.session);
    const card = v.session.current?.card;
    if (!f || !card) return;
    if (!v.marking && cardScroll.handle(m?.command)) return;
    if (v.marking) {
      if (m?.command === 'markAs') return mark(v, card, MARKS[m.index]!);
      if (m?.command === 'unmark') return mark(v, card, '');
      if (m?.command === 'cancel') return setView({ ...v, marking: false });
      return;
    }
    if (m?.command === 'quit') return onEnd({ session: v.session, endedAt: deps.now() });
    if (m?.command === 'undo') {
      const back = undoLast(v.session, deps);
      if (typeof back === 'string') setView({ ...v, notice: back });
      else if (back) show(back);
      return;
    }
    if (m?.command === 'skip')
      return show(sessionReducer(v.session, { type: 'skip', now: deps.now() }));
    const how = m ? ASIDE[m.command] : undefined;
    if (how) return putAside(v, card, how);
    if (m?.command === 'edit') return edit(card);
    if (m?.command === 'info') return cardInfo.open(card, deps.now());
    if (m?.command === 'mark') {
      const { notice: _n, ...rest } = v;
      return setView({ ...rest, marking: true });
    }
    const action = answerAction(m, input, key, v.attempt);
    if (!action) return;
    const next = attemptReducer(v.attempt, action, questionOf(f), policy);
    if (next.phase === 'rated' && next.rating !== undefined) return rate(next.rating);
    if (next !== v.attempt) setView({ ...v, attempt: next });
  });

  if (!session.current || !face) return null;
  if (cardInfo.info !== undefined) {
    return (
      <CardInfoView
        info={cardInfo.info}
        now={deps.now()}
        width={width}
        height={height}
        onClose={cardInfo.close}
        onEdit={() => {
          cardInfo.close();
          const current = getView().session.current;
          if (current) edit(current.card);
        }}
      />
    );
  }
  const left = remaining(session);
  const { done, total } = progress(session);
  const laterToday = nextLearningDue(session);

  return (
    <SessionFrame width={width} height={height}>
      <Box flexDirection="column" flexShrink={0}>
        <ScreenHeader title={title}>
          <Counts {...left} />
        </ScreenHeader>
        <ProgressBar done={done} total={total} width={Math.min(width - 2, 60)} />
        {session.current.flag && (
          <Text color={theme.accent} wrap="truncate-end">
            {flagText(session.current.flag)}
          </Text>
        )}
      </Box>
      <Answering
        width={width - 2}
        face={face}
        attempt={attempt}
        policy={policy}
        mode={view.marking ? 'review.mark' : modeOf()}
        intervals={intervals}
        scroll={cardScroll.scroll}
        tight={height < SHORT}
        undoable={canUndo(session)}
      />
      {view.notice && <Text color={theme.warn}>{view.notice}</Text>}
      {laterToday && session.pending.length === 0 && (
        <Text color={theme.muted}>
          {left.learning} in learning, next at {new Date(laterToday).toLocaleTimeString()}
        </Text>
      )}
    </SessionFrame>
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
