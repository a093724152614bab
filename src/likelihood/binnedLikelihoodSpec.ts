/**
 * The data side of a binned likelihood with a signal scale α and a background scale β.
 *
 * Two statistical forms share this description:
 * - `gaussian`: χ² = Σ_i ((d_i − (1+α) s_i − (1+β) b_i)/σ_i)² (Khan eq. 7, arXiv:2201.10578;
 *   ESS eq. 15, arXiv:2409.10652, reconstructed in ESS arXiv:2409.10652 eq. 15–16);
 * - `poisson`: the Cash statistic 2 Σ_i [μ_i − d_i + d_i ln(d_i/μ_i)] with
 *   μ_i = (1+α) s_i + (1+β) b_i (Cash 1979, ApJ 228, 939; Baker & Cousins 1984,
 *   NIM 221, 437), used for real counts and, with non-integer d_i, for Asimov data.
 * Both add the nuisance pulls (α/σ_α)² + (β/σ_β)².
 */
import { nuisancePrior, type NuisancePrior } from './nuisancePrior.js';

/** Statistical form of a binned likelihood. */
export type LikelihoodForm = 'gaussian' | 'poisson';

/** Everything a binned χ² needs except the signal prediction. Arrays cover ALL bins of the experiment. */
export interface BinnedLikelihoodSpec {
  /** Statistical form. */
  readonly form: LikelihoodForm;
  /** Observed (or Asimov) events per bin. */
  readonly observed: Float64Array;
  /** Gaussian form only: 1σ uncertainty per bin (events). */
  readonly sigma?: Float64Array;
  /** Expected background events per bin (scaled by 1 + β). */
  readonly background: Float64Array;
  /** 0-based indices of the bins that enter the sum. */
  readonly bins: readonly number[];
  /** Signal normalisation nuisance α. */
  readonly alpha: NuisancePrior;
  /** Background normalisation nuisance β. */
  readonly beta: NuisancePrior;
}

/** Options shared by the spec builders. */
export interface NuisanceWidths {
  /** Relative signal uncertainty σ_α (dimensionless). */
  readonly sigmaAlpha: number;
  /** Relative background uncertainty σ_β (dimensionless). */
  readonly sigmaBeta: number;
  /** 0-based bins to use (default: all). */
  readonly bins?: readonly number[];
  /** Names of the nuisances (default `alpha`, `beta`). */
  readonly names?: { readonly alpha: string; readonly beta: string };
}

function allBins(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

function checkBins(bins: readonly number[], n: number): void {
  for (const i of bins) {
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`bin index ${i} outside 0..${n - 1}`);
  }
}

function priors(w: NuisanceWidths): { alpha: NuisancePrior; beta: NuisancePrior } {
  return {
    alpha: nuisancePrior(w.names?.alpha ?? 'alpha', 'signal', w.sigmaAlpha),
    beta: nuisancePrior(w.names?.beta ?? 'beta', 'background', w.sigmaBeta),
  };
}

/**
 * Khan's χ² data: observed counts with their own uncertainties (arXiv:2201.10578 eq. 7; the per-bin
 * N_obs = C − AC, σ = √(C + AC) and B = BRN + NIN of docs/physics.md §D.1 come from the experiment).
 *
 * @param observed - N_obs^i per bin (events)
 * @param sigma - σ^i per bin (events, > 0)
 * @param background - B^i per bin (events)
 * @param widths - σ_α, σ_β (Khan: 0.127, 0.6) and the bins used (Khan: i = 2…9 → indices 1…8)
 * @returns the spec of a Gaussian χ²
 */
export function gaussianDataSpec(
  observed: Float64Array,
  sigma: Float64Array,
  background: Float64Array,
  widths: NuisanceWidths,
): BinnedLikelihoodSpec {
  const n = observed.length;
  if (sigma.length !== n || background.length !== n) throw new RangeError('observed, sigma and background differ in length');
  const bins = widths.bins ? [...widths.bins] : allBins(n);
  checkBins(bins, n);
  for (const i of bins) if (!(sigma[i]! > 0)) throw new RangeError(`sigma of bin ${i} must be > 0 (got ${sigma[i]})`);
  return Object.freeze({ form: 'gaussian' as const, observed, sigma, background, bins, ...priors(widths) });
}

/**
 * Asimov data for a sensitivity study (ESS arXiv:2409.10652 eq. 15–16, ESS eq. 15–16 reconstructed): the "observation"
 * is the SM prediction plus background, N_exp^i = s_i^SM + b_i. For the Gaussian form the
 * variance is the statistical one, σ_i² = N_exp^i; for the Poisson form N_exp^i is used as a
 * (non-integer) count.
 *
 * @param form - `gaussian` (ESS asimov-chi2) or `poisson` (asimov-poisson)
 * @param smSignal - SM signal events per bin
 * @param background - background events per bin
 * @param widths - σ_α, σ_β and bins
 * @returns the spec; bins with N_exp^i ≤ 0 are dropped from the Gaussian sum (their σ would be 0)
 */
export function asimovSpec(
  form: LikelihoodForm,
  smSignal: Float64Array,
  background: Float64Array,
  widths: NuisanceWidths,
): BinnedLikelihoodSpec {
  const n = smSignal.length;
  if (background.length !== n) throw new RangeError('smSignal and background differ in length');
  const observed = new Float64Array(n);
  for (let i = 0; i < n; i++) observed[i] = smSignal[i]! + background[i]!;
  let bins = widths.bins ? [...widths.bins] : allBins(n);
  checkBins(bins, n);
  if (form === 'poisson') return Object.freeze({ form, observed, background, bins, ...priors(widths) });
  bins = bins.filter((i) => observed[i]! > 0);
  const sigma = observed.map((x) => Math.sqrt(Math.max(x, 0)));
  return Object.freeze({ form, observed, sigma, background, bins, ...priors(widths) });
}

/**
 * Real counts with a Poisson likelihood (Cash statistic).
 *
 * @param counts - observed counts per bin (non-negative)
 * @param background - background events per bin
 * @param widths - σ_α, σ_β and bins
 * @returns the spec of a Poisson likelihood
 */
export function poissonDataSpec(counts: Float64Array, background: Float64Array, widths: NuisanceWidths): BinnedLikelihoodSpec {
  const n = counts.length;
  if (background.length !== n) throw new RangeError('counts and background differ in length');
  const bins = widths.bins ? [...widths.bins] : allBins(n);
  checkBins(bins, n);
  for (const i of bins) if (!(counts[i]! >= 0)) throw new RangeError(`count of bin ${i} must be >= 0 (got ${counts[i]})`);
  return Object.freeze({ form: 'poisson' as const, observed: counts, background, bins, ...priors(widths) });
}
