/**
 * The emcee-style initial ensemble: centre + scale·N(0, 1) per coordinate, drawn row-major from
 * a fresh generator (with `scale = 0.1`, centre 0 and a fresh RandomState(K): emcee's
 * `p0 = 1e-1 * RandomState(K).randn(W, D)` in shared/tools/bench_emcee.py).
 * @module
 */
import type { Rng } from '../random/rng.js';

/**
 * @param rng - generator (consumed: nwalkers·ndim normals)
 * @param nwalkers - walkers
 * @param ndim - dimension
 * @param scale - ball radius per coordinate (number or per-dimension array; parameter units)
 * @param center - ball centre (default 0)
 * @returns row-major nwalkers × ndim
 */
export function initialBall(rng: Rng, nwalkers: number, ndim: number, scale: number | readonly number[] = 0.1, center?: readonly number[]): Float64Array {
  const out = new Float64Array(nwalkers * ndim);
  for (let i = 0; i < nwalkers; i++) {
    for (let d = 0; d < ndim; d++) {
      const s = typeof scale === 'number' ? scale : scale[d]!;
      const c = center ? center[d]! : 0;
      // emcee: 1e-1 * randn (the product first; adding 0 keeps it exact)
      out[i * ndim + d] = c + s * rng.standardNormal();
    }
  }
  return out;
}
