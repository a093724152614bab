/**
 * The report's profile-likelihood section from the profile results: per physics parameter the
 * Δχ² curve relative to its minimum, the best fit and the intervals (open ends as ±Infinity), and
 * the 2-D contour when there is one. The Δχ² levels are rounded to 3 decimals for display (they
 * are Wilks thresholds, PDG Statistics review §40.4.2.2, e.g. 2.706 and 4.605).
 * @module
 */
import type { Contour2DResult } from '../profile/contour2D.js';
import type { Profile1DResult } from '../profile/profile1D.js';
import type { ReportProfile1D, ReportProfile2D } from './types.js';

/**
 * @param names - physics parameter names, in the order of `oneD` (the 2-D contour uses the first two)
 * @param oneD - 1-D profiles, one per name
 * @param twoD - 2-D contour of the first two parameters, if computed
 * @returns the `profiles` part of the report input
 */
export function reportProfiles(
  names: readonly string[],
  oneD: readonly Profile1DResult[],
  twoD?: Contour2DResult,
): { oneD: ReportProfile1D[]; twoD?: ReportProfile2D[] } {
  return {
    oneD: oneD.map((r, d) => ({
      parameter: names[d]!,
      grid: r.points.map((p) => p.x),
      deltaChi2: r.points.map((p) => p.chi2 - r.best.chi2),
      bestFit: r.best.x,
      intervals: r.intervals.map((iv) => ({ lo: iv.loOpen ? -Infinity : iv.lo, hi: iv.hiOpen ? Infinity : iv.hi, cl: r.cl, deltaChi2: Number(r.deltaChi2.toFixed(3)) })),
    })),
    ...(twoD ? { twoD: [{ x: names[0]!, y: names[1]!, cl: twoD.cl, deltaChi2: Number(twoD.deltaChi2.toFixed(3)), polygons: twoD.polygons }] } : {}),
  };
}
