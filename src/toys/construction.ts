/**
 * The Neyman construction with pseudo-experiments for an analysis (Feldman & Cousins, Phys. Rev.
 * D 57, 3873 (1998), Sec. VI "the general case"; the profile construction with nuisances at
 * their conditional best fit, see src/toys/backend.ts).
 *
 * For each point θ_j of a grid over the parameter(s) of interest:
 * 1. fit the real data at θ_j: the other free physics parameters and the nuisances at their
 *    conditional best fit (or nuisances drawn from their priors per toy, `nuisanceMode: prior`);
 * 2. for each toy i (its own random stream from (seed, j, i), src/toys/toyStream.ts) generate
 *    pseudo-data there and compute the profile-likelihood-ratio statistic
 *    t = χ²(θ_j) − min_θ χ²(θ), both with every other parameter profiled; the minimum runs over
 *    the analysis' scan range of the parameters of interest (the allowed region of the
 *    construction): a scan over the grid nodes, then Brent (1-D) or Nelder–Mead (2-D) refinement
 *    of the lowest node(s);
 * 3. the observed statistic t_obs(θ_j) is the same quantity on the real data.
 * src/toys/result.ts turns the per-point statistics into critical values and the FC set.
 */
import { brentMinimize } from '../numerics/brentMinimize.js';
import { nelderMead } from '../numerics/nelderMead.js';
import { profiledFunction } from '../profile/profileAnalysis.js';
import { scanNodes, type ScanAxis } from '../profile/scanAxis.js';
import type { LoadedAnalysis } from '../experiments/loadAnalysis.js';
import type { BoundLikelihood, NuisanceMode, ToyBackend, ToyData } from './backend.js';
import { toyStream } from './toyStream.js';

/** A grid axis of the construction. */
export interface ToyAxis extends ScanAxis {
  /** Parameter name. */
  readonly name: string;
  /** Number of grid points. */
  readonly points: number;
}

/** Settings of a toy construction (JSON-serialisable: sent to workers and stored in results). */
export interface ToyConfig {
  /** Analysis id. */
  readonly analysis: string;
  /** Analysis file as loaded (absolute path). */
  readonly analysisFile: string;
  /** Model hash of the analysis (src/experiments/modelHash.ts). */
  readonly modelHash: string;
  /** Axes of the parameter(s) of interest (1 or 2). */
  readonly axes: readonly ToyAxis[];
  /** Pseudo-experiments per grid point. */
  readonly toys: number;
  /** Confidence level. */
  readonly cl: number;
  /** Run seed. */
  readonly seed: string;
  /** Nuisances of the toys. */
  readonly nuisances: NuisanceMode;
  /** Scan nodes per other free physics parameter (profiled inside). */
  readonly innerPoints: number;
}

/** Result of one grid point. */
export interface PointResult {
  /** Flat grid index (2-D: iy · nx + ix). */
  readonly index: number;
  /** Parameter(s) of interest at the point. */
  readonly theta: number[];
  /** Observed statistic. */
  readonly tObs: number;
  /** All free physics parameters at the conditional best fit to the real data. */
  readonly thetaHat: number[];
  /** Nuisances at the conditional best fit to the real data (the backend's ν order). */
  readonly nuisances: number[];
  /** Statistic of every toy, in toy order. */
  readonly t: number[];
}

/**
 * Grid node values of each axis.
 *
 * @param config - settings (its axes)
 * @returns one array of node values per axis
 */
export function axisNodes(config: Pick<ToyConfig, 'axes'>): number[][] {
  return config.axes.map((a) => scanNodes(a, a.points));
}

/**
 * Number of grid points.
 *
 * @param config - settings (its axes)
 * @returns the product of the axis point counts
 */
export function gridSize(config: Pick<ToyConfig, 'axes'>): number {
  return config.axes.reduce((n, a) => n * a.points, 1);
}

