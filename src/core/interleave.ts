/**
 * Spread `b` evenly through `a` (new cards among reviews, as Anki mixes them), keeping the
 * order within each list.
 */
export function interleave<T>(a: readonly T[], b: readonly T[]): T[] {
  if (a.length === 0) return [...b];
  if (b.length === 0) return [...a];
  const out: T[] = [];
  const total = a.length + b.length;
  let ia = 0;
  let ib = 0;
  for (let k = 0; k < total; k++) {
    // Take from b when it is behind its fair share of the positions filled so far.
    const bDue = ib < b.length && (ia >= a.length || (ib + 1) * total <= (k + 1) * b.length);
    if (bDue) out.push(b[ib++]!);
    else out.push(a[ia++]!);
  }
  return out;
}
