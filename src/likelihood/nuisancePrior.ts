/**
 * Gaussian pull terms for the normalisation nuisances of a binned likelihood.
 *
 * Khan's χ² (arXiv:2201.10578 eq. 7) and the ESS χ² (arXiv:2409.10652 eq. 15, ESS arXiv:2409.10652 eq. 15–16) both
 * scale the signal by (1 + α) and the background by (1 + β) and add (α/σ_α)² + (β/σ_β)². The
 * pull is kept as an explicit, named object so that the same numbers serve the profile (the
 * penalty is added to χ² and minimised) and the posterior (the same Gaussian is the prior of the
 * sampled nuisance; it is then NOT added to the data χ² a second time).
 */

/** Which part of the prediction a nuisance scales. */
export type NuisanceTarget = 'signal' | 'background';

/** A zero-mean Gaussian normalisation nuisance (a relative scale, dimensionless). */
export interface NuisancePrior {
  /** Name used in parameter vectors and reports (`alpha`, `beta`, `alpha.ess-ge`, …). */
  readonly name: string;
  /** What it scales: N → (1 + value) N. */
  readonly target: NuisanceTarget;
  /**
   * Relative 1σ width. `0` pins the nuisance at 0 (no freedom); `Infinity` leaves it free
   * (no pull term).
   */
  readonly sigma: number;
}

/**
 * Builds a nuisance prior after checking its width.
 *
 * @param name - parameter name
 * @param target - `signal` (α) or `background` (β)
 * @param sigma - relative width (dimensionless, ≥ 0; `Infinity` = unconstrained)
 * @returns the frozen prior
 * @example nuisancePrior('alpha', 'signal', 0.127) // Khan's σ_α (arXiv:2201.10578, after eq. 7)
 */
export function nuisancePrior(name: string, target: NuisanceTarget, sigma: number): NuisancePrior {
  if (!(sigma >= 0)) throw new RangeError(`nuisance ${name}: sigma must be >= 0 (got ${sigma})`);
  return Object.freeze({ name, target, sigma });
}

/**
 * The pull term (value/σ)² a Gaussian nuisance adds to χ².
 *
 * @param prior - the nuisance prior
 * @param value - the nuisance value (relative scale)
 * @returns (value/σ)²; 0 for σ = ∞; 0 at value 0 and +∞ elsewhere for σ = 0
 * @example nuisancePenaltyChi2(nuisancePrior('alpha', 'signal', 0.1), 0.2) // returns 4
 */
export function nuisancePenaltyChi2(prior: NuisancePrior, value: number): number {
  if (prior.sigma === Infinity) return 0;
  if (prior.sigma === 0) return value === 0 ? 0 : Infinity;
  const z = value / prior.sigma;
  return z * z;
}

/**
 * Inverse variance 1/σ² of a nuisance: the pull (v/σ)² has second derivative 2/σ² in v.
 *
 * @param prior - the nuisance prior
 * @returns 1/σ² (0 for a free nuisance, +∞ for a pinned one)
 */
export function nuisancePrecision(prior: NuisancePrior): number {
  if (prior.sigma === Infinity) return 0;
  if (prior.sigma === 0) return Infinity;
  return 1 / (prior.sigma * prior.sigma);
}
