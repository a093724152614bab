/**
 * Energy-dependent detection efficiency of COHERENT CsI[Na] 2021 as a function of the
 * reconstructed signal x in photo-electrons: ε_E(x) = a / (1 + exp(−b (x − c))) + d, clipped
 * at 0 (the nominal curve is negative below 7.068 PE).
 *
 * Source: COHERENT CsI 2021 release, `effCoefficients.txt` (arXiv:2110.07730 supplemental
 * material); spec docs/physics.md §D.1, §2.
 */

/** Coefficients (a, b, c, d) of the logistic efficiency curve; x in PE. */
export type LogisticEfficiency = readonly [number, number, number, number];

/**
 * Energy efficiency at a reconstructed signal.
 *
 * @param signal_PE - reconstructed signal x (photo-electrons)
 * @param coefficients - (a, b, c, d) of a/(1+exp(−b(x−c))) + d
 * @returns ε_E(x) ≥ 0 (dimensionless)
 * @example logisticEfficiency(20, [1.32045, 0.285979, 10.8646, -0.333322]) // returns ~0.89689
 * Reference: arXiv:2110.07730 release (effCoefficients.txt); docs/physics.md §D.1.
 */
export function logisticEfficiency(signal_PE: number, coefficients: LogisticEfficiency): number {
  const [a, b, c, d] = coefficients;
  const e = a / (1 + Math.exp(-b * (signal_PE - c))) + d;
  return e > 0 ? e : 0;
}

/**
 * The signal at which the logistic efficiency crosses zero (where the clip starts); quadrature
 * grids put a break point there so that the kink does not spoil their convergence.
 *
 * @param coefficients - (a, b, c, d) of the logistic curve
 * @returns x₀ in PE with ε_E(x₀) = 0, or −Infinity when the curve never reaches 0 (d ≥ 0 or a + d ≤ 0 handled as "never positive": +Infinity)
 * @example logisticEfficiencyZero_PE([1.32045, 0.285979, 10.8646, -0.333322]) // returns ~7.068
 * Reference: algebraic inverse of the curve of docs/physics.md §D.1.
 */
export function logisticEfficiencyZero_PE(coefficients: LogisticEfficiency): number {
  const [a, b, c, d] = coefficients;
  if (d >= 0) return -Infinity;
  if (a + d <= 0) return Infinity;
  return c - Math.log(a / -d - 1) / b;
}
