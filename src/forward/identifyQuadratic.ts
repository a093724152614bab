/**
 * Exact identification of a vector-valued quadratic from 1 + 2d + d(d−1)/2 evaluations.
 *
 * Let f(θ) = c + Σ_k a_k u_k + Σ_k b_kk u_k² + Σ_{i<j} b_ij u_i u_j with u_k = (θ_k − θ0_k)/s_k.
 * Evaluating f at the centre, at θ0 ± s_k e_k and at θ0 + s_i e_i + s_j e_j gives
 *
 * ```text
 * c    = f(0)
 * a_k  = [f(+e_k) − f(−e_k)] / 2                  (central difference: exact for a quadratic)
 * b_kk = [f(+e_k) + f(−e_k)] / 2 − c              (second difference: exact for a quadratic)
 * b_ij = f(e_i + e_j) − c − a_i − a_j − b_ii − b_jj
 * ```
 *
 * (finite-difference stencils, e.g. Abramowitz & Stegun 25.3.21 and 25.3.23, which carry no
 * truncation error for polynomials of degree ≤ 2; only rounding remains). The scales s_k decide
 * that rounding: each term should be O(1) relative to f(0) (see `balancedScales`).
 *
 * When f is known to have only some of the monomials (the others exactly zero), only those are
 * identified and only the evaluations they need are made: ±e_k when both u_k and u_k² are
 * present; only +e_k when just one of them is (then a_k = f(e_k) − c or b_kk = f(e_k) − c); none
 * when variable k has neither; e_i + e_j only for a present cross term (absent terms count as 0
 * in the formula for b_ij). With all terms present this is the full scheme above, bit for bit.
 */
import { fullQuadraticTerms, type QuadraticTerm } from './quadraticMonomials.js';

/** A quadratic identified in scaled variables u = (θ − center)/scale. */
export interface QuadraticFit {
  /** Number of variables d. */
  readonly dim: number;
  /** Length of the output vector of f. */
  readonly nOut: number;
  /** Number of stored monomials, `terms.length` ((d+1)(d+2)/2 for a full quadratic). */
  readonly nTerms: number;
  /** The stored monomials, in storage order (a subset of `fullQuadraticTerms(dim)`, same order). */
  readonly terms: readonly QuadraticTerm[];
  /** Expansion point θ0 (units of the variables). */
  readonly center: Float64Array;
  /** Scales s_k (units of the variables), all > 0. */
  readonly scale: Float64Array;
  /** Coefficients, term-major: `coefficients[t * nOut + o]` multiplies monomial `terms[t]` of u for output o. */
  readonly coefficients: Float64Array;
  /** Number of evaluations of f that were used. */
  readonly evaluations: number;
}

/**
 * Identifies the quadratic f exactly (up to rounding) from finite-difference evaluations.
 * @param f black-box vector function of the absolute variables θ; must return the same length
 *   each call and must be an exact polynomial of degree ≤ 2 whose monomials outside `terms` are zero
 * @param center expansion point θ0, length d (units of θ)
 * @param scale step s_k per variable, length d, > 0 (units of θ)
 * @param terms monomials to identify, in storage order (default: all (d+1)(d+2)/2); the others
 *   are assumed to be exactly zero (check with an independent evaluation, as `buildForwardModelFromSpectra` does)
 * @returns the fit; coefficients refer to u = (θ − center)/scale
 * @example identifyQuadratic((t) => Float64Array.of(1 + 2 * t[0] + 3 * t[0] ** 2), [0], [1]).coefficients // returns [1, 2, 3]
 * Reference: Abramowitz & Stegun, Handbook of Mathematical Functions, 25.3.21/25.3.23 (central differences).
 */
export function identifyQuadratic(
  f: (theta: Float64Array) => ArrayLike<number>,
  center: ArrayLike<number>,
  scale: ArrayLike<number>,
  terms: readonly QuadraticTerm[] = fullQuadraticTerms(center.length),
): QuadraticFit {
  const d = center.length;
  if (scale.length !== d) throw new Error(`identifyQuadratic: ${d} centres but ${scale.length} scales`);
  for (let k = 0; k < d; k++) {
    if (!(scale[k] > 0) || !Number.isFinite(scale[k])) throw new Error(`identifyQuadratic: scale[${k}] = ${scale[k]} must be finite and > 0`);
  }
  // Position of each kind of term in `terms` (−1: absent, i.e. exactly zero).
  let constAt = -1;
  const linAt = new Int32Array(d).fill(-1);
  const sqAt = new Int32Array(d).fill(-1);
  const cross: [number, number, number][] = [];
  terms.forEach((term, t) => {
    for (const k of term) if (!(Number.isInteger(k) && k >= 0 && k < d)) throw new Error(`identifyQuadratic: term [${term.join(', ')}] refers to a variable outside 0…${d - 1}`);
    if (term.length === 0) constAt = t;
    else if (term.length === 1) linAt[term[0]] = t;
    else if (term[0] === term[1]) sqAt[term[0]] = t;
    else if (term[0] < term[1]) cross.push([term[0], term[1], t]);
    else throw new Error(`identifyQuadratic: cross term [${term.join(', ')}] must list its variables in increasing order`);
  });
  if (constAt !== 0) throw new Error('identifyQuadratic: the constant term must be present and first');

  const c0 = Float64Array.from(center);
  const theta = new Float64Array(d);
  let evaluations = 0;
  const at = (steps: ReadonlyArray<readonly [number, number]>): Float64Array => {
    theta.set(c0);
    for (const [k, m] of steps) theta[k] = c0[k] + m * scale[k];
    evaluations++;
    return Float64Array.from(f(theta));
  };

  const f0 = at([]);
  const nOut = f0.length;
  const nTerms = terms.length;
  const C = new Float64Array(nTerms * nOut);
  C.set(f0, 0);
  for (let k = 0; k < d; k++) {
    if (linAt[k] < 0 && sqAt[k] < 0) continue;
    const fp = at([[k, 1]]);
    if (fp.length !== nOut) throw new Error('identifyQuadratic: f returned vectors of different lengths');
    const lin = linAt[k] * nOut;
    const sq = sqAt[k] * nOut;
    if (linAt[k] >= 0 && sqAt[k] >= 0) {
      const fm = at([[k, -1]]);
      if (fm.length !== nOut) throw new Error('identifyQuadratic: f returned vectors of different lengths');
      for (let o = 0; o < nOut; o++) {
        C[lin + o] = 0.5 * (fp[o] - fm[o]);
        C[sq + o] = 0.5 * (fp[o] + fm[o]) - f0[o];
      }
    } else {
      const off = linAt[k] >= 0 ? lin : sq;
      for (let o = 0; o < nOut; o++) C[off + o] = fp[o] - f0[o];
    }
  }
  for (const [i, j, t] of cross) {
    const fij = at([
      [i, 1],
      [j, 1],
    ]);
    if (fij.length !== nOut) throw new Error('identifyQuadratic: f returned vectors of different lengths');
    const coef = (pos: number, o: number): number => (pos < 0 ? 0 : C[pos * nOut + o]);
    const off = t * nOut;
    for (let o = 0; o < nOut; o++) {
      C[off + o] = fij[o] - f0[o] - coef(linAt[i], o) - coef(linAt[j], o) - coef(sqAt[i], o) - coef(sqAt[j], o);
    }
  }
  return { dim: d, nOut, nTerms, terms: Object.freeze([...terms]), center: c0, scale: Float64Array.from(scale), coefficients: C, evaluations };
}
