/**
 * Rank normalisation: pooled average ranks mapped through the normal quantile with Blom's offset.
 * @module
 */
import { normalQuantile } from '../numerics/stdlib.js';
import { commonLength, type Chains } from './chains.js';

/**
 * 1-based ranks with ties given their average rank (scipy `rankdata(method="average")`).
 * @param values - any real numbers
 * @returns Float64Array of ranks in [1, n]
 * @example averageRanks([10, 20, 10, 5]) // returns [2.5, 4, 2.5, 1]
 */
export function averageRanks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const r = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) ranks[order[k]] = r;
    i = j + 1;
  }
  return ranks;
}

/**
 * Rank-normalised draws z = Φ⁻¹((r − 3/8)/(S + 1/4)), r = average rank over all S pooled draws.
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, eq. (14); Blom (1958); Vehtari et al. 2021, arXiv:1903.08008.
 * @param chains - m chains of n draws (any units)
 * @returns m chains of dimensionless normal scores
 * @example zScale([[1, 2], [3, 4]]) // returns [[-1.0491, -0.2993], [0.2993, 1.0491]]
 */
export function zScale(chains: Chains): Float64Array[] {
  const n = commonLength(chains);
  const all = new Float64Array(chains.length * n);
  chains.forEach((c, j) => {
    for (let i = 0; i < n; i++) all[j * n + i] = c[i];
  });
  const r = averageRanks(all);
  const s = all.length;
  return chains.map((_, j) => Float64Array.from({ length: n }, (_, i) => normalQuantile((r[j * n + i] - 0.375) / (s + 0.25), 0, 1)));
}
