import { type CramRequest, prepareCram } from '../app/cram.js';
import { openCollection } from '../app/open.js';
import { splitTags } from '../app/selection.js';
import { clockFromEnv } from '../clock.js';
import { type CramOrder, cramOrders } from '../core/cram-order.js';
import { UserError } from '../errors.js';
import { requireTerminal, showApp } from './tui.js';

export type CramFlags = {
  readonly tag?: readonly string[];
  readonly limit?: string;
  readonly order?: string;
  readonly reschedule?: boolean;
  readonly seed?: string;
};

/** `recall cram`: drills the selection in the TUI; exit 1 when it selects no card. */
export async function runCram(paths: readonly string[], flags: CramFlags): Promise<void> {
  const req = cramRequest(flags);
  requireTerminal();
  const clock = clockFromEnv();
  await showApp(await openCollection(paths), clock, (collection) => ({
    screen: 'cram',
    cram: prepareCram(collection, req, clock()),
  }));
}

export function cramRequest(flags: CramFlags): CramRequest {
  const order = flags.order ?? 'weakest';
  if (!cramOrders.includes(order as CramOrder)) {
    throw new UserError(`--order must be one of ${cramOrders.join(', ')} (got "${order}")`, 2);
  }
  return {
    tags: splitTags(flags.tag),
    order: order as CramOrder,
    ...(flags.limit === undefined ? {} : { limit: positiveInt('--limit', flags.limit) }),
    ...(flags.seed === undefined ? {} : { seed: flags.seed }),
    reschedule: flags.reschedule ?? false,
  };
}

export function positiveInt(flag: string, value: string): number {
  const n = Number(value);
  if (!/^\s*\d+\s*$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new UserError(`${flag} must be a whole number of at least 1 (got "${value}")`, 2);
  }
  return n;
}
