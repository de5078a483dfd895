/**
 * Durations as people read them, in one place: intervals on rating buttons, the time a session
 * or a test took, and a test's countdown.
 */

/** Short, rounded intervals for rating buttons and "next due in": `45s`, `10m`, `3h`, `4d`, `2.5mo`, `1.2y`. */
export function formatInterval(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.round(m / 60);
  if (h < 24) return `${h}h`;
  const d = Math.round(h / 24);
  if (d < 30) return `${d}d`;
  if (d < 365) return `${trim(d / 30)}mo`;
  return `${trim(d / 365)}y`;
}

function trim(n: number): string {
  return n >= 10 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, '');
}

/** Time spent, precise enough to compare sessions and attempts: `45s`, `4m 05s`, `1h 02m`. */
export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}

/** `mm:ss` for the countdown (hours roll into minutes: `75:00`). */
export function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}
