/**
 * Rough first guesses of the identification step per EM parameter; `balancedScales` then
 * rescales them with measured coefficients, so only their order of magnitude (within ~10⁴) matters.
 */
import type { EmParameterName } from '../physics/parameters.js';

/**
 * First-guess finite-difference step for a parameter, in the parameter's unit.
 *
 * Millicharges (e): 1e-8, between the CEvNS scale where the shift √2πα q/(G_F M T) equals the
 * weak charge (~3e-7, docs/physics.md §4) and the electron-scattering scale (~1e-10, docs/physics.md §6).
 * Magnetic moments (μ_B): 1e-10 (COHERENT sensitivity ~1e-9…1e-10, Khan arXiv:2201.10578 §V).
 * Charge radii and anapoles (cm²): 1e-32, the SM size (docs/physics.md §4). sin²θ_W: 0.01.
 * @param name parameter name
 * @returns step in the parameter's unit
 * @example initialParameterStep('qee') // returns 1e-8
 */
export function initialParameterStep(name: EmParameterName): number {
  if (name === 's2w') return 0.01;
  if (name.startsWith('q')) return 1e-8;
  if (name.startsWith('mu')) return 1e-10;
  return 1e-32; // r2*, a*
}
