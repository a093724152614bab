/**
 * Sample quantile of sorted data, Hyndman & Fan (1996) type 7 (linear interpolation between order
 * statistics; numpy `percentile` default and corner.py's unweighted `quantile`), doi:10.2307/2684934.
 *
 * @param sorted - ascending values
 * @param p - probability in [0, 1]
 * @returns the type-7 quantile (NaN for empty input)
 * @example quantileSorted([1, 2, 3, 4], 0.25) // returns 1.75
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (!(p >= 0 && p <= 1)) throw new Error(`quantileSorted: p must be in [0, 1], got ${p}`);
  const h = (n - 1) * p;
  const i = Math.floor(h);
  const a = sorted[i] as number;
  if (i + 1 >= n) return a;
  return a + (h - i) * ((sorted[i + 1] as number) - a);
}

/**
 * Extracts column `k` of a row-major `n × d` sample matrix, sorted ascending.
 *
 * @param samples - row-major draws
 * @param d - number of parameters (row length)
 * @param k - column index
 * @returns sorted copy of the column
 */
export function sortedColumn(samples: Float64Array, d: number, k: number): Float64Array {
  const n = Math.floor(samples.length / d);
  const col = new Float64Array(n);
  for (let s = 0; s < n; s++) col[s] = samples[s * d + k] as number;
  return col.sort();
}
