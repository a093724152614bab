/**
 * kde1d's grid density is summed by a multiplicative recurrence (src/summaries/kde1d.ts,
 * gridDensity) instead of one exponential per kernel and grid point. Identity checked: it equals
 * the direct O(n) evaluator `evaluate` at every grid point. Tolerance 1e-12 of the peak: the
 * recurrence runs at most 9/δ steps from the centre (≈ 300 for 1024 points), so its rounding error
 * is ≲ 300·2⁻⁵² ≈ 7e-14 relative.
 */
import { describe, expect, it } from 'vitest';
import { kde1d } from '../../src/summaries/kde1d.js';
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';

describe('kde1d grid density (recurrence) equals the direct sum', () => {
  const cases = [
    { n: 20000, lo: -Infinity, hi: Infinity, G: 512, bw: 'scott' as const },
    { n: 5000, lo: 0, hi: Infinity, G: 1024, bw: 'silverman' as const },
    { n: 3000, lo: -0.5, hi: 0.7, G: 512, bw: 'scott' as const },
    { n: 50, lo: -Infinity, hi: Infinity, G: 64, bw: 'robust' as const },
    { n: 400, lo: -Infinity, hi: Infinity, G: 512, bw: 0.001 }, // kernels narrower than a grid step
  ];
  for (const c of cases) {
    it(`n = ${c.n}, grid ${c.G}, bounds [${c.lo}, ${c.hi}], bandwidth ${c.bw}`, () => {
      const rs = new NumpyRandomState(3);
      const x = Float64Array.from({ length: c.n }, () => {
        let v: number;
        do v = rs.standardNormal() * 0.3;
        while (v < c.lo || v > c.hi);
        return v;
      });
      const k = kde1d(x, { lower: c.lo, upper: c.hi, gridSize: c.G, bandwidth: c.bw });
      let peak = 0;
      for (const v of k.density) peak = Math.max(peak, v);
      let worst = 0;
      for (let i = 0; i < c.G; i++) worst = Math.max(worst, Math.abs(k.density[i]! - k.evaluate(k.x[i]!)) / peak);
      expect(worst).toBeLessThan(1e-12);
    });
  }
});
