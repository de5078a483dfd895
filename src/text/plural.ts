/** `1 card`, `2 cards`, `0 errors`: a count with its noun agreeing. */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`;
}
