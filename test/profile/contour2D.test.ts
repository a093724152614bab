import { describe, it, expect } from 'vitest';
import { contour2D } from '../../src/profile/contour2D.js';
import { marchingSquares, polygonArea } from '../../src/profile/marchingSquares.js';

// correlated 2-D Gaussian χ² = vᵀ C⁻¹ v; its level set χ² = L is an ellipse of area π √det C · L
const sx = 1.0;
const sy = 0.5;
const rho = 0.6;
const det = sx * sx * sy * sy * (1 - rho * rho);
const chi2 = (x: number, y: number) => {
  const dx = x - 0.2;
  const dy = y + 0.1;
  return (sy * sy * dx * dx - 2 * rho * sx * sy * dx * dy + sx * sx * dy * dy) / det;
};

describe('contour2D(chi2, opts)', () => {
  it('the 90% contour of a correlated Gaussian χ² is the ellipse χ² = 4.61 (vertices within 2e-3 in χ², area within 0.5%)', () => {
    const r = contour2D(chi2, { x: { min: -4, max: 4, scale: 'linear' }, y: { min: -2, max: 2, scale: 'linear' }, nx: 21, ny: 21, refine: 3 });
    expect(r.level).toBeCloseTo(4.6052, 4);
    expect(r.best.chi2).toBeLessThan(1e-10);
    expect(r.polygons).toHaveLength(1);
    const poly = r.polygons[0]!;
    for (const [x, y] of poly) expect(Math.abs(chi2(x, y) - r.level)).toBeLessThan(2e-3);
    const area = Math.abs(polygonArea(poly));
    const want = Math.PI * Math.sqrt(det) * r.level;
    expect(Math.abs(area - want) / want).toBeLessThan(0.005);
    expect(r.touchesBoundary).toBe(false);
    // adaptive: far fewer evaluations than the full fine grid (161 × 161)
    expect(r.evaluations).toBeLessThan(0.35 * 161 * 161);
  });

  it('a region cut by the grid boundary is closed along it (half ellipse, area within 1%)', () => {
    const f = (x: number, y: number) => x * x + (y / 0.5) ** 2;
    const r = contour2D(f, { x: { min: 0, max: 3, scale: 'linear' }, y: { min: -2, max: 2, scale: 'linear' }, nx: 21, ny: 21, refine: 3 });
    expect(r.touchesBoundary).toBe(true);
    expect(r.polygons).toHaveLength(1);
    const area = Math.abs(polygonArea(r.polygons[0]!));
    const want = (Math.PI * 0.5 * r.level) / 2;
    expect(Math.abs(area - want) / want).toBeLessThan(0.01);
    expect(r.polygons[0]!.some(([x]) => x === 0)).toBe(true);
  });

  it('two separated minima below the level give two polygons', () => {
    const f = (x: number, y: number) => Math.min((x + 3) ** 2 + y * y, (x - 3) ** 2 + y * y + 1);
    const r = contour2D(f, { x: { min: -6, max: 6, scale: 'linear' }, y: { min: -3, max: 3, scale: 'linear' }, nx: 31, ny: 21, refine: 2 });
    expect(r.polygons).toHaveLength(2);
    const areas = r.polygons.map((p) => Math.abs(polygonArea(p))).sort((a, b) => a - b);
    expect(areas[0]! / (Math.PI * (r.level - 1))).toBeCloseTo(1, 1);
    expect(areas[1]! / (Math.PI * r.level)).toBeCloseTo(1, 1);
  });
});

describe('marchingSquares(xs, ys, values, level)', () => {
  it('a single inside node gives a diamond through the edge midpoints (linear interpolation, exact)', () => {
    const xs = [0, 1, 2];
    const ys = [0, 1, 2];
    const v = [2, 2, 2, 2, 0, 2, 2, 2, 2];
    const polys = marchingSquares(xs, ys, v, 1);
    expect(polys).toHaveLength(1);
    const pts = polys[0]!.map(([x, y]) => `${x},${y}`).sort();
    expect(pts).toEqual(['0.5,1', '1,0.5', '1,1.5', '1.5,1']);
    expect(Math.abs(polygonArea(polys[0]!))).toBeCloseTo(0.5, 12);
  });
  it('an all-inside grid is closed along the grid boundary (area of the grid)', () => {
    const polys = marchingSquares([0, 1, 3], [0, 2], [0, 0, 0, 0, 0, 0], 1);
    expect(polys).toHaveLength(1);
    expect(Math.abs(polygonArea(polys[0]!))).toBeCloseTo(6, 12);
  });
});
