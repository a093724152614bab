/**
 * Monte Carlo standard error of the posterior standard deviation.
 * @module
 */
import { mapChains, pooled, type Chains } from './chains.js';
import { essMean } from './essMean.js';

/**
 * MCSE(sd) by the delta method: s² = (x − x̄)², Var(mean s²) ≈ (E[s⁴] − E[s²]²)/ESS_mean(s²),
 * MCSE(sd) = sqrt(Var(mean s²)/E[s²]/4).
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, §3.2 (posterior `mcse_sd`); Vehtari et al. 2021, arXiv:1903.08008.
 * @param chains - m chains of n ≥ 8 draws (units u)
 * @returns MCSE in units u
 * @example mcseSd([chain1, chain2]) // returns 0.00206270285278761 for blocker `d` (posterior)
 */
export function mcseSd(chains: Chains): number {
  const all = pooled(chains);
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  const sq = mapChains(chains, (x) => (x - mean) ** 2);
  const ess = essMean(sq);
  const s2 = pooled(sq);
  let e2 = 0;
  let e4 = 0;
  for (const v of s2) {
    e2 += v;
    e4 += v * v;
  }
  e2 /= s2.length;
  e4 /= s2.length;
  const varvar = (e4 - e2 * e2) / ess;
  return Math.sqrt(varvar / e2 / 4);
}
