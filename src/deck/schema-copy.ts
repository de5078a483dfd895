/**
 * The deck JSON Schema copied into each folder `recall new` writes a deck into, as
 * `.recall/deck.schema.json`, and named from the deck by a relative path: the path still
 * resolves after the folder is committed and cloned elsewhere, or recall is installed in another
 * place (a path into the install would not, and a published URL cannot be fetched offline).
 * `recall lint` brings the copies next to the decks it reads up to date with this recall's
 * schema (discovery skips dot-folders, so the copy is never read as a deck).
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-file.js';
import { makeDirs } from '../fs/make-dirs.js';
import { packageRoot } from '../fs/package-root.js';

/** Where the copy is, relative to a deck file: what its `$schema` line says. */
export const SCHEMA_COPY = '.recall/deck.schema.json';

/** The schema this recall ships. */
function bundledSchema(): string {
  return readFileSync(join(packageRoot(), 'schema', 'deck.schema.json'), 'utf8');
}

/** Writes the copy for decks in `dir` unless it is already this recall's schema. */
export async function writeSchemaCopy(dir: string): Promise<boolean> {
  const file = join(dir, SCHEMA_COPY);
  const schema = bundledSchema();
  if ((await readOrNull(file)) === schema) return false;
  makeDirs(dirname(file));
  // A cache for the editor, not data: nothing is lost if a power cut empties it.
  await writeFileAtomic(file, schema, { durable: false });
  return true;
}

/**
 * Brings the copies beside `deckFiles` up to date; only copies that exist (recall lint never
 * adds one). Returns each copy rewritten, and each that could not be, with why.
 */
export async function refreshSchemaCopies(
  deckFiles: readonly string[],
): Promise<{ refreshed: string[]; failed: { file: string; code: string }[] }> {
  const refreshed: string[] = [];
  const failed: { file: string; code: string }[] = [];
  const schema = bundledSchema();
  for (const dir of new Set(deckFiles.map((f) => dirname(f)))) {
    const file = join(dir, SCHEMA_COPY);
    const now = await readOrNull(file);
    if (now === null || now === schema) continue;
    try {
      await writeFileAtomic(file, schema, { durable: false });
      refreshed.push(file);
    } catch (error) {
      failed.push({ file, code: (error as NodeJS.ErrnoException).code ?? String(error) });
    }
  }
  return { refreshed, failed };
}

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch {
    return null;
  }
}
