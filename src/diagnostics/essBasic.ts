/**
 * The effective-sample-size core shared by every ESS variant: multi-chain autocorrelation with
 * Geyer's initial monotone sequence.
 * @module
 */
import { autocovarianceSums } from '../numerics/fft.js';
import { allFinite, commonLength, type Chains } from './chains.js';

/**
 * ESS = m·n/τ̂ with τ̂ = −1 + 2 Σ_{t=0}^{K} ρ̂_t + ρ̂_{K+1}, where ρ̂_t = 1 − (W − mean_c acov_c(t))/var⁺
 * combines within-chain autocovariances (FFT, biased 1/n) and the between-chain variance, truncated
 * by Geyer's initial positive sequence and made monotone; τ̂ ≥ 1/log10(m·n).
 * No splitting or rank normalisation here (posterior `ess_basic(x, split = FALSE)` = `ess_raw`).
 * Reference: Vehtari et al. 2021, doi:10.1214/20-BA1221, §3.2 eq. (10)–(13); Geyer 1992,
 * doi:10.1214/ss/1177011137; Vehtari et al. 2021, arXiv:1903.08008.
 * @param chains - m chains of n ≥ 4 draws (any units)
 * @returns ESS (number of draws); m·n when the draws are constant; NaN for n < 4 or non-finite draws
 * @example essBasic([iid1, iid2]) // returns ~m·n for independent draws
 */
export function essBasic(chains: Chains): number {
  const n = commonLength(chains);
  const m = chains.length;
  if (n < 4 || !allFinite(chains)) return NaN;
  let lo = Infinity;
  let hi = -Infinity;
  for (const c of chains) {
    for (let i = 0; i < n; i++) {
      if (c[i] < lo) lo = c[i];
      if (c[i] > hi) hi = c[i];
    }
  }
  if (hi - lo < 1e-15) return m * n; // numpy finfo(float).resolution
  const acovMean = new Float64Array(n); // mean over chains of acov_c(t) = Σ y_j y_{j+t} / n
  const means = new Float64Array(m);
  chains.forEach((c, j) => {
    const sums = autocovarianceSums(c);
    for (let t = 0; t < n; t++) acovMean[t] += sums[t] / n / m;
    let s = 0;
    for (let i = 0; i < n; i++) s += c[i];
    means[j] = s / n;
  });
  const meanVar = (acovMean[0] * n) / (n - 1);
  let varPlus = (meanVar * (n - 1)) / n;
  if (m > 1) {
    const grand = means.reduce((a, b) => a + b, 0) / m;
    varPlus += means.reduce((a, b) => a + (b - grand) ** 2, 0) / (m - 1);
  }
  const rhoAt = (t: number): number => 1 - (meanVar - acovMean[t]) / varPlus;
  const rho = new Float64Array(n);
  rho[0] = 1;
  let even = 1;
  let odd = rhoAt(1);
  rho[1] = odd;
  let t = 1;
  while (t < n - 3 && even + odd > 0) {
    even = rhoAt(t + 1);
    odd = rhoAt(t + 2);
    if (even + odd >= 0) {
      rho[t + 1] = even;
      rho[t + 2] = odd;
    }
    t += 2;
  }
  const maxT = t - 2;
  if (even > 0) rho[maxT + 1] = even;
  // Geyer's initial monotone sequence on the pair sums
  for (t = 1; t <= maxT - 2; t += 2) {
    if (rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t]) {
      rho[t + 1] = (rho[t - 1] + rho[t]) / 2;
      rho[t + 2] = rho[t + 1];
    }
  }
  let sum = 0;
  for (let k = 0; k <= maxT; k++) sum += rho[k];
  let tau = -1 + 2 * sum + (maxT + 1 < n ? rho[maxT + 1] : 0);
  if (Number.isNaN(tau)) return NaN;
  tau = Math.max(tau, 1 / Math.log10(m * n));
  return (m * n) / tau;
}
