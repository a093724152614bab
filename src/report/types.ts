/**
 * Input of the HTML report: plain data gathered from a run (chains, summaries, profiles,
 * spectra, diagnostics, provenance). The report does no statistics of its own beyond what the
 * plots need; summaries and diagnostics come computed (src/summaries, src/diagnostics).
 */
import type { PlotParameter, SampleRun, SpectrumData, TauHistory, TraceData, LevelConvention } from '../plots/types.js';
import type { NuisancePull } from '../plots/pullPlot.js';

/** A nuisance row of the report: the pull-plot values plus the prior as written and its source. */
export interface ReportNuisancePull extends NuisancePull {
  /** the prior, e.g. `normal(0, 0.1)` */
  readonly prior: string;
  /** where the prior comes from */
  readonly source?: string;
  /** experiments that share it (ids) */
  readonly experiments: readonly string[];
}

/** A row of the prior table. */
export interface ReportPrior {
  /** parameter name (matches {@link PlotParameter.name}) */
  parameter: string;
  /** `physics` or `nuisance` */
  role: 'physics' | 'nuisance';
  /** prior type, e.g. `uniform`, `normal` */
  type: string;
  /** prior parameters by name, in parameter units, e.g. `{ min: -1e-6, max: 1e-6 }` */
  args: Readonly<Record<string, number>>;
  /** where the prior comes from (plain text) */
  source?: string;
}

/** Kind of a posterior interval. */
export type IntervalKind = 'eti' | 'hdi' | 'upper' | 'lower';

/** Posterior summary of one parameter. */
export interface ParameterSummary {
  /** parameter name (matches {@link PlotParameter.name}) */
  parameter: string;
  /** posterior median, parameter units */
  median: number;
  /** credible interval; `upper` limits have lo = −Infinity or the prior bound, `lower` limits hi = +Infinity */
  interval: { lo: number; hi: number; prob: number; kind: IntervalKind };
  /** Monte-Carlo standard error of the median (or of the quoted estimate), parameter units */
  mcse?: number;
  /**
   * Savage–Dickey Bayes factor of the nested model θ = `point` against the free parameter:
   * B₀₁ = p(θ₀|d)/p(θ₀) (Dickey 1971, doi:10.1214/aoms/1177693507; src/summaries `savageDickey`),
   * with its batch-means standard error. Shown in the summary table when present.
   */
  bayesFactor?: { point: number; bf01: number; bf01Se: number };
  /**
   * Multimodal marginals only (src/summaries/modes.ts): each mode's region and posterior mass with
   * its MCSE, and the highest-density region at `prob` (one interval per mode it covers), which the
   * corner-plot title then shows instead of median ± quantiles.
   */
  modes?: readonly { peak: number; lo: number; hi: number; mass: number; mcse: number }[];
  hdiRegion?: { intervals: readonly { lo: number; hi: number }[]; prob: number };
}

/** Parallel tempering: ladder, swap acceptance and the evidences (src/sampler/tempering). */
export interface ReportTempering {
  /** final ladder of each ensemble, β = 1 first */
  betas: readonly (readonly number[])[];
  /** swap acceptance per adjacent pair, per ensemble */
  swapAcceptance: readonly (readonly number[])[];
  /** steps during which the ladder adapted */
  adaptSteps: number;
  /** ln Z of the full model with its ladder and Monte Carlo errors (absent without a β = 0 rung) */
  evidence?: { lnZ: number; discretisationError: number; mcse: number };
  /** nested models θ = point: ln Z, evidence B₀₁ with errors of ln B₀₁, and the Savage–Dickey value */
  nested: readonly {
    parameter: string;
    point: number;
    lnZ: number;
    lnZDiscretisation: number;
    lnZMcse: number;
    bf01: number;
    lnBf01Discretisation: number;
    lnBf01Mcse: number;
    savageDickey?: { bf01: number; bf01Se: number };
    agreementZ?: number;
  }[];
}

/** A confidence interval from a profile likelihood. */
export interface ProfileInterval {
  /** lower end, parameter units (−Infinity if open) */
  lo: number;
  /** upper end, parameter units (+Infinity if open) */
  hi: number;
  /** confidence level, e.g. 0.9 */
  cl: number;
  /** Δχ² threshold used, e.g. 2.71 */
  deltaChi2: number;
}

