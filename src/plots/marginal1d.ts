/**
 * One-dimensional marginal density of a sorted sample column on a range (in transformed units),
 * normalised to the TOTAL number of draws so that overlaid runs share one scale (corner.py issues
 * #148/#291).
 *
 * - `hist`: counts / (n · binWidth) on `bins` equal bins (corner.py's 1-D histogram).
 * - `kde`: Gaussian kernel density estimate by linear binning on 256 fine bins and convolution
 *   (Silverman 1986, "Density Estimation", §3.4.2: h = 0.9 · min(σ, IQR/1.34) · n^(−1/5), the
 *   summaries' `bandwidth(…, 'robust')`; 0.9 · binWidth · n^(−1/5) when the draws have no spread),
 *   with reflection at the range ends as a first-order boundary correction.
 *
 * The density itself is not the summaries' `kde1d`: that one evaluates the exact kernel sum on its
 * own grid (data ± 3h) and reflects only at hard parameter bounds, while a plot needs the density
 * on the panel's range, reflected at the panel edges, and the binned estimate costs O(n + bins · kernel
 * width) instead of a kernel sum over the draws at every grid point.
 */
import { gaussianFilter1d } from './gaussianFilter.js';
import { bandwidth } from '../summaries/kde1d.js';

/** A 1-D density on a grid. */
export interface Marginal1D {
  /** `hist`: bin edges (bins + 1); `kde`: grid points */
  x: Float64Array;
  /** `hist`: density per bin; `kde`: density at each grid point (per transformed unit) */
  density: Float64Array;
  /** how to draw it */
  kind: 'hist' | 'kde';
}

/**
 * Computes a marginal density.
 *
 * @param sorted - ascending draws in transformed units
 * @param range - [lo, hi] in transformed units
 * @param bins - histogram bins
 * @param kind - `hist` or `kde`
 * @returns the density
 */
export function marginal1d(sorted: Float64Array, range: readonly [number, number], bins: number, kind: 'hist' | 'kde'): Marginal1D {
  const [lo, hi] = range;
  const n = sorted.length;
  const nb = kind === 'hist' ? bins : 256;
  const w = (hi - lo) / nb;
  const counts = new Float64Array(nb);
  if (kind === 'hist') {
    for (let s = 0; s < n; s++) {
      const v = sorted[s] as number;
      if (v < lo || v > hi) continue;
      (counts[Math.min(nb - 1, Math.floor((v - lo) / w))] as number) += 1;
    }
    const x = new Float64Array(nb + 1);
    for (let i = 0; i <= nb; i++) x[i] = lo + i * w;
    return { x, density: counts.map((c) => (n > 0 ? c / (n * w) : 0)), kind };
  }
  // linear binning onto grid points at bin centres
  for (let s = 0; s < n; s++) {
    const v = sorted[s] as number;
    if (v < lo || v > hi) continue;
    const g = (v - lo) / w - 0.5;
    const i0 = Math.floor(g);
    const f = g - i0;
    if (i0 >= 0) (counts[i0] as number) += 1 - f;
    else (counts[0] as number) += 1 - f;
    if (i0 + 1 < nb) (counts[i0 + 1] as number) += f;
    else (counts[nb - 1] as number) += f;
  }
  const h = robustBandwidth(sorted, w);
  const sm = gaussianFilter1d(counts, h / w);
  const x = new Float64Array(nb);
  for (let i = 0; i < nb; i++) x[i] = lo + (i + 0.5) * w;
  return { x, density: sm.map((c) => (n > 0 ? c / (n * w) : 0)), kind };
}

/** Silverman's robust rule via the summaries (module doc); the bin width stands in for the spread when it is zero or undefined (fewer than 2 draws, all equal, non-finite). */
function robustBandwidth(sorted: Float64Array, binWidth: number): number {
  try {
    return bandwidth(sorted, 'robust');
  } catch {
    return 0.9 * binWidth * sorted.length ** -0.2;
  }
}
