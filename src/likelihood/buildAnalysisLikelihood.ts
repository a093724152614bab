/**
 * The likelihood of an analysis: every experiment behind the experiment interface
 * (`src/experimentModel/types.ts`), combined with shared EM parameters and per-experiment (or
 * declared shared) nuisances (`src/experimentModel/combinedLikelihood.ts`).
 *
 * Detector-response experiments (files without a `type:`) get their statistic from the analysis
 * `likelihood` and own the signal scale α and background scale β:
 *
 * Likelihood forms (analysis `likelihood.type`):
 * - `khan-chi2`: Gaussian χ² with the experiment's N_obs, σ and background (Khan
 *   arXiv:2201.10578 eq. 7; inputs docs/physics.md §D.1);
 * - `asimov-chi2`: Gaussian χ² on Asimov data N_exp = signal(asimov point) + background with
 *   σ_i² = N_exp^i (ESS arXiv:2409.10652 eq. 15–16, reconstructed in ESS arXiv:2409.10652 eq. 15–16);
 * - `asimov-poisson`: Cash statistic on the same Asimov data;
 * - `poisson`: Cash statistic on the observed counts.
 * Their prediction is injected (`PredictionFactory`), so this module does no physics and no I/O.
 * Experiments of a registered type (`src/experimentModel/registry.ts`) build their own model.
 */
import { emParams, type EmParameterName, type EmParams } from '../physics/parameters.js';
import { UserError } from '../cli/userError.js';
import type { Experiment } from '../physics/spectrum/experiment.js';
import type { LoadedAnalysis, ResolvedNuisance } from '../experiments/loadAnalysis.js';
import type { LikelihoodSettings } from '../experiments/analysisSchema.js';
import { SPECTRUM_TYPE } from '../experiments/loadExperimentDefinition.js';
import { experimentType } from '../experimentModel/registry.js';
import { combineModels, type CombinedLikelihood, type CombinedNuisance, type ModelProfile, type PinnedNuisance } from '../experimentModel/combinedLikelihood.js';
import type { ExperimentModel, NuisanceDeclaration } from '../experimentModel/types.js';
import { spectrumModel } from '../experimentTypes/spectrum/spectrumModel.js';
import { asimovSpec, gaussianDataSpec, poissonDataSpec, type BinnedLikelihoodSpec, type NuisanceWidths } from './binnedLikelihoodSpec.js';
import type { BinnedChi2, ProfiledChi2 } from './makeChi2.js';

/** Expected signal counts per bin as a function of the free physics parameters. */
export interface SignalModel {
  /** Free parameters, in θ order. */
  readonly paramNames: readonly EmParameterName[];
  /** Number of bins. */
  readonly nBins: number;
  /** Writes the expected signal at θ into `out` (length ≥ nBins). */
  evaluate(theta: ArrayLike<number>, out: Float64Array): void;
}

/** What an analysis needs from the physics side for one experiment. */
export interface ExperimentPrediction {
  /** Signal (all channels and flavours) vs the free parameters. */
  readonly signal: SignalModel;
  /** Background counts per bin (independent of the EM parameters), if the experiment has any. */
  readonly background?: Float64Array;
}

/** Builds the prediction of one experiment for the given free parameters and fixed values. */
export type PredictionFactory = (experiment: Experiment, free: readonly EmParameterName[], fixed: Partial<EmParams>) => ExperimentPrediction;

/** One experiment's part of the likelihood. */
export interface AnalysisTerm {
  /** Experiment id. */
  readonly id: string;
  /** The experiment behind the common interface. */
  readonly model: ExperimentModel;
  /** Detector-response experiments only: the experiment. */
  readonly experiment?: Experiment;
  /** Detector-response experiments only: its χ² (data, background, bins, nuisance widths). */
  readonly chi2?: BinnedChi2;
  /** Detector-response experiments only: its signal model and background. */
  readonly prediction?: ExperimentPrediction;
  /** Detector-response experiments only: the data side of its χ² (src/toys rebuilds it with pseudo-data). */
  readonly spec?: BinnedLikelihoodSpec;
}

/** One experiment at the profiled nuisances. */
export interface ExperimentFit extends ProfiledChi2 {
  /** The experiment's own ν at the minimum, in `model.nuisances` order. */
  readonly nu: Float64Array;
  /** Names of those nuisances (the experiment's own names). */
  readonly nuNames: readonly string[];
}

