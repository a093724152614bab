import { describe, expect, it } from 'vitest';
import { larBinProbabilities, larEfficiency, larQuenchedEnergy_keVee, larResolutionSigma_keVee, linearTimesGaussianIntegral } from '../../../src/physics/detectors/cenns10Response.js';
import { compositeGaussLegendreGrid } from '../../../src/numerics/gaussLegendre.js';

const table = { energy_keVee: [0.25, 0.75, 1.25, 10.25], efficiency: [0, 0.1, 0.5, 0.9] };
const normalPdf = (x: number, m: number, s: number): number => Math.exp(-0.5 * ((x - m) / s) ** 2) / (s * Math.sqrt(2 * Math.PI));

describe('cenns10Response', () => {
  it('larQuenchedEnergy_keVee(T, a, b) is (a + bT)·T (release QF), 0 for T ≤ 0', () => {
    expect(larQuenchedEnergy_keVee(20, 0.246, 0.00078)).toBeCloseTo(20 * (0.246 + 0.0156), 14);
    expect(larQuenchedEnergy_keVee(0, 0.246, 0.00078)).toBe(0);
    expect(larQuenchedEnergy_keVee(-1, 0.246, 0.00078)).toBe(0);
  });

  it('larResolutionSigma_keVee(E, A) is A√E (σ/E = A/√E, companion §2.7)', () => {
    expect(larResolutionSigma_keVee(25, 0.58)).toBeCloseTo(2.9, 14);
  });

  it('larEfficiency interpolates linearly between the tabulated centres, 0 below, flat above (companion §2.6)', () => {
    expect(larEfficiency(0.1, table)).toBe(0);
    expect(larEfficiency(0.5, table)).toBeCloseTo(0.05, 14);
    expect(larEfficiency(1.25, table)).toBeCloseTo(0.5, 14);
    expect(larEfficiency(5.75, table)).toBeCloseTo(0.7, 14);
    expect(larEfficiency(50, table)).toBe(0.9);
    expect(larEfficiency(NaN, table)).toBe(0);
  });

  it('linearTimesGaussianIntegral is exact: normalisation, first moment, and a finite segment against 64-point Gauss–Legendre (1e-13)', () => {
    expect(linearTimesGaussianIntegral(-Infinity, Infinity, 1, 0, 3, 0.7)).toBeCloseTo(1, 14);
    expect(linearTimesGaussianIntegral(-Infinity, Infinity, 0, 1, 3, 0.7)).toBeCloseTo(3, 13);
    const g = compositeGaussLegendreGrid([1, 2, 3, 4], 32);
    let q = 0;
    for (let m = 0; m < g.nodes.length; m++) q += g.weights[m]! * (0.2 + 0.3 * g.nodes[m]!) * normalPdf(g.nodes[m]!, 2.4, 0.9);
    expect(linearTimesGaussianIntegral(1, 4, 0.2, 0.3, 2.4, 0.9)).toBeCloseTo(q, 13);
  });

  it('larBinProbabilities equals ∫ ε(x) N(x; E, A√E) dx per bin by brute-force quadrature (1e-10), and sums to ≤ 1', () => {
    const edges = [0, 2, 5, 10, 20];
    const out = larBinProbabilities(3, edges, table, 0.58, new Float64Array(4));
    const s = larResolutionSigma_keVee(3, 0.58);
    for (let i = 0; i < 4; i++) {
      // break points at the table centres inside the bin, 64 points per panel
      const br = [edges[i]!, ...table.energy_keVee.filter((e) => e > edges[i]! && e < edges[i + 1]!), edges[i + 1]!];
      const g = compositeGaussLegendreGrid(br, 64);
      let q = 0;
      for (let m = 0; m < g.nodes.length; m++) q += g.weights[m]! * larEfficiency(g.nodes[m]!, table) * normalPdf(g.nodes[m]!, 3, s);
      expect(out[i]).toBeCloseTo(q, 10);
    }
    expect(out.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1);
    expect(larBinProbabilities(0, edges, table, 0.58, new Float64Array(4)).every((v) => v === 0)).toBe(true);
  });
});
