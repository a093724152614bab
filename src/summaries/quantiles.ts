/**
 * numpy-style sample quantiles: linear interpolation between order statistics (Hyndman & Fan
 * type 7, numpy's default `method="linear"`, R's default `type = 7`).
 * h = (n − 1)·p, Q(p) = x_(⌊h⌋) + (h − ⌊h⌋)·(x_(⌊h⌋+1) − x_(⌊h⌋)) with 0-based order statistics.
 * Reference: R. J. Hyndman and Y. Fan, Am. Stat. 50 (1996) 361, doi:10.1080/00031305.1996.10473566.
 * @module
 */

/**
 * Type-7 quantile of already sorted samples.
 * Reference: Hyndman & Fan 1996, doi:10.1080/00031305.1996.10473566 (type 7).
 * @param sorted - samples sorted ascending (any units u), length ≥ 1
 * @param p - probability in [0, 1]
 * @returns the quantile, units u (NaN for empty input or p outside [0, 1])
 * @example quantileSorted(Float64Array.of(1, 2, 3, 4), 0.5) // returns 2.5
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  const g = h - lo;
  // numpy's _lerp form: a + g(b − a), switched to b − (1 − g)(b − a) for g ≥ 0.5 (exact at the ends)
  const a = sorted[lo];
  const b = sorted[hi];
  const diff = b - a;
  return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

/**
 * Samples sorted ascending into a new Float64Array (NaN-free input assumed).
 * @param samples - the draws (any units)
 * @returns a sorted copy
 * @example sortedCopy([3, 1, 2]) // returns Float64Array [1, 2, 3]
 */
export function sortedCopy(samples: ArrayLike<number>): Float64Array {
  return Float64Array.from(samples).sort();
}

/**
 * numpy `np.quantile(samples, probs)` (linear / type 7) for several probabilities at once.
 * Reference: Hyndman & Fan 1996, doi:10.1080/00031305.1996.10473566 (type 7).
 * @param samples - the draws (any units u)
 * @param probs - probabilities in [0, 1]
 * @returns Float64Array of quantiles, units u, in the order of `probs`
 * @example quantiles([1, 2, 3, 4, 5], [0.1, 0.5]) // returns [1.4, 3]
 */
export function quantiles(samples: ArrayLike<number>, probs: ArrayLike<number>): Float64Array {
  const s = sortedCopy(samples);
  return Float64Array.from(probs as ArrayLike<number>, (p) => quantileSorted(s, p));
}

/**
 * Sample median (type-7 quantile at 0.5, equal to numpy `np.median`).
 * @param samples - the draws (any units u)
 * @returns the median, units u
 * @example median([3, 1, 2, 10]) // returns 2.5
 */
export function median(samples: ArrayLike<number>): number {
  return quantileSorted(sortedCopy(samples), 0.5);
}
