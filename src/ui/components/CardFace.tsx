import { Box, Text } from 'ink';
import type { Attempt } from '../../core/attempt.js';
import type { Card, ClozePart } from '../../core/card.js';
import type { TypedGrade } from '../../core/grading.js';
import type { QuizQuestion } from '../../core/quiz-build.js';
import { displayWidth } from '../../text/width.js';
import { theme } from '../theme.js';
import { ChoiceList } from './ChoiceList.js';
import { RichText } from './RichText.js';

/**
 * What is asked: a card (review, cram; choice cards with the order their choices are shown
 * in) or a mock-test question (its choices already in their order).
 */
export type Face =
  | { readonly card: Card; readonly order?: readonly number[] | undefined }
  | { readonly question: QuizQuestion };

/** The choices of a choice face as shown, and the positions of the right ones. */
export function shownChoices(face: Face): { choices: string[]; correct: number[] } | null {
  if ('question' in face) {
    const q = face.question;
    return q.kind === 'choice' ? { choices: [...q.choices], correct: [...q.correct] } : null;
  }
  const { card } = face;
  if (card.kind !== 'choice') return null;
  const order = face.order ?? card.choices.map((_, i) => i);
  return {
    choices: order.map((i) => card.choices[i]!),
    correct: order.flatMap((i, pos) => (card.correct.includes(i) ? [pos] : [])),
  };
}

type Props = {
  readonly face: Face;
  readonly attempt: Attempt;
  /** The answer side is on screen. */
  readonly revealed: boolean;
  /** Columns it has: the rule above the answer is no wider. */
  readonly width: number;
};

/** One card or question, question side or both sides, for every kind. */
export function CardFace({ face, attempt, revealed, width }: Props) {
  const choices = shownChoices(face);
  const prompt =
    'question' in face ? (
      face.question.cue === undefined ? (
        <RichText text={face.question.prompt} />
      ) : (
        <PairPrompt prompt={face.question.prompt} left={face.question.cue} />
      )
    ) : face.card.kind === 'choice' ? (
      <RichText text={face.card.prompt} />
    ) : null;
  if (choices) {
    const picks = choices.correct.length;
    return (
      <Box flexDirection="column">
        {prompt}
        {picks > 1 && (
          <Text color={theme.muted}>
            ({picks === 2 ? 'pick both right answers' : `pick all ${picks} right answers`})
          </Text>
        )}
        <Box flexDirection="column" marginTop={1}>
          <ChoiceList
            choices={choices.choices}
            picked={attempt.picked}
            correct={revealed ? new Set(choices.correct) : undefined}
          />
        </Box>
      </Box>
    );
  }
  if ('question' in face) {
    return (
      <Box flexDirection="column">
        {prompt}
        <Box marginTop={1}>
          <TypedInput text={attempt.typed} />
        </Box>
      </Box>
    );
  }
  const { card } = face;
  switch (card.kind) {
    case 'basic':
      return (
        <Box flexDirection="column">
          <RichText text={card.prompt} />
          {revealed && <Answer text={card.answer} width={width} />}
        </Box>
      );
    case 'pair':
      return (
        <Box flexDirection="column">
          <PairPrompt prompt={card.prompt} left={card.left} />
          {revealed && <Answer text={card.right} width={width} />}
        </Box>
      );
    case 'cloze':
      return <Cloze parts={card.parts} gap={card.gap} revealed={revealed} />;
    case 'choice':
      return null;
    case 'typed':
      return (
        <Box flexDirection="column">
          <RichText text={card.prompt} />
          <Box marginTop={1}>
            {attempt.grade ? (
              <TypedResult grade={attempt.grade} />
            ) : (
              <TypedInput text={attempt.typed} />
            )}
          </Box>
          {revealed && card.accepted.length > 1 && (
            <Text color={theme.muted}>
              also accepted: {card.accepted.filter((a) => a !== attempt.grade?.expected).join(', ')}
            </Text>
          )}
        </Box>
      );
  }
}

function PairPrompt({ prompt, left }: { readonly prompt: string; readonly left: string }) {
  return (
    <>
      <Text color={theme.muted}>{prompt}</Text>
      <Box marginTop={1}>
        <RichText text={left} bold />
      </Box>
    </>
  );
}

/** The answer being typed, with a block cursor after it. */
function TypedInput({ text }: { readonly text: string }) {
  return (
    <Text>
      <Text color={theme.accent}>› </Text>
      {text}
      <Text inverse> </Text>
    </Text>
  );
}

function Answer({ text, width }: { readonly text: string; readonly width: number }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text color={theme.muted}>{'─'.repeat(Math.max(1, Math.min(24, width)))}</Text>
      <RichText text={text} />
    </Box>
  );
}

function Cloze({
  parts,
  gap,
  revealed,
}: {
  readonly parts: readonly ClozePart[];
  readonly gap: number;
  readonly revealed: boolean;
}) {
  return (
    <Text>
      {parts.map((p, i) => {
        if (p.type === 'text') return <Text key={i}>{p.text}</Text>;
        if (p.index !== gap) return <Text key={i}>{p.text}</Text>;
        return revealed ? (
          <Text key={i} bold color={theme.accent}>
            [{p.text}]
          </Text>
        ) : (
          <Text key={i} bold color={theme.accent}>
            [{p.hint ?? '…'}]
          </Text>
        );
      })}
    </Text>
  );
}

/** Labels of the diff lines, one width so the two lines and their marks line up. */
const TYPED = 'typed    ';
const EXPECTED = 'expected ';

/**
 * What was typed, exactly, against the expected answer. Characters typed but not expected are
 * marked `^` under the typed line, characters missing `^` under the expected one: marks, not
 * colour, so the diff reads the same under NO_COLOR.
 */
function TypedResult({ grade }: { readonly grade: TypedGrade }) {
  const verdict = grade.correct ? '✓ correct' : grade.close ? '≈ close' : '✗ not quite';
  const typed = grade.diff.flatMap((d) =>
    d.op === 'add' ? [] : [{ text: d.op === 'same' ? d.typed : d.text, marked: d.op === 'del' }],
  );
  const expected = grade.diff.flatMap((d) =>
    d.op === 'del' ? [] : [{ text: d.text, marked: d.op === 'add' }],
  );
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={theme.muted}>{TYPED}</Text>
        {typed.length === 0 ? (
          <Text color={theme.muted}>(nothing)</Text>
        ) : (
          typed.map((d, i) => (
            <Text key={i} color={d.marked ? theme.bad : theme.good} strikethrough={d.marked}>
              {d.text}
            </Text>
          ))
        )}
      </Text>
      <Marks runs={typed} />
      <Text>
        <Text color={theme.muted}>{EXPECTED}</Text>
        {expected.map((d, i) => (
          <Text key={i} color={d.marked ? theme.warn : theme.good} underline={d.marked}>
            {d.text}
          </Text>
        ))}
      </Text>
      <Marks runs={expected} />
      <Text color={grade.correct ? theme.good : grade.close ? theme.warn : theme.bad}>
        {verdict}
      </Text>
    </Box>
  );
}

/** `^` under each marked character of a diff line; nothing when none is marked. */
function Marks({ runs }: { readonly runs: readonly { text: string; marked: boolean }[] }) {
  if (!runs.some((r) => r.marked)) return null;
  const line = runs
    .map((r) => (r.marked ? '^' : ' ').repeat(displayWidth(r.text)))
    .join('')
    .trimEnd();
  return (
    <Text>
      {' '.repeat(TYPED.length)}
      {line}
    </Text>
  );
}