/** The likelihood of a whole analysis. */
export interface AnalysisLikelihood {
  /** Free physics parameters, in θ order. */
  readonly physicsNames: readonly EmParameterName[];
  /** One term per experiment. */
  readonly terms: readonly AnalysisTerm[];
  /** The experiments combined: global nuisance vector (analysis `nuisances` with a prior, in order), ln L, profile. */
  readonly combined: CombinedLikelihood;
  /** min over ν of χ²(θ, ν) = −2 ln L + nuisance penalties. */
  profiledChi2(theta: ArrayLike<number>): number;
  /** The same, with the global ν̂ and the per-experiment fits (α̂, β̂ are 0 where an experiment has none). */
  profiledChi2Details(theta: ArrayLike<number>): { chi2: number; nu: Float64Array; perExperiment: ExperimentFit[] };
  /** Expected signal of detector-response experiment k at θ (a fresh array; throws for other experiments). */
  signal(k: number, theta: ArrayLike<number>): Float64Array;
}

function widthsOf(lk: LikelihoodSettings, nuisances: readonly ResolvedNuisance[], k: number, nBins: number): NuisanceWidths {
  const alpha = nuisances.find((n) => n.experimentIndex === k && n.target === 'signal')!;
  const beta = nuisances.find((n) => n.experimentIndex === k && n.target === 'background')!;
  const first = lk.bins ? lk.bins.first - 1 : 0;
  const last = lk.bins ? lk.bins.last - 1 : nBins - 1;
  return {
    sigmaAlpha: lk.sigmaAlpha,
    sigmaBeta: lk.sigmaBeta,
    bins: Array.from({ length: last - first + 1 }, (_, i) => first + i),
    names: { alpha: alpha.name, beta: beta.name },
  };
}

/** A detector-response experiment's model for the analysis likelihood type. */
/**
 * Refuses an experiment whose prediction is not finite at the default parameter point: inputs
 * that overflow double precision (a detector mass, exposure, baseline, background or radius far
 * outside the physical range) must stop the run with one line, not produce NaN results.
 */
function checkFinitePrediction(analysis: LoadedAnalysis, experiment: Experiment, prediction: ExperimentPrediction, theta: number[]): void {
  const s = new Float64Array(prediction.signal.nBins);
  prediction.signal.evaluate(theta, s);
  const bad = (a: ArrayLike<number>): number => Array.prototype.findIndex.call(a, (v: number) => !Number.isFinite(v));
  const bs = bad(s);
  const bb = prediction.background ? bad(prediction.background) : -1;
  if (bs >= 0 || bb >= 0) {
    throw new UserError(
      `${experiment.file ?? analysis.file}`,
      `the predicted ${bs >= 0 ? 'signal' : 'background'} of experiment ${experiment.id} is not a finite number in bin ${(bs >= 0 ? bs : bb) + 1} (an input such as the detector mass, exposure, baseline, background rate or a form-factor radius overflows double precision)`,
      'bring the magnitudes in the experiment file back to physical values (docs/limits.md)',
    );
  }
}

function spectrumTerm(analysis: LoadedAnalysis, k: number, experiment: Experiment, factory: PredictionFactory, physicsNames: readonly EmParameterName[]): AnalysisTerm {
  const fixed = analysis.spec.fixed as Partial<EmParams>;
  const lk = analysis.spec.likelihood!;
  const prediction = factory(experiment, physicsNames, fixed);
  const nBins = prediction.signal.nBins;
  const background = prediction.background ?? new Float64Array(nBins);
  const defaults = emParams(fixed);
  checkFinitePrediction(analysis, experiment, prediction, physicsNames.map((n) => defaults[n]));
  const widths = widthsOf(lk, analysis.nuisances, k, nBins);
  let spec: BinnedLikelihoodSpec;
  if (lk.type === 'khan-chi2' || lk.type === 'poisson') {
    const obs = experiment.observed;
    if (!obs) throw new Error(`experiment ${experiment.id} has no observed data`);
    spec = lk.type === 'khan-chi2' ? gaussianDataSpec(obs.counts, obs.sigma, background, widths) : poissonDataSpec(obs.counts, background, widths);
  } else {
    const asimov = (lk.asimov ?? {}) as Partial<EmParams>;
    const theta0 = physicsNames.map((n) => asimov[n] ?? fixed[n] ?? 0);
    const sm = new Float64Array(nBins);
    prediction.signal.evaluate(theta0, sm);
    spec = asimovSpec(lk.type === 'asimov-chi2' ? 'gaussian' : 'poisson', sm, background, widths);
  }
  const declarations: NuisanceDeclaration[] = [];
  for (const local of ['alpha', 'beta'] as const) {
    const n = analysis.nuisances.find((q) => q.members.some((m) => m.experiment === k && m.local === local));
    if (n) declarations.push({ name: local, prior: n.prior!, nominal: 0, width: n.sigma, source: n.source ?? 'analysis likelihood widths', ...(n.label ? { label: n.label } : {}) });
  }
  const model = spectrumModel({ type: lk.type, experiment, prediction, spec, nuisances: declarations });
  return { id: experiment.id, model, experiment, chi2: model.chi2, prediction, spec };
}

