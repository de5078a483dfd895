/** What config.yaml says about decks that the decks read do not bear out. */
import type { Problem } from '../core/card.js';
import { closest } from '../text/suggest.js';
import type { Config } from './config.js';

/**
 * A `decks.<id>:` no deck has: its settings apply to nothing (a typo, or a deck renamed). Only
 * meaningful when every deck was read.
 */
export function unknownDeckIds(config: Config, deckIds: readonly string[]): Problem[] {
  const known = new Set(deckIds);
  const sorted = [...known].sort();
  const out: Problem[] = [];
  for (const [id, pos] of Object.entries(config.deckIdPos)) {
    if (known.has(id)) continue;
    const guess = closest(id, sorted);
    const head = `decks: no deck has the id ${JSON.stringify(id)}`;
    const message = guess
      ? `${head}; did you mean ${JSON.stringify(guess)}?`
      : `${head}, so its settings are unused`;
    out.push({ ...pos, severity: 'warning', rule: 'unknown-deck', message });
  }
  return out;
}
