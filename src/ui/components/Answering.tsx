import { Box, type DOMElement, type Key, measureElement, Text } from 'ink';
import { type ReactNode, useEffect, useRef } from 'react';
import type { AnswerRules } from '../../core/answer-check.js';
import {
  type Attempt,
  type AttemptAction,
  canSubmit,
  isMulti,
  isRevealed,
  type Policy,
  type Question,
  ratingsOffered,
} from '../../core/attempt.js';
import { formatInterval } from '../../core/duration.js';
import type { Rating } from '../../core/model.js';
import { type Preview, ratings } from '../../core/scheduler.js';
import type { CardScroll } from '../hooks/use-card-scroll.js';
import { type Command, hints, type Matched, type Mode, typedKey } from '../keys.js';
import { moreLine } from '../list-window.js';
import { ratingColors, ratingNames, theme } from '../theme.js';
import { CardFace, type Face, shownChoices } from './CardFace.js';
import { RichText } from './RichText.js';

/** `10m`, `6d`…: the interval each rating of a preview gives, counted from `now`. */
export function intervalsOf(p: Preview, now: number): Record<Rating, string> {
  return Object.fromEntries(ratings.map((r) => [r, formatInterval(p[r].due - now)])) as Record<
    Rating,
    string
  >;
}

/** What the attempt reducer needs to know of a face. */
export function questionOf(face: Face): Question {
  const choices = shownChoices(face);
  if (choices) return { kind: 'choice', count: choices.choices.length, correct: choices.correct };
  if ('question' in face) {
    const q = face.question;
    return q.kind === 'typed' ? typedQuestion(q.accepted, q.card.answers) : { kind: 'self' };
  }
  return face.card.kind === 'typed'
    ? typedQuestion(face.card.accepted, face.card.answers)
    : { kind: 'self' };
}

function typedQuestion(accepted: readonly string[], rules: AnswerRules | undefined): Question {
  return rules ? { kind: 'typed', accepted, rules } : { kind: 'typed', accepted };
}

const MODES = {
  review: {
    shown: 'review.shown',
    picking: 'review.picking',
    typing: 'review.typing',
    typingEmpty: 'review.typingEmpty',
    revealed: 'review.revealed',
    rescheduling: 'review.revealed',
    rated: 'review.revealed',
  },
  cram: {
    shown: 'cram.shown',
    picking: 'cram.picking',
    typing: 'cram.typing',
    typingEmpty: 'cram.typingEmpty',
    revealed: 'cram.revealed',
    rescheduling: 'cram.rescheduling',
    rated: 'cram.checked',
  },
  quiz: {
    shown: 'quiz.picking',
    picking: 'quiz.picking',
    typing: 'quiz.typing',
    typingEmpty: 'quiz.typingEmpty',
    revealed: 'quiz.picking',
    rescheduling: 'quiz.picking',
    rated: 'quiz.picking',
  },
} as const satisfies Record<Policy['mode'], Record<string, Mode>>;

/** The keys mode of an attempt on one of the answering screens. */
export function answerMode(a: Attempt, q: Question, p: Policy): Mode {
  const modes = MODES[p.mode];
  if (a.phase === 'typing') return a.typed === '' ? modes.typingEmpty : modes.typing;
  if (a.phase === 'revealed' && q.kind === 'self' && ratingsOffered(a, q, p).length === 4)
    return modes.rescheduling;
  return modes[a.phase];
}

/**
 * Under this many columns (a split pane, a phone) the card takes only the rows it needs: the
 * screen is short too, and a card kept 6 rows tall pushes the buttons off it.
 */
const NARROW = 40;

/** Under this many rows the card drops its blank rows above and below (`tight`). */
export const SHORT = 20;

const RATE: Partial<Record<Command, Rating>> = {
  again: 1,
  hard: 2,
  good: 3,
  easy: 4,
  knew: 3,
  missed: 1,
};

/**
 * The reducer action a key is, on an answering screen: a command of the mode, or while typing
 * any other key edits the answer. Commands of the screen itself (quit, undo, skip…) are the
 * screen's: null here.
 */
export function answerAction(
  m: Matched | null,
  input: string,
  key: Key,
  a: Attempt,
): AttemptAction | null {
  if (m) {
    const rating = RATE[m.command];
    if (rating !== undefined) return { type: 'rate', rating };
    switch (m.command) {
      case 'pick':
        return { type: 'pick', pos: m.index };
      case 'submit':
        return a.phase === 'typing' ? { type: 'answer', text: a.typed } : { type: 'submit' };
      case 'reveal':
        return { type: 'reveal' };
      case 'accept':
        return { type: 'accept' };
      case 'erase':
        return { type: 'edit', text: a.typed.slice(0, -1) };
      default:
        return null;
    }
  }
  if (a.phase !== 'typing') return null;
  const edit = typedKey(a.typed, input, key);
  if (edit.submit) return { type: 'answer', text: edit.text };
  return edit.text === a.typed ? null : { type: 'edit', text: edit.text };
}

