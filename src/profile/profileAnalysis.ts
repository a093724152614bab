/**
 * Profile likelihoods of an analysis: 1-D intervals and 2-D contours of chosen physics
 * parameters, with the nuisances profiled exactly per experiment and every other free physics
 * parameter minimised numerically (one: grid scan over its scan range, then Brent; several:
 * coordinate-wise grid scans for a start, then Nelder–Mead over all of them; see
 * {@link profiledFunction}). Wilks thresholds: Δχ² = χ²_1(cl) for intervals, χ²_2(cl) for contours
 * (PDG "Statistics" review §40.4.2.2).
 */
import { brentMinimize } from '../numerics/brentMinimize.js';
import { nelderMead } from '../numerics/nelderMead.js';
import type { AnalysisLikelihood } from '../likelihood/buildAnalysisLikelihood.js';
import type { CombinedLikelihood } from '../experimentModel/combinedLikelihood.js';
import type { LoadedAnalysis } from '../experiments/loadAnalysis.js';
import { UserError } from '../cli/userError.js';
import { profile1D, type Profile1DResult } from './profile1D.js';
import { contour2D, type Contour2DResult } from './contour2D.js';
import { scanNodes, type ScanAxis } from './scanAxis.js';

/** Options of the analysis profiles. */
export interface AnalysisProfileOptions {
  /** Confidence level (default: the analysis' profile.cl). */
  readonly cl?: number;
  /** 1-D scan nodes (default: profile.points). */
  readonly points?: number;
  /** 2-D coarse nodes per axis (default: profile.nx / profile.ny). */
  readonly nx?: number;
  /** 2-D coarse nodes along y. */
  readonly ny?: number;
  /** 2-D refinement depth (default: profile.refine). */
  readonly refine?: number;
  /** Scan nodes for each nuisance-like physics parameter minimised inside (default 25). */
  readonly innerPoints?: number;
}

/**
 * Brent's x tolerance of the inner minimisation, as a fraction of the inner parameter's scan range.
 * At a minimum χ² is flat: an x error δ changes it by ½χ''δ², which for δ = 1e-6 of the scan range
 * is far below the noise of the nuisance fits themselves (BFGS stops at a relative gradient 1e-7),
 * while a tolerance near machine precision (the former 1e-10 of the range, below Brent's relative
 * tolerance 1.5e-8·|x| for the charges' ~1e-8 values) only made Brent spend 50–110 nuisance fits
 * per point chasing that noise (coherent-csiar-qee-qmumu, docs/performance.md).
 */
export const INNER_ABS_TOL = 1e-6;

/**
 * A local-bracket inner minimisation ({@link ProfiledFunctionOptions.localBracket}) whose Brent
 * result lies within this fraction of its bracket from an inner end falls back to the full grid:
 * the minimum may have left the two cells around the neighbours' basin.
 */
export const EDGE_FRACTION = 0.01;

/** Options of {@link profiledFunction}. */
export interface ProfiledFunctionOptions {
  /**
   * One parameter of interest and one other parameter only (ignored otherwise): a point whose
   * nearest fully evaluated points on both sides lie within this distance (in units of the
   * parameter's scan range, ln-scaled for log axes; e.g. one 1-D scan step, 1/(points − 1))
   * minimises the other parameter only in the brackets of the inner basins found at those two
   * points (the refinement points of {@link profile1D}, which always lie between two scan
   * nodes), instead of the whole inner grid. Default: off (every point gets the whole grid).
   */
  readonly localBracket?: number;
  /**
   * One other parameter only: the χ² profiled from the nominal nuisances at θ, leaving the
   * warm-start state of `lik` as it was ({@link nominalStartChi2}). At every evaluated point the
   * χ² at the chosen inner value is recomputed with it and the lower value kept, so a point is never
   * above the nominal-start profile at its own θ (a warm-started nuisance fit can end in a local
   * minimum ≈ 2e-5 above it where no nuisance is far out and the safeguard of
   * `profile.warmStart` does not refit; docs/performance.md). Default: none.
   */
  readonly nominalCheck?: (theta: Float64Array) => number;
}

