import { formatProblem } from '../app/collection.js';
import { checkGapOrder, reorderedGapsText, settleGapOrder } from '../app/gap-order.js';
import { openCollection } from '../app/open.js';
import { lostProgress, lostProgressText } from '../app/reattach.js';
import { forgetEntry, moveEntry } from '../app/recorder.js';
import { clockFromEnv } from '../clock.js';
import { UserError } from '../errors.js';
import { cacheDir, gapOrderFile } from '../fs/paths.js';
import { counted } from '../text/plural.js';
import { toJson, visible } from '../text/sanitize.js';

export type DoctorOptions = {
  readonly json?: boolean;
  /** `FROM=TO`: re-attach orphaned progress to a card's new key. */
  readonly move?: readonly string[];
  readonly forget?: readonly string[];
  readonly forgetOrphans?: boolean;
  /** `--move` may replace a card's own progress (its reviews stay in the log's history). */
  readonly force?: boolean;
};

/**
 * `recall doctor`: what needs attention in the decks and the progress store — damaged files and
 * lines, and progress whose card no deck has any more (an id changed or a card was deleted).
 * Nothing is dropped silently: orphans stay until re-attached (`--move`) or deleted (`--forget`).
 */
export async function runDoctor(paths: readonly string[], opts: DoctorOptions): Promise<void> {
  const opened = await openCollection(paths);
  const { collection } = opened;
  const problems = [...opened.configWarnings.map(formatProblem), ...opened.problems];
  const store = collection.store;
  const now = clockFromEnv()();
  try {
    const known = new Set(collection.decks.flatMap((d) => d.cards.map((c) => c.key)));
    // With explicit paths only the decks read can vouch for their keys.
    const deckIds = new Set(collection.decks.map((d) => d.id));
    const inScope = (key: string) => paths.length === 0 || deckIds.has(key.split('/')[0] ?? '');
    const orphans = () =>
      [...store.cards().keys()].filter((k) => inScope(k) && !known.has(k)).sort();

    // Every change is checked before any is written: a refused one leaves the log as it was.
    const changeable = (key: string, verb: string) => {
      if (!store.get(key)) throw new UserError(`no progress is recorded for ${key}`);
      // A card's own progress moves only when asked to (a reordered cloze's gaps); never forgotten.
      if (known.has(key) && (verb !== 'moved' || !opts.force)) {
        const hint =
          verb === 'moved' ? " (--force moves a card's own, as for a reordered cloze)" : '';
        throw new UserError(`${key} is a card in your decks; only orphans can be ${verb}${hint}`);
      }
      if (!inScope(key)) {
        const deck = key.split('/')[0];
        throw new UserError(
          `${key} belongs to deck ${deck}, which was not read: run \`recall doctor\` without paths to change it`,
        );
      }
    };
    // A FROM with no progress of its own names every orphan under it: a whole deck (no `/`)
    // or every card of one note (`deck/note` → `deck/note:c1`, `:reverse` …).
    const expand = (from: string, to: string) => {
      if (store.get(from) !== undefined || known.has(from))
        return { moves: [{ from, to }], left: [] };
      const deck = !from.includes('/');
      const [head, toHead] = deck ? [`${from}/`, `${to}/`] : [`${from}:`, `${to}:`];
      if (deck && !deckIds.has(to))
        throw new UserError(`no deck has the id ${to} (see \`recall export\`)`);
      // Out of scope too, so that a deck that was not read is refused by name below.
      const under = [...store.cards().keys()]
        .filter((k) => k.startsWith(head) && !known.has(k))
        .sort();
      if (under.length === 0) throw new UserError(`no progress is recorded for ${from}`);
      const pairs = under.map((k) => ({ from: k, to: toHead + k.slice(head.length) }));
      return {
        moves: pairs.filter((m) => known.has(m.to)),
        left: pairs.filter((m) => !known.has(m.to)),
      };
    };
    const requested = (opts.move ?? []).map((pair) => {
      const eq = pair.indexOf('=');
      const from = pair.slice(0, Math.max(0, eq));
      const to = pair.slice(eq + 1);
      if (eq <= 0 || !to)
        throw new UserError(`--move takes FROM=TO, got ${JSON.stringify(pair)}`, 2);
      return { from, to, ...expand(from, to) };
    });
    const moves = requested.flatMap((r) => r.moves);
    const targets = new Set<string>();
    const refuseTarget = (from: string, to: string) => {
      if (targets.has(to) || (!opts.force && store.get(to) !== undefined)) {
        throw new UserError(
          `${to} already has progress; moving ${from} there would replace it (--force replaces it; its reviews stay in the log)`,
        );
      }
    };
    for (const { from, to } of moves) {
      changeable(from, 'moved');
      if (!known.has(to)) throw new UserError(`no deck has a card ${to} (see \`recall export\`)`);
      refuseTarget(from, to);
      targets.add(to);
    }
    const forget = opts.forgetOrphans ? orphans() : (opts.forget ?? []);
    for (const key of forget) changeable(key, 'forgotten');
    // Counted before the change: a successful one used to say only "all good".
    const reviews = (key: string) => store.get(key)?.srs?.reps ?? 0;
    // Checked again under the log's lock, after catching up: a session that rated a target (or
    // moved an orphan) since the checks above is never overwritten.
    const { moved, forgotten } =
      moves.length + forget.length === 0
        ? { moved: [], forgotten: [] }
        : store.transact(() => {
            targets.clear();
            for (const { from, to } of moves) {
              if (store.get(from) === undefined) {
                throw new UserError(
                  `${from} was moved or forgotten by another session meanwhile; nothing was changed`,
                );
              }
              refuseTarget(from, to);
              targets.add(to);
            }
            const result = {
              moved: moves.map((m) => ({ ...m, reviews: reviews(m.from) })),
              forgotten: forget.map((key) => ({ key, reviews: reviews(key) })),
            };
            store.appendAll([
              ...moveEntries(moves, now),
              ...forget.map((key) => forgetEntry(key, now)),
            ]);
            return result;
          });
    const notMoved = requested.flatMap((r) => r.left);
    const gapFile = gapOrderFile(cacheDir(), store.dir);
    if (moved.length > 0) {
      await settleGapOrder(
        collection.decks,
        moved.flatMap((m) => [m.from, m.to]),
        gapFile,
      );
    }
    const reordered = await checkGapOrder(collection.decks, store.cards(), gapFile);
    if (reordered.length > 0) problems.push(reorderedGapsText(reordered));

    const left = orphans();
    if (opts.json) {
      process.stdout.write(`${toJson({ problems, orphans: left, moved, notMoved, forgotten })}\n`);
    } else {
      for (const m of moved) {
        process.stdout.write(
          `moved progress: ${visible(m.from)} → ${visible(m.to)} (${counted(m.reviews, 'review')})\n`,
        );
      }
      // A deck or a note moved as one: what came with it in one line, and what stayed behind.
      for (const r of requested) {
        if (r.moves.length === 1 && r.moves[0]?.from === r.from && r.left.length === 0) continue;
        const keys = new Set(r.moves.map((m) => m.from));
        const sum = moved.filter((m) => keys.has(m.from)).reduce((n, m) => n + m.reviews, 0);
        process.stdout.write(
          `moved ${visible(r.from)} → ${visible(r.to)}: ${counted(keys.size, 'card')}, ${counted(sum, 'review')}\n`,
        );
      }
      for (const m of notMoved) {
        process.stdout.write(`not moved: ${visible(m.from)} (no card ${visible(m.to)})\n`);
      }
      for (const f of forgotten) {
        process.stdout.write(
          `forgot progress: ${visible(f.key)} (${counted(f.reviews, 'review')})\n`,
        );
      }
      for (const p of problems) process.stdout.write(`${p}\n`);
      for (const key of left) {
        const srs = store.get(key)?.srs;
        const detail = srs
          ? `${srs.state}, ${srs.reps} reviews, due ${new Date(srs.due).toISOString().slice(0, 10)}`
          : 'flagged';
        // Keys come from the log, which anyone could have edited.
        process.stdout.write(`orphaned progress: ${visible(key)} (${detail})\n`);
      }
      if (left.length > 0) {
        process.stderr.write(
          `${left.length} card${left.length === 1 ? ' has' : 's have'} progress but no deck card: re-attach with \`recall doctor --move OLD=NEW\` or delete with \`recall doctor --forget KEY\` (or --forget-orphans)\n`,
        ); // The likely targets, as lint and home name them.
        const lost = lostProgress(collection.decks, store.cards(), paths.length === 0);
        if (lost.moves.length > 0) process.stderr.write(`${lostProgressText(lost)}\n`);
      }
      if (problems.length === 0 && left.length === 0) process.stderr.write('all good\n');
    }
    if (problems.length > 0 || left.length > 0) process.exitCode = 1;
  } finally {
    await store.close();
  }
}

/**
 * The `move` entries of one `--move` step. Moves are made together: when one's target is
 * another's source (two gaps of a cloze swapped), every progress goes to a key no card can have
 * first (`~` is in no id), then to its target, so none is replaced by what moved in before it.
 */
function moveEntries(moves: readonly { from: string; to: string }[], now: number) {
  const sources = new Set(moves.map((m) => m.from));
  if (!moves.some((m) => sources.has(m.to))) return moves.map((m) => moveEntry(m.from, m.to, now));
  const aside = (key: string) => `${key}~moving`;
  return [
    ...moves.map((m) => moveEntry(m.from, aside(m.from), now)),
    ...moves.map((m) => moveEntry(aside(m.from), m.to, now)),
  ];
}
