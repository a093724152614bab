import { describe, expect, it } from 'vitest';
import { quenchedEnergy_keVee } from '../../../src/physics/detectors/quenchedEnergy.js';
import { loadExperiment } from '../../../src/experiments/loadExperiment.js';

const exp = loadExperiment('coherent-csi-2021');
const q = exp.response.type === 'coherent-csi-gamma' ? exp.response.quenching : (() => { throw new Error('no gamma response'); })();

describe('quenchedEnergy_keVee(T, coefficients) with the nominal release quartic', () => {
  // physics.md §6 row 6 (H): E_ee(10 keVnr) = 0.8820, E_ee(20 keVnr) = 2.0728 keVee, tolerance 1e-4
  it('gives 0.8820 keVee at 10 keVnr and 2.0728 keVee at 20 keVnr (spec §6 row 6, 1e-4)', () => {
    expect(Math.abs(quenchedEnergy_keVee(10, q) - 0.882)).toBeLessThan(1e-4);
    expect(Math.abs(quenchedEnergy_keVee(20, q) - 2.0728)).toBeLessThan(1e-4);
  });
  it('reads the nominal line of scintRespCoefficients.txt', () => {
    expect([...q]).toEqual([0.0554628, 4.30681, -111.707, 840.384]);
  });
  it('is 0 at T = 0 and clips negative polynomial values to 0', () => {
    expect(quenchedEnergy_keVee(0, q)).toBe(0);
    expect(quenchedEnergy_keVee(10, [-1, 0, 0, 0])).toBe(0);
  });
});
