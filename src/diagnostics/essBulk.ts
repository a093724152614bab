/**
 * Bulk effective sample size.
 * @module
 */
import { commonLength, splitChains, type Chains } from './chains.js';
import { essBasic } from './essBasic.js';
import { zScale } from './zScale.js';

/**
 * Bulk ESS = ESS of the rank-normalised split chains (the reliability of the posterior centre).
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, §4.3; Vehtari et al. 2021, arXiv:1903.08008.
 * @param chains - m independent chains of n ≥ 8 draws (any units)
 * @returns ESS (draws); NaN when too short or non-finite
 * @example essBulk([chain1, chain2]) // returns 465.136513484671 for blocker `d` (posterior)
 */
export function essBulk(chains: Chains): number {
  if (commonLength(chains) < 8) return NaN;
  return essBasic(zScale(splitChains(chains)));
}