type Props = {
  readonly face: Face;
  readonly attempt: Attempt;
  readonly policy: Policy;
  readonly mode: Mode;
  /** What each rating would give, for the rating row; null: the row shows no intervals. */
  readonly intervals: Readonly<Record<Rating, string>> | null;
  /** Columns the card has (the footer keeps the hints that fit). */
  readonly width: number;
  /** Shown under the card once answered: cram's verdict. */
  readonly children?: ReactNode;
  /** The footer keeps every hint, wrapped as whole hints, instead of the ones that fit a line. */
  readonly wrapKeys?: boolean;
  /** A short terminal: no blank row around the card, so two more of its lines show. */
  readonly tight?: boolean;
  /** A card cut to fit scrolls (`useCardScroll`); without it, it is cut at its end. */
  readonly scroll?: CardScroll;
  /** The session has a step to take back: the footer offers undo only then. */
  readonly undoable?: boolean;
};

/**
 * One card being answered, the same on every screen: the face, the picks or the typed answer,
 * the answer and its explanation once revealed, the rating row with its intervals, and the
 * footer of the keys mode.
 */
export function Answering({
  face,
  attempt,
  policy,
  mode,
  intervals,
  width,
  children,
  wrapKeys = false,
  tight = false,
  scroll,
  undoable = false,
}: Props) {
  const q = questionOf(face);
  const revealed = isRevealed(attempt, policy);
  const offered = ratingsOffered(attempt, q, policy);
  const explain = 'question' in face ? undefined : face.card.explain;
  const hide: Command[] = [];
  if (!undoable) hide.push('undo');
  if (attempt.proposed === undefined) hide.push('accept');
  if (attempt.phase === 'picking' && !canSubmit(attempt, q, policy)) hide.push('submit');
  const choices = q.kind === 'choice' ? q.count : undefined;
  const typing = attempt.phase === 'typing' && !wrapKeys ? 'type the answer · ' : '';
  const viewport = useRef<DOMElement>(null);
  const content = useRef<DOMElement>(null);
  // Measured once Ink has laid the frame out: how tall the card is, and the rows it was given.
  useEffect(() => {
    if (scroll && viewport.current && content.current) {
      scroll.measure(
        measureElement(content.current).height,
        measureElement(viewport.current).height,
      );
    }
  });
  const cut = scroll ? scroll.window.above + scroll.window.below > 0 : false;
  if (scroll && !cut) hide.push('up', 'down', 'pageUp', 'pageDown');
  const w = scroll?.window;
  return (
    <Box flexDirection="column" flexShrink={1} flexGrow={cut ? 1 : 0}>
      {/* The card gives way when the screen is shorter than it, cut to the rows left (and then
          scrolled by the arrows, where the screen scrolls it): the rating row and the keys
          below it never leave the screen. */}
      <Box
        ref={viewport}
        marginY={tight ? 0 : 1}
        flexDirection="column"
        minHeight={width < NARROW ? 0 : 6}
        flexShrink={1}
        flexGrow={cut ? 1 : 0}
        overflowY="hidden"
      >
        {w && w.above > 0 && <Text color={theme.muted}>{moreLine('above', w.above)}</Text>}
        <Box
          flexDirection="column"
          flexShrink={0}
          overflowY="hidden"
          {...(w && cut ? { height: w.end - w.start } : {})}
        >
          <Box ref={content} flexDirection="column" flexShrink={0} marginTop={-(w?.start ?? 0)}>
            <CardFace face={face} attempt={attempt} revealed={revealed} width={width} />
            {children}
            {revealed && explain && (
              <Box marginTop={1}>
                <RichText text={explain} muted />
              </Box>
            )}
          </Box>
        </Box>
        {w && w.below > 0 && <Text color={theme.muted}>{moreLine('below', w.below)}</Text>}
      </Box>
      {offered.length === 4 && (
        <Box columnGap={2} flexWrap="wrap" flexShrink={0}>
          {offered.map((r) => (
            <Text key={r} color={ratingColors[r]} bold={attempt.proposed === r} wrap="truncate-end">
              [{r}] {ratingNames[r]}
              {intervals ? ` · ${intervals[r]}` : ''}
              {attempt.proposed === r ? ' ◂' : ''}
            </Text>
          ))}
        </Box>
      )}
      <Box flexShrink={0}>
        <Text color={theme.muted}>
          {typing}
          {hints(mode, {
            hide,
            ...(attempt.proposed === undefined
              ? {}
              : { say: { accept: ratingNames[attempt.proposed] } }),
            ...(choices === undefined ? {} : { choices }),
            ...(cut ? { urgent: ['up' as const] } : {}),
            multi: isMulti(q),
            width: width - typing.length,
            ...(wrapKeys
              ? { wrap: true, ...(attempt.phase === 'typing' ? { lead: 'type the answer' } : {}) }
              : {}),
          })}
        </Text>
      </Box>
    </Box>
  );
}