/**
 * The global nuisances of an analysis for {@link combineModels}: the analysis nuisances that have a
 * prior (pinned ones are not parameters), each mapped to its members' positions in their models.
 * @param analysis - the loaded analysis
 * @param models - the experiments' models, in `analysis.definitions` order
 * @returns the combined nuisances, in `analysis.nuisances` order
 */
export function combinedNuisancesOf(analysis: LoadedAnalysis, models: readonly ExperimentModel[]): CombinedNuisance[] {
  return analysis.nuisances
    .filter((n) => n.prior && n.members.length > 0)
    .map((n) => ({
      name: n.name,
      prior: n.prior!,
      nominal: n.nominal,
      width: n.sigma,
      members: n.members.map((m) => {
        const local = models[m.experiment]!.nuisances.findIndex((d) => d.name === m.local);
        if (local < 0) throw new Error(`experiment ${models[m.experiment]!.id} built no nuisance ${m.local}`);
        return { model: m.experiment, local };
      }),
    }));
}

/**
 * The nuisances an analysis holds at fixed values (`fixed:` in a nuisance's parameters entry),
 * mapped to their positions in their models.
 * @param analysis - the loaded analysis
 * @param models - the experiments' models, in `analysis.definitions` order
 * @returns the pinned nuisances for {@link combineModels}
 */
export function pinnedNuisancesOf(analysis: LoadedAnalysis, models: readonly ExperimentModel[]): PinnedNuisance[] {
  return analysis.nuisances
    .filter((n) => n.pinned !== undefined && n.members.length === 1)
    .map((n) => {
      const m = n.members[0]!;
      const local = models[m.experiment]!.nuisances.findIndex((d) => d.name === m.local);
      if (local < 0) throw new Error(`experiment ${models[m.experiment]!.id} built no nuisance ${m.local}`);
      return { model: m.experiment, local, value: n.pinned! };
    });
}

/**
 * Builds the likelihood of an analysis.
 *
 * @param analysis - loaded analysis (experiments, parameters, likelihood settings)
 * @param factory - how to predict each detector-response experiment's signal and background
 * @returns the summed χ² over experiments, with the nuisances profiled
 */
export function buildAnalysisLikelihood(analysis: LoadedAnalysis, factory: PredictionFactory): AnalysisLikelihood {
  const physicsNames = analysis.physics.map((p) => p.name);
  const fixed = analysis.spec.fixed as Partial<EmParams>;
  let spectrumIndex = 0;
  const terms: AnalysisTerm[] = analysis.definitions.map((def, k) => {
    if (def.type === SPECTRUM_TYPE) return spectrumTerm(analysis, k, analysis.experiments[spectrumIndex++]!, factory, physicsNames);
    const t = experimentType(def.type);
    if (!t) throw new Error(`experiment type ${def.type} is not registered`);
    const model = t.build(def, { physicsNames, fixed, where: def.file });
    const names = model.nuisances.map((n) => n.name).join(',');
    if (names !== def.nuisances.map((n) => n.name).join(',')) throw new Error(`experiment type ${def.type} built nuisances [${names}], its file declares [${def.nuisances.map((n) => n.name).join(', ')}]`);
    return { id: def.id, model };
  });
  const models = terms.map((t) => t.model);
  const pinned = pinnedNuisancesOf(analysis, models);
  const combined = combineModels(models, combinedNuisancesOf(analysis, models), { warmStart: analysis.spec.profile.warmStart, ...(pinned.length > 0 ? { pinned } : {}) });
  const fitOf = (k: number, p: ModelProfile): ExperimentFit => {
    const names = models[k]!.nuisances.map((n) => n.name);
    const ia = terms[k]!.chi2 ? names.indexOf('alpha') : -1;
    const ib = terms[k]!.chi2 ? names.indexOf('beta') : -1;
    return { chi2: p.chi2, dataChi2: p.dataChi2, alpha: ia >= 0 ? p.nu[ia]! : 0, beta: ib >= 0 ? p.nu[ib]! : 0, nu: p.nu, nuNames: names };
  };
  return {
    physicsNames,
    terms,
    combined,
    profiledChi2(theta: ArrayLike<number>): number {
      return combined.profile(theta).chi2;
    },
    profiledChi2Details(theta: ArrayLike<number>) {
      const p = combined.profile(theta);
      return { chi2: p.chi2, nu: p.nu, perExperiment: p.perModel.map((m, k) => fitOf(k, m)) };
    },
    signal(k: number, theta: ArrayLike<number>): Float64Array {
      const pred = terms[k]!.prediction;
      if (!pred) throw new Error(`experiment ${terms[k]!.id} (${terms[k]!.model.type}) has no separate signal model; use its model.expectedParts`);
      const out = new Float64Array(pred.signal.nBins);
      pred.signal.evaluate(theta, out);
      return out;
    },
  };
}
