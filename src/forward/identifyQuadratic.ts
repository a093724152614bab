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
 */
import { quadraticTermCount } from './quadraticMonomials.js';

/** A quadratic identified in scaled variables u = (θ − center)/scale. */
export interface QuadraticFit {
  /** Number of variables d. */
  readonly dim: number;
  /** Length of the output vector of f. */
  readonly nOut: number;
  /** (d+1)(d+2)/2. */
  readonly nTerms: number;
  /** Expansion point θ0 (units of the variables). */
  readonly center: Float64Array;
  /** Scales s_k (units of the variables), all > 0. */
  readonly scale: Float64Array;
  /** Coefficients, term-major: `coefficients[t * nOut + o]` multiplies monomial t of u for output o. */
  readonly coefficients: Float64Array;
  /** Number of evaluations of f that were used. */
  readonly evaluations: number;
}

/**
 * Identifies the quadratic f exactly (up to rounding) from finite-difference evaluations.
 * @param f black-box vector function of the absolute variables θ; must return the same length
 *   each call and must be an exact polynomial of degree ≤ 2 (verify with `verifyQuadratic`)
 * @param center expansion point θ0, length d (units of θ)
 * @param scale step s_k per variable, length d, > 0 (units of θ)
 * @returns the fit; coefficients refer to u = (θ − center)/scale
 * @example identifyQuadratic((t) => Float64Array.of(1 + 2 * t[0] + 3 * t[0] ** 2), [0], [1]).coefficients // returns [1, 2, 3]
 * Reference: Abramowitz & Stegun, Handbook of Mathematical Functions, 25.3.21/25.3.23 (central differences).
 */
export function identifyQuadratic(
  f: (theta: Float64Array) => ArrayLike<number>,
  center: ArrayLike<number>,
  scale: ArrayLike<number>,
): QuadraticFit {
  const d = center.length;
  if (scale.length !== d) throw new Error(`identifyQuadratic: ${d} centres but ${scale.length} scales`);
  for (let k = 0; k < d; k++) {
    if (!(scale[k] > 0) || !Number.isFinite(scale[k])) throw new Error(`identifyQuadratic: scale[${k}] = ${scale[k]} must be finite and > 0`);
  }
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
  const nTerms = quadraticTermCount(d);
  const C = new Float64Array(nTerms * nOut);
  C.set(f0, 0);
  for (let k = 0; k < d; k++) {
    const fp = at([[k, 1]]);
    const fm = at([[k, -1]]);
    if (fp.length !== nOut || fm.length !== nOut) throw new Error('identifyQuadratic: f returned vectors of different lengths');
    const lin = (1 + k) * nOut;
    const sq = (1 + d + k) * nOut;
    for (let o = 0; o < nOut; o++) {
      C[lin + o] = 0.5 * (fp[o] - fm[o]);
      C[sq + o] = 0.5 * (fp[o] + fm[o]) - f0[o];
    }
  }
  let t = 1 + 2 * d;
  for (let i = 0; i < d; i++) {
    for (let j = i + 1; j < d; j++, t++) {
      const fij = at([
        [i, 1],
        [j, 1],
      ]);
      const li = (1 + i) * nOut;
      const lj = (1 + j) * nOut;
      const si = (1 + d + i) * nOut;
      const sj = (1 + d + j) * nOut;
      const off = t * nOut;
      for (let o = 0; o < nOut; o++) {
        C[off + o] = fij[o] - f0[o] - C[li + o] - C[lj + o] - C[si + o] - C[sj + o];
      }
    }
  }
  return { dim: d, nOut, nTerms, center: c0, scale: Float64Array.from(scale), coefficients: C, evaluations };
}
