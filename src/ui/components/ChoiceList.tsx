import { Box, Text } from 'ink';
import { choiceKeys } from '../keys.js';
import { theme, tint } from '../theme.js';

type Props = {
  /** The choices in the order shown, each with its key (a, b, c…). */
  readonly choices: readonly string[];
  /** Positions (in `choices`) picked so far. */
  readonly picked: ReadonlySet<number>;
  /** Once the answer is shown: the positions of the right choices (marked ✓, wrong picks ✗). */
  readonly correct?: ReadonlySet<number> | undefined;
};

/**
 * Lettered choices: `•` marks a pick; once the answer is shown, `✓` the right ones and `✗` a
 * wrong pick, and where several are right, the right ones left unpicked say so (three of four
 * picked looked like a full answer). The marks, not colour, carry the meaning.
 */
export function ChoiceList({ choices, picked, correct }: Props) {
  return (
    <>
      {choices.map((text, pos) => {
        const isPicked = picked.has(pos);
        const isRight = correct?.has(pos) ?? false;
        const revealed = correct !== undefined;
        const mark = revealed ? (isRight ? '✓' : isPicked ? '✗' : ' ') : isPicked ? '•' : ' ';
        const color = revealed
          ? isRight
            ? theme.good
            : isPicked
              ? theme.bad
              : undefined
          : undefined;
        const note =
          revealed && isPicked
            ? '← your pick'
            : revealed && isRight && correct.size > 1
              ? '← missed'
              : '';
        // A choice that wraps hangs under its text, not under its letter; its note wraps whole
        // under it on a narrow screen, never split as `← your` / `pick`.
        return (
          <Box key={pos}>
            <Text {...tint(color)}>
              {mark} {choiceKeys[pos]})
            </Text>
            <Box flexShrink={1} marginLeft={1} flexWrap="wrap" columnGap={2}>
              <Text {...tint(color)}>{text}</Text>
              {note && <Text {...tint(color)}>{note}</Text>}
            </Box>
          </Box>
        );
      })}
    </>
  );
}
