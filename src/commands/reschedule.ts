import type { Collection } from '../app/collection.js';
import { openCollection } from '../app/open.js';
import { rateOutcome } from '../app/schedules.js';
import { lastStep, recordSet, type StateChange, undoSet } from '../app/set-state.js';
import { histogram } from '../charts/histogram.js';
import { clockFromEnv } from '../clock.js';
import { replayedStates, type Shift, shiftOf } from '../core/reschedule.js';
import { UserError } from '../errors.js';
import { sameSrs } from '../store/replay.js';
import { counted } from '../text/plural.js';
import { toJson } from '../text/sanitize.js';

export type RescheduleOptions = {
  readonly 'dry-run'?: boolean;
  readonly undo?: boolean;
  readonly json?: boolean;
};

const DAY = 86_400_000;

/**
 * `recall reschedule [PATH…]`: every rated card of the selected decks gets the memory state its
 * history replays to with the parameters in config.yaml now, and the due date that gives, as one
 * batch of `set` entries (`--undo` takes the last batch back).
 */
export async function runReschedule(
  paths: readonly string[],
  opts: RescheduleOptions,
): Promise<void> {
  if (opts.undo && opts['dry-run']) {
    throw new UserError('--undo and --dry-run do not go together', 2);
  }
  const now = clockFromEnv()();
  const { collection, brief } = await openCollection(paths, process.env, {
    readOnly: opts['dry-run'] === true,
  });
  try {
    for (const p of brief) process.stderr.write(`${p}\n`);
    if (opts.undo) return undoLast(collection, now, opts.json === true);
    const { changes: planned, rated } = await plan(collection);
    const byKey = new Map(planned.map((c) => [c.key, c]));
    const changed = opts['dry-run']
      ? planned
      : recordSet(
          collection.store,
          planned.map((c) => c.key),
          (key, current) => {
            const c = byKey.get(key);
            // Rated in another session since the plan was made: that rating stands.
            return c && sameSrs(current, c.was) ? c.srs : undefined;
          },
          'reschedule',
          now,
        ).changed;
    const report = {
      dryRun: opts['dry-run'] === true,
      rated,
      changed: changed.length,
      ...shiftOf(changed.map((c) => (c.srs!.due - c.was!.due) / DAY)),
    };
    process.stdout.write(opts.json ? `${toJson(report)}\n` : reportText(report));
  } finally {
    await collection.store.close();
  }
}

/**
 * The rated cards of the selected decks (`rated`), and those whose replayed state differs from
 * the one they have, each with both.
 */
async function plan(collection: Collection): Promise<{ changes: StateChange[]; rated: number }> {
  const keys = new Set(collection.decks.flatMap((d) => d.cards.map((c) => c.key)));
  const replayed = replayedStates(
    await collection.store.history(),
    (k) => keys.has(k),
    (key, prev, rating, at) => {
      const deckId = key.slice(0, key.indexOf('/'));
      const scheduler = collection.schedulerFor(deckId);
      return rateOutcome(scheduler, collection.examFor(deckId), key, prev, rating, at);
    },
  );
  const changes: StateChange[] = [];
  let rated = 0;
  for (const [key, srs] of replayed) {
    const was = collection.store.get(key)?.srs ?? null;
    // A card made new again (forgotten) stays new until it is rated.
    if (was === null) continue;
    rated++;
    if (!sameSrs(was, srs)) changes.push({ key, was, srs });
  }
  return { changes, rated };
}

type Report = Shift & {
  readonly dryRun: boolean;
  readonly rated: number;
  readonly changed: number;
};

const days = (d: number) => `${d.toFixed(d < 10 ? 1 : 0)} days`;

function reportText(r: Report): string {
  const head = r.dryRun
    ? `Would reschedule ${counted(r.changed, 'card')} of ${counted(r.rated, 'rated card')} (--dry-run: nothing was written).`
    : `Rescheduled ${counted(r.changed, 'card')} of ${counted(r.rated, 'rated card')} with the parameters in use.`;
  if (r.changed === 0) return `${head}\n`;
  const lines = [
    head,
    `Earlier: ${r.earlier.toLocaleString('en-US')}${r.earlier ? ` (median ${days(r.medianEarlier)})` : ''} · later: ${r.later.toLocaleString('en-US')}${r.later ? ` (median ${days(r.medianLater)})` : ''} · within a day: ${r.same.toLocaleString('en-US')}`,
    'Cards per days moved:',
    ...histogram(r.buckets, { width: Math.min(60, process.stdout.columns || 60) }),
  ];
  if (!r.dryRun) lines.push('To take it back: recall reschedule --undo');
  return `${lines.join('\n')}\n`;
}

function undoLast(collection: Collection, now: number, json: boolean): void {
  const step = lastStep(collection.store, 'reschedule');
  if (!step) throw new UserError('no reschedule to undo');
  const done = undoSet(collection.store, step.batch, step.changed, now);
  const kept = step.changed.length - done.changed.length;
  if (json) {
    process.stdout.write(
      `${toJson({ undone: step.batch, at: new Date(step.at).toISOString(), restored: done.changed.length, kept })}\n`,
    );
    return;
  }
  const since =
    kept > 0 ? `; ${counted(kept, 'card')} rated or changed since kept as they are` : '';
  process.stdout.write(
    `Undid the reschedule of ${new Date(step.at).toISOString().slice(0, 16).replace('T', ' ')} UTC: ${counted(done.changed.length, 'card')} back as they were${since}.\n`,
  );
}
