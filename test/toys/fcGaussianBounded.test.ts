/**
 * Bounded-Gaussian Feldman–Cousins intervals (FC 1998 Sec. IV.C, Table X): the exact construction
 * against analytic identities, and the toy construction against the exact one within toy error.
 */
import { describe, expect, it } from 'vitest';
import { feldmanCousinsGaussianBounded, gaussianBoundedAcceptance, gaussianBoundedCriticalValue, gaussianBoundedToys } from '../../src/toys/fcGaussianBounded.js';
import { normalQuantile } from '../../src/numerics/stdlib.js';

describe('bounded Gaussian, exact construction', () => {
  it.each([0.6827, 0.9, 0.95, 0.99])('far from the bound the belt is central: c(μ) = z², z = Φ⁻¹((1+CL)/2) (CL %f)', (cl) => {
    const z = normalQuantile((1 + cl) / 2, 0, 1);
    expect(gaussianBoundedCriticalValue(10, cl)).toBeCloseTo(z * z, 9);
  });
  it.each([
    [0, 0.9],
    [1, 0.9],
    [3, 0.9],
    [1, 0.95],
  ])('for x0 = %f ≥ 0 the upper end is x0 + z (CL %f), since there μ ≥ z and c = z²', (x0, cl) => {
    const z = normalQuantile((1 + cl) / 2, 0, 1);
    expect(feldmanCousinsGaussianBounded(x0, cl).hi).toBeCloseTo(x0 + z, 8);
  });
  it('at μ = 0 every x < 0 is accepted: P(t ≤ c) = Φ(√c), so c(0) = Φ⁻¹(CL)²', () => {
    expect(gaussianBoundedCriticalValue(0, 0.9)).toBeCloseTo(normalQuantile(0.9, 0, 1) ** 2, 9);
    expect(gaussianBoundedAcceptance(0, 1)).toBeCloseTo(0.8413447460685429, 12);
  });
  it('intervals are two-sided above the FC transition and upper limits below it (90% CL: x0 = 1.28)', () => {
    expect(feldmanCousinsGaussianBounded(1.2, 0.9).lo).toBe(0);
    expect(feldmanCousinsGaussianBounded(1.4, 0.9).lo).toBeGreaterThan(0);
  });
});

describe('bounded Gaussian, toy construction (seeded, 3000 toys per point)', () => {
  it.each([
    [-1, 0.9],
    [2, 0.9],
  ])('x0 = %f, CL %f: toy ends within 4 toy standard errors + 0.01 grid/smoothing allowance of the exact ends', (x0, cl) => {
    const exact = feldmanCousinsGaussianBounded(x0, cl);
    const toys = gaussianBoundedToys(x0, { cl, toys: 3000, seed: 20260101, step: 0.05, muMax: exact.hi + 0.6 });
    expect(Math.abs(toys.hi - exact.hi)).toBeLessThan(4 * toys.errors.hi + 0.01);
    if (exact.lo === 0) expect(toys.lo).toBe(0);
    else expect(Math.abs(toys.lo - exact.lo)).toBeLessThan(4 * toys.errors.lo + 0.01);
  });
});
