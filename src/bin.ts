/** The `recall` executable: runs the command line and exits with its code. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drawsScreen, main } from './cli.js';

// chalk (inside Ink) reads FORCE_COLOR but not NO_COLOR (https://no-color.org); Ink is imported
// later, lazily, by the commands that draw, so setting it before `main` runs is enough.
if (process.env.NO_COLOR) process.env.FORCE_COLOR = '0';

/**
 * The commands that draw run from dist/screens.cjs, one CommonJS bundle of the whole command
 * line, through a V8 code cache written after its first frame (docs/architecture.md, "Start-up").
 * From the sources, where there is no such bundle, they run from here as every command does.
 */
async function screensMain(): Promise<typeof main | undefined> {
  const file = fileURLToPath(new URL('./screens.cjs', import.meta.url));
  if (!existsSync(file)) return undefined;
  // Imported here: the printing commands load none of it.
  const [{ loadWithCodeCache }, { cacheDir, codeCacheFile }] = await Promise.all([
    import('./fs/code-cache.js'),
    import('./fs/paths.js'),
  ]);
  const bundle = loadWithCodeCache(file, codeCacheFile(cacheDir(), 'screens'));
  const screens = bundle.exports as typeof import('./screens.js');
  screens.afterFirstFrame(() => void bundle.save());
  return screens.main;
}

const argv = process.argv.slice(2);
const terminal = Boolean(process.stdin.isTTY && process.stdout.isTTY);
const run = (drawsScreen(argv, terminal) && (await screensMain())) || main;
process.exitCode = await run(argv);
