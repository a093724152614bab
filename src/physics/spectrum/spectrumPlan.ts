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
 * nodes: an exactly linear functional of the cross section (physics.md §2.9, eq. 5 of
 * arXiv:2201.10578; eq. 14 of arXiv:2409.10652 [REC]).
 */
import { AVOGADRO_per_mol, ELECTRON_MASS_GeV } from '../../units/constants.js';
import { fluxNormalization_per_cm2 } from '../fluxes/index.js';
import { nuclearTarget } from '../nuclei/nuclearTarget.js';
import type { Isotope } from '../nuclei/isotope.js';
import { FLAVORS, type Flavor } from '../parameters.js';
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
 * Reference: physics.md §2.2 (count molecules, sum σ_Cs + σ_I), §3.1.
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
 * Reference: physics.md §2.4, §5.1.
 */
export function protonsOnTarget(exp: Experiment): number {
  return exp.exposure.type === 'years' ? exp.exposure.protonsPerYear * exp.exposure.years : exp.beam.protonsOnTarget;
}

/** Scatterers of a channel: every isotope (weighted by abundance) or every atom. */
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
 * Reference: physics.md §2.9, §3.5.
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
    const recoil = logRecoilQuadrature(range.lo_keV, range.hi_keV, range.breaks_keV, gridScale);
    const response = detectorResponseMatrix(exp, channel, recoil.nodes_keV, gridScale);
    const energy = scatterers.map((_, s) =>
      FLAVORS.map((flavor: Flavor) => Array.from(recoil.nodes_keV, (T) => neutrinoEnergyQuadrature(flavor, T, masses[s]!, gridScale))),
    );
    return { channel, recoil, response, scatterers, energy };
  });
  return { experiment: exp, gridScale, fluence_per_cm2: fluence, channels };
}
