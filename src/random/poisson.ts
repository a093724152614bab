/**
 * Poisson variates from an injected generator, with NumPy's algorithm (numpy/random/src/
 * distributions/distributions.c, `random_poisson`): for λ < 10 the multiplication method (Knuth,
 * TAOCP Vol. 2, §3.4.1 F), for λ ≥ 10 the transformed rejection "PTRS" of Hörmann 1993
 * (Insurance: Mathematics and Economics 12, 39), with NumPy's ln Γ series. With the `emcee`
 * (MT19937) stream the draws equal `numpy.random.RandomState(seed).poisson(lam)`
 * (test/random/poisson.test.ts).
 * @module
 */
import type { Rng } from './rng.js';

const LOGGAM_A = [
  8.333333333333333e-2, -2.777777777777778e-3, 7.936507936507937e-4, -5.952380952380952e-4, 8.417508417508418e-4, -1.917526917526918e-3,
  6.41025641025641e-3, -2.955065359477124e-2, 1.796443723688307e-1, -1.3924322169059,
];

/**
 * ln Γ(x) for x > 0 by NumPy's Stirling series (`random_loggam`), exact to ~1e-15 relative.
 * @param x - argument (> 0)
 * @returns ln Γ(x)
 */
export function numpyLoggam(x: number): number {
  if (x === 1 || x === 2) return 0;
  const n = x < 7 ? Math.trunc(7 - x) : 0;
  let x0 = x + n;
  const x2 = (1 / x0) * (1 / x0);
  let gl0 = LOGGAM_A[9]!;
  for (let k = 8; k >= 0; k--) {
    gl0 *= x2;
    gl0 += LOGGAM_A[k]!;
  }
  let gl = gl0 / x0 + 0.5 * 1.8378770664093453 + (x0 - 0.5) * Math.log(x0) - x0;
  if (x < 7) {
    for (let k = 1; k <= n; k++) {
      gl -= Math.log(x0 - 1);
      x0 -= 1;
    }
  }
  return gl;
}

function poissonMult(rng: Rng, lam: number): number {
  const enlam = Math.exp(-lam);
  let x = 0;
  let prod = 1;
  for (;;) {
    prod *= rng.randomSample();
    if (prod > enlam) x += 1;
    else return x;
  }
}

function poissonPtrs(rng: Rng, lam: number): number {
  const slam = Math.sqrt(lam);
  const loglam = Math.log(lam);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const U = rng.randomSample() - 0.5;
    const V = rng.randomSample();
    const us = 0.5 - Math.abs(U);
    const k = Math.floor(((2 * a) / us + b) * U + lam + 0.43);
    if (us >= 0.07 && V <= vr) return k;
    if (k < 0 || (us < 0.013 && V > us)) continue;
    if (Math.log(V) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -lam + k * loglam - numpyLoggam(k + 1)) return k;
  }
}

/**
 * One Poisson variate with mean λ.
 * @param rng - generator
 * @param lam - mean (≥ 0, finite)
 * @returns a non-negative integer
 * @throws RangeError for a negative or non-finite mean
 * @example poissonVariate(makeRng('emcee', 1), 3.5)
 */
export function poissonVariate(rng: Rng, lam: number): number {
  if (!(lam >= 0 && Number.isFinite(lam))) throw new RangeError(`Poisson mean must be finite and >= 0 (got ${lam})`);
  if (lam >= 10) return poissonPtrs(rng, lam);
  if (lam === 0) return 0;
  return poissonMult(rng, lam);
}