/** 1-D profile-likelihood result. */
export interface ReportProfile1D {
  /** parameter name */
  parameter: string;
  /** grid in parameter units (ascending) */
  grid: ArrayLike<number>;
  /** Δχ² at each grid point */
  deltaChi2: ArrayLike<number>;
  /** best-fit value of the parameter, parameter units */
  bestFit?: number;
  /** intervals read off the profile */
  intervals: readonly ProfileInterval[];
}

/** 2-D profile-likelihood contour at one level. */
export interface ReportProfile2D {
  /** parameter on x */
  x: string;
  /** parameter on y */
  y: string;
  /** confidence level, e.g. 0.683 */
  cl: number;
  /** Δχ² threshold, e.g. 2.30 */
  deltaChi2: number;
  /** closed polygons of `[x, y]` in parameter units */
  polygons: ReadonlyArray<ReadonlyArray<readonly [number, number]>>;
}

/** Results of `nuem toys` (Feldman–Cousins construction) for one parameter, shown next to the profile. */
export interface ReportToys1D {
  /** parameter name */
  parameter: string;
  /** confidence level */
  cl: number;
  /** grid of the construction (parameter units) */
  grid: readonly number[];
  /** critical values t_c(θ) (smoothed), same length as grid */
  tc: readonly number[];
  /** the Wilks threshold Δχ²₁(cl) */
  wilksDeltaChi2: number;
  /** Feldman–Cousins intervals (ends with their toy standard errors; open = reaches the grid end) */
  fc: ReadonlyArray<{ lo: number; hi: number; loError: number; hiError: number; loOpen: boolean; hiOpen: boolean }>;
  /** Wilks intervals on the same grid */
  wilks: ReadonlyArray<{ lo: number; hi: number; loOpen: boolean; hiOpen: boolean }>;
  /** settings: toys per point, grid points, nuisance mode, seed, result file */
  settings: { toys: number; points: number; nuisances: string; seed: string; file: string };
  /** coverage rows, when a coverage study exists */
  coverage?: ReadonlyArray<{ truth: number; toys: number; wilks: { fraction: number; error: number }; fc: { fraction: number; error: number }; fcCriticalError?: number; bayes: { fraction: number; error: number } }>;
  /** expected-limit bands under the SM, when computed */
  expected?: { toys: number; bands: ReadonlyArray<{ method: string; limit: string; band: readonly number[]; asimov: number; openFraction: number }> };
}

/** A quantity derived from the fit (not a sampled parameter), e.g. the fitted CEvNS events of an SM fit. */
export interface ReportDerived {
  /** what it is, e.g. `fitted CEvNS events (coherent-csi-2021-2d)` */
  quantity: string;
  /** unit (`events`) */
  unit: string;
  /** at the profile-likelihood best fit and at the ends of its intervals */
  profile?: { best: number; intervals: ReadonlyArray<{ lo: number; hi: number; cl: number }> };
  /** posterior median and equal-tailed credible interval (from the draws) */
  posterior?: { median: number; lo: number; hi: number; prob: number };
  /** how it is computed */
  note?: string;
}

/** A published interval for comparison. */
export interface PublishedValue {
  /** parameter name */
  parameter: string;
  /** lower end (−Infinity for an upper limit) */
  lo: number;
  /** upper end */
  hi: number;
  /** confidence or credibility level, e.g. 0.9 */
  cl: number;
  /** citation (plain text), e.g. `COHERENT CsI, arXiv:2110.07730` */
  source: string;
}

