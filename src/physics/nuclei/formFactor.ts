/**
 * Nuclear form factors F(q) with F(0) = 1: Helm and Klein–Nystrand (docs/physics.md §3).
 * The same form factor multiplies the weak and the photon-exchange amplitudes (as in both papers).
 */
import { sphericalBesselJ1 } from '../../numerics/sphericalBesselJ1.js';
import { HBARC_GeV_fm } from '../../units/constants.js';
import { keVToGeV } from '../../units/conversions.js';
import type { Isotope } from './isotope.js';

/** Form-factor configuration (tagged union). */
export type FormFactorConfig =
  | {
      /** Helm (arXiv:2409.10652 eq. 3, [REC]). */
      type: 'helm';
      /** Neutron rms radius R_n in fm (ESS Table 1: CsI 4.83, Xe 4.79, Ge 4.06). */
      rn_fm: number;
      /** Surface thickness s in fm (ESS: 0.9). */
      s_fm: number;
    }
  | {
      /** Klein–Nystrand (Khan eq. 4). */
      type: 'klein-nystrand';
      /** R_A = coefficient · A^{1/3} fm (Khan: 1.2). */
      rA_coefficient_fm: number;
      /** Yukawa range a in fm (Khan: 0.7). */
      a_fm: number;
    };

/** Helm surface thickness s = 0.9 fm (ESS text below eq. 3). */
export const HELM_SURFACE_THICKNESS_fm = 0.9;
/** Klein–Nystrand R_A coefficient 1.2 fm (Khan, text after eq. 4). */
export const KLEIN_NYSTRAND_RA_COEFFICIENT_fm = 1.2;
/** Klein–Nystrand Yukawa range a = 0.7 fm (Khan, text after eq. 4). */
export const KLEIN_NYSTRAND_A_fm = 0.7;

/**
 * Default neutron rms radius R_n per element (Z) in fm. ESS Table 1 (arXiv:2409.10652): CsI 4.83
 * (same for Cs and I), Xe 4.79, Ge 4.06. Ar has no ESS value: 3.427 fm, the 40Ar charge radius
 * (Angeli & Marinova, ADNDT 99 (2013) 69), is our documented default, in the spirit of the ESS
 * values, which are close to charge radii.
 */
export const DEFAULT_NEUTRON_RADIUS_fm: Readonly<Record<number, number>> = Object.freeze({ 55: 4.83, 53: 4.83, 54: 4.79, 32: 4.06, 18: 3.427 });

/**
 * Default Helm configuration for a target element.
 * @param Z - proton number (55, 53, 54, 32 or 18)
 * @returns `{type: 'helm', rn_fm: DEFAULT_NEUTRON_RADIUS_fm[Z], s_fm: 0.9}`
 */
export function defaultHelmConfig(Z: number): FormFactorConfig {
  const rn = DEFAULT_NEUTRON_RADIUS_fm[Z];
  if (rn === undefined) throw new RangeError(`defaultHelmConfig: no default R_n for Z = ${Z}`);
  return { type: 'helm', rn_fm: rn, s_fm: HELM_SURFACE_THICKNESS_fm };
}

/**
 * Default Klein–Nystrand configuration (Khan: R_A = 1.2 A^{1/3} fm, a = 0.7 fm).
 *
 * @returns `{ type: 'klein-nystrand', rA_coefficient_fm: 1.2, a_fm: 0.7 }` (lengths in fm)
 * Reference: Khan, arXiv:2201.10578, eq. 4 and the text below it; docs/physics.md §3.
 */
export function defaultKleinNystrandConfig(): FormFactorConfig {
  return { type: 'klein-nystrand', rA_coefficient_fm: KLEIN_NYSTRAND_RA_COEFFICIENT_fm, a_fm: KLEIN_NYSTRAND_A_fm };
}