/**
 * min over the nuisances of χ²(θ, ν) from the nominal nuisances (as without `profile.warmStart`),
 * leaving the warm-start state of the combined likelihood unchanged: saved, reset, profiled, restored.
 *
 * @param lik - the analysis likelihood
 * @param theta - free EM parameters
 * @returns the nominal-start profiled χ²
 */
export function nominalStartChi2(lik: Pick<AnalysisLikelihood, 'combined'>, theta: ArrayLike<number>): number {
  const state = lik.combined.warmStartState();
  lik.combined.resetWarmStart();
  try {
    return lik.combined.profile(theta).chi2;
  } finally {
    lik.combined.setWarmStartState(state);
  }
}

/** The inner basins of a fully evaluated point of a 1-D profile: its unit position and the grid nodes whose brackets compete for the minimum. */
interface InnerRecord {
  readonly u: number;
  readonly basins: readonly number[];
}

/**
 * The grid nodes whose two-cell brackets may hold the inner minimum: the best node `bi` and every
 * other local minimum v_b of the inner grid that a parabola through it and its neighbours could
 * bring to the best node's value even with 8 times its drop (for a parabola the minimum between
 * the neighbours lies at most (v_{b−1} + v_{b+1} − 2 v_b)/8 below v_b, so v_b − that second
 * difference ≤ v_bi keeps every basin that could compete).
 *
 * @param v - χ² at the inner grid nodes (+∞ / NaN: not finite)
 * @param bi - index of the lowest node
 * @returns node indices, ascending
 */
export function competingBasins(v: ArrayLike<number>, bi: number): number[] {
  const out: number[] = [];
  const n = v.length;
  for (let b = 0; b < n; b++) {
    if (b === bi) {
      out.push(b);
      continue;
    }
    const c = v[b]!;
    if (!Number.isFinite(c)) continue;
    const l = b > 0 ? v[b - 1]! : Infinity;
    const r = b < n - 1 ? v[b + 1]! : Infinity;
    if (!(c < l && c <= r)) continue;
    // at a scan end only one neighbour: its difference twice (a parabola's drop to the end is bounded the same way)
    const second = (Number.isFinite(l) ? l - c : 0) + (Number.isFinite(r) ? r - c : 0) + (b === 0 || b === n - 1 ? (Number.isFinite(l) ? l - c : r - c) : 0);
    if (c - second <= v[bi]!) out.push(b);
  }
  return out;
}

function axisOf(analysis: LoadedAnalysis, name: string): ScanAxis {
  const p = analysis.physics.find((q) => q.name === name);
  if (!p) {
    throw new UserError('--param', `${name} is not a free physics parameter of ${analysis.id}`, `use one of ${analysis.physics.map((q) => q.name).join(', ')}`);
  }
  if (!p.scan) throw new UserError(`${analysis.file}: parameters`, `${name} has no scan range and none follows from its prior`, 'add scan: { min, max, scale }');
  return p.scan;
}

/** Position of `v` on a scan axis as a fraction of its range (in ln v for log axes; 0 = min, 1 = max). */
function toUnit(axis: ScanAxis, v: number): number {
  return axis.scale === 'log' ? (Math.log(v) - Math.log(axis.min)) / (Math.log(axis.max) - Math.log(axis.min)) : (v - axis.min) / (axis.max - axis.min);
}
/** Inverse of {@link toUnit}. */
function fromUnit(axis: ScanAxis, u: number): number {
  return axis.scale === 'log' ? Math.exp(Math.log(axis.min) + u * (Math.log(axis.max) - Math.log(axis.min))) : axis.min + u * (axis.max - axis.min);
}

