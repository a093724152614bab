/**
 * Sokal's automatic windowing for the integrated autocorrelation time.
 * @module
 */

/**
 * Smallest window M with M ≥ c·τ(M), where τ(M) = `taus[M]`; the last index if none qualifies.
 * Reference: A. Sokal, "Monte Carlo Methods in Statistical Mechanics" (1997),
 * doi:10.1007/978-1-4899-0319-8_6; emcee `autocorr.auto_window` (Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr)).
 * @param taus - cumulative estimates τ(M) = 1 + 2 Σ_{t=1..M} ρ(t), in steps
 * @param c - window factor (emcee default 5)
 * @returns the window index M
 * @example autoWindow(Float64Array.of(1, 1.8, 2.4, 2.6), 1) // returns 3 (3 ≥ 1·2.6)
 */
export function autoWindow(taus: ArrayLike<number>, c: number): number {
  for (let m = 0; m < taus.length; m++) if (!(m < c * taus[m])) return m;
  return taus.length - 1;
}
