/**
 * Priors: a zod schema for their JSON/YAML form ({@link priorSchema}) and pure functions for the
 * log-density, support and sampling (for initial ensembles; the generator is injected).
 * Densities are normalised on their support:
 * - uniform U(min, max): −ln(max − min);
 * - log-uniform (p ∝ 1/x on [min, max], min > 0): −ln x − ln ln(max/min);
 * - normal N(μ, σ): −½((x−μ)/σ)² − ln σ − ½ ln 2π;
 * - truncated normal on [min, max]: normal − ln(Φ(β) − Φ(α)), α, β the standardised bounds;
 * - half-normal (x ≥ 0): ln 2 + normal(0, σ);
 * - log-normal (x > 0, ln x ~ N(μ, σ)): −ln x − ½((ln x − μ)/σ)² − ln σ − ½ ln 2π.
 * Reference: Gelman et al., *Bayesian Data Analysis*, 3rd ed. (2013), App. A; truncated normal:
 * Johnson, Kotz & Balakrishnan, *Continuous Univariate Distributions* Vol. 1, §13.10.
 * @module
 */
import { z } from 'zod';
import { normalCdf, normalLogpdf, normalQuantile } from '../numerics/stdlib.js';
import type { Rng } from '../random/rng.js';

const finite = z.number().refine(Number.isFinite, 'must be a finite number');
const positive = finite.refine((v) => v > 0, 'must be > 0');

/** zod schema of a prior (strict objects, cross-field checks `min < max`, log-uniform `min > 0`). */
export const priorSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('uniform'), min: finite, max: finite }).refine((p) => p.min < p.max, { message: 'min must be < max', path: ['max'] }),
  z
    .strictObject({ type: z.literal('loguniform'), min: positive, max: positive })
    .refine((p) => p.min < p.max, { message: 'min must be < max', path: ['max'] }),
  z.strictObject({ type: z.literal('normal'), mu: finite, sigma: positive }),
  z
    .strictObject({ type: z.literal('truncnormal'), mu: finite, sigma: positive, min: finite, max: finite })
    .refine((p) => p.min < p.max, { message: 'min must be < max', path: ['max'] }),
  z.strictObject({ type: z.literal('halfnormal'), sigma: positive }),
  /** ln x ~ N(mu, sigma): a positive scale factor (mu, sigma of ln x, dimensionless) */
  z.strictObject({ type: z.literal('lognormal'), mu: finite, sigma: positive }),
]);

/** A prior in its data form (see {@link priorSchema}). */
export type Prior = z.infer<typeof priorSchema>;

/** Whether a parameter is of physical interest or a nuisance (both are sampled). */
export type ParameterRole = 'physics' | 'nuisance';

/** A sampled parameter: name, prior and role. */
export interface SampledParameter {
  name: string;
  prior: Prior;
  role?: ParameterRole;
}

const HALF_LN_2PI = 0.5 * Math.log(2 * Math.PI);

/** ln(Φ(b) − Φ(a)) for standardised a < b, using the upper tail when both are positive (precision). */
function logNormalMass(a: number, b: number): number {
  if (a > 0) return Math.log(normalCdf(-a, 0, 1) - normalCdf(-b, 0, 1));
  return Math.log(normalCdf(b, 0, 1) - normalCdf(a, 0, 1));
}

/**
 * @param prior - the prior
 * @param x - parameter value (the parameter's units)
 * @returns true if x is inside the support (closed intervals)
 */
export function priorInSupport(prior: Prior, x: number): boolean {
  if (!Number.isFinite(x)) return false;
  switch (prior.type) {
    case 'uniform':
    case 'loguniform':
    case 'truncnormal':
      return x >= prior.min && x <= prior.max;
    case 'normal':
      return true;
    case 'halfnormal':
      return x >= 0;
    case 'lognormal':
      return x > 0;
  }
}

/**
 * Normalised log-density (see module doc for the formulas).
 * @param prior - the prior
 * @param x - parameter value
 * @returns ln p(x); −∞ outside the support
 */
export function priorLogPdf(prior: Prior, x: number): number {
  if (!priorInSupport(prior, x)) return -Infinity;
  switch (prior.type) {
    case 'uniform':
      return -Math.log(prior.max - prior.min);
    case 'loguniform':
      return -Math.log(x) - Math.log(Math.log(prior.max / prior.min));
    case 'normal': {
      const t = (x - prior.mu) / prior.sigma;
      return -0.5 * t * t - Math.log(prior.sigma) - HALF_LN_2PI;
    }
    case 'truncnormal': {
      const a = (prior.min - prior.mu) / prior.sigma;
      const b = (prior.max - prior.mu) / prior.sigma;
      return normalLogpdf(x, prior.mu, prior.sigma) - logNormalMass(a, b);
    }
    case 'halfnormal': {
      const t = x / prior.sigma;
      return Math.LN2 - 0.5 * t * t - Math.log(prior.sigma) - HALF_LN_2PI;
    }
    case 'lognormal': {
      const lx = Math.log(x);
      const t = (lx - prior.mu) / prior.sigma;
      return -lx - 0.5 * t * t - Math.log(prior.sigma) - HALF_LN_2PI;
    }
  }
}

