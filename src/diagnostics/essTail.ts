/**
 * Tail effective sample size.
 * @module
 */
import { type Chains } from './chains.js';
import { essQuantile } from './essQuantile.js';

/**
 * Tail ESS = min(ESS of the 5 % quantile, ESS of the 95 % quantile): the reliability of 90 % intervals.
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, §4.3; Vehtari et al. 2021, arXiv:1903.08008.
 * @param chains - m chains of n ≥ 8 draws (any units)
 * @returns ESS (draws)
 * @example essTail([chain1, chain2]) // returns 349.135270438316 for blocker `d` (posterior)
 */
export function essTail(chains: Chains): number {
  return Math.min(essQuantile(chains, 0.05), essQuantile(chains, 0.95));
}
