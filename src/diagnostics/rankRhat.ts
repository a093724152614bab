/**
 * Rank-normalised split R̂ (the default R̂ of Stan, posterior and ArviZ).
 * @module
 */
import { median } from '../summaries/quantiles.js';
import { allFinite, commonLength, mapChains, pooled, splitChains, type Chains } from './chains.js';
import { rhatBasic } from './rhatBasic.js';
import { zScale } from './zScale.js';

/**
 * max(R̂_bulk, R̂_tail): R̂_bulk = R̂ of the rank-normalised split chains, R̂_tail = R̂ of the
 * rank-normalised split chains folded about their pooled median, |x − median|.
 * Chains must be independent: never pass walkers of one ensemble (see {@link ensembleDiagnostics}).
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, §4.2–4.3; Vehtari et al. 2021, arXiv:1903.08008.
 * @param chains - m ≥ 2 independent chains of n ≥ 4 draws (any units)
 * @returns R̂ (dimensionless, ≥ ~1); NaN for fewer than 2 chains, fewer than 4 draws or non-finite draws
 * @example rankRhat([chain1, chain2]) // returns 1.00780272388603 for blocker `d` (posterior)
 */
export function rankRhat(chains: Chains): number {
  const n = commonLength(chains);
  if (chains.length < 2 || n < 4 || !allFinite(chains)) return NaN;
  const split = splitChains(chains);
  const bulk = rhatBasic(zScale(split));
  const med = median(pooled(split));
  const tail = rhatBasic(zScale(mapChains(split, (x) => Math.abs(x - med))));
  return Math.max(bulk, tail);
}

/**
 * Split R̂ without rank normalisation (posterior `rhat_basic(x, split = TRUE)`, ArviZ `method="split"`).
 * Reference: Gelman et al., BDA3 §11.4; Vehtari et al. 2021, doi:10.1214/20-BA1221, eq. (4).
 * @param chains - m ≥ 1 chains of n ≥ 4 draws
 * @returns split R̂, NaN when invalid
 * @example splitRhat([chain1, chain2]) // returns ~1.00 for well-mixed chains
 */
export function splitRhat(chains: Chains): number {
  const n = commonLength(chains);
  if (n < 4 || !allFinite(chains)) return NaN;
  return rhatBasic(splitChains(chains));
}
