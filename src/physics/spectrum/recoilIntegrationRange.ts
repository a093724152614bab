/**
 * Where the recoil integral needs nodes: from the lowest recoil the detector can still see to the
 * highest one that is both kinematically possible and can still land in the analysis bins, with
 * break points at the kinks of the integrand.
 *
 * Truncation: the lower (upper) end is the recoil at which the probability of reaching the first
 * (last) analysis edge (for COHERENT: the efficiency's zero crossing) falls below
 * RESPONSE_TAIL_TOLERANCE = 1e-13, found by bisection in ln T. The tails fall faster than any
 * power of T, so the 1/T² millicharge terms cannot revive them.
 *
 * Break points: prompt-line endpoints T_max(E_p) of every isotope (the recoil spectrum has a
 * kink there), delayed endpoints T_max(m_μ/2), and for the electron channel the Z_eff steps of
 * Cs and I (docs/physics.md §6).
 */
import { gammainc } from '../../numerics/stdlib.js';
import { normalCdf } from '../../numerics/stdlib.js';
import { maxRecoil_keV } from '../crossSections/kinematics.js';
import { zEffEdges_keV } from '../crossSections/zEff.js';
import { gammaShapeRate } from '../detectors/gammaSmearing.js';
import { gaussianSigma_keV } from '../detectors/gaussianSmearing.js';
import { logisticEfficiencyZero_PE } from '../detectors/logisticEfficiency.js';
import { MAX_NEUTRINO_ENERGY_MeV, PROMPT_ENERGY_MeV } from '../fluxes/index.js';
import { ELECTRON_MASS_GeV } from '../../units/constants.js';
import { detectedEnergy_keV } from './detectedEnergy.js';
import type { Channel, Experiment } from './experiment.js';

/** Probability below which the detector response is treated as zero when truncating the recoil integral. */
export const RESPONSE_TAIL_TOLERANCE = 1e-13;

/** Range and break points of the recoil integral. */
export interface RecoilIntegrationRange {
  /** lower end (keV) */
  lo_keV: number;
  /** upper end (keV) */
  hi_keV: number;
  /** interior break points (keV) */
  breaks_keV: number[];
  /** for sharp (Gaussian) responses: the largest panel width that resolves the smearing at T (keV) */
  maxPanelWidth_keV?: (T_keV: number) => number;
}

/** Panels of a Gaussian response are at most this many smearing widths wide. */
export const PANEL_WIDTH_IN_SIGMAS = 2;

/** Probability that a deposit with detected energy E (keV on the axis) is seen at or above the first usable edge. */
function probabilityAboveThreshold(exp: Experiment, E: number): number {
  if (!(E > 0)) return 0;
  const r = exp.response;
  if (r.type === 'matrix') return E >= r.trueEdges_keV[0]! ? 1 : 0;
  if (r.type === 'coherent-csi-gamma') {
    const x = Math.max(exp.edges[0]!, logisticEfficiencyZero_PE(r.efficiency));
    if (!(x > 0)) return 1;
    const { shape, rate_per_PE } = gammaShapeRate(E, r.resolution);
    return gammainc(rate_per_PE * x, shape, true, true);
  }
  return 1 - normalCdf(exp.edges[0]!, E, gaussianSigma_keV(E, r.resolution));
}

/** Probability that a deposit with detected energy E is seen below the last edge. */
function probabilityBelowTop(exp: Experiment, E: number): number {
  const r = exp.response;
  const top = exp.edges[exp.edges.length - 1]!;
  if (r.type === 'matrix') return E < r.trueEdges_keV[r.trueEdges_keV.length - 1]! ? 1 : 0;
  if (r.type === 'coherent-csi-gamma') {
    const { shape, rate_per_PE } = gammaShapeRate(E, r.resolution);
    return gammainc(rate_per_PE * top, shape, true, false);
  }
  return normalCdf(top, E, gaussianSigma_keV(E, r.resolution));
}

/** Bisection in ln T for the crossing of a monotone predicate; returns the bracket end just outside the region where `inside` holds. */
function bisectLog(lo: number, hi: number, inside: (T: number) => boolean, insideAtHi: boolean): number {
  let a = Math.log(lo);
  let b = Math.log(hi);
  for (let it = 0; it < 200 && b - a > 1e-12; it++) {
    const m = 0.5 * (a + b);
    if (inside(Math.exp(m)) === insideAtHi) b = m;
    else a = m;
  }
  return Math.exp(insideAtHi ? a : b);
}

/**
 * Integration range for one channel.
 *
 * @param exp - experiment
 * @param channel - 'cevns' or 'electron'
 * @param targetMasses_GeV - masses of the struck targets (nuclear isotopes; ignored for electrons)
 * @returns range and break points (keV)
 * @example recoilIntegrationRange(coherent, 'cevns', [123.77, 118.18]).hi_keV // returns ~47.19 (I endpoint)
 * Reference: docs/physics.md §5 (endpoints), §6 (Z_eff steps), §2.
 */
export function recoilIntegrationRange(exp: Experiment, channel: Channel, targetMasses_GeV: readonly number[]): RecoilIntegrationRange {
  const masses = channel === 'electron' ? [ELECTRON_MASS_GeV] : targetMasses_GeV;
  const kinHi = Math.max(...masses.map((m) => maxRecoil_keV(MAX_NEUTRINO_ENERGY_MeV, m)));
  const seen = (T: number): boolean => probabilityAboveThreshold(exp, detectedEnergy_keV(exp, channel, T)) > RESPONSE_TAIL_TOLERANCE;
  const lowStart = 1e-6;
  const lo = seen(lowStart) ? lowStart : bisectLog(lowStart, kinHi, seen, true);
  const stillBelowTop = (T: number): boolean => probabilityBelowTop(exp, detectedEnergy_keV(exp, channel, T)) > RESPONSE_TAIL_TOLERANCE;
  const hi = stillBelowTop(kinHi) ? kinHi : bisectLog(lo, kinHi, stillBelowTop, false);
  const breaks: number[] = [];
  for (const m of masses) breaks.push(maxRecoil_keV(PROMPT_ENERGY_MeV, m), maxRecoil_keV(MAX_NEUTRINO_ENERGY_MeV, m));
  if (channel === 'electron') {
    for (const el of exp.target.elements) if (el.atom === 'Cs' || el.atom === 'I') breaks.push(...zEffEdges_keV(el.atom));
  }
  const range: RecoilIntegrationRange = { lo_keV: lo, hi_keV: hi, breaks_keV: [] };
  const r = exp.response;
  // a matrix response is a step at every true-bin edge: the edges are panel boundaries
  if (r.type === 'matrix') breaks.push(...r.trueEdges_keV);
  if (r.type === 'gaussian') {
    // the response is a smoothed step at every bin edge: put a break at the true energy that lands on it
    for (const e of exp.edges) {
      const f = (T: number): boolean => detectedEnergy_keV(exp, channel, T) >= e;
      if (f(hi) && !f(lo)) breaks.push(bisectLog(lo, hi, f, true));
    }
    range.maxPanelWidth_keV = (T: number): number => {
      const E = detectedEnergy_keV(exp, channel, T);
      // smearing width mapped back to the true-energy axis with the secant slope E/T
      return E > 0 ? (PANEL_WIDTH_IN_SIGMAS * gaussianSigma_keV(E, r.resolution) * T) / E : Infinity;
    };
  }
  range.breaks_keV = breaks.filter((b) => b > lo && b < hi).sort((a, b) => a - b);
  return range;
}
