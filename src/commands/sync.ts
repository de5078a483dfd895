/** `recall sync`: this device's new lines out, the other devices' in, through `sync.remote`. */
import { hostname } from 'node:os';
import { clockFromEnv } from '../clock.js';
import { configPath, loadConfig } from '../config/config.js';
import { UserError } from '../errors.js';
import { dataDir } from '../fs/paths.js';
import { deviceOf } from '../store/device.js';
import { type SyncReport, syncProgress } from '../sync/sync.js';
import { counted } from '../text/plural.js';
import { toJson, visible } from '../text/sanitize.js';

export type SyncFlags = { readonly json?: boolean; readonly quiet?: boolean };

export async function runSync(opts: SyncFlags): Promise<void> {
  const env = process.env;
  const clock = clockFromEnv(env);
  const config = await loadConfig(env);
  const remote = config.sync.remote;
  if (remote === null) {
    throw new UserError(
      `sync.remote is not set: add the lines "sync:" and "  remote: <git URL or path>" to ${configPath(env)} (a bare repository made with \`git init --bare\` on a USB disk, or an ssh or https URL: README, "Progress on every machine")`,
    );
  }
  const dir = dataDir(env);
  const device = await deviceOf(dir, { hostname: hostname(), now: clock() });
  if (device.notice !== null && !opts.quiet)
    process.stderr.write(`recall: ${visible(device.notice)}\n`);
  const report = await syncProgress({
    dir,
    remote,
    device: device.id,
    env,
    // A sync nobody watches (--quiet, or no terminal) must fail rather than wait for a password.
    interactive: !opts.quiet && process.stdin.isTTY === true,
    now: clock,
  });
  if (opts.quiet) return;
  if (opts.json) {
    process.stdout.write(`${toJson({ device: device.id, ...report })}\n`);
    return;
  }
  const lines: string[] = [];
  if (report.initialised) lines.push(`set up ${dir} as a git repository syncing with ${remote}`);
  lines.push(syncSummary(report));
  process.stdout.write(`${lines.map(visible).join('\n')}\n`);
}

/** `pulled 34 reviews from desktop-01bc, pushed 12`, or that there was nothing to move. */
export function syncSummary(report: SyncReport): string {
  const byDevice = new Map<string, { lines: number; reviews: number }>();
  for (const p of report.pulled) {
    const sum = byDevice.get(p.device) ?? { lines: 0, reviews: 0 };
    byDevice.set(p.device, { lines: sum.lines + p.lines, reviews: sum.reviews + p.reviews });
  }
  const pushed = report.pushed.reduce(
    (s, p) => ({ lines: s.lines + p.lines, reviews: s.reviews + p.reviews }),
    { lines: 0, reviews: 0 },
  );
  const amount = (c: { lines: number; reviews: number }) =>
    c.reviews > 0 ? counted(c.reviews, 'review') : counted(c.lines, 'entry', 'entries');
  const pulled = [...byDevice].filter(([, c]) => c.lines > 0);
  const parts: string[] = [];
  if (pulled.length > 0) {
    parts.push(
      `pulled ${pulled.map(([device, c]) => `${amount(c)} from ${device}`).join(' and ')}`,
    );
  }
  if (pushed.lines > 0) {
    // After "pulled 34 reviews" the noun is understood: "pushed 12".
    const understood = pushed.reviews > 0 && pulled.some(([, c]) => c.reviews > 0);
    parts.push(`pushed ${understood ? pushed.reviews : amount(pushed)}`);
  }
  return parts.length > 0 ? parts.join(', ') : 'up to date: nothing new to pull or push';
}
