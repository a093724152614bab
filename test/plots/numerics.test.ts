import { describe, it, expect } from 'vitest';
import { quantileSorted } from '../../src/plots/quantileSorted.js';
import { gaussianFilter1d, gaussianFilter2d } from '../../src/plots/gaussianFilter.js';
import { histogram2d } from '../../src/plots/histogram2d.js';
import { marginal1d } from '../../src/plots/marginal1d.js';
import { formatTicks, formatEstimate, formatSig, formatCoord } from '../../src/plots/formatNumber.js';
import { chooseTicks, axisExponent, textWidth_px } from '../../src/plots/chooseTicks.js';
import { levelMasses, levelLegend } from '../../src/plots/contourLevels.js';

describe('quantileSorted', () => {
  it('quantileSorted(x, p) is Hyndman–Fan type 7 (numpy.percentile default: [1,2,3,4] at 0.25 → 1.75)', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([7], 0.3)).toBe(7);
    expect(Number.isNaN(quantileSorted([], 0.5))).toBe(true);
    expect(() => quantileSorted([1], 1.5)).toThrow(/p must be in/);
  });
});

describe('gaussianFilter', () => {
  it('gaussianFilter1d(impulse, 1) equals the reflect-mode convolution worked by hand (scipy.ndimage mode=reflect, truncate=4), 1e-6', () => {
    // kernel exp(-i²/2)/2.506628 for |i| ≤ 4: w0..w4 = 0.3989434, 0.2419714, 0.0539910, 0.0044318, 0.0001338
    // edge bins also receive the reflected tail: out[0] = w2 + w3, out[1] = w1 + w4
    const out = gaussianFilter1d([0, 0, 1, 0, 0], 1);
    const expected = [0.0539910 + 0.0044318, 0.2419714 + 0.0001338, 0.3989434, 0.2419714 + 0.0001338, 0.0539910 + 0.0044318];
    out.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
  });
  it('gaussianFilter2d preserves the total (reflecting boundary) to 1e-12 relative', () => {
    const g = new Float64Array(12 * 9).map((_, i) => (i * 7919) % 13);
    const s = gaussianFilter2d(g, 12, 9, 1.5);
    const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
    expect(Math.abs(sum(s) - sum(g)) / sum(g)).toBeLessThan(1e-12);
    expect(gaussianFilter2d(g, 12, 9, 0)).toEqual(g);
  });
});

describe('histogram2d and marginal1d', () => {
  it('histogram2d bins points (including the upper edge) and drops points outside', () => {
    const h = histogram2d([0, 0.5, 1, 2, -1], [0, 0.5, 1, 0, 0], 2, 2, [0, 1], [0, 1]);
    expect(Array.from(h.counts)).toEqual([1, 0, 0, 2]);
  });
  it('marginal1d densities integrate to the fraction of draws inside the range (hist exactly, kde to 1e-9)', () => {
    const xs = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 2).sort();
    const inside = xs.filter((v) => v >= -1 && v <= 1).length / xs.length;
    const h = marginal1d(xs, [-1, 1], 20, 'hist');
    expect(h.density.reduce((a, b) => a + b, 0) * 0.1).toBeCloseTo(inside, 12);
    const k = marginal1d(xs, [-3, 3], 20, 'kde');
    expect(k.density.reduce((a, b) => a + b, 0) * (6 / 256)).toBeCloseTo(1, 9);
  });
  it('marginal1d kde of draws without spread (all equal, or a single draw) falls back to the bin width and still integrates to 1 (reflecting filter preserves the total), 1e-9', () => {
    for (const xs of [new Float64Array(50).fill(0.3), Float64Array.of(0.3)]) {
      const k = marginal1d(xs, [0, 1], 20, 'kde');
      expect(k.density.every((v) => Number.isFinite(v))).toBe(true);
      expect(k.density.reduce((a, b) => a + b, 0) * (1 / 256)).toBeCloseTo(1, 9);
    }
  });
});

