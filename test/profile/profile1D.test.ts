import { describe, it, expect } from 'vitest';
import { profile1D, hullOfIntervals } from '../../src/profile/profile1D.js';
import { deltaChi2ForConfidence } from '../../src/profile/deltaChi2ForConfidence.js';
import { scanNodes } from '../../src/profile/scanAxis.js';

describe('deltaChi2ForConfidence(cl, dof)', () => {
  it('gives the χ² quantiles 2.7055 (1 dof) and 4.6052 (2 dof) at 90% (PDG Table 40.2, 4 decimals)', () => {
    expect(deltaChi2ForConfidence(0.9, 1)).toBeCloseTo(2.7055, 4);
    expect(deltaChi2ForConfidence(0.9, 2)).toBeCloseTo(4.6052, 4);
    expect(deltaChi2ForConfidence(0.6827, 1)).toBeCloseTo(1.0, 3);
  });
  it('rejects cl outside (0, 1)', () => {
    expect(() => deltaChi2ForConfidence(1.2, 1)).toThrow(/confidence/);
  });
});

describe('scanNodes(axis, n)', () => {
  it('linear and log spacing hit both ends exactly', () => {
    expect(scanNodes({ min: -1, max: 1, scale: 'linear' }, 5)).toEqual([-1, -0.5, 0, 0.5, 1]);
    const l = scanNodes({ min: 1e-10, max: 1e-8, scale: 'log' }, 3);
    expect(l[0]).toBe(1e-10);
    expect(l[1]! / 1e-9).toBeCloseTo(1, 12);
    expect(l[2]).toBe(1e-8);
  });
});

describe('profile1D(chi2, opts)', () => {
  const D = deltaChi2ForConfidence(0.9, 1);

  it('a parabola ((x − μ)/σ)² gives μ ± σ√2.7055 (analytic; tol 1e-9 σ)', () => {
    const mu = 0.3e-7;
    const sigma = 0.4e-7;
    const r = profile1D((x) => ((x - mu) / sigma) ** 2 + 7, { axis: { min: -3e-7, max: 3e-7, scale: 'linear' }, points: 61 });
    expect(r.intervals).toHaveLength(1);
    const iv = r.intervals[0]!;
    expect(Math.abs(iv.lo - (mu - sigma * Math.sqrt(D))) / sigma).toBeLessThan(1e-9);
    expect(Math.abs(iv.hi - (mu + sigma * Math.sqrt(D))) / sigma).toBeLessThan(1e-9);
    expect(iv.loOpen || iv.hiOpen).toBe(false);
    expect(Math.abs(r.best.x - mu) / sigma).toBeLessThan(1e-6);
    expect(r.best.chi2).toBeCloseTo(7, 9);
  });

  it('a double well with a second minimum below the level gives two disjoint intervals (analytic)', () => {
    // χ² = min(((x+2)/0.5)², ((x−2)/0.5)² + 1): wells at −2 (χ² 0) and +2 (χ² 1)
    const f = (x: number) => Math.min(((x + 2) / 0.5) ** 2, ((x - 2) / 0.5) ** 2 + 1);
    const r = profile1D(f, { axis: { min: -5, max: 5, scale: 'linear' }, points: 41 });
    expect(r.intervals).toHaveLength(2);
    const [a, b] = r.intervals;
    expect(a!.lo).toBeCloseTo(-2 - 0.5 * Math.sqrt(D), 9);
    expect(a!.hi).toBeCloseTo(-2 + 0.5 * Math.sqrt(D), 9);
    expect(b!.lo).toBeCloseTo(2 - 0.5 * Math.sqrt(D - 1), 9);
    expect(b!.hi).toBeCloseTo(2 + 0.5 * Math.sqrt(D - 1), 9);
    expect(r.minima).toHaveLength(2);
    expect(hullOfIntervals(r.intervals)[1]).toBeCloseTo(2 + 0.5 * Math.sqrt(D - 1), 9);
  });

  it('a second well above the level is found as a minimum but gives no interval', () => {
    const f = (x: number) => Math.min(((x + 2) / 0.5) ** 2, ((x - 2) / 0.5) ** 2 + 3);
    const r = profile1D(f, { axis: { min: -5, max: 5, scale: 'linear' }, points: 41 });
    expect(r.intervals).toHaveLength(1);
    expect(r.minima.map((m) => m.x).sort((p, q) => p - q)[1]).toBeCloseTo(2, 6);
  });

  it('a narrow well between scan nodes is still found by the refinement (grid step 0.25, width 0.05)', () => {
    const f = (x: number) => Math.min(((x - 0.11) / 0.05) ** 2, 10 + x * x);
    const r = profile1D(f, { axis: { min: -5, max: 5, scale: 'linear' }, points: 41 });
    expect(r.best.x).toBeCloseTo(0.11, 6);
    expect(r.intervals[0]!.lo).toBeCloseTo(0.11 - 0.05 * Math.sqrt(D), 8);
  });

  it('flags an interval cut by the scan boundary as open', () => {
    const r = profile1D((x) => x * x, { axis: { min: -1, max: 5, scale: 'linear' }, points: 31 });
    expect(r.intervals[0]!.loOpen).toBe(true);
    expect(r.intervals[0]!.lo).toBe(-1);
    expect(r.intervals[0]!.hiOpen).toBe(false);
  });

  it('honours cl: 68.27% on a unit parabola gives ±1 (tol 1e-4)', () => {
    const r = profile1D((x) => x * x, { axis: { min: -3, max: 3, scale: 'linear' }, cl: 0.6827 });
    expect(r.intervals[0]!.hi).toBeCloseTo(1, 4);
  });
});

describe('profile1D with a χ² that differs slightly on re-evaluation (warm-started inner fits)', () => {
  it('brackets each crossing with the values the scan saw: no root-finder failure, edges within one node spacing', () => {
    // every re-evaluation of a point returns χ² + 0.5 (as a warm-started inner fit that lands in another
    // local minimum might): re-evaluated, both ends of the bracket [1.6, 1.8] of the edge √2.706 = 1.645
    // would lie above the level and the root finder would have no sign change
    const seen = new Set<number>();
    const f = (x: number): number => {
      const base = x * x;
      if (seen.has(x)) return base + 0.5;
      seen.add(x);
      return base;
    };
    const r = profile1D(f, { axis: { min: -4, max: 4, scale: 'linear' }, points: 41 });
    const d = Math.sqrt(r.deltaChi2);
    expect(r.intervals).toHaveLength(1);
    expect(Math.abs(r.intervals[0]!.lo + d)).toBeLessThanOrEqual(0.2);
    expect(Math.abs(r.intervals[0]!.hi - d)).toBeLessThanOrEqual(0.2);
  });
});
