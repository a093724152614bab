/**
 * Everything of the reference spectrum that does not depend on the EM parameters, computed once
 * per experiment (and grid scale): recoil quadrature per channel, detector response matrix,
 * scatterers (isotopes or atoms) with their numbers of targets, and the flux-weighted neutrino
 * energy nodes per (scatterer, flavour, recoil node). The expected counts are then
 *
 *   N_i = η · Σ_channel Σ_scatterer n_s Σ_α τ_α Σ_j w_j R_ij Σ_k W_k^{sα j} dσ_{sα}/dT(E_k, T_j)
 *
 * with η the flux normalisation per cm² and flavour, n_s targets, τ_α the timing factor,
 * (w_j, T_j) the recoil quadrature, R the response matrix and (W_k, E_k) the flux-weighted energy
 * nodes: an exactly linear functional of the cross section (docs/physics.md §D.3, eq. 5 of
 * arXiv:2201.10578; eq. 14 of arXiv:2409.10652 [REC]).
 */
import { AVOGADRO_per_mol, ELECTRON_MASS_GeV } from '../../units/constants.js';
import { cevnsMagneticKinematics_cm2_per_keV, cevnsTerms, cevnsWeakKinematics_cm2_per_keV } from '../crossSections/cevnsTerms.js';
import { electronKinematics_cm2_per_keV, electronTerms } from '../crossSections/electronTerms.js';
import { fluxNormalization_per_cm2 } from '../fluxes/index.js';
import { nuclearTarget } from '../nuclei/nuclearTarget.js';
import type { Isotope } from '../nuclei/isotope.js';
import { FLAVORS, type EmParameterName, type Flavor } from '../parameters.js';
import type { LinearCoupling, SquaredWeights } from '../crossSections/linearCoupling.js';
import { detectorResponseMatrix } from './detectorResponseMatrix.js';
import type { Atom, Channel, Experiment } from './experiment.js';
import { neutrinoEnergyQuadrature, type EnergyQuadrature } from './neutrinoEnergyQuadrature.js';
import { logRecoilQuadrature, type RecoilQuadrature } from './recoilQuadrature.js';
import { recoilIntegrationRange } from './recoilIntegrationRange.js';

/** A nuclear isotope or an atom (for electron scattering) with its number of targets. */
export type Scatterer =
  | { kind: 'nucleus'; isotope: Isotope; targets: number }
  | { kind: 'atom'; atom: Atom; targets: number };

/** Parameter-independent part of one channel. */
export interface ChannelPlan {
  /** channel */
  channel: Channel;
  /** recoil quadrature */
  recoil: RecoilQuadrature;
  /** response matrix, row-major [bin][node] */
  response: Float64Array;
  /** scatterers of this channel */
  scatterers: Scatterer[];
  /** energy nodes: energy[s][flavorIndex][j] for scatterer s, flavour FLAVORS[f], recoil node j */
  energy: EnergyQuadrature[][][];
  /** flux-averaged kinematic integrals and cross-section terms: kinematics[s][flavorIndex] */
  kinematics: FluxAveragedTerms[][];
}

/**
 * Parameter-independent pieces of Σ_k W_k dσ/dT(E_k, T_j) for one scatterer and flavour, on
 * every recoil node j. The cross sections are assembled from them exactly as
 * cevnsDsigmaDT_cm2_per_keV / electronDsigmaDT_cm2_per_keV do, with the kinematic factor
 * replaced by its flux-weighted sum (the identity Σ_k W_k K(E_k) · c = c · Σ_k W_k K(E_k) is exact).
 */
export type FluxAveragedTerms =
  | {
      kind: 'nucleus';
      /** F²(q_j) · Σ_k W_k K_w(E_k, T_j) (cm²/keV) */
      weak: Float64Array;
      /** F²(q_j) · Σ_k W_k K_m(E_k, T_j) (cm²/keV) */
      magnetic: Float64Array;
      /** coherent amplitude Q_W,eff = constant[j] + Σ_name coefficients[name][j] θ_name */
      amplitude: DenseLinear;
      /** incoherent additions Σ_name w[name][j] θ_name² (multiply `weak`) */
      incoherentWeak: DenseSquares;
      /** magnetic weights Σ_name w[name][j] θ_name² (multiply `magnetic`) */
      magneticWeights: DenseSquares;
    }
  | {
      kind: 'atom';
      /** Z_eff · Σ_k W_k K_vv (cm²/keV) */
      vv: Float64Array;
      /** Z_eff · Σ_k W_k K_va · g_A (cm²/keV) */
      va: Float64Array;
      /** Z_eff · Σ_k W_k K_aa · g_A² (cm²/keV) */
      aa: Float64Array;
      /** Σ_k W_k K_magnetic (cm²/keV) */
      magnetic: Float64Array;
      /** vector coupling g_V = constant[j] + Σ coefficients[name][j] θ_name */
      vector: DenseLinear;
      /** incoherent additions to g_V² */
      incoherentWeak: DenseSquares;
      /** magnetic weights */
      magneticWeights: DenseSquares;
    };

