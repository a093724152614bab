/**
 * The initial ensemble of `nuem run`: a Gaussian ball centre + scale·N(0, 1) per coordinate
 * (emcee's recommended start near the maximum, Foreman-Mackey et al. 2013, arXiv:1202.3665 §4),
 * with every coordinate redrawn until it lies inside its prior's support (at most 100 tries, then
 * a draw from the prior itself).
 * @module
 */
import type { Rng } from '../random/rng.js';
import { priorInSupport, samplePrior, type Prior } from '../sampler/priors.js';

/**
 * @param priors - prior of each coordinate
 * @param center - ball centre (parameter units)
 * @param scale - ball radius per coordinate (parameter units, > 0)
 * @param nwalkers - walkers
 * @param rng - generator (consumed)
 * @returns row-major nwalkers × ndim positions inside the prior support
 */
export function initialEnsemble(priors: readonly Prior[], center: readonly number[], scale: readonly number[], nwalkers: number, rng: Rng): Float64Array {
  const D = priors.length;
  const out = new Float64Array(nwalkers * D);
  for (let w = 0; w < nwalkers; w++) {
    for (let d = 0; d < D; d++) {
      let x = NaN;
      for (let k = 0; k < 100 && !priorInSupport(priors[d]!, x); k++) x = center[d]! + scale[d]! * rng.standardNormal();
      if (!priorInSupport(priors[d]!, x)) x = samplePrior(priors[d]!, rng);
      out[w * D + d] = x;
    }
  }
  return out;
}
