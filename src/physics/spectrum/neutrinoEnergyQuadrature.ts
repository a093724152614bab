/**
 * Flux-weighted quadrature in the neutrino energy for one recoil energy: nodes E_k and weights
 * W_k such that Σ_k W_k dσ/dT(E_k, T) = ∫ dE φ_α(E) dσ/dT(E, T) with φ_α the unit-normalised
 * spectrum of flavour α.
 *
 * - prompt ν_μ: one node at E_p = 29.79 MeV with weight 1 if T < T_max(E_p), none otherwise
 *   (the line is evaluated exactly, never smeared; docs/physics.md §2);
 * - delayed ν_e, ν̄_μ: Gauss–Legendre on [E_min(T), m_μ/2] with the exact E_min (the zero of the
 *   kinematic factor). The Michel spectra are cubic polynomials times E² and every cross-section
 *   term is a polynomial in 1/E of degree ≤ 2, so φ·dσ/dT is a polynomial of degree ≤ 3 in E and
 *   4 points integrate it exactly (up to rounding).
 *
 * These flux-averaged kinematic integrals do not depend on the EM parameters, so the forward
 * model can reuse the nodes and weights.
 */
import { gaussLegendreRule } from '../../numerics/gaussLegendre.js';
import { maxRecoil_keV, minNeutrinoEnergy_MeV } from '../crossSections/kinematics.js';
import { delayedSpectrum_perMeV, MAX_NEUTRINO_ENERGY_MeV, PROMPT_ENERGY_MeV } from '../fluxes/index.js';
import type { Flavor } from '../parameters.js';

/** Gauss–Legendre points on the delayed-flux energy interval (multiplied by gridScale). */
export const ENERGY_POINTS = 4;

/** Flux-weighted energy nodes. */
export interface EnergyQuadrature {
  /** neutrino energies (MeV) */
  nodes_MeV: Float64Array;
  /** weights: unit-normalised flux × quadrature weight (dimensionless) */
  weights: Float64Array;
}

const EMPTY: EnergyQuadrature = Object.freeze({ nodes_MeV: new Float64Array(0), weights: new Float64Array(0) });

/**
 * Flux-weighted energy quadrature for one flavour and recoil.
 *
 * @param flavor - 'numu' (prompt), 'nue' or 'numubar' (delayed)
 * @param recoil_keV - recoil energy T (keV)
 * @param targetMass_GeV - mass of the struck target (nucleus or electron, GeV)
 * @param gridScale - multiplies the number of points (delayed flavours)
 * @returns nodes and weights; empty when T is kinematically unreachable
 * @example neutrinoEnergyQuadrature('numu', 5, 123.77).nodes_MeV // returns [29.792…]
 * Reference: docs/physics.md §5 (E_min), §7 (fluxes), §D.3 (eq. 5 of arXiv:2201.10578).
 */
export function neutrinoEnergyQuadrature(flavor: Flavor, recoil_keV: number, targetMass_GeV: number, gridScale = 1): EnergyQuadrature {
  if (flavor === 'numu') {
    if (!(recoil_keV < maxRecoil_keV(PROMPT_ENERGY_MeV, targetMass_GeV))) return EMPTY;
    return { nodes_MeV: Float64Array.of(PROMPT_ENERGY_MeV), weights: Float64Array.of(1) };
  }
  const eMin = minNeutrinoEnergy_MeV(recoil_keV, targetMass_GeV);
  if (!(eMin < MAX_NEUTRINO_ENERGY_MeV)) return EMPTY;
  const n = Math.max(1, Math.round(ENERGY_POINTS * gridScale));
  const rule = gaussLegendreRule(n);
  const c = 0.5 * (eMin + MAX_NEUTRINO_ENERGY_MeV);
  const h = 0.5 * (MAX_NEUTRINO_ENERGY_MeV - eMin);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const E = c + h * rule.nodes[i]!;
    nodes[i] = E;
    weights[i] = h * rule.weights[i]! * delayedSpectrum_perMeV(flavor, E);
  }
  return { nodes_MeV: nodes, weights };
}
