import { describe, expect, it } from 'vitest';
import { bisectRoot } from '../../src/numerics/bisectRoot.js';
import { brentRoot } from '../../src/numerics/brentRoot.js';

// Wallis' cubic x³ − 2x − 5 has its real root at 2.0945514815423265 (classical test problem).
const WALLIS_ROOT = 2.0945514815423265;
const wallis = (x: number) => x ** 3 - 2 * x - 5;

describe('brentRoot (Brent 1973 zero)', () => {
  it('cos x on [1, 2] gives π/2 within 1e-12', () => {
    const r = brentRoot(Math.cos, 1, 2);
    expect(Math.abs(r.x - Math.PI / 2)).toBeLessThan(1e-12);
    expect(r.converged).toBe(true);
  });
  it("Wallis' cubic within 1e-12 in fewer than 15 evaluations", () => {
    const r = brentRoot(wallis, 2, 3);
    expect(Math.abs(r.x - WALLIS_ROOT)).toBeLessThan(1e-12);
    expect(r.evaluations).toBeLessThan(15);
  });
  it('a root exactly at an end point is returned as is', () => {
    expect(brentRoot((x) => x - 1, 1, 4).x).toBe(1);
  });
  it('throws RangeError when the bracket does not change sign', () => {
    expect(() => brentRoot((x) => x * x + 1, -1, 1)).toThrow(RangeError);
  });
});

describe('bisectRoot', () => {
  it("Wallis' cubic within 1e-11", () => {
    const r = bisectRoot(wallis, 3, 2);
    expect(Math.abs(r.x - WALLIS_ROOT)).toBeLessThan(1e-11);
    expect(r.converged).toBe(true);
  });
  it('a step function: finds the jump at 0.3 within 1e-12 (Brent would also, but bisection is guaranteed)', () => {
    const r = bisectRoot((x) => (x < 0.3 ? -1 : 1), 0, 1);
    expect(Math.abs(r.x - 0.3)).toBeLessThan(1e-12);
  });
  it('throws RangeError without a sign change', () => {
    expect(() => bisectRoot((x) => x * x + 1, -1, 1)).toThrow(RangeError);
  });
});
