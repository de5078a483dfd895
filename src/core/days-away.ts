/** A count of study days from today: `in 16 days`, `tomorrow`, `today`, `2 days ago`. */
export function formatDaysAway(days: number): string {
  if (days > 1) return `in ${days} days`;
  if (days === 1) return 'tomorrow';
  if (days === 0) return 'today';
  return `${-days} day${days === -1 ? '' : 's'} ago`;
}
