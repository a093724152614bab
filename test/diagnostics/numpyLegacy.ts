/**
 * Test helper: numpy's legacy `RandomState` streams, rebuilt on mt19937 from the stdlib facade, so
 * fixtures generated in Python can be regenerated bit for bit without storing the samples.
 * `rand` = `random_sample` (53-bit doubles); `randn` = numpy's legacy polar Box–Muller with one cached
 * value (numpy `legacy_gauss`). Verified by the `head` values stored in the fixtures.
 */
import { makeMt19937 } from '../../src/numerics/stdlib.js';

/** A seeded numpy-legacy stream. */
export interface NumpyLegacy {
  rand(): number;
  randn(): number;
}

/** numpy.random.RandomState(seed) equivalent for `rand` and `randn`. */
export function numpyLegacy(seed: number): NumpyLegacy {
  const mt = makeMt19937(seed);
  let cached: number | null = null;
  return {
    rand: () => mt.normalized(),
    randn: () => {
      if (cached !== null) {
        const v = cached;
        cached = null;
        return v;
      }
      let x1: number, x2: number, r2: number;
      do {
        x1 = 2 * mt.normalized() - 1;
        x2 = 2 * mt.normalized() - 1;
        r2 = x1 * x1 + x2 * x2;
      } while (r2 >= 1 || r2 === 0);
      const f = Math.sqrt((-2 * Math.log(r2)) / r2);
      cached = f * x1;
      return f * x2;
    },
  };
}

/** emcee's test chain: x0 = 0, x_i = a ⊙ x_{i−1} + rand(k), flattened row-major (n, k). */
export function ar1Chain(seed: number, n: number, k: number, a: readonly number[]): Float64Array {
  const rng = numpyLegacy(seed);
  const x = new Float64Array(n * k);
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < k; j++) x[i * k + j] = x[(i - 1) * k + j] * a[j % a.length] + rng.rand();
  }
  return x;
}

/** Standard-normal draws in numpy `randn(n)` order. */
export function randnArray(seed: number, n: number): Float64Array {
  const rng = numpyLegacy(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.randn();
  return x;
}
