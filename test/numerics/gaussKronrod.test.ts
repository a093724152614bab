import { describe, expect, it } from 'vitest';
import { gaussKronrod15, integrateAdaptive } from '../../src/numerics/gaussKronrod.js';
import { gammaln, normalCdf } from '../../src/numerics/stdlib.js';

describe('gaussKronrod15 (QUADPACK qk15 nodes)', () => {
  it('one panel integrates x^22 on [0,1] exactly (K15 is exact to degree 3·7+1 = 22), tol 1e-14', () => {
    expect(gaussKronrod15((x) => x ** 22, 0, 1).value).toBeCloseTo(1 / 23, 14);
  });
  it('one panel: weights sum to the interval length (∫1 = b − a), tol 1e-15', () => {
    expect(Math.abs(gaussKronrod15(() => 1, -2, 3).value - 5)).toBeLessThan(1e-14);
  });
  it('the G7 part is exact to degree 13, so the error estimate vanishes for x^13 (|K−G| < 1e-15)', () => {
    expect(gaussKronrod15((x) => x ** 13, 0, 1).error).toBeLessThan(1e-15);
    expect(gaussKronrod15((x) => x ** 14, 0, 1).error).toBeGreaterThan(1e-12); // G7 not exact beyond 13
  });
});

describe('integrateAdaptive (global adaptive G7K15)', () => {
  it('∫ N(0,1) over ±1.96 equals Φ(1.96) − Φ(−1.96) from @stdlib, tol 1e-12', () => {
    const pdf = (x: number) => Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    const r = integrateAdaptive(pdf, -1.96, 1.96, { relTol: 1e-13 });
    expect(Math.abs(r.value - (normalCdf(1.96, 0, 1) - normalCdf(-1.96, 0, 1)))).toBeLessThan(1e-12);
    expect(r.converged).toBe(true);
  });
  it('∫_0^80 t^3.5 e^−t dt equals Γ(4.5) (stdlib gammaln), rel tol 1e-9', () => {
    const r = integrateAdaptive((t) => t ** 3.5 * Math.exp(-t), 0, 80, { relTol: 1e-11 });
    expect(Math.abs(r.value / Math.exp(gammaln(4.5)) - 1)).toBeLessThan(1e-9);
  });
  it('integrable endpoint singularity ∫_0^1 x^−1/2 dx = 2, tol 1e-6 (endpoints never evaluated)', () => {
    const r = integrateAdaptive((x) => 1 / Math.sqrt(x), 0, 1, { relTol: 1e-9, maxPanels: 5000 });
    expect(Math.abs(r.value - 2)).toBeLessThan(1e-6);
  });
  it('a step at a given break point is integrated exactly: ∫_0^3 [x > 1.234] dx = 1.766, tol 1e-13', () => {
    const r = integrateAdaptive((x) => (x > 1.234 ? 1 : 0), 0, 3, { breakpoints: [1.234] });
    expect(Math.abs(r.value - 1.766)).toBeLessThan(1e-13);
    expect(r.evaluations).toBe(30);
  });
  it('reversed limits negate the integral and a = b gives 0 (exact identities)', () => {
    const f = (x: number) => Math.sin(x);
    expect(integrateAdaptive(f, Math.PI, 0).value).toBeCloseTo(-2, 12);
    expect(integrateAdaptive(f, 1, 1).value).toBe(0);
  });
  it('reports non-convergence when the panel budget is too small (1/√x with maxPanels 3)', () => {
    const r = integrateAdaptive((x) => 1 / Math.sqrt(x), 0, 1, { relTol: 1e-12, maxPanels: 3 });
    expect(r.converged).toBe(false);
  });
});
