/**
 * What every independent-ensemble run returns, whichever driver ran it (`nuem sample --ensembles`
 * through {@link runEnsembleJob}, `nuem run` through the pipeline's ensemble task): the chain in
 * emcee's (nsteps, nwalkers, ndim) layout, acceptance, the generator state and warnings. Plain data
 * with transferable arrays, so it crosses worker threads unchanged (Karamanis et al. 2021, arXiv:2105.03468; Vehtari et al. 2021, arXiv:1903.08008).
 * @module
 */
import type { RngState } from '../../random/rng.js';

/** Result shared by the ensemble drivers (see module doc). */
export interface EnsembleRunResult {
  /** steps in the chain */
  nsteps: number;
  nwalkers: number;
  ndim: number;
  /** positions, (nsteps, nwalkers, ndim) row-major (empty when the driver wrote them to a file only) */
  chain: Float64Array;
  /** log-probabilities, (nsteps, nwalkers) row-major (empty likewise) */
  logProb: Float64Array;
  /** accepted / steps per walker */
  acceptanceFraction: Float64Array;
  /** generator state after the last step */
  rngState: RngState;
  /** sampler and convergence warnings */
  warnings: string[];
}

/**
 * The buffers to transfer (not copy) when a worker posts the result.
 * @param r - a result
 * @returns the chain and log-probability buffers
 */
export function resultTransferList(r: EnsembleRunResult): ArrayBuffer[] {
  return [r.chain.buffer as ArrayBuffer, r.logProb.buffer as ArrayBuffer];
}
