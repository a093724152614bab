/**
 * CEvNS on one isotope, split into parameter-independent pieces (docs/physics.md §5, §4):
 *
 *   dσ/dT = F²(q) · { K_w(E,T) · [ A(θ)² + Σ_k d_k θ_k² ] + K_m(E,T) · Σ_k m_k θ_k² }
 *
 * - A(θ) = Q_W,eff = Z (g_p^V + shifts) + N g_n^V = a0 + Σ_k c_k θ_k is the coherent amplitude
 *   (weak charge). θ includes s2w: g_p^V = 1/2 − 2 s2w is affine in s2w, so a0 = Z/2 − N/2 and
 *   c_s2w = −2Z. Diagonal millicharge c = Z√2πα/(G_F M T); charge radius c = −Z√2πα/(3G_F);
 *   anapole c = +Z√2πα/(18 G_F) (Khan eq. 9, 19, 25).
 * - d_k = Z² (√2πα/(G_F M T))² for the transition charges of this flavour (ESS eq. 9 [REC], §2.6).
 * - m_k = Z² for the magnetic moment of this flavour (Khan eq. 13).
 * - K_w = (G_F² M/π)(1 − T/E − M T/(2E²)) and K_m = (πα²/m_e²)(1/T − 1/E + T/(4E²)), both in
 *   cm²/keV and zero above T_max ({@link cevnsWeakKinematics_cm2_per_keV}, {@link cevnsMagneticKinematics_cm2_per_keV}).
 *
 * The terms depend on (isotope, flavour, T) only; the kinematic factors on (M, E, T) only.
 */
import { ELECTRON_MASS_GeV, FERMI_CONSTANT_GeVm2, FINE_STRUCTURE } from '../../units/constants.js';
import { GeVm3ToCm2PerKeV, keVToGeV, MeVToGeV } from '../../units/conversions.js';
import { anapoleShiftPerCm2, chargeRadiusShiftPerCm2, millichargeShiftPerCharge } from '../electromagnetic/couplingShifts.js';
import { flavorParameters } from '../electromagnetic/flavorParameters.js';
import { formFactor, momentumTransfer_fm, type FormFactorConfig } from '../nuclei/formFactor.js';
import type { Isotope } from '../nuclei/isotope.js';
import type { Flavor } from '../parameters.js';
import type { LinearCoupling, SquaredWeights } from './linearCoupling.js';
import { maxRecoil_keV } from './kinematics.js';

/** Parameter-independent pieces of the CEvNS cross section at one recoil energy (see module doc). */
export interface CevnsTerms {
  /** F²(q) at q = sqrt(2 M T). */
  formFactorSquared: number;
  /** Coherent amplitude Q_W,eff = constant + Σ c_k θ_k (multiplies K_w squared). */
  amplitude: LinearCoupling;
  /** Incoherent additions to Q_W,eff² (transition millicharges): Σ d_k θ_k², multiplies K_w. */
  incoherentWeak: SquaredWeights;
  /** Magnetic-moment weights m_k (= Z²): Σ m_k μ_k², multiplies K_m. */
  magnetic: SquaredWeights;
}

/**
 * CEvNS terms for one isotope, flavour and recoil energy.
 * @param iso - target isotope
 * @param flavor - neutrino flavour
 * @param T_keV - nuclear recoil energy in keV (> 0)
 * @param ff - form-factor configuration
 * @returns the amplitude coefficients, incoherent weights and F². Sources: Khan eq. 1, 9, 13, 19, 25; ESS eq. 1–2, 8–9 [REC].
 */
export function cevnsTerms(iso: Isotope, flavor: Flavor, T_keV: number, ff: FormFactorConfig): CevnsTerms {
  const names = flavorParameters(flavor);
  const F = formFactor(ff, momentumTransfer_fm(iso.mass_GeV, T_keV), iso);
  const dq = millichargeShiftPerCharge(iso.mass_GeV, T_keV);
  const Z = iso.Z;
  const amplitude: LinearCoupling = {
    constant: 0.5 * Z - 0.5 * iso.N,
    coefficients: {
      s2w: -2 * Z,
      [names.charge]: Z * dq,
      [names.chargeRadius]: Z * chargeRadiusShiftPerCm2(),
      [names.anapole]: Z * anapoleShiftPerCm2(),
    },
  };
  const incoherentWeak: SquaredWeights = {};
  for (const t of names.transitions) incoherentWeak[t] = Z * Z * dq * dq;
  return { formFactorSquared: F * F, amplitude, incoherentWeak, magnetic: { [names.magneticMoment]: Z * Z } };
}

/**
 * Weak kinematic factor K_w = (G_F² M/π)(1 − T/E − M T/(2E²)), clipped at 0 (zero above T_max).
 * @param mass_GeV - nuclear mass in GeV
 * @param E_MeV - neutrino energy in MeV
 * @param T_keV - recoil energy in keV
 * @returns K_w in cm²/keV. Source: Khan eq. 1; docs/physics.md §5.
 */
export function cevnsWeakKinematics_cm2_per_keV(mass_GeV: number, E_MeV: number, T_keV: number): number {
  if (!(T_keV > 0) || T_keV > maxRecoil_keV(E_MeV, mass_GeV)) return 0;
  const E = MeVToGeV(E_MeV);
  const T = keVToGeV(T_keV);
  const kin = Math.max(0, 1 - T / E - (mass_GeV * T) / (2 * E * E));
  return GeVm3ToCm2PerKeV(((FERMI_CONSTANT_GeVm2 * FERMI_CONSTANT_GeVm2 * mass_GeV) / Math.PI) * kin);
}

/**
 * Magnetic-moment kinematic factor K_m = (πα²/m_e²)(1/T − 1/E + T/(4E²)) per μ_B², zero above T_max.
 * @param mass_GeV - nuclear mass in GeV (only for T_max)
 * @param E_MeV - neutrino energy in MeV
 * @param T_keV - recoil energy in keV
 * @returns K_m in cm²/keV per μ_B² (multiply by Z² F² μ²). Source: Khan eq. 13.
 */
export function cevnsMagneticKinematics_cm2_per_keV(mass_GeV: number, E_MeV: number, T_keV: number): number {
  if (!(T_keV > 0) || T_keV > maxRecoil_keV(E_MeV, mass_GeV)) return 0;
  const E = MeVToGeV(E_MeV);
  const T = keVToGeV(T_keV);
  const pref = (Math.PI * FINE_STRUCTURE * FINE_STRUCTURE) / (ELECTRON_MASS_GeV * ELECTRON_MASS_GeV);
  return GeVm3ToCm2PerKeV(pref * Math.max(0, 1 / T - 1 / E + T / (4 * E * E)));
}
