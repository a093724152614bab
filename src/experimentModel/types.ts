/**
 * The experiment interface: everything an analysis, a profile, a toy study or a report needs from
 * one experiment, whatever its likelihood (Gaussian χ² on C − AC, Poisson on binned counts,
 * Asimov data, a user's own histogram) and however many observables it bins in.
 *
 * Conventions:
 * - **Bins.** An experiment bins in one or more observables (PE, arrival time, F90, …). The bins
 *   of several observables are flattened **row-major**: for observables (o₀, o₁, …, o_{m−1}) with
 *   n₀, n₁, … bins, bin (i₀, i₁, …, i_{m−1}) has the flat index
 *   ((i₀·n₁ + i₁)·n₂ + i₂)… — the LAST observable varies fastest (PE × time: all time bins of the
 *   first PE bin, then those of the second, …). Every per-bin array (data, expectation, parts)
 *   uses this flat index. See {@link flatBinIndex}.
 * - **Parameters.** θ = the free EM parameters of the analysis (in `physicsNames` order, the
 *   units of `src/physics/parameters.ts`), ν = the experiment's own nuisance parameters (in
 *   `nuisances` order, each in the units its declaration states). The fixed EM parameters are
 *   bound when the model is built.
 * - **Likelihood scale.** `logLikelihood` returns ln L up to a constant that depends on neither θ
 *   nor ν, normalised so that −2 ln L is the data χ²: the Gaussian sum Σ((d − μ)/σ)², or the
 *   Poisson deviance 2 Σ[μ − n + n ln(n/μ)] (Cash 1979, ApJ 228, 939; Baker & Cousins 1984,
 *   NIM 221, 437), plus any constraint observation the experiment owns (e.g. a side-band count).
 *   The nuisance priors are NOT part of `logLikelihood`: the posterior adds ln π(ν), the profile
 *   adds the penalty −2[ln π(ν) − max ln π] (see `nuisancePenalty`).
 * @module
 */
import type { EmParameterName, Flavor } from '../physics/parameters.js';
import type { Prior } from '../sampler/priors.js';
import type { Rng } from '../random/rng.js';

/** One binned observable of an experiment. */
export interface Observable {
  /** Short name used in files and reports (`PE`, `time`, `F90`, `energy`). */
  readonly name: string;
  /** Axis label for plots (`photoelectrons`, `arrival time`). */
  readonly label: string;
  /** Unit of the edges (`PE`, `us`, `keVee`, `` for dimensionless). */
  readonly unit: string;
  /** Bin edges, strictly increasing (n bins → n + 1 edges). */
  readonly edges: readonly number[];
}

/**
 * A nuisance parameter an experiment owns. Every systematic uncertainty is one of these, with
 * its prior and the source of that prior.
 */
export interface NuisanceDeclaration {
  /** Name, unique within the experiment (`alpha`, `flux`, `qf-a`, `brn-norm`). */
  readonly name: string;
  /**
   * Prior: `normal`, `lognormal`, `uniform`, `truncnormal` (also `halfnormal`, `loguniform`), as
   * in `src/sampler/priors.ts`. The posterior samples ν with it; the profile adds its penalty.
   */
  readonly prior: Prior;
  /** Value at which `expected` gives the nominal prediction (start of every fit; 0 for a relative shift, 1 for a scale factor). */
  readonly nominal: number;
  /** Typical 1σ scale of the parameter (initial ensembles, minimiser steps, pull plots). */
  readonly width: number;
  /** Where the prior comes from (publication, data release file, or "choice: …"). */
  readonly source: string;
  /** Display label (defaults to the name). */
  readonly label?: string;
  /** Unit of the value (`` for dimensionless). */
  readonly unit?: string;
  /**
   * Sharing key: in a combined analysis, nuisances of different experiments with the same key
   * are ONE parameter (e.g. `sns-flux` for the SNS neutrino flux normalisation).
   */
  readonly shared?: string;
}

/** Which statistic an experiment's likelihood uses in its bins. */
export type BinnedStatistic = 'gaussian' | 'poisson';

