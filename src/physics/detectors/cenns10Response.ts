/**
 * Detector response of COHERENT CENNS-10 (liquid argon, 2020 "Analysis A"), as released with the
 * data (companion note arXiv:2006.12659 §2.6–2.8 and §5; models/data/coherent-lar-2020):
 *
 * 1. quenching: E_ee,true = QF(T)·T with QF(T) = a + b·T (T in keVnr; a = 0.246 ± 0.006,
 *    b = 0.00078 ± 0.00009 /keVnr, a linear fit to the world data, arXiv:2003.10630);
 * 2. resolution: E_ee,reco ~ N(E_ee,true, σ²) with σ/E = A/√(E/keVee), A = 0.58 keVee^½, i.e.
 *    σ = A √E (the width evaluated at the true energy);
 * 3. acceptance ε(E_ee,reco) from `CENNS10AnlAEfficiency.txt`, tabulated at 0.5-keVee bin centres
 *    (0.25 … 39.75 keVee), read here as piecewise linear between the centres, zero below the first
 *    centre (where the table itself is 0) and flat at the last value above it (companion §2.6).
 *
 * The probability that a true deposit E lands in a reconstructed bin [lo, hi) and is accepted is
 * P = ∫_lo^hi ε(x) N(x; E, σ) dx, computed exactly segment by segment: on a segment where
 * ε = c₀ + c₁x, ∫ (c₀ + c₁x) N dx = c₀ ΔΦ + c₁ (E ΔΦ − σ Δφ) with Φ, φ the standard normal CDF
 * and density at z = (x − E)/σ (Gaussian first moment; e.g. Johnson, Kotz & Balakrishnan,
 * Continuous Univariate Distributions vol. 1, ch. 13).
 */
import { erfc } from '../../numerics/stdlib.js';

/** Acceptance table (reconstructed keVee → efficiency). */
export interface Cenns10Efficiency {
  /** tabulated energies (keVee), increasing */
  energy_keVee: ArrayLike<number>;
  /** efficiency at each energy */
  efficiency: ArrayLike<number>;
}

/**
 * Electron-equivalent energy of an argon recoil with the release's linear quenching factor.
 *
 * @param recoil_keVnr - nuclear recoil energy T (keVnr)
 * @param a - QF intercept (dimensionless; release 0.246)
 * @param b - QF slope (per keVnr; release 0.00078)
 * @returns (a + b T) T in keVee (0 for T ≤ 0)
 * @example larQuenchedEnergy_keVee(20, 0.246, 0.00078) // returns 5.232
 * Reference: arXiv:2006.12659 §2.8 (larQF), arXiv:2003.10630.
 */
export function larQuenchedEnergy_keVee(recoil_keVnr: number, a: number, b: number): number {
  return recoil_keVnr > 0 ? (a + b * recoil_keVnr) * recoil_keVnr : 0;
}

/**
 * Energy resolution σ = A √E of CENNS-10.
 *
 * @param energy_keVee - electron-equivalent energy (keVee, ≥ 0)
 * @param A - resolution constant (keVee^½; release 0.58)
 * @returns σ in keVee
 * @example larResolutionSigma_keVee(25, 0.58) // returns 2.9
 * Reference: arXiv:2006.12659 §2.7 (σ/E = a/√E).
 */
export function larResolutionSigma_keVee(energy_keVee: number, A: number): number {
  return A * Math.sqrt(energy_keVee);
}

/**
 * Acceptance at a reconstructed energy: linear between the tabulated centres, 0 below the
 * first, flat at the last value above the last (companion §2.6).
 *
 * @param x_keVee - reconstructed energy (keVee)
 * @param table - acceptance table
 * @returns efficiency in [0, 1]
 * @example larEfficiency(0.5, table) // returns ~4.6e-6 (halfway between 0 at 0.25 and 9.2e-6 at 0.75)
 * Reference: arXiv:2006.12659 §2.6.
 */
