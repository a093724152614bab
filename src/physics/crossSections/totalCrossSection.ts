/**
 * Target-level differential cross sections (abundance-weighted over isotopes) and total cross
 * sections σ(E) = ∫_{T_min}^{T_max} dσ/dT dT by adaptive Gauss–Kronrod quadrature.
 * With a diagonal or transition millicharge the integrand grows like 1/T² (and like 1/T with a
 * magnetic moment), so the total needs a lower recoil cut T_min > 0; the integral is then done in
 * u = ln T, which makes it smooth (docs/physics.md §2).
 */
import { integrateAdaptive } from '../../numerics/gaussKronrod.js';
import { ELECTRON_MASS_GeV } from '../../units/constants.js';
import { defaultHelmConfig, type FormFactorConfig } from '../nuclei/formFactor.js';
import { nuclearTarget, type NuclearTargetId } from '../nuclei/nuclearTarget.js';
import type { EmParams, Flavor } from '../parameters.js';
import { cevnsDsigmaDT_cm2_per_keV } from './cevnsDsigmaDT.js';
import { electronDsigmaDT_cm2_per_keV } from './electronDsigmaDT.js';
import type { ElectronAtom } from './electronTerms.js';
import { maxRecoil_keV } from './kinematics.js';
import { zEffEdges_keV } from './zEff.js';

/** Relative accuracy goal of the total-cross-section integrals. */
const REL_TOL = 1e-8;

/**
 * Abundance-weighted CEvNS dσ/dT per nucleus of a target: Σ_i f_i dσ_i/dT.
 * @param target - nuclear target id
 * @param flavor - neutrino flavour
 * @param E_MeV - neutrino energy in MeV
 * @param T_keV - recoil energy in keV
 * @param p - EM parameters
 * @param ff - form-factor configuration (default: Helm with the target's default R_n)
 * @returns dσ/dT in cm²/keV per nucleus
 */
export function cevnsTargetDsigmaDT_cm2_per_keV(
  target: NuclearTargetId,
  flavor: Flavor,
  E_MeV: number,
  T_keV: number,
  p: EmParams,
  ff?: FormFactorConfig,
): number {
  const t = nuclearTarget(target);
  let s = 0;
  for (const iso of t.isotopes) s += iso.abundance * cevnsDsigmaDT_cm2_per_keV(iso, flavor, E_MeV, T_keV, p, ff ?? defaultHelmConfig(iso.Z));
  return s;
}

/** ∫ f over [lo, hi] in u = ln T when lo > 0, else linearly; `breaks` are kinks/steps in T. */
function integrateRecoil(f: (T: number) => number, lo: number, hi: number, breaks: readonly number[] = []): number {
  if (!(hi > lo)) return 0;
  if (lo > 0) {
    const r = integrateAdaptive((u) => {
      const T = Math.exp(u);
      return f(T) * T;
    }, Math.log(lo), Math.log(hi), { relTol: REL_TOL, breakpoints: breaks.filter((b) => b > lo && b < hi).map(Math.log) });
    return r.value;
  }
  return integrateAdaptive(f, lo, hi, { relTol: REL_TOL, breakpoints: breaks.filter((b) => b > lo && b < hi) }).value;
}

/**
 * Total CEvNS cross section per nucleus of a target, ∫_{T_min}^{T_max} dσ/dT dT, abundance-weighted.
 * @param target - nuclear target id
 * @param flavor - neutrino flavour
 * @param E_MeV - neutrino energy in MeV
 * @param p - EM parameters
 * @param ff - form-factor configuration (default Helm with the target's R_n)
 * @param Tmin_keV - lower recoil cut in keV (0 allowed only without millicharges or magnetic moments)
 * @returns σ in cm²
 */
export function cevnsTotalCrossSection_cm2(
  target: NuclearTargetId,
  flavor: Flavor,
  E_MeV: number,
  p: EmParams,
  ff?: FormFactorConfig,
  Tmin_keV = 0,
): number {
  let s = 0;
  for (const iso of nuclearTarget(target).isotopes) {
    const cfg = ff ?? defaultHelmConfig(iso.Z);
    const tmax = maxRecoil_keV(E_MeV, iso.mass_GeV);
    s += iso.abundance * integrateRecoil((T) => cevnsDsigmaDT_cm2_per_keV(iso, flavor, E_MeV, T, p, cfg), Tmin_keV, tmax);
  }
  return s;
}

/**
 * Total neutrino–electron cross section per atom, ∫_{T_min}^{T_max} dσ/dT_e dT_e (break points at the
 * Z_eff edges for Cs and I).
 * @param atom - atom
 * @param flavor - neutrino flavour
 * @param E_MeV - neutrino energy in MeV
 * @param p - EM parameters
 * @param Tmin_keV - lower recoil cut in keV
 * @returns σ in cm²
 */
export function electronTotalCrossSection_cm2(atom: ElectronAtom, flavor: Flavor, E_MeV: number, p: EmParams, Tmin_keV = 0): number {
  const tmax = maxRecoil_keV(E_MeV, ELECTRON_MASS_GeV);
  const breaks = atom === 'Cs' || atom === 'I' ? zEffEdges_keV(atom) : [];
  return integrateRecoil((T) => electronDsigmaDT_cm2_per_keV(atom, flavor, E_MeV, T, p), Tmin_keV, tmax, breaks);
}
