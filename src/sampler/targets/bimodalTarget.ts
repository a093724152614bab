/**
 * Built-in target: mixture (1 − w) N(−μ e₁, I) + w N(+μ e₁, I) in D dimensions (default w = ½).
 * Exact moments for w = ½: E x₁ = 0, Var x₁ = 1 + μ²; CDF of x₁ = (1 − w) Φ(x+μ) + w Φ(x−μ), so the
 * mass of the +μ mode (x₁ > 0) is w Φ(μ) + (1 − w) Φ(−μ).
 * Reference: standard Gaussian-mixture identities (e.g. McLachlan & Peel, *Finite Mixture Models*, 2000, §1.2).
 * @module
 */
import type { BatchLogProb } from '../types.js';

/**
 * Normalised log-density of the two-mode mixture.
 * @param dim - dimension
 * @param mu - modes at ±mu along the first axis (unit-variance components)
 * @param weight - w, the weight of the +μ mode (default ½)
 * @returns batched log-density
 */
export function bimodalTarget(dim = 2, mu = 2, weight = 0.5): BatchLogProb {
  if (!Number.isInteger(dim) || dim < 1) throw new RangeError(`bimodal target: dim must be an integer ≥ 1, got ${dim}`);
  if (!(mu >= 0 && Number.isFinite(mu))) throw new RangeError(`bimodal target: separation mu must be ≥ 0, got ${mu}`);
  if (!(weight > 0 && weight < 1)) throw new RangeError(`bimodal target: weight must be in (0, 1), got ${weight}`);
  const norm = Math.log(0.5) - 0.5 * dim * Math.log(2 * Math.PI);
  if (weight !== 0.5) {
    const lw = Math.log(weight);
    const lv = Math.log(1 - weight);
    const base = -0.5 * dim * Math.log(2 * Math.PI);
    return (x, n, out) => {
      for (let k = 0; k < n; k++) {
        const o = k * dim;
        let rest = 0;
        for (let d = 1; d < dim; d++) rest += x[o + d]! * x[o + d]!;
        const a = lw - 0.5 * (x[o]! - mu) ** 2;
        const c = lv - 0.5 * (x[o]! + mu) ** 2;
        const m = Math.max(a, c);
        out[k] = base - 0.5 * rest + m + Math.log(Math.exp(a - m) + Math.exp(c - m));
      }
    };
  }
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
