import { describe, expect, it } from 'vitest';
import { ATOMIC_SHELLS_keV, zEff, zEffEdges_keV } from '../../../src/physics/crossSections/zEff.js';

// The step tables of physics spec §2.8: [lower edge (exclusive), upper edge (inclusive), Z_eff].
const CS_TABLE: [number, number, number][] = [
  [35.9846, Infinity, 55], [5.7143, 35.9846, 53], [5.3594, 5.7143, 51], [5.0119, 5.3594, 49], [1.2171, 5.0119, 45],
  [1.065, 1.2171, 43], [0.9976, 1.065, 41], [0.7395, 0.9976, 37], [0.7255, 0.7395, 33], [0.2308, 0.7255, 27],
  [0.1723, 0.2308, 25], [0.1616, 0.1723, 23], [0.0788, 0.1616, 19], [0.0765, 0.0788, 15], [0.0227, 0.0765, 9],
  [0.0131, 0.0227, 7], [0.0114, 0.0131, 5], [0.0039, 0.0114, 1], [0, 0.0039, 0],
];
const I_TABLE: [number, number, number][] = [
  [33.1694, Infinity, 53], [5.1881, 33.1694, 51], [4.8521, 5.1881, 49], [4.5571, 4.8521, 47], [1.0721, 4.5571, 43],
  [0.9305, 1.0721, 41], [0.8746, 0.9305, 39], [0.6313, 0.8746, 35], [0.6194, 0.6313, 31], [0.1864, 0.6194, 25],
  [0.1227, 0.1864, 23], [0.0496, 0.1227, 17], [0.0136, 0.0496, 7], [0.0033, 0.0136, 5], [0, 0.0033, 0],
];

describe('Z_eff(T_e) stepping (spec §2.8 tables)', () => {
  it.each([
    ['Cs', CS_TABLE],
    ['I', I_TABLE],
  ] as const)('%s: every row of the table, at its upper edge (inclusive) and just above its lower edge', (atom, table) => {
    for (const [lo, hi, z] of table) {
      if (Number.isFinite(hi)) expect(zEff(atom, hi)).toBe(z);
      expect(zEff(atom, lo + 1e-9)).toBe(z);
      expect(zEff(atom, Number.isFinite(hi) ? 0.5 * (lo + hi) : 100)).toBe(z);
    }
  });
  it('totals are Z (55, 53) and the step edges are the binding energies', () => {
    expect(ATOMIC_SHELLS_keV.Cs.reduce((s, [, n]) => s + n, 0)).toBe(55);
    expect(ATOMIC_SHELLS_keV.I.reduce((s, [, n]) => s + n, 0)).toBe(53);
    expect(zEffEdges_keV('Cs')[0]).toBe(0.0039);
    expect(zEffEdges_keV('I').at(-1)).toBe(33.1694);
    expect(zEff('Cs', 0)).toBe(0);
  });
});
