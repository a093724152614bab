/**
 * Flat steady-state background of the ESS detectors, given in ckkd (counts per kg per keV per
 * day): N_bkg^i = b · m · ΔT^i · t (spec docs/physics.md §D.2; background model of Baxter et al.,
 * arXiv:1911.00762, as used by arXiv:2409.10652 §IV).
 */

/**
 * Background counts in one bin.
 *
 * @param rate_ckkd - background rate b (counts / kg / keV / day)
 * @param mass_kg - detector mass m (kg)
 * @param binWidth_keV - bin width ΔT (keV, on the detector's energy axis)
 * @param livetime_days - exposure t (days)
 * @returns expected background counts
 * @example flatBackgroundCounts(3, 7, 1, 365) // returns 7665
 * Reference: docs/physics.md §D.2 (N_bkg^i = b m ΔT^i t).
 */
export function flatBackgroundCounts(rate_ckkd: number, mass_kg: number, binWidth_keV: number, livetime_days: number): number {
  return rate_ckkd * mass_kg * binWidth_keV * livetime_days;
}
