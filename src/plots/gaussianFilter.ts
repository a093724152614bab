/**
 * Gaussian smoothing of binned counts with reflecting boundaries, as
 * `scipy.ndimage.gaussian_filter(mode='reflect', truncate=4)` used by corner.py (corner.py, doi:10.21105/joss.00024; GetDist, arXiv:1910.13970):
 * kernel exp(−i²/(2σ²)) normalised over |i| ≤ ⌈4σ⌉, edges reflected as `d c b a | a b c d | d c b a`.
 */

function kernel(sigma_bins: number): Float64Array {
  const r = Math.ceil(4 * sigma_bins);
  const w = new Float64Array(2 * r + 1);
  let sum = 0;
  for (let i = -r; i <= r; i++) {
    const v = Math.exp((-0.5 * i * i) / (sigma_bins * sigma_bins));
    w[i + r] = v;
    sum += v;
  }
  for (let i = 0; i < w.length; i++) (w[i] as number) /= sum;
  return w;
}

function reflect(i: number, n: number): number {
  const period = 2 * n;
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - 1 - j;
  return j;
}

/**
 * Smooths a 1-D array.
 *
 * @param values - input values (e.g. counts per bin)
 * @param sigma_bins - Gaussian σ in bin units (0 returns a copy)
 * @returns smoothed copy (the total is preserved by the reflecting boundary)
 */
export function gaussianFilter1d(values: ArrayLike<number>, sigma_bins: number): Float64Array {
  const n = values.length;
  const out = Float64Array.from(values);
  if (!(sigma_bins > 0) || n === 0) return out;
  const w = kernel(sigma_bins);
  const r = (w.length - 1) / 2;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = -r; k <= r; k++) s += (w[k + r] as number) * (values[reflect(i + k, n)] as number);
    out[i] = s;
  }
  return out;
}

/**
 * Smooths a row-major `ny × nx` grid separably (x then y).
 *
 * @param grid - values, `grid[j * nx + i]`
 * @param nx - columns
 * @param ny - rows
 * @param sigma_bins - Gaussian σ in bin units (0 returns a copy)
 * @returns smoothed copy
 */
export function gaussianFilter2d(grid: ArrayLike<number>, nx: number, ny: number, sigma_bins: number): Float64Array {
  const out = Float64Array.from(grid);
  if (!(sigma_bins > 0)) return out;
  const row = new Float64Array(nx);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) row[i] = out[j * nx + i] as number;
    const s = gaussianFilter1d(row, sigma_bins);
    for (let i = 0; i < nx; i++) out[j * nx + i] = s[i] as number;
  }
  const col = new Float64Array(ny);
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) col[j] = out[j * nx + i] as number;
    const s = gaussianFilter1d(col, sigma_bins);
    for (let j = 0; j < ny; j++) out[j * nx + i] = s[j] as number;
  }
  return out;
}
