/**
 * Rank normalisation against its definitions: average ranks = 1 + #smaller + (#equal − 1)/2 (scipy
 * `rankdata(method="average")`), counted directly in O(n²); normal scores Φ⁻¹((r − 3/8)/(S + 1/4))
 * (Vehtari et al. 2021, doi:10.1214/20-BA1221, eq. 14) evaluated point by point. Exact equality:
 * the fast paths (typed sort + binary search, one score table per S) must not change a bit.
 */
import { describe, expect, it } from 'vitest';
import { averageRanks, zScale } from '../../src/diagnostics/zScale.js';
import { normalQuantile } from '../../src/numerics/stdlib.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';

function directRanks(v: ArrayLike<number>): number[] {
  return Array.from(v, (x) => {
    let less = 0;
    let equal = 0;
    for (let j = 0; j < v.length; j++) {
      if (v[j]! < x) less++;
      else if (v[j] === x) equal++;
    }
    return 1 + less + (equal - 1) / 2;
  });
}

describe('rank normalisation', () => {
  it('average ranks equal the direct count, with and without ties (incl. −0 and 0, negatives)', () => {
    const rng = new NumpyRandomState(5);
    const cont = Float64Array.from({ length: 700 }, () => rng.standardNormal());
    const ties = Float64Array.from({ length: 700 }, () => Math.round(3 * rng.standardNormal()) / 2);
    const signed = Float64Array.from([0, -0, 1, -1, 0, 2, -0, -1]);
    for (const v of [cont, ties, signed]) expect(Array.from(averageRanks(v))).toEqual(directRanks(v));
    expect(Array.from(averageRanks([10, 20, 10, 5]))).toEqual([2.5, 4, 2.5, 1]);
  });

  it('z-scores equal Φ⁻¹((r − 3/8)/(S + 1/4)) point by point, for tied and untied pooled draws', () => {
    const rng = new NumpyRandomState(6);
    for (const round of [false, true]) {
      const chains = [0, 1, 2].map(() => Float64Array.from({ length: 333 }, () => (round ? Math.round(rng.standardNormal() * 4) : rng.standardNormal())));
      const z = zScale(chains);
      const all = chains.flatMap((c) => Array.from(c));
      const r = directRanks(all);
      const S = all.length;
      z.forEach((zc, j) => zc.forEach((x, i) => expect(x).toBe(normalQuantile((r[j * 333 + i]! - 0.375) / (S + 0.25), 0, 1))));
    }
  });
});
