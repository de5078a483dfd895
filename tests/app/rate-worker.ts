/**
 * A review session in its own process for the concurrency tests (bundled by the test with
 * esbuild, since node cannot run TypeScript):
 *   rate <dir> <cards> <count> <startAtMs> <nowMs>
 * rates the shared cards `s/c0` … `s/c<cards-1>` in turn, `count` times, through the Recorder
 * (the code review uses), each rating one simulated minute after the last.
 */
import { Recorder } from '../../src/app/recorder.js';
import type { Rating } from '../../src/core/model.js';
import { Scheduler } from '../../src/core/scheduler.js';
import { defaultDeckSettings } from '../../src/core/settings.js';
import { ProgressStore } from '../../src/store/progress.js';

const [, dir = '', cards = '1', count = '0', startAt = '0', now = '0'] = process.argv.slice(2);
const { store } = await ProgressStore.open(dir);
const scheduler = new Scheduler(defaultDeckSettings);
const recorder = new Recorder(store, () => scheduler);
// Start together with the other workers so the ratings really race.
while (Date.now() < Number(startAt)) {}
for (let i = 0; i < Number(count); i++) {
  const rating = (1 + ((i * 7 + process.pid) % 4)) as Rating;
  recorder.rate('s', `s/c${i % Number(cards)}`, rating, Number(now) + i * 60_000, 3000);
}
await store.close();
