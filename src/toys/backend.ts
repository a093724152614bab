/**
 * What the toy construction needs from an analysis likelihood, and two implementations:
 * - {@link binnedToyBackend}, the fast path for analyses whose experiments are all
 *   detector-response experiments with their own α, β (a Gaussian χ² or Poisson deviance each,
 *   src/likelihood; the nuisance profile is an exact 2×2 solve or a convex Newton iteration);
 * - {@link interfaceToyBackend}, for every other analysis: any experiment behind the experiment
 *   interface (src/experimentModel/types.ts: pseudo-data from `generate`, rebinding with
 *   `withData`), nuisances shared between experiments, any prior (src/sampler/priors.ts).
 * {@link toyBackend} picks one. The nuisance vector ν is the analysis' global one
 * (`lik.combined.nuisances`) for the interface backend and (α₀, β₀, α₁, β₁, …) for the binned one.
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
import type { BinnedData, ExperimentModel } from '../experimentModel/types.js';
import { combineModels, type CombinedLikelihood } from '../experimentModel/combinedLikelihood.js';
import { samplePrior, type Prior } from '../sampler/priors.js';

/** How the nuisances of pseudo-experiments are set. */
export type NuisanceMode = 'profile' | 'prior';

/** One data set: per experiment its data, and the auxiliary measurements of the nuisances. */
export interface ToyData {
  /** Data per experiment. */
  readonly data: BinnedData[];
  /** Auxiliary measurement (centre of the constraint) of every nuisance, ν order. */
  readonly centers: Float64Array;
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
  /** Nuisance names, ν order. */
  readonly nuisanceNames: readonly string[];
  /** Best nuisances on the real data at θ. */
  conditionalNuisances(theta: ArrayLike<number>): Float64Array;
  /** The nominal nuisances (constraint centres of the real data). */
  nominalNuisances(): Float64Array;
  /** Nuisances drawn from their priors. */
  drawNuisances(stream: ToyStream): Float64Array;
  /**
   * Pseudo-data at θ with the given true nuisances; `auxiliary` says whether the auxiliary
   * measurements are drawn around them (`profile` mode) or stay at 0 (`prior` mode).
   */
  generate(theta: ArrayLike<number>, nuisances: Float64Array, stream: ToyStream, auxiliary: boolean): ToyData;
  /** Expected data (Asimov) at θ with the given nuisances; constraint centres nominal. */
  expected(theta: ArrayLike<number>, nuisances: Float64Array): ToyData;
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

/** ln det of a small symmetric matrix (Gaussian elimination; −∞ if singular). */
function logDet(m: number[][]): number {
  const n = m.length;
  const a = m.map((r) => [...r]);
  let ld = 0;
  for (let i = 0; i < n; i++) {
    let p = i;
    for (let r = i + 1; r < n; r++) if (Math.abs(a[r]![i]!) > Math.abs(a[p]![i]!)) p = r;
    if (!(Math.abs(a[p]![i]!) > 0)) return -Infinity;
    [a[i], a[p]] = [a[p]!, a[i]!];
    ld += Math.log(Math.abs(a[i]![i]!));
    for (let r = i + 1; r < n; r++) {
      const f = a[r]![i]! / a[i]![i]!;
      for (let c = i; c < n; c++) a[r]![c] = a[r]![c]! - f * a[i]![c]!;
    }
  }
  return ld;
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
  if (freeA && freeB) return logDet([
    [A + pa, B],
    [B, C + pb],
  ]);
  if (freeA) return Math.log(A + pa);
  if (freeB) return Math.log(C + pb);
  return 0;
}

function pull(sigma: number, v: number, c: number): number {
  if (sigma === Infinity) return 0;
  if (sigma === 0) return v === 0 ? 0 : Infinity;
  const z = (v - c) / sigma;
  return z * z;
}

function boundBinned(lik: AnalysisLikelihood, specs: readonly BinnedLikelihoodSpec[], chi2s: readonly BinnedChi2[], centers: ArrayLike<number>): BoundLikelihood {
  const buffers = specs.map((sp) => new Float64Array(sp.observed.length));
  const nominal = Array.prototype.every.call(centers, (c: number) => c === 0);
  const fit = (k: number, s: Float64Array): { chi2: number; alpha: number; beta: number } => {
    if (nominal) return chi2s[k]!.profileNuisances(s);
    const spec = specs[k]!;
    const c = { alpha: centers[2 * k]!, beta: centers[2 * k + 1]! };
    const f = spec.form === 'gaussian' ? profileGaussianNuisances(spec, s, c) : profilePoissonNuisances(spec, s, c);
    const chi2 = chi2s[k]!.dataChi2(s, f.alpha, f.beta) + pull(spec.alpha.sigma, f.alpha, c.alpha) + pull(spec.beta.sigma, f.beta, c.beta);
    return { chi2, alpha: f.alpha, beta: f.beta };
  };
  const signal = (k: number, theta: ArrayLike<number>): Float64Array => {
    const s = buffers[k]!;
    lik.terms[k]!.prediction!.signal.evaluate(theta, s);
    return s;
  };
  return {
    physicsNames: lik.physicsNames,
    profiledChi2(theta: ArrayLike<number>): number {
      let sum = 0;
      for (let k = 0; k < specs.length; k++) sum += fit(k, signal(k, theta)).chi2;
      return sum;
    },
    marginalChi2(theta: ArrayLike<number>): number {
      let sum = 0;
      for (let k = 0; k < specs.length; k++) {
        const s = signal(k, theta);
        const p = fit(k, s);
        sum += p.chi2 + logDetNuisanceMatrix(specs[k]!, s, p.alpha, p.beta);
      }
      return sum;
    },
  };
}

/**
 * Whether the fast binned backend applies: every experiment is a detector-response experiment
 * with its own α and β (none shared with another experiment).
 *
 * @param lik - the analysis likelihood
 * @returns true if {@link binnedToyBackend} can be used
 */
export function binnedBackendApplies(lik: AnalysisLikelihood): boolean {
  return lik.terms.every((t) => t.spec && t.prediction && t.chi2) && lik.combined.nuisances.every((n) => n.members.length === 1);
}

/**
 * The fast toy backend of detector-response analyses (see module doc); ν = (α₀, β₀, α₁, β₁, …).
 *
 * @param lik - the analysis likelihood (src/likelihood/buildAnalysisLikelihood.ts)
 * @returns the backend
 */
export function binnedToyBackend(lik: AnalysisLikelihood): ToyBackend {
  if (!binnedBackendApplies(lik)) throw new Error('binnedToyBackend needs detector-response experiments with unshared alpha, beta');
  const specs = lik.terms.map((t) => t.spec!);
  const real = boundBinned(
    lik,
    specs,
    lik.terms.map((t) => t.chi2!),
    new Float64Array(2 * specs.length),
  );
  const expectation = (k: number, theta: ArrayLike<number>, nu: ArrayLike<number>): Float64Array => {
    const s = lik.signal(k, theta);
    const b = specs[k]!.background;
    const out = new Float64Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = (1 + nu[2 * k]!) * s[i]! + (1 + nu[2 * k + 1]!) * b[i]!;
    return out;
  };
  const dataOf = (k: number, counts: Float64Array, kind: BinnedData['kind']): BinnedData => (specs[k]!.form === 'gaussian' ? { counts, sigma: specs[k]!.sigma!, kind } : { counts, kind });
  return {
    real,
    nExperiments: specs.length,
    nuisanceNames: specs.flatMap((sp) => [sp.alpha.name, sp.beta.name]),
    conditionalNuisances(theta: ArrayLike<number>): Float64Array {
      return Float64Array.from(lik.profiledChi2Details(theta).perExperiment.flatMap((p) => [p.alpha, p.beta]));
    },
    nominalNuisances(): Float64Array {
      return new Float64Array(2 * specs.length);
    },
    drawNuisances(stream: ToyStream): Float64Array {
      const draw = (sigma: number): number => (sigma > 0 && Number.isFinite(sigma) ? sigma * stream.normal() : 0);
      return Float64Array.from(specs.flatMap((sp) => [draw(sp.alpha.sigma), draw(sp.beta.sigma)]));
    },
    generate(theta: ArrayLike<number>, nu: Float64Array, stream: ToyStream, auxiliary: boolean): ToyData {
      const data = specs.map((spec, k) => {
        const mu = expectation(k, theta, nu);
        for (const i of spec.bins) {
          if (spec.form === 'gaussian') mu[i] = mu[i]! + spec.sigma![i]! * stream.normal();
          else mu[i] = stream.poisson(Math.max(0, mu[i]!));
        }
        return dataOf(k, mu, 'pseudo');
      });
      const aux = (sigma: number, v: number): number => (sigma > 0 && Number.isFinite(sigma) ? v + sigma * stream.normal() : 0);
      const centers = new Float64Array(2 * specs.length);
      if (auxiliary) {
        specs.forEach((sp, k) => {
          centers[2 * k] = aux(sp.alpha.sigma, nu[2 * k]!);
          centers[2 * k + 1] = aux(sp.beta.sigma, nu[2 * k + 1]!);
        });
      }
      return { data, centers };
    },
    expected(theta: ArrayLike<number>, nu: Float64Array): ToyData {
      return { data: specs.map((_, k) => dataOf(k, expectation(k, theta, nu), 'asimov')), centers: new Float64Array(2 * specs.length) };
    },
    bind(toy: ToyData): BoundLikelihood {
      const toySpecs = specs.map((spec, k) => specWithData(spec, toy.data[k]!.counts));
      return boundLikelihoodOf(lik, toySpecs, toy.centers);
    },
  };
}

function boundLikelihoodOf(lik: AnalysisLikelihood, specs: readonly BinnedLikelihoodSpec[], centers: Float64Array): BoundLikelihood {
  return boundBinned(lik, specs, specs.map(makeChi2), centers);
}

/**
 * The prior of a nuisance whose auxiliary measurement is `center` instead of the real one: the
 * constraint is moved (normal and truncated normal: mean; lognormal: mean of ln x), priors
 * without a measurement (uniform, log-uniform, half-normal) are unchanged.
 */
function movedPrior(prior: Prior, center: number): Prior {
  switch (prior.type) {
    case 'normal':
    case 'truncnormal':
      return { ...prior, mu: center };
    case 'lognormal':
      return { ...prior, mu: center };
    default:
      return prior;
  }
}

/** The auxiliary measurement (constraint centre) of a prior, in the units `movedPrior` takes. */
function priorCenter(prior: Prior): number {
  return prior.type === 'normal' || prior.type === 'truncnormal' || prior.type === 'lognormal' ? prior.mu : NaN;
}

/** A draw of the auxiliary measurement around the true value ν. */
function drawCenter(prior: Prior, nu: number, stream: ToyStream): number {
  switch (prior.type) {
    case 'normal':
    case 'truncnormal':
      return nu + prior.sigma * stream.normal();
    case 'lognormal':
      return Math.log(nu) + prior.sigma * stream.normal();
    default:
      return NaN;
  }
}

/** A model without its exact nuisance profile (so the combination minimises with the moved constraints). */
function withoutExactProfile(m: ExperimentModel): ExperimentModel {
  return Object.create(m, { profileNuisances: { value: undefined } }) as ExperimentModel;
}

function boundCombined(c: CombinedLikelihood): BoundLikelihood {
  return {
    physicsNames: c.physicsNames,
    profiledChi2(theta: ArrayLike<number>): number {
      return c.profile(theta).chi2;
    },
    marginalChi2(theta: ArrayLike<number>): number {
      const p = c.profile(theta);
      const n = p.nu.length;
      if (n === 0) return p.chi2;
      // Laplace: M = ½ Hessian of χ²(θ, ν) in ν at ν̂ by central differences
      const nu = Float64Array.from(p.nu);
      const h = c.nuisances.map((q, j) => 1e-4 * Math.max(q.width, Math.abs(nu[j]!), 1e-8));
      const f = (): number => c.chi2(theta, nu);
      const f0 = p.chi2;
      const m: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
      for (let i = 0; i < n; i++) {
        for (let j = i; j < n; j++) {
          const xi = nu[i]!;
          const xj = nu[j]!;
          let d: number;
          if (i === j) {
            nu[i] = xi + h[i]!;
            const fp = f();
            nu[i] = xi - h[i]!;
            const fm = f();
            nu[i] = xi;
            d = (fp - 2 * f0 + fm) / (h[i]! * h[i]!);
          } else {
            const at = (si: number, sj: number): number => {
              nu[i] = xi + si * h[i]!;
              nu[j] = xj + sj * h[j]!;
              const v = f();
              nu[i] = xi;
              nu[j] = xj;
              return v;
            };
            d = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * h[i]! * h[j]!);
          }
          m[i]![j] = m[j]![i] = 0.5 * d;
        }
      }
      const ld = logDet(m);
      return p.chi2 + (Number.isFinite(ld) ? ld : 0);
    },
  };
}

