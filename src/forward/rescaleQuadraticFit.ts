/**
 * Re-expresses a quadratic identified with steps s in other steps S (same centre).
 *
 * With u = (θ − θ0)/s and U = (θ − θ0)/S, u_k = U_k·S_k/s_k, so the coefficient of u_k is
 * multiplied by r_k = S_k/s_k, that of u_k² by r_k², and that of u_i u_j by r_i r_j. Each
 * coefficient picks up at most two roundings; no cancellation occurs. This lets fits identified
 * with different balanced steps (e.g. one per detection channel) be added term by term.
 */
import type { QuadraticFit } from './identifyQuadratic.js';

/**
 * Returns a copy of `fit` whose coefficients refer to U = (θ − center)/newScale.
 * @param fit identified quadratic
 * @param newScale new steps S_k > 0 (units of θ), length d
 * @returns the rescaled fit (same centre, outputs and evaluation count)
 * @example rescaleQuadraticFit(identifyQuadratic((t) => [t[0] ** 2], [0], [1]), [2]).coefficients // returns [0, 0, 4]
 * Reference: change of variables in a polynomial (monomial basis), e.g. any algebra text; see module header.
 */
export function rescaleQuadraticFit(fit: QuadraticFit, newScale: ArrayLike<number>): QuadraticFit {
  const { dim: d, nOut, nTerms } = fit;
  if (newScale.length !== d) throw new Error(`rescaleQuadraticFit: ${newScale.length} scales for ${d} variables`);
  const r = Float64Array.from({ length: d }, (_, k) => newScale[k] / fit.scale[k]);
  const factor = fit.terms.map((term) => (term.length === 0 ? 1 : term.length === 1 ? r[term[0]] : r[term[0]] * r[term[1]]));
  const C = new Float64Array(fit.coefficients.length);
  for (let tt = 0; tt < nTerms; tt++) for (let o = 0; o < nOut; o++) C[tt * nOut + o] = fit.coefficients[tt * nOut + o] * factor[tt];
  return { ...fit, scale: Float64Array.from(newScale), coefficients: C };
}
