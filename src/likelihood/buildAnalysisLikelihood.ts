/**
 * The likelihood of an analysis: one binned χ² per experiment (its own α, β), the signal of each
 * experiment predicted from the free physics parameters, summed over experiments.
 *
 * Likelihood forms (analysis `likelihood.type`):
 * - `khan-chi2`: Gaussian χ² with the experiment's N_obs, σ and background (Khan
 *   arXiv:2201.10578 eq. 7; inputs spec §3.3);
 * - `asimov-chi2`: Gaussian χ² on Asimov data N_exp = signal(asimov point) + background with
 *   σ_i² = N_exp^i (ESS arXiv:2409.10652 eq. 15–16, reconstructed in spec §5.3);
 * - `asimov-poisson`: Cash statistic on the same Asimov data;
 * - `poisson`: Cash statistic on the observed counts.
 * The prediction is injected (`PredictionFactory`), so this module does no physics and no I/O.
 */
import { emParams, type EmParameterName, type EmParams } from '../physics/parameters.js';
import { UserError } from '../cli/userError.js';
import type { Experiment } from '../physics/spectrum/experiment.js';
import type { LoadedAnalysis } from '../experiments/loadAnalysis.js';
import { asimovSpec, gaussianDataSpec, poissonDataSpec, type BinnedLikelihoodSpec, type NuisanceWidths } from './binnedLikelihoodSpec.js';
import { makeChi2, type BinnedChi2, type ProfiledChi2 } from './makeChi2.js';

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
  /** The experiment. */
  readonly experiment: Experiment;
  /** Its χ² (data, background, bins, nuisance widths). */
  readonly chi2: BinnedChi2;
  /** Its prediction. */
  readonly prediction: ExperimentPrediction;
}

/** The likelihood of a whole analysis. */
export interface AnalysisLikelihood {
  /** Free physics parameters, in θ order. */
  readonly physicsNames: readonly EmParameterName[];
  /** One term per experiment. */
  readonly terms: readonly AnalysisTerm[];
  /** Σ_k min_{α_k, β_k} χ²_k(θ). */
  profiledChi2(theta: ArrayLike<number>): number;
  /** The same, with the per-experiment best nuisances. */
  profiledChi2Details(theta: ArrayLike<number>): { chi2: number; perExperiment: ProfiledChi2[] };
  /** Expected signal of experiment k at θ (a fresh array). */
  signal(k: number, theta: ArrayLike<number>): Float64Array;
}

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

function widthsOf(analysis: LoadedAnalysis, k: number, nBins: number): NuisanceWidths {
  const lk = analysis.spec.likelihood;
  const nuis = analysis.nuisances.filter((n) => n.experimentIndex === k);
  const alpha = nuis.find((n) => n.target === 'signal')!;
  const beta = nuis.find((n) => n.target === 'background')!;
  const first = lk.bins ? lk.bins.first - 1 : 0;
  const last = lk.bins ? lk.bins.last - 1 : nBins - 1;
  return {
    sigmaAlpha: lk.sigmaAlpha,
    sigmaBeta: lk.sigmaBeta,
    bins: Array.from({ length: last - first + 1 }, (_, i) => first + i),
    names: { alpha: alpha.name, beta: beta.name },
  };
}

/**
 * Builds the likelihood of an analysis.
 *
 * @param analysis - loaded analysis (experiments, parameters, likelihood settings)
 * @param factory - how to predict each experiment's signal and background
 * @returns the summed χ² over experiments, with nuisances profiled per experiment
 */
export function buildAnalysisLikelihood(analysis: LoadedAnalysis, factory: PredictionFactory): AnalysisLikelihood {
  const physicsNames = analysis.physics.map((p) => p.name);
  const fixed = analysis.spec.fixed as Partial<EmParams>;
  const lk = analysis.spec.likelihood;
  const defaults = emParams(fixed);
  const terms: AnalysisTerm[] = analysis.experiments.map((experiment, k) => {
    const prediction = factory(experiment, physicsNames, fixed);
    const nBins = prediction.signal.nBins;
    const background = prediction.background ?? new Float64Array(nBins);
    checkFinitePrediction(analysis, experiment, prediction, physicsNames.map((n) => defaults[n]));
    const widths = widthsOf(analysis, k, nBins);
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
    return { experiment, chi2: makeChi2(spec), prediction };
  });
  const buffers = terms.map((t) => new Float64Array(t.prediction.signal.nBins));
  const details = (theta: ArrayLike<number>): { chi2: number; perExperiment: ProfiledChi2[] } => {
    let chi2 = 0;
    const perExperiment = terms.map((t, k) => {
      const s = buffers[k]!;
      t.prediction.signal.evaluate(theta, s);
      const p = t.chi2.profileNuisances(s);
      chi2 += p.chi2;
      return p;
    });
    return { chi2, perExperiment };
  };
  return {
    physicsNames,
    terms,
    profiledChi2(theta: ArrayLike<number>): number {
      let chi2 = 0;
      for (let k = 0; k < terms.length; k++) {
        const s = buffers[k]!;
        terms[k]!.prediction.signal.evaluate(theta, s);
        chi2 += terms[k]!.chi2.profileNuisances(s).chi2;
      }
      return chi2;
    },
    profiledChi2Details: details,
    signal(k: number, theta: ArrayLike<number>): Float64Array {
      const out = new Float64Array(terms[k]!.prediction.signal.nBins);
      terms[k]!.prediction.signal.evaluate(theta, out);
      return out;
    },
  };
}
