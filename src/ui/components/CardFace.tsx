import { Box, Text } from 'ink';
import type { TypedGrade } from '../../core/grading.js';
import type { Card, ClozePart } from '../../deck/model.js';
import { theme } from '../theme.js';
import { ChoiceList } from './ChoiceList.js';
import { RichText } from './RichText.js';

type Props = {
  readonly card: Card;
  readonly revealed: boolean;
  /** Choice cards: the order choices are shown in (indexes into `card.choices`). */
  readonly order?: readonly number[];
  readonly picked?: ReadonlySet<number>;
  /** Typed cards: what is being typed, and once submitted, its grade. */
  readonly typed?: string;
  readonly typedGrade?: TypedGrade;
};

/** One card, question side or both sides, for every card kind. */
export function CardFace({ card, revealed, order, picked, typed, typedGrade }: Props) {
  switch (card.kind) {
    case 'basic':
      return (
        <Box flexDirection="column">
          <RichText text={card.prompt} />
          {revealed && <Answer text={card.answer} />}
        </Box>
      );
    case 'pair':
      return (
        <Box flexDirection="column">
          <Text color={theme.muted}>{card.prompt}</Text>
          <Box marginTop={1}>
            <RichText text={card.left} bold />
          </Box>
          {revealed && <Answer text={card.right} />}
        </Box>
      );
    case 'cloze':
      return <Cloze parts={card.parts} gap={card.gap} revealed={revealed} />;
    case 'choice': {
      const shown = order ?? card.choices.map((_, i) => i);
      const multi = card.correct.length > 1;
      return (
        <Box flexDirection="column">
          <RichText text={card.prompt} />
          {multi && <Text color={theme.muted}>(pick {card.correct.length})</Text>}
          <Box flexDirection="column" marginTop={1}>
            <ChoiceList
              choices={shown.map((ci) => card.choices[ci]!)}
              picked={new Set(shown.flatMap((ci, pos) => (picked?.has(ci) ? [pos] : [])))}
              correct={
                revealed
                  ? new Set(shown.flatMap((ci, pos) => (card.correct.includes(ci) ? [pos] : [])))
                  : undefined
              }
            />
          </Box>
        </Box>
      );
    }
    case 'typed':
      return (
        <Box flexDirection="column">
          <RichText text={card.prompt} />
          <Box marginTop={1}>
            {typedGrade ? (
              <TypedResult grade={typedGrade} />
            ) : (
              <Text>
                <Text color={theme.accent}>› </Text>
                {typed ?? ''}
                <Text inverse> </Text>
              </Text>
            )}
          </Box>
          {revealed && card.accepted.length > 1 && (
            <Text color={theme.muted}>
              also accepted: {card.accepted.filter((a) => a !== typedGrade?.expected).join(', ')}
            </Text>
          )}
        </Box>
      );
  }
}

function Answer({ text }: { readonly text: string }) {
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text color={theme.muted}>{'─'.repeat(24)}</Text>
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

/** What was typed against the expected answer: kept, missing and extra characters. */
function TypedResult({ grade }: { readonly grade: TypedGrade }) {
  const verdict = grade.correct ? '✓ correct' : grade.close ? '≈ close' : '✗ not quite';
  return (
    <Box flexDirection="column">
      <Text>
        <Text color={theme.muted}>typed </Text>
        {grade.diff.map((d, i) =>
          d.op === 'add' ? null : (
            <Text
              key={i}
              color={d.op === 'same' ? theme.good : theme.bad}
              strikethrough={d.op === 'del'}
            >
              {d.text}
            </Text>
          ),
        )}
      </Text>
      <Text>
        <Text color={theme.muted}>expected </Text>
        {grade.diff.map((d, i) =>
          d.op === 'del' ? null : (
            <Text
              key={i}
              color={d.op === 'same' ? theme.good : theme.warn}
              underline={d.op === 'add'}
            >
              {d.text}
            </Text>
          ),
        )}
      </Text>
      <Text color={grade.correct ? theme.good : grade.close ? theme.warn : theme.bad}>
        {verdict}
      </Text>
    </Box>
  );
}
