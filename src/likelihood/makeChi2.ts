/**
 * A binned χ² with normalisation nuisances, usable both for profiling and for sampling.
 *
 * - `dataChi2(s, α, β)`: the data part only (Gaussian sum or Cash statistic).
 * - `evaluate(s, {alpha, beta})`: data part + pulls (α/σ_α)² + (β/σ_β)²: the full χ² of Khan
 *   eq. 7 (arXiv:2201.10578) / ESS eq. 15 (arXiv:2409.10652, ESS arXiv:2409.10652 eq. 15–16).
 * - `profileNuisances(s)`: min over α, β; exact 2×2 linear solve for the Gaussian form, damped
 *   Newton for the Poisson form.
 * - `logLikelihood(s, α, β) = −dataChi2/2`: for the posterior, where α and β are sampled with the
 *   Gaussian priors of `nuisances` (the pulls are the priors, so they are not added here).
 */
import type { BinnedLikelihoodSpec, LikelihoodForm } from './binnedLikelihoodSpec.js';
import { nuisancePenaltyChi2, type NuisancePrior } from './nuisancePrior.js';
import { cashStatistic } from './cashStatistic.js';
import { profileGaussianNuisances } from './profileGaussianNuisances.js';
import { profilePoissonNuisances } from './profilePoissonNuisances.js';

/** Result of profiling the nuisances. */
export interface ProfiledChi2 {
  /** Full χ² (data + pulls) at the best nuisances. */
  readonly chi2: number;
  /** Data part of χ² at the best nuisances. */
  readonly dataChi2: number;
  /** Best signal scale α. */
  readonly alpha: number;
  /** Best background scale β. */
  readonly beta: number;
}

/** A binned χ² object (see module doc). */
export interface BinnedChi2 {
  /** Statistical form. */
  readonly form: LikelihoodForm;
  /** 0-based bins in the sum. */
  readonly bins: readonly number[];
  /** Number of bins of the experiment (length expected of signal arrays). */
  readonly nBins: number;
  /** The two nuisances, α then β, with their Gaussian widths. */
  readonly nuisances: readonly [NuisancePrior, NuisancePrior];
  /** Data χ² for signal s and nuisances α, β. */
  dataChi2(signal: ArrayLike<number>, alpha: number, beta: number): number;
  /** Data χ² + pulls; nuisances default to 0. */
  evaluate(signal: ArrayLike<number>, nuisances?: { alpha: number; beta: number }): number;
  /** χ² minimised over α and β. */
  profileNuisances(signal: ArrayLike<number>): ProfiledChi2;
  /** ln L up to a constant: −dataChi2/2 (−∞ where the prediction is invalid). */
  logLikelihood(signal: ArrayLike<number>, alpha: number, beta: number): number;
}

function gaussianDataChi2(spec: BinnedLikelihoodSpec, signal: ArrayLike<number>, alpha: number, beta: number): number {
  const { observed: d, background: b, bins } = spec;
  const sigma = spec.sigma!;
  let sum = 0;
  for (const i of bins) {
    const z = (d[i]! - (1 + alpha) * signal[i]! - (1 + beta) * b[i]!) / sigma[i]!;
    sum += z * z;
  }
  return sum;
}

/**
 * Builds the χ² object for a spec.
 *
 * @param spec - data, background, bins and nuisance widths (see {@link BinnedLikelihoodSpec})
 * @returns the χ² object
 * @example
 * const chi2 = makeChi2(gaussianDataSpec(obs, sig, bkg, { sigmaAlpha: 0.127, sigmaBeta: 0.6, bins: [1,2,3,4,5,6,7,8] }));
 * chi2.profileNuisances(expectedSignal).chi2
 */
export function makeChi2(spec: BinnedLikelihoodSpec): BinnedChi2 {
  if (spec.form === 'gaussian' && !spec.sigma) throw new Error('gaussian χ² needs sigma');
  const nBins = spec.observed.length;
  const data =
    spec.form === 'gaussian'
      ? (s: ArrayLike<number>, a: number, b: number) => gaussianDataChi2(spec, s, a, b)
      : (s: ArrayLike<number>, a: number, b: number) => cashStatistic(spec.observed, s, spec.background, spec.bins, a, b);
  const check = (s: ArrayLike<number>): void => {
    if (s.length !== nBins) throw new RangeError(`signal has ${s.length} bins, the data ${nBins}`);
  };
  const pulls = (a: number, b: number): number => nuisancePenaltyChi2(spec.alpha, a) + nuisancePenaltyChi2(spec.beta, b);
  return Object.freeze({
    form: spec.form,
    bins: spec.bins,
    nBins,
    nuisances: [spec.alpha, spec.beta] as const,
    dataChi2(signal: ArrayLike<number>, alpha: number, beta: number): number {
      check(signal);
      return data(signal, alpha, beta);
    },
    evaluate(signal: ArrayLike<number>, nuisances?: { alpha: number; beta: number }): number {
      check(signal);
      const a = nuisances?.alpha ?? 0;
      const b = nuisances?.beta ?? 0;
      return data(signal, a, b) + pulls(a, b);
    },
    profileNuisances(signal: ArrayLike<number>): ProfiledChi2 {
      check(signal);
      const fit = spec.form === 'gaussian' ? profileGaussianNuisances(spec, signal) : profilePoissonNuisances(spec, signal);
      const dataChi2 = data(signal, fit.alpha, fit.beta);
      return { chi2: dataChi2 + pulls(fit.alpha, fit.beta), dataChi2, alpha: fit.alpha, beta: fit.beta };
    },
    logLikelihood(signal: ArrayLike<number>, alpha: number, beta: number): number {
      check(signal);
      const c = data(signal, alpha, beta);
      return Number.isFinite(c) ? -0.5 * c : -Infinity;
    },
  });
}