export function larEfficiency(x_keVee: number, table: Cenns10Efficiency): number {
  const E = table.energy_keVee;
  const n = E.length;
  if (!(x_keVee >= E[0]!)) return 0;
  if (x_keVee >= E[n - 1]!) return table.efficiency[n - 1]!;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const m = (lo + hi) >> 1;
    if (E[m]! <= x_keVee) lo = m;
    else hi = m;
  }
  const t = (x_keVee - E[lo]!) / (E[hi]! - E[lo]!);
  return table.efficiency[lo]! + t * (table.efficiency[hi]! - table.efficiency[lo]!);
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
const Phi = (z: number): number => 0.5 * erfc(-z / Math.SQRT2);
const phi = (z: number): number => INV_SQRT_2PI * Math.exp(-0.5 * z * z);

/**
 * ∫_{x0}^{x1} (c₀ + c₁ x) N(x; E, σ) dx (exact).
 *
 * @param x0 - lower end (keVee)
 * @param x1 - upper end (keVee)
 * @param c0 - constant term of the efficiency on the segment
 * @param c1 - slope of the efficiency on the segment (per keVee)
 * @param E - mean (keVee)
 * @param sigma - width (keVee, > 0)
 * @returns the integral (dimensionless probability)
 * @example linearTimesGaussianIntegral(-Infinity, Infinity, 1, 0, 5, 1) // returns 1
 */
export function linearTimesGaussianIntegral(x0: number, x1: number, c0: number, c1: number, E: number, sigma: number): number {
  const z0 = (x0 - E) / sigma;
  const z1 = (x1 - E) / sigma;
  const dPhi = Phi(z1) - Phi(z0);
  if (c1 === 0) return c0 * dPhi;
  const dphi = (Number.isFinite(z1) ? phi(z1) : 0) - (Number.isFinite(z0) ? phi(z0) : 0);
  return c0 * dPhi + c1 * (E * dPhi - sigma * dphi);
}

/**
 * Probability that a deposit of true electron-equivalent energy E is reconstructed in each bin and
 * accepted: P_i = ∫_{bin i} ε(x) N(x; E, A√E) dx, exact for the piecewise-linear ε.
 *
 * @param energy_keVee - true electron-equivalent energy E (keVee, > 0)
 * @param edges_keVee - reconstructed-energy bin edges (keVee, increasing)
 * @param table - acceptance table
 * @param A - resolution constant (keVee^½)
 * @param out - destination, length edges.length − 1 (overwritten)
 * @returns `out`
 * @example larBinProbabilities(20, [0, 10, 20, 30], table, 0.58, new Float64Array(3)) // ≈ [0.0, 0.45, 0.45] × ε ≈ 0.95
 * Reference: arXiv:2006.12659 §5 steps 1(b)–(e).
 */
export function larBinProbabilities(energy_keVee: number, edges_keVee: ArrayLike<number>, table: Cenns10Efficiency, A: number, out: Float64Array): Float64Array {
  out.fill(0);
  if (!(energy_keVee > 0)) return out;
  const sigma = larResolutionSigma_keVee(energy_keVee, A);
  const Et = table.energy_keVee;
  const eff = table.efficiency;
  const nT = Et.length;
  const nB = edges_keVee.length - 1;
  // contributions beyond ±12σ are below 1e-32: skip them
  const xlo = energy_keVee - 12 * sigma;
  const xhi = energy_keVee + 12 * sigma;
  for (let i = 0; i < nB; i++) {
    const lo = Math.max(edges_keVee[i]!, Et[0]!, xlo);
    const hi = Math.min(edges_keVee[i + 1]!, xhi);
    if (!(hi > lo)) continue;
    let acc = 0;
    // segments between table centres that overlap [lo, hi)
    for (let k = 0; k + 1 < nT; k++) {
      const a = Math.max(lo, Et[k]!);
      const b = Math.min(hi, Et[k + 1]!);
      if (!(b > a)) continue;
      const c1 = (eff[k + 1]! - eff[k]!) / (Et[k + 1]! - Et[k]!);
      const c0 = eff[k]! - c1 * Et[k]!;
      acc += linearTimesGaussianIntegral(a, b, c0, c1, energy_keVee, sigma);
    }
    const a = Math.max(lo, Et[nT - 1]!);
    if (hi > a) acc += linearTimesGaussianIntegral(a, hi, eff[nT - 1]!, 0, energy_keVee, sigma);
    out[i] = acc;
  }
  return out;
}
