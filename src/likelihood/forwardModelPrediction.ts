/**
 * The default prediction of an experiment for an analysis: the exact fast forward model of the
 * signal (issue 3, `buildForwardModel`, identical to the reference path `computeSpectrum` to
 * ~1e-12) plus the experiment's background (`experimentBackground`: released BRN + NIN templates
 * for COHERENT, docs/physics.md §D.1; flat ckkd × mass × width × days for the ESS, docs/physics.md §D.2).
 */
import type { EmParameterName, EmParams } from '../physics/parameters.js';
import type { Experiment } from '../physics/spectrum/experiment.js';
import { experimentBackground } from '../physics/spectrum/computeSpectrum.js';
import { buildForwardModel } from '../forward/buildForwardModel.js';
import type { ExperimentPrediction } from './buildAnalysisLikelihood.js';

/**
 * Builds the fast-forward-model prediction of one experiment.
 *
 * @param experiment - loaded experiment
 * @param free - free EM parameters, in θ order
 * @param fixed - values of the other parameters (defaults from `emParams`)
 * @returns signal model and background counts per bin
 */
export function forwardModelPrediction(experiment: Experiment, free: readonly EmParameterName[], fixed: Partial<EmParams>): ExperimentPrediction {
  const model = buildForwardModel(experiment, free, fixed);
  const background = experimentBackground(experiment);
  return { signal: model, ...(background ? { background } : {}) };
}
