/**
 * Fast evaluation of an identified quadratic (`QuadraticFit`) for a contiguous block of outputs.
 *
 * Per point: u_k = (θ_k − θ0_k)/s_k, the (d+1)(d+2)/2 monomials m_t(u) once, then
 * out[r] = Σ_t m_t C[r, t] for every row r of the block. Coefficients are stored row-major
 * ("bin-major", `C[r * nTerms + t]`): each output is one dot product accumulated in a register
 * and stored once, which measured faster than term-major axpy sweeps for the tens of bins and
 * up to 21 terms we have (docs/performance.md, "Forward model"). The hot path allocates nothing.
 */
import type { QuadraticFit } from './identifyQuadratic.js';
import { quadraticMonomials } from './quadraticMonomials.js';

/** Allocation-free evaluator of a block of rows of a quadratic fit. */
export interface QuadraticSurface {
  /** Number of variables d. */
  readonly dim: number;
  /** Number of output rows in this block. */
  readonly nRows: number;
  /** Number of monomials. */
  readonly nTerms: number;
  /** Bin-major coefficients `[nRows × nTerms]` in scaled variables. */
  readonly coefficients: Float64Array;
  /**
   * Writes the block's values at θ into `out[outOffset … outOffset + nRows)`.
   * @param theta absolute variables; θ_k read from `theta[thetaOffset + k]`
   */
  evaluate(theta: ArrayLike<number>, out: Float64Array, outOffset?: number, thetaOffset?: number): void;
}

/**
 * Builds the evaluator of rows [rowStart, rowStart + nRows) of `fit` (rows = outputs of f).
 * @param fit identified quadratic (term-major coefficients)
 * @param rowStart first output row of the block
 * @param nRows number of rows (defaults to all rows after `rowStart`)
 * @returns evaluator with its own bin-major copy of the coefficients
 * @example quadraticSurface(identifyQuadratic((t) => [t[0] * t[0]], [0], [1]), 0).evaluate([3], out) // out[0] = 9
 * Reference: exact quadratic structure of the rates, physics spec §2.5–2.8 (see quadraticMonomials.ts).
 */
export function quadraticSurface(fit: QuadraticFit, rowStart = 0, nRows = fit.nOut - rowStart): QuadraticSurface {
  const { dim, nTerms, nOut } = fit;
  if (rowStart < 0 || nRows < 0 || rowStart + nRows > nOut) throw new Error(`quadraticSurface: rows [${rowStart}, ${rowStart + nRows}) outside [0, ${nOut})`);
  const C = new Float64Array(nRows * nTerms);
  for (let r = 0; r < nRows; r++) for (let t = 0; t < nTerms; t++) C[r * nTerms + t] = fit.coefficients[t * nOut + rowStart + r];
  const center = Float64Array.from(fit.center);
  const invScale = fit.scale.map((s) => 1 / s);
  const u = new Float64Array(dim);
  const m = new Float64Array(nTerms);
  return {
    dim,
    nRows,
    nTerms,
    coefficients: C,
    evaluate(theta, out, outOffset = 0, thetaOffset = 0) {
      for (let k = 0; k < dim; k++) u[k] = (theta[thetaOffset + k] - center[k]) * invScale[k];
      quadraticMonomials(u, dim, m);
      let c = 0;
      for (let r = 0; r < nRows; r++) {
        let s = 0;
        for (let t = 0; t < nTerms; t++) s += m[t] * C[c++];
        out[outOffset + r] = s;
      }
    },
  };
}
