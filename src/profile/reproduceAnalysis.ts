/**
 * Reproduction of one analysis: the 90% CL interval of every free physics parameter of a
 * one-parameter analysis (compared with the published interval when there is one) and the
 * confidence region of a two-parameter analysis (summarised by its extent). Profiles as in
 * `profileAnalysis` (Wilks; PDG "Statistics" review §40.4.2.2); comparisons as in
 * `comparePublished` with the tolerances of the analysis file.
 */
import type { LoadedAnalysis } from '../experiments/loadAnalysis.js';
import { buildAnalysisLikelihood, type PredictionFactory } from '../likelihood/buildAnalysisLikelihood.js';
import { profileAnalysis1D, profileAnalysis2D } from './profileAnalysis.js';
import { comparePublished, type IntervalComparison } from './comparePublished.js';
import { hullOfIntervals, type ProfilePoint } from './profile1D.js';
import { polygonArea } from './marchingSquares.js';

/** One interval row. */
export interface IntervalRow {
  /** Analysis id. */
  readonly analysis: string;
  /** Parameter. */
  readonly parameter: string;
  /** Our hull [lo, hi]. */
  readonly ours: [number, number];
  /** Our disjoint pieces. */
  readonly pieces: Array<[number, number]>;
  /** True if the set reaches the scan boundary. */
  readonly open: boolean;
  /** Local minima of the profile. */
  readonly minima: readonly ProfilePoint[];
  /** Comparison with the published interval, if any. */
  readonly comparison?: IntervalComparison;
}

/** One contour row. */
export interface ContourRow {
  /** Analysis id. */
  readonly analysis: string;
  /** [x, y] parameters. */
  readonly parameters: [string, string];
  /** Best fit. */
  readonly best: { x: number; y: number; chi2: number };
  /** Extent of the region along x. */
  readonly extentX: [number, number];
  /** Extent along y. */
  readonly extentY: [number, number];
  /** Number of polygons. */
  readonly polygons: number;
  /** Total area (x units × y units). */
  readonly area: number;
  /** True if the region reaches the scan boundary. */
  readonly touchesBoundary: boolean;
}

/** Result of {@link reproduceAnalysis}. */
export interface AnalysisReproduction {
  /** Interval rows (one-parameter analyses). */
  readonly intervals: IntervalRow[];
  /** Contour rows (two-parameter analyses). */
  readonly contours: ContourRow[];
}

/** Options of {@link reproduceAnalysis}. */
export interface ReproduceOptions {
  /** Also compute contours of two-parameter analyses (default true). */
  readonly contours?: boolean;
  /** Coarse 2-D nodes per axis (default: analysis profile.nx/ny). */
  readonly contourNodes?: number;
  /** 2-D refinement depth (default: analysis profile.refine). */
  readonly refine?: number;
}

/**
 * Profiles an analysis and compares with its published intervals.
 *
 * @param analysis - loaded analysis
 * @param factory - experiment prediction (e.g. `forwardModelPrediction`)
 * @param opts - what to compute
 * @returns interval and contour rows
 */
export function reproduceAnalysis(analysis: LoadedAnalysis, factory: PredictionFactory, opts: ReproduceOptions = {}): AnalysisReproduction {
  const lik = buildAnalysisLikelihood(analysis, factory);
  const intervals: IntervalRow[] = [];
  const contours: ContourRow[] = [];
  if (analysis.physics.length === 1) {
    const name = analysis.physics[0]!.name;
    const r = profileAnalysis1D(lik, analysis, name);
    const published = analysis.spec.published.find((p) => p.parameter === name);
    intervals.push({
      analysis: analysis.id,
      parameter: name,
      ours: hullOfIntervals(r.intervals),
      pieces: r.intervals.map((i) => [i.lo, i.hi]),
      open: r.intervals.some((i) => i.loOpen || i.hiOpen),
      minima: r.minima,
      ...(published ? { comparison: comparePublished(analysis.id, published, r) } : {}),
    });
  } else if (analysis.physics.length === 2 && opts.contours !== false) {
    const names: [string, string] = [analysis.physics[0]!.name, analysis.physics[1]!.name];
    const n = opts.contourNodes;
    const r = profileAnalysis2D(lik, analysis, names, { ...(n ? { nx: n, ny: n } : {}), ...(opts.refine !== undefined ? { refine: opts.refine } : {}) });
    const pts = r.polygons.flat();
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    contours.push({
      analysis: analysis.id,
      parameters: names,
      best: r.best,
      extentX: xs.length ? [Math.min(...xs), Math.max(...xs)] : [NaN, NaN],
      extentY: ys.length ? [Math.min(...ys), Math.max(...ys)] : [NaN, NaN],
      polygons: r.polygons.length,
      area: r.polygons.reduce((s, p) => s + Math.abs(polygonArea(p)), 0),
      touchesBoundary: r.touchesBoundary,
    });
  }
  return { intervals, contours };
}
