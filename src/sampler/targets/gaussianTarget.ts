/**
 * Built-in target: D-dimensional Gaussian, zero mean, unit variances, correlation ρ between every
 * pair: Σ = (1−ρ) I + ρ 11ᵀ, valid for −1/(D−1) < ρ < 1. Closed forms (Sherman–Morrison):
 * xᵀΣ⁻¹x = (Σx² − ρ/(1+(D−1)ρ) (Σx)²)/(1−ρ), det Σ = (1−ρ)^(D−1) (1+(D−1)ρ).
 * Reference: Sherman & Morrison, Ann. Math. Stat. 21 (1950) 124, doi:10.1214/aoms/1177729893;
 * bench problem of docs/performance.md (D = 2, ρ = 0.9).
 * @module
 */
import type { BatchLogProb } from '../types.js';

/**
 * Normalised log-density of the equicorrelated Gaussian.
 * @param dim - dimension D
 * @param rho - correlation between every pair, in (−1/(D−1), 1)
 * @returns batched log-density
 */
export function gaussianTarget(dim: number, rho: number): BatchLogProb {
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`gaussian target: dim must be an integer ≥ 1, got ${dim}`);
  const lo = dim > 1 ? -1 / (dim - 1) : -Infinity;
  if (!(rho > lo && rho < 1)) throw new RangeError(`gaussian target: rho must lie in (${lo}, 1) for dim ${dim}, got ${rho}`);
  const c = rho / (1 + (dim - 1) * rho);
  const inv = 1 / (1 - rho);
  const norm = -0.5 * ((dim - 1) * Math.log(1 - rho) + Math.log(1 + (dim - 1) * rho)) - 0.5 * dim * Math.log(2 * Math.PI);
  return (x, n, out) => {
    for (let k = 0; k < n; k++) {
      let s2 = 0,
        s1 = 0;
      const o = k * dim;
      for (let d = 0; d < dim; d++) {
        const v = x[o + d]!;
        s2 += v * v;
        s1 += v;
      }
      out[k] = norm - 0.5 * inv * (s2 - c * s1 * s1);
    }
  };
}
