/**
 * Energy resolution of COHERENT CsI[Na] 2021: the reconstructed signal x (PE) for a deposit
 * E_ee (keVee) follows a gamma distribution
 *   P(x | E_ee) = (a(1+b))^{1+b} / Γ(1+b) · x^b · exp(−a(1+b) x),   a = a₀/E_ee, b = b₀·E_ee,
 * i.e. shape k = 1 + b and rate β = a(1+b); its mean 1/a = E_ee/a₀ is the light yield
 * (a₀ = 0.0749 keVee/PE ⇒ 13.35 PE/keVee). Bin probabilities without efficiency are
 * differences of the regularized lower incomplete gamma function P(k, βx).
 *
 * Source: COHERENT supplemental material as implemented in Newtrinos.jl
 * (`resolution = [0.0749, 9.56]`); spec docs/physics.md §D.1, §2.
 */
import { gammainc, gammaln } from '../../numerics/stdlib.js';

/** Resolution constants: a = a0_keVee / E_ee (per PE), b = b0_per_keVee · E_ee. */
export interface GammaSmearingParameters {
  /** a₀ in keVee per PE (0.0749); the mean signal is E_ee / a₀ */
  a0_keVee: number;
  /** b₀ in 1/keVee (9.56) */
  b0_per_keVee: number;
}

/** Shape k and rate β (1/PE) of the gamma distribution of the signal. */
export interface GammaShapeRate {
  /** shape k = 1 + b₀ E_ee */
  shape: number;
  /** rate β = (a₀/E_ee)(1 + b₀ E_ee), in 1/PE */
  rate_per_PE: number;
}

/**
 * Gamma shape and rate for a deposit.
 *
 * @param energy_keVee - electron-equivalent energy E_ee (keVee), > 0
 * @param params - resolution constants
 * @returns shape and rate of P(x | E_ee)
 * @example gammaShapeRate(1, { a0_keVee: 0.0749, b0_per_keVee: 9.56 }) // returns { shape: 10.56, rate_per_PE: ~0.79094 }
 * Reference: docs/physics.md §D.1 (arXiv:2110.07730 supplemental material).
 */
export function gammaShapeRate(energy_keVee: number, params: GammaSmearingParameters): GammaShapeRate {
  const shape = 1 + params.b0_per_keVee * energy_keVee;
  return { shape, rate_per_PE: (params.a0_keVee / energy_keVee) * shape };
}

/**
 * Probability density of the reconstructed signal.
 *
 * @param signal_PE - x (PE), ≥ 0
 * @param energy_keVee - E_ee (keVee), > 0
 * @param params - resolution constants
 * @returns P(x | E_ee) per PE
 * @example gammaSmearingPdf_perPE(13.35, 1, { a0_keVee: 0.0749, b0_per_keVee: 9.56 }) // returns ~0.0986
 * Reference: docs/physics.md §D.1.
 */
export function gammaSmearingPdf_perPE(signal_PE: number, energy_keVee: number, params: GammaSmearingParameters): number {
  if (signal_PE <= 0) return 0;
  const { shape, rate_per_PE } = gammaShapeRate(energy_keVee, params);
  return Math.exp(shape * Math.log(rate_per_PE) + (shape - 1) * Math.log(signal_PE) - rate_per_PE * signal_PE - gammaln(shape));
}

/**
 * Probability that the signal falls in [lo, hi) (no efficiency), from the regularized
 * incomplete gamma function.
 *
 * @param lo_PE - lower edge (PE)
 * @param hi_PE - upper edge (PE), may be Infinity
 * @param energy_keVee - E_ee (keVee), > 0
 * @param params - resolution constants
 * @returns P(lo ≤ x < hi | E_ee)
 * @example gammaSmearingBinProbability(0, Infinity, 2, { a0_keVee: 0.0749, b0_per_keVee: 9.56 }) // returns 1
 * Reference: docs/physics.md §2 (regularized incomplete gamma for bin probabilities).
 */
export function gammaSmearingBinProbability(
  lo_PE: number,
  hi_PE: number,
  energy_keVee: number,
  params: GammaSmearingParameters,
): number {
  const { shape, rate_per_PE } = gammaShapeRate(energy_keVee, params);
  const cdf = (x: number): number => (x <= 0 ? 0 : x === Infinity ? 1 : gammainc(rate_per_PE * x, shape, true, false));
  return cdf(hi_PE) - cdf(lo_PE);
}
