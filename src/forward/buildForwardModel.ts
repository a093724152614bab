/**
 * The fast forward model of an experiment, built from the reference path `computeSpectrum`.
 *
 * One spectrum component per channel of the experiment (`{...exp, channels: [c]}`), so that each
 * channel gets its own balanced identification steps (see `buildForwardModelFromSpectra`); the
 * reference integrator is the only source of the integrals. Background is not part of the model
 * (as in `SpectrumResult.expected`, which is signal only): add `experimentBackground(exp)`.
 */
import type { EmParameterName, EmParams } from '../physics/parameters.js';
import { computeSpectrum } from '../physics/spectrum/computeSpectrum.js';
import type { Experiment } from '../physics/spectrum/experiment.js';
import { buildForwardModelFromSpectra, type ForwardModelOptions } from './buildForwardModelFromSpectra.js';
import type { ForwardModel } from './forwardModel.js';

/** Options of `buildForwardModel`. */
export interface BuildForwardModelOptions extends ForwardModelOptions {
  /** Grid scale passed to the reference path (default 1, i.e. the reference grids). */
  gridScale?: number;
}

/**
 * Precomputes the quadratic basis of an experiment's expected signal counts in `freeParams`.
 * @param exp experiment (from `loadExperiment`)
 * @param freeParams free EM parameters, in θ order (e.g. `['qee', 'qmumu']`)
 * @param fixed values of the other parameters and the expansion point (defaults: `emParams()`)
 * @param opts identification, verification and grid options
 * @returns the model: `evaluate(θ, out)` gives signal counts per bin identical to
 *   `computeSpectrum(exp, p).expected` to ~1e-12 relative (test/forward/buildForwardModel.test.ts)
 * @example buildForwardModel(loadExperiment('coherent-csi-2021'), ['qee', 'qmumu']).evaluate([1e-7, 0], out)
 * Reference: issue 3; docs/physics.md §4, §D.3.
 */
export function buildForwardModel(
  exp: Experiment,
  freeParams: readonly EmParameterName[],
  fixed: Partial<EmParams> = {},
  opts: BuildForwardModelOptions = {},
): ForwardModel {
  const gridScale = opts.gridScale ?? 1;
  if (exp.channels.length === 0) throw new Error(`buildForwardModel: experiment ${exp.id} has no channels`);
  const components = exp.channels.map((c) => {
    const variant: Experiment = exp.channels.length === 1 ? exp : { ...exp, channels: [c] };
    return (p: EmParams) => computeSpectrum(variant, p, { gridScale });
  });
  return buildForwardModelFromSpectra(components, freeParams, fixed, opts);
}
