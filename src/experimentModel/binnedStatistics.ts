/**
 * The two bin statistics every binned experiment is built from, with their derivatives and their
 * pseudo-data generators, so that an experiment type only has to compute its expectation μ(θ, ν)
 * (and, for an analytic gradient, ∂μ/∂ν):
 * - Poisson deviance D = 2 Σ_i [μ_i − n_i + n_i ln(n_i/μ_i)] (n_i = 0: 2 μ_i), −2 ln of the
 *   Poisson likelihood ratio to the saturated model (Cash 1979, ApJ 228, 939; Baker & Cousins 1984,
 *   NIM 221, 437); ∂D/∂μ_i = 2(1 − n_i/μ_i).
 * - Gaussian χ² = Σ_i ((d_i − μ_i)/σ_i)² (σ_i from the data); ∂χ²/∂μ_i = −2(d_i − μ_i)/σ_i².
 * ln L = −D/2 (or −χ²/2) up to a constant, the convention of `ExperimentModel.logLikelihood`.
 * @module
 */
import type { Rng } from '../random/rng.js';
import { poissonVariate } from '../random/poisson.js';
import type { BinnedData, BinnedStatistic } from './types.js';

/**
 * Poisson deviance over the selected bins.
 * @param n - observed counts per bin (≥ 0; need not be integer)
 * @param mu - expected counts per bin
 * @param bins - flat bin indices in the sum
 * @returns D ≥ 0; +∞ if some μ_i < 0, or μ_i = 0 with n_i > 0
 * @example poissonDeviance([4], [4], [0]) // returns 0
 */
export function poissonDeviance(n: ArrayLike<number>, mu: ArrayLike<number>, bins: readonly number[]): number {
  let sum = 0;
  for (const i of bins) {
    const ni = n[i]!;
    const m = mu[i]!;
    if (!(m >= 0)) return Infinity;
    if (ni > 0) {
      if (m === 0) return Infinity;
      sum += m - ni + ni * Math.log(ni / m);
    } else sum += m;
  }
  return 2 * sum;
}

/**
 * Gaussian χ² over the selected bins.
 * @param d - data per bin
 * @param sigma - 1σ per bin (> 0)
 * @param mu - expectation per bin
 * @param bins - flat bin indices in the sum
 * @returns Σ ((d − μ)/σ)²
 */
export function gaussianChi2(d: ArrayLike<number>, sigma: ArrayLike<number>, mu: ArrayLike<number>, bins: readonly number[]): number {
  let sum = 0;
  for (const i of bins) {
    const z = (d[i]! - mu[i]!) / sigma[i]!;
    sum += z * z;
  }
  return sum;
}

/**
 * −2 ln L of binned data (Poisson deviance or Gaussian χ²).
 * @param statistic - `poisson` or `gaussian`
 * @param data - counts (and σ for `gaussian`)
 * @param mu - expectation per bin
 * @param bins - flat bins in the sum
 * @returns the statistic (dimensionless)
 */
export function binnedDeviance(statistic: BinnedStatistic, data: BinnedData, mu: ArrayLike<number>, bins: readonly number[]): number {
  if (statistic === 'poisson') return poissonDeviance(data.counts, mu, bins);
  if (!data.sigma) throw new Error('a gaussian statistic needs data.sigma');
  return gaussianChi2(data.counts, data.sigma, mu, bins);
}

/**
 * ∂(−2 ln L)/∂μ_i for every selected bin (0 elsewhere): the weights that turn a Jacobian ∂μ/∂ν
 * into the gradient ∂(−2 ln L)/∂ν_j = Σ_i w_i ∂μ_i/∂ν_j.
 * @param statistic - `poisson` or `gaussian`
 * @param data - counts (and σ)
 * @param mu - expectation per bin (Poisson: > 0 where n > 0)
 * @param bins - flat bins in the sum
 * @param out - receives w, length ≥ nBins
 */
export function devianceWeights(statistic: BinnedStatistic, data: BinnedData, mu: ArrayLike<number>, bins: readonly number[], out: Float64Array): void {
  out.fill(0);
  if (statistic === 'poisson') {
    for (const i of bins) out[i] = 2 * (1 - data.counts[i]! / mu[i]!);
  } else {
    const s = data.sigma!;
    for (const i of bins) out[i] = (-2 * (data.counts[i]! - mu[i]!)) / (s[i]! * s[i]!);
  }
}

/**
 * Pseudo-data from an expectation: Poisson draws per bin (`poisson`), or d_i = μ_i + σ_i z_i with
 * the data's σ (`gaussian`, the statistic's own model of the data). Bins are drawn in flat order.
 * @param statistic - `poisson` or `gaussian`
 * @param mu - expectation per bin (≥ 0 for Poisson)
 * @param template - the data whose σ (Gaussian) the pseudo-data keep
 * @param rng - generator
 * @returns new counts (and σ) of kind `pseudo`; auxiliary observations are NOT drawn here
 */
export function drawBinned(statistic: BinnedStatistic, mu: ArrayLike<number>, template: BinnedData, rng: Rng): BinnedData {
  const n = mu.length;
  const counts = new Float64Array(n);
  if (statistic === 'poisson') {
    for (let i = 0; i < n; i++) counts[i] = poissonVariate(rng, Math.max(mu[i]!, 0));
    return { counts, kind: 'pseudo' };
  }
  const sigma = template.sigma!;
  for (let i = 0; i < n; i++) counts[i] = mu[i]! + sigma[i]! * rng.standardNormal();
  return { counts, sigma, kind: 'pseudo' };
}
