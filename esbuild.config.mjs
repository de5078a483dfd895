// Bundles src/ into dist/ as the shipped binary: one production bundle, code-split so commands
// that draw nothing (status, lint) never load Ink and React. See docs/architecture.md.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const out = join(root, 'dist');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// Ink imports react-devtools-core only when DEV is set; bundled, the import must still resolve.
const stub = join(out, '.devtools-stub.js');
writeFileSync(stub, 'export default {};\n');

const shipped = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  define: { 'process.env.NODE_ENV': '"production"' },
  alias: { 'react-devtools-core': stub },
  // An optional native dependency, loaded by `recall optimize` alone: resolved where it runs.
  external: ['@open-spaced-repetition/binding'],
  // CommonJS dependencies (react) call require(); give the ESM bundle one.
  banner: {
    js: "#!/usr/bin/env node\nimport { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
  logLevel: 'warning',
};

await build({
  ...shipped,
  // Named cli: package.json's bin is dist/cli.js.
  entryPoints: { cli: join(root, 'src/bin.ts') },
  outdir: out,
  splitting: true,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
});

if (!process.argv.includes('--bench')) rmSync(stub);

// `npm run bench`: the benchmark is TypeScript beside the tests; bundle it and run it.
if (process.argv.includes('--bench')) {
  const benchOut = join(root, '.bench');
  // The Ink floor, bundled exactly like dist/: the cold-start baseline beside node's.
  await build({
    ...shipped,
    entryPoints: [join(root, 'tests/bench/ink-hello.tsx')],
    outfile: join(benchOut, 'ink-hello.mjs'),
  });
  await build({
    entryPoints: [join(root, 'tests/bench/bench.ts')],
    outfile: join(benchOut, 'bench.mjs'),
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  const { spawnSync } = await import('node:child_process');
  rmSync(stub);
  const sections = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const run = spawnSync(process.execPath, [join(benchOut, 'bench.mjs'), ...sections], {
    stdio: 'inherit',
    env: {
      ...process.env,
      RECALL_CLI: join(out, 'cli.js'),
      INK_HELLO: join(benchOut, 'ink-hello.mjs'),
      MANY_DECKS: join(root, 'tests/bench/many-decks.mjs'),
    },
  });
  process.exitCode = run.status ?? 1;
}
