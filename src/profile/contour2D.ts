/**
 * Two-parameter profile-likelihood confidence regions on an adaptive grid.
 *
 * Algorithm:
 * 1. evaluate χ²(x, y) on a coarse grid (nx × ny) and refine its lowest node by alternating 1-D
 *    Brent minimisations (coordinate descent) inside the neighbouring cells;
 * 2. level = χ²_min + Δχ²(cl, dof = 2) (90%: 4.61; Wilks; PDG "Statistics" review §40.4.2.2);
 * 3. `refine` times: halve the cells that the level crosses and their neighbours, evaluating the
 *    new nodes exactly; nodes of cells that are never refined are filled by bilinear
 *    interpolation of their parent cell (those cells lie entirely on one side of the level);
 * 4. trace the level on the finest grid with marching squares; polygons are closed along the
 *    grid boundary where the region is cut by it.
 * A region smaller than a coarse cell that no coarse node sees can be missed: choose the coarse
 * grid accordingly.
 */
import { brentMinimize } from '../numerics/brentMinimize.js';
import { deltaChi2ForConfidence } from './deltaChi2ForConfidence.js';
import { scanNodes, type ScanAxis } from './scanAxis.js';
import { marchingSquares, type Polygon } from './marchingSquares.js';

/** Options of {@link contour2D}. */
export interface Contour2DOptions {
  /** x axis range and spacing. */
  readonly x: ScanAxis;
  /** y axis range and spacing. */
  readonly y: ScanAxis;
  /** Coarse nodes along x (default 41). */
  readonly nx?: number;
  /** Coarse nodes along y (default 41). */
  readonly ny?: number;
  /** Number of halvings near the level (default 3). */
  readonly refine?: number;
  /** Confidence level (default 0.9). */
  readonly cl?: number;
  /** Degrees of freedom of the threshold (default 2). */
  readonly dof?: number;
}

/** Result of {@link contour2D}. */
export interface Contour2DResult {
  /** Confidence level. */
  readonly cl: number;
  /** Δχ² threshold. */
  readonly deltaChi2: number;
  /** χ²_min + Δχ². */
  readonly level: number;
  /** Global minimum found. */
  readonly best: { readonly x: number; readonly y: number; readonly chi2: number };
  /** Closed boundary polygons of {χ² < level}. */
  readonly polygons: Polygon[];
  /** True if the region touches the grid boundary (it is cut there). */
  readonly touchesBoundary: boolean;
  /** Node positions of the finest grid. */
  readonly xs: number[];
  /** Node positions of the finest grid. */
  readonly ys: number[];
  /** χ² on the finest grid (row-major in y; refined nodes exact, others interpolated). */
  readonly chi2: Float64Array;
  /** Number of χ² evaluations. */
  readonly evaluations: number;
}

function refineAxis(coarse: number[], levels: number): number[] {
  const k = 1 << levels;
  const out: number[] = [];
  for (let i = 0; i < coarse.length - 1; i++) {
    const a = coarse[i]!;
    const b = coarse[i + 1]!;
    for (let s = 0; s < k; s++) out.push(a + ((b - a) * s) / k);
  }
  out.push(coarse[coarse.length - 1]!);
  return out;
}

/**
 * Profiles a χ² function of two parameters and returns its confidence-region boundary.
 *
 * @param chi2 - χ²(x, y), already minimised over every other parameter
 * @param opts - axes, grid size, refinement depth and confidence level
 * @returns best fit, level and polygons
 */
