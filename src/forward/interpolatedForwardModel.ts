/**
 * Fallback for one parameter that does NOT enter polynomially (e.g. the neutron rms radius of the
 * Helm form factor, or a quenching-shape nuisance): quadratic forward models in the EM parameters
 * are built at the nodes x_j of a grid in that parameter, and evaluation interpolates between
 * them with local cubic Lagrange weights (`cubicLagrangeWeights`). The result is still exactly
 * quadratic in θ at every x; the only approximation is the interpolation in x, whose accuracy
 * depends on the grid and is measured against the reference path in test/forward and reported in
 * docs/performance.md ("Forward model"). Cost per evaluation: 4 fast evaluations.
 */
import { cubicLagrangeWeights } from './cubicLagrangeWeights.js';
import type { ForwardModel } from './forwardModel.js';

/** A forward model with one extra, interpolated parameter x. */
export interface InterpolatedForwardModel {
  /** Name of the interpolated parameter (for messages). */
  readonly extraName: string;
  /** Grid nodes in x. */
  readonly nodes: Float64Array;
  /** Quadratic models at the nodes. */
  readonly models: readonly ForwardModel[];
  /** Number of bins. */
  readonly nBins: number;
  /** Bytes of all node bases. */
  readonly basisBytes: number;
  /**
   * Expected counts at (x, θ). Allocation-free. Throws if x is outside the grid.
   * @param x value of the interpolated parameter (its unit)
   * @param theta EM parameters in the models' `paramNames` order
   * @param out destination, length ≥ nBins
   */
  evaluate(x: number, theta: ArrayLike<number>, out: Float64Array): void;
}

/**
 * Builds quadratic models at each grid node of a non-polynomial parameter and interpolates.
 * @param extraName name of the interpolated parameter (e.g. `rn_fm`)
 * @param nodes strictly increasing grid of x (its unit), at least 4 nodes
 * @param buildAt builds the quadratic model at a given x (e.g. from an experiment variant)
 * @returns the interpolating model
 * @example interpolatedForwardModel('rn_fm', [4.5, 4.7, 4.9, 5.1, 5.3], (rn) => buildForwardModel(withRn(exp, rn), ['qee'])).evaluate(4.83, [1e-7], out)
 * Reference: Abramowitz & Stegun 25.2.2 (Lagrange interpolation); issue 3 (fallback requirement).
 */
export function interpolatedForwardModel(extraName: string, nodes: readonly number[], buildAt: (x: number) => ForwardModel): InterpolatedForwardModel {
  if (nodes.length < 4) throw new Error(`interpolatedForwardModel: ${extraName} needs at least 4 grid nodes, got ${nodes.length}`);
  for (let i = 1; i < nodes.length; i++) {
    if (!(nodes[i] > nodes[i - 1])) throw new Error(`interpolatedForwardModel: ${extraName} grid must be strictly increasing (node ${i})`);
  }
  const x = Float64Array.from(nodes);
  const models = nodes.map(buildAt);
  const nBins = models[0].nBins;
  for (const m of models) {
    if (m.nBins !== nBins || m.paramNames.join() !== models[0].paramNames.join()) throw new Error('interpolatedForwardModel: node models differ in bins or parameters');
  }
  const w = new Float64Array(4);
  const tmp = new Float64Array(nBins);
  const lo = x[0];
  const hi = x[x.length - 1];
  return {
    extraName,
    nodes: x,
    models,
    nBins,
    basisBytes: models.reduce((s, m) => s + m.basisBytes, 0),
    evaluate(xv, theta, out) {
      if (!(xv >= lo && xv <= hi)) throw new Error(`interpolatedForwardModel: ${extraName} = ${xv} outside the grid [${lo}, ${hi}]`);
      const start = cubicLagrangeWeights(x, xv, w);
      for (let b = 0; b < nBins; b++) out[b] = 0;
      for (let j = 0; j < 4; j++) {
        models[start + j].evaluate(theta, tmp);
        const wj = w[j];
        for (let b = 0; b < nBins; b++) out[b] += wj * tmp[b];
      }
    },
  };
}
