/**
 * How each EM parameter enters the cross section of one π-DAR flavour and detection channel
 * (docs/physics.md §4, §6). This is the structure behind the exact quadratic forward model:
 *
 * - `coherent`: the parameter shifts a vector coupling linearly (g_p^V for CEvNS, g_V for
 *   electron scattering), so it enters the amplitude a0 + Σ c_k θ_k that is squared: diagonal
 *   millicharge (§4, §6), charge radius and anapole (§4, §6), and sin²θ_W, which enters
 *   g_p^V = 1/2 − 2 sin²θ_W and g_V = ±1/2 + 2 sin²θ_W affinely (§5, §6), for every flavour;
 * - `incoherent`: the parameter adds a separate square d_k θ_k² without interference: the
 *   transition millicharges of the flavour (§4, §6) and its effective magnetic moment (§4,
 *   §6, helicity flipping);
 * - `none`: the parameter does not act on the flavour (e.g. the μ parameters on ν_e, and every ν_τ
 *   diagonal property at a π-DAR source, which has no ν_τ flux, §7).
 *
 * It reads the same assignment (`flavorParameters`) from which `cevnsTerms` and `electronTerms`
 * build their amplitude coefficients and squared weights, so the three cannot disagree (tested in
 * test/physics/electromagnetic/parameterCoupling.test.ts).
 */
import type { EmParameterName, Flavor } from '../parameters.js';
import { flavorParameters } from './flavorParameters.js';

/** How a parameter enters one flavour's cross section (see module header). */
export type ParameterCoupling = 'coherent' | 'incoherent' | 'none';

/**
 * How the EM parameter `name` enters the cross section of `flavor` in `channel`.
 * @param flavor - π-DAR flavour
 * @param name - EM parameter (or `s2w`)
 * @param channel - detection channel: CEvNS or neutrino–electron scattering; both have the same
 *   structure (the electron shifts differ from the nuclear ones only in sign and size, docs/physics.md §6)
 * @returns `'coherent'` (linear in the amplitude that is squared), `'incoherent'` (separate square,
 *   no interference) or `'none'`
 * @example parameterCoupling('nue', 'qemu', 'cevns') // returns 'incoherent'
 * Reference: docs/physics.md §4 (diagonal charge, transition charges, magnetic
 * moment, charge radius, anapole), §6 (electron scattering); Khan arXiv:2201.10578 eq. 9, 13, 19, 25.
 */
export function parameterCoupling(flavor: Flavor, name: EmParameterName, channel: 'cevns' | 'electron'): ParameterCoupling {
  if (channel !== 'cevns' && channel !== 'electron') throw new Error(`parameterCoupling: unknown channel ${String(channel)}`);
  const names = flavorParameters(flavor);
  if (name === 's2w' || name === names.charge || name === names.chargeRadius || name === names.anapole) return 'coherent';
  if (name === names.magneticMoment || names.transitions.includes(name)) return 'incoherent';
  return 'none';
}
