/**
 * Profile likelihoods of an analysis: 1-D intervals and 2-D contours of chosen physics
 * parameters, with the nuisances profiled exactly per experiment and every other free physics
 * parameter minimised numerically (grid scan over its scan range, then Brent; cycled when there
 * are several). Wilks thresholds: Δχ² = χ²_1(cl) for intervals, χ²_2(cl) for contours
 * (PDG "Statistics" review §40.4.2.2).
 */
import { brentMinimize } from '../numerics/brentMinimize.js';
import type { AnalysisLikelihood } from '../likelihood/buildAnalysisLikelihood.js';
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

function axisOf(analysis: LoadedAnalysis, name: string): ScanAxis {
  const p = analysis.physics.find((q) => q.name === name);
  if (!p) {
    throw new UserError('--param', `${name} is not a free physics parameter of ${analysis.id}`, `use one of ${analysis.physics.map((q) => q.name).join(', ')}`);
  }
  if (!p.scan) throw new UserError(`${analysis.file}: parameters`, `${name} has no scan range and none follows from its prior`, 'add scan: { min, max, scale }');
  return p.scan;
}

/**
 * χ² as a function of the chosen parameters, minimised over the other free physics parameters.
 *
 * @param lik - the analysis likelihood
 * @param analysis - the loaded analysis (scan ranges of the other parameters)
 * @param names - parameters of interest
 * @param innerPoints - scan nodes per inner parameter
 * @returns χ²(values of `names`)
 */
export function profiledFunction(
  lik: AnalysisLikelihood,
  analysis: LoadedAnalysis,
  names: readonly string[],
  innerPoints = 25,
): (values: readonly number[]) => number {
  const d = lik.physicsNames.length;
  const idx = names.map((n) => lik.physicsNames.indexOf(n as never));
  const others = lik.physicsNames.map((_, i) => i).filter((i) => !idx.includes(i));
  const axes = others.map((i) => axisOf(analysis, lik.physicsNames[i]!));
  const theta = new Float64Array(d);
  return (values) => {
    idx.forEach((i, k) => (theta[i] = values[k]!));
    if (others.length === 0) return lik.profiledChi2(theta);
    for (const i of others) theta[i] = 0;
    let best = lik.profiledChi2(theta);
    for (let cycle = 0; cycle < (others.length > 1 ? 3 : 1); cycle++) {
      others.forEach((i, k) => {
        const current = theta[i]!;
        const nodes = scanNodes(axes[k]!, innerPoints);
        let bi = 0;
        let bv = Infinity;
        for (let n = 0; n < nodes.length; n++) {
          theta[i] = nodes[n]!;
          const v = lik.profiledChi2(theta);
          if (v < bv) [bv, bi] = [v, n];
        }
        const m = brentMinimize(
          (t) => {
            theta[i] = t;
            return lik.profiledChi2(theta);
          },
          nodes[Math.max(bi - 1, 0)]!,
          nodes[Math.min(bi + 1, nodes.length - 1)]!,
          { absTol: 1e-10 * (axes[k]!.max - axes[k]!.min) },
        );
        const candidates: Array<[number, number]> = [
          [m.fx, m.x],
          [bv, nodes[bi]!],
          [best, current],
        ];
        candidates.sort((p, q) => p[0] - q[0]);
        [best, theta[i]] = candidates[0]!;
      });
    }
    return best;
  };
}

/**
 * 1-D profile-likelihood interval of one physics parameter of an analysis.
 *
 * @param lik - the analysis likelihood
 * @param analysis - the loaded analysis (scan range, profile settings)
 * @param name - parameter of interest
 * @param opts - overrides of the profile settings
 * @returns the profile with its intervals
 */
export function profileAnalysis1D(lik: AnalysisLikelihood, analysis: LoadedAnalysis, name: string, opts: AnalysisProfileOptions = {}): Profile1DResult {
  const axis = axisOf(analysis, name);
  const f = profiledFunction(lik, analysis, [name], opts.innerPoints);
  return profile1D((x) => f([x]), { axis, points: opts.points ?? analysis.spec.profile.points, cl: opts.cl ?? analysis.spec.profile.cl, dof: 1 });
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
