/** One nuclear isotope as a scattering target. */
import { ATOMIC_MASS_UNIT_GeV, ELECTRON_MASS_GeV } from '../../units/constants.js';

/** A nuclear isotope: proton number Z, neutron number N, mass number A, nuclear mass, and its fraction of the target nuclei. */
export interface Isotope {
  /** Proton number. */
  Z: number;
  /** Neutron number. */
  N: number;
  /** Mass number Z + N. */
  A: number;
  /** Nuclear (not atomic) mass in GeV. */
  mass_GeV: number;
  /** Number fraction of this isotope among the nuclei of its element (abundances of an element sum to 1). */
  abundance: number;
}

/**
 * Nuclear mass from the atomic mass: M = m_atom[u] · 0.93149410242 GeV − Z m_e
 * (electron binding energies, ≲ 0.2 MeV in total for Cs, are neglected). Source: docs/physics.md §1.
 * @param atomicMass_u - atomic mass in unified atomic mass units
 * @param Z - proton number
 * @returns nuclear mass in GeV (133Cs: 123.7725 GeV, 127I: 118.1837 GeV)
 */
export function nuclearMassFromAtomic_GeV(atomicMass_u: number, Z: number): number {
  return atomicMass_u * ATOMIC_MASS_UNIT_GeV - Z * ELECTRON_MASS_GeV;
}

/**
 * Builds an isotope from Z, A, the atomic mass and the abundance.
 * @param Z - proton number
 * @param A - mass number
 * @param atomicMass_u - atomic mass in u
 * @param abundance - number fraction within the element
 * @returns the isotope with its nuclear mass
 */
export function makeIsotope(Z: number, A: number, atomicMass_u: number, abundance: number): Isotope {
  return Object.freeze({ Z, N: A - Z, A, mass_GeV: nuclearMassFromAtomic_GeV(atomicMass_u, Z), abundance });
}
