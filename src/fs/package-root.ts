/**
 * The installed package's folder, where `decks/`, `schema/` and `docs/` ship: found from this
 * module's own file, which sits at a different depth in `src/` and in the bundle's chunks.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    dir = dirname(dir);
  }
  return dir;
}
