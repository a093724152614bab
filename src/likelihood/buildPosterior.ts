/**
 * The log-posterior of an analysis for the ensemble sampler.
 *
 * ln p(θ, α, β | d) = Σ_k ln L_k(s_k(θ), α_k, β_k) + Σ ln π(θ_j) + Σ ln π(α_k) + Σ ln π(β_k) + const,
 * with ln L_k = −χ²_k,data/2 (Gaussian χ² or Cash statistic, see `makeChi2`). The nuisance pulls
 * (α/σ_α)² + (β/σ_β)² of the profile χ² ARE the Gaussian nuisance priors here, so they enter once,
 * through the priors (Bayes' theorem; Gelman et al., BDA3 §1.3). Pinned nuisances (σ = 0) are
 * not sampled and stay at 0.
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
  // coordinate index of α_k and β_k (−1 = pinned at 0)
  const terms = likelihood.terms;
  const alphaIndex = terms.map((_, k) => {
    const i = sampledNuisances.findIndex((n) => n.experimentIndex === k && n.target === 'signal');
    return i < 0 ? -1 : dPhys + i;
  });
  const betaIndex = terms.map((_, k) => {
    const i = sampledNuisances.findIndex((n) => n.experimentIndex === k && n.target === 'background');
    return i < 0 ? -1 : dPhys + i;
  });
  const theta = new Float64Array(dPhys);
  const buffers = terms.map((t) => new Float64Array(t.prediction.signal.nBins));
  const logLikelihoodBatch: BatchLogProb = (coords, n, out) => {
    for (let i = 0; i < n; i++) {
      const row = i * D;
      for (let d = 0; d < dPhys; d++) theta[d] = coords[row + d]!;
      let ll = 0;
      for (let k = 0; k < terms.length && ll !== -Infinity; k++) {
        const s = buffers[k]!;
        terms[k]!.prediction.signal.evaluate(theta, s);
        const a = alphaIndex[k]! >= 0 ? coords[row + alphaIndex[k]!]! : 0;
        const b = betaIndex[k]! >= 0 ? coords[row + betaIndex[k]!]! : 0;
        ll += terms[k]!.chi2.logLikelihood(s, a, b);
      }
      out[i] = ll;
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
