/**
 * Normalised autocorrelation function of one series, as emcee's `autocorr.function_1d`.
 * @module
 */
import { autocovarianceSums } from '../numerics/fft.js';

/**
 * Normalised autocorrelation ρ(t) = c_t / c_0 of one series, with c_t the (biased, un-normalised)
 * autocovariance sums computed by FFT with zero padding to 2·nextPowerOfTwo(n).
 * Reference: emcee `src/emcee/autocorr.py` `function_1d` (Foreman-Mackey et al. 2013,
 * arXiv:1202.3665; Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr)). A constant series gives NaN (0/0), as in emcee.
 * @param x - one walker's samples of one parameter (any units)
 * @returns Float64Array of length n with ρ(0) = 1 (dimensionless)
 * @example autocorrFunction1d(Float64Array.of(1, -1, 1, -1)) // returns [1, -0.75, 0.5, -0.25]
 */
export function autocorrFunction1d(x: ArrayLike<number>): Float64Array {
  const acov = autocovarianceSums(x);
  const c0 = acov[0];
  for (let t = 0; t < acov.length; t++) acov[t] /= c0;
  return acov;
}
