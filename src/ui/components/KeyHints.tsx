import { Text } from 'ink';
import { type Command, hints } from '../keys.js';
import { theme } from '../theme.js';

type Props = { readonly commands: readonly Command[] };

/** The footer: generated from the keybinding table, so it cannot drift from the keys. */
export function KeyHints({ commands }: Props) {
  return <Text color={theme.muted}>{hints(commands)}</Text>;
}
