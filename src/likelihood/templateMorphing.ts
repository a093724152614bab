/**
 * Template morphing for shape systematics: HistFactory-style vertical interpolation between a
 * nominal histogram and its ±1σ alternatives (Cranmer et al., "HistFactory", CERN-OPEN-2012-016;
 * the "piecewise linear with a polynomial core", interpolation code 4p of pyhf,
 * doi:10.21105/joss.02823). Per bin, with δ⁺ = up − nominal and δ⁻ = nominal − down,
 *
 *   Δ(α) = α·S + α²(15 − 10α² + 3α⁴)·A   for |α| ≤ 1,  S = (δ⁺ + δ⁻)/2,  A = (δ⁺ − δ⁻)/16,
 *   Δ(α) = α·δ⁺ for α > 1,   Δ(α) = α·δ⁻ for α < −1,
 *
 * so Δ(±1) are the alternatives, Δ is continuous with a continuous first derivative everywhere
 * (at α = 0 too, unlike piecewise-linear code 0), and linear outside ±1. A one-sided systematic
 * (a single alternative) is symmetrised: down = 2·nominal − up.
 *
 * The evaluation is split so that the per-bin cost is two multiply-adds per nuisance:
 * `morphWeights(α)` picks two arrays and two scalar weights; the caller adds
 * w₁·arr₁[b] + w₂·arr₂[b].
 */

/** Precomputed per-bin differences of one shape systematic. */
export interface MorphTemplate {
  /** name of the nuisance that drives it */
  name: string;
  /** S = (δ⁺ + δ⁻)/2 per bin */
  s: Float64Array;
  /** A = (δ⁺ − δ⁻)/16 per bin */
  a: Float64Array;
  /** δ⁺ = up − nominal per bin */
  up: Float64Array;
  /** δ⁻ = nominal − down per bin */
  down: Float64Array;
}

/**
 * Builds the per-bin differences from nominal and alternative histograms.
 *
 * @param name - nuisance name
 * @param nominal - nominal histogram
 * @param up - +1σ histogram
 * @param down - −1σ histogram, or undefined for a one-sided systematic (then 2·nominal − up)
 * @returns the template differences
 * @example morphTemplate('x', [10], [12], [9]).s[0] // returns 1.5
 * Reference: CERN-OPEN-2012-016; pyhf code 4p.
 */
export function morphTemplate(name: string, nominal: ArrayLike<number>, up: ArrayLike<number>, down?: ArrayLike<number>): MorphTemplate {
  const n = nominal.length;
  if (up.length !== n || (down && down.length !== n)) throw new RangeError(`morphTemplate ${name}: histograms differ in length`);
  const t: MorphTemplate = { name, s: new Float64Array(n), a: new Float64Array(n), up: new Float64Array(n), down: new Float64Array(n) };
  for (let b = 0; b < n; b++) {
    const dp = up[b]! - nominal[b]!;
    const dm = down ? nominal[b]! - down[b]! : dp;
    t.up[b] = dp;
    t.down[b] = dm;
    t.s[b] = 0.5 * (dp + dm);
    t.a[b] = (dp - dm) / 16;
  }
  return t;
}

/** Which arrays of a `MorphTemplate` to use at α, and with which weights. */
export interface MorphWeights {
  /** first array: 's', 'up' or 'down' */
  first: 's' | 'up' | 'down';
  /** its weight */
  w1: number;
  /** weight of the `a` array (0 outside |α| ≤ 1) */
  w2: number;
}

/**
 * The weights of the interpolation at α (see module header).
 *
 * @param alpha - nuisance value in units of its 1σ alternative
 * @returns arrays and weights: Δ_b = w1·template[first][b] + w2·template.a[b]
 * @example morphWeights(1) // returns { first: 's', w1: 1, w2: 8 }
 * Reference: pyhf code 4p.
 */
export function morphWeights(alpha: number): MorphWeights {
  if (alpha > 1) return { first: 'up', w1: alpha, w2: 0 };
  if (alpha < -1) return { first: 'down', w1: alpha, w2: 0 };
  const a2 = alpha * alpha;
  return { first: 's', w1: alpha, w2: a2 * (15 + a2 * (-10 + 3 * a2)) };
}

/**
 * Δ(α) for one bin (reference form; the fast path uses `morphWeights`).
 *
 * @param alpha - nuisance value
 * @param nominal - nominal content
 * @param up - +1σ content
 * @param down - −1σ content
 * @returns the shift of the bin content
 * @example morphDelta(-1, 10, 12, 9) // returns -1
 */
export function morphDelta(alpha: number, nominal: number, up: number, down: number): number {
  const dp = up - nominal;
  const dm = nominal - down;
  if (alpha > 1) return alpha * dp;
  if (alpha < -1) return alpha * dm;
  const a2 = alpha * alpha;
  return alpha * 0.5 * (dp + dm) + a2 * (15 + a2 * (-10 + 3 * a2)) * ((dp - dm) / 16);
}
