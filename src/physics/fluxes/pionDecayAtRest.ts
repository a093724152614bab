/**
 * Neutrino spectra of π⁺ decay at rest followed by μ⁺ decay at rest (docs/physics.md §7):
 * a monochromatic prompt ν_μ line and the Michel spectra of the delayed ν_e and ν̄_μ, each
 * normalised to one neutrino per decay.
 */
import { CHARGED_PION_MASS_MeV, MUON_MASS_MeV } from '../../units/constants.js';

/** Prompt ν_μ energy E_p = (m_π² − m_μ²)/(2 m_π) = 29.7921 MeV (two-body π⁺ → μ⁺ ν_μ at rest). */
export const PROMPT_ENERGY_MeV = (CHARGED_PION_MASS_MeV ** 2 - MUON_MASS_MeV ** 2) / (2 * CHARGED_PION_MASS_MeV);

/** Endpoint of the delayed spectra E_max = m_μ/2 = 52.83 MeV (electron mass neglected). */
export const MAX_NEUTRINO_ENERGY_MeV = MUON_MASS_MeV / 2;

/**
 * Normalised delayed spectrum (per MeV):
 * ν̄_μ: (64/m_μ)(E/m_μ)²(3/4 − E/m_μ); ν_e: (192/m_μ)(E/m_μ)²(1/2 − E/m_μ), for 0 ≤ E ≤ m_μ/2, else 0.
 * The prompt ν_μ line is a delta function and has no density: evaluate it at {@link PROMPT_ENERGY_MeV}.
 * @param flavor - 'nue' or 'numubar'
 * @param E_MeV - neutrino energy in MeV
 * @returns dN/dE in MeV^-1 (∫ = 1). Source: ESS eq. 12–13 [REC]; Michel spectrum with m_e = 0 (docs/physics.md §7).
 */
export function delayedSpectrum_perMeV(flavor: 'nue' | 'numubar', E_MeV: number): number {
  if (!(E_MeV >= 0) || E_MeV > MAX_NEUTRINO_ENERGY_MeV) return 0;
  const x = E_MeV / MUON_MASS_MeV;
  if (flavor === 'nue') return (192 / MUON_MASS_MeV) * x * x * (0.5 - x);
  if (flavor === 'numubar') return (64 / MUON_MASS_MeV) * x * x * (0.75 - x);
  throw new RangeError(`delayedSpectrum_perMeV: ${String(flavor)} is not a delayed flavour (numu is the prompt line)`);
}