/**
 * χ² as a function of the chosen parameters, minimised over the other free physics parameters
 * (the nuisances α, β are profiled exactly inside `lik.profiledChi2`).
 *
 * With one other parameter: grid scan over its scan range, then Brent's minimiser between the
 * neighbours of the best node. With two or more: coordinate-wise grid scans (two sweeps) pick a
 * start, keeping a global view of multi-modal χ² (docs/reproduction.md: the millicharge χ² has two minima),
 * then the adaptive Nelder–Mead simplex ({@link nelderMead}; Gao & Han 2012,
 * doi:10.1007/s10589-010-9329-3) minimises over all of them at once, in coordinates scaled to
 * each scan range (ln-scaled for log axes) and confined to the scan box (+∞ outside).
 *
 * @param lik - the analysis likelihood
 * @param analysis - the loaded analysis (scan ranges of the other parameters)
 * @param names - parameters of interest
 * With `options.localBracket` (one parameter of interest and one other), a point between two
 * fully evaluated points close enough minimises the other parameter only in the brackets of the
 * inner basins found there ({@link ProfiledFunctionOptions}); with `options.nominalCheck` every
 * point is also checked against the nominal-start nuisance fit at its own θ.
 *
 * @param innerPoints - scan nodes per inner parameter
 * @param thetaOut - if given, receives the full θ (all free physics parameters) at each minimum found
 * @param options - local brackets and nominal-start checks (default: neither)
 * @returns χ²(values of `names`)
 */
