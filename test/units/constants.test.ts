import { describe, expect, it } from 'vitest';
import * as U from '../../src/units/index.js';

describe('units', () => {
  it('√2πα = 0.0324213 (physics spec §0.2 table), tol 1e-7', () => {
    expect(Math.abs(Math.SQRT2 * Math.PI * U.FINE_STRUCTURE - 0.0324213)).toBeLessThan(1e-7);
  });
  it('(ħc)² in GeV² cm² equals (ħc in GeV fm)² × 1e-26 cm²/fm², rel tol 1e-9 (CODATA consistency)', () => {
    expect(Math.abs(U.HBARC_SQUARED_GeV2_cm2 / (U.HBARC_GeV_fm ** 2 * 1e-26) - 1)).toBeLessThan(1e-9);
  });
  it('conversions invert each other exactly (round trip)', () => {
    expect(U.GeVTokeV(U.keVToGeV(11))).toBeCloseTo(11, 12);
    expect(U.GeVToMeV(U.MeVToGeV(29.8))).toBeCloseTo(29.8, 12);
    expect(U.cm2ToGeVm2(U.GeVm2ToCm2(3.7))).toBeCloseTo(3.7, 12);
    expect(U.GeVm3ToCm2PerKeV(1)).toBe(U.HBARC_SQUARED_GeV2_cm2 * 1e-6);
    expect(U.momentumGeVToInverseFm(U.HBARC_GeV_fm)).toBe(1);
  });
});
