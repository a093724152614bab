/**
 * Quantiles for the plots: the summaries' Hyndman & Fan (1996) type-7 quantile (numpy `percentile`
 * default and corner.py's unweighted `quantile`, doi:10.2307/2684934), which here refuses a
 * probability outside [0, 1] instead of returning NaN, since a plot must never draw a NaN line.
 * @module
 */
import { quantileSorted as type7Quantile } from '../summaries/quantiles.js';

/**
 * Sample quantile of sorted data, type 7 (see module doc; computed by the summaries' `quantileSorted`).
 *
 * @param sorted - ascending values (any units)
 * @param p - probability in [0, 1]
 * @returns the type-7 quantile, units of `sorted` (NaN for empty input)
 * @throws Error when p is outside [0, 1]
 * @example quantileSorted([1, 2, 3, 4], 0.25) // returns 1.75
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length > 0 && !(p >= 0 && p <= 1)) throw new Error(`quantileSorted: p must be in [0, 1], got ${p}`);
  return type7Quantile(sorted, p);
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
