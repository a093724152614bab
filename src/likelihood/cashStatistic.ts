/**
 * The Poisson deviance ("Cash statistic", Cash 1979, ApJ 228, 939; Baker & Cousins 1984, NIM 221,
 * 437): −2 ln[L(μ)/L(μ = n)] = 2 Σ_i [μ_i − n_i + n_i ln(n_i/μ_i)], with the n_i = 0 term 2 μ_i.
 * It is ≥ 0, zero only at μ = n, and needs no integer n (Asimov data work unchanged).
 */

/**
 * Cash statistic for predictions μ_i = (1+α) s_i + (1+β) b_i over the selected bins.
 *
 * @param observed - n_i per bin (events, ≥ 0; need not be integer)
 * @param signal - s_i per bin (events)
 * @param background - b_i per bin (events)
 * @param bins - 0-based bins in the sum
 * @param alpha - signal scale α (dimensionless)
 * @param beta - background scale β (dimensionless)
 * @returns the statistic (dimensionless); +∞ if some μ_i ≤ 0 with n_i > 0 or μ_i < 0
 * @example cashStatistic([4], [4], [0], [0], 0, 0) // returns 0
 */
export function cashStatistic(
  observed: ArrayLike<number>,
  signal: ArrayLike<number>,
  background: ArrayLike<number>,
  bins: readonly number[],
  alpha: number,
  beta: number,
): number {
  let sum = 0;
  for (const i of bins) {
    const n = observed[i]!;
    const mu = (1 + alpha) * signal[i]! + (1 + beta) * background[i]!;
    if (mu < 0) return Infinity;
    if (n > 0) {
      if (mu === 0) return Infinity;
      sum += mu - n + n * Math.log(n / mu);
    } else {
      sum += mu;
    }
  }
  return 2 * sum;
}
