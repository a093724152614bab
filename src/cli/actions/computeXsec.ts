/**
 * The computation behind `nuem xsec`: validates the raw option strings and evaluates dσ/dT (with
 * --recoil-keV) or σ = ∫ dσ/dT dT of one flavour on a nucleus (CEvNS) or on the electrons of an
 * atom. Formulas and references are in the physics functions called here (docs/physics.md §D.1).
 * Loaded lazily by src/cli/commands/xsec.ts.
 */
import { UserError } from '../userError.js';
import { ELECTRON_MASS_GeV } from '../../units/constants.js';
import { emParams, parseParameterAssignments, type EmParams, type Flavor, FLAVORS } from '../../physics/parameters.js';
import {
  defaultHelmConfig,
  defaultKleinNystrandConfig,
  HELM_SURFACE_THICKNESS_fm,
  type FormFactorConfig,
} from '../../physics/nuclei/formFactor.js';
import { nuclearTarget, type NuclearTargetId } from '../../physics/nuclei/nuclearTarget.js';
import { maxRecoil_keV } from '../../physics/crossSections/kinematics.js';
import { cevnsTargetDsigmaDT_cm2_per_keV, cevnsTotalCrossSection_cm2, electronTotalCrossSection_cm2 } from '../../physics/crossSections/totalCrossSection.js';
import { electronDsigmaDT_cm2_per_keV } from '../../physics/crossSections/electronDsigmaDT.js';
import type { ElectronAtom } from '../../physics/crossSections/electronTerms.js';
import { DEFAULT_DIVERGENT_TMIN_keV, XSEC_TARGETS as TARGETS } from '../commands/xsec.js';

/** Parsed and validated inputs of `nuem xsec`. */
export interface XsecInputs {
  /** Target id. */
  target: string;
  /** Neutrino flavour. */
  flavor: Flavor;
  /** Neutrino energy in MeV. */
  enu_MeV: number;
  /** Recoil energy in keV, or undefined for the total cross section. */
  recoil_keV?: number;
  /** Form-factor choice (nuclear targets). */
  formFactor: 'helm' | 'klein-nystrand';
  /** Helm R_n override in fm. */
  rn_fm?: number;
  /** Lower recoil cut in keV (total mode only). */
  tmin_keV?: number;
  /** Parameter values that were set. */
  set: Partial<EmParams>;
}

/** Result of `nuem xsec` (also the --json output). */
export interface XsecResult extends XsecInputs {
  /** dσ/dT in cm²/keV (differential mode). */
  dsigma_dT_cm2_per_keV?: number;
  /** σ in cm² (total mode). */
  sigma_cm2?: number;
  /** T_max for this target and energy in keV (abundance-weighted mean for multi-isotope targets). */
  tmax_keV: number;
  /** What the number is per (nucleus, atom). */
  per: string;
}

function positiveNumber(raw: string | undefined, flag: string, allowZero = false): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new UserError(flag, `"${raw}" is not a ${allowZero ? 'non-negative' : 'positive'} number`, `give e.g. ${flag} 30`);
  }
  return v;
}

/**
 * Computes the `nuem xsec` result from raw option strings (exported for tests).
 * @param o - raw options as commander delivers them
 * @returns the result object
 * @throws UserError for bad input
 */
