/**
 * Feldman–Cousins Poisson intervals against the published Table IV/V of Feldman & Cousins,
 * Phys. Rev. D 57, 3873 (1998) (arXiv:physics/9711021). Table values are quoted to two decimals;
 * our exact construction must round to them (tolerance 0.005 = half the last printed digit).
 *
 * Where the rows were checked in public sources during this work:
 * - Table IV (90% CL), b = 0, n0 = 0..5: the same numbers are asserted by a public test suite of an
 *   FC implementation (0.00–2.44, 0.11–4.36, 0.53–5.91, 1.10–7.42, 1.47–8.60, 1.84–9.99);
 * - Table IV, b = 3.0, n0 = 0..10: transcribed in a public reference-statistics module "checked
 *   against the arXiv text of the paper", which also notes that n0 = 0 reads 1.08 only with FC's
 *   second pathology compensation (μ2 made non-increasing in b) and 0.95 without;
 * - Table IV, b = 3.5, n0 = 0: 1.06 (gammapy documentation, feldman_cousins.rst);
 * - Table V (95% CL), b = 0, n0 = 0: 3.09.
 */
import { describe, expect, it } from 'vitest';
import { feldmanCousinsPoisson, poissonAcceptanceRegion } from '../../src/toys/fcPoisson.js';

const TABLE_IV_B0: Array<[number, number, number]> = [
  [0, 0.0, 2.44],
  [1, 0.11, 4.36],
  [2, 0.53, 5.91],
  [3, 1.1, 7.42],
  [4, 1.47, 8.6],
  [5, 1.84, 9.99],
];
// Table IV, b = 3.0 (a subset of n0 = 0..10 to keep the suite fast; all 11 rows pass, see docs/toys.md)
const TABLE_IV_B3: Array<[number, number, number]> = [
  [0, 0.0, 1.08],
  [1, 0.0, 1.88],
  [3, 0.0, 4.42],
  [6, 0.15, 8.47],
  [7, 0.89, 9.53],
  [10, 2.63, 13.5],
];

describe('Feldman–Cousins Poisson intervals (FC 1998 Table IV/V)', () => {
  it.each(TABLE_IV_B0)('Table IV (90 percent CL), b = 0, n0 = %i: [%f, %f]', (n0, lo, hi) => {
    const r = feldmanCousinsPoisson(n0, 0, 0.9);
    expect(Math.abs(r.lo - lo)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(r.hi - hi)).toBeLessThanOrEqual(0.005);
  });
  it.each(TABLE_IV_B3)('Table IV (90 percent CL), b = 3.0, n0 = %i: [%f, %f]', (n0, lo, hi) => {
    const r = feldmanCousinsPoisson(n0, 3, 0.9);
    expect(Math.abs(r.lo - lo)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(r.hi - hi)).toBeLessThanOrEqual(0.005);
  });
  it('Table IV, 90% CL, b = 3.5, n0 = 0: upper 1.06', () => {
    expect(Math.abs(feldmanCousinsPoisson(0, 3.5, 0.9).hi - 1.06)).toBeLessThanOrEqual(0.005);
  });
  it('Table V, 95% CL, b = 0, n0 = 0: [0, 3.09]', () => {
    const r = feldmanCousinsPoisson(0, 0, 0.95);
    expect(r.lo).toBe(0);
    expect(Math.abs(r.hi - 3.09)).toBeLessThanOrEqual(0.005);
  });
  it('without the b-monotone compensation, n0 = 0, b = 3 gives the plain construction value 0.95', () => {
    expect(Math.abs(feldmanCousinsPoisson(0, 3, 0.9, { monotoneInBackground: false }).hi - 0.95)).toBeLessThanOrEqual(0.005);
  });
  it('acceptance regions hold at least CL and are minimal in R order (b = 3, μ = 0.5)', () => {
    // exact identity: the region's probability is ≥ CL and dropping its lowest-R end falls below CL
    const [n1, n2] = poissonAcceptanceRegion(0.5, 3, 0.9);
    const pmf = (n: number): number => Math.exp(n * Math.log(3.5) - 3.5 - [...Array(n).keys()].reduce((s, k) => s + Math.log(k + 1), 0));
    let p = 0;
    for (let n = n1; n <= n2; n++) p += pmf(n);
    expect(p).toBeGreaterThanOrEqual(0.9);
    expect(Math.min(p - pmf(n1), p - pmf(n2))).toBeLessThan(0.9);
  });
  it('rejects bad input', () => {
    expect(() => feldmanCousinsPoisson(-1, 0, 0.9)).toThrow(RangeError);
    expect(() => feldmanCousinsPoisson(1.5, 0, 0.9)).toThrow(RangeError);
    expect(() => feldmanCousinsPoisson(1, -1, 0.9)).toThrow(RangeError);
    expect(() => feldmanCousinsPoisson(1, 0, 1)).toThrow(RangeError);
  });
});
