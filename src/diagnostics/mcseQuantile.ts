/**
 * Monte Carlo standard error of a quantile and of the median.
 * @module
 */
import { betaQuantile } from '../numerics/stdlib.js';
import { sortedCopy } from '../summaries/quantiles.js';
import { pooled, type Chains } from './chains.js';
import { essQuantile } from './essQuantile.js';

/** Φ(−1) and Φ(1) as used by posterior's `mcse_quantile`. */
const PROB_LOW = 0.1586553;
const PROB_HIGH = 0.8413447;

/**
 * MCSE of the p-quantile from its ESS: the ±1σ limits (a₁, a₂) of Beta(ESS·p + 1, ESS·(1 − p) + 1)
 * are mapped to order statistics x_(⌊a₁S⌋) and x_(⌈a₂S⌉) (1-based, clamped to [1, S]) of the S pooled
 * draws; the MCSE is half their distance.
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, §4.4 (posterior `mcse_quantile`); Vehtari et al. 2021, arXiv:1903.08008.
 * @param chains - m chains of n ≥ 8 draws (units u)
 * @param p - probability in (0, 1)
 * @param ess - the quantile's ESS if already known (default {@link essQuantile}(chains, p))
 * @returns MCSE in units u
 * @example mcseQuantile([chain1, chain2], 0.1) // returns 0.003997 for blocker `d` (posterior)
 */
export function mcseQuantile(chains: Chains, p: number, ess = essQuantile(chains, p)): number {
  return mcseQuantileFromSorted(sortedCopy(pooled(chains)), p, ess);
}

/**
 * {@link mcseQuantile} for draws that are already pooled and sorted, with a known ESS.
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, §4.4.
 * @param sorted - the S pooled draws sorted ascending (units u)
 * @param p - probability in (0, 1)
 * @param ess - effective sample size of the p-quantile (draws)
 * @returns MCSE in units u (NaN if ess is NaN)
 * @example mcseQuantileFromSorted(sortedDraws, 0.5, 1000) // returns ~1.2533·σ/√1000 for Gaussian draws
 */
export function mcseQuantileFromSorted(sorted: ArrayLike<number>, p: number, ess: number): number {
  if (!Number.isFinite(ess)) return NaN;
  const s = sorted.length;
  const a1 = betaQuantile(PROB_LOW, ess * p + 1, ess * (1 - p) + 1);
  const a2 = betaQuantile(PROB_HIGH, ess * p + 1, ess * (1 - p) + 1);
  const i1 = Math.max(Math.floor(a1 * s), 1) - 1;
  const i2 = Math.min(Math.ceil(a2 * s), s) - 1;
  return (sorted[i2] - sorted[i1]) / 2;
}

/**
 * MCSE of the median = {@link mcseQuantile} at p = 0.5.
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, §4.4.
 * @param chains - m chains of n ≥ 8 draws (units u)
 * @returns MCSE in units u
 * @example mcseMedian([chain1, chain2]) // returns 0.005242 for blocker `d` (posterior)
 */
export function mcseMedian(chains: Chains): number {
  return mcseQuantile(chains, 0.5);
}
