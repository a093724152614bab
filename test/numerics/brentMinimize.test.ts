import { describe, expect, it } from 'vitest';
import { brentMinimize } from '../../src/numerics/brentMinimize.js';

describe('brentMinimize (Brent 1973 localmin)', () => {
  it('parabola (x − 1.3)² + 2: minimum at 1.3 within 1e-7, f within 1e-14, few evaluations', () => {
    const r = brentMinimize((x) => (x - 1.3) ** 2 + 2, -5, 5);
    expect(Math.abs(r.x - 1.3)).toBeLessThan(1e-7);
    expect(Math.abs(r.fx - 2)).toBeLessThan(1e-14);
    expect(r.converged).toBe(true);
    expect(r.evaluations).toBeLessThan(15);
  });
  it('cos on [2, 4]: minimum at π within 1e-7 (analytic)', () => {
    const r = brentMinimize(Math.cos, 2, 4);
    expect(Math.abs(r.x - Math.PI)).toBeLessThan(1e-7);
  });
  it('non-smooth |x − 0.7| on [0, 3]: minimum at 0.7 within 1e-7 (golden-section fallback)', () => {
    const r = brentMinimize((x) => Math.abs(x - 0.7), 3, 0);
    expect(Math.abs(r.x - 0.7)).toBeLessThan(1e-7);
  });
  it('monotone function: converges to the bracket end (x² on [1, 2] → 1 within 1e-7)', () => {
    const r = brentMinimize((x) => x * x, 1, 2);
    expect(Math.abs(r.x - 1)).toBeLessThan(1e-7);
  });
});
