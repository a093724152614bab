/** The neutrino–electron differential cross section assembled from {@link electronTerms}. */
import type { EmParams, Flavor } from '../parameters.js';
import { electronKinematics_cm2_per_keV, electronTerms, type ElectronAtom } from './electronTerms.js';
import { evaluateLinearCoupling, evaluateSquaredWeights } from './linearCoupling.js';

/**
 * dσ/dT_e for scattering of one flavour on the electrons of one atom (per atom), SM + EM parameters.
 * @param atom - 'Cs' | 'I' (stepping Z_eff) or 'Xe' | 'Ge' | 'Ar' (Z free electrons)
 * @param flavor - neutrino flavour
 * @param E_MeV - neutrino energy in MeV
 * @param Te_keV - electron recoil energy in keV
 * @param p - EM parameters (incl. s2w)
 * @returns dσ/dT_e in cm²/keV (0 above T_max or for T_e ≤ 0). Sources: ESS eq. 4, 10 [REC]; Vogel & Engel 1989.
 */
export function electronDsigmaDT_cm2_per_keV(atom: ElectronAtom, flavor: Flavor, E_MeV: number, Te_keV: number, p: EmParams): number {
  const k = electronKinematics_cm2_per_keV(E_MeV, Te_keV);
  if (k.vv === 0 && k.aa === 0) return 0;
  const t = electronTerms(atom, flavor, Te_keV);
  const gV = evaluateLinearCoupling(t.vector, p);
  const gA = t.axial;
  const weak = t.electrons * (k.vv * (gV * gV + evaluateSquaredWeights(t.incoherentWeak, p)) + k.va * gV * gA + k.aa * gA * gA);
  return weak + k.magnetic * evaluateSquaredWeights(t.magnetic, p);
}
