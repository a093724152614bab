/**
 * Monomial layout of a full quadratic polynomial in d variables.
 *
 * The expected count of every bin is an exact polynomial of degree ≤ 2 in the electromagnetic
 * parameters (docs/physics.md §4, §6: coupling shifts enter the amplitude linearly, transition
 * charges and magnetic moments add incoherent squares; flux, response and binning are linear in
 * the cross section). We store such a polynomial as coefficients of the monomials, in this order:
 *
 * ```text
 * t = 0                 : 1
 * t = 1 … d             : u_0 … u_{d−1}
 * t = d+1 … 2d          : u_0² … u_{d−1}²
 * t = 2d+1 …            : u_i u_j for i < j, lexicographic ((0,1), (0,2), …, (1,2), …)
 * ```
 *
 * so there are (d+1)(d+2)/2 = 1 + 2d + d(d−1)/2 terms. A model may keep only a subset of them
 * (the structurally nonzero monomials, see `buildForwardModelFromSpectra`); a subset is a list of
 * `QuadraticTerm`s, kept in this same relative order.
 */

/**
 * One monomial, as the indices of its variables: `[]` for 1, `[k]` for u_k, `[k, k]` for u_k²,
 * `[i, j]` with i < j for u_i u_j.
 */
export type QuadraticTerm = readonly [] | readonly [number] | readonly [number, number];

/**
 * All monomials of a full quadratic in `dim` variables, in storage order (see module header).
 * @param dim number of variables (≥ 0)
 * @returns (dim+1)(dim+2)/2 terms
 * @example fullQuadraticTerms(2) // returns [[], [0], [1], [0, 0], [1, 1], [0, 1]]
 */
export function fullQuadraticTerms(dim: number): QuadraticTerm[] {
  const terms: QuadraticTerm[] = [[]];
  for (let k = 0; k < dim; k++) terms.push([k]);
  for (let k = 0; k < dim; k++) terms.push([k, k]);
  for (let i = 0; i < dim; i++) for (let j = i + 1; j < dim; j++) terms.push([i, j]);
  return terms;
}

/**
 * Number of monomials of a full quadratic in `dim` variables.
 * @param dim number of variables (≥ 0)
 * @returns (dim+1)(dim+2)/2
 * @example quadraticTermCount(2) // returns 6
 */
export function quadraticTermCount(dim: number): number {
  return ((dim + 1) * (dim + 2)) / 2;
}

/**
 * Human-readable labels of monomials.
 * @param names variable names, length d
 * @param terms the monomials (default: all, in storage order, see module header)
 * @returns labels such as `1`, `qee`, `qee^2`, `qee*qmumu`
 * @example quadraticTermLabels(['a', 'b']) // returns ['1', 'a', 'b', 'a^2', 'b^2', 'a*b']
 */
export function quadraticTermLabels(names: readonly string[], terms: readonly QuadraticTerm[] = fullQuadraticTerms(names.length)): string[] {
  return terms.map((t) => (t.length === 0 ? '1' : t.length === 1 ? names[t[0]] : t[0] === t[1] ? `${names[t[0]]}^2` : `${names[t[0]]}*${names[t[1]]}`));
}

/**
 * Fills `out` with the monomials of `u` in storage order. Allocation-free.
 * @param u variables (dimensionless, scaled), length d
 * @param dim d
 * @param out destination, length ≥ (d+1)(d+2)/2
 * @param uOffset index of u_0 inside `u` (for batched, row-major inputs)
 * @returns nothing; `out` is written
 * @example quadraticMonomials(Float64Array.of(2, 3), 2, out) // out = [1, 2, 3, 4, 9, 6]
 */
export function quadraticMonomials(u: ArrayLike<number>, dim: number, out: Float64Array, uOffset = 0): void {
  out[0] = 1;
  let k = 1 + 2 * dim;
  for (let i = 0; i < dim; i++) {
    const ui = u[uOffset + i];
    out[1 + i] = ui;
    out[1 + dim + i] = ui * ui;
    for (let j = i + 1; j < dim; j++) out[k++] = ui * u[uOffset + j];
  }
}
