import { Text } from 'ink';
import { theme } from '../theme.js';

type Props = {
  readonly fresh: number;
  readonly learning: number;
  readonly review: number;
};

/** `New 12 · Learn 1 · Due 3`, the words there so the numbers mean something without colour. */
export function Counts({ fresh, learning, review }: Props) {
  return (
    <Text>
      <Text color={theme.fresh}>New {fresh}</Text>
      <Text color={theme.muted}> · </Text>
      <Text color={theme.learning}>Learn {learning}</Text>
      <Text color={theme.muted}> · </Text>
      <Text color={theme.review}>Due {review}</Text>
    </Text>
  );
}