export function profiledFunction(
  lik: Pick<AnalysisLikelihood, 'physicsNames' | 'profiledChi2'>,
  analysis: LoadedAnalysis,
  names: readonly string[],
  innerPoints = 25,
  thetaOut?: Float64Array,
  options: ProfiledFunctionOptions = {},
): (values: readonly number[]) => number {
  const d = lik.physicsNames.length;
  const idx = names.map((n) => lik.physicsNames.indexOf(n as never));
  const others = lik.physicsNames.map((_, i) => i).filter((i) => !idx.includes(i));
  const axes = others.map((i) => axisOf(analysis, lik.physicsNames[i]!));
  const nodesOf = axes.map((a) => scanNodes(a, innerPoints));
  const theta = new Float64Array(d);
  // local brackets (one parameter of interest, one other): the inner basins of every full evaluation
  const outerAxis = names.length === 1 && others.length === 1 && options.localBracket !== undefined ? axisOf(analysis, names[0]!) : undefined;
  const maxGap = (options.localBracket ?? 0) * (1 + 1e-9);
  const records: InnerRecord[] = [];
  const innerBrent = (lo: number, hi: number) => {
    const i = others[0]!;
    const axis = axes[0]!;
    return brentMinimize(
      (t) => {
        theta[i] = t;
        return lik.profiledChi2(theta);
      },
      lo,
      hi,
      { absTol: INNER_ABS_TOL * (axis.max - axis.min) },
    );
  };
  const checked = (best: number): number => {
    if (!options.nominalCheck) return best;
    const c = options.nominalCheck(theta);
    return c < best ? c : best;
  };
  /** The full inner minimisation: grid over the scan range, Brent between the best node's neighbours. */
  const oneOtherFull = (best: number, u: number | undefined): number => {
    const i = others[0]!;
    const current = theta[i]!;
    const nodes = nodesOf[0]!;
    const values = new Float64Array(nodes.length);
    let bi = 0;
    let bv = Infinity;
    for (let n = 0; n < nodes.length; n++) {
      theta[i] = nodes[n]!;
      const v = lik.profiledChi2(theta);
      values[n] = v;
      if (v < bv) [bv, bi] = [v, n];
    }
    const m = innerBrent(nodes[Math.max(bi - 1, 0)]!, nodes[Math.min(bi + 1, nodes.length - 1)]!);
    const candidates: Array<[number, number]> = [
      [m.fx, m.x],
      [bv, nodes[bi]!],
      [best, current],
    ];
    candidates.sort((p, q) => p[0] - q[0]);
    [best, theta[i]] = candidates[0]!;
    if (u !== undefined) records.push({ u, basins: competingBasins(values, bi) });
    return checked(best);
  };
  /**
   * A point between two fully evaluated neighbours (at most `localBracket` away on each side):
   * Brent in the bracket of every competing inner basin of either neighbour (their best node and
   * every other grid minimum that could be as low, {@link competingBasins}) instead of the whole
   * grid; when a Brent result ends at an inner end of its bracket (the minimum has moved out of
   * the cell pair) the full minimisation is done instead.
   */
  const oneOther = (best: number, u: number | undefined): number => {
    if (u === undefined) return oneOtherFull(best, undefined);
    let left: InnerRecord | undefined;
    let right: InnerRecord | undefined;
    for (const r of records) {
      if (r.u <= u && u - r.u <= maxGap && (!left || r.u > left.u)) left = r;
      if (r.u >= u && r.u - u <= maxGap && (!right || r.u < right.u)) right = r;
    }
    if (!left || !right || left === right) return oneOtherFull(best, u);
    const i = others[0]!;
    const current = theta[i]!;
    const nodes = nodesOf[0]!;
    const basins = [...new Set([...left.basins, ...right.basins])].sort((a, b) => a - b);
    const candidates: Array<[number, number]> = [[best, current]];
    for (const b of basins) {
      const lo = nodes[Math.max(b - 1, 0)]!;
      const hi = nodes[Math.min(b + 1, nodes.length - 1)]!;
      const m = innerBrent(lo, hi);
      const edge = EDGE_FRACTION * (hi - lo);
      if ((b > 0 && m.x - lo <= edge) || (b < nodes.length - 1 && hi - m.x <= edge)) return oneOtherFull(best, u);
      candidates.push([m.fx, m.x]);
      // a basin at a scan end: the end itself (Brent never evaluates its bracket ends), as the full grid has it
      if (b === 0 || b === nodes.length - 1) {
        theta[i] = nodes[b]!;
        candidates.push([lik.profiledChi2(theta), nodes[b]!]);
      }
    }
    candidates.sort((p, q) => p[0] - q[0]);
    [best, theta[i]] = candidates[0]!;
    return checked(best);
  };
  const severalOthers = (best: number): number => {
    // coarse start: coordinate-wise scans, each keeping the best point seen so far
    for (let sweep = 0; sweep < 2; sweep++) {
      others.forEach((i, k) => {
        const keep = theta[i]!;
        let bv = best;
        let bx = keep;
        for (const t of nodesOf[k]!) {
          theta[i] = t;
          const v = lik.profiledChi2(theta);
          if (v < bv) [bv, bx] = [v, t];
        }
        [best, theta[i]] = [bv, bx];
      });
    }
    const startTheta = others.map((i) => theta[i]!);
    const u0 = others.map((i, k) => Math.min(1, Math.max(0, toUnit(axes[k]!, theta[i]!))));
    const h = 1 / (innerPoints - 1);
    const chi2OfUnit = (u: readonly number[]): number => {
      for (let k = 0; k < others.length; k++) {
        if (!(u[k]! >= 0 && u[k]! <= 1)) return Infinity;
        theta[others[k]!] = fromUnit(axes[k]!, u[k]!);
      }
      return lik.profiledChi2(theta);
    };
    const r = nelderMead(chi2OfUnit, u0, {
      initialStep: u0.map((u) => (u > 0.5 ? -h : h)),
      xTol: 1e-9,
      fTol: 1e-10,
      maxEvaluations: 400 * others.length,
    });
    if (r.fx < best) {
      others.forEach((i, k) => (theta[i] = fromUnit(axes[k]!, r.x[k]!)));
      return r.fx;
    }
    others.forEach((i, k) => (theta[i] = startTheta[k]!));
    return best;
  };
  return (values) => {
    idx.forEach((i, k) => (theta[i] = values[k]!));
    let best: number;
    if (others.length === 0) best = lik.profiledChi2(theta);
    else {
      for (const i of others) theta[i] = 0;
      best = lik.profiledChi2(theta);
      best = others.length === 1 ? oneOther(best, outerAxis ? toUnit(outerAxis, values[0]!) : undefined) : severalOthers(best);
    }
    thetaOut?.set(theta);
    return best;
  };
}

