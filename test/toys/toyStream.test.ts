/**
 * Per-toy streams: pure functions of (seed, point, toy); normal and Poisson variates with the
 * right first two moments (1e5 draws: tolerances 5 standard errors of the sample mean/variance).
 */
import { describe, expect, it } from 'vitest';
import { toyStream } from '../../src/toys/toyStream.js';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let s = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const x = draw();
    s += x;
    s2 += x * x;
  }
  const mean = s / n;
  return { mean, variance: s2 / n - mean * mean };
}

describe('toyStream', () => {
  it('is a pure function of (seed, point, toy) and differs between toys', () => {
    const a = toyStream(7, 3, 11);
    const b = toyStream(7, 3, 11);
    const xs = [a.uniform01(), a.normal(), a.poisson(4.2), a.poisson(40)];
    expect([b.uniform01(), b.normal(), b.poisson(4.2), b.poisson(40)]).toEqual(xs);
    expect(toyStream(7, 3, 12).uniform01()).not.toBe(xs[0]);
    expect(toyStream(7, 4, 11).uniform01()).not.toBe(xs[0]);
    expect(toyStream(8, 3, 11).uniform01()).not.toBe(xs[0]);
  });
  it('normal variates have mean 0 and variance 1 (5σ tolerance, 1e5 draws)', () => {
    const r = toyStream('m', 0, 0);
    const m = moments(() => r.normal(), 100000);
    expect(Math.abs(m.mean)).toBeLessThan(5 / Math.sqrt(1e5));
    expect(Math.abs(m.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / 1e5));
  });
  it.each([0.3, 3, 9.5, 10, 25, 400])('Poisson(%f) variates have mean = variance = λ (5σ tolerance, 1e5 draws)', (lambda) => {
    const r = toyStream('p', 1, Math.round(lambda * 10));
    const n = 100000;
    const m = moments(() => r.poisson(lambda), n);
    expect(Math.abs(m.mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
    // Var of the sample variance ≈ (μ4 − σ⁴)/n with μ4 = λ(1 + 3λ) for Poisson
    expect(Math.abs(m.variance - lambda)).toBeLessThan(5 * Math.sqrt((lambda * (1 + 3 * lambda) - lambda * lambda) / n));
  });
  it('Poisson(0) is 0 and a negative mean is an error', () => {
    expect(toyStream(1, 1, 1).poisson(0)).toBe(0);
    expect(() => toyStream(1, 1, 1).poisson(-1)).toThrow(RangeError);
  });
});