describe('formatting', () => {
  it('formatTicks uses shared decimals or compact exponents (U+2212 minus)', () => {
    expect(formatTicks([0, 0.5, 1, 1.5])).toEqual(['0.0', '0.5', '1.0', '1.5']);
    expect(formatTicks([-2, 0, 2])).toEqual(['\u22122', '0', '2']);
    expect(formatTicks([1e-7, 1.5e-7, 2e-7])).toEqual(['1e\u22127', '1.5e\u22127', '2e\u22127']);
    expect(formatTicks([1e5, 1e6])).toEqual(['1e5', '1e6']);
  });
  it('formatEstimate quotes the smaller error to two significant figures (PDG convention)', () => {
    expect(formatEstimate(1.0034, 0.2012, 0.1983)).toBe('1.00 +0.20 \u22120.20');
    expect(formatEstimate(2.0e-7, 0.29e-7, 0.3e-7)).toBe('(2.00 +0.30 \u22120.29)e\u22127');
    expect(formatEstimate(125.01, 0.49, 0.5)).toBe('125.01 +0.50 \u22120.49');
  });
  it('formatSig and formatCoord are deterministic and never print -0', () => {
    expect(formatSig(0.000123456, 3)).toBe('1.23e\u22124');
    expect(formatSig(-1.5, 3)).toBe('\u22121.50');
    expect(formatCoord(-0.001)).toBe('0');
    expect(formatCoord(12.499999)).toBe('12.5');
    expect(() => formatCoord(NaN)).toThrow(/non-finite/);
  });
});

describe('chooseTicks', () => {
  it('chooseTicks never returns overlapping labels on a 150 px axis, for any range', () => {
    for (const [lo, hi] of [
      [0, 1],
      [1.05e-7, 3.05e-7],
      [-1234.5, 98765.4],
      [0.2, 0.85],
      [123.4, 123.9],
    ] as const) {
      const e = axisExponent([lo, hi], 'lin');
      const t = chooseTicks([lo, hi], 'lin', (v) => ((v - lo) / (hi - lo)) * 150, 'x', 10, 4, e);
      expect(t.length).toBeGreaterThanOrEqual(2);
      for (let i = 1; i < t.length; i++) expect(t[i]!.pos_px - t[i - 1]!.pos_px).toBeGreaterThan((textWidth_px(t[i]!.label, 10) + textWidth_px(t[i - 1]!.label, 10)) / 2);
      for (const x of t) {
        expect(x.pos_px - textWidth_px(x.label, 10) / 2).toBeGreaterThanOrEqual(-2);
        expect(x.pos_px + textWidth_px(x.label, 10) / 2).toBeLessThanOrEqual(152);
      }
    }
  });
  it('axisExponent factors out powers of ten only outside [1e-3, 1e5) on linear axes', () => {
    expect(axisExponent([1e-7, 3e-7], 'lin')).toBe(-7);
    expect(axisExponent([0, 2e5], 'lin')).toBe(5);
    expect(axisExponent([0, 1], 'lin')).toBe(0);
    expect(axisExponent([1e-9, 1e-6], 'log')).toBe(0);
  });
  it('log axes get decade ticks (1e−9 …) when they span many decades', () => {
    const t = chooseTicks([1e-10, 1e-5], 'log', (v) => ((Math.log10(v) + 10) / 5) * 300, 'x', 10);
    expect(t.map((x) => x.value).every((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-12)).toBe(true);
    expect(t.length).toBeGreaterThanOrEqual(2);
  });
});

describe('contour levels', () => {
  it('levelMasses: corner.py σ levels are 1 − exp(−k²/2) (k = 1, 2 → 0.3935, 0.8647; inference.md §2.11)', () => {
    const m = levelMasses({ kind: 'sigma2d', sigmas: [2, 1] });
    expect(m[0]).toBeCloseTo(0.3934693, 7);
    expect(m[1]).toBeCloseTo(0.8646647, 7);
    expect(levelLegend({ kind: 'sigma2d', sigmas: [1, 2] })).toContain('39.3%');
    expect(levelLegend({ kind: 'mass', masses: [0.6826894921, 0.9544997361] })).toBe('2-D contours enclose 68.3% and 95.4% of the posterior mass');
    expect(() => levelMasses({ kind: 'mass', masses: [1.2] })).toThrow(/\(0, 1\)/);
  });
});
