/**
 * GetDist's choice between two-tailed intervals and one-tailed limits for parameters with a hard
 * (physical or prior) bound — e.g. an upper limit on a millicharge magnitude bounded below by 0.
 * @module
 */
import { normalQuantile } from '../numerics/stdlib.js';
import { densityLevelSet } from './hdi.js';
import { kde1d, type BandwidthRule } from './kde1d.js';
import { quantileSorted, sortedCopy } from './quantiles.js';

/** Which kind of limit was reported. */
export type LimitKind = 'two-sided' | 'upper' | 'lower' | 'none';

/** Options of {@link oneSided}. */
export interface OneSidedOptions {
  /** Credible probability (default 0.95). */
  prob?: number;
  /** Hard lower bound of the parameter (prior or physics), if any. */
  lower?: number;
  /** Hard upper bound, if any. */
  upper?: number;
  /** KDE bandwidth rule (default 'scott'). */
  bandwidth?: BandwidthRule;
  /** Two-tail: use equal-tail limits when their normalised densities differ by less than this (default 0.05, GetDist). */
  credibleIntervalThreshold?: number;
}

/** Result of {@link oneSided}. */
export interface OneSidedLimit {
  kind: LimitKind;
  /** Lower end (the bound itself for an upper limit). */
  lo: number;
  /** Upper end (the bound itself for a lower limit). */
  hi: number;
  /** The probability used. */
  prob: number;
  /** Density at the lower / upper bound relative to the KDE maximum (NaN without that bound). */
  relDensityAtLower: number;
  relDensityAtUpper: number;
  /** Relative density above which a bound makes the limit one-tailed: exp(−z²/2), z = Φ⁻¹((1−prob)/2). */
  maxFracTwoTail: number;
  /** For two-sided: 'equal-tail' or 'equal-density'. */
  method: 'equal-tail' | 'equal-density' | 'one-tail' | 'bounds';
}

/**
 * GetDist limits: with the boundary-corrected KDE normalised to peak 1, a bound whose density exceeds
 * exp(−z²/2), z = Φ⁻¹((1−p)/2) (what a Gaussian has at its two-tail limit), is "open":
 * open lower bound → upper limit [lower, Q(p)] (`'upper'`); open upper bound → lower limit
 * [Q(1−p), upper] (`'lower'`); both → `'none'` (the bounds); neither → two-tailed: equal-tail
 * quantiles if the densities at them differ by < 0.05 of the peak, else the equal-density interval.
 * Reference: GetDist `MCSamples._setMargeLimits` / `Density1D.getLimits` (Lewis 2019,
 * arXiv:1910.13970); Hyndman 1996, doi:10.1080/00031305.1996.10474359.
 * @param samples - the draws (units u)
 * @param opts - prob, bounds, bandwidth, threshold
 * @returns the limit, its kind and the densities behind the decision
 * @example oneSided(exponentialDraws, { lower: 0, prob: 0.9 }) // returns { kind: 'upper', lo: 0, hi: ~2.303, ... }
 */
export function oneSided(samples: ArrayLike<number>, opts: OneSidedOptions = {}): OneSidedLimit {
  const prob = opts.prob ?? 0.95;
  if (!(prob > 0 && prob < 1)) throw new RangeError(`oneSided: prob must be in (0, 1), got ${prob}`);
  const lower = opts.lower ?? -Infinity;
  const upper = opts.upper ?? Infinity;
  const kde = kde1d(samples, { bandwidth: opts.bandwidth, lower, upper, gridSize: 1024 });
  let peak = 0;
  for (const v of kde.density) peak = Math.max(peak, v);
  const rel = (v: number): number => kde.evaluate(v) / peak;
  const z = normalQuantile((1 - prob) / 2, 0, 1);
  const maxFracTwoTail = Math.exp(-0.5 * z * z);
  const relDensityAtLower = Number.isFinite(lower) ? rel(lower) : NaN;
  const relDensityAtUpper = Number.isFinite(upper) ? rel(upper) : NaN;
  const openLower = relDensityAtLower > maxFracTwoTail;
  const openUpper = relDensityAtUpper > maxFracTwoTail;
  const s = sortedCopy(samples);
  const base = { prob, relDensityAtLower, relDensityAtUpper, maxFracTwoTail };
  if (openLower && openUpper) return { ...base, kind: 'none', lo: lower, hi: upper, method: 'bounds' };
  if (openLower) return { ...base, kind: 'upper', lo: lower, hi: quantileSorted(s, prob), method: 'one-tail' };
  if (openUpper) return { ...base, kind: 'lower', lo: quantileSorted(s, 1 - prob), hi: upper, method: 'one-tail' };
  const lo = quantileSorted(s, (1 - prob) / 2);
  const hi = quantileSorted(s, (1 + prob) / 2);
  if (Math.abs(rel(hi) - rel(lo)) < (opts.credibleIntervalThreshold ?? 0.05)) {
    return { ...base, kind: 'two-sided', lo, hi, method: 'equal-tail' };
  }
  const set = densityLevelSet(kde.x, kde.density, prob);
  return { ...base, kind: 'two-sided', lo: set.intervals[0].lo, hi: set.intervals[set.intervals.length - 1].hi, method: 'equal-density' };
}
