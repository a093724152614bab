/**
 * One-dimensional profile-likelihood intervals (Wilks; PDG "Statistics" review §40.4.2.2).
 *
 * Algorithm:
 * 1. global scan: evaluate χ²(x) on the scan nodes (the χ² of a millicharge can have two minima,
 *    docs/reproduction.md, so no local minimiser is trusted on its own);
 * 2. refine every local minimum of the scan with Brent's minimiser inside its two neighbouring
 *    cells, and insert the refined points into the scan;
 * 3. the level is χ²_min + Δχ²(cl, dof = 1); every sign change of χ² − level between neighbouring
 *    points is located with Brent's root finder;
 * 4. the set {x : χ²(x) ≤ level} is returned as a union of disjoint intervals; an interval that
 *    reaches the scan boundary is flagged as open there (the true edge lies outside the scan).
 */
import { brentMinimize } from '../numerics/brentMinimize.js';
import { brentRoot } from '../numerics/brentRoot.js';
import { deltaChi2ForConfidence } from './deltaChi2ForConfidence.js';
import { scanNodes, type ScanAxis } from './scanAxis.js';

/** Options of {@link profile1D}. */
export interface Profile1DOptions {
  /** Scan range and spacing. */
  readonly axis: ScanAxis;
  /** Number of scan nodes (default 121). */
  readonly points?: number;
  /** Confidence level (default 0.9). */
  readonly cl?: number;
  /** Degrees of freedom of the Δχ² threshold (default 1). */
  readonly dof?: number;
  /** At most this many local minima are refined, lowest first (default 8). */
  readonly maxMinima?: number;
  /**
   * Refine a local minimum of the scan other than the lowest only if it could come within this
   * much of the level: v_i − (v_{i−1} + v_{i+1} − 2 v_i) ≤ level + skipAbove, with v the scan χ²
   * and the level from the minima refined so far (a parabola through the three nodes drops at most
   * an eighth of that second difference between them). A minimum further up cannot reach the
   * confidence set; it is listed in `minima` at its scan node, unrefined. Default +∞: every
   * minimum is refined.
   */
  readonly skipAbove?: number;
  /**
   * Evaluate the even-indexed scan nodes first, then the odd ones (default false: in order). The
   * same nodes and the same function, so for a pure χ² the same result; it lets a χ² that
   * remembers what it computed (a profile with a local-bracket inner minimisation,
   * `profiledFunction`'s `localBracket`) treat each odd node as a point between two computed ones.
   */
  readonly coarseFirst?: boolean;
}

/** One interval of a confidence set. */
export interface ConfidenceInterval {
  /** Lower edge (parameter units). */
  readonly lo: number;
  /** Upper edge. */
  readonly hi: number;
  /** True if the set reaches the lower scan boundary (the real edge is lower). */
  readonly loOpen: boolean;
  /** True if the set reaches the upper scan boundary. */
  readonly hiOpen: boolean;
}

/** A point of a profile. */
export interface ProfilePoint {
  /** Parameter value. */
  readonly x: number;
  /** Profiled χ². */
  readonly chi2: number;
}

/** Result of {@link profile1D}. */
export interface Profile1DResult {
  /** Confidence level. */
  readonly cl: number;
  /** Δχ² threshold used. */
  readonly deltaChi2: number;
  /** χ²_min + Δχ². */
  readonly level: number;
  /** Global minimum. */
  readonly best: ProfilePoint;
  /** Refined local minima, sorted by x. */
  readonly minima: readonly ProfilePoint[];
  /** The confidence set as a union of disjoint intervals, sorted. */
  readonly intervals: readonly ConfidenceInterval[];
  /** All evaluated scan and refinement points, sorted by x. */
  readonly points: readonly ProfilePoint[];
  /** Number of χ² evaluations. */
  readonly evaluations: number;
}

/**
 * Profiles a χ² function of one parameter and returns its confidence set.
 *
 * @param chi2 - χ²(x), already minimised over every other parameter
 * @param opts - scan axis, number of nodes, confidence level
 * @returns best fit, minima, intervals and the scanned points
 * @example profile1D((x) => x * x, { axis: { min: -5, max: 5, scale: 'linear' } }).intervals
 * // returns [{ lo: ~-1.6449, hi: ~1.6449, loOpen: false, hiOpen: false }]
 */
