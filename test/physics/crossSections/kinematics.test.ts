import { describe, expect, it } from 'vitest';
import { maxRecoil_keV, minNeutrinoEnergy_MeV } from '../../../src/physics/crossSections/kinematics.js';
import { meanNuclearMass_GeV, nuclearTarget } from '../../../src/physics/nuclei/nuclearTarget.js';

const mass = (id: 'Cs133' | 'I127') => nuclearTarget(id).isotopes[0]!.mass_GeV;
// the spec's Xe/Ge endpoints use the abundance-weighted mean mass ("(avg)")
const meanTmax = (id: 'Xe' | 'Ge', E: number) => maxRecoil_keV(E, meanNuclearMass_GeV(id));

describe('kinematics (spec §2.1 endpoints [HLP])', () => {
  it('prompt 29.79 MeV: T_max(Cs) = 14.34, T_max(I) = 15.01 keV, tol 0.005 keV', () => {
    expect(Math.abs(maxRecoil_keV(29.7921, mass('Cs133')) - 14.34)).toBeLessThan(0.005);
    expect(Math.abs(maxRecoil_keV(29.7921, mass('I127')) - 15.01)).toBeLessThan(0.005);
  });
  it('52.83 MeV: Cs 45.06, I 47.19, Xe 45.6, Ge 82.4 keV, tol 0.005 / 0.05 keV (rounding of the spec)', () => {
    expect(Math.abs(maxRecoil_keV(52.83, mass('Cs133')) - 45.06)).toBeLessThan(0.005);
    expect(Math.abs(maxRecoil_keV(52.83, mass('I127')) - 47.19)).toBeLessThan(0.005);
    expect(Math.abs(meanTmax('Xe', 52.83) - 45.6)).toBeLessThan(0.05);
    expect(Math.abs(meanTmax('Ge', 52.83) - 82.4)).toBeLessThan(0.05);
  });
  it('E_min is the exact inverse of T_max (round trip, rel 1e-12) and ≈ sqrt(M T/2) (Khan): the difference is T/2 + O(T sqrt(T/M))', () => {
    const M = mass('Cs133');
    for (const E of [5, 29.79, 52.83]) expect(Math.abs(minNeutrinoEnergy_MeV(maxRecoil_keV(E, M), M) / E - 1)).toBeLessThan(1e-12);
    const T = 10;
    const khan = Math.sqrt((M * T * 1e-6) / 2) * 1e3;
    expect(Math.abs(minNeutrinoEnergy_MeV(T, M) - khan)).toBeLessThanOrEqual(((T * 1e-3) / 2) * (1 + 1e-3));
    expect(Math.abs(minNeutrinoEnergy_MeV(T, M) - khan)).toBeGreaterThanOrEqual((T * 1e-3) / 2);
  });
});
