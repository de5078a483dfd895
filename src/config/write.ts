/**
 * Writing trained FSRS parameters into config.yaml: the one place recall edits the user's file.
 * The document is edited, not regenerated, so comments and layout stay; the result is checked
 * with the same parser that reads it before it replaces the file, atomically.
 */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { type Document, parseDocument } from 'yaml';
import { writeFileAtomic } from '../fs/atomic-file.js';
import { makeDirs } from '../fs/make-dirs.js';
import { ConfigError } from './config-error.js';
import { parseConfig } from './parse.js';
import type { FsrsFile } from './schema.js';

/** Where trained parameters go: every deck, one deck, or a named preset some decks share. */
export type FsrsTarget =
  | { readonly kind: 'defaults' }
  | { readonly kind: 'deck'; readonly deck: string }
  | { readonly kind: 'preset'; readonly preset: string; readonly decks: readonly string[] };

/** The config key a target's parameters live under, as the user reads it (`decks.spanish.fsrs`). */
export function targetKey(target: FsrsTarget): string {
  return targetPath(target).join('.');
}

function targetPath(target: FsrsTarget): string[] {
  switch (target.kind) {
    case 'defaults':
      return ['defaults', 'fsrs'];
    case 'deck':
      return ['decks', target.deck, 'fsrs'];
    case 'preset':
      return ['presets', target.preset, 'fsrs'];
  }
}

/** Sets the target's `fsrs:` (and, for a preset, each deck's `preset:`) in `file`. */
export async function writeFsrs(file: string, target: FsrsTarget, fsrs: FsrsFile): Promise<void> {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`${file}: cannot read: ${(e as Error).message}`);
    }
  }
  // Read first with the checks every read makes: a file recall could not load is not edited.
  if (text !== '') parseConfig(text, file);
  const doc = parseDocument(text);
  // The 21 numbers on one line: the file stays one a person reads.
  const parameters = doc.createNode(fsrs.parameters, { flow: true });
  const value = doc.createNode({ ...fsrs, parameters });
  setIn(doc, targetPath(target), value);
  if (target.kind === 'preset') {
    for (const deck of target.decks) setIn(doc, ['decks', deck, 'preset'], target.preset);
  }
  const out = doc.toString({ lineWidth: 0 });
  parseConfig(out, file);
  makeDirs(dirname(file));
  await writeFileAtomic(file, out);
}

/** `doc.setIn` that also turns a key holding nothing (`decks:` left empty) into a map. */
function setIn(doc: Document, path: readonly string[], value: unknown): void {
  for (let i = 1; i < path.length; i++) {
    const at = path.slice(0, i);
    if (doc.getIn(at) === null) doc.setIn(at, doc.createNode({}));
  }
  doc.setIn(path, value);
}