/** An affine function of the parameters on every recoil node. */
export interface DenseLinear {
  /** constant part per node */
  constant: Float64Array;
  /** coefficient per node of each parameter that enters */
  coefficients: Partial<Record<EmParameterName, Float64Array>>;
}

/** A weighted sum of squared parameters on every recoil node. */
export type DenseSquares = Partial<Record<EmParameterName, Float64Array>>;

function addLinear(d: DenseLinear, c: LinearCoupling, j: number, n: number): void {
  d.constant[j] = c.constant;
  for (const k in c.coefficients) {
    const name = k as EmParameterName;
    (d.coefficients[name] ??= new Float64Array(n))[j] = c.coefficients[name]!;
  }
}

function addSquares(d: DenseSquares, w: SquaredWeights, j: number, n: number, scale = 1): void {
  for (const k in w) {
    const name = k as EmParameterName;
    (d[name] ??= new Float64Array(n))[j] = scale * w[name]!;
  }
}

/**
 * Flux-averaged kinematic integrals and terms for one scatterer and flavour.
 *
 * @param sc - scatterer
 * @param flavor - flavour
 * @param recoil_keV - recoil nodes T_j (keV)
 * @param energy - flux-weighted energy nodes per recoil node
 * @param exp - experiment (form factor)
 * @returns the parameter-independent pieces
 * @example fluxAveragedTerms(sc, 'nue', plan.channels[0].recoil.nodes_keV, plan.channels[0].energy[0][1], exp).weak[0]
 * Reference: docs/physics.md §5, §4, §6 (term structure as in src/physics/crossSections).
 */
export function fluxAveragedTerms(sc: Scatterer, flavor: Flavor, recoil_keV: Float64Array, energy: EnergyQuadrature[], exp: Experiment): FluxAveragedTerms {
  const n = recoil_keV.length;
  const magnetic = new Float64Array(n);
  const incoherentWeak: DenseSquares = {};
  const magneticWeights: DenseSquares = {};
  if (sc.kind === 'nucleus') {
    const weak = new Float64Array(n);
    const amplitude: DenseLinear = { constant: new Float64Array(n), coefficients: {} };
    const M = sc.isotope.mass_GeV;
    for (let j = 0; j < n; j++) {
      const q = energy[j]!;
      if (q.nodes_MeV.length === 0) continue;
      const T = recoil_keV[j]!;
      let kw = 0;
      let km = 0;
      for (let k = 0; k < q.nodes_MeV.length; k++) {
        kw += q.weights[k]! * cevnsWeakKinematics_cm2_per_keV(M, q.nodes_MeV[k]!, T);
        km += q.weights[k]! * cevnsMagneticKinematics_cm2_per_keV(M, q.nodes_MeV[k]!, T);
      }
      const t = cevnsTerms(sc.isotope, flavor, T, exp.target.formFactor);
      weak[j] = t.formFactorSquared * kw;
      magnetic[j] = t.formFactorSquared * km;
      addLinear(amplitude, t.amplitude, j, n);
      addSquares(incoherentWeak, t.incoherentWeak, j, n);
      addSquares(magneticWeights, t.magnetic, j, n);
    }
    return { kind: 'nucleus', weak, magnetic, amplitude, incoherentWeak, magneticWeights };
  }
  const vv = new Float64Array(n);
  const va = new Float64Array(n);
  const aa = new Float64Array(n);
  const vector: DenseLinear = { constant: new Float64Array(n), coefficients: {} };
  for (let j = 0; j < n; j++) {
    const q = energy[j]!;
    if (q.nodes_MeV.length === 0) continue;
    const T = recoil_keV[j]!;
    let kvv = 0;
    let kva = 0;
    let kaa = 0;
    let kmm = 0;
    for (let k = 0; k < q.nodes_MeV.length; k++) {
      const K = electronKinematics_cm2_per_keV(q.nodes_MeV[k]!, T);
      const w = q.weights[k]!;
      kvv += w * K.vv;
      kva += w * K.va;
      kaa += w * K.aa;
      kmm += w * K.magnetic;
    }
    const t = electronTerms(sc.atom, flavor, T);
    vv[j] = t.electrons * kvv;
    va[j] = t.electrons * kva * t.axial;
    aa[j] = t.electrons * kaa * t.axial * t.axial;
    magnetic[j] = kmm;
    addLinear(vector, t.vector, j, n);
    addSquares(incoherentWeak, t.incoherentWeak, j, n);
    addSquares(magneticWeights, t.magnetic, j, n);
  }
  return { kind: 'atom', vv, va, aa, magnetic, vector, incoherentWeak, magneticWeights };
}