/**
 * {@link priorLogPdf} as a closure with the prior's constants (ln σ, ln of the width, the truncated
 * normal's mass) computed once: bit-identical to `priorLogPdf(prior, x)` for every x (the same
 * operations in the same order on the same doubles), for the sampler's inner loop.
 * @param prior - the prior
 * @returns x ↦ ln p(x), −∞ outside the support
 * @example compilePriorLogPdf({ type: 'normal', mu: 0, sigma: 1 })(0) // returns −0.9189385332 (−½ ln 2π)
 */
export function compilePriorLogPdf(prior: Prior): (x: number) => number {
  switch (prior.type) {
    case 'uniform': {
      const { min, max } = prior;
      const c = -Math.log(max - min);
      return (x) => (x >= min && x <= max ? c : -Infinity);
    }
    case 'normal': {
      const { mu, sigma } = prior;
      const ls = Math.log(sigma);
      return (x) => {
        if (!Number.isFinite(x)) return -Infinity;
        const t = (x - mu) / sigma;
        return -0.5 * t * t - ls - HALF_LN_2PI;
      };
    }
    case 'halfnormal': {
      const sigma = prior.sigma;
      const ls = Math.log(sigma);
      return (x) => {
        if (!(x >= 0) || x === Infinity) return -Infinity;
        const t = x / sigma;
        return Math.LN2 - 0.5 * t * t - ls - HALF_LN_2PI;
      };
    }
    default:
      return (x) => priorLogPdf(prior, x);
  }
}

/**
 * One draw from the prior (inverse CDF for bounded/truncated priors).
 * @param prior - the prior
 * @param rng - generator
 * @returns a value inside the support
 */
export function samplePrior(prior: Prior, rng: Rng): number {
  switch (prior.type) {
    case 'uniform':
      return rng.uniform(prior.min, prior.max);
    case 'loguniform':
      return Math.exp(rng.uniform(Math.log(prior.min), Math.log(prior.max)));
    case 'normal':
      return prior.mu + prior.sigma * rng.standardNormal();
    case 'halfnormal':
      return Math.abs(prior.sigma * rng.standardNormal());
    case 'lognormal':
      return Math.exp(prior.mu + prior.sigma * rng.standardNormal());
    case 'truncnormal': {
      const a = (prior.min - prior.mu) / prior.sigma;
      const b = (prior.max - prior.mu) / prior.sigma;
      let t: number;
      if (a > 0) {
        // upper tail: work with survival probabilities for precision
        const qa = normalCdf(-a, 0, 1),
          qb = normalCdf(-b, 0, 1);
        t = -normalQuantile(qb + (qa - qb) * rng.randomSample(), 0, 1);
      } else {
        const pa = normalCdf(a, 0, 1),
          pb = normalCdf(b, 0, 1);
        t = normalQuantile(pa + (pb - pa) * rng.randomSample(), 0, 1);
      }
      const x = prior.mu + prior.sigma * t;
      return Math.min(prior.max, Math.max(prior.min, x));
    }
  }
}

/**
 * Prior mean and standard deviation where they exist in closed form (for tests and initial balls).
 * @param prior - the prior
 * @returns { mean, sd }
 */
export function priorMoments(prior: Prior): { mean: number; sd: number } {
  switch (prior.type) {
    case 'uniform':
      return { mean: (prior.min + prior.max) / 2, sd: (prior.max - prior.min) / Math.sqrt(12) };
    case 'loguniform': {
      const L = Math.log(prior.max / prior.min);
      const m = (prior.max - prior.min) / L;
      const m2 = (prior.max * prior.max - prior.min * prior.min) / (2 * L);
      return { mean: m, sd: Math.sqrt(m2 - m * m) };
    }
    case 'normal':
      return { mean: prior.mu, sd: prior.sigma };
    case 'halfnormal':
      return { mean: prior.sigma * Math.sqrt(2 / Math.PI), sd: prior.sigma * Math.sqrt(1 - 2 / Math.PI) };
    case 'lognormal': {
      const s2 = prior.sigma * prior.sigma;
      return { mean: Math.exp(prior.mu + s2 / 2), sd: Math.exp(prior.mu + s2 / 2) * Math.sqrt(Math.expm1(s2)) };
    }
    case 'truncnormal': {
      const a = (prior.min - prior.mu) / prior.sigma;
      const b = (prior.max - prior.mu) / prior.sigma;
      const Z = Math.exp(logNormalMass(a, b));
      const phi = (t: number): number => Math.exp(-0.5 * t * t - HALF_LN_2PI);
      const d = (phi(a) - phi(b)) / Z;
      const v = 1 + (a * phi(a) - b * phi(b)) / Z - d * d;
      return { mean: prior.mu + prior.sigma * d, sd: prior.sigma * Math.sqrt(v) };
    }
  }
}
