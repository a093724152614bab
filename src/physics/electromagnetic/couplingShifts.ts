/**
 * Shifts of the vector couplings caused by the neutrino EM properties, per unit of the parameter.
 * All are linear in the parameter, so a coupling is `constant + Σ_k coefficient_k · θ_k`.
 *
 * Nuclear (proton) coupling g_p^V (docs/physics.md §4):
 * - millicharge:   δg_p = +√2πα q / (G_F M T)          (Khan eq. 9 rewritten; ESS eq. 8 [REC])
 * - charge radius: δg_p = −√2πα ⟨r²⟩ / (3 G_F)          (Khan eq. 19)
 * - anapole:       δg_p = +√2πα a / (18 G_F)            (Khan eq. 25; ≡ charge radius −a/6)
 * Electron coupling g_V: the photon couples to charge −1 instead of +1, so every shift flips sign
 * (docs/physics.md §6): δg_V = −√2πα q/(G_F m_e T_e), +√2πα⟨r²⟩/(3 G_F), −√2πα a/(18 G_F).
 */
import { FERMI_CONSTANT_GeVm2, FINE_STRUCTURE } from '../../units/constants.js';
import { cm2ToGeVm2, keVToGeV } from '../../units/conversions.js';

/** √2 π α (= 0.0324213; docs/physics.md §1). */
export const SQRT2_PI_ALPHA = Math.SQRT2 * Math.PI * FINE_STRUCTURE;

/**
 * Millicharge shift of the proton vector coupling per unit charge: √2πα/(G_F M T).
 * @param mass_GeV - target mass M in GeV (nucleus, or m_e for electrons)
 * @param T_keV - recoil energy in keV
 * @returns δ/q (dimensionless per e); 2.0416e6 for Cs at 11 keV. Source: Khan eq. 9, docs/physics.md §4.
 */
export function millichargeShiftPerCharge(mass_GeV: number, T_keV: number): number {
  return SQRT2_PI_ALPHA / (FERMI_CONSTANT_GeVm2 * mass_GeV * keVToGeV(T_keV));
}

/**
 * Charge-radius shift of the proton vector coupling per cm² of ⟨r²⟩: −√2πα/(3 G_F), in cm^-2.
 * @returns δg_p/⟨r²⟩ in cm^-2. Source: Khan eq. 19, docs/physics.md §4.
 */
export function chargeRadiusShiftPerCm2(): number {
  return -cm2ToGeVm2(SQRT2_PI_ALPHA / (3 * FERMI_CONSTANT_GeVm2));
}

/**
 * Anapole shift of the proton vector coupling per cm² of a: +√2πα/(18 G_F), in cm^-2.
 * @returns δg_p/a in cm^-2. Source: Khan eq. 25 (s2w → s2w(1 − πα a/(18√2 s2w G_F))), docs/physics.md §4.
 */
export function anapoleShiftPerCm2(): number {
  return cm2ToGeVm2(SQRT2_PI_ALPHA / (18 * FERMI_CONSTANT_GeVm2));
}
