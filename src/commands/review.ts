import type { Collection } from '../app/collection.js';
import type { ReviewRequest } from '../app/review.js';
import { emptySelectionMessage, splitTags, unknownTags } from '../app/selection.js';
import { clockFromEnv } from '../clock.js';
import { UserError } from '../errors.js';
import type { StartAt } from '../ui/AppContainer.js';
import { positiveInt } from './cram.js';
import { openWithCache, requireTerminal, reviewFromCache, showApp, showEarly } from './tui.js';

export type ReviewFlags = {
  readonly tag?: readonly string[];
  readonly ahead?: string;
  readonly new?: string;
};

/** The longest review-ahead window: the longest interval there is. */
const MAX_AHEAD_DAYS = 36500;
const MAX_EXTRA_NEW = 9999;

/**
 * `recall review`: today's cards, or with the flags a custom study session, in the TUI. Its
 * first frame is drawn from the caches when they are valid (`reviewFromCache`), the collection
 * opened right after it; else from the collection opened first.
 */
export async function runReview(paths: readonly string[], flags: ReviewFlags): Promise<void> {
  const request = reviewRequest(flags);
  requireTerminal();
  const clock = clockFromEnv();
  const start = (collection: Collection): StartAt => {
    // A misspelt tag would otherwise look like a day with nothing due.
    const sel = { tags: request.tags ?? [] };
    if (unknownTags(collection, sel).length > 0) {
      throw new UserError(`nothing to review: ${emptySelectionMessage(collection, sel)}`);
    }
    return { screen: 'review', request };
  };
  const cached = await reviewFromCache(paths, process.env, clock(), request);
  if (cached) return showEarly(paths, clock, cached, start);
  // The cache's writer: a session's end leaves the next start's home drawn from it.
  const { opened, cache } = await openWithCache(paths, process.env);
  await showApp(opened, clock, start, paths, cache);
}

export function reviewRequest(flags: ReviewFlags): ReviewRequest {
  const tags = splitTags(flags.tag);
  const aheadDays = flags.ahead === undefined ? undefined : days('--ahead', flags.ahead);
  const extraNew = flags.new === undefined ? undefined : positiveInt('--new', flags.new);
  if (extraNew !== undefined && extraNew > MAX_EXTRA_NEW) {
    throw new UserError(`--new is at most ${MAX_EXTRA_NEW} (got "${flags.new}")`, 2);
  }
  const study = {
    ...(aheadDays === undefined ? {} : { aheadDays }),
    ...(extraNew === undefined ? {} : { extraNew }),
  };
  return {
    ...(tags.length > 0 ? { tags } : {}),
    ...(Object.keys(study).length > 0 ? { study } : {}),
  };
}

/** Whole days as browse's search writes them: `3`, `3d`, `2w`. */
function days(flag: string, value: string): number {
  const m = /^(\d+)([dw]?)$/i.exec(value.trim());
  const n = m ? Number(m[1]) * (m[2]?.toLowerCase() === 'w' ? 7 : 1) : Number.NaN;
  if (!(n >= 1 && n <= MAX_AHEAD_DAYS)) {
    throw new UserError(
      `${flag} takes whole days from 1 to ${MAX_AHEAD_DAYS}: 3d, 3 or 2w (got "${value}")`,
      2,
    );
  }
  return n;
}
