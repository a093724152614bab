/**
 * Feldman–Cousins intervals for the mean μ ≥ 0 of a unit Gaussian, x ~ N(μ, 1)
 * (Feldman & Cousins, Phys. Rev. D 57, 3873 (1998), Sec. IV.C, arXiv:physics/9711021).
 *
 * Ordering statistic (−2 ln of FC eq. 4.3): t(x; μ) = (x − μ)² − (x − μ_best)² with
 * μ_best = max(0, x), i.e. t = (x − μ)² for x ≥ 0 and t = μ² − 2xμ for x < 0. The acceptance
 * region of μ is {x : t(x; μ) ≤ c(μ)} with P(t ≤ c(μ) | μ) = CL; the confidence interval for an
 * observed x0 is {μ ≥ 0 : t(x0; μ) ≤ c(μ)}.
 *
 * Two constructions of c(μ):
 * - `exact`: {t ≤ c} is the x-interval [x1, μ + √c] with x1 = μ − √c if μ ≥ √c and
 *   x1 = (μ² − c)/(2μ) otherwise (x1 = −∞ at μ = 0), so P = Φ(μ + √c − μ) − Φ(x1 − μ) and c
 *   follows by root finding;
 * - toys ({@link gaussianBoundedToys}): c(μ) is the CL quantile of t over pseudo-experiments
 *   x ~ N(μ, 1) drawn on a μ grid, the generic Neyman construction that `nuem toys` uses for
 *   analyses, here checkable against the exact one and FC's Table X.
 */
import { brentRoot } from '../numerics/brentRoot.js';
import { normalCdf } from '../numerics/stdlib.js';
import { toyStream } from './toyStream.js';
import { beltIntervals, criticalValue, smoothCritical } from './belt.js';

/**
 * The ordering statistic t(x; μ) = −2 ln R (see module doc).
 *
 * @param x - observed value (units of σ)
 * @param mu - tested mean (≥ 0)
 * @returns t (dimensionless)
 */
export function gaussianBoundedStatistic(x: number, mu: number): number {
  return x >= 0 ? (x - mu) * (x - mu) : mu * mu - 2 * x * mu;
}

/**
 * Probability that t(x; μ) ≤ c for x ~ N(μ, 1).
 *
 * @param mu - true mean (≥ 0)
 * @param c - threshold on t (≥ 0)
 * @returns P(t ≤ c | μ)
 */
export function gaussianBoundedAcceptance(mu: number, c: number): number {
  const r = Math.sqrt(c);
  const x2 = mu + r;
  let x1: number;
  if (mu >= r) x1 = mu - r;
  else if (mu === 0) x1 = -Infinity;
  else x1 = (mu * mu - c) / (2 * mu);
  return normalCdf(x2 - mu, 0, 1) - (x1 === -Infinity ? 0 : normalCdf(x1 - mu, 0, 1));
}

/**
 * Exact critical value c(μ) of the bounded-Gaussian construction.
 *
 * @param mu - true mean (≥ 0)
 * @param cl - confidence level in (0, 1)
 * @returns c with P(t ≤ c | μ) = cl
 */
export function gaussianBoundedCriticalValue(mu: number, cl: number): number {
  let hi = 1;
  while (gaussianBoundedAcceptance(mu, hi) < cl) hi *= 2;
  return brentRoot((c) => gaussianBoundedAcceptance(mu, c) - cl, 0, hi, { absTol: 1e-13 }).x;
}

/** An interval [lo, hi] of the mean. */
export interface MeanInterval {
  /** Lower end. */
  readonly lo: number;
  /** Upper end. */
  readonly hi: number;
}

/**
 * Exact FC interval for a bounded Gaussian mean (unit σ).
 *
 * @param x0 - observed value (units of σ)
 * @param cl - confidence level in (0, 1)
 * @returns the interval [lo, hi] of μ (units of σ)
 * @example feldmanCousinsGaussianBounded(0, 0.9) // upper end ≈ 1.64 (FC Table X)
 */