export function computeXsec(o: {
  target?: string;
  flavor?: string;
  enuMeV?: string;
  recoilKeV?: string;
  formFactor?: string;
  rnFm?: string;
  tminKeV?: string;
  set?: string[];
}): XsecResult {
  if (!o.target || !TARGETS.includes(o.target)) throw new UserError('--target', `unknown target "${o.target ?? ''}"`, `use one of ${TARGETS.join(', ')}`);
  if (!o.flavor || !(FLAVORS as readonly string[]).includes(o.flavor)) {
    throw new UserError('--flavor', `unknown flavour "${o.flavor ?? ''}"`, `use one of ${FLAVORS.join(', ')}`);
  }
  const flavor = o.flavor as Flavor;
  const enu = positiveNumber(o.enuMeV, '--enu-MeV');
  if (enu === undefined) throw new UserError('--enu-MeV', 'the neutrino energy is required', 'give e.g. --enu-MeV 30');
  if (enu > 1000) throw new UserError('--enu-MeV', `${enu} MeV is outside the supported range (0, 1000] MeV`, 'give a π-DAR energy, e.g. 30');
  const recoil = positiveNumber(o.recoilKeV, '--recoil-keV');
  if (recoil !== undefined && recoil > 1e6) throw new UserError('--recoil-keV', `${recoil} keV is outside the supported range (0, 1e6] keV`, 'give a recoil energy below the kinematic endpoint');
  const ffName = o.formFactor ?? 'helm';
  if (ffName !== 'helm' && ffName !== 'klein-nystrand') throw new UserError('--form-factor', `unknown form factor "${ffName}"`, 'use helm or klein-nystrand');
  const rn = positiveNumber(o.rnFm, '--rn-fm');
  if (rn !== undefined && rn > 100) throw new UserError('--rn-fm', `R_n = ${rn} fm is outside the supported range (0, 100] fm`, 'give a nuclear radius of a few fm (e.g. 4.83)');
  if (rn !== undefined && ffName !== 'helm') throw new UserError('--rn-fm', 'R_n only applies to the Helm form factor', 'drop --rn-fm or use --form-factor helm');
  if (rn !== undefined && rn * rn <= 3 * HELM_SURFACE_THICKNESS_fm ** 2) {
    throw new UserError('--rn-fm', `R_n = ${rn} fm is too small for the Helm surface thickness 0.9 fm`, 'give R_n > 1.56 fm (e.g. 4.83)');
  }
  const set = parseParameterAssignments(o.set ?? [], '--set');
  const p = emParams(set);
  const divergent = ['qee', 'qmumu', 'qtautau', 'qemu', 'qetau', 'qmutau', 'mue', 'mumu', 'mutau'].some((k) => p[k as keyof EmParams] !== 0);
  const tminGiven = positiveNumber(o.tminKeV, '--tmin-keV', true);
  const tmin = tminGiven ?? (divergent ? DEFAULT_DIVERGENT_TMIN_keV : 0);
  if (divergent && tmin === 0 && recoil === undefined) {
    throw new UserError('--tmin-keV', 'a total cross section with a millicharge or magnetic moment diverges at T = 0', 'give --tmin-keV > 0 (default 0.1)');
  }
  const inputs: XsecInputs = { target: o.target, flavor, enu_MeV: enu, formFactor: ffName, set };
  if (recoil !== undefined) inputs.recoil_keV = recoil;
  else inputs.tmin_keV = tmin;
  if (rn !== undefined) inputs.rn_fm = rn;

  if (o.target.startsWith('electron:')) {
    const atom = o.target.slice('electron:'.length) as ElectronAtom;
    const tmax = maxRecoil_keV(enu, ELECTRON_MASS_GeV);
    if (recoil !== undefined) return { ...inputs, dsigma_dT_cm2_per_keV: electronDsigmaDT_cm2_per_keV(atom, flavor, enu, recoil, p), tmax_keV: tmax, per: 'atom' };
    if (tmin >= tmax) throw new UserError('--tmin-keV', `T_min = ${tmin} keV is not below T_max = ${tmax} keV`, 'lower --tmin-keV');
    return { ...inputs, sigma_cm2: electronTotalCrossSection_cm2(atom, flavor, enu, p, tmin), tmax_keV: tmax, per: 'atom' };
  }
  const id = o.target as NuclearTargetId;
  const isotopes = nuclearTarget(id).isotopes;
  const ff = (Z: number): FormFactorConfig =>
    ffName === 'klein-nystrand' ? defaultKleinNystrandConfig() : rn !== undefined ? { type: 'helm', rn_fm: rn, s_fm: HELM_SURFACE_THICKNESS_fm } : defaultHelmConfig(Z);
  const cfg = ff(isotopes[0]!.Z);
  const tmax = isotopes.reduce((s, i) => s + i.abundance * maxRecoil_keV(enu, i.mass_GeV), 0);
  if (recoil !== undefined) return { ...inputs, dsigma_dT_cm2_per_keV: cevnsTargetDsigmaDT_cm2_per_keV(id, flavor, enu, recoil, p, cfg), tmax_keV: tmax, per: 'nucleus' };
  if (tmin >= tmax) throw new UserError('--tmin-keV', `T_min = ${tmin} keV is not below the (abundance-averaged) T_max = ${tmax.toPrecision(6)} keV`, 'lower --tmin-keV');
  return { ...inputs, sigma_cm2: cevnsTotalCrossSection_cm2(id, flavor, enu, p, cfg, tmin), tmax_keV: tmax, per: 'nucleus' };
}
