import { describe, it, expect } from 'vitest';
import { makeRng } from '../../src/random/makeRng.js';
import { numpyLoggam, poissonVariate } from '../../src/random/poisson.js';

describe('poissonVariate', () => {
  it('equals numpy.random.RandomState(12345).poisson(lam, size=6) for λ across both algorithms (exact; numpy 2.4.6)', () => {
    // python3 -c "import numpy as np; r=np.random.RandomState(12345); print([r.poisson(l,size=6).tolist() for l in [0,.5,3.2,9.99,10,27.3,150,5000.5]])"
    const want = [[0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 2], [3, 1, 8, 5, 0, 2], [10, 10, 13, 14, 14, 10], [9, 10, 10, 11, 16, 8], [27, 31, 26, 21, 29, 21], [166, 153, 147, 157, 126, 173], [5171, 5016, 4983, 5036, 5062, 5066]];
    const rng = makeRng('emcee', 12345);
    const lams = [0, 0.5, 3.2, 9.99, 10, 27.3, 150, 5000.5];
    const got = lams.map((l) => Array.from({ length: 6 }, () => poissonVariate(rng, l)));
    expect(got).toEqual(want);
  });
  it('mean and variance of 20000 draws at λ = 4.5 and 40 within 4 standard errors', () => {
    const rng = makeRng('emcee', 7);
    for (const lam of [4.5, 40]) {
      const n = 20000;
      let s = 0;
      let s2 = 0;
      for (let i = 0; i < n; i++) {
        const k = poissonVariate(rng, lam);
        s += k;
        s2 += k * k;
      }
      const mean = s / n;
      const v = s2 / n - mean * mean;
      expect(Math.abs(mean - lam)).toBeLessThan(4 * Math.sqrt(lam / n));
      // var of the sample variance ≈ (μ4 − σ⁴)/n = (λ + 2λ²)/n for a Poisson
      expect(Math.abs(v - lam)).toBeLessThan(4 * Math.sqrt((lam + 2 * lam * lam) / n));
    }
  });
  it('numpyLoggam = ln Γ at integers (ln (k−1)!, 1e-13 relative)', () => {
    let lf = 0;
    for (let k = 2; k < 40; k++) {
      lf += Math.log(k - 1);
      expect(numpyLoggam(k)).toBeCloseTo(lf, 12);
    }
  });
  it('rejects a negative mean', () => {
    expect(() => poissonVariate(makeRng('emcee', 1), -1)).toThrow(RangeError);
  });
});