/**
 * Helm box radius from the neutron rms radius: R_0 = sqrt(5/3 (R_n² − 3 s²)).
 * @param rn_fm - rms radius in fm
 * @param s_fm - surface thickness in fm
 * @returns R_0 in fm. Source: standard Helm moment relation R_n² = 3/5 R_0² + 3 s² (docs/physics.md §3 [REC]).
 */
export function helmBoxRadius_fm(rn_fm: number, s_fm: number): number {
  const r2 = (5 / 3) * (rn_fm * rn_fm - 3 * s_fm * s_fm);
  if (!(r2 > 0)) throw new RangeError(`helmBoxRadius_fm: R_n = ${rn_fm} fm is too small for s = ${s_fm} fm (need R_n² > 3 s²)`);
  return Math.sqrt(r2);
}

/** 3 j1(x)/x, with its series near 0 (→ 1). */
function threeJ1OverX(x: number): number {
  if (Math.abs(x) < 1e-2) {
    const x2 = x * x;
    return 1 - (x2 / 10) * (1 - (x2 / 28) * (1 - x2 / 54));
  }
  return (3 * sphericalBesselJ1(x)) / x;
}

/**
 * Helm form factor F(q) = 3 j1(q R_0)/(q R_0) · exp(−q² s²/2).
 * @param q_fm - momentum transfer in fm^-1
 * @param rn_fm - neutron rms radius in fm
 * @param s_fm - surface thickness in fm
 * @returns F (dimensionless, F(0) = 1). Source: Helm, Phys. Rev. 104 (1956) 1466; ESS eq. 3 [REC].
 */
export function helmFormFactor(q_fm: number, rn_fm: number, s_fm: number): number {
  const r0 = helmBoxRadius_fm(rn_fm, s_fm);
  return threeJ1OverX(q_fm * r0) * Math.exp(-0.5 * q_fm * q_fm * s_fm * s_fm);
}

/**
 * Klein–Nystrand form factor F(q) = 3 [sin(qR_A) − qR_A cos(qR_A)]/(qR_A)³ · 1/(1 + a² q²).
 * @param q_fm - momentum transfer in fm^-1
 * @param A - mass number (of the isotope, not of the molecule)
 * @param rA_coefficient_fm - R_A = coefficient · A^{1/3}
 * @param a_fm - Yukawa range in fm
 * @returns F (F(0) = 1; series 1 − x²/10 + … for small qR_A). Source: Khan eq. 4; Klein & Nystrand, PRC 60 (1999) 014903.
 */
export function kleinNystrandFormFactor(q_fm: number, A: number, rA_coefficient_fm: number, a_fm: number): number {
  const rA = rA_coefficient_fm * Math.cbrt(A);
  return threeJ1OverX(q_fm * rA) / (1 + a_fm * a_fm * q_fm * q_fm);
}

/**
 * Form factor of an isotope for a configuration.
 * @param cfg - Helm or Klein–Nystrand configuration
 * @param q_fm - momentum transfer |q| in fm^-1
 * @param iso - the isotope (A is used by Klein–Nystrand)
 * @returns F(q) (dimensionless)
 */
export function formFactor(cfg: FormFactorConfig, q_fm: number, iso: Isotope): number {
  return cfg.type === 'helm'
    ? helmFormFactor(q_fm, cfg.rn_fm, cfg.s_fm)
    : kleinNystrandFormFactor(q_fm, iso.A, cfg.rA_coefficient_fm, cfg.a_fm);
}

/**
 * Momentum transfer for a nuclear recoil: |q| = sqrt(2 M T) / ħc.
 * @param mass_GeV - nuclear mass in GeV
 * @param T_keV - recoil kinetic energy in keV
 * @returns |q| in fm^-1. Source: docs/physics.md §5, §3.
 */
export function momentumTransfer_fm(mass_GeV: number, T_keV: number): number {
  return Math.sqrt(2 * mass_GeV * keVToGeV(T_keV)) / HBARC_GeV_fm;
}
