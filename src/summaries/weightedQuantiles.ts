/**
 * Weighted sample quantiles as corner.py computes them.
 * @module
 */

/**
 * corner.py's weighted quantile: sort the samples, take the cumulative weights excluding the last,
 * normalise them to end at 1, prepend 0, and interpolate linearly (numpy `interp`) at p.
 * With equal weights this is the type-7 quantile. Reference: corner.py `core.quantile`
 * (Foreman-Mackey 2016, doi:10.21105/joss.00024); Hyndman 1996, doi:10.1080/00031305.1996.10474359.
 * @param samples - the draws (any units u)
 * @param probs - probabilities in [0, 1]
 * @param weights - non-negative weights, one per draw
 * @returns Float64Array of quantiles (units u)
 * @throws RangeError when the lengths differ or the weights are not a usable distribution
 * @example weightedQuantiles([1, 2, 3], [0.5], [1, 1, 1]) // returns [2]
 */
export function weightedQuantiles(samples: ArrayLike<number>, probs: ArrayLike<number>, weights: ArrayLike<number>): Float64Array {
  const n = samples.length;
  if (weights.length !== n) throw new RangeError(`weightedQuantiles: ${n} samples but ${weights.length} weights`);
  if (n < 2) throw new RangeError('weightedQuantiles: need at least two samples');
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => samples[a] - samples[b]);
  const xs = Float64Array.from(idx, (i) => samples[i]);
  const cdf = new Float64Array(n);
  let cum = 0;
  for (let k = 1; k < n; k++) {
    const w = weights[idx[k - 1]];
    if (!(w >= 0)) throw new RangeError(`weightedQuantiles: weight ${w} is negative or NaN`);
    cum += w;
    cdf[k] = cum;
  }
  if (!(cum > 0)) throw new RangeError('weightedQuantiles: the weights (except the largest sample) sum to zero');
  for (let k = 1; k < n; k++) cdf[k] /= cum;
  return Float64Array.from(probs as ArrayLike<number>, (p) => interp(p, cdf, xs));
}

/** numpy.interp for increasing xp: clamps outside [xp₀, xp_last]; on plateaus takes the right-most. */
function interp(x: number, xp: Float64Array, fp: Float64Array): number {
  const n = xp.length;
  if (Number.isNaN(x)) return NaN;
  if (x <= xp[0]) return x === xp[0] && n > 1 && xp[1] === xp[0] ? fp[rightmost(xp, x)] : fp[0];
  if (x >= xp[n - 1]) return fp[n - 1];
  // largest j with xp[j] <= x
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xp[mid] <= x) lo = mid;
    else hi = mid;
  }
  const slope = (fp[hi] - fp[lo]) / (xp[hi] - xp[lo]);
  return fp[lo] + slope * (x - xp[lo]);
}

function rightmost(xp: Float64Array, x: number): number {
  let j = 0;
  while (j + 1 < xp.length && xp[j + 1] === x) j++;
  return j;
}
