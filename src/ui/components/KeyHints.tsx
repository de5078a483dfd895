import { Text } from 'ink';
import { type HintOptions, hints, type Mode } from '../keys.js';
import { theme } from '../theme.js';

type Props = { readonly mode: Mode } & HintOptions;

/** The footer: generated from the keybinding table, so it cannot drift from the keys. */
export function KeyHints({ mode, ...opts }: Props) {
  return <Text color={theme.muted}>{hints(mode, opts)}</Text>;
}
