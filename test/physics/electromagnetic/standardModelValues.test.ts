import { describe, expect, it } from 'vitest';
import { SM_ANAPOLE_cm2, SM_CHARGE_RADIUS_SQUARED_cm2 } from '../../../src/physics/electromagnetic/standardModelValues.js';
import { anapoleShiftPerCm2, chargeRadiusShiftPerCm2, millichargeShiftPerCharge } from '../../../src/physics/electromagnetic/couplingShifts.js';
import { flavorParameters } from '../../../src/physics/electromagnetic/flavorParameters.js';

describe('SM charge radii (Khan eq. 17 with π², eq. 18) — spec §6 row 20', () => {
  it('⟨r²⟩ = −0.83, −0.48, −0.30 × 10^-32 cm² for e, μ, τ within 1%', () => {
    expect(Math.abs(SM_CHARGE_RADIUS_SQUARED_cm2.e / -0.83e-32 - 1)).toBeLessThan(0.01);
    expect(Math.abs(SM_CHARGE_RADIUS_SQUARED_cm2.mu / -0.48e-32 - 1)).toBeLessThan(0.01);
    expect(Math.abs(SM_CHARGE_RADIUS_SQUARED_cm2.tau / -0.3e-32 - 1)).toBeLessThan(0.011);
  });
  it('[HLP] values −0.828, −0.481, −0.297 × 10^-32 to 1e-3 absolute (in units of 1e-32)', () => {
    expect(Math.abs(SM_CHARGE_RADIUS_SQUARED_cm2.e / 1e-32 + 0.828)).toBeLessThan(1e-3);
    expect(Math.abs(SM_CHARGE_RADIUS_SQUARED_cm2.mu / 1e-32 + 0.481)).toBeLessThan(1e-3);
    expect(Math.abs(SM_CHARGE_RADIUS_SQUARED_cm2.tau / 1e-32 + 0.297)).toBeLessThan(1e-3);
  });
  it('Khan eq. 24 anapoles are −6⟨r²⟩ (the eq. 23 typo): 4.98 = 6 × 0.83 etc., within 1%', () => {
    expect(Math.abs(SM_ANAPOLE_cm2.e / (-6 * SM_CHARGE_RADIUS_SQUARED_cm2.e) - 1)).toBeLessThan(0.01);
    expect(Math.abs(SM_ANAPOLE_cm2.mu / (-6 * SM_CHARGE_RADIUS_SQUARED_cm2.mu) - 1)).toBeLessThan(0.01);
  });
});

describe('coupling shifts', () => {
  it('δ/q = 2.0416e6 for Cs and 2.1382e6 for I at T = 11 keV [HLP, spec §2.5], rel tol 1e-4', () => {
    expect(Math.abs(millichargeShiftPerCharge(123.7725, 11) / 2.0416e6 - 1)).toBeLessThan(1e-4);
    expect(Math.abs(millichargeShiftPerCharge(118.1837, 11) / 2.1382e6 - 1)).toBeLessThan(1e-4);
  });
  it('electron δ^e/q = 5.4396e12 at T_e = 1 keV [HLP, spec §2.8], rel tol 1e-4', () => {
    expect(Math.abs(millichargeShiftPerCharge(0.00051099895, 1) / 5.4396e12 - 1)).toBeLessThan(1e-4);
  });
  it('anapole a is equivalent to a charge radius −a/6 (Khan eq. 25 vs eq. 19), rel 1e-14', () => {
    expect(Math.abs(anapoleShiftPerCm2() / (-chargeRadiusShiftPerCm2() / 6) - 1)).toBeLessThan(1e-14);
  });
  it('flavour assignment: ν_μ and ν̄_μ share the μ parameters; transitions per spec §2.6', () => {
    expect(flavorParameters('numu')).toBe(flavorParameters('numubar'));
    expect(flavorParameters('nue').charge).toBe('qee');
    expect([...flavorParameters('nue').transitions].sort()).toEqual(['qemu', 'qetau']);
    expect([...flavorParameters('numu').transitions].sort()).toEqual(['qemu', 'qmutau']);
  });
});
