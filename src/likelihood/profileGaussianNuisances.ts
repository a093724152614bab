/**
 * Exact minimisation of the Gaussian χ² over the normalisation nuisances α and β.
 *
 * χ²(α, β) = Σ_i w_i (r_i − α s_i − β b_i)² + P_α α² + P_β β², with w_i = 1/σ_i²,
 * r_i = d_i − s_i − b_i and P = 1/σ_nuisance², is quadratic in (α, β), so the minimum solves the
 * 2×2 normal equations
 *
 *   [Σ w s² + P_α   Σ w s b    ] [α]   [Σ w r s]
 *   [Σ w s b        Σ w b² + P_β] [β] = [Σ w r b]
 *
 * (Khan arXiv:2201.10578 eq. 7 "minimised over α and β"; docs/physics.md §D.1). A pinned nuisance (σ = 0)
 * drops its row; a free one (σ = ∞) has P = 0.
 *
 * With pull centres (α₀, β₀) (the auxiliary measurements of a pseudo-experiment, src/toys) the
 * pulls are P_α (α − α₀)² + P_β (β − β₀)² and the right-hand side gains P_α α₀ and P_β β₀.
 */
import type { BinnedLikelihoodSpec } from './binnedLikelihoodSpec.js';
import { nuisancePrecision } from './nuisancePrior.js';

/** Best-fit nuisances. */
export interface NuisanceFit {
  /** Signal scale α at the minimum. */
  readonly alpha: number;
  /** Background scale β at the minimum. */
  readonly beta: number;
}

/** Centres of the nuisance pulls (default 0, 0: the nominal auxiliary measurements). */
export interface PullCenters {
  /** Centre of the α pull. */
  readonly alpha: number;
  /** Centre of the β pull. */
  readonly beta: number;
}

/**
 * Solves the normal equations for (α, β) of a Gaussian binned χ².
 *
 * @param spec - a spec with `form: 'gaussian'`
 * @param signal - expected signal events per bin (all bins of the experiment)
 * @param centers - pull centres (default 0, 0)
 * @returns the minimising α, β (for a singular system, the minimum-norm solution along the
 *   degenerate direction is not sought: β is fixed at 0 and α solved alone)
 */
export function profileGaussianNuisances(spec: BinnedLikelihoodSpec, signal: ArrayLike<number>, centers?: PullCenters): NuisanceFit {
  const { observed: d, sigma, background: b, bins } = spec;
  if (!sigma) throw new Error('profileGaussianNuisances needs a gaussian spec with sigma');
  let A = 0;
  let B = 0;
  let C = 0;
  let u = 0;
  let v = 0;
  for (const i of bins) {
    const s = signal[i]!;
    const bi = b[i]!;
    const si = sigma[i]!;
    const w = 1 / (si * si);
    const r = d[i]! - s - bi;
    A += w * s * s;
    B += w * s * bi;
    C += w * bi * bi;
    u += w * r * s;
    v += w * r * bi;
  }
  const pa = nuisancePrecision(spec.alpha);
  const pb = nuisancePrecision(spec.beta);
  if (centers) {
    if (pa !== Infinity) u += pa * centers.alpha;
    if (pb !== Infinity) v += pb * centers.beta;
  }
  const solve1 = (h: number, g: number): number => (h > 0 ? g / h : 0);
  if (pa === Infinity && pb === Infinity) return { alpha: 0, beta: 0 };
  if (pa === Infinity) return { alpha: 0, beta: solve1(C + pb, v) };
  if (pb === Infinity) return { alpha: solve1(A + pa, u), beta: 0 };
  const haa = A + pa;
  const hbb = C + pb;
  const det = haa * hbb - B * B;
  if (!(det > 1e-14 * haa * hbb)) return { alpha: solve1(haa, u), beta: 0 };
  return { alpha: (hbb * u - B * v) / det, beta: (haa * v - B * u) / det };
}