/**
 * The toy backend of any analysis through the experiment interface (see module doc).
 *
 * @param lik - the analysis likelihood (its `combined` likelihood is used)
 * @returns the backend
 */
export function interfaceToyBackend(lik: AnalysisLikelihood): ToyBackend {
  const c = lik.combined;
  const priors = c.nuisances.map((q) => q.prior);
  const realCenters = Float64Array.from(priors, priorCenter);
  return {
    real: boundCombined(c),
    nExperiments: c.models.length,
    nuisanceNames: c.nuisances.map((q) => q.name),
    conditionalNuisances(theta: ArrayLike<number>): Float64Array {
      return Float64Array.from(c.profile(theta).nu);
    },
    nominalNuisances(): Float64Array {
      return Float64Array.from(c.nuisances, (q) => q.nominal);
    },
    drawNuisances(stream: ToyStream): Float64Array {
      return Float64Array.from(priors, (p) => samplePrior(p, stream));
    },
    generate(theta: ArrayLike<number>, nu: Float64Array, stream: ToyStream, auxiliary: boolean): ToyData {
      const data = c.models.map((m, k) => m.generate(theta, Float64Array.from(c.localNu(k, nu)), stream));
      const centers = auxiliary ? Float64Array.from(priors, (p, g) => drawCenter(p, nu[g]!, stream)) : Float64Array.from(realCenters);
      return { data, centers };
    },
    expected(theta: ArrayLike<number>, nu: Float64Array): ToyData {
      const data = c.models.map((m, k) => {
        const counts = new Float64Array(m.nBins);
        m.expected(theta, Float64Array.from(c.localNu(k, nu)), counts);
        return { ...m.data, counts, kind: 'asimov' as const };
      });
      return { data, centers: Float64Array.from(realCenters) };
    },
    bind(toy: ToyData): BoundLikelihood {
      const moved = priors.some((p, g) => !Number.isNaN(toy.centers[g]!) && toy.centers[g] !== realCenters[g]);
      const models = c.models.map((m, k) => {
        const w = m.withData(toy.data[k]!);
        return moved ? withoutExactProfile(w) : w;
      });
      const nuisances = moved ? c.nuisances.map((q, g) => ({ ...q, prior: Number.isNaN(toy.centers[g]!) ? q.prior : movedPrior(q.prior, toy.centers[g]!) })) : c.nuisances;
      return boundCombined(combineModels(models, nuisances, c.pinned.length > 0 ? { pinned: c.pinned } : {}));
    },
  };
}

/**
 * The backend for an analysis: the fast binned one when it applies, else the interface one.
 *
 * @param lik - the analysis likelihood
 * @returns the backend
 */
export function toyBackend(lik: AnalysisLikelihood): ToyBackend {
  return binnedBackendApplies(lik) ? binnedToyBackend(lik) : interfaceToyBackend(lik);
}
