import { describe, expect, it } from 'vitest';
import { sphericalBesselJ1 } from '../../src/numerics/sphericalBesselJ1.js';

describe('sphericalBesselJ1', () => {
  it('j1(1) = sin 1 − cos 1 = 0.30116867893975674 (closed form), tol 1e-16', () => {
    expect(Math.abs(sphericalBesselJ1(1) - 0.30116867893975674)).toBeLessThan(1e-16);
  });
  it('j1(π) = 1/π (sin π = 0), tol 1e-15', () => {
    expect(Math.abs(sphericalBesselJ1(Math.PI) - 1 / Math.PI)).toBeLessThan(1e-15);
  });
  it('series and closed form agree across the switch at 1e-2 to 1e-10 relative (A&S 10.1.2)', () => {
    const below = sphericalBesselJ1(0.00999999);
    const closed = Math.sin(0.00999999) / 0.00999999 ** 2 - Math.cos(0.00999999) / 0.00999999;
    expect(Math.abs(below / closed - 1)).toBeLessThan(1e-10);
  });
  it('small-x limit j1(x) ≈ x/3 and odd symmetry', () => {
    expect(sphericalBesselJ1(1e-8)).toBeCloseTo(1e-8 / 3, 22);
    expect(sphericalBesselJ1(-2.5)).toBe(-sphericalBesselJ1(2.5));
  });
});
