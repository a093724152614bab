/** Elastic-scattering kinematics for a neutrino of energy E on a target of mass M at rest (docs/physics.md §5). */
import { GeVTokeV, keVToGeV, MeVToGeV, GeVToMeV } from '../../units/conversions.js';

/**
 * Maximum recoil kinetic energy T_max = 2E²/(M + 2E).
 * @param E_MeV - neutrino energy in MeV
 * @param targetMass_GeV - target mass in GeV (nucleus or electron)
 * @returns T_max in keV (14.34 keV for the 29.79 MeV line on Cs). Source: docs/physics.md §5.
 */
export function maxRecoil_keV(E_MeV: number, targetMass_GeV: number): number {
  const E = MeVToGeV(E_MeV);
  return GeVTokeV((2 * E * E) / (targetMass_GeV + 2 * E));
}

/**
 * Minimum neutrino energy that can produce a recoil T: E_min = (T + sqrt(T² + 2 M T))/2, the exact
 * inverse of {@link maxRecoil_keV}. Khan uses the approximation sqrt(M T/2), which differs by ~T/2
 * (negligible; docs/physics.md §5).
 * @param T_keV - recoil kinetic energy in keV
 * @param targetMass_GeV - target mass in GeV
 * @returns E_min in MeV
 */
export function minNeutrinoEnergy_MeV(T_keV: number, targetMass_GeV: number): number {
  const T = keVToGeV(T_keV);
  return GeVToMeV(0.5 * (T + Math.sqrt(T * T + 2 * targetMass_GeV * T)));
}
