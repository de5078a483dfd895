/**
 * `recall export --anki FILE.apkg`: the cards of the chosen decks, with their schedule and
 * every review, as a package Anki imports (import/anki-export.ts has the mapping). The file is
 * written whole or not at all (temp file and rename), and an existing file only with --force.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { deckPaths, openCollection } from '../app/open.js';
import { clockFromEnv } from '../clock.js';
import type { Deck } from '../core/card.js';
import { UserError } from '../errors.js';
import { writeFileAtomic } from '../fs/atomic-file.js';
import { buildAnkiPackage, type ExportDeck } from '../import/anki-export.js';
import { counted } from '../text/plural.js';
import { toJson, visible } from '../text/sanitize.js';

export type ExportAnkiOptions = {
  readonly force?: boolean;
  readonly 'dry-run'?: boolean;
  readonly json?: boolean;
};

export async function runExportAnki(
  file: string,
  paths: readonly string[],
  opts: ExportAnkiOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const target = resolve(file);
  const exists = existsSync(target);
  if (exists && statSync(target).isDirectory()) {
    throw new UserError(`${file}: is a folder; give the package's file name (deck.apkg)`);
  }
  if (exists && !opts.force && !opts['dry-run']) {
    throw new UserError(`${file}: already exists; add --force to replace it`);
  }
  if (!existsSync(dirname(target))) {
    throw new UserError(`${file}: no such folder: ${dirname(file)}`);
  }
  const now = clockFromEnv(env)();
  const { collection, brief } = await openCollection(paths, env, { readOnly: true });
  let reviews: Awaited<ReturnType<typeof collection.store.reviewsByCard>>;
  try {
    for (const p of brief) process.stderr.write(`${p}\n`);
    reviews = await collection.store.reviewsByCard();
  } catch (e) {
    await collection.store.close();
    throw e;
  }
  const roots = deckPaths(paths, collection.config).map((p) => resolve(p));
  const decks = ankiDecks(collection.decks, roots);
  const pkg = await buildAnkiPackage({
    decks,
    progress: (key) => collection.store.get(key),
    reviews,
    now,
  });
  await collection.store.close();
  const s = pkg.summary;
  if (!opts['dry-run']) await writeFileAtomic(target, pkg.bytes);
  if (opts.json) {
    process.stdout.write(
      `${toJson({ dryRun: opts['dry-run'] === true, file: target, bytes: pkg.bytes.length, ...s })}\n`,
    );
    return;
  }
  const what = `${counted(s.decks, 'deck')}, ${counted(s.notes, 'note')}, ${counted(s.cards, 'card')} (${s.suspended} suspended), ${counted(s.reviews, 'review')}, ${counted(s.cram, 'cram answer')}`;
  process.stdout.write(
    opts['dry-run']
      ? `would write ${visible(file)}\n${what}\n`
      : `wrote ${visible(file)}\n${what}\nIn Anki: File → Import…, and choose it.\n`,
  );
}

/**
 * Each deck with its Anki name: the folders between the path it was found under and its file,
 * then its name, joined by `::` (Anki's subdecks). A `::` inside a name would nest it, so it
 * becomes `:`; two decks that would share a name get their deck id after it.
 */
export function ankiDecks(decks: readonly Deck[], roots: readonly string[]): ExportDeck[] {
  const used = new Set<string>();
  return decks.map((deck) => {
    const file = resolve(deck.file);
    const root = roots
      .filter((r) => file.startsWith(r + sep))
      .sort((a, b) => b.length - a.length)[0];
    const folders =
      root === undefined ? [] : relative(root, dirname(file)).split(sep).filter(Boolean);
    const part = (s: string) => s.replace(/::/g, ':').trim() || '-';
    let name = [...folders, deck.name].map(part).join('::');
    if (used.has(name) || name === 'Default') name = `${name} (${deck.id})`;
    used.add(name);
    return {
      id: deck.id,
      ankiName: name,
      ...(deck.description === undefined ? {} : { description: deck.description }),
      cards: deck.cards,
    };
  });
}