/** Data of a binned experiment: observed, Asimov or pseudo-data. */
export interface BinnedData {
  /** Events per bin (flat index; need not be integer for Asimov data or C − AC). */
  readonly counts: Float64Array;
  /** Gaussian statistic only: 1σ per bin (events). */
  readonly sigma?: Float64Array;
  /**
   * Constraint observations outside the binned grid, by name (e.g. `AC` = the anti-coincident
   * side-band count that constrains the steady-state background). Each is an array of counts.
   */
  readonly auxiliary?: Readonly<Record<string, Float64Array>>;
  /** What the data are. */
  readonly kind: 'observed' | 'asimov' | 'pseudo';
}

/** One additive part of the expectation. */
export interface ExpectedComponent {
  /** Name (`numu`, `nue`, `numubar`, `BRN`, `steady-state`, …). */
  readonly name: string;
  /** Signal (depends on θ) or background. */
  readonly kind: 'signal' | 'background';
  /** Flavour, for per-flavour signal parts. */
  readonly flavor?: Flavor;
  /** Channel (`cevns`, `electron`), when the part is one channel. */
  readonly channel?: string;
  /** Events per bin (flat index). */
  readonly counts: Float64Array;
}

/** The expectation of every bin and its additive parts (signal per flavour, each background). */
export interface ExpectedBreakdown {
  /** Expected events per bin, the sum of the components. */
  readonly total: Float64Array;
  /** The parts; Σ components = total (to rounding). */
  readonly components: readonly ExpectedComponent[];
}

/** Result of profiling an experiment's nuisances at fixed θ. */
export interface NuisanceProfile {
  /** −2 ln L + Σ nuisance penalties at the minimum. */
  readonly chi2: number;
  /** −2 ln L at the minimum (the data part). */
  readonly dataChi2: number;
  /** The minimising ν, in `nuisances` order. */
  readonly nu: Float64Array;
}

/**
 * One experiment behind the common interface (see module doc for the conventions). Instances are
 * immutable; `withData` returns a new instance that shares the prediction machinery.
 */
export interface ExperimentModel {
  /** Experiment id (model-file stem). */
  readonly id: string;
  /** Registry type that built it (`khan-chi2`, `asimov-poisson`, `binned`, …). */
  readonly type: string;
  /** Human-readable title. */
  readonly title: string;
  /** Observables; the bins are their row-major product. */
  readonly observables: readonly Observable[];
  /** Number of (flat) bins = Π (edges − 1). */
  readonly nBins: number;
  /** Flat indices of the bins that enter the likelihood (all bins unless the analysis selects some). */
  readonly binsUsed: readonly number[];
  /** Statistic of the bins. */
  readonly statistic: BinnedStatistic;
  /** The free EM parameters, θ order. */
  readonly physicsNames: readonly EmParameterName[];
  /** The experiment's nuisances, ν order (only free ones; pinned systematics are not listed). */
  readonly nuisances: readonly NuisanceDeclaration[];
  /** The data the likelihood is evaluated on. */
  readonly data: BinnedData;
  /**
   * Expected events per bin at (θ, ν). Allocation-free; the hot path of sampling and profiles.
   * @param theta - EM parameters (physicsNames order)
   * @param nu - nuisances (nuisances order)
   * @param out - destination, length ≥ nBins
   */
  expected(theta: ArrayLike<number>, nu: ArrayLike<number>, out: Float64Array): void;
  /**
   * The expectation and its parts (per flavour/channel signal, each background) at (θ, ν).
   * @param theta - EM parameters
   * @param nu - nuisances
   * @returns fresh arrays
   */
  expectedParts(theta: ArrayLike<number>, nu: ArrayLike<number>): ExpectedBreakdown;
  /**
   * ln L(θ, ν) (module doc: −2 ln L is the data χ²); −∞ where the prediction is invalid.
   * @param theta - EM parameters
   * @param nu - nuisances
   */
  logLikelihood(theta: ArrayLike<number>, nu: ArrayLike<number>): number;
  /**
   * ln L and its analytic gradient ∂ln L/∂ν (optional; profiles fall back to finite differences).
   * @param theta - EM parameters
   * @param nu - nuisances
   * @param grad - receives ∂ln L/∂ν_j, length ≥ nuisances.length
   * @returns ln L
   */
  logLikelihoodGradient?(theta: ArrayLike<number>, nu: ArrayLike<number>, grad: Float64Array): number;
  /**
   * Exact (closed-form or convex-Newton) minimum over ν of −2 ln L + penalties, when the model has
   * one (Khan's χ²: a 2 × 2 linear solve). Optional; otherwise the generic minimiser is used.
   * @param theta - EM parameters
   */
  profileNuisances?(theta: ArrayLike<number>): NuisanceProfile;
  /**
   * Pseudo-data at (θ, ν): Poisson draws of every bin (and every auxiliary observation) for the
   * Poisson statistic, Gaussian draws with the data's σ for the Gaussian one.
   * @param theta - EM parameters
   * @param nu - nuisances
   * @param rng - generator (its stream decides the draws)
   * @returns data of kind `pseudo`
   */
  generate(theta: ArrayLike<number>, nu: ArrayLike<number>, rng: Rng): BinnedData;
  /**
   * The same experiment with other data (pseudo-data of a toy, Asimov data, …).
   * @param data - counts (and σ / auxiliary observations as the statistic needs)
   * @returns a new model; `this` is unchanged
   */
  withData(data: BinnedData): ExperimentModel;
}