export function contour2D(chi2: (x: number, y: number) => number, opts: Contour2DOptions): Contour2DResult {
  const cl = opts.cl ?? 0.9;
  const deltaChi2 = deltaChi2ForConfidence(cl, opts.dof ?? 2);
  const R = opts.refine ?? 3;
  const cxs = scanNodes(opts.x, opts.nx ?? 41);
  const cys = scanNodes(opts.y, opts.ny ?? 41);
  // fine axes: each coarse cell split into 2^R pieces (linear within the cell, also for log axes)
  const xs = refineAxis(cxs, R);
  const ys = refineAxis(cys, R);
  const NX = xs.length;
  const NY = ys.length;
  const values = new Float64Array(NX * NY);
  const exact = new Uint8Array(NX * NY);
  let evaluations = 0;
  const f = (x: number, y: number): number => {
    evaluations++;
    const v = chi2(x, y);
    return Number.isNaN(v) ? Infinity : v;
  };
  const at = (i: number, j: number): number => {
    const k = j * NX + i;
    if (!exact[k]) {
      values[k] = f(xs[i]!, ys[j]!);
      exact[k] = 1;
    }
    return values[k]!;
  };

  // 1. coarse grid and minimum
  const S = 1 << R;
  let bi = 0;
  let bj = 0;
  for (let j = 0; j < NY; j += S) {
    for (let i = 0; i < NX; i += S) {
      if (at(i, j) < at(bi, bj)) [bi, bj] = [i, j];
    }
  }
  let best = { x: xs[bi]!, y: ys[bj]!, chi2: at(bi, bj) };
  {
    const x0 = xs[Math.max(bi - S, 0)]!;
    const x1 = xs[Math.min(bi + S, NX - 1)]!;
    const y0 = ys[Math.max(bj - S, 0)]!;
    const y1 = ys[Math.min(bj + S, NY - 1)]!;
    // coordinate descent with a Powell-style line search along each round's net displacement,
    // which follows correlated valleys that plain coordinate descent crawls along
    const clampX = (t: number): number => Math.min(Math.max(t, x0), x1);
    const clampY = (t: number): number => Math.min(Math.max(t, y0), y1);
    for (let round = 0; round < 30; round++) {
      const start = best;
      const mx = brentMinimize((t) => f(t, best.y), x0, x1, { absTol: 1e-10 * (x1 - x0) });
      if (mx.fx < best.chi2) best = { x: mx.x, y: best.y, chi2: mx.fx };
      const my = brentMinimize((t) => f(best.x, t), y0, y1, { absTol: 1e-10 * (y1 - y0) });
      if (my.fx < best.chi2) best = { x: best.x, y: my.x, chi2: my.fx };
      const dx = best.x - start.x;
      const dy = best.y - start.y;
      if (dx === 0 && dy === 0) break;
      const line = (t: number): number => f(clampX(best.x + t * dx), clampY(best.y + t * dy));
      const ml = brentMinimize(line, -2, 8, { absTol: 1e-12 });
      if (ml.fx < best.chi2) best = { x: clampX(best.x + ml.x * dx), y: clampY(best.y + ml.x * dy), chi2: ml.fx };
      if (start.chi2 - best.chi2 <= 1e-12 * (1 + Math.abs(best.chi2))) break;
    }
  }
  const level = best.chi2 + deltaChi2;

  // 2. adaptive refinement: cells are identified by their lower-left fine index and size h
  const crosses = (i: number, j: number, h: number): boolean => {
    const v = [at(i, j), at(i + h, j), at(i, j + h), at(i + h, j + h)];
    const lo = Math.min(...v);
    const hi = Math.max(...v);
    return lo < level && hi >= level;
  };
  const cellsAt = (h: number): { nx: number; ny: number } => ({ nx: (NX - 1) / h, ny: (NY - 1) / h });
  let flagged = new Set<number>(); // cell key = cj * nCellsX + ci at the current size
  {
    const { nx, ny } = cellsAt(S);
    for (let cj = 0; cj < ny; cj++) for (let ci = 0; ci < nx; ci++) if (crosses(ci * S, cj * S, S)) flagged.add(cj * nx + ci);
  }
  const dilate = (set: Set<number>, h: number): Set<number> => {
    const { nx, ny } = cellsAt(h);
    const out = new Set<number>();
    for (const key of set) {
      const ci = key % nx;
      const cj = (key - ci) / nx;
      for (let dj = -1; dj <= 1; dj++) {
        for (let di = -1; di <= 1; di++) {
          const a = ci + di;
          const b = cj + dj;
          if (a >= 0 && b >= 0 && a < nx && b < ny) out.add(b * nx + a);
        }
      }
    }
    return out;
  };
  for (let h = S; h > 1; h >>= 1) {
    const parents = dilate(flagged, h);
    const { nx: pnx } = cellsAt(h);
    const c = h >> 1;
    const { nx: cnx } = cellsAt(c);
    const next = new Set<number>();
    for (const key of parents) {
      const ci = key % pnx;
      const cj = (key - ci) / pnx;
      for (let dj = 0; dj < 2; dj++) {
        for (let di = 0; di < 2; di++) {
          const a = 2 * ci + di;
          const b = 2 * cj + dj;
          if (crosses(a * c, b * c, c)) next.add(b * cnx + a);
        }
      }
    }
    flagged = next;
  }
  // make sure every cell next to a crossing cell at the finest size is exact (consistent tracing)
  for (const key of dilate(flagged, 1)) {
    const ci = key % (NX - 1);
    const cj = (key - ci) / (NX - 1);
    crosses(ci, cj, 1);
  }

  // 3. fill the nodes never evaluated: bilinear from the parent cell, coarse to fine
  for (let h = S; h > 1; h >>= 1) {
    const c = h >> 1;
    for (let j = 0; j < NY; j += c) {
      for (let i = 0; i < NX; i += c) {
        const k = j * NX + i;
        if (exact[k] || (i % h === 0 && j % h === 0)) continue;
        const i0 = i - (i % h);
        const j0 = j - (j % h);
        const i1 = Math.min(i0 + h, NX - 1);
        const j1 = Math.min(j0 + h, NY - 1);
        const tx = i1 > i0 ? (i - i0) / (i1 - i0) : 0;
        const ty = j1 > j0 ? (j - j0) / (j1 - j0) : 0;
        const v00 = values[j0 * NX + i0]!;
        const v10 = values[j0 * NX + i1]!;
        const v01 = values[j1 * NX + i0]!;
        const v11 = values[j1 * NX + i1]!;
        values[k] = (1 - ty) * ((1 - tx) * v00 + tx * v10) + ty * ((1 - tx) * v01 + tx * v11);
      }
    }
  }

  // 4. trace
  const polygons = marchingSquares(xs, ys, values, level);
  let touchesBoundary = false;
  for (let i = 0; i < NX && !touchesBoundary; i++) touchesBoundary = values[i]! < level || values[(NY - 1) * NX + i]! < level;
  for (let j = 0; j < NY && !touchesBoundary; j++) touchesBoundary = values[j * NX]! < level || values[j * NX + NX - 1]! < level;
  return { cl, deltaChi2, level, best, polygons, touchesBoundary, xs, ys, chi2: values, evaluations };
}
