import { describe, expect, it } from 'vitest';
import {
  defaultHelmConfig,
  defaultKleinNystrandConfig,
  formFactor,
  helmBoxRadius_fm,
  helmFormFactor,
  kleinNystrandFormFactor,
  momentumTransfer_fm,
} from '../../../src/physics/nuclei/formFactor.js';
import { nuclearTarget } from '../../../src/physics/nuclei/nuclearTarget.js';

const cs = nuclearTarget('Cs133').isotopes[0]!;

describe('form factors', () => {
  it('F(0) = 1 exactly for Helm and Klein–Nystrand (normalisation, spec §2.3)', () => {
    expect(formFactor(defaultHelmConfig(55), 0, cs)).toBe(1);
    expect(formFactor(defaultKleinNystrandConfig(), 0, cs)).toBe(1);
  });
  it('Helm: small-q slope gives the rms radius, F ≈ 1 − q² R_n²/6 (Helm moment relation), rel tol 1e-6', () => {
    const q = 1e-4;
    const rn = 4.83;
    const slope = (1 - helmFormFactor(q, rn, 0.9)) / (q * q);
    expect(Math.abs(slope / (rn * rn / 6) - 1)).toBeLessThan(1e-6);
  });
  it('Klein–Nystrand: small-q slope R_A²/10 + a² (hard sphere ⊗ Yukawa), rel tol 1e-6', () => {
    const q = 1e-4;
    const rA = 1.2 * Math.cbrt(133);
    const slope = (1 - kleinNystrandFormFactor(q, 133, 1.2, 0.7)) / (q * q);
    expect(Math.abs(slope / (rA * rA / 10 + 0.49) - 1)).toBeLessThan(1e-6);
  });
  it('series branch and closed form agree across the switch (qR = 1e-2), rel tol 1e-10', () => {
    // closed form at x = 0.0099999 loses ~eps/x² ≈ 2e-12 to cancellation, hence tol 1e-10
    const r0 = helmBoxRadius_fm(4.83, 0.9);
    const x = 0.0099999;
    const closed = (3 * (Math.sin(x) - x * Math.cos(x))) / x ** 3;
    const q = x / r0;
    const viaSeries = helmFormFactor(q, 4.83, 0.9) / Math.exp(-0.5 * q * q * 0.81);
    expect(Math.abs(viaSeries / closed - 1)).toBeLessThan(1e-10);
    const kn = kleinNystrandFormFactor(x / (1.2 * Math.cbrt(133)), 133, 1.2, 0) ;
    expect(Math.abs(kn / closed - 1)).toBeLessThan(1e-10);
  });
  it('Helm R_0 = sqrt(5/3 (R_n² − 3 s²)) = 5.901822 fm for R_n = 4.83, s = 0.9 (python math.sqrt), tol 1e-6; too small R_n throws', () => {
    expect(Math.abs(helmBoxRadius_fm(4.83, 0.9) - Math.sqrt((5 / 3) * (4.83 ** 2 - 2.43)))).toBeLessThan(1e-12);
    expect(Math.abs(helmBoxRadius_fm(4.83, 0.9) - 5.901821752645534)).toBeLessThan(1e-6);
    expect(() => helmBoxRadius_fm(1.5, 0.9)).toThrow(RangeError);
  });
  it('q = sqrt(2 M T)/ħc: Cs at 11 keV gives 0.264446 fm^-1 (python, spec §0.2 constants), tol 1e-6', () => {
    expect(Math.abs(momentumTransfer_fm(cs.mass_GeV, 11) - 0.26444601171532894)).toBeLessThan(1e-6);
  });
  it('both form factors suppress Cs at the COHERENT endpoint (q ≈ 0.3 fm^-1) to 0.6–0.8 and agree within 5% (spec §2.3: "do not significantly change")', () => {
    const q = momentumTransfer_fm(cs.mass_GeV, 14);
    const h = formFactor(defaultHelmConfig(55), q, cs);
    const k = formFactor(defaultKleinNystrandConfig(), q, cs);
    expect(h).toBeGreaterThan(0.6);
    expect(h).toBeLessThan(0.8);
    expect(Math.abs(h / k - 1)).toBeLessThan(0.05);
  });
});
