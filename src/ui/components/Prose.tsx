import { Text, type TextProps, Transform } from 'ink';

/**
 * A row Ink wrapped starts with the space it broke at when the row before filled the width
 * exactly (" — that's how you pick it."): Ink calls wrap-ansi with `trim: false`
 * (chalk/wrap-ansi#36). Only a row after the first is a continuation, so only there is a
 * leading space dropped, after any colour codes that open the row.
 */
export const dropWrapSpace = (row: string, index: number): string =>
  index === 0 ? row : row.replace(/^((?:\x1b\[[0-9;]*m)*) /, '$1');

/** Text that wraps as prose: no stray space at the start of a wrapped row. */
export function Prose(props: TextProps) {
  return (
    <Transform transform={dropWrapSpace}>
      <Text {...props} />
    </Transform>
  );
}
