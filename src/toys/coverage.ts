/**
 * Coverage of three kinds of intervals (1-D) or regions (2-D), measured with pseudo-experiments at
 * chosen true values of the parameter(s) of interest (Neyman 1937; the coverage studies of
 * Feldman & Cousins 1998, Sec. V): the fraction of toys whose set contains the truth, with its
 * binomial standard error √(p(1 − p)/N).
 *
 * For a toy generated at θ_t (a grid node; nuisances as in the construction), with t(θ) its
 * profile-likelihood ratio:
 * - Wilks: covered iff t(θ_t) ≤ Δχ²_k(CL), k = 1 or 2 parameters (the profile set contains θ_t
 *   exactly then);
 * - Feldman–Cousins: covered iff t(θ_t) ≤ t_c(θ_t) (1-D: the construction's smoothed critical
 *   value; 2-D: the raw one, as the region uses it); coverage toys use their own streams (family
 *   1 000 000 + grid index), independent of the toys that built t_c. The FC fraction has a second
 *   error besides the binomial one: t_c itself is an estimate. We report it as
 *   δ = f(t_c)·σ(t_c) ≈ [F(t_c + σ) − F(t_c − σ)]/2, F the empirical distribution of t over the
 *   coverage toys and σ the standard error of t_c (`criticalError`);
 * - Bayesian (documented fast approximation): the posterior on the grid with a flat prior over the
 *   scan range and the nuisances integrated out analytically (src/toys/backend.ts, marginalChi2:
 *   exact for the Gaussian χ², Laplace for Poisson); other free physics parameters are profiled,
 *   not integrated. 1-D: the equal-tailed credible interval covers θ_t iff
 *   (1 − CL)/2 ≤ F(θ_t) ≤ (1 + CL)/2, F the posterior CDF (trapezoid rule on the grid). 2-D: the
 *   highest-posterior-density region covers θ_t iff the posterior mass where the density exceeds
 *   the density at θ_t is ≤ CL (trapezoid weights on the grid). This replaces a per-toy MCMC run
 *   (about 10⁵ likelihood calls per toy with nuem's sampler) by one grid pass (2 × the grid size).
 */
import { deltaChi2ForConfidence } from '../profile/deltaChi2ForConfidence.js';
import { conditionalFit, toyData, type ConstructionContext } from './construction.js';
import type { ToyResult } from './result.js';

/** Stream family offset of coverage toys (their point index is this plus the grid index). */
export const COVERAGE_FAMILY = 1_000_000;

/** A coverage fraction with its binomial standard error. */
export interface CoverageFraction {
  /** Toys whose interval contains the truth. */
  readonly covered: number;
  /** covered / toys. */
  readonly fraction: number;
  /** √(p(1 − p)/N). */
  readonly error: number;
}

/** Coverage at one true value. */
export interface CoverageRow {
  /** True value of the first parameter (the grid node nearest to the requested one). */
  readonly truth: number;
  /** True values of all parameters of interest (grid nodes; one entry in 1-D). */
  readonly point: number[];
  /** Its grid index (flat, x fastest). */
  readonly index: number;
  /** Pseudo-experiments. */
  readonly toys: number;
  /** Wilks (Δχ²₁) intervals. */
  readonly wilks: CoverageFraction;
  /** Feldman–Cousins intervals or regions. */
  readonly fc: CoverageFraction;
  /** Error of the FC fraction from the toy noise of t_c(θ_t) (see module doc). */
  readonly fcCriticalError: number;
  /** Bayesian credible intervals (1-D equal-tailed) or HPD regions (2-D) (fast approximation, see module doc). */
  readonly bayes: CoverageFraction;
}

function fraction(covered: number, n: number): CoverageFraction {
  const p = covered / n;
  return { covered, fraction: p, error: Math.sqrt((p * (1 - p)) / n) };
}

/**
 * Posterior CDF at grid node j from −2 ln L values on the grid (flat prior, trapezoid rule).
 *
 * @param xs - grid nodes (increasing)
 * @param m2lnL - −2 ln L at the nodes
 * @param j - node index
 * @returns F(x_j)
 */
export function posteriorCdfAt(xs: readonly number[], m2lnL: ArrayLike<number>, j: number): number {
  let lo = Infinity;
  for (let i = 0; i < xs.length; i++) lo = Math.min(lo, m2lnL[i]!);
  const w = Array.from({ length: xs.length }, (_, i) => Math.exp(-0.5 * (m2lnL[i]! - lo)));
  let total = 0;
  let below = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const a = 0.5 * (w[i]! + w[i + 1]!) * (xs[i + 1]! - xs[i]!);
    total += a;
    if (i < j) below += a;
  }
  return total > 0 ? below / total : NaN;
}

/**
 * Posterior mass above the density at node j on a 2-D grid, from −2 ln L values (flat prior,
 * trapezoid weights: ¼ at corners, ½ on edges, 1 inside; a uniform grid's cell area cancels).
 * The HPD region of content CL contains node j iff this mass is ≤ CL.
 *
 * @param nx - nodes along x
 * @param ny - nodes along y
 * @param m2lnL - −2 ln L at the nodes (flat index iy·nx + ix)
 * @param j - node index
 * @returns posterior mass where the density is larger than at node j
 */
