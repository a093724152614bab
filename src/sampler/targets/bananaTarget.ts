/**
 * Built-in target: "banana" (twisted Gaussian, Haario et al. 1999): x₁ ~ N(0, s₁²),
 * x₂ | x₁ ~ N(b (x₁² − s₁²), s₂²), further coordinates N(0, 1). Exact moments:
 * E x₁ = E x₂ = 0, Var x₁ = s₁², Var x₂ = s₂² + 2 b² s₁⁴; exact sampling by the same recipe.
 * Reference: Haario, Saksman & Tamminen, Comput. Stat. 14 (1999) 375, doi:10.1007/s001800050022.
 * @module
 */
import type { BatchLogProb } from '../types.js';

/** Banana target parameters. */
export interface BananaOptions {
  dim?: number;
  s1?: number;
  b?: number;
  s2?: number;
}

/**
 * Normalised log-density of the banana (dim ≥ 2).
 * @param opts - dimension, s₁, twist b, s₂ (defaults 2, 1, 1, 0.5)
 * @returns batched log-density
 */
export function bananaTarget(opts: BananaOptions = {}): BatchLogProb {
  const dim = opts.dim ?? 2,
    s1 = opts.s1 ?? 1,
    b = opts.b ?? 1,
    s2 = opts.s2 ?? 0.5;
  if (!Number.isInteger(dim) || dim < 2) throw new RangeError(`banana target: dim must be an integer ≥ 2, got ${dim}`);
  const norm = -Math.log(s1) - Math.log(s2) - 0.5 * dim * Math.log(2 * Math.PI);
  return (x, n, out) => {
    for (let k = 0; k < n; k++) {
      const o = k * dim;
      const x1 = x[o]!,
        x2 = x[o + 1]!;
      const t1 = x1 / s1;
      const t2 = (x2 - b * (x1 * x1 - s1 * s1)) / s2;
      let s = t1 * t1 + t2 * t2;
      for (let d = 2; d < dim; d++) s += x[o + d]! * x[o + d]!;
      out[k] = norm - 0.5 * s;
    }
  };
}
