/**
 * Comparison of a computed 90% CL interval with a published one, using the tolerances written
 * in the analysis file before computing (Khan: lower edge ±25%, upper edge ±50%, side of the
 * asymmetry exact, docs/reproduction.md; ESS Table 2: ±30%, docs/physics.md §D.4).
 *
 * The computed set may be a union of disjoint intervals; published tables quote its hull, so the
 * hull is compared. Each edge passes when |ours/published − 1| ≤ tolerance. With
 * `asymmetry: true` the longer side (|hi| vs |lo|) must be the same as published. An interval
 * that reaches the scan boundary fails (its true edge is unknown).
 */
import type { PublishedInterval } from '../experiments/analysisSchema.js';
import { hullOfIntervals, type Profile1DResult } from './profile1D.js';

/** Outcome of one comparison. */
export interface IntervalComparison {
  /** Analysis id. */
  readonly analysis: string;
  /** Parameter name. */
  readonly parameter: string;
  /** Published [lo, hi]. */
  readonly published: [number, number];
  /** Our hull [lo, hi]. */
  readonly ours: [number, number];
  /** Our confidence set as disjoint intervals. */
  readonly pieces: Array<[number, number]>;
  /** [ours_lo/pub_lo, ours_hi/pub_hi]. */
  readonly ratio: [number, number];
  /** Whether every check passed. */
  readonly pass: boolean;
  /** Failed checks, in words (empty when pass). */
  readonly failures: string[];
  /** Tolerances used. */
  readonly tolerance: PublishedInterval['tolerance'];
  /** Published source. */
  readonly source: string;
}

/**
 * Compares a profile's interval with a published one.
 *
 * @param analysis - analysis id
 * @param published - the published entry (interval, tolerance, source)
 * @param result - our 1-D profile of the same parameter
 * @returns the comparison with pass/fail and the reasons of any failure
 */
export function comparePublished(analysis: string, published: PublishedInterval, result: Profile1DResult): IntervalComparison {
  const [pLo, pHi] = published.interval;
  const [lo, hi] = hullOfIntervals(result.intervals);
  const ratio: [number, number] = [lo / pLo, hi / pHi];
  const tol = published.tolerance;
  const failures: string[] = [];
  if (result.intervals.some((i) => i.loOpen || i.hiOpen)) failures.push('interval reaches the scan boundary');
  if (!(Math.abs(ratio[0] - 1) <= tol.lower)) failures.push(`lower edge off by ${((ratio[0] - 1) * 100).toFixed(0)}% (tolerance ±${tol.lower * 100}%)`);
  if (!(Math.abs(ratio[1] - 1) <= tol.upper)) failures.push(`upper edge off by ${((ratio[1] - 1) * 100).toFixed(0)}% (tolerance ±${tol.upper * 100}%)`);
  if (tol.asymmetry) {
    const side = (a: number, b: number): number => Math.sign(Math.abs(b) - Math.abs(a));
    if (side(lo, hi) !== side(pLo, pHi)) failures.push('longer side differs from the published one');
  }
  return {
    analysis,
    parameter: published.parameter,
    published: [pLo, pHi],
    ours: [lo, hi],
    pieces: result.intervals.map((i) => [i.lo, i.hi]),
    ratio,
    pass: failures.length === 0,
    failures,
    tolerance: tol,
    source: published.source,
  };
}
