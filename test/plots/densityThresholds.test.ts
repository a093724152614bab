import { describe, it, expect } from 'vitest';
import { densityThresholds } from '../../src/plots/densityThresholds.js';
import { contourRings, ringsArea } from '../../src/plots/contourRings.js';
import { histogram2d } from '../../src/plots/histogram2d.js';
import { gaussianFilter2d } from '../../src/plots/gaussianFilter.js';
import { correlatedGaussian } from './fixtures/syntheticData.js';

/** Standard bivariate normal density on an n × n grid of bin centres over [−L, L]². */
function gaussGrid(n: number, L: number): Float64Array {
  const g = new Float64Array(n * n);
  const h = (2 * L) / n;
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) {
      const x = -L + (i + 0.5) * h;
      const y = -L + (j + 0.5) * h;
      g[j * n + i] = Math.exp(-0.5 * (x * x + y * y)) / (2 * Math.PI);
    }
  return g;
}

describe('densityThresholds', () => {
  it('densityThresholds(values, p) interpolates between sorted bins (hand-worked: [4,3,2,1])', () => {
    // cumulative masses 0.4, 0.7, 0.9, 1.0
    expect(densityThresholds([1, 2, 3, 4], [0.7])).toEqual([3]);
    expect(densityThresholds([1, 2, 3, 4], [0.55])[0]).toBeCloseTo(3.5, 12); // halfway between (0.4, 4) and (0.7, 3)
    expect(densityThresholds([1, 2, 3, 4], [0.2])).toEqual([4]); // inside the top bin
    expect(densityThresholds([0, 0], [0.5]).every(Number.isNaN)).toBe(true);
    expect(() => densityThresholds([1], [1])).toThrow(/mass must be in/);
  });

  it('thresholds of a 2-D standard normal equal the analytic HPD density (1−p)/(2π) (inference.md §2.11), 0.5% on a 480² grid', () => {
    // measured errors shrink with the grid: ≤ 1.1% at 120², ≤ 0.53% at 240², ≤ 0.32% at 480²
    const g = gaussGrid(480, 6);
    const masses = [0.3934693, 0.6826894921, 0.8646647, 0.9544997361];
    const t = densityThresholds(g, masses);
    masses.forEach((p, k) => expect(Math.abs(t[k]! / ((1 - p) / (2 * Math.PI)) - 1)).toBeLessThan(0.005));
    // monotonic: larger mass, lower threshold
    for (let k = 1; k < t.length; k++) expect(t[k]!).toBeLessThan(t[k - 1]!);
  });

  it('the contour at mass p of a 2-D standard normal encloses the disc of area −2π ln(1−p) (radius 1.5152σ for 68.27%), 1%', () => {
    const n = 240;
    const L = 6;
    const g = gaussGrid(n, L);
    const masses = [0.6826894921, 0.9544997361];
    const t = densityThresholds(g, masses);
    masses.forEach((p, k) => {
      const rings = contourRings(g, n, n, t[k]!, (gx, gy) => [-L + (gx / n) * 2 * L, -L + (gy / n) * 2 * L]);
      const area = ringsArea(rings);
      expect(Math.abs(area / (-2 * Math.PI * Math.log(1 - p)) - 1)).toBeLessThan(0.01);
    });
  });

  /** Gaussian mass inside the disc whose area equals the contour's: 1 − exp(−A/(2π)). */
  function coverage(seed: number, smooth: number): number[] {
    const n = 20000;
    const s = correlatedGaussian(seed, n, [0, 0], [
      [1, 0],
      [0, 1],
    ]);
    const xs = new Float64Array(n);
    const ys = new Float64Array(n);
    for (let i = 0; i < n; i++) [xs[i], ys[i]] = [s[2 * i]!, s[2 * i + 1]!];
    const B = 30;
    const L = 4.5;
    const grid = gaussianFilter2d(histogram2d(xs, ys, B, B, [-L, L], [-L, L]).counts, B, B, smooth);
    const t = densityThresholds(grid, [0.6826894921, 0.9544997361]);
    return t.map((th) => 1 - Math.exp(-ringsArea(contourRings(grid, B, B, th, (gx, gy) => [-L + (gx / B) * 2 * L, -L + (gy / B) * 2 * L])) / (2 * Math.PI)));
  }

  it('unsmoothed contours from 20 000 seeded draws of a 2-D normal enclose 68.3% / 95.4% within 0.02 (3 seeds; sampling noise of the 30² histogram)', () => {
    for (const seed of [0.5, 0.6, 0.7]) {
      const c = coverage(seed, 0);
      expect(Math.abs(c[0]! - 0.6826894921)).toBeLessThan(0.02);
      expect(Math.abs(c[1]! - 0.9544997361)).toBeLessThan(0.02);
    }
  });

  it('Gaussian smoothing of the histogram only widens contours: coverage with σ = 1 bin is above the unsmoothed one and nominal (the bias is conservative)', () => {
    // smoothing convolves the density with N(0, (σ·h)²): for a Gaussian the HPD region at mass p grows to
    // mass 1 − (1 − p)^(1 + σ²h²) ≈ 0.70 here (h = 0.3), so coverage must lie in (p, p + 0.05)
    const raw = coverage(0.5, 0);
    const sm = coverage(0.5, 1);
    expect(sm[0]!).toBeGreaterThan(raw[0]!);
    expect(sm[0]!).toBeGreaterThan(0.6826894921);
    expect(sm[0]!).toBeLessThan(0.6826894921 + 0.05);
  });
});
