/**
 * A second recall session for the concurrency tests, run as its own process (bundled by the test
 * with esbuild, since node cannot run TypeScript):
 *   append <dir> <name> <count> <startAtMs>   append `count` ratings of cards `<name>/c<i>`
 *   open <dir>                                  try to open, print the error as JSON
 */
import { ProgressStore } from '../../src/store/progress.js';
import { review, state } from './entries.js';

const [mode, dir = '', name = 'w', count = '0', startAt = '0'] = process.argv.slice(2);

if (mode === 'open') {
  try {
    await ProgressStore.open(dir);
    console.log(JSON.stringify({ ok: true }));
  } catch (e) {
    console.log(
      JSON.stringify({ type: (e as Error).constructor.name, message: (e as Error).message }),
    );
  }
} else {
  const { store } = await ProgressStore.open(dir);
  // Start together with the other worker so the appends really interleave.
  while (Date.now() < Number(startAt)) {}
  for (let i = 0; i < Number(count); i++) {
    store.append(review(`${name}/c${i}`, state(1), null));
    // Both sessions also rate one shared card, and checkpoint now and then.
    if (i % 10 === 0) store.append(review('shared/card', state(i + 1), null));
    if (i % 50 === 25) await store.checkpoint();
  }
  await store.close();
}
