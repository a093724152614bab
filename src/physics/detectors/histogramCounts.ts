/**
 * Counting events into bins [e_i, e_{i+1}) (left-closed, right-open; events outside are dropped).
 * Used to bin the COHERENT CsI 2021 released events (docs/physics.md §D.1).
 */

/**
 * Histogram of values on the given edges.
 *
 * @param values - event values (e.g. PE)
 * @param edges - strictly increasing bin edges
 * @param keep - optional event filter (index → keep?)
 * @returns counts per bin (length edges.length − 1)
 * @example histogramCounts([0.5, 8, 11.9, 60], [0, 8, 12, 60]) // returns [1, 2, 0]
 * Reference: docs/physics.md §D.1 (bins are [lo, hi)).
 */
export function histogramCounts(values: ArrayLike<number>, edges: readonly number[], keep?: (index: number) => boolean): Float64Array {
  const out = new Float64Array(edges.length - 1);
  for (let i = 0; i < values.length; i++) {
    if (keep && !keep(i)) continue;
    const b = binIndex(values[i]!, edges);
    if (b >= 0) out[b]! += 1;
  }
  return out;
}

/**
 * Index of the bin [e_i, e_{i+1}) holding a value (binary search).
 *
 * @param value - the value
 * @param edges - strictly increasing edges
 * @returns bin index, or −1 outside [edges[0], edges[last]) or for NaN
 * @example binIndex(8, [0, 8, 12]) // returns 1
 * Reference: bins are left-closed, right-open (docs/physics.md §D.1).
 */
export function binIndex(value: number, edges: readonly number[]): number {
  if (!(value >= edges[0]!) || !(value < edges[edges.length - 1]!)) return -1;
  let lo = 0;
  let hi = edges.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (value >= edges[mid]!) lo = mid;
    else hi = mid;
  }
  return lo;
}
