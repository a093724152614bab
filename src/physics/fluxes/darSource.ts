/**
 * Spallation (π-DAR) sources and the flux normalisation η = r N_POT/(4π L²) (docs/physics.md §7,
 * ESS text after eq. 13): the time-integrated number of neutrinos of each flavour per cm².
 */
import { CM_PER_M, ELEMENTARY_CHARGE_C, SECONDS_PER_HOUR } from '../../units/constants.js';

/** A π-DAR source seen from a detector. */
export interface DarSource {
  /** Identifier. */
  id: string;
  /** r: neutrinos produced per flavour per proton on target. */
  nuPerFlavorPerProton: number;
  /** N_POT: protons on target in the exposure. */
  protonsOnTarget: number;
  /** L: source–detector distance in m. */
  baseline_m: number;
}

/**
 * η = r N_POT/(4π L²).
 * @param src - source
 * @returns neutrinos per flavour per cm² (COHERENT-2021: 5.7936e14; ESS 1 yr with 2.8e23 POT: 1.6711e15)
 */
export function fluxNormalization_per_cm2(src: DarSource): number {
  const L_cm = src.baseline_m * CM_PER_M;
  return (src.nuPerFlavorPerProton * src.protonsOnTarget) / (4 * Math.PI * L_cm * L_cm);
}

/**
 * Protons on target per year from beam power, proton energy and operating hours: P·t/(E_p e).
 * @param power_MW - beam power in MW
 * @param protonEnergy_GeV - proton kinetic energy in GeV
 * @param hoursPerYear - operating hours per year
 * @returns protons per year (ESS 5 MW, 2 GeV, 5000 h: 2.809e23)
 */
export function essProtonsPerYear(power_MW: number, protonEnergy_GeV: number, hoursPerYear: number): number {
  const energy_J = power_MW * 1e6 * hoursPerYear * SECONDS_PER_HOUR;
  return energy_J / (protonEnergy_GeV * 1e9 * ELEMENTARY_CHARGE_C);
}

/**
 * SNS for COHERENT CsI 2021: r = 0.0848 (Khan; COHERENT config), N_POT = 3.198e23
 * (BarbeauGroup/chi2_pull_test config/csi.json; Khan rounds to 3.20e23), L = 19.3 m (Khan).
 */
export const SNS_COHERENT_CSI_2021: Readonly<DarSource> = Object.freeze({
  id: 'sns-coherent-csi-2021',
  nuPerFlavorPerProton: 0.0848,
  protonsOnTarget: 3.198e23,
  baseline_m: 19.3,
});

/** ESS beam: 5 MW, 2 GeV protons, 5000 h per year (arXiv:2409.10652 §III.1). */
export const ESS_BEAM = Object.freeze({ power_MW: 5, protonEnergy_GeV: 2, hoursPerYear: 5000 });

/**
 * ESS source for one year: r = 0.3 per flavour per proton (Baxter et al., arXiv:1911.00762),
 * N_POT per year from {@link ESS_BEAM} (2.809e23; the literature rounds to 2.8e23), L = 20 m.
 * Multiply protonsOnTarget by the number of years for longer exposures.
 */
export const ESS_SOURCE_PER_YEAR: Readonly<DarSource> = Object.freeze({
  id: 'ess-1yr',
  nuPerFlavorPerProton: 0.3,
  protonsOnTarget: essProtonsPerYear(ESS_BEAM.power_MW, ESS_BEAM.protonEnergy_GeV, ESS_BEAM.hoursPerYear),
  baseline_m: 20,
});
