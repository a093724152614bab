/**
 * Gaussian energy resolution of the ESS detectors: G(T', T) = N(T' ; T, σ(T)) with
 *   'sqrt-ratio'   σ(T) = σ₀ √(T / T_th)   (default reading, docs/physics.md §D.2 [REC])
 *   'sqrt-product' σ(T) = σ₀ √(T · T_th)  (alternative reading of the stripped formula, flagged in docs/physics.md §D.2)
 * Both equal σ₀ at threshold. Bin probabilities are differences of the normal CDF.
 *
 * Source: arXiv:2409.10652 §IV and Table 1 (formula stripped, reconstructed in docs/physics.md §D.3, §D.2).
 */
import { normalCdf } from '../../numerics/stdlib.js';

/** Which reading of the stripped ESS resolution formula to use. */
export type GaussianResolutionForm = 'sqrt-ratio' | 'sqrt-product';

/** Resolution of an ESS detector. */
export interface GaussianResolution {
  /** σ₀: resolution at threshold (keV) */
  sigma0_keV: number;
  /** T_th: threshold (keV) */
  threshold_keV: number;
  /** reading of the formula */
  form: GaussianResolutionForm;
}

/**
 * Width of the Gaussian smearing at true energy T.
 *
 * @param energy_keV - true recoil energy T (keV), ≥ 0
 * @param res - resolution parameters
 * @returns σ(T) in keV
 * @example gaussianSigma_keV(4, { sigma0_keV: 0.3, threshold_keV: 1, form: 'sqrt-ratio' }) // returns 0.6
 * Reference: arXiv:2409.10652 §IV, docs/physics.md §D.2 [REC].
 */
export function gaussianSigma_keV(energy_keV: number, res: GaussianResolution): number {
  return res.form === 'sqrt-ratio'
    ? res.sigma0_keV * Math.sqrt(energy_keV / res.threshold_keV)
    : res.sigma0_keV * Math.sqrt(energy_keV * res.threshold_keV);
}

/**
 * Probability that the reconstructed energy of a true deposit T falls in [lo, hi).
 *
 * @param lo_keV - lower edge (keV)
 * @param hi_keV - upper edge (keV)
 * @param energy_keV - true energy T (keV), > 0
 * @param res - resolution parameters
 * @returns Φ((hi−T)/σ) − Φ((lo−T)/σ)
 * @example gaussianBinProbability(0, 2, 1, { sigma0_keV: 0.3, threshold_keV: 1, form: 'sqrt-ratio' }) // returns ~0.99915
 * Reference: docs/physics.md §D.3 (ESS eq. 14 [REC]).
 */
export function gaussianBinProbability(lo_keV: number, hi_keV: number, energy_keV: number, res: GaussianResolution): number {
  const s = gaussianSigma_keV(energy_keV, res);
  return normalCdf(hi_keV, energy_keV, s) - normalCdf(lo_keV, energy_keV, s);
}