/**
 * Margin (χ² units above the level) beyond which {@link profileAnalysis1D} leaves a local minimum of
 * the scan unrefined (`skipAbove` of {@link profile1D}): such a minimum cannot enter the
 * confidence set. Far from the best fit the profiled χ² of coherent-csiar-qee-qmumu is not smooth
 * (the argon nuisance fits switch branches, steps of ≈ 10 in χ², docs/performance.md), which
 * made the refinement of its spurious minima (60–70 above the level) cost 65 evaluations of the
 * 164 of the qmumu scan.
 */
export const PROFILE_SKIP_ABOVE = 10;

/**
 * 1-D profile-likelihood interval of one physics parameter of an analysis. With exactly one other
 * free physics parameter: the even scan nodes are computed first with the whole inner grid, then
 * every odd node and every refinement point (each between two computed points) minimises the
 * other parameter in the inner basins found at its neighbours
 * ({@link ProfiledFunctionOptions.localBracket}); local minima of the scan more than
 * {@link PROFILE_SKIP_ABOVE} above the level are not refined; with `profile.warmStart` every point
 * is also checked against the nominal-start nuisance fit ({@link nominalStartChi2}). Measured on
 * coherent-csiar-qee-qmumu: docs/performance.md ("local inner brackets").
 *
 * @param lik - the analysis likelihood
 * @param analysis - the loaded analysis (scan range, profile settings)
 * @param name - parameter of interest
 * @param opts - overrides of the profile settings
 * @returns the profile with its intervals
 */
export function profileAnalysis1D(lik: AnalysisLikelihood, analysis: LoadedAnalysis, name: string, opts: AnalysisProfileOptions = {}): Profile1DResult {
  const axis = axisOf(analysis, name);
  const points = opts.points ?? analysis.spec.profile.points;
  const oneOther = analysis.physics.length === 2;
  const checks = oneOther && analysis.spec.profile.warmStart ? { nominalCheck: (theta: Float64Array) => nominalStartChi2(lik, theta) } : {};
  const f = profiledFunction(lik, analysis, [name], opts.innerPoints, undefined, oneOther ? { localBracket: 2 / (points - 1), ...checks } : {});
  return profile1D((x) => f([x]), { axis, points, cl: opts.cl ?? analysis.spec.profile.cl, dof: 1, ...(oneOther ? { skipAbove: PROFILE_SKIP_ABOVE, coarseFirst: true } : {}) });
}

/**
 * The nuisance of interest of an analysis (`interest: true`, e.g. the CEvNS normalisation of an SM
 * fit) and its index in the combined likelihood's global nuisances.
 *
 * @param lik - the analysis likelihood
 * @param analysis - the loaded analysis
 * @returns name, scan and global index
 * @throws UserError when the analysis has no nuisance of interest
 */
export function interestOf(lik: Pick<AnalysisLikelihood, 'combined'>, analysis: LoadedAnalysis): NonNullable<LoadedAnalysis['interest']> & { index: number } {
  const it = analysis.interest;
  if (!it) throw new UserError(`${analysis.file}: parameters`, `analysis ${analysis.id} has no nuisance of interest`, 'mark one nuisance with interest: true, or profile a physics parameter');
  const index = lik.combined.nuisances.findIndex((n) => n.name === it.name);
  if (index < 0) throw new Error(`the nuisance of interest ${it.name} is not a parameter of the combined likelihood`);
  return { ...it, index };
}

/**
 * 1-D profile-likelihood interval of the nuisance of interest of an analysis without physics
 * parameters (an SM fit): χ²(x) = min over every other nuisance of −2 ln L(θ_fixed, ν) + Σ penalties
 * with the nuisance of interest held at x (its own penalty included: none inside a flat prior),
 * the EM parameters at their `fixed:` / SM values; each point by bounded BFGS from the nominal
 * values (src/experimentModel/combinedLikelihood.ts), the interval by {@link profile1D}.
 *
 * @param lik - the analysis likelihood
 * @param analysis - the loaded analysis (its `interest`, profile settings)
 * @param opts - overrides of the profile settings (cl, points)
 * @returns the profile with its intervals, in the nuisance's units
 */
