/**
 * The Δχ² threshold of a Wilks confidence region (Wilks 1938, Ann. Math. Stat. 9, 60; PDG
 * "Statistics" review, Table 40.2): the `cl` quantile of a χ² distribution with `dof` degrees of
 * freedom. 90% CL gives 2.7055 (1 parameter) and 4.6052 (2 parameters).
 */
import { chisquareQuantile } from '../numerics/stdlib.js';

/**
 * Δχ² for a confidence level.
 *
 * @param cl - confidence level in (0, 1), e.g. 0.9
 * @param dof - number of parameters of interest (1 for intervals, 2 for contours)
 * @returns the χ²_dof quantile at `cl`
 * @example deltaChi2ForConfidence(0.9, 1) // returns ~2.7055
 */
export function deltaChi2ForConfidence(cl: number, dof: number): number {
  if (!(cl > 0 && cl < 1)) throw new RangeError(`confidence level must be in (0, 1) (got ${cl})`);
  if (!(Number.isInteger(dof) && dof >= 1)) throw new RangeError(`dof must be a positive integer (got ${dof})`);
  return chisquareQuantile(cl, dof);
}