/**
 * Flat (row-major) index of a multi-dimensional bin, last observable fastest.
 * @param sizes - bins per observable (n₀, n₁, …)
 * @param index - (i₀, i₁, …), each 0 ≤ i_k < n_k
 * @returns ((i₀·n₁ + i₁)·n₂ + …)
 * @example flatBinIndex([9, 11], [2, 3]) // returns 25
 */
export function flatBinIndex(sizes: readonly number[], index: readonly number[]): number {
  if (sizes.length !== index.length) throw new RangeError(`${index.length} indices for ${sizes.length} observables`);
  let flat = 0;
  for (let k = 0; k < sizes.length; k++) {
    const i = index[k]!;
    if (!Number.isInteger(i) || i < 0 || i >= sizes[k]!) throw new RangeError(`bin index ${i} outside 0..${sizes[k]! - 1} of observable ${k}`);
    flat = flat * sizes[k]! + i;
  }
  return flat;
}

/**
 * Inverse of {@link flatBinIndex}.
 * @param sizes - bins per observable
 * @param flat - flat index
 * @returns (i₀, i₁, …)
 * @example unflattenBinIndex([9, 11], 25) // returns [2, 3]
 */
export function unflattenBinIndex(sizes: readonly number[], flat: number): number[] {
  const out = new Array<number>(sizes.length);
  let r = flat;
  for (let k = sizes.length - 1; k >= 0; k--) {
    out[k] = r % sizes[k]!;
    r = Math.floor(r / sizes[k]!);
  }
  if (r !== 0) throw new RangeError(`flat bin ${flat} outside the grid`);
  return out;
}

/**
 * Number of bins per observable.
 * @param observables - the observables
 * @returns edges.length − 1 for each
 */
export function binSizes(observables: readonly Observable[]): number[] {
  return observables.map((o) => o.edges.length - 1);
}

/**
 * Projection of a per-bin array onto one observable (sum over all the others).
 * @param observables - the observables defining the grid
 * @param values - per flat bin
 * @param axis - index of the observable kept
 * @returns one value per bin of that observable
 * @example projectOnto([pe, time], counts, 1) // the time distribution summed over PE
 */
export function projectOnto(observables: readonly Observable[], values: ArrayLike<number>, axis: number): Float64Array {
  const sizes = binSizes(observables);
  const n = sizes.reduce((a, b) => a * b, 1);
  if (values.length !== n) throw new RangeError(`${values.length} values for a grid of ${n} bins`);
  if (!(axis >= 0 && axis < sizes.length)) throw new RangeError(`no observable ${axis}`);
  const inner = sizes.slice(axis + 1).reduce((a, b) => a * b, 1);
  const m = sizes[axis]!;
  const out = new Float64Array(m);
  for (let f = 0; f < n; f++) out[Math.floor(f / inner) % m]! += values[f]!;
  return out;
}
