/**
 * What the toy construction needs from an analysis likelihood, and its implementation on nuem's
 * binned likelihoods (one Gaussian χ² or Poisson deviance per experiment, each with a signal scale
 * α and a background scale β; src/likelihood).
 *
 * Pseudo-data (`generate`), per experiment k, from the expectation
 * μ_i = (1 + α_k) s_i(θ) + (1 + β_k) b_i:
 * - Gaussian χ² (`khan-chi2`, `asimov-chi2`): d_i = μ_i + σ_i z_i, z_i ~ N(0, 1), with the σ_i
 *   the likelihood states (Khan: √(C + AC) of the released data; ESS Asimov: √N_exp);
 * - Poisson (`poisson`, `asimov-poisson`): n_i ~ Poisson(μ_i) (μ_i < 0, possible only when a
 *   nuisance drawn from its prior pushes a scale below −1, is clipped to 0).
 * Bins outside the likelihood's bin range are left at the expectation (they never enter χ²).
 *
 * Nuisances of a toy (`nuisanceMode`):
 * - `profile` (default; the "profile construction", e.g. Cranmer, CERN-2008-001 p. 267,
 *   PHYSTAT-LHC 2007; used by NOvA/T2K-style FC analyses): α_k, β_k at their conditional best fit
 *   to the REAL data at the tested θ (plus the other free physics parameters at theirs);
 * - `prior`: α_k, β_k drawn from their Gaussian priors N(0, σ) for each toy (the hybrid
 *   Bayesian–frequentist treatment of Cousins & Highland, NIM A 320 (1992) 331).
 * The constraint terms (α/σ_α)² + (β/σ_β)² are Gaussian auxiliary measurements of α and β, observed
 * at 0 in the real data. In `profile` mode they are pseudo-measured too: each toy draws its
 * auxiliary values a ~ N(α̂, σ_α), b ~ N(β̂, σ_β) and its fits use the pulls ((α − a)/σ_α)² +
 * ((β − b)/σ_β)² (the unconditional ensemble of the profile construction; with centres held at 0,
 * toys generated at an α̂ far from 0 would be penalised by a constraint they were not generated
 * from, and t_c would be inflated wherever the real data pull the nuisances). In `prior` mode the
 * true α, β are drawn from the priors and the auxiliary measurements stay at 0.
 *
 * Bayesian fast approximation (`marginalChi2`): for the Gaussian χ², χ² is exactly quadratic in
 * (α, β), so ∫ e^{−χ²/2} dα dβ = 2π e^{−χ²_min/2} / √det M with M the 2×2 matrix of the normal
 * equations (src/likelihood/profileGaussianNuisances.ts); −2 ln of the nuisance-marginal
 * likelihood is χ²_min + ln det M (+ const). For the Poisson deviance the same formula with M = ½
 * Hessian at the minimum is Laplace's approximation (Tierney & Kadane, JASA 81 (1986) 82).
 */
import type { AnalysisLikelihood } from '../likelihood/buildAnalysisLikelihood.js';
import { gaussianDataSpec, poissonDataSpec, type BinnedLikelihoodSpec } from '../likelihood/binnedLikelihoodSpec.js';
import { makeChi2, type BinnedChi2 } from '../likelihood/makeChi2.js';
import { profileGaussianNuisances } from '../likelihood/profileGaussianNuisances.js';
import { profilePoissonNuisances } from '../likelihood/profilePoissonNuisances.js';
import { nuisancePrecision } from '../likelihood/nuisancePrior.js';
import type { ToyStream } from './toyStream.js';

/** How the nuisances of pseudo-experiments are set. */
export type NuisanceMode = 'profile' | 'prior';

/** Nuisances of one experiment. */
export interface ExperimentNuisances {
  /** Signal scale α. */
  readonly alpha: number;
  /** Background scale β. */
  readonly beta: number;
}

/** One data set: counts per experiment and the auxiliary measurements of the nuisances. */
export interface ToyData {
  /** Counts per experiment (all bins). */
  readonly counts: Float64Array[];
  /** Auxiliary measurements (pull centres) of α, β per experiment. */
  readonly centers: ExperimentNuisances[];
}

