/**
 * Semantic colours, in one place. Under NO_COLOR the CLI sets FORCE_COLOR=0 before Ink loads,
 * so these drop out and nothing on screen relies on colour alone (markers carry the meaning).
 */
import type { Tone } from '../charts/stats-layout.js';

export const theme = {
  accent: 'cyan',
  muted: 'gray',
  good: 'green',
  bad: 'red',
  warn: 'yellow',
  fresh: 'blue',
  learning: 'red',
  review: 'green',
  code: 'yellow',
} as const satisfies Record<Tone, string>;

export const ratingColors = { 1: 'red', 2: 'yellow', 3: 'green', 4: 'cyan' } as const;
export const ratingNames = { 1: 'Again', 2: 'Hard', 3: 'Good', 4: 'Easy' } as const;

/**
 * Ink's `color` prop takes no `undefined` (under exactOptionalPropertyTypes): spread this
 * instead, `<Text {...tint(maybe)}>`, so "no colour" is simply no prop.
 */
export function tint(color: string | undefined): { readonly color?: string } {
  return color === undefined ? {} : { color };
}
