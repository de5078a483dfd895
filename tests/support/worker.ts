/** A TypeScript test worker bundled with esbuild, so a child process of node can run it. */
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { build } from 'esbuild';

/** Bundles `entry` into a fresh folder (readable by any user); returns the .mjs and its folder. */
export async function bundleWorker(entry: string): Promise<{ file: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'recall-worker-'));
  chmodSync(dir, 0o755); // readable by the unprivileged user of the EACCES test
  const file = join(dir, basename(entry).replace(/\.ts$/, '.mjs'));
  await build({
    entryPoints: [entry],
    outfile: file,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // CommonJS dependencies (yaml) call require(); give the ESM bundle one, as the shipped one has.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return { file, dir };
}
