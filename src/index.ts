/**
 * Public API of nuem (`import { … } from 'nuem'`): a deliberately small set of names, each
 * documented in docs/api.md. Everything else in src/ is internal and may change between
 * versions; the package's `exports` map makes only this module importable.
 *
 * Groups: sampling your own log-probability (emcee-style), diagnostics and summaries of any
 * chain, chain files (emcee's HDF5 layout, read and export), nuem's physics (experiments,
 * analyses, spectra, whole runs), provenance and errors.
 */

// sampling a user's own log-probability, emcee-style
export {
  EnsembleSampler,
  type LogProbFn,
  type EnsembleSamplerOptions,
  type RunMcmcOptions,
  type GetChainOptions,
  type SamplerState,
} from './sampler/EnsembleSampler.js';
export { StretchMove } from './sampler/moves/stretchMove.js';
export { WalkMove } from './sampler/moves/walkMove.js';
export { DEMove } from './sampler/moves/deMove.js';
export { DESnookerMove } from './sampler/moves/deSnookerMove.js';
export { GaussianMove } from './sampler/moves/gaussianMove.js';
export type { WeightedMove } from './sampler/EnsembleStepper.js';
export type { BatchLogProb, Move } from './sampler/types.js';
export type { ProgressInfo, UntilConverged } from './sampler/runSampler.js';
export type { RngKind, RngState } from './random/rng.js';

// diagnostics and summaries of any set of chains
export { autocorrTime, type AutocorrTimeOptions } from './diagnostics/autocorrTime.js';
export { rankRhat } from './diagnostics/rankRhat.js';
export { essBulk } from './diagnostics/essBulk.js';
export { essTail } from './diagnostics/essTail.js';
export type { Chains } from './diagnostics/chains.js';
export { summarizeParameter, type ParameterSummary, type SummarizeOptions, type SummaryMcse } from './summaries/summarizeParameter.js';

// chain files (emcee HDFBackend layout)
export { readChain, type ChainData, type ReadChainOptions } from './sampler/backends/readChain.js';
export type { ChainMetadata } from './sampler/backends/backend.js';

// nuem's physics: experiments, analyses, spectra, whole runs
export { EM_PARAMETERS, emParams, type EmParams, type EmParameterName, type EmParameterInfo, type Flavor } from './physics/parameters.js';
export { loadExperiment } from './experiments/loadExperiment.js';
export type { Experiment } from './physics/spectrum/experiment.js';
export { computeSpectrum, type SpectrumResult, type ComputeSpectrumOptions } from './physics/spectrum/computeSpectrum.js';
export { loadAnalysis, listAnalysisIds, type LoadedAnalysis, type LoadAnalysisOptions } from './experiments/loadAnalysis.js';
export { runAnalysis, type RunAnalysisOptions, type RunResult } from './pipeline/runAnalysis.js';

// provenance and errors
export { codeProvenance, CODE_VERSION, GIT_COMMIT, type CodeProvenance } from './provenance.js';
export { UserError } from './cli/userError.js';
export { SamplerError } from './sampler/SamplerError.js';