/** The precomputed reference-spectrum plan. */
export interface SpectrumPlan {
  /** experiment */
  experiment: Experiment;
  /** grid scale used */
  gridScale: number;
  /** flux normalisation η per flavour (cm⁻²) for the experiment's exposure */
  fluence_per_cm2: number;
  /** per-channel parts */
  channels: ChannelPlan[];
}

/**
 * Number of formula units in the target: m / M_mol · N_A.
 *
 * @param exp - experiment
 * @returns formula units (CsI: 3.3772e25 for 14.57 kg)
 * @example formulaUnits(coherent) // returns ~3.3772e25
 * Reference: docs/physics.md §5 (count molecules, sum σ_Cs + σ_I), §D.1.
 */
export function formulaUnits(exp: Experiment): number {
  return ((exp.target.mass_kg * 1000) / exp.target.molarMass_g_per_mol) * AVOGADRO_per_mol;
}

/**
 * Protons on target for the experiment's exposure.
 *
 * @param exp - experiment
 * @returns N_POT
 * @example protonsOnTarget(essGe) // returns 2.8e23 × years
 * Reference: docs/physics.md §7, §D.2.
 */
export function protonsOnTarget(exp: Experiment): number {
  return exp.exposure.type === 'years' ? exp.exposure.protonsPerYear * exp.exposure.years : exp.beam.protonsOnTarget;
}

/**
 * Scatterers of a channel: for CEvNS every isotope of every element (weighted by its natural
 * abundance), for the electron channel every atom (scattering on its electrons).
 *
 * @param exp - experiment (target composition and mass)
 * @param channel - `'cevns'` or `'electron'`
 * @returns scatterers with their number of targets (nuclei or atoms; dimensionless counts)
 * @example channelScatterers(coherent, 'electron').map((s) => s.targets) // [N_fu, N_fu] for Cs and I
 * Reference: docs/physics.md §5 (count formula units, sum over the constituents).
 */
export function channelScatterers(exp: Experiment, channel: Channel): Scatterer[] {
  const n = formulaUnits(exp);
  const out: Scatterer[] = [];
  for (const el of exp.target.elements) {
    if (channel === 'electron') out.push({ kind: 'atom', atom: el.atom, targets: n * el.atomsPerFormulaUnit });
    else for (const iso of nuclearTarget(el.nucleus).isotopes) out.push({ kind: 'nucleus', isotope: iso, targets: n * el.atomsPerFormulaUnit * iso.abundance });
  }
  return out;
}

/**
 * Builds the plan.
 *
 * @param exp - experiment
 * @param gridScale - multiplies the node count of every quadrature grid (recoil, energy, PE); default 1
 * @returns the plan
 * @example prepareSpectrum(coherent).channels[0].recoil.nodes_keV.length // ~ a few hundred
 * Reference: docs/physics.md §D.3.
 */
export function prepareSpectrum(exp: Experiment, gridScale = 1): SpectrumPlan {
  const fluence = fluxNormalization_per_cm2({
    id: exp.beam.id,
    nuPerFlavorPerProton: exp.beam.nuPerFlavorPerProton,
    protonsOnTarget: protonsOnTarget(exp),
    baseline_m: exp.beam.baseline_m,
  });
  const channels: ChannelPlan[] = exp.channels.map((channel) => {
    const scatterers = channelScatterers(exp, channel);
    const masses = scatterers.map((s) => (s.kind === 'nucleus' ? s.isotope.mass_GeV : ELECTRON_MASS_GeV));
    const range = recoilIntegrationRange(exp, channel, masses);
    const recoil = logRecoilQuadrature(range.lo_keV, range.hi_keV, range.breaks_keV, gridScale, range.maxPanelWidth_keV);
    const response = detectorResponseMatrix(exp, channel, recoil.nodes_keV, gridScale);
    const energy = scatterers.map((_, s) =>
      FLAVORS.map((flavor: Flavor) => Array.from(recoil.nodes_keV, (T) => neutrinoEnergyQuadrature(flavor, T, masses[s]!, gridScale))),
    );
    const kinematics = scatterers.map((sc, s) => FLAVORS.map((flavor, f) => fluxAveragedTerms(sc, flavor, recoil.nodes_keV, energy[s]![f]!, exp)));
    return { channel, recoil, response, scatterers, energy, kinematics };
  });
  return { experiment: exp, gridScale, fluence_per_cm2: fluence, channels };
}
