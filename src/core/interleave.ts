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

/**
 * `items` in their order, except that an item with the same key as the one before it is put
 * after the next item with another key: related cards never come back to back while others are
 * left to put between them. When one key holds more than half of what is left, its items go
 * first whenever they may, or they would end up together at the end. With `givesAway`, an item
 * never comes directly after one that gives it away either, while another may come there (the
 * test runs only on the few items looked at for each place: cheap on any number of items).
 */
export function keepApart<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  givesAway?: (before: T, after: T) => boolean,
): T[] {
  const rest = [...items];
  const counts = countKeys(rest, keyOf);
  // An upper bound of the largest count (counts only fall): scanned again only when it could
  // be more than half of what is left, which is rare until the very end.
  let most = 0;
  for (const n of counts.values()) most = Math.max(most, n);
  const out: T[] = [];
  let last: string | undefined;
  let prev: T | undefined;
  const free = (t: T) => prev === undefined || !givesAway?.(prev, t);
  while (rest.length > 0) {
    let at = -1;
    if (most * 2 > rest.length) {
      const [top, n] = largest(counts);
      most = n;
      if (most * 2 > rest.length && top !== last) {
        at = rest.findIndex((t) => keyOf(t) === top && free(t));
      }
    }
    if (at === -1) at = rest.findIndex((t) => keyOf(t) !== last && free(t));
    // Nothing unrelated is both apart and not given away: apart comes first.
    if (at === -1 && givesAway) at = rest.findIndex((t) => keyOf(t) !== last);
    // Only related items are left: nothing to put between them.
    if (at === -1) return [...out, ...rest];
    const [next] = rest.splice(at, 1);
    last = keyOf(next!);
    prev = next;
    counts.set(last, counts.get(last)! - 1);
    out.push(next!);
  }
  return out;
}

/**
 * What `keepApart` puts first, without ordering the rest: the first item of a key holding more
 * than half of them, else the first item. `givesAway` plays no part there (nothing is before it).
 */
export function firstApart<T>(items: readonly T[], keyOf: (item: T) => string): T | undefined {
  const [top, most] = largest(countKeys(items, keyOf));
  const at = most * 2 > items.length ? items.findIndex((t) => keyOf(t) === top) : 0;
  return items[at];
}

function countKeys<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of items) counts.set(keyOf(t), (counts.get(keyOf(t)) ?? 0) + 1);
  return counts;
}

/** The key with the most items (the first such, in the map's order) and its count. */
function largest(counts: ReadonlyMap<string, number>): [string | undefined, number] {
  let most = 0;
  let top: string | undefined;
  for (const [k, n] of counts) {
    if (n > most) [most, top] = [n, k];
  }
  return [top, most];
}
