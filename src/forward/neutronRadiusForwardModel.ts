/**
 * The documented fallback for the Helm neutron rms radius R_n, which enters through F²(q) and is
 * not polynomial (docs/physics.md §3): quadratic EM models at a grid of R_n values, interpolated
 * with local cubic Lagrange weights (`interpolatedForwardModel`). Accuracy for ESS Ge over
 * R_n ∈ [3.8, 4.4] fm at 0.1 fm spacing is tested in test/forward/neutronRadiusForwardModel.test.ts
 * and quoted in docs/performance.md ("Forward model").
 */
import type { EmParameterName, EmParams } from '../physics/parameters.js';
import type { Experiment } from '../physics/spectrum/experiment.js';
import { buildForwardModel, type BuildForwardModelOptions } from './buildForwardModel.js';
import { interpolatedForwardModel, type InterpolatedForwardModel } from './interpolatedForwardModel.js';

/**
 * Copy of an experiment with a different Helm neutron rms radius (all nuclei).
 * @param exp experiment whose form factor is Helm
 * @param rn_fm neutron rms radius R_n in fm
 * @returns the variant (shares everything else with `exp`)
 * @example withNeutronRadius(loadExperiment('ess-ge'), 4.2).target.formFactor // { type: 'helm', rn_fm: 4.2, s_fm: 0.9 }
 * Reference: Helm form factor with R_0² = (5/3)(R_n² − 3s²), docs/physics.md §3.
 */
export function withNeutronRadius(exp: Experiment, rn_fm: number): Experiment {
  const ff = exp.target.formFactor;
  if (ff.type !== 'helm') throw new Error(`withNeutronRadius: experiment ${exp.id} uses a ${ff.type} form factor; R_n is a Helm parameter`);
  return { ...exp, target: { ...exp.target, formFactor: { ...ff, rn_fm } } };
}

/**
 * Forward model in (R_n, θ): quadratic in the EM parameters θ at every R_n node, cubic-Lagrange
 * interpolated in R_n. Evaluate with `model.evaluate(rn_fm, theta, out)`.
 * @param exp experiment with a Helm form factor
 * @param freeParams free EM parameters, in θ order
 * @param rnNodes_fm strictly increasing R_n grid in fm (≥ 4 nodes)
 * @param fixed other EM parameters (defaults: `emParams()`)
 * @param opts options passed to `buildForwardModel` at each node
 * @returns the interpolating model (extra parameter name `rn_fm`)
 * @example neutronRadiusForwardModel(essGe, ['qee'], [3.8, 3.9, 4.0, 4.1, 4.2, 4.3, 4.4]).evaluate(4.06, [1e-7], out)
 * Reference: Abramowitz & Stegun 25.2.2 (interpolation); docs/physics.md §3 (Helm).
 */
export function neutronRadiusForwardModel(
  exp: Experiment,
  freeParams: readonly EmParameterName[],
  rnNodes_fm: readonly number[],
  fixed: Partial<EmParams> = {},
  opts: BuildForwardModelOptions = {},
): InterpolatedForwardModel {
  return interpolatedForwardModel('rn_fm', rnNodes_fm, (rn) => buildForwardModel(withNeutronRadius(exp, rn), freeParams, fixed, opts));
}
