import { describe, it, expect } from 'vitest';
import { boxBfgs } from '../../src/numerics/boxBfgs.js';

describe('boxBfgs', () => {
  it('Rosenbrock 2-D from (−1.2, 1): minimum (1, 1) to 1e-6 (Nocedal & Wright §2.1 test function)', () => {
    const r = boxBfgs((x, g) => {
      const [a, b] = [x[0]!, x[1]!];
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    }, [-1.2, 1]);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-6);
    expect(Math.abs(r.x[1]! - 1)).toBeLessThan(1e-6);
  });
  it('correlated 12-D quadratic with scales from 1e-3 to 1e3: exact minimiser A⁻¹b to 1e-8 relative', () => {
    const n = 12;
    const sc = Array.from({ length: n }, (_, i) => 10 ** (-3 + (6 * i) / (n - 1)));
    // f(x) = ½ zᵀ M z − cᵀ z with z = x/sc, M = I + 0.5·(1 1ᵀ)/n (positive definite), minimum z* = M⁻¹c
    const c = Array.from({ length: n }, (_, i) => Math.sin(i + 1));
    const fg = (x: Float64Array, g: Float64Array): number => {
      const z = Array.from(x, (v, i) => v / sc[i]!);
      const s = z.reduce((a, b) => a + b, 0);
      let f = 0;
      for (let i = 0; i < n; i++) {
        const Mz = z[i]! + (0.5 * s) / n;
        f += 0.5 * z[i]! * Mz - c[i]! * z[i]!;
        g[i] = (Mz - c[i]!) / sc[i]!;
      }
      return f;
    };
    // Sherman–Morrison: M⁻¹c = c − (0.5/n)(1ᵀc) 1 / (1 + 0.5)
    const sumC = c.reduce((a, b) => a + b, 0);
    const zStar = c.map((v) => v - ((0.5 / n) * sumC) / 1.5);
    const r = boxBfgs(fg, new Array(n).fill(0), { scale: sc, gTol: 1e-12 });
    r.x.forEach((v, i) => expect(Math.abs(v / sc[i]! - zStar[i]!)).toBeLessThan(1e-8 * Math.max(1, Math.abs(zStar[i]!))));
  });
  it('bounds: a minimum outside the box lands on the bound (KKT), inner coordinates stay exact', () => {
    // f = (x0 − 3)² + (x1 + 1)², box x0 ≤ 2, x1 ≥ −5 → (2, −1)
    const r = boxBfgs((x, g) => {
      g[0] = 2 * (x[0]! - 3);
      g[1] = 2 * (x[1]! + 1);
      return (x[0]! - 3) ** 2 + (x[1]! + 1) ** 2;
    }, [0, 0], { lower: [-Infinity, -5], upper: [2, Infinity] });
    expect(r.x[0]).toBe(2);
    expect(Math.abs(r.x[1]! + 1)).toBeLessThan(1e-9);
  });
  it('rejects +∞ regions in the line search (f = +∞ for x ≤ 0) and finds the interior minimum of x − ln x', () => {
    const r = boxBfgs((x, g) => {
      if (!(x[0]! > 0)) return Infinity;
      g[0] = 1 - 1 / x[0]!;
      return x[0]! - Math.log(x[0]!);
    }, [5]);
    expect(Math.abs(r.x[0]! - 1)).toBeLessThan(1e-7);
  });
  it('initialInverseHessian: with the exact inverse Hessian of a quadratic the first step lands on the minimum (one iteration), and the final metric is returned', () => {
    // f = ½ xᵀ A x − bᵀx, A = [[4, 1], [1, 2]], minimum A⁻¹ b; scale 1, so the metric is A⁻¹ itself
    const A = [4, 1, 1, 2];
    const b = [1, 3];
    const det = A[0]! * A[3]! - A[1]! * A[2]!;
    const Ainv = [A[3]! / det, -A[1]! / det, -A[2]! / det, A[0]! / det];
    const fg = (x: Float64Array, g: Float64Array): number => {
      g[0] = A[0]! * x[0]! + A[1]! * x[1]! - b[0]!;
      g[1] = A[2]! * x[0]! + A[3]! * x[1]! - b[1]!;
      return 0.5 * (x[0]! * (g[0]! + b[0]!) + x[1]! * (g[1]! + b[1]!)) - b[0]! * x[0]! - b[1]! * x[1]!;
    };
    const r = boxBfgs(fg, [5, -5], { initialInverseHessian: Ainv, gTol: 1e-12 });
    const xs = [Ainv[0]! * b[0]! + Ainv[1]! * b[1]!, Ainv[2]! * b[0]! + Ainv[3]! * b[1]!];
    expect(r.iterations).toBe(1);
    expect(Math.abs(r.x[0]! - xs[0]!)).toBeLessThan(1e-12);
    expect(Math.abs(r.x[1]! - xs[1]!)).toBeLessThan(1e-12);
    const plain = boxBfgs(fg, [5, -5], { gTol: 1e-12 });
    expect(plain.iterations).toBeGreaterThan(1);
    expect(r.inverseHessian).toHaveLength(4);
  });
});

