import { describe, expect, it } from 'vitest';
import {
  compositeGaussLegendreGrid,
  gaussLegendreRule,
  integrateCompositeGaussLegendre,
  integrateGaussLegendre,
  logEdges,
} from '../../src/numerics/gaussLegendre.js';

describe('gaussLegendreRule', () => {
  it('5-point nodes and weights match Abramowitz & Stegun Table 25.4 to 1e-15', () => {
    const { nodes, weights } = gaussLegendreRule(5);
    const xs = [-0.906179845938664, -0.5384693101056831, 0, 0.5384693101056831, 0.906179845938664];
    const ws = [0.2369268850561891, 0.4786286704993665, 0.5688888888888889, 0.4786286704993665, 0.2369268850561891];
    for (let i = 0; i < 5; i++) {
      expect(Math.abs(nodes[i]! - xs[i]!)).toBeLessThan(1e-15);
      expect(Math.abs(weights[i]! - ws[i]!)).toBeLessThan(1e-15);
    }
  });
  it('n points integrate x^(2n−2) and x^(2n−1) exactly on [0,1] for n = 1…40, rel tol 1e-13', () => {
    for (let n = 1; n <= 40; n++) {
      for (const d of [2 * n - 2, 2 * n - 1]) {
        const v = integrateGaussLegendre((x) => x ** d, 0, 1, n);
        expect(Math.abs(v * (d + 1) - 1)).toBeLessThan(1e-13);
      }
    }
  });
  it('n = 1 is the midpoint rule and n = 2 is not exact for x^4 (the degree bound is sharp)', () => {
    expect(integrateGaussLegendre((x) => x * x, 0, 2, 1)).toBe(2);
    expect(Math.abs(integrateGaussLegendre((x) => x ** 4, 0, 1, 2) - 0.2)).toBeGreaterThan(1e-3);
  });
  it('rejects invalid orders', () => {
    expect(() => gaussLegendreRule(0)).toThrow(RangeError);
    expect(() => gaussLegendreRule(2.5)).toThrow(RangeError);
  });
});

describe('composite Gauss–Legendre grids', () => {
  it('∫_0^π sin = 2 on 8 panels × 6 points, tol 1e-13', () => {
    const edges = Array.from({ length: 9 }, (_, i) => (Math.PI * i) / 8);
    expect(Math.abs(integrateCompositeGaussLegendre(Math.sin, edges, 6) - 2)).toBeLessThan(1e-13);
  });
  it('the grid weights sum to the range and nodes lie inside their panels', () => {
    const edges = logEdges(0.1, 50, 7);
    const g = compositeGaussLegendreGrid(edges, 4);
    expect(g.nodes.length).toBe(28);
    const sum = g.weights.reduce((s, w) => s + w, 0);
    expect(Math.abs(sum - 49.9)).toBeLessThan(1e-12);
    for (let j = 0; j < 7; j++) for (let i = 0; i < 4; i++) {
      const x = g.nodes[4 * j + i]!;
      expect(x > edges[j]! && x < edges[j + 1]!).toBe(true);
    }
  });
  it('logEdges hits both endpoints exactly and is geometric (ratio constant to 1e-14)', () => {
    const e = logEdges(2, 32, 4);
    expect(e[0]).toBe(2);
    expect(e[4]).toBe(32);
    for (let i = 1; i < 4; i++) expect(Math.abs(e[i]! / e[i - 1]! - 2)).toBeLessThan(1e-14);
    expect(() => logEdges(0, 1, 3)).toThrow(RangeError);
    expect(() => compositeGaussLegendreGrid([1, 1], 3)).toThrow(RangeError);
  });
});
