/**
 * From a toy Neyman belt to an interval: critical values t_c(θ_j) on a grid (each the CL
 * quantile of the statistic over that point's toys), the observed statistic t_obs(θ_j), and the
 * confidence set {θ : t_obs(θ) ≤ t_c(θ)} (Feldman & Cousins, Phys. Rev. D 57, 3873 (1998),
 * Sec. II and VI; Cowan, Cranmer, Gross, Vitells, Eur. Phys. J. C 71 (2011) 1554, Sec. 3).
 *
 * Every grid point has its own toys, so t_c carries independent noise from point to point.
 * Reading the set off the raw points would let the edges jitter between neighbours and bias the
 * outermost crossing outward; we therefore smooth t_c by a local linear least-squares fit over
 * ±h neighbouring points (exact for a t_c that is linear over the window, so it adds no bias to
 * a smooth belt) and interpolate the sign change of t_obs − t_c linearly between grid points.
 */
import { quantileSorted } from '../summaries/quantiles.js';

/** Critical value and its standard error at one grid point. */
export interface CriticalValue {
  /** CL quantile of the statistic over the toys. */
  readonly tc: number;
  /**
   * Standard error of the quantile: √(CL(1−CL)/N) / f(t_c) (asymptotic variance of a sample
   * quantile, e.g. Kendall & Stuart, "The Advanced Theory of Statistics" Vol. 1, eq. 10.29), with
   * the density f estimated from the spacing of the order statistics within ±5% of CL.
   */
  readonly se: number;
}

/**
 * Critical value of a set of toy statistics.
 *
 * @param t - statistics of the toys (sorted in place)
 * @param cl - confidence level in (0, 1)
 * @returns t_c and its standard error
 * @example criticalValue(Float64Array.of(0, 1, 2, 3, 4), 0.5).tc // returns 2
 */
export function criticalValue(t: Float64Array, cl: number): CriticalValue {
  t.sort();
  const n = t.length;
  const tc = quantileSorted(t, cl);
  const k = Math.max(2, Math.floor(0.05 * n));
  const pa = Math.max(0, cl - k / n);
  const pb = Math.min(1, cl + k / n);
  const width = quantileSorted(t, pb) - quantileSorted(t, pa);
  const density = width > 0 ? (pb - pa) / width : Infinity;
  return { tc, se: Math.sqrt((cl * (1 - cl)) / n) / density };
}

/**
 * Local linear smoothing of critical values over ±h grid neighbours (fewer at the ends).
 *
 * @param grid - increasing parameter values
 * @param tc - raw critical values
 * @param h - half width in grid points (0 returns the raw values)
 * @returns smoothed critical values, same length
 */
export function smoothCritical(grid: readonly number[], tc: readonly number[], h: number): number[] {
  const n = grid.length;
  return grid.map((x0, j) => {
    const a = Math.max(0, j - h);
    const b = Math.min(n - 1, j + h);
    if (b - a < 2) return tc[j]!;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    const m = b - a + 1;
    for (let i = a; i <= b; i++) {
      const x = grid[i]! - x0;
      sx += x;
      sy += tc[i]!;
      sxx += x * x;
      sxy += x * tc[i]!;
    }
    const det = m * sxx - sx * sx;
    if (!(det > 0)) return tc[j]!;
    return (sxx * sy - sx * sxy) / det; // intercept at x0
  });
}

/** One end of a confidence interval found on a belt. */
export interface BeltEdge {
  /** Parameter value. */
  readonly at: number;
  /** Standard error from the toy noise of t_c (parameter units); 0 at a grid end. */
  readonly error: number;
  /** True if the set reaches the grid end here (the real end lies outside the grid). */
  readonly open: boolean;
}

/** A connected piece of a confidence set on a belt. */
export interface BeltInterval {
  /** Lower end. */
  readonly lo: BeltEdge;
  /** Upper end. */
  readonly hi: BeltEdge;
}

/**
 * The confidence set {θ : t_obs(θ) ≤ t_c(θ)} as disjoint intervals, ends interpolated linearly.
 *
 * @param grid - increasing parameter values
 * @param tObs - observed statistic at the grid points
 * @param tc - (smoothed) critical values
 * @param se - standard error of tc at each point (for the edge errors)
 * @returns the intervals, sorted
 */
export function beltIntervals(grid: readonly number[], tObs: readonly number[], tc: readonly number[], se: readonly number[]): BeltInterval[] {
  const n = grid.length;
  const g = grid.map((_, j) => tObs[j]! - tc[j]!);
  const out: BeltInterval[] = [];
  const edge = (j: number): BeltEdge => {
    const a = g[j]!;
    const b = g[j + 1]!;
    const dx = grid[j + 1]! - grid[j]!;
    const at = grid[j]! + (dx * a) / (a - b);
    const slope = Math.abs(b - a) / dx;
    const err = Math.max(se[j]!, se[j + 1]!) / Math.max(slope, 1e-300);
    return { at, error: err, open: false };
  };
  let lo: BeltEdge | null = g[0]! <= 0 ? { at: grid[0]!, error: 0, open: true } : null;
  for (let j = 0; j + 1 < n; j++) {
    const inJ = g[j]! <= 0;
    const inK = g[j + 1]! <= 0;
    if (inJ === inK) continue;
    if (inK) lo = edge(j);
    else {
      out.push({ lo: lo!, hi: edge(j) });
      lo = null;
    }
  }
  if (lo) out.push({ lo, hi: { at: grid[n - 1]!, error: 0, open: true } });
  return out;
}