export function profileInterest1D(lik: AnalysisLikelihood, analysis: LoadedAnalysis, opts: AnalysisProfileOptions = {}): Profile1DResult {
  const it = interestOf(lik, analysis);
  const theta = new Float64Array(lik.physicsNames.length);
  const f = (x: number): number => lik.combined.profile(theta, { index: it.index, value: x }).chi2;
  return profile1D(f, { axis: it.scan, points: opts.points ?? analysis.spec.profile.points, cl: opts.cl ?? analysis.spec.profile.cl, dof: 1 });
}

/** The signal events of one experiment at a point of a nuisance-of-interest profile. */
export interface InterestSignalEvents {
  /** Experiment id. */
  readonly experiment: string;
  /** Σ over the bins used of the signal parts of the expectation at the profiled nuisances (events). */
  readonly events: number;
}

/**
 * Expected signal events (Σ of the `kind: signal` parts of `expectedParts` over the bins that enter
 * the likelihood) of every experiment, at the nuisance of interest held at `x` and every other
 * nuisance at its profiled value: with x the best fit, the fitted number of signal (CEvNS) events;
 * with x an interval edge, the corresponding edge in events (the construction of
 * `signalStrengthFit`, src/experimentTypes/coherentCsi2d/fit.ts).
 *
 * @param lik - the analysis likelihood
 * @param analysis - the loaded analysis
 * @param x - value of the nuisance of interest
 * @returns events per experiment
 */
export function interestSignalEvents(lik: AnalysisLikelihood, analysis: LoadedAnalysis, x: number): InterestSignalEvents[] {
  const it = interestOf(lik, analysis);
  const theta = new Float64Array(lik.physicsNames.length);
  const p = lik.combined.profile(theta, { index: it.index, value: x });
  const events = signalEventsAt(lik.combined, theta, p.nu);
  return lik.combined.models.map((m, k) => ({ experiment: m.id, events: events[k]! }));
}

/**
 * Expected signal events of every experiment at (θ, ν): Σ of the `kind: signal` parts of
 * `expectedParts` over the bins that enter its likelihood.
 *
 * @param combined - the combined likelihood
 * @param theta - free EM parameters
 * @param nu - global nuisances
 * @returns events per experiment, in model order
 */
export function signalEventsAt(combined: CombinedLikelihood, theta: ArrayLike<number>, nu: ArrayLike<number>): number[] {
  return combined.models.map((m, k) => {
    const parts = m.expectedParts(theta, Float64Array.from(combined.localNu(k, nu)));
    let events = 0;
    for (const c of parts.components) if (c.kind === 'signal') for (const b of m.binsUsed) events += c.counts[b]!;
    return events;
  });
}

/**
 * 2-D profile-likelihood contour of two physics parameters of an analysis.
 *
 * @param lik - the analysis likelihood
 * @param analysis - the loaded analysis
 * @param names - [x parameter, y parameter]
 * @param opts - overrides of the profile settings
 * @returns the contour polygons
 */
export function profileAnalysis2D(
  lik: AnalysisLikelihood,
  analysis: LoadedAnalysis,
  names: readonly [string, string],
  opts: AnalysisProfileOptions = {},
): Contour2DResult {
  const x = axisOf(analysis, names[0]);
  const y = axisOf(analysis, names[1]);
  const f = profiledFunction(lik, analysis, names, opts.innerPoints);
  const s = analysis.spec.profile;
  return contour2D((a, b) => f([a, b]), {
    x,
    y,
    nx: opts.nx ?? s.nx,
    ny: opts.ny ?? s.ny,
    refine: opts.refine ?? s.refine,
    cl: opts.cl ?? s.cl,
    dof: 2,
  });
}
