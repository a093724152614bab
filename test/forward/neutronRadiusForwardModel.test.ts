/**
 * Accuracy of the non-polynomial fallback for the Helm neutron radius (issue 3): ESS Ge, R_n grid
 * 3.8…4.4 fm at 0.1 fm, checked against the reference path at off-node radii and random
 * millicharges. Stated accuracy: 1e-5 relative per bin (the cubic-Lagrange remainder scales as
 * h⁴ ∂⁴F²/∂R_n⁴; measured worst case is recorded in docs/performance.md). Exactly quadratic in
 * θ at the nodes, so node values must match to 1e-9.
 */
import { describe, expect, it } from 'vitest';
import { neutronRadiusForwardModel, withNeutronRadius } from '../../src/forward/neutronRadiusForwardModel.js';
import { loadExperiment } from '../../src/experiments/loadExperiment.js';
import { emParams } from '../../src/physics/parameters.js';
import { computeSpectrum } from '../../src/physics/spectrum/computeSpectrum.js';
import { lcg } from './exactness.js';

const GRID = 0.5;

describe('neutronRadiusForwardModel(exp, freeParams, rnNodes)', () => {
  it('ESS Ge: within 1e-5 relative per bin of the reference at 8 off-node radii in [3.8, 4.4] fm, 1e-9 at nodes', () => {
    const exp = loadExperiment('ess-ge');
    const nodes = Array.from({ length: 7 }, (_, i) => 3.8 + 0.1 * i);
    const m = neutronRadiusForwardModel(exp, ['qee', 'qmumu'], nodes, {}, { gridScale: GRID });
    const out = new Float64Array(m.nBins);
    const rnd = lcg(11);
    let worstOff = 0;
    let worstNode = 0;
    for (let i = 0; i < 12; i++) {
      const atNode = i < 4;
      const rn = atNode ? nodes[1 + i] : 3.8 + 0.6 * rnd();
      const theta = [(2 * rnd() - 1) * 1e-6, (2 * rnd() - 1) * 1e-6];
      const ref = computeSpectrum(withNeutronRadius(exp, rn), emParams({ qee: theta[0], qmumu: theta[1] }), { gridScale: GRID }).expected;
      m.evaluate(rn, theta, out);
      for (let b = 0; b < m.nBins; b++) {
        const rel = Math.abs(out[b] / ref[b] - 1);
        if (atNode) worstNode = Math.max(worstNode, rel);
        else worstOff = Math.max(worstOff, rel);
      }
    }
    expect(worstNode).toBeLessThan(1e-9);
    expect(worstOff).toBeLessThan(1e-5);
  });

  it('rejects a Klein–Nystrand experiment (R_n is a Helm parameter)', () => {
    expect(() => withNeutronRadius(loadExperiment('coherent-csi-2021'), 5)).toThrow(/klein-nystrand/);
  });
});
