import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../src/numerics/nelderMead.js';

/** Extended Rosenbrock function Σ 100(x_{i+1} − x_i²)² + (1 − x_i)²; minimum 0 at (1, …, 1) (Rosenbrock, Comput. J. 3 (1960) 175). */
function rosenbrock(x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1]! - x[i]! ** 2) ** 2 + (1 - x[i]!) ** 2;
  return s;
}

describe('nelderMead (adaptive coefficients, Gao & Han 2012, with restarts)', () => {
  it('2-D Rosenbrock from the standard start (−1.2, 1) reaches (1, 1) within 1e-8 (analytic minimum)', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1], { xTol: 1e-12, fTol: 1e-20, maxEvaluations: 5000 });
    expect(r.converged).toBe(true);
    for (const xi of r.x) expect(Math.abs(xi - 1)).toBeLessThan(1e-8);
    expect(r.fx).toBeLessThan(1e-15);
  });

  it('4-D extended Rosenbrock from the standard start (−1.2, 1, −1.2, 1) reaches (1, 1, 1, 1) within 1e-8 (More, Garbow & Hillstrom 1981, problem 21)', () => {
    const r = nelderMead(rosenbrock, [-1.2, 1, -1.2, 1], { xTol: 1e-12, fTol: 1e-20, maxEvaluations: 20000 });
    expect(r.converged).toBe(true);
    for (const xi of r.x) expect(Math.abs(xi - 1)).toBeLessThan(1e-8);
  });

  // f is only resolved to ε·5 ≈ 1.1e-15 near the minimum, so x is only determined to
  // √(ε·5/λ_min(A)) ≈ 5.4e-8 (λ_min = 0.377): the x tolerance is twice that bound.
  it('3-D quadratic bowl (x−a)ᵀA(x−a) + 5 with a correlated A: minimum a and value 5 (analytic; tol 2√(ε·5/λ_min) ≈ 1.1e-7 in x, 1e-12 in f)', () => {
    const a = [0.3, -2, 7];
    const A = [
      [4, 1.5, 0.2],
      [1.5, 2, -0.7],
      [0.2, -0.7, 1],
    ];
    const f = (x: readonly number[]): number => {
      let s = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += (x[i]! - a[i]!) * A[i]![j]! * (x[j]! - a[j]!);
      return s + 5;
    };
    const r = nelderMead(f, [0, 0, 0], { initialStep: 1, xTol: 1e-11, fTol: 1e-16 });
    expect(r.converged).toBe(true);
    const lambdaMin = 0.3772168; // smallest eigenvalue of A (numpy.linalg.eigvalsh)
    r.x.forEach((xi, i) => expect(Math.abs(xi - a[i]!)).toBeLessThan(2 * Math.sqrt((Number.EPSILON * 5) / lambdaMin)));
    expect(Math.abs(r.fx - 5)).toBeLessThan(1e-12);
  });

  it('NaN or −∞ outside the box [0, 2]² count as +∞: the box-constrained minimum (1, 0) of (x−1)² + (y+1)² is found (analytic; tol 1e-7)', () => {
    let outside = 0;
    const f = (x: readonly number[]): number => {
      if (x[0]! < 0 || x[0]! > 2) {
        outside++;
        return NaN;
      }
      if (x[1]! < 0 || x[1]! > 2) {
        outside++;
        return -Infinity;
      }
      return (x[0]! - 1) ** 2 + (x[1]! + 1) ** 2;
    };
    const r = nelderMead(f, [1.5, 1.5], { initialStep: 0.3, maxEvaluations: 4000 });
    expect(outside).toBeGreaterThan(0); // the walls were hit, so the mapping was exercised
    expect(Number.isFinite(r.fx)).toBe(true);
    expect(r.x[1]).toBeGreaterThanOrEqual(0);
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-7);
    expect(r.x[1]!).toBeLessThan(1e-7);
    expect(Math.abs(r.fx - 1)).toBeLessThan(2e-7);
  });

  it('respects the evaluation budget exactly and reports non-convergence when it runs out', () => {
    for (const budget of [1, 2, 3, 7, 50, 333]) {
      let calls = 0;
      const r = nelderMead(
        (x) => {
          calls++;
          return rosenbrock(x);
        },
        [-1.2, 1, -1.2, 1],
        { maxEvaluations: budget },
      );
      expect(calls).toBeLessThanOrEqual(budget);
      expect(r.evaluations).toBe(calls);
      expect(r.converged).toBe(false);
      expect(r.fx).toBe(Math.min(rosenbrock([-1.2, 1, -1.2, 1]), r.fx)); // never worse than the start
    }
  });

  it('1-D: (x − 3)² from 0 converges to 3 within 1e-8 (classical coefficients for n = 1)', () => {
    const r = nelderMead(([x]) => (x! - 3) ** 2, [0], { initialStep: 0.5 });
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0]! - 3)).toBeLessThan(1e-8);
  });

  it('rejects an empty or non-finite start', () => {
    expect(() => nelderMead(() => 0, [])).toThrow(RangeError);
    expect(() => nelderMead(() => 0, [NaN])).toThrow(RangeError);
  });
});
