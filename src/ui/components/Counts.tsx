import { Box, Text } from 'ink';
import { theme } from '../theme.js';

type Props = {
  readonly fresh: number;
  readonly learning: number;
  readonly review: number;
};

/**
 * `New 12 · Learn 1 · Review 3` (the words of `recall status`), there so the numbers mean something without colour.
 * Where the line is too short the three go onto lines of their own, a count never split.
 */
export function Counts({ fresh, learning, review }: Props) {
  return (
    <Box flexWrap="wrap" columnGap={1}>
      <Text>
        <Text color={theme.fresh}>New {fresh}</Text>
        <Text color={theme.muted}> ·</Text>
      </Text>
      <Text>
        <Text color={theme.learning}>Learn {learning}</Text>
        <Text color={theme.muted}> ·</Text>
      </Text>
      <Text color={theme.review}>Review {review}</Text>
    </Box>
  );
}
