/**
 * The basic potential scale reduction factor of Gelman & Rubin (1992) in the form of BDA3.
 * @module
 */
import { allFinite, commonLength, type Chains } from './chains.js';

/**
 * R̂ = sqrt((B/W + n − 1)/n) with B = n·Var(chain means) and W = mean of chain variances (ddof 1).
 * No splitting or rank normalisation (posterior `rhat_basic(x, split = FALSE)`, ArviZ
 * `method="identity"`; `rhat_raw` in the stan-diagnostics fixture).
 * Reference: Gelman et al., BDA3 §11.4; Vehtari et al. 2021, doi:10.1214/20-BA1221, eq. (3)–(4); Vehtari et al. 2021, arXiv:1903.08008.
 * @param chains - m ≥ 2 chains of n ≥ 2 draws (any units)
 * @returns R̂ (dimensionless); NaN for fewer than 2 chains, fewer than 2 draws, or non-finite input
 * @example rhatBasic([[0, 1, 0, 1], [0, 1, 0, 1]]) // returns sqrt(3/4)
 */
export function rhatBasic(chains: Chains): number {
  const n = commonLength(chains);
  const m = chains.length;
  if (m < 2 || n < 2 || !allFinite(chains)) return NaN;
  const means = chains.map((c) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += c[i];
    return s / n;
  });
  let w = 0;
  chains.forEach((c, j) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += (c[i] - means[j]) ** 2;
    w += s / (n - 1);
  });
  w /= m;
  const grand = means.reduce((a, b) => a + b, 0) / m;
  const varMeans = means.reduce((a, b) => a + (b - grand) ** 2, 0) / (m - 1);
  const b = n * varMeans;
  return Math.sqrt((b / w + n - 1) / n);
}
