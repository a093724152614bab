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
  // a numeric sort of a typed copy, then each value's run of equal values by binary search:
  // the average of the 1-based positions lo+1 … hi is (lo + hi + 1)/2 (same ranks as sorting an
  // index array with a comparator, several times faster)
  const sorted = Float64Array.from(values).sort();
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    let up = lo;
    let top = n;
    while (up < top) {
      const mid = (up + top) >>> 1;
      if (sorted[mid]! <= v) up = mid + 1;
      else top = mid;
    }
    ranks[i] = (lo + up + 1) / 2;
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
  // integer ranks 1 … s (no ties) take their normal score from one table per s
  const table = scoreTable(s);
  return chains.map((_, j) =>
    Float64Array.from({ length: n }, (_, i) => {
      const rank = r[j * n + i]!;
      return Number.isInteger(rank) ? table[rank - 1]! : normalQuantile((rank - 0.375) / (s + 0.25), 0, 1);
    }),
  );
}

let cachedScores: { s: number; table: Float64Array } | null = null;

/** Φ⁻¹((k − 3/8)/(s + 1/4)) for k = 1 … s, kept for the last s (every parameter of an R̂ evaluation pools the same number of draws). */
function scoreTable(s: number): Float64Array {
  if (cachedScores?.s !== s) {
    const table = new Float64Array(s);
    for (let k = 1; k <= s; k++) table[k - 1] = normalQuantile((k - 0.375) / (s + 0.25), 0, 1);
    cachedScores = { s, table };
  }
  return cachedScores.table;
}
