/** "Did you mean …?" for key typos, by the same edit distance typed answers are judged with. */
import { editDistance } from './edit-distance.js';

/**
 * The candidate closest to `word` within `maxDistance` edits (fewer for short words; the first
 * wins a tie), if any.
 */
export function closest(
  word: string,
  candidates: readonly string[],
  maxDistance = 2,
): string | undefined {
  let best: string | undefined;
  // Short words are a couple of edits from anything: scale the allowance with the length.
  let bestDistance = Math.min(maxDistance, Math.floor(word.length / 2)) + 1;
  const lower = word.toLowerCase();
  for (const candidate of candidates) {
    const d = editDistance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}
