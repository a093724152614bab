/**
 * A coupling that is affine in the parameters, `constant + Σ_k coefficients[k] · θ_k`, and sums of
 * squared parameters `Σ_k weights[k] · θ_k²`. These two shapes are all the fast forward model
 * (issue 3) needs: every EM parameter enters the coherent amplitude linearly or adds incoherently
 * as a square.
 */
import type { EmParameterName, EmParams } from '../parameters.js';

/** `constant + Σ_k coefficients[k] · θ_k`; parameters absent from `coefficients` do not enter. */
export interface LinearCoupling {
  /** Parameter-independent part. */
  constant: number;
  /** Coefficient of each parameter that enters. */
  coefficients: Partial<Record<EmParameterName, number>>;
}

/** `Σ_k weights[k] · θ_k²` (incoherent contributions). */
export type SquaredWeights = Partial<Record<EmParameterName, number>>;

/**
 * Evaluates a linear coupling at a parameter point.
 * @param c - the coupling
 * @param p - parameter values
 * @returns constant + Σ c_k θ_k
 */
export function evaluateLinearCoupling(c: LinearCoupling, p: EmParams): number {
  let s = c.constant;
  for (const k in c.coefficients) s += c.coefficients[k as EmParameterName]! * p[k as EmParameterName];
  return s;
}

/**
 * Evaluates Σ w_k θ_k².
 * @param w - weights
 * @param p - parameter values
 * @returns the weighted sum of squares
 */
export function evaluateSquaredWeights(w: SquaredWeights, p: EmParams): number {
  let s = 0;
  for (const k in w) {
    const v = p[k as EmParameterName];
    s += w[k as EmParameterName]! * v * v;
  }
  return s;
}
