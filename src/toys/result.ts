/**
 * Toy results on disk: shard files (the points of one shard) and the final result (all points,
 * critical values, the Feldman–Cousins set next to the Wilks set). The final result is a pure
 * function of the sorted point results and the settings, so merging shards gives exactly the
 * bytes an unsharded run writes. Numbers go through JSON.stringify, which prints the shortest
 * decimal that reads back to the same double, so statistics survive the round trip bit for bit.
 */
import { createHash } from 'node:crypto';
import { deltaChi2ForConfidence } from '../profile/deltaChi2ForConfidence.js';
import { marchingSquares, type Polygon } from '../profile/marchingSquares.js';
import { CODE_VERSION } from '../provenance.js';
import { beltIntervals, criticalValue, smoothCritical, type BeltInterval } from './belt.js';
import { axisNodes, gridSize, type PointResult, type ToyConfig } from './construction.js';

/** Format tag of shard files. */
export const SHARD_FORMAT = 'nuem-toys-shard';
/** Format tag of final results. */
export const RESULT_FORMAT = 'nuem-toys';

/** Half width (grid points) of the local linear smoothing of t_c in 1-D (src/toys/belt.ts). */
export const SMOOTH_HALF_WIDTH = 2;

/**
 * Hash of the settings: shards of one construction share it, and `merge` refuses to mix others.
 *
 * @param config - settings
 * @returns `sha256:` + 16 hex digits
 */
export function configHash(config: ToyConfig): string {
  const { analysisFile: _file, ...rest } = config;
  return `sha256:${createHash('sha256').update(JSON.stringify(rest)).digest('hex').slice(0, 16)}`;
}

/** A shard file. */
export interface ShardFile {
  readonly format: typeof SHARD_FORMAT;
  readonly version: 1;
  readonly codeVersion: string;
  readonly configHash: string;
  readonly config: ToyConfig;
  /** Shard k of n (1-based k). */
  readonly shard: { readonly k: number; readonly n: number };
  /** Point results, by increasing index. */
  readonly points: PointResult[];
}

/**
 * The grid indices of shard k of n: a contiguous block [⌊(k−1)N/n⌋, ⌊kN/n⌋).
 *
 * @param total - number of grid points N
 * @param k - shard number, 1..n
 * @param n - number of shards
 * @returns the indices
 */
export function shardIndices(total: number, k: number, n: number): number[] {
  const a = Math.floor(((k - 1) * total) / n);
  const b = Math.floor((k * total) / n);
  return Array.from({ length: b - a }, (_, i) => a + i);
}

/** The Wilks set on the grid for comparison (Δχ² threshold with 1 or 2 dof). */
export interface WilksSummary {
  /** Δχ² threshold. */
  readonly deltaChi2: number;
  /** 1-D: intervals (linear interpolation of Δχ² between grid nodes). */
  readonly intervals?: BeltInterval[];
  /** 2-D: polygons of Δχ² = threshold. */
  readonly polygons?: Polygon[];
}

/** The final result of a construction. */
export interface ToyResult {
  readonly format: typeof RESULT_FORMAT;
  readonly version: 1;
  readonly codeVersion: string;
  readonly configHash: string;
  readonly config: ToyConfig;
  /** Axis nodes. */
  readonly nodes: number[][];
  /** Observed statistic t_obs per grid point (flat index). */
  readonly tObs: number[];
  /** Raw critical values t_c per grid point. */
  readonly tc: number[];
  /** Standard errors of t_c. */
  readonly tcError: number[];
  /** Smoothed critical values used for the set (1-D; = tc in 2-D). */
  readonly tcSmooth: number[];
  /** 1-D: the FC intervals; 2-D: absent. */
  readonly fcIntervals?: BeltInterval[];
  /** 2-D: the FC region as polygons (t_obs − t_c = 0). */
  readonly fcPolygons?: Polygon[];
  /** 2-D: grid points inside the FC region. */
  readonly fcAccepted?: boolean[];
  /** The Wilks set on the same grid. */
  readonly wilks: WilksSummary;
  /** Per-point results (with every toy's statistic). */
  readonly points: PointResult[];
}

/**
 * Builds the final result from all point results.
 *
 * @param config - settings
 * @param points - one result per grid point (any order)
 * @returns the result
 * @throws Error when points are missing or duplicated
 */
export function finalizeResult(config: ToyConfig, points: readonly PointResult[]): ToyResult {
  const total = gridSize(config);
  const sorted = [...points].sort((a, b) => a.index - b.index);
  if (sorted.length !== total || sorted.some((p, i) => p.index !== i)) {
    throw new Error(`toy result needs each of the ${total} grid points exactly once (got ${sorted.length})`);
  }
  const nodes = axisNodes(config);
  const tObs = sorted.map((p) => p.tObs);
  const cv = sorted.map((p) => criticalValue(Float64Array.from(p.t), config.cl));
  const tc = cv.map((c) => c.tc);
  const dim = config.axes.length;
  const dof = dim;
  const wilksLevel = deltaChi2ForConfidence(config.cl, dof);
  const base = {
    format: RESULT_FORMAT as typeof RESULT_FORMAT,
    version: 1 as const,
    codeVersion: CODE_VERSION,
    configHash: configHash(config),
    config,
    nodes,
    tObs,
    tc,
  };
  if (dim === 1) {
    const tcSmooth = smoothCritical(nodes[0]!, tc, SMOOTH_HALF_WIDTH);
    const tcError = cv.map((c) => c.se / Math.sqrt(2 * SMOOTH_HALF_WIDTH + 1));
    const fcIntervals = beltIntervals(nodes[0]!, tObs, tcSmooth, tcError);
    const wilksIntervals = beltIntervals(
      nodes[0]!,
      tObs,
      tObs.map(() => wilksLevel),
      tObs.map(() => 0),
    );
    return { ...base, tcError, tcSmooth, fcIntervals, wilks: { deltaChi2: wilksLevel, intervals: wilksIntervals }, points: sorted };
  }
  const tcError = cv.map((c) => c.se);
  const diff = tObs.map((t, j) => t - tc[j]!);
  const fcPolygons = marchingSquares(nodes[0]!, nodes[1]!, diff, 0);
  const wilksPolygons = marchingSquares(nodes[0]!, nodes[1]!, tObs, wilksLevel);
  return {
    ...base,
    tcError,
    tcSmooth: tc,
    fcPolygons,
    fcAccepted: diff.map((d) => d <= 0),
    wilks: { deltaChi2: wilksLevel, polygons: wilksPolygons },
    points: sorted,
  };
}

/**
 * Serialises a result or shard (stable key order, one line per point for readable diffs).
 *
 * @param value - result or shard
 * @returns JSON text ending in a newline
 */
export function serialize(value: ToyResult | ShardFile): string {
  return `${JSON.stringify(value)}\n`;
}
