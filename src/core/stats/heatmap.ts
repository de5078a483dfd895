/** Reviews per study day over the past year (or `days` days), for the calendar heatmap. */
import type { StudyDays } from './days.js';
import type { Heatmap, HeatmapDay } from './types.js';

export function heatmapDays(
  perDay: ReadonlyMap<number, number>,
  days: StudyDays,
  count: number,
): Heatmap {
  const out: HeatmapDay[] = [];
  let total = 0;
  let activeDays = 0;
  let max = 0;
  for (let d = -(count - 1); d <= 0; d++) {
    const reviews = perDay.get(d) ?? 0;
    out.push({ date: days.key(d), reviews });
    total += reviews;
    if (reviews > 0) activeDays++;
    max = Math.max(max, reviews);
  }
  return { days: out, total, activeDays, max };
}
