/**
 * Fast evaluation of an identified quadratic (`QuadraticFit`) for a contiguous block of outputs.
 *
 * Per point: u_k = (θ_k − θ0_k)/s_k, the stored monomials m_t(u) once (all (d+1)(d+2)/2, or only
 * the structurally nonzero ones the fit keeps), then
 * out[r] = Σ_t m_t C[r, t] for every row r of the block. Coefficients are stored row-major
 * ("bin-major", `C[r * nTerms + t]`), so each output is one dot product accumulated in registers
 * and stored once.
 *
 * Kernel specialisation. A generic double loop over rows and terms runs 3–10× slower in V8 than
 * the same arithmetic written out by hand, because the short inner loop over 6–21 terms is
 * neither unrolled nor kept in registers (measured in docs/performance.md, "Forward model"). We
 * therefore generate, once per surface, a kernel specialised to the SHAPE (d, terms, nRows):
 * the monomials become local constants and the inner sum is written out term by term. Only
 * integers derived from the shape enter the generated source; coefficients, centre and scales
 * stay data passed as typed arrays. This is the same code as the hand-written "minimal loop" of
 * bench/forward.ts, produced mechanically for any d. The hot path allocates nothing.
 */
import type { QuadraticFit } from './identifyQuadratic.js';
import type { QuadraticTerm } from './quadraticMonomials.js';

/** Allocation-free evaluator of a block of rows of a quadratic fit. */
export interface QuadraticSurface {
  /** Number of variables d. */
  readonly dim: number;
  /** Number of output rows in this block. */
  readonly nRows: number;
  /** Number of stored monomials. */
  readonly nTerms: number;
  /** The stored monomials, in storage order (those of the fit). */
  readonly terms: readonly QuadraticTerm[];
  /** Bin-major coefficients `[nRows × nTerms]` in scaled variables. */
  readonly coefficients: Float64Array;
  /**
   * Writes the block's values at θ into `out[outOffset … outOffset + nRows)`.
   * @param theta absolute variables; θ_k read from `theta[thetaOffset + k]`
   */
  evaluate(theta: ArrayLike<number>, out: Float64Array, outOffset?: number, thetaOffset?: number): void;
}

/** Signature of the generated factory that binds the data and returns the kernel. */
type KernelFactory = (C: Float64Array, center: Float64Array, invScale: Float64Array) => QuadraticSurface['evaluate'];

/**
 * Source of the kernel for a shape: the scaled variables that the terms use, the monomials as
 * locals in storage order (u_k, u_k², u_i u_j), then one written-out dot product per row.
 */
function kernelSource(dim: number, terms: readonly QuadraticTerm[], nRows: number): string {
  const lines: string[] = [];
  const used = new Set(terms.flat());
  for (let i = 0; i < dim; i++) if (used.has(i)) lines.push(`const u${i} = (theta[thetaOffset + ${i}] - center[${i}]) * invScale[${i}];`);
  const mono = terms.map((term): string => {
    if (term.length === 0) return '';
    if (term.length === 1) return `u${term[0]}`;
    const name = term[0] === term[1] ? `s${term[0]}` : `x${term[0]}_${term[1]}`;
    lines.push(`const ${name} = u${term[0]} * u${term[1]};`);
    return name;
  });
  const sum = mono.map((m, t) => (m === '' ? `C[c + ${t}]` : `${m} * C[c + ${t}]`)).join(' + ').replace('C[c + 0]', 'C[c]') || '0';
  lines.push(`for (let r = 0, c = 0; r < ${nRows}; r++, c += ${terms.length}) out[outOffset + r] = ${sum};`);
  return lines.join('\n');
}

/**
 * Builds the evaluator of rows [rowStart, rowStart + nRows) of `fit` (rows = outputs of f).
 * @param fit identified quadratic (term-major coefficients)
 * @param rowStart first output row of the block
 * @param nRows number of rows (defaults to all rows after `rowStart`)
 * @returns evaluator with its own bin-major copy of the coefficients and a shape-specialised kernel
 * @example quadraticSurface(identifyQuadratic((t) => [t[0] * t[0]], [0], [1]), 0).evaluate([3], out) // out[0] = 9
 * Reference: exact quadratic structure of the rates, docs/physics.md §4, §6 (see quadraticMonomials.ts).
 */
export function quadraticSurface(fit: QuadraticFit, rowStart = 0, nRows = fit.nOut - rowStart): QuadraticSurface {
  const { dim, nTerms, nOut } = fit;
  if (rowStart < 0 || nRows < 0 || rowStart + nRows > nOut) throw new Error(`quadraticSurface: rows [${rowStart}, ${rowStart + nRows}) outside [0, ${nOut})`);
  const C = new Float64Array(nRows * nTerms);
  for (let r = 0; r < nRows; r++) for (let t = 0; t < nTerms; t++) C[r * nTerms + t] = fit.coefficients[t * nOut + rowStart + r];
  const center = Float64Array.from(fit.center);
  const invScale = fit.scale.map((s) => 1 / s);
  // The generated function is the evaluator itself, with C, center and invScale bound as closure
  // constants: no wrapper whose call site would be shared (megamorphic) by every surface, so V8
  // can inline each model's kernel at its caller (measured in docs/performance.md).
  const factory = new Function('C', 'center', 'invScale', `return function quadraticKernel(theta, out, outOffset = 0, thetaOffset = 0) {\n${kernelSource(dim, fit.terms, nRows)}\n};`) as KernelFactory;
  return { dim, nRows, nTerms, terms: fit.terms, coefficients: C, evaluate: factory(C, center, invScale) };
}