/**
 * Parameter values of a flat grid index.
 *
 * @param nodes - axis nodes
 * @param index - flat index (2-D: iy · nx + ix)
 * @returns θ of the parameters of interest
 */
export function gridPoint(nodes: readonly number[][], index: number): number[] {
  if (nodes.length === 1) return [nodes[0]![index]!];
  const nx = nodes[0]!.length;
  return [nodes[0]![index % nx]!, nodes[1]![Math.floor(index / nx)]!];
}

/** A toy profile: χ² at every grid node and the global minimum. */
export interface GridProfile {
  /** χ² at the grid nodes (flat index). */
  readonly chi2: Float64Array;
  /** Global minimum over the scan range. */
  readonly min: number;
}

/** Everything a worker needs to compute points of one construction. */
export interface ConstructionContext {
  /** Settings. */
  readonly config: ToyConfig;
  /** The analysis. */
  readonly analysis: LoadedAnalysis;
  /** Toy backend of its likelihood. */
  readonly backend: ToyBackend;
  /** Axis nodes. */
  readonly nodes: number[][];
  /** Profile of the real data over the grid. */
  readonly real: GridProfile;
  /** χ²(θ of interest) of a bound likelihood, other parameters profiled; fills `thetaOut`. */
  profiled(lik: BoundLikelihood, thetaOut?: Float64Array): (values: readonly number[]) => number;
  /** Grid profile of a bound likelihood. */
  gridProfile(lik: BoundLikelihood): GridProfile;
}

function gridProfileOf(f: (v: readonly number[]) => number, nodes: readonly number[][], axes: readonly ToyAxis[]): GridProfile {
  if (nodes.length === 1) {
    const xs = nodes[0]!;
    const chi2 = new Float64Array(xs.length);
    for (let j = 0; j < xs.length; j++) {
      const v = f([xs[j]!]);
      chi2[j] = Number.isNaN(v) ? Infinity : v;
    }
    // refine the two lowest local minima of the scan (the millicharge χ² can have two)
    const cand: number[] = [];
    for (let j = 0; j < xs.length; j++) {
      const l = j > 0 ? chi2[j - 1]! : Infinity;
      const r = j + 1 < xs.length ? chi2[j + 1]! : Infinity;
      if (chi2[j]! < l && chi2[j]! <= r) cand.push(j);
    }
    cand.sort((a, b) => chi2[a]! - chi2[b]!);
    let min = Math.min(...chi2);
    const span = axes[0]!.max - axes[0]!.min;
    for (const j of cand.slice(0, 2)) {
      const a = xs[Math.max(j - 1, 0)]!;
      const b = xs[Math.min(j + 1, xs.length - 1)]!;
      const m = brentMinimize((x) => f([x]), a, b, { absTol: 1e-9 * span });
      if (m.fx < min) min = m.fx;
    }
    return { chi2, min };
  }
  const [xs, ys] = nodes as [number[], number[]];
  const nx = xs.length;
  const chi2 = new Float64Array(nx * ys.length);
  let best = 0;
  for (let iy = 0; iy < ys.length; iy++) {
    for (let ix = 0; ix < nx; ix++) {
      const v = f([xs[ix]!, ys[iy]!]);
      chi2[iy * nx + ix] = Number.isNaN(v) ? Infinity : v;
      if (chi2[iy * nx + ix]! < chi2[best]!) best = iy * nx + ix;
    }
  }
  const bx = best % nx;
  const by = Math.floor(best / nx);
  const x0 = xs[bx]!;
  const y0 = ys[by]!;
  const hx = (axes[0]!.max - axes[0]!.min) / (nx - 1);
  const hy = (axes[1]!.max - axes[1]!.min) / (ys.length - 1);
  // refine inside the neighbouring cells, in cell units
  const g = (u: readonly number[]): number => {
    if (!(Math.abs(u[0]!) <= 1 && Math.abs(u[1]!) <= 1)) return Infinity;
    const x = x0 + u[0]! * hx;
    const y = y0 + u[1]! * hy;
    if (x < axes[0]!.min || x > axes[0]!.max || y < axes[1]!.min || y > axes[1]!.max) return Infinity;
    return f([x, y]);
  };
  const r = nelderMead(g, [0, 0], { initialStep: 0.3, xTol: 1e-6, fTol: 1e-9, maxEvaluations: 200, maxRestarts: 1 });
  return { chi2, min: Math.min(chi2[best]!, r.fx) };
}