export function profile1D(chi2: (x: number) => number, opts: Profile1DOptions): Profile1DResult {
  const cl = opts.cl ?? 0.9;
  const dof = opts.dof ?? 1;
  const deltaChi2 = deltaChi2ForConfidence(cl, dof);
  const nodes = scanNodes(opts.axis, opts.points ?? 121);
  let evaluations = 0;
  const f = (x: number): number => {
    evaluations++;
    const v = chi2(x);
    return Number.isNaN(v) ? Infinity : v;
  };
  const values = new Array<number>(nodes.length);
  if (opts.coarseFirst) {
    for (let i = 0; i < nodes.length; i += 2) values[i] = f(nodes[i]!);
    for (let i = 1; i < nodes.length; i += 2) values[i] = f(nodes[i]!);
  } else for (let i = 0; i < nodes.length; i++) values[i] = f(nodes[i]!);
  const scan: ProfilePoint[] = nodes.map((x, i) => ({ x, chi2: values[i]! }));
  const span = opts.axis.max - opts.axis.min;

  // local minima of the scan (plateaus count once: strict on the left)
  const candidates: number[] = [];
  for (let i = 0; i < scan.length; i++) {
    const c = scan[i]!.chi2;
    const left = i > 0 ? scan[i - 1]!.chi2 : Infinity;
    const right = i < scan.length - 1 ? scan[i + 1]!.chi2 : Infinity;
    if (c < left && c <= right && Number.isFinite(c)) candidates.push(i);
  }
  candidates.sort((a, b) => scan[a]!.chi2 - scan[b]!.chi2);
  const refined: ProfilePoint[] = [];
  const skipAbove = opts.skipAbove ?? Infinity;
  for (const i of candidates.slice(0, opts.maxMinima ?? 8)) {
    if (refined.length > 0 && skipAbove < Infinity) {
      const c = scan[i]!.chi2;
      const l = i > 0 ? scan[i - 1]!.chi2 : c;
      const r = i < scan.length - 1 ? scan[i + 1]!.chi2 : c;
      const lowest = Math.min(...refined.map((p) => p.chi2));
      if (c - (l + r - 2 * c) > lowest + deltaChi2 + skipAbove) {
        refined.push(scan[i]!);
        continue;
      }
    }
    const a = scan[Math.max(i - 1, 0)]!.x;
    const b = scan[Math.min(i + 1, scan.length - 1)]!.x;
    const m = brentMinimize(f, a, b, { absTol: 1e-12 * span });
    const p = m.fx <= scan[i]!.chi2 ? { x: m.x, chi2: m.fx } : scan[i]!;
    refined.push(p);
  }
  if (refined.length === 0) throw new Error('profile1D: χ² is not finite anywhere on the scan');
  const points = [...scan, ...refined.filter((p) => !nodes.includes(p.x))].sort((p, q) => p.x - q.x);
  const best = refined.reduce((p, q) => (q.chi2 < p.chi2 ? q : p));
  const level = best.chi2 + deltaChi2;

  const g = (x: number): number => f(x) - level;
  const intervals: ConfidenceInterval[] = [];
  let openAt: { x: number; open: boolean } | null = points[0]!.chi2 <= level ? { x: points[0]!.x, open: true } : null;
  for (let k = 1; k < points.length; k++) {
    const p = points[k - 1]!;
    const q = points[k]!;
    const inP = p.chi2 <= level;
    const inQ = q.chi2 <= level;
    if (inP === inQ) continue;
    // the bracket ends take the values the scan saw (a profile whose inner minimiser is warm-started
    // may return a slightly different χ² when a point is evaluated again)
    const gb = (x: number): number => (x === p.x ? p.chi2 - level : x === q.x ? q.chi2 - level : g(x));
    const root = Number.isFinite(p.chi2) && Number.isFinite(q.chi2) ? brentRoot(gb, p.x, q.x, { absTol: 1e-12 * span }).x : inQ ? q.x : p.x;
    if (inQ) openAt = { x: root, open: false };
    else {
      intervals.push({ lo: openAt!.x, hi: root, loOpen: openAt!.open, hiOpen: false });
      openAt = null;
    }
  }
  if (openAt) intervals.push({ lo: openAt.x, hi: points[points.length - 1]!.x, loOpen: openAt.open, hiOpen: true });
  return {
    cl,
    deltaChi2,
    level,
    best,
    minima: [...refined].sort((p, q) => p.x - q.x),
    intervals,
    points,
    evaluations,
  };
}

/**
 * The smallest interval containing a confidence set (its convex hull), as published tables quote it.
 *
 * @param intervals - disjoint intervals from {@link profile1D}
 * @returns [lowest lo, highest hi]
 */
export function hullOfIntervals(intervals: readonly ConfidenceInterval[]): [number, number] {
  if (intervals.length === 0) throw new Error('empty confidence set');
  return [Math.min(...intervals.map((i) => i.lo)), Math.max(...intervals.map((i) => i.hi))];
}