export function feldmanCousinsGaussianBounded(x0: number, cl: number): MeanInterval {
  if (!Number.isFinite(x0)) throw new RangeError(`observed value must be finite (got ${x0})`);
  if (!(cl > 0 && cl < 1)) throw new RangeError(`confidence level must be in (0, 1) (got ${cl})`);
  const g = (mu: number): number => gaussianBoundedStatistic(x0, mu) - gaussianBoundedCriticalValue(mu, cl);
  // g < 0 inside the interval; the interval contains μ_best = max(0, x0) (t = 0 there)
  const best = Math.max(0, x0);
  let hiB = best + 1;
  while (g(hiB) < 0) hiB += 1;
  const hi = brentRoot(g, best, hiB, { absTol: 1e-12 }).x;
  const lo = g(0) <= 0 ? 0 : brentRoot(g, 0, best, { absTol: 1e-12 }).x;
  return { lo, hi };
}

/** Options of {@link gaussianBoundedToys}. */
export interface GaussianToyOptions {
  /** Confidence level. */
  readonly cl: number;
  /** Pseudo-experiments per grid point. */
  readonly toys: number;
  /** Run seed (string or number). */
  readonly seed: string | number;
  /** μ grid step (default 0.02). */
  readonly step?: number;
  /** Upper end of the μ grid (default max(x0, 0) + 4). */
  readonly muMax?: number;
  /** Half width (grid points) of the local linear smoothing of c(μ) (default 2). */
  readonly smooth?: number;
}

/** Result of {@link gaussianBoundedToys}. */
export interface GaussianToyResult extends MeanInterval {
  /** The μ grid. */
  readonly grid: number[];
  /** Critical values c(μ) from toys (raw). */
  readonly critical: number[];
  /** Standard errors of the ends from the toy noise of c(μ) (see {@link beltIntervals}). */
  readonly errors: { readonly lo: number; readonly hi: number };
}

/**
 * Toy-based FC interval for a bounded Gaussian mean: c(μ) on a grid from `toys` pseudo-experiments
 * per point (per-toy streams from (seed, point, toy), see {@link toyStream}), smoothed locally
 * ({@link smoothCritical}); the interval ends are where t(x0; μ) − c(μ) changes sign.
 *
 * @param x0 - observed value (units of σ)
 * @param opts - confidence level, toys per point, seed, grid
 * @returns the interval (the hull of the set), the grid, the raw critical values and the ends' errors
 */
export function gaussianBoundedToys(x0: number, opts: GaussianToyOptions): GaussianToyResult {
  const step = opts.step ?? 0.02;
  const muMax = opts.muMax ?? Math.max(x0, 0) + 4;
  const h = opts.smooth ?? 2;
  const n = Math.round(muMax / step) + 1;
  const grid: number[] = [];
  const critical: number[] = [];
  const se: number[] = [];
  const t = new Float64Array(opts.toys);
  for (let j = 0; j < n; j++) {
    const mu = j * step;
    for (let i = 0; i < opts.toys; i++) t[i] = gaussianBoundedStatistic(mu + toyStream(opts.seed, j, i).normal(), mu);
    const c = criticalValue(t, opts.cl);
    grid.push(mu);
    critical.push(c.tc);
    se.push(c.se / Math.sqrt(2 * h + 1));
  }
  const smooth = smoothCritical(grid, critical, h);
  const tObs = grid.map((mu) => gaussianBoundedStatistic(x0, mu));
  const set = beltIntervals(grid, tObs, smooth, se);
  if (set.length === 0) throw new RangeError('empty confidence set: raise the toy count');
  const first = set[0]!;
  const last = set[set.length - 1]!;
  if (last.hi.open) throw new RangeError(`the interval reaches the grid end ${muMax}: raise muMax`);
  const lo = first.lo.open ? 0 : first.lo.at;
  return { lo, hi: last.hi.at, grid, critical, errors: { lo: first.lo.open ? 0 : first.lo.error, hi: last.hi.error } };
}
