/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring characters (the commonest typo) each cost 1.
 */
export function editDistance(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  const rows: number[][] = [];
  for (let i = 0; i <= x.length; i++) {
    const row = new Array<number>(y.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  const head = rows[0]!;
  for (let j = 0; j <= y.length; j++) head[j] = j;
  for (let i = 1; i <= x.length; i++) {
    const row = rows[i]!;
    const prev = rows[i - 1]!;
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) {
        d = Math.min(d, rows[i - 2]![j - 2]! + 1);
      }
      row[j] = d;
    }
  }
  return rows[x.length]![y.length]!;
}
