/**
 * Effective sample size of the mean and of the standard deviation.
 * @module
 */
import { commonLength, mapChains, pooled, splitChains, type Chains } from './chains.js';
import { essBasic } from './essBasic.js';

/**
 * ESS of the posterior mean: ESS of the split chains, no rank normalisation (posterior `ess_mean`).
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, §3.2; Vehtari et al. 2021, arXiv:1903.08008.
 * @param chains - m chains of n ≥ 8 draws (any units)
 * @returns ESS (draws)
 * @example essMean([chain1, chain2]) // returns 467.84472286415 for blocker `d` (posterior)
 */
export function essMean(chains: Chains): number {
  if (commonLength(chains) < 8) return NaN;
  return essBasic(splitChains(chains));
}

/**
 * ESS of the posterior standard deviation: {@link essMean} of (x − x̄)², x̄ the pooled mean
 * (posterior `ess_sd` as used to produce the stan-diagnostics reference; ArviZ `method="sd"`).
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, §3.2; Vehtari et al. 2021, arXiv:1903.08008.
 * @param chains - m chains of n ≥ 8 draws
 * @returns ESS (draws)
 * @example essSd([chain1, chain2]) // returns 488.89443945697 for blocker `d` (posterior)
 */
export function essSd(chains: Chains): number {
  const all = pooled(chains);
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  return essMean(mapChains(chains, (x) => (x - mean) ** 2));
}
