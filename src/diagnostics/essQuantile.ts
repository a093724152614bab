/**
 * Effective sample size of a quantile estimate, and of the median.
 * @module
 */
import { quantileSorted, sortedCopy } from '../summaries/quantiles.js';
import { commonLength, mapChains, pooled, splitChains, type Chains } from './chains.js';
import { essBasic } from './essBasic.js';

/**
 * ESS for the p-quantile: ESS of the split chains of the indicator 1[x ≤ q̂_p], with q̂_p the
 * type-7 quantile of all pooled draws (no rank normalisation).
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, §4.3 and eq. (15); Vehtari et al. 2021, arXiv:1903.08008.
 * @param chains - m chains of n ≥ 8 draws (any units)
 * @param p - probability in (0, 1)
 * @returns ESS (draws); NaN when too short or non-finite
 * @example essQuantile([chain1, chain2], 0.1) // returns 754.211496074801 for blocker `d` (posterior)
 */
export function essQuantile(chains: Chains, p: number): number {
  if (commonLength(chains) < 8) return NaN;
  const q = quantileSorted(sortedCopy(pooled(chains)), p);
  return essBasic(splitChains(mapChains(chains, (x) => (x <= q ? 1 : 0))));
}

/**
 * ESS of the median = {@link essQuantile} at p = 0.5.
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, §4.3.
 * @param chains - m chains of n ≥ 8 draws
 * @returns ESS (draws)
 * @example essMedian([chain1, chain2]) // returns 311.806319792458 for blocker `d` (posterior)
 */
export function essMedian(chains: Chains): number {
  return essQuantile(chains, 0.5);
}
