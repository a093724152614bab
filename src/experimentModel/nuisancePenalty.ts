/**
 * The profile-likelihood penalty of a nuisance parameter: P(ν) = −2[ln π(ν) − max_ν ln π(ν)], so
 * that P = 0 at the prior's mode and the profile χ² = −2 ln L + Σ P(ν_j) differs from −2 ln of the
 * posterior density by a constant only (a prior as a constraint term, Cowan, Cranmer, Gross &
 * Vitells 2011, arXiv:1007.1727 §2; PDG "Statistics" review §40.4.2.2). For a normal prior this is
 * the familiar pull ((ν − μ)/σ)² of Khan's χ² (arXiv:2201.10578 eq. 7).
 *
 * Per prior (support violations give +∞):
 * - normal, truncnormal: ((x − μ)/σ)²;
 * - halfnormal: (x/σ)²;
 * - uniform: 0;
 * - loguniform: 2 ln(x/min);
 * - lognormal (ln x ~ N(μ, σ), mode e^{μ−σ²}): 2 ln x + ((ln x − μ)/σ)² − 2(μ − σ²) − σ².
 * @module
 */
import type { Prior } from '../sampler/priors.js';

/**
 * Penalty P(x) of a prior (see module doc).
 * @param prior - the prior
 * @param x - parameter value
 * @returns P(x) ≥ 0 (dimensionless); +∞ outside the support
 * @example nuisancePenalty({ type: 'normal', mu: 0, sigma: 0.1 }, 0.2) // returns 4 (to rounding)
 */
export function nuisancePenalty(prior: Prior, x: number): number {
  switch (prior.type) {
    case 'normal': {
      const t = (x - prior.mu) / prior.sigma;
      return t * t;
    }
    case 'truncnormal': {
      if (!(x >= prior.min && x <= prior.max)) return Infinity;
      const t = (x - prior.mu) / prior.sigma;
      return t * t;
    }
    case 'halfnormal': {
      if (!(x >= 0)) return Infinity;
      const t = x / prior.sigma;
      return t * t;
    }
    case 'uniform':
      return x >= prior.min && x <= prior.max ? 0 : Infinity;
    case 'loguniform':
      return x >= prior.min && x <= prior.max ? 2 * Math.log(x / prior.min) : Infinity;
    case 'lognormal': {
      if (!(x > 0)) return Infinity;
      const lx = Math.log(x);
      const t = (lx - prior.mu) / prior.sigma;
      const s2 = prior.sigma * prior.sigma;
      return 2 * lx + t * t - 2 * (prior.mu - s2) - s2;
    }
  }
}

/**
 * dP/dx of {@link nuisancePenalty} inside the support (0 outside, where P is +∞ anyway).
 * @param prior - the prior
 * @param x - parameter value
 * @returns the derivative (1/parameter unit)
 */
export function nuisancePenaltyDerivative(prior: Prior, x: number): number {
  switch (prior.type) {
    case 'normal':
    case 'truncnormal':
      return (2 * (x - prior.mu)) / (prior.sigma * prior.sigma);
    case 'halfnormal':
      return (2 * x) / (prior.sigma * prior.sigma);
    case 'uniform':
      return 0;
    case 'loguniform':
      return x > 0 ? 2 / x : 0;
    case 'lognormal':
      return x > 0 ? (2 + (2 * (Math.log(x) - prior.mu)) / (prior.sigma * prior.sigma)) / x : 0;
  }
}

/**
 * Box of the prior's support, for bounded minimisers.
 * @param prior - the prior
 * @returns [lower, upper] (±∞ where unbounded; lognormal and loguniform exclude 0 via a tiny positive lower bound)
 */
export function priorBounds(prior: Prior): [number, number] {
  switch (prior.type) {
    case 'normal':
      return [-Infinity, Infinity];
    case 'truncnormal':
    case 'uniform':
    case 'loguniform':
      return [prior.min, prior.max];
    case 'halfnormal':
      return [0, Infinity];
    case 'lognormal':
      return [Number.MIN_VALUE, Infinity];
  }
}

/**
 * The prior's mode (where the penalty is 0): the start of fits when no nominal is given.
 * @param prior - the prior
 * @returns the mode (for uniform priors the midpoint)
 */
export function priorMode(prior: Prior): number {
  switch (prior.type) {
    case 'normal':
      return prior.mu;
    case 'truncnormal':
      return Math.min(prior.max, Math.max(prior.min, prior.mu));
    case 'halfnormal':
      return 0;
    case 'uniform':
      return 0.5 * (prior.min + prior.max);
    case 'loguniform':
      return prior.min;
    case 'lognormal':
      return Math.exp(prior.mu - prior.sigma * prior.sigma);
  }
}
