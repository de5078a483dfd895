import { type Instance, render } from 'ink';
import type { Collection } from '../app/collection.js';
import { type Opened, oneConfigLine, openCollection, reloadDecks } from '../app/open.js';
import { type Clock, clockFromEnv } from '../clock.js';
import { UserError } from '../errors.js';
import { readSyncRecord } from '../sync/record.js';
import { AppContainer, firstNav, type StartAt } from '../ui/AppContainer.js';
import { RedrawOnResize } from '../ui/components/RedrawOnResize.js';
import { KeyRouter } from '../ui/hooks/use-keys.js';
import { cannotMoveCursor, reportKnownSize } from '../ui/terminal.js';
import { startAutoSync } from './auto-sync.js';
import { firstFrameDrawn } from './first-frame.js';

export async function runTui(paths: readonly string[], start: StartAt): Promise<void> {
  requireTerminal();
  const clock = clockFromEnv();
  await showApp(await openCollection(paths), clock, () => start, paths);
}

/** When this device last ran `recall sync` (epoch ms), for home; null when it never has. */
function lastSyncAt(dir: string): number | null {
  const at = readSyncRecord(dir)?.at;
  const ms = at === undefined ? Number.NaN : Date.parse(at);
  return Number.isFinite(ms) ? ms : null;
}

/** The study screens draw and read keys: stop with a usage error when not in a terminal. */
export function requireTerminal(): void {
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    throw new UserError(
      'the study screens need a terminal (stdin and stdout are not both a TTY); for scripts use `recall status --json`',
      2,
    );
  }
  if (cannotMoveCursor()) {
    throw new UserError(
      `this terminal (TERM=${process.env.TERM}) cannot show the study screens, which move the cursor; here use the printing commands (recall status, recall stats, recall export), or set TERM to your terminal's type`,
    );
  }
}

/**
 * Draws the app on an opened collection until it exits, then closes the store (and, with
 * `sync.auto`, starts a sync). `start` picks the first screen; a UserError it throws (nothing
 * to study) stops before anything is drawn.
 */
export async function showApp(
  { collection, problems, configWarnings, lost }: Opened,
  clock: Clock,
  start: (collection: Collection) => StartAt,
  /** The deck paths, read again each time home comes back (absent: never). */
  paths?: readonly string[],
): Promise<void> {
  try {
    const first = start(collection);
    const lostLines = await lost();
    reportKnownSize(process.stdout);
    let app: Instance | undefined;
    // The editor gets a clean screen and a cooked terminal; Ink's next frame is drawn whole.
    const handOver = (run: () => string | null): string | null => {
      app?.clear();
      process.stdin.setRawMode(false);
      try {
        return run();
      } finally {
        process.stdin.setRawMode(true);
      }
    };
    app = render(
      <KeyRouter>
        <RedrawOnResize>
          <AppContainer
            collection={collection}
            problems={[...lostLines, ...oneConfigLine(configWarnings, false), ...problems]}
            clock={clock}
            startedHome={first.screen === 'home'}
            initial={firstNav(collection, clock, first)}
            syncedAt={lastSyncAt(collection.store.dir)}
            {...(paths ? { reload: (c: Collection) => reloadDecks(c, paths) } : {})}
            handOver={handOver}
          />
        </RedrawOnResize>
      </KeyRouter>,
      // Ink throttles redraws to 30 fps by default, so a key pressed within 33 ms of the last
      // frame waited for the next slot; the review screen redraws only on keys, so let it draw.
      { exitOnCtrlC: false, maxFps: 240 },
    );
    setImmediate(firstFrameDrawn);
    await app.waitUntilExit();
  } finally {
    // Ratings are already durable in the log; the snapshot only saves the next start a replay.
    await collection.store.close();
  }
  startAutoSync(collection.config);
}