export function posteriorMassAbove2d(nx: number, ny: number, m2lnL: ArrayLike<number>, j: number): number {
  let lo = Infinity;
  for (let i = 0; i < nx * ny; i++) lo = Math.min(lo, m2lnL[i]!);
  let total = 0;
  let above = 0;
  const ref = m2lnL[j]!;
  for (let iy = 0; iy < ny; iy++) {
    const wy = iy === 0 || iy === ny - 1 ? 0.5 : 1;
    for (let ix = 0; ix < nx; ix++) {
      const i = iy * nx + ix;
      const w = wy * (ix === 0 || ix === nx - 1 ? 0.5 : 1) * Math.exp(-0.5 * (m2lnL[i]! - lo));
      total += w;
      if (m2lnL[i]! < ref) above += w;
    }
  }
  return total > 0 ? above / total : NaN;
}

/**
 * Coverage at the given true values (1-D or 2-D constructions).
 *
 * @param ctx - construction context
 * @param result - the finished construction (for t_c)
 * @param truths - requested true values, one array per truth with one entry per parameter of
 *   interest (each snapped to the nearest grid node)
 * @param toys - pseudo-experiments per true value
 * @param onToy - progress callback (toys done so far)
 * @returns one row per true value
 */
export function computeCoverage(ctx: ConstructionContext, result: ToyResult, truths: ReadonlyArray<readonly number[]>, toys: number, onToy?: (done: number) => void): CoverageRow[] {
  const dim = ctx.config.axes.length;
  const nodes = ctx.nodes;
  const wilks = deltaChi2ForConfidence(ctx.config.cl, dim);
  const lo = (1 - ctx.config.cl) / 2;
  const hi = (1 + ctx.config.cl) / 2;
  const size = nodes.reduce((n, a) => n * a.length, 1);
  const nearest = (xs: readonly number[], v: number): number => {
    let k = 0;
    for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i]! - v) < Math.abs(xs[k]! - v)) k = i;
    return k;
  };
  let done = 0;
  return truths.map((truth) => {
    if (truth.length !== dim) throw new Error(`a true value needs ${dim} coordinate(s) (got ${truth.length})`);
    const ks = truth.map((v, a) => nearest(nodes[a]!, v));
    const point = ks.map((k, a) => nodes[a]![k]!);
    const j = dim === 1 ? ks[0]! : ks[1]! * nodes[0]!.length + ks[0]!;
    const tcJ = result.tcSmooth[j]!;
    const tcErr = result.tcError[j]!;
    const fit = conditionalFit(ctx, point);
    let cw = 0;
    let cf = 0;
    let cb = 0;
    let nearTc = 0;
    const marginal = new Float64Array(size);
    const theta = new Float64Array(ctx.backend.real.physicsNames.length);
    for (let i = 0; i < toys; i++) {
      const lik = ctx.backend.bind(toyData(ctx, fit.thetaHat, fit.nuisances, COVERAGE_FAMILY + j, i));
      const prof = ctx.gridProfile(lik);
      const t = Math.max(0, prof.chi2[j]! - prof.min);
      if (t <= wilks) cw++;
      if (t <= tcJ) cf++;
      if (Math.abs(t - tcJ) <= tcErr) nearTc++;
      // marginal likelihood on the grid; other physics parameters at their profiled values
      const f = ctx.profiled(lik, theta);
      for (let m = 0; m < size; m++) {
        f(dim === 1 ? [nodes[0]![m]!] : [nodes[0]![m % nodes[0]!.length]!, nodes[1]![Math.floor(m / nodes[0]!.length)]!]);
        marginal[m] = lik.marginalChi2(theta);
      }
      if (dim === 1) {
        const F = posteriorCdfAt(nodes[0]!, marginal, j);
        if (F >= lo && F <= hi) cb++;
      } else if (posteriorMassAbove2d(nodes[0]!.length, nodes[1]!.length, marginal, j) <= ctx.config.cl) cb++;
      onToy?.(++done);
    }
    return { truth: point[0]!, point, index: j, toys, wilks: fraction(cw, toys), fc: fraction(cf, toys), fcCriticalError: nearTc / (2 * toys), bayes: fraction(cb, toys) };
  });
}

/**
 * The coverage table as CSV.
 *
 * @param rows - coverage rows
 * @param parameter - parameter name
 * @param cl - nominal confidence level
 * @returns CSV text
 */
export function coverageCsv(rows: readonly CoverageRow[], parameter: string | readonly string[], cl: number): string {
  const names = typeof parameter === 'string' ? [parameter] : parameter;
  const what = names.length === 1 ? `intervals of ${names[0]}` : `regions of (${names.join(', ')})`;
  const truthCols = names.length === 1 ? 'truth' : names.map((n) => `truth_${n}`).join(',');
  const head =
    `# coverage of ${(cl * 100).toFixed(1)}% CL ${what}; error = binomial standard error sqrt(p(1-p)/N); ` +
    `fc_tc_error = error of the FC fraction from the toy noise of t_c (f(t_c) x se(t_c))\n` +
    `${truthCols},toys,wilks,wilks_error,fc,fc_error,fc_tc_error,bayes,bayes_error\n`;
  return head + rows.map((r) => [...r.point, r.toys, r.wilks.fraction, r.wilks.error, r.fc.fraction, r.fc.error, r.fcCriticalError, r.bayes.fraction, r.bayes.error].join(',')).join('\n') + '\n';
}
