/** The CEvNS differential cross section assembled from {@link cevnsTerms} and the kinematic factors. */
import type { FormFactorConfig } from '../nuclei/formFactor.js';
import type { Isotope } from '../nuclei/isotope.js';
import type { EmParams, Flavor } from '../parameters.js';
import { cevnsMagneticKinematics_cm2_per_keV, cevnsTerms, cevnsWeakKinematics_cm2_per_keV } from './cevnsTerms.js';
import { evaluateLinearCoupling, evaluateSquaredWeights } from './linearCoupling.js';

/**
 * dσ/dT for CEvNS of one flavour on one isotope (per nucleus), SM + EM parameters:
 * F² {K_w [Q_W,eff² + Σ transitions] + K_m Z² μ²}.
 * @param iso - target isotope
 * @param flavor - neutrino flavour
 * @param E_MeV - neutrino energy in MeV
 * @param T_keV - nuclear recoil energy in keV
 * @param p - EM parameters (incl. s2w)
 * @param ff - form-factor configuration
 * @returns dσ/dT in cm²/keV (0 for T ≤ 0 or T > T_max). Sources: Khan eq. 1, 9, 13, 19, 25; ESS eq. 1, 8, 9 [REC].
 */
export function cevnsDsigmaDT_cm2_per_keV(
  iso: Isotope,
  flavor: Flavor,
  E_MeV: number,
  T_keV: number,
  p: EmParams,
  ff: FormFactorConfig,
): number {
  const Kw = cevnsWeakKinematics_cm2_per_keV(iso.mass_GeV, E_MeV, T_keV);
  if (Kw === 0) return 0;
  const t = cevnsTerms(iso, flavor, T_keV, ff);
  const A = evaluateLinearCoupling(t.amplitude, p);
  const weak = Kw * (A * A + evaluateSquaredWeights(t.incoherentWeak, p));
  const mag = evaluateSquaredWeights(t.magnetic, p);
  const m = mag === 0 ? 0 : cevnsMagneticKinematics_cm2_per_keV(iso.mass_GeV, E_MeV, T_keV) * mag;
  return t.formFactorSquared * (weak + m);
}
