import { describe, expect, it } from 'vitest';
import { logisticEfficiency, logisticEfficiencyZero_PE } from '../../../src/physics/detectors/logisticEfficiency.js';
import { loadExperiment } from '../../../src/experiments/loadExperiment.js';

const exp = loadExperiment('coherent-csi-2021');
const c = exp.response.type === 'coherent-csi-gamma' ? exp.response.efficiency : (() => { throw new Error('no gamma response'); })();

describe('logisticEfficiency(x_PE, coefficients) with the nominal release curve', () => {
  // physics.md §6 row 5 (H): ε_E(8, 10, 15, 20, 30 PE) = 0.07064, 0.24569, 0.67738, 0.89689, 0.98160; tolerance 1e-5
  it('reproduces the spec §6 row 5 reference values to 1e-5', () => {
    const ref: [number, number][] = [[8, 0.07064], [10, 0.24569], [15, 0.67738], [20, 0.89689], [30, 0.9816]];
    for (const [x, e] of ref) expect(Math.abs(logisticEfficiency(x, c) - e)).toBeLessThan(1e-5);
  });
  it('crosses zero at 7.068 PE (physics.md §3.2) and is clipped to 0 below', () => {
    const x0 = logisticEfficiencyZero_PE(c);
    expect(Math.abs(x0 - 7.068)).toBeLessThan(1e-3);
    expect(logisticEfficiency(x0 - 1e-9, c)).toBe(0);
    expect(logisticEfficiency(0, c)).toBe(0);
    expect(logisticEfficiency(x0 + 1e-3, c)).toBeGreaterThan(0);
  });
});
