/**
 * Effective number of electrons Z_eff(T_e) that can be ionised by an energy transfer T_e: the
 * number of atomic electrons whose binding energy is below T_e ("stepping approximation").
 * Binding energies: xraylib 4.0.0 EdgeEnergy / ElectronConfig, as tabulated in docs/physics.md §6
 * (the table of De Romeri et al., arXiv:2211.11905, which the ESS paper uses, was not retrievable).
 * A step happens strictly above the edge: Z_eff(edge) still excludes that shell.
 */

/** Atoms with a tabulated Z_eff. */
export type ZEffAtom = 'Cs' | 'I';

/** [binding energy in keV, electrons in that (sub)shell], from deepest to outermost. */
export const ATOMIC_SHELLS_keV: Readonly<Record<ZEffAtom, readonly (readonly [number, number])[]>> = Object.freeze({
  Cs: [
    [35.9846, 2], // K
    [5.7143, 2], // L1
    [5.3594, 2], // L2
    [5.0119, 4], // L3
    [1.2171, 2], // M1
    [1.065, 2], // M2
    [0.9976, 4], // M3
    [0.7395, 4], // M4
    [0.7255, 6], // M5
    [0.2308, 2], // N1
    [0.1723, 2], // N2
    [0.1616, 4], // N3
    [0.0788, 4], // N4
    [0.0765, 6], // N5
    [0.0227, 2], // O1
    [0.0131, 2], // O2
    [0.0114, 4], // O3
    [0.0039, 1], // 6s
  ],
  I: [
    [33.1694, 2], // K
    [5.1881, 2], // L1
    [4.8521, 2], // L2
    [4.5571, 4], // L3
    [1.0721, 2], // M1
    [0.9305, 2], // M2
    [0.8746, 4], // M3
    [0.6313, 4], // M4
    [0.6194, 6], // M5
    [0.1864, 2], // N1
    [0.1227, 6], // N2 + N3
    [0.0496, 10], // N4 + N5
    [0.0136, 2], // O1
    [0.0033, 5], // O2 + O3
  ],
});

/**
 * Z_eff(T_e) for Cs or I.
 * @param atom - 'Cs' (Z = 55) or 'I' (Z = 53)
 * @param Te_keV - electron recoil energy in keV
 * @returns number of electrons with binding energy < T_e (0 … Z). Source: docs/physics.md §6 tables.
 */
export function zEff(atom: ZEffAtom, Te_keV: number): number {
  const shells = ATOMIC_SHELLS_keV[atom];
  if (!shells) throw new RangeError(`zEff: no shell table for ${String(atom)}`);
  let n = 0;
  for (const [b, k] of shells) if (Te_keV > b) n += k;
  return n;
}

/**
 * The binding energies at which Z_eff(T_e) steps, ascending (useful as integration break points).
 * @param atom - 'Cs' or 'I'
 * @returns the edges in keV
 */
export function zEffEdges_keV(atom: ZEffAtom): number[] {
  return ATOMIC_SHELLS_keV[atom].map(([b]) => b).sort((x, y) => x - y);
}
