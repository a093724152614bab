/**
 * Built-in target: equal mixture ½ N(−μ e₁, I) + ½ N(+μ e₁, I) in D dimensions. Exact moments:
 * E x₁ = 0, Var x₁ = 1 + μ²; CDF of x₁ = ½ Φ(x+μ) + ½ Φ(x−μ).
 * Reference: standard Gaussian-mixture identities (e.g. McLachlan & Peel, *Finite Mixture Models*, 2000, §1.2).
 * @module
 */
import type { BatchLogProb } from '../types.js';

/**
 * Normalised log-density of the two-mode mixture.
 * @param dim - dimension
 * @param mu - modes at ±mu along the first axis (unit-variance components)
 * @returns batched log-density
 */
export function bimodalTarget(dim = 2, mu = 2): BatchLogProb {
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`bimodal target: dim must be an integer ≥ 1, got ${dim}`);
  if (!(mu >= 0 && Number.isFinite(mu))) throw new RangeError(`bimodal target: separation mu must be ≥ 0, got ${mu}`);
  const norm = Math.log(0.5) - 0.5 * dim * Math.log(2 * Math.PI);
  return (x, n, out) => {
    for (let k = 0; k < n; k++) {
      const o = k * dim;
      let rest = 0;
      for (let d = 1; d < dim; d++) rest += x[o + d]! * x[o + d]!;
      const a = -0.5 * (x[o]! - mu) ** 2;
      const c = -0.5 * (x[o]! + mu) ** 2;
      const m = Math.max(a, c);
      out[k] = norm - 0.5 * rest + m + Math.log(Math.exp(a - m) + Math.exp(c - m));
    }
  };
}
