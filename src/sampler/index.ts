/** Ensemble sampler: moves, stepper, run loop, backends, priors, targets, parallel ensembles. */
export type { BatchLogProb, Move, MoveSpec, ProposalContext } from './types.js';
export { SamplerError } from './SamplerError.js';
export { EnsembleStepper, checkLogProbs, formatPoint, type WeightedMove, type StepperOptions } from './EnsembleStepper.js';
export { runSampler, STUCK_ACCEPTANCE, MAX_INITIAL_CONDITION, type RunSamplerOptions, type SamplerResult, type UntilConverged, type ProgressInfo } from './runSampler.js';
export { walkersConditionNumber } from './initialStateCheck.js';
export { initialBall } from './initialBall.js';
export { StretchMove } from './moves/stretchMove.js';
export { WalkMove } from './moves/walkMove.js';
export { DEMove } from './moves/deMove.js';
export { DESnookerMove } from './moves/deSnookerMove.js';
export { GaussianMove } from './moves/gaussianMove.js';
export { makeMove, makeMoves, parseMoveSpec } from './moves/makeMove.js';
export { MemoryBackend } from './backends/memoryBackend.js';
export type { ChainBackend, ChainMetadata, ResumeState } from './backends/backend.js';
export { priorSchema, priorLogPdf, priorInSupport, samplePrior, priorMoments, type Prior, type SampledParameter, type ParameterRole } from './priors.js';
export { makeLogPosterior } from './makeLogPosterior.js';
export { builtinTarget, BUILTIN_TARGETS, type BuiltinTargetConfig, type ResolvedTarget } from './targets/builtinTarget.js';
export { gaussianTarget } from './targets/gaussianTarget.js';
export { bananaTarget } from './targets/bananaTarget.js';
export { bimodalTarget } from './targets/bimodalTarget.js';
export { resolveTarget, builtinTargetSpec, type TargetSpec } from './TargetSpec.js';
export { runEnsembleJob, type EnsembleJob, type EnsembleJobResult } from './parallel/EnsembleJob.js';
export { runEnsembles } from './parallel/runEnsembles.js';
export type { EnsembleRunResult } from './parallel/EnsembleRunResult.js';
export { samplingModelHash, type SamplingRunOptions } from './SamplingRunOptions.js';
export { runFromOptions, type RunFromOptions, type SampleSummary } from './runFromOptions.js';
export { runEnsemblesFromOptions, ensembleOutPath, type RunEnsemblesFromOptions, type EnsembleSummary } from './runEnsemblesFromOptions.js';
export { MomentTee } from './MomentTee.js';
export {
  Hdf5Backend,
  DEFAULT_CHECKPOINT_INTERVAL_MS,
  DEFAULT_MAX_BUFFER_STEPS,
  DEFAULT_MAX_BUFFER_BYTES,
  DEFAULT_FSYNC_INTERVAL_MS,
  type Hdf5BackendOptions,
} from './backends/hdf5Backend.js';
export { readChain, type ChainData, type ReadChainOptions } from './backends/readChain.js';
