/**
 * Monte Carlo standard error of the posterior mean.
 * @module
 */
import { pooled, type Chains } from './chains.js';
import { essMean } from './essMean.js';

/**
 * MCSE(mean) = sd(x)/√ESS_mean, sd with ddof 1 over all pooled draws.
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, §3.2; Vehtari et al. 2021, arXiv:1903.08008.
 * @param chains - m chains of n ≥ 8 draws (units u)
 * @returns MCSE in units u
 * @example mcseMean([chain1, chain2]) // returns 0.00265985849234941 for blocker `d` (posterior)
 */
export function mcseMean(chains: Chains): number {
  const all = pooled(chains);
  const mean = all.reduce((a, b) => a + b, 0) / all.length;
  const variance = all.reduce((a, b) => a + (b - mean) ** 2, 0) / (all.length - 1);
  return Math.sqrt(variance / essMean(chains));
}
