/** Unit conversions. All physics code converts through these helpers, never with inline factors. */
import { HBARC_GeV_fm, HBARC_SQUARED_GeV2_cm2, KEV_PER_GEV, MEV_PER_GEV } from './constants.js';

/** @param e_keV - energy in keV @returns energy in GeV */
export function keVToGeV(e_keV: number): number {
  return e_keV / KEV_PER_GEV;
}
/** @param e_MeV - energy in MeV @returns energy in GeV */
export function MeVToGeV(e_MeV: number): number {
  return e_MeV / MEV_PER_GEV;
}
/** @param e_GeV - energy in GeV @returns energy in keV */
export function GeVTokeV(e_GeV: number): number {
  return e_GeV * KEV_PER_GEV;
}
/** @param e_GeV - energy in GeV @returns energy in MeV */
export function GeVToMeV(e_GeV: number): number {
  return e_GeV * MEV_PER_GEV;
}
/**
 * Converts a momentum in GeV to an inverse length in fm^-1 (q/ħc).
 * @param q_GeV - momentum in GeV
 * @returns q in fm^-1. Source: docs/physics.md §3.
 */
export function momentumGeVToInverseFm(q_GeV: number): number {
  return q_GeV / HBARC_GeV_fm;
}
/**
 * Converts an area in GeV^-2 (natural units) to cm² by multiplying with (ħc)².
 * @param a_GeVm2 - area in GeV^-2
 * @returns area in cm²
 */
export function GeVm2ToCm2(a_GeVm2: number): number {
  return a_GeVm2 * HBARC_SQUARED_GeV2_cm2;
}
/**
 * Converts an area in cm² to GeV^-2 (divides by (ħc)²).
 * @param a_cm2 - area in cm²
 * @returns area in GeV^-2
 */
export function cm2ToGeVm2(a_cm2: number): number {
  return a_cm2 / HBARC_SQUARED_GeV2_cm2;
}
/**
 * Converts a differential cross section from GeV^-3 (natural units, per GeV of recoil) to cm²/keV.
 * @param x_GeVm3 - dσ/dT in GeV^-3
 * @returns dσ/dT in cm²/keV ((ħc)² for the area, 1e-6 GeV per keV for the recoil)
 */
export function GeVm3ToCm2PerKeV(x_GeVm3: number): number {
  return (x_GeVm3 * HBARC_SQUARED_GeV2_cm2) / KEV_PER_GEV;
}
