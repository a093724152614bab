/**
 * The log-posterior of an analysis for the ensemble sampler.
 *
 * ln p(θ, ν | d) = Σ_k ln L_k(θ, ν_[k]) + Σ ln π(θ_j) + Σ ln π(ν_p) + const, with ln L_k the
 * experiment's log-likelihood (−χ²_k,data/2: Gaussian χ² or Poisson deviance, see
 * `src/experimentModel/types.ts`) and ν the analysis nuisances (α, β per detector-response
 * experiment, the declared nuisances of the others, shared ones once). The nuisance pulls of the
 * profile χ² ARE the nuisance priors here, so they enter once, through the priors (Bayes' theorem;
 * Gelman et al., BDA3 §1.3). Pinned nuisances (σ = 0) are not sampled and stay at 0.
 */
import type { LoadedAnalysis } from '../experiments/loadAnalysis.js';
import type { SampledParameter } from '../sampler/priors.js';
import type { BatchLogProb } from '../sampler/types.js';
import { makeLogPosterior } from '../sampler/makeLogPosterior.js';
import { buildAnalysisLikelihood, type AnalysisLikelihood, type PredictionFactory } from './buildAnalysisLikelihood.js';
import { forwardModelPrediction } from './forwardModelPrediction.js';

/** A posterior ready for the sampler. */
export interface Posterior {
  /** Coordinate names: free physics parameters, then the sampled nuisances. */
  readonly paramNames: readonly string[];
  /** Sampled parameters with priors and roles, in coordinate order. */
  readonly parameters: readonly SampledParameter[];
  /** Batched log-posterior over row-major n × ndim coordinates. */
  readonly logProbBatch: BatchLogProb;
  /** Batched log-likelihood (no priors) over the same coordinates. */
  readonly logLikelihoodBatch: BatchLogProb;
  /** The underlying analysis likelihood (also used by profiles). */
  readonly likelihood: AnalysisLikelihood;
}

/**
 * Builds the posterior of an analysis.
 *
 * @param analysis - loaded analysis
 * @param factory - prediction of each experiment (default: the exact fast forward model)
 * @returns names, priors and the batched log-posterior
 */
export function buildPosterior(analysis: LoadedAnalysis, factory: PredictionFactory = forwardModelPrediction): Posterior {
  const likelihood = buildAnalysisLikelihood(analysis, factory);
  const physics: SampledParameter[] = analysis.physics.map((p) => ({ name: p.name, prior: p.prior, role: 'physics' }));
  const sampledNuisances = analysis.nuisances.filter((n) => n.prior);
  const nuisances: SampledParameter[] = sampledNuisances.map((n) => ({ name: n.name, prior: n.prior!, role: 'nuisance' }));
  const parameters = [...physics, ...nuisances];
  const D = parameters.length;
  const dPhys = physics.length;
  // the sampled nuisances are exactly the combined likelihood's global ν, in the same order
  const combined = likelihood.combined;
  if (combined.nuisances.map((n) => n.name).join(',') !== sampledNuisances.map((n) => n.name).join(',')) {
    throw new Error('buildPosterior: sampled nuisances differ from the likelihood nuisances');
  }
  const theta = new Float64Array(dPhys);
  const logLikelihoodBatch: BatchLogProb = (coords, n, out) => {
    for (let i = 0; i < n; i++) {
      const row = i * D;
      for (let d = 0; d < dPhys; d++) theta[d] = coords[row + d]!;
      out[i] = combined.logLikelihood(theta, coords.subarray(row + dPhys, row + D));
    }
  };
  return {
    paramNames: parameters.map((p) => p.name),
    parameters,
    logProbBatch: makeLogPosterior(parameters, logLikelihoodBatch),
    logLikelihoodBatch,
    likelihood,
  };
}