/** A likelihood bound to one data set (real or pseudo). */
export interface BoundLikelihood {
  /** Free physics parameters, θ order. */
  readonly physicsNames: AnalysisLikelihood['physicsNames'];
  /** χ² minimised over the nuisances at θ (all free physics parameters given). */
  profiledChi2(theta: ArrayLike<number>): number;
  /** −2 ln of the nuisance-marginal likelihood at θ, up to a constant (see module doc). */
  marginalChi2(theta: ArrayLike<number>): number;
}

/** The toy backend of an analysis. */
export interface ToyBackend {
  /** The likelihood on the real (or Asimov) data. */
  readonly real: BoundLikelihood;
  /** Number of experiments. */
  readonly nExperiments: number;
  /** Best nuisances on the real data at θ. */
  conditionalNuisances(theta: ArrayLike<number>): ExperimentNuisances[];
  /** Nuisances drawn from their priors. */
  drawNuisances(stream: ToyStream): ExperimentNuisances[];
  /**
   * Pseudo-data at θ with the given true nuisances; `auxiliary` says whether the auxiliary
   * measurements are drawn around them (`profile` mode) or stay at 0 (`prior` mode).
   */
  generate(theta: ArrayLike<number>, nuisances: readonly ExperimentNuisances[], stream: ToyStream, auxiliary: boolean): ToyData;
  /** Expected data (Asimov) at θ with the given nuisances. */
  expected(theta: ArrayLike<number>, nuisances: readonly ExperimentNuisances[]): Float64Array[];
  /** The likelihood on other data. */
  bind(data: ToyData): BoundLikelihood;
}

function specWithData(spec: BinnedLikelihoodSpec, counts: Float64Array): BinnedLikelihoodSpec {
  const widths = {
    sigmaAlpha: spec.alpha.sigma,
    sigmaBeta: spec.beta.sigma,
    bins: spec.bins,
    names: { alpha: spec.alpha.name, beta: spec.beta.name },
  };
  return spec.form === 'gaussian' ? gaussianDataSpec(counts, spec.sigma!, spec.background, widths) : poissonDataSpec(counts, spec.background, widths);
}

/** ln det of the 2×2 nuisance matrix M at the profiled minimum (see module doc). */
function logDetNuisanceMatrix(spec: BinnedLikelihoodSpec, s: ArrayLike<number>, alpha: number, beta: number): number {
  const pa = nuisancePrecision(spec.alpha);
  const pb = nuisancePrecision(spec.beta);
  let A = 0;
  let B = 0;
  let C = 0;
  const b = spec.background;
  for (const i of spec.bins) {
    let w: number;
    if (spec.form === 'gaussian') w = 1 / (spec.sigma![i]! * spec.sigma![i]!);
    else {
      const mu = (1 + alpha) * s[i]! + (1 + beta) * b[i]!;
      w = mu > 0 ? spec.observed[i]! / (mu * mu) : 0;
    }
    A += w * s[i]! * s[i]!;
    B += w * s[i]! * b[i]!;
    C += w * b[i]! * b[i]!;
  }
  const freeA = pa !== Infinity;
  const freeB = pb !== Infinity;
  if (freeA && freeB) return Math.log(Math.max((A + pa) * (C + pb) - B * B, 1e-300));
  if (freeA) return Math.log(Math.max(A + pa, 1e-300));
  if (freeB) return Math.log(Math.max(C + pb, 1e-300));
  return 0;
}

const ZERO: ExperimentNuisances = Object.freeze({ alpha: 0, beta: 0 });

function pull(sigma: number, v: number, c: number): number {
  if (sigma === Infinity) return 0;
  if (sigma === 0) return v === 0 ? 0 : Infinity;
  const z = (v - c) / sigma;
  return z * z;
}

