import { describe, expect, it } from 'vitest';
import { meanNuclearMass_GeV, NUCLEAR_TARGET_IDS, nuclearTarget } from '../../../src/physics/nuclei/nuclearTarget.js';
import { nuclearMassFromAtomic_GeV } from '../../../src/physics/nuclei/isotope.js';

describe('nuclear targets', () => {
  it('133Cs and 127I nuclear masses 123.7725 and 118.1837 GeV (physics spec §0.2 [HLP]), tol 1e-4 GeV', () => {
    expect(Math.abs(nuclearTarget('Cs133').isotopes[0]!.mass_GeV - 123.7725)).toBeLessThan(1e-4);
    expect(Math.abs(nuclearTarget('I127').isotopes[0]!.mass_GeV - 118.1837)).toBeLessThan(1e-4);
  });
  it('M = m_atom·u − Z m_e exactly (spec §0.2 formula)', () => {
    expect(nuclearMassFromAtomic_GeV(132.90545196, 55)).toBeCloseTo(132.90545196 * 0.93149410242 - 55 * 0.00051099895, 12);
  });
  it('abundances sum to 1 (tol 1e-15), Z/N/A consistent, for every target', () => {
    for (const id of NUCLEAR_TARGET_IDS) {
      const t = nuclearTarget(id);
      expect(Math.abs(t.isotopes.reduce((s, i) => s + i.abundance, 0) - 1)).toBeLessThan(1e-15);
      for (const i of t.isotopes) {
        expect(i.Z + i.N).toBe(i.A);
        expect(Math.abs(i.mass_GeV / i.A - 0.931)).toBeLessThan(0.003); // binding ≈ 8 MeV/nucleon
      }
    }
  });
  it('natural Xe and Ge: mean atomic mass equals the IUPAC standard atomic weight 131.293 and 72.630 u, tol 0.003 u', () => {
    const meanAtomic_u = (id: 'Xe' | 'Ge', Z: number) => (meanNuclearMass_GeV(id) + Z * 0.00051099895) / 0.93149410242;
    expect(Math.abs(meanAtomic_u('Xe', 54) - 131.293)).toBeLessThan(0.003);
    expect(Math.abs(meanAtomic_u('Ge', 32) - 72.63)).toBeLessThan(0.003);
    expect(meanNuclearMass_GeV('Ar40')).toBeCloseTo(nuclearTarget('Ar40').isotopes[0]!.mass_GeV, 12);
  });
});
