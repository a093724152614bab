/**
 * Per-walker acceptance fractions with a stuck-walker warning.
 * @module
 */

/** Options of {@link acceptanceReport}. */
export interface AcceptanceOptions {
  /** A walker is stuck below this fraction of the median acceptance (default 0.2). */
  relativeToMedian?: number;
  /** ...or below this absolute acceptance fraction (default 0.01). */
  absolute?: number;
}

/** Result of {@link acceptanceReport}. */
export interface AcceptanceReport {
  /** Accepted / proposed per walker. */
  fractions: Float64Array;
  /** Mean acceptance over walkers. */
  mean: number;
  /** Median acceptance over walkers. */
  median: number;
  /** Indices of stuck walkers (ascending). */
  stuck: number[];
  /** One line per problem (stuck walkers; mean outside emcee's healthy 0.2–0.5 range). */
  warnings: string[];
}

/**
 * Acceptance fraction per walker and a list of stuck walkers: fraction < relativeToMedian·median
 * or < absolute (defaults 0.2 and 1 %). Stuck walkers sit in low-probability islands and bias the
 * ensemble (emcee issue #423); Foreman-Mackey et al. recommend a mean acceptance of 0.2–0.5.
 * Reference: Foreman-Mackey et al. 2013, arXiv:1202.3665, §4;.
 * @param accepted - accepted proposals per walker (counts)
 * @param nsteps - proposals per walker (steps)
 * @param opts - thresholds
 * @returns fractions, mean, median, stuck walkers and warnings
 * @example acceptanceReport([300, 310, 2], 1000).stuck // returns [2]
 */
export function acceptanceReport(accepted: ArrayLike<number>, nsteps: number, opts: AcceptanceOptions = {}): AcceptanceReport {
  const rel = opts.relativeToMedian ?? 0.2;
  const abs = opts.absolute ?? 0.01;
  if (!(nsteps > 0)) throw new RangeError(`acceptanceReport: nsteps must be positive, got ${nsteps}`);
  const fractions = Float64Array.from(accepted, (a) => a / nsteps);
  const sorted = fractions.slice().sort();
  const w = sorted.length;
  const median = w === 0 ? NaN : w % 2 ? sorted[(w - 1) / 2] : (sorted[w / 2 - 1] + sorted[w / 2]) / 2;
  const mean = fractions.reduce((a, b) => a + b, 0) / w;
  const stuck: number[] = [];
  fractions.forEach((f, i) => {
    if (f < rel * median || f < abs) stuck.push(i);
  });
  const warnings: string[] = [];
  if (stuck.length > 0) {
    warnings.push(
      `${stuck.length} of ${w} walkers look stuck (acceptance below ${rel}×median = ${(rel * median).toFixed(3)} or ${abs}): ` +
        `walkers ${stuck.join(', ')}; re-initialise them near the bulk or discard more burn-in`,
    );
  }
  if (mean < 0.2 || mean > 0.5) warnings.push(`mean acceptance ${mean.toFixed(3)} is outside the usual 0.2–0.5 range`);
  return { fractions, mean, median, stuck, warnings };
}
