import { clockFromEnv } from '../clock.js';
import { UserError } from '../errors.js';
import { openCollection } from '../study/open.js';
import { forgetProgress, moveProgress } from '../study/recorder.js';

export type DoctorOptions = {
  readonly json?: boolean;
  /** `FROM=TO`: re-attach orphaned progress to a card's new key. */
  readonly move?: readonly string[];
  readonly forget?: readonly string[];
  readonly forgetOrphans?: boolean;
};

/**
 * `recall doctor`: what needs attention in the decks and the progress store — damaged files and
 * lines, and progress whose card no deck has any more (an id changed or a card was deleted).
 * Nothing is dropped silently: orphans stay until re-attached (`--move`) or deleted (`--forget`).
 */
export async function runDoctor(paths: readonly string[], opts: DoctorOptions): Promise<void> {
  const { collection, problems } = await openCollection(paths);
  const store = collection.store;
  const now = clockFromEnv()();
  try {
    const known = new Set(collection.decks.flatMap((d) => d.cards.map((c) => c.key)));
    // With explicit paths only the decks read can vouch for their keys.
    const deckIds = new Set(collection.decks.map((d) => d.id));
    const inScope = (key: string) => paths.length === 0 || deckIds.has(key.split('/')[0] ?? '');
    const orphans = () =>
      [...store.cards().keys()].filter((k) => inScope(k) && !known.has(k)).sort();

    for (const pair of opts.move ?? []) {
      const [from, to] = pair.split('=');
      if (!from || !to) throw new UserError(`--move takes FROM=TO, got ${JSON.stringify(pair)}`, 2);
      if (!store.get(from)) throw new UserError(`no progress is recorded for ${from}`);
      if (!known.has(to)) throw new UserError(`no deck has a card ${to} (see \`recall export\`)`);
      moveProgress(store, from, to, now);
    }
    const forget = opts.forgetOrphans ? orphans() : (opts.forget ?? []);
    for (const key of forget) {
      if (!store.get(key)) throw new UserError(`no progress is recorded for ${key}`);
      if (known.has(key))
        throw new UserError(`${key} is a card in your decks; only orphans can be forgotten`);
      forgetProgress(store, key, now);
    }

    const left = orphans();
    if (opts.json) {
      process.stdout.write(`${JSON.stringify({ problems, orphans: left })}\n`);
    } else {
      for (const p of problems) process.stdout.write(`${p}\n`);
      for (const key of left) {
        const srs = store.get(key)?.srs;
        const detail = srs
          ? `${srs.state}, ${srs.reps} reviews, due ${new Date(srs.due).toISOString().slice(0, 10)}`
          : 'flagged';
        process.stdout.write(`orphaned progress: ${key} (${detail})\n`);
      }
      if (left.length > 0) {
        process.stderr.write(
          `${left.length} card${left.length === 1 ? ' has' : 's have'} progress but no deck card: re-attach with \`recall doctor --move OLD=NEW\` or delete with \`recall doctor --forget KEY\` (or --forget-orphans)\n`,
        );
      }
      if (problems.length === 0 && left.length === 0) process.stderr.write('all good\n');
    }
    if (problems.length > 0 || left.length > 0) process.exitCode = 1;
  } finally {
    await store.close();
  }
}
