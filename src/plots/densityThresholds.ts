/**
 * Density thresholds of highest-density regions from a binned density.
 *
 * Sort the bin values in decreasing order v₁ ≥ v₂ ≥ …, accumulate the normalised mass
 * c_k = Σ_{i≤k} v_i / Σ v, and for each requested mass p interpolate the threshold linearly between
 * the neighbouring points (c_{k−1}, v_{k−1}) and (c_k, v_k) with c_{k−1} < p ≤ c_k. This follows
 * GetDist's interpolated levels (Lewis 2019, arXiv:1910.13970, §3) rather than corner.py's
 * "last bin with cumulative mass ≤ p", which under-covers (corner.py, doi:10.21105/joss.00024; GetDist, arXiv:1910.13970).
 */

/**
 * Thresholds enclosing the given masses.
 *
 * @param values - non-negative binned density (any normalisation)
 * @param masses - probabilities in (0, 1)
 * @returns one threshold per mass, in the same order (a larger mass gives a lower threshold);
 *   NaN when the grid holds no mass
 * @example densityThresholds([4, 3, 2, 1], [0.7]) // returns [3] (bins 4 and 3 hold 0.7 of the mass)
 */
export function densityThresholds(values: ArrayLike<number>, masses: readonly number[]): number[] {
  const sorted = Float64Array.from(values).sort().reverse();
  const n = sorted.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i] as number;
  if (!(total > 0)) return masses.map(() => NaN);
  const cum = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += sorted[i] as number;
    cum[i] = acc / total;
  }
  return masses.map((p) => {
    if (!(p > 0 && p < 1)) throw new Error(`densityThresholds: mass must be in (0, 1), got ${p}`);
    let k = 0;
    while (k < n - 1 && (cum[k] as number) < p) k++;
    if (k === 0) return sorted[0] as number;
    const c0 = cum[k - 1] as number;
    const c1 = cum[k] as number;
    const v0 = sorted[k - 1] as number;
    const v1 = sorted[k] as number;
    return c1 > c0 ? v0 + ((v1 - v0) * (p - c0)) / (c1 - c0) : v1;
  });
}
