/**
 * Two-dimensional histogram of two sample columns on a regular grid (in transformed coordinates:
 * log10 for log axes), the binning step of corner.py `hist2d` (corner.py, doi:10.21105/joss.00024; GetDist, arXiv:1910.13970).
 */

/** A regular 2-D histogram, row-major `counts[j * nx + i]` (i along x, j along y). */
export interface Histogram2D {
  /** counts per bin */
  counts: Float64Array;
  /** columns */
  nx: number;
  /** rows */
  ny: number;
  /** x range in transformed units [lo, hi] */
  xRange: readonly [number, number];
  /** y range in transformed units [lo, hi] */
  yRange: readonly [number, number];
}

/**
 * Bins pairs (x, y); points outside the ranges are ignored.
 *
 * @param xs - x values (transformed units)
 * @param ys - y values (transformed units), same length
 * @param nx - bins along x
 * @param ny - bins along y
 * @param xRange - [lo, hi] along x
 * @param yRange - [lo, hi] along y
 * @returns the histogram
 */
export function histogram2d(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  nx: number,
  ny: number,
  xRange: readonly [number, number],
  yRange: readonly [number, number],
): Histogram2D {
  const counts = new Float64Array(nx * ny);
  const [x0, x1] = xRange;
  const [y0, y1] = yRange;
  const fx = nx / (x1 - x0);
  const fy = ny / (y1 - y0);
  for (let s = 0; s < xs.length; s++) {
    const x = xs[s] as number;
    const y = ys[s] as number;
    if (!(x >= x0 && x <= x1 && y >= y0 && y <= y1)) continue;
    const i = Math.min(nx - 1, Math.floor((x - x0) * fx));
    const j = Math.min(ny - 1, Math.floor((y - y0) * fy));
    (counts[j * nx + i] as number) += 1;
  }
  return { counts, nx, ny, xRange, yRange };
}
