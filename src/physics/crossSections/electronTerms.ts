/**
 * Neutrino–electron elastic scattering (EES) on the electrons of one atom, split into
 * parameter-independent pieces (docs/physics.md §6; Vogel & Engel, PRD 39 (1989) 3378):
 *
 *   dσ/dT_e = Z_eff(T_e) · [ K_vv g_V² + K_va g_V g_A + K_aa g_A² + K_vv Σ_k d_k θ_k² ] + K_m Σ_k m_k μ_k²
 *
 * with y = 1 − T_e/E and G = G_F² m_e/(2π):
 *   K_vv = G (1 + y² − m_e T_e/E²), K_va = 2G (1 − y²), K_aa = G (1 + y² + m_e T_e/E²),
 * which is the expansion of G[(g_V+g_A)² + (g_V−g_A)² y² − (g_V²−g_A²) m_e T_e/E²].
 * - g_V = constant + Σ c_k θ_k: ν_e 1/2 + 2 s2w (CC+NC), ν_μ and ν̄_μ −1/2 + 2 s2w, so constant = ±1/2
 *   and c_s2w = 2; EM shifts have the opposite sign to the proton ones (photon sees charge −1):
 *   c_q = −√2πα/(G_F m_e T_e), c_r2 = +√2πα/(3 G_F), c_a = −√2πα/(18 G_F).
 * - g_A: ν_e +1/2, ν_μ −1/2, ν̄_μ +1/2 (axial sign flips for antineutrinos; ESS §II.2).
 * - d_k = (√2πα/(G_F m_e T_e))² for this flavour's transition charges (docs/physics.md §6).
 * - Magnetic moment: K_m = (πα²/m_e²)(1/T_e − 1/E) per μ_B² with m_k = Z_eff (the standard
 *   free-electron formula, Vogel & Engel 1989 eq. 2; Giunti & Studenikin, RMP 87 (2015) 531, eq. 4.6).
 * Z_eff(T_e): stepping tables for Cs and I ({@link zEff}); Xe, Ge, Ar use the free-electron count Z
 * (documented simplification: no shell tables built for them).
 */
import { ELECTRON_MASS_GeV, FERMI_CONSTANT_GeVm2, FINE_STRUCTURE } from '../../units/constants.js';
import { GeVm3ToCm2PerKeV, keVToGeV, MeVToGeV } from '../../units/conversions.js';
import { anapoleShiftPerCm2, chargeRadiusShiftPerCm2, millichargeShiftPerCharge } from '../electromagnetic/couplingShifts.js';
import { flavorParameters } from '../electromagnetic/flavorParameters.js';
import type { Flavor } from '../parameters.js';
import type { LinearCoupling, SquaredWeights } from './linearCoupling.js';
import { maxRecoil_keV } from './kinematics.js';
import { zEff } from './zEff.js';

/** Atoms whose electrons can be targets. */
export type ElectronAtom = 'Cs' | 'I' | 'Xe' | 'Ge' | 'Ar';

/** Atomic numbers of the electron-target atoms. */
export const ATOMIC_NUMBER: Readonly<Record<ElectronAtom, number>> = Object.freeze({ Cs: 55, I: 53, Xe: 54, Ge: 32, Ar: 18 });

/**
 * Effective number of scatterable electrons: tabulated stepping Z_eff for Cs and I, Z otherwise.
 * @param atom - atom
 * @param Te_keV - electron recoil energy in keV
 * @returns the electron count
 */
export function electronCount(atom: ElectronAtom, Te_keV: number): number {
  if (atom === 'Cs' || atom === 'I') return zEff(atom, Te_keV);
  const z = ATOMIC_NUMBER[atom];
  if (z === undefined) throw new RangeError(`electronCount: unknown atom ${String(atom)}`);
  return z;
}

/** Parameter-independent pieces of the EES cross section at one electron recoil energy (see module doc). */
export interface ElectronTerms {
  /** Z_eff(T_e): multiplies the weak part. */
  electrons: number;
  /** g_V = constant + Σ c_k θ_k. */
  vector: LinearCoupling;
  /** g_A (parameter independent). */
  axial: number;
  /** Transition-charge weights d_k (per electron): Σ d_k θ_k² multiplies Z_eff K_vv. */
  incoherentWeak: SquaredWeights;
  /** Magnetic-moment weights m_k (= Z_eff): Σ m_k μ_k² multiplies K_m. */
  magnetic: SquaredWeights;
}

/**
 * EES terms for one atom, flavour and electron recoil energy.
 * @param atom - atom whose electrons scatter
 * @param flavor - neutrino flavour
 * @param Te_keV - electron recoil energy in keV (> 0)
 * @returns the vector-coupling coefficients, axial coupling, incoherent weights and Z_eff.
 * Sources: ESS eq. 4, 10 [REC]; docs/physics.md §6.
 */
export function electronTerms(atom: ElectronAtom, flavor: Flavor, Te_keV: number): ElectronTerms {
  const names = flavorParameters(flavor);
  const z = electronCount(atom, Te_keV);
  const dq = millichargeShiftPerCharge(ELECTRON_MASS_GeV, Te_keV);
  const vector: LinearCoupling = {
    constant: flavor === 'nue' ? 0.5 : -0.5,
    coefficients: {
      s2w: 2,
      [names.charge]: -dq,
      [names.chargeRadius]: -chargeRadiusShiftPerCm2(),
      [names.anapole]: -anapoleShiftPerCm2(),
    },
  };
  const incoherentWeak: SquaredWeights = {};
  for (const t of names.transitions) incoherentWeak[t] = dq * dq;
  return { electrons: z, vector, axial: flavor === 'numu' ? -0.5 : 0.5, incoherentWeak, magnetic: { [names.magneticMoment]: z } };
}

/** EES kinematic factors in cm²/keV (see module doc); all zero for T_e ≤ 0 or above T_max. */
export interface ElectronKinematics {
  /** Coefficient of g_V² (and of the transition terms). */
  vv: number;
  /** Coefficient of g_V g_A. */
  va: number;
  /** Coefficient of g_A². */
  aa: number;
  /** Magnetic-moment factor per μ_B² per electron. */
  magnetic: number;
}

/**
 * EES kinematic factors.
 * @param E_MeV - neutrino energy in MeV
 * @param Te_keV - electron recoil energy in keV
 * @returns K_vv, K_va, K_aa, K_m in cm²/keV. Source: Vogel & Engel 1989; docs/physics.md §6.
 */
export function electronKinematics_cm2_per_keV(E_MeV: number, Te_keV: number): ElectronKinematics {
  if (!(Te_keV > 0) || Te_keV > maxRecoil_keV(E_MeV, ELECTRON_MASS_GeV)) return { vv: 0, va: 0, aa: 0, magnetic: 0 };
  const E = MeVToGeV(E_MeV);
  const T = keVToGeV(Te_keV);
  const me = ELECTRON_MASS_GeV;
  const G = (FERMI_CONSTANT_GeVm2 * FERMI_CONSTANT_GeVm2 * me) / (2 * Math.PI);
  const y = 1 - T / E;
  const r = (me * T) / (E * E);
  const mag = ((Math.PI * FINE_STRUCTURE * FINE_STRUCTURE) / (me * me)) * Math.max(0, 1 / T - 1 / E);
  return {
    vv: GeVm3ToCm2PerKeV(G * (1 + y * y - r)),
    va: GeVm3ToCm2PerKeV(2 * G * (1 - y * y)),
    aa: GeVm3ToCm2PerKeV(G * (1 + y * y + r)),
    magnetic: GeVm3ToCm2PerKeV(mag),
  };
}