/** Convergence diagnostics of the run. */
export interface ReportDiagnostics {
  /** total steps per walker */
  nSteps: number;
  /** walkers per ensemble */
  nWalkers: number;
  /** independent ensembles (R̂ is computed across them) */
  nEnsembles?: number;
  /** τ history for the τ(N) plot */
  tauHistory?: TauHistory;
  /** final τ per parameter (steps) */
  tau?: readonly number[];
  /**
   * rank-normalised split R̂ per parameter across ≥ 2 independent ensembles, each ensemble one
   * chain (its flattened draws in step order; Vehtari et al. 2021, arXiv:1903.08008; src/diagnostics
   * `ensembleDiagnostics`). Not shown when `nEnsembles` < 2.
   */
  rhat?: readonly number[];
  /**
   * τ-based effective sample size per parameter: Σ over ensembles of N·W/τ (emcee,
   * arXiv:1202.3665 §3; `ensembleDiagnostics(...).essTau`).
   */
  essTau?: readonly number[];
  /**
   * rank-normalised bulk ESS per parameter (Vehtari et al. 2021 §4.3) across ≥ 2 independent
   * ensembles (`ensembleRankEss` in src/report). Compatibility: callers written before `essTau` existed
   * stored the τ-based ESS here without `essTail`; when `essTau` and `essTail` are both absent,
   * `essBulk` is therefore shown as the τ-based ESS.
   */
  essBulk?: readonly number[];
  /** rank-normalised tail ESS per parameter (5 % and 95 % quantiles; Vehtari et al. 2021 §4.3), as `essBulk` */
  essTail?: readonly number[];
  /** mean acceptance fraction */
  acceptance?: number;
  /** acceptance fraction of every walker (checked against emcee's (0.1, 0.9) per-walker test range) */
  acceptanceFractions?: readonly number[];
  /** overall verdict of the convergence rule */
  converged: boolean;
  /** human-readable warnings (plain text): real problems, shown in the banner */
  warnings: readonly string[];
  /** informational notes about the run (plain text, e.g. R̂ extension rounds), shown without raising the banner */
  notes?: readonly string[];
}

/** Provenance of the run. */
export interface ReportProvenance {
  /** RNG seed */
  seed: number | string;
  /** hash of the serialised RNG state at the end of the run */
  rngStateHash?: string;
  /** hash of the model/analysis files */
  modelHash?: string;
  /** code version */
  codeVersion: string;
  /** git commit */
  gitCommit: string;
  /** node version */
  node?: string;
  /** dependency versions */
  dependencies?: Readonly<Record<string, string>>;
  /** wall-clock timings in seconds, by stage */
  timings_s?: Readonly<Record<string, number>>;
  /** chain file(s) the report was made from */
  chainFiles?: readonly string[];
  /** creation time (ISO 8601), given by the caller so that rendering stays deterministic */
  createdAt?: string;
}

/** Everything the report shows. */
export interface ReportInput {
  /** analysis id (used in the output path) and title */
  analysis: { id: string; title: string; description?: string };
  /** run id (used in the output path) */
  run: { id: string };
  /** the parameters, in sample-column order */
  parameters: readonly PlotParameter[];
  /** posterior draws: the main run first, then runs to compare */
  runs: readonly SampleRun[];
  /** posterior summaries of the main run */
  summaries: readonly ParameterSummary[];
  /** profile-likelihood results */
  profiles?: { oneD?: readonly ReportProfile1D[]; twoD?: readonly ReportProfile2D[] };
  /** published values to compare with */
  published?: readonly PublishedValue[];
  /** true (injected) values, by parameter name, for synthetic-data runs */
  truths?: Readonly<Record<string, number>>;
  /**
   * Standard-Model values of the physics parameters, by name (marked in the corner and profile
   * plots; `standardModelPoint` in src/report/parameterDisplay.ts)
   */
  standardModel?: Readonly<Record<string, number>>;
  /** the priors of the sampled parameters, shown as a table */
  priors?: readonly ReportPrior[];
  /** spectra (expected vs observed) */
  spectra?: readonly SpectrumData[];
  /** nuisance parameters: prior against post-fit (pull plot and table), optional */
  pulls?: readonly ReportNuisancePull[];
  /** the nuisance that is the parameter of interest of an SM fit (`interest: true`), marked in the summary table */
  interest?: { parameter: string };
  /** quantities derived from the fit (e.g. the fitted number of CEvNS events), a table under the summary */
  derived?: readonly ReportDerived[];
  /** convergence diagnostics */
  diagnostics: ReportDiagnostics;
  /** thinned walker traces */
  trace?: TraceData;
  /** provenance */
  provenance: ReportProvenance;
  /** visible notes about what the report could not show and why (plain text) */
  notes?: readonly string[];
  /** parallel tempering: evidence table and swap diagnostics */
  tempering?: ReportTempering;
  /** Feldman–Cousins results from `nuem toys`, when a result for the analysis exists */
  toys?: readonly ReportToys1D[];
  /** corner-plot settings */
  corner?: { bins?: number; levels?: LevelConvention; density1d?: 'hist' | 'kde' };
}
