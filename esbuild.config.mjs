// Bundles src/ into dist/ as the shipped binary: one production bundle, code-split so commands
// that draw nothing (status, lint) never load Ink and React. See docs/architecture.md.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  minify: !process.env.NO_MINIFY,
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

/**
 * Ink's yoga-layout carries its WebAssembly as a base64 `data:` URL and loads it with `fetch()`,
 * which pulls in undici and decodes 120 KB of base64 in JS on every start of a screen (~50 ms of
 * the first frame). The bundle instead ships the module as dist/yoga.wasm, written here from
 * that same URL, and hands Emscripten's `instantiateWasm` hook a module compiled from the file.
 * The URL itself is cut from the bundle; a yoga-layout whose loader no longer has it fails the
 * build rather than falling back unnoticed. With the module instantiated inside the hook,
 * Emscripten starts the runtime before its factory returns, filling in the object it was
 * given: no top-level await, so the same code runs in the CommonJS bundle of the screens.
 */
function yogaFromFile() {
  const yoga = join(root, 'node_modules/yoga-layout/dist');
  const loader = join(yoga, 'binaries/yoga-wasm-base64-esm.js');
  const dataUrl = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/;
  return {
    name: 'yoga-from-file',
    setup(b) {
      b.onResolve({ filter: /^yoga-layout$/ }, () => ({
        path: 'yoga',
        namespace: 'yoga-from-file',
      }));
      b.onLoad({ filter: /.*/, namespace: 'yoga-from-file' }, () => ({
        resolveDir: root,
        contents: `
import { readFileSync } from 'node:fs';
import loadYoga from ${JSON.stringify(loader)};
import wrapAssembly from ${JSON.stringify(join(yoga, 'src/wrapAssembly.js'))};
export * from ${JSON.stringify(join(yoga, 'src/generated/YGEnums.js'))};
const file = new URL(import.meta.url.includes('/chunks/') ? '../yoga.wasm' : './yoga.wasm', import.meta.url);
const module = new WebAssembly.Module(readFileSync(file));
const lib = {
  instantiateWasm(imports, done) {
    const instance = new WebAssembly.Instance(module, imports);
    done(instance);
    return instance.exports;
  },
};
loadYoga(lib);
if (!lib.calledRun) throw new Error('yoga-layout did not start synchronously');
export default wrapAssembly(lib);
`,
      }));
      b.onLoad({ filter: /yoga-wasm-base64-esm\.js$/ }, () => {
        const text = readFileSync(loader, 'utf8');
        const found = dataUrl.exec(text);
        if (!found) throw new Error(`${loader}: no base64 data: URL to ship as dist/yoga.wasm`);
        writeFileSync(join(out, 'yoga.wasm'), Buffer.from(found[1], 'base64'));
        return { contents: text.replace(dataUrl, '""'), loader: 'js' };
      });
    },
  };
}

/**
 * Ink's reconciler awaits, at its top level, React DevTools and its own package.json when DEV
 * is set. The bundle stubs DevTools out anyway (`alias` above); the CommonJS bundle, which
 * cannot hold a top-level await, drops both awaits. A changed reconciler fails the build.
 */
function inkWithoutTopLevelAwait() {
  const edits = [
    ["await import('./devtools.js');", ';'],
    ['? await loadPackageJson()', '? { name: undefined, version: undefined }'],
  ];
  return {
    name: 'ink-without-top-level-await',
    setup(b) {
      b.onLoad({ filter: /ink[\\/]build[\\/]reconciler\.js$/ }, ({ path }) => {
        let text = readFileSync(path, 'utf8');
        for (const [from, to] of edits) {
          if (!text.includes(from)) throw new Error(`${path}: no \`${from}\` to take out`);
          text = text.replace(from, to);
        }
        return { contents: text, loader: 'js' };
      });
    },
  };
}

await build({
  ...shipped,
  plugins: [yogaFromFile()],
  // Named cli: package.json's bin is dist/cli.js. The deck parse worker is a script of its own
  // (src/deck/load.ts finds it beside cli.js), sharing the parser's chunks.
  entryPoints: {
    cli: join(root, 'src/bin.ts'),
    'deck-worker': join(root, 'src/deck/parse-worker.ts'),
  },
  outdir: out,
  splitting: true,
  legalComments: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
});

// The same command line again as one CommonJS bundle, for the commands that draw: src/bin.ts
// runs it with a V8 code cache, which Node keeps only for classic scripts (docs/architecture.md).
await build({
  ...shipped,
  format: 'cjs',
  plugins: [yogaFromFile(), inkWithoutTopLevelAwait()],
  entryPoints: [join(root, 'src/screens.ts')],
  outfile: join(out, 'screens.cjs'),
  legalComments: 'linked',
  // src/bin.ts calls it with the arguments Node's loader gives a module; import.meta.url is
  // what the modules that find files beside themselves read.
  banner: { js: "var __import_meta_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { ...shipped.define, 'import.meta.url': '__import_meta_url' },
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