/**
 * Builds the construction context (real-data profile over the grid included).
 *
 * @param config - settings
 * @param analysis - the loaded analysis
 * @param backend - its toy backend
 * @returns the context
 */
export function constructionContext(config: ToyConfig, analysis: LoadedAnalysis, backend: ToyBackend): ConstructionContext {
  const nodes = axisNodes(config);
  const names = config.axes.map((a) => a.name);
  const profiled = (lik: BoundLikelihood, thetaOut?: Float64Array): ((values: readonly number[]) => number) =>
    profiledFunction(lik, analysis, names, config.innerPoints, thetaOut);
  const gridProfile = (lik: BoundLikelihood): GridProfile => gridProfileOf(profiled(lik), nodes, config.axes);
  const real = gridProfile(backend.real);
  return { config, analysis, backend, nodes, real, profiled, gridProfile };
}

/**
 * Pseudo-data of toy `toy` of family `point` at the conditional fit (θ̂, ν̂).
 *
 * @param ctx - context
 * @param thetaHat - all free physics parameters
 * @param nuHat - conditional best nuisances (used in `profile` mode)
 * @param point - stream family (grid index, or an offset family for coverage/expected limits)
 * @param toy - toy index
 * @returns counts per experiment and auxiliary measurements
 */
export function toyData(ctx: ConstructionContext, thetaHat: ArrayLike<number>, nuHat: Float64Array, point: number, toy: number): ToyData {
  const stream = toyStream(ctx.config.seed, point, toy);
  const prior = ctx.config.nuisances === 'prior';
  const nu = prior ? ctx.backend.drawNuisances(stream) : nuHat;
  return ctx.backend.generate(thetaHat, nu, stream, !prior);
}

/**
 * The conditional fit of the real data at a point of interest.
 *
 * @param ctx - context
 * @param theta - parameter(s) of interest
 * @returns χ², all free physics parameters and the nuisances at the conditional minimum
 */
export function conditionalFit(ctx: ConstructionContext, theta: readonly number[]): { chi2: number; thetaHat: Float64Array; nuisances: Float64Array } {
  const thetaHat = new Float64Array(ctx.backend.real.physicsNames.length);
  const chi2 = ctx.profiled(ctx.backend.real, thetaHat)(theta);
  return { chi2, thetaHat, nuisances: ctx.backend.conditionalNuisances(thetaHat) };
}

/**
 * Computes one grid point of the construction.
 *
 * @param ctx - context
 * @param index - flat grid index
 * @returns the point's observed statistic and the statistics of its toys
 */
export function computePoint(ctx: ConstructionContext, index: number): PointResult {
  const theta = gridPoint(ctx.nodes, index);
  const fit = conditionalFit(ctx, theta);
  const t = new Array<number>(ctx.config.toys);
  for (let i = 0; i < ctx.config.toys; i++) {
    const data = toyData(ctx, fit.thetaHat, fit.nuisances, index, i);
    const prof = ctx.gridProfile(ctx.backend.bind(data));
    t[i] = Math.max(0, prof.chi2[index]! - prof.min);
  }
  return {
    index,
    theta,
    tObs: Math.max(0, ctx.real.chi2[index]! - ctx.real.min),
    thetaHat: Array.from(fit.thetaHat),
    nuisances: Array.from(fit.nuisances),
    t,
  };
}