function bound(lik: AnalysisLikelihood, specs: readonly BinnedLikelihoodSpec[], chi2s: readonly BinnedChi2[], centers: readonly ExperimentNuisances[]): BoundLikelihood {
  const buffers = lik.terms.map((t) => new Float64Array(t.prediction.signal.nBins));
  const nominal = centers.every((c) => c.alpha === 0 && c.beta === 0);
  const fit = (k: number, s: Float64Array): { chi2: number; alpha: number; beta: number } => {
    if (nominal) return chi2s[k]!.profileNuisances(s);
    const spec = specs[k]!;
    const c = centers[k]!;
    const f = spec.form === 'gaussian' ? profileGaussianNuisances(spec, s, c) : profilePoissonNuisances(spec, s, c);
    const chi2 = chi2s[k]!.dataChi2(s, f.alpha, f.beta) + pull(spec.alpha.sigma, f.alpha, c.alpha) + pull(spec.beta.sigma, f.beta, c.beta);
    return { chi2, alpha: f.alpha, beta: f.beta };
  };
  return {
    physicsNames: lik.physicsNames,
    profiledChi2(theta: ArrayLike<number>): number {
      let sum = 0;
      for (let k = 0; k < chi2s.length; k++) {
        const s = buffers[k]!;
        lik.terms[k]!.prediction.signal.evaluate(theta, s);
        sum += fit(k, s).chi2;
      }
      return sum;
    },
    marginalChi2(theta: ArrayLike<number>): number {
      let sum = 0;
      for (let k = 0; k < chi2s.length; k++) {
        const s = buffers[k]!;
        lik.terms[k]!.prediction.signal.evaluate(theta, s);
        const p = fit(k, s);
        sum += p.chi2 + logDetNuisanceMatrix(specs[k]!, s, p.alpha, p.beta);
      }
      return sum;
    },
  };
}

/**
 * The toy backend of nuem's binned analysis likelihood (see module doc).
 *
 * @param lik - the analysis likelihood (src/likelihood/buildAnalysisLikelihood.ts)
 * @returns the backend
 */
export function binnedToyBackend(lik: AnalysisLikelihood): ToyBackend {
  const specs = lik.terms.map((t) => t.spec);
  const real = bound(
    lik,
    specs,
    lik.terms.map((t) => t.chi2),
    specs.map(() => ZERO),
  );
  const expectation = (k: number, theta: ArrayLike<number>, nu: ExperimentNuisances): Float64Array => {
    const s = lik.signal(k, theta);
    const b = specs[k]!.background;
    const out = new Float64Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = (1 + nu.alpha) * s[i]! + (1 + nu.beta) * b[i]!;
    return out;
  };
  return {
    real,
    nExperiments: lik.terms.length,
    conditionalNuisances(theta: ArrayLike<number>): ExperimentNuisances[] {
      return lik.profiledChi2Details(theta).perExperiment.map((p) => ({ alpha: p.alpha, beta: p.beta }));
    },
    drawNuisances(stream: ToyStream): ExperimentNuisances[] {
      return specs.map((spec) => {
        const draw = (sigma: number): number => (sigma === 0 ? 0 : Number.isFinite(sigma) ? sigma * stream.normal() : 0);
        return { alpha: draw(spec.alpha.sigma), beta: draw(spec.beta.sigma) };
      });
    },
    generate(theta: ArrayLike<number>, nuisances: readonly ExperimentNuisances[], stream: ToyStream, auxiliary: boolean): ToyData {
      const counts = specs.map((spec, k) => {
        const mu = expectation(k, theta, nuisances[k]!);
        for (const i of spec.bins) {
          if (spec.form === 'gaussian') mu[i] = mu[i]! + spec.sigma![i]! * stream.normal();
          else mu[i] = stream.poisson(Math.max(0, mu[i]!));
        }
        return mu;
      });
      const aux = (sigma: number, v: number): number => (sigma > 0 && Number.isFinite(sigma) ? v + sigma * stream.normal() : 0);
      const centers = specs.map((spec, k) =>
        auxiliary ? { alpha: aux(spec.alpha.sigma, nuisances[k]!.alpha), beta: aux(spec.beta.sigma, nuisances[k]!.beta) } : ZERO,
      );
      return { counts, centers };
    },
    expected(theta: ArrayLike<number>, nuisances: readonly ExperimentNuisances[]): Float64Array[] {
      return specs.map((_, k) => expectation(k, theta, nuisances[k]!));
    },
    bind(data: ToyData): BoundLikelihood {
      const toySpecs = specs.map((spec, k) => specWithData(spec, data.counts[k]!));
      return bound(lik, toySpecs, toySpecs.map(makeChi2), data.centers);
    },
  };
}
