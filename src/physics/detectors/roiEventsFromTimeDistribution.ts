/**
 * Background events in the COHERENT region of interest from the released time distribution
 * (normalised over all energies) and the released energy PDF (docs/physics.md §D.1; release README,
 * "normalisation facts": 27.632/1.49778 = 18.45 BRN and 7.4927/1.33396 = 5.62 NIN events).
 */

/**
 * Number of template events inside an energy region of interest and a time window, from the
 * released time distribution (normalised to all energies) and the energy PDF:
 *   N_ROI = Σ_{t ∈ window} T(t) · Σ_{x ∈ ROI} P(x) / Σ_{all x} P(x).
 *
 * @param timeCentres_us - centres of the time bins (µs)
 * @param timeValues - time-distribution content per bin (events, all energies)
 * @param window_us - time window [lo, hi) (µs)
 * @param energyCentres - centres of the energy-PDF bins
 * @param energyValues - energy-PDF content per bin
 * @param roi - energy region [lo, hi)
 * @returns expected events in ROI × window (without timing efficiency)
 * @example // COHERENT BRN: 27.632 × 1/1.49778 = 18.45 (docs/physics.md §D.1)
 * Reference: docs/physics.md §D.1 and the release README (normalisation facts).
 */
export function roiEventsFromTimeDistribution(
  timeCentres_us: ArrayLike<number>,
  timeValues: ArrayLike<number>,
  window_us: readonly [number, number],
  energyCentres: ArrayLike<number>,
  energyValues: ArrayLike<number>,
  roi: readonly [number, number],
): number {
  let inTime = 0;
  for (let i = 0; i < timeCentres_us.length; i++) {
    const t = timeCentres_us[i]!;
    if (t >= window_us[0] && t < window_us[1]) inTime += timeValues[i]!;
  }
  let inRoi = 0;
  let all = 0;
  for (let i = 0; i < energyCentres.length; i++) {
    all += energyValues[i]!;
    const x = energyCentres[i]!;
    if (x >= roi[0] && x < roi[1]) inRoi += energyValues[i]!;
  }
  return (inTime * inRoi) / all;
}
