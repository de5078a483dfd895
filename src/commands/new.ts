/** `recall new DECK-NAME`: writes a starter deck to edit, never over an existing file. */
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCHEMA_COPY, writeSchemaCopy } from '../deck/schema-copy.js';
import { starterDeck } from '../deck/starter.js';
import { UserError } from '../errors.js';
import { makeDirs } from '../fs/make-dirs.js';
import { packageRoot } from '../fs/package-root.js';
import { configDir } from '../fs/paths.js';
import { shellQuote } from '../text/shell.js';
import { slug } from '../text/slug.js';

export type NewOptions = {
  /** Folder to write into (default: the user's deck folder). */
  readonly dir?: string;
};

const DECK_FILE = /\.ya?ml$/i;

/** Writes the starter deck; returns its path. A name ending in `.yaml` is taken as the path. */
export async function runNew(
  nameOrPath: string,
  opts: NewOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const isPath = DECK_FILE.test(nameOrPath);
  const name = isPath ? humanize(basename(nameOrPath, extname(nameOrPath))) : nameOrPath.trim();
  const id = slug(isPath ? basename(nameOrPath, extname(nameOrPath)) : nameOrPath);
  if (!id) throw new UserError(`a deck name needs a letter or a digit: ${JSON.stringify(name)}`);
  // A path is taken from the current folder; a name goes to the user's deck folder, which
  // `recall review` reads without being told (config.ts).
  const file = isPath
    ? resolve(opts.dir ?? '.', nameOrPath)
    : join(resolve(opts.dir ?? join(configDir(env), 'decks')), `${id}.yaml`);

  const text = starterDeck({
    id,
    name,
    schema: SCHEMA_COPY,
    docs: pathToFileURL(join(packageRoot(), 'docs', 'deck-format.md')).href,
  });
  try {
    makeDirs(dirname(file));
    await writeFile(file, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UserError(`${file} exists; not overwriting it`);
    throw new UserError(`cannot write ${file} (${code ?? String(error)})`);
  }
  // The deck is written: without its schema copy an editor only completes less.
  try {
    await writeSchemaCopy(dirname(file));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    process.stderr.write(
      `${join(dirname(file), SCHEMA_COPY)}: cannot write it (${code}); editors will not check the deck\n`,
    );
  }
  const shown = shellQuote(file);
  process.stdout.write(`${file}\n`);
  process.stdout.write(`edit it, then: recall lint ${shown} && recall review ${shown}\n`);
  return file;
}

/** `aws-exam_2` → `Aws exam 2`. */
function humanize(base: string): string {
  const words = base.replace(/[-_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
