/**
 * Test helper: the seeded chains of the diagnostics fixtures (generated in Python with numpy's
 * legacy `RandomState`), rebuilt bit for bit from nuem's own {@link NumpyRandomState} so the
 * samples need not be stored. `rand` = `random_sample`, `randn` = numpy `legacy_gauss`. Verified by
 * the `head` values stored in the fixtures.
 */
import { NumpyRandomState } from '../../src/random/numpyRandomState.js';

/** emcee's test chain: x0 = 0, x_i = a ⊙ x_{i−1} + rand(k), flattened row-major (n, k). */
export function ar1Chain(seed: number, n: number, k: number, a: readonly number[]): Float64Array {
  const rng = new NumpyRandomState(seed);
  const x = new Float64Array(n * k);
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < k; j++) x[i * k + j] = x[(i - 1) * k + j] * a[j % a.length] + rng.randomSample();
  }
  return x;
}

/** Standard-normal draws in numpy `randn(n)` order. */
export function randnArray(seed: number, n: number): Float64Array {
  const rng = new NumpyRandomState(seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.standardNormal();
  return x;
}
