import { describe, expect, it } from 'vitest';
import { brentRoot } from '../../../src/numerics/brentRoot.js';
import { cevnsDsigmaDT_cm2_per_keV } from '../../../src/physics/crossSections/cevnsDsigmaDT.js';
import { cevnsTerms, cevnsWeakKinematics_cm2_per_keV } from '../../../src/physics/crossSections/cevnsTerms.js';
import { maxRecoil_keV } from '../../../src/physics/crossSections/kinematics.js';
import { evaluateLinearCoupling } from '../../../src/physics/crossSections/linearCoupling.js';
import { defaultHelmConfig, defaultKleinNystrandConfig, formFactor, momentumTransfer_fm } from '../../../src/physics/nuclei/formFactor.js';
import { nuclearTarget } from '../../../src/physics/nuclei/nuclearTarget.js';
import { emParams, type EmParams } from '../../../src/physics/parameters.js';

// Independent constants (spec §0.2) for hand-written reference formulas.
const GF = 1.1663787e-5;
const ALPHA = 1 / 137.035999;
const HBARC2 = 3.893793721e-28;
const ME = 0.51099895e-3;

const cs = nuclearTarget('Cs133').isotopes[0]!;
const iod = nuclearTarget('I127').isotopes[0]!;
const ffCs = defaultHelmConfig(55);
const ffI = defaultHelmConfig(53);
const sm = emParams();
const F2 = (T: number) => formFactor(ffCs, momentumTransfer_fm(cs.mass_GeV, T), cs) ** 2;

/** Khan eq. 1 written out directly, with sin²θ_W given (GeV units in, cm²/keV out). */
function khanEq1(s2w: number, E_MeV: number, T_keV: number, F2v: number): number {
  const E = E_MeV * 1e-3;
  const T = T_keV * 1e-6;
  const M = cs.mass_GeV;
  const gu = 0.5 - (4 / 3) * s2w; // Khan eq. 2
  const gd = -0.5 + (2 / 3) * s2w; // Khan eq. 3
  const QW = cs.Z * (2 * gu + gd) + cs.N * (gu + 2 * gd);
  return ((GF * GF * M) / Math.PI) * QW * QW * Math.max(0, 1 - T / E - (M * T) / (2 * E * E)) * F2v * HBARC2 * 1e-6;
}

describe('CEvNS Standard Model (Khan eq. 1–3)', () => {
  it('equals Khan eq. 1 written with g_u^V, g_d^V at several (E, T), rel tol 1e-12', () => {
    for (const [E, T] of [[29.79, 1], [30, 11], [45, 20], [52.8, 40]] as const) {
      const ours = cevnsDsigmaDT_cm2_per_keV(cs, 'numu', E, T, sm, ffCs);
      expect(Math.abs(ours / khanEq1(0.23857, E, T, F2(T)) - 1)).toBeLessThan(1e-12);
    }
  });
  it('weak charges Q_W(Cs) = −37.743, Q_W(I) = −35.788 at s2w = 0.23857 (spec §2.2 [HLP]), tol 1e-3', () => {
    expect(Math.abs(evaluateLinearCoupling(cevnsTerms(cs, 'nue', 5, ffCs).amplitude, sm) + 37.743)).toBeLessThan(1e-3);
    expect(Math.abs(evaluateLinearCoupling(cevnsTerms(iod, 'nue', 5, ffI).amplitude, sm) + 35.788)).toBeLessThan(1e-3);
  });
  it('dσ/dT = 0 above T_max (and at T ≤ 0), > 0 just below, for SM and with EM parameters', () => {
    const p = emParams({ qee: 1e-8, qemu: 1e-8, mue: 1e-10 });
    for (const E of [10, 29.79, 52.83]) {
      const tmax = maxRecoil_keV(E, cs.mass_GeV);
      expect(cevnsDsigmaDT_cm2_per_keV(cs, 'nue', E, tmax * (1 + 1e-9), sm, ffCs)).toBe(0);
      expect(cevnsDsigmaDT_cm2_per_keV(cs, 'nue', E, tmax * 1.5, p, ffCs)).toBe(0);
      expect(cevnsDsigmaDT_cm2_per_keV(cs, 'nue', E, tmax * (1 - 1e-6), p, ffCs)).toBeGreaterThan(0);
    }
    expect(cevnsDsigmaDT_cm2_per_keV(cs, 'nue', 30, 0, p, ffCs)).toBe(0);
    expect(cevnsDsigmaDT_cm2_per_keV(cs, 'nue', 30, -1, p, ffCs)).toBe(0);
  });
  it('ν_μ and ν̄_μ give identical CEvNS (vector coupling only; same EM shift sign, ESS footnote 4)', () => {
    const p = emParams({ qmumu: 3e-8, r2mu: -5e-33 });
    expect(cevnsDsigmaDT_cm2_per_keV(cs, 'numubar', 40, 8, p, ffCs)).toBe(cevnsDsigmaDT_cm2_per_keV(cs, 'numu', 40, 8, p, ffCs));
  });
});

describe('diagonal millicharge (Khan eq. 9, ESS eq. 8)', () => {
  const T = 11;
  const E = 30;
  it('equals Khan eq. 9: s2w → s2w(1 − παQ/(√2 s2w G_F M T)) in eq. 1, rel tol 1e-10', () => {
    for (const Q of [-3e-7, 1e-8, 2e-7]) {
      const s2wEff = 0.23857 * (1 - (Math.PI * ALPHA * Q) / (Math.SQRT2 * 0.23857 * GF * cs.mass_GeV * T * 1e-6));
      const ours = cevnsDsigmaDT_cm2_per_keV(cs, 'nue', E, T, emParams({ qee: Q }), ffCs);
      expect(Math.abs(ours / khanEq1(s2wEff, E, T, F2(T)) - 1)).toBeLessThan(1e-10);
    }
  });
  it('spec §6 row 8: Q_W,eff vanishes at Q0 = 3.3612e-7 (Cs) and 3.1581e-7 (I) at E = 30 MeV, T = 11 keV, within 1%', () => {
    const zero = (iso: typeof cs, ff: typeof ffCs) =>
      brentRoot((q) => evaluateLinearCoupling(cevnsTerms(iso, 'nue', T, ff).amplitude, emParams({ qee: q })), 0, 1e-6).x;
    expect(Math.abs(zero(cs, ffCs) / 3.3612e-7 - 1)).toBeLessThan(0.01);
    expect(Math.abs(zero(iod, ffI) / 3.1581e-7 - 1)).toBeLessThan(0.01);
    // and the rate itself vanishes there (Khan: "drops down to zero at 3.3e-7")
    expect(cevnsDsigmaDT_cm2_per_keV(cs, 'nue', E, T, emParams({ qee: zero(cs, ffCs) }), ffCs)).toBeLessThan(1e-20 * cevnsDsigmaDT_cm2_per_keV(cs, 'nue', E, T, sm, ffCs));
  });
  it('sign (ESS §V.1): small positive q lowers the rate, negative q raises it; only the flavour’s own charge acts', () => {
    const base = cevnsDsigmaDT_cm2_per_keV(cs, 'nue', E, T, sm, ffCs);
    expect(cevnsDsigmaDT_cm2_per_keV(cs, 'nue', E, T, emParams({ qee: 5e-8 }), ffCs)).toBeLessThan(base);
    expect(cevnsDsigmaDT_cm2_per_keV(cs, 'nue', E, T, emParams({ qee: -5e-8 }), ffCs)).toBeGreaterThan(base);
    expect(cevnsDsigmaDT_cm2_per_keV(cs, 'nue', E, T, emParams({ qmumu: 5e-8, qtautau: 1e-7 }), ffCs)).toBe(base);
  });
  it('pure-EM limit (spec §2.5): the q-even part minus SM equals 2πα²Z²Q²/(M T²) · kin · F², rel tol 1e-9', () => {
    for (const [Q, T2] of [[1e-8, 3], [2e-7, 11], [1e-6, 0.5]] as const) {
      const plus = cevnsDsigmaDT_cm2_per_keV(cs, 'nue', E, T2, emParams({ qee: Q }), ffCs);
      const minus = cevnsDsigmaDT_cm2_per_keV(cs, 'nue', E, T2, emParams({ qee: -Q }), ffCs);
      const base = cevnsDsigmaDT_cm2_per_keV(cs, 'nue', E, T2, sm, ffCs);
      const Tg = T2 * 1e-6;
      const Eg = E * 1e-3;
      const kin = 1 - Tg / Eg - (cs.mass_GeV * Tg) / (2 * Eg * Eg);
      const rutherford = ((2 * Math.PI * ALPHA * ALPHA * 55 * 55 * Q * Q) / (cs.mass_GeV * Tg * Tg)) * kin * F2(T2) * HBARC2 * 1e-6;
      expect(Math.abs(((plus + minus) / 2 - base) / rutherford - 1)).toBeLessThan(1e-9);
    }
  });
  // the residual is the interference 2 Q_W/(Z δ Q) ≈ 3e-6 at Q = 0.1, T = 5 keV
  it('large-Q limit: dσ/dT → Rutherford form (Q = 0.1 e: ratio 1 within 1e-4)', () => {
    const Q = 0.1;
    const Tg = 5e-6;
    const Eg = 0.03;
    const kin = 1 - Tg / Eg - (cs.mass_GeV * Tg) / (2 * Eg * Eg);
    const rutherford = ((2 * Math.PI * ALPHA * ALPHA * 55 * 55 * Q * Q) / (cs.mass_GeV * Tg * Tg)) * kin * F2(5) * HBARC2 * 1e-6;
    expect(Math.abs(cevnsDsigmaDT_cm2_per_keV(cs, 'nue', 30, 5, emParams({ qee: Q }), ffCs) / rutherford - 1)).toBeLessThan(1e-4);
    // and the deviation at Q = 1e-3 has the size of that interference term (−2·37.74/(55·δ·Q) ≈ −3.05e-4), within 2%
    const dev = cevnsDsigmaDT_cm2_per_keV(cs, 'nue', 30, 5, emParams({ qee: 1e-3 }), ffCs) / ((rutherford * 1e-6) / (Q * Q)) - 1;
    const interference = (2 * -37.7427) / (55 * ((Math.SQRT2 * Math.PI * ALPHA) / (GF * cs.mass_GeV * Tg)) * 1e-3);
    expect(Math.abs(dev / interference - 1)).toBeLessThan(0.02);
  });
});

describe('transition millicharges (ESS eq. 9 [REC], spec §2.6)', () => {
  const base = (f: 'nue' | 'numu') => cevnsDsigmaDT_cm2_per_keV(cs, f, 35, 6, sm, ffCs);
  const at = (f: 'nue' | 'numu' | 'numubar', p: Partial<EmParams>) => cevnsDsigmaDT_cm2_per_keV(cs, f, 35, 6, emParams(p), ffCs);
  it('even in q (exact), and the excess equals the pure-EM part of the same diagonal charge (rel 1e-10)', () => {
    for (const q of [3e-9, 4e-8]) {
      expect(at('nue', { qemu: q })).toBe(at('nue', { qemu: -q }));
      expect(at('numu', { qmutau: q })).toBe(at('numu', { qmutau: -q }));
      const diagEven = (at('nue', { qee: q }) + at('nue', { qee: -q })) / 2 - base('nue');
      expect(Math.abs((at('nue', { qemu: q }) - base('nue')) / diagEven - 1)).toBeLessThan(1e-10);
    }
  });
  it('flavour map: q_eμ acts on ν_e, ν_μ, ν̄_μ; q_eτ only on ν_e; q_μτ only on ν_μ, ν̄_μ; contributions add', () => {
    expect(at('nue', { qemu: 1e-8 })).toBeGreaterThan(base('nue'));
    expect(at('numu', { qemu: 1e-8 })).toBeGreaterThan(base('numu'));
    expect(at('numubar', { qemu: 1e-8 })).toBeGreaterThan(base('numu'));
    expect(at('numu', { qetau: 1e-8 })).toBe(base('numu'));
    expect(at('nue', { qmutau: 1e-8 })).toBe(base('nue'));
    const both = at('nue', { qemu: 1e-8, qetau: 2e-8 }) - base('nue');
    const sep = at('nue', { qemu: 1e-8 }) - base('nue') + (at('nue', { qetau: 2e-8 }) - base('nue'));
    expect(Math.abs(both / sep - 1)).toBeLessThan(1e-10);
  });
});

describe('magnetic moment, charge radius, anapole (Khan eq. 13, 19, 25)', () => {
  it('magnetic moment adds (πα²μ²/m_e²)(1/T − 1/E + T/(4E²)) Z² F² (Khan eq. 13), rel tol 1e-10', () => {
    const mu = 3e-10;
    const E = 30;
    const T = 4;
    const extra = cevnsDsigmaDT_cm2_per_keV(cs, 'numu', E, T, emParams({ mumu: mu }), ffCs) - cevnsDsigmaDT_cm2_per_keV(cs, 'numu', E, T, sm, ffCs);
    const Tg = T * 1e-6;
    const Eg = E * 1e-3;
    const ref = ((Math.PI * ALPHA * ALPHA * mu * mu) / (ME * ME)) * (1 / Tg - 1 / Eg + Tg / (4 * Eg * Eg)) * 55 * 55 * F2(T) * HBARC2 * 1e-6;
    expect(Math.abs(extra / ref - 1)).toBeLessThan(1e-8);
    expect(cevnsDsigmaDT_cm2_per_keV(cs, 'numu', E, T, emParams({ mumu: -mu }), ffCs)).toBe(cevnsDsigmaDT_cm2_per_keV(cs, 'numu', E, T, emParams({ mumu: mu }), ffCs));
  });
  it('charge radius equals Khan eq. 19: s2w → s2w(1 + πα⟨r²⟩/(3√2 s2w G_F)), rel tol 1e-10', () => {
    const r2 = -0.83e-32;
    const s2wEff = 0.23857 * (1 + (Math.PI * ALPHA * (r2 / HBARC2)) / (3 * Math.SQRT2 * 0.23857 * GF));
    const ours = cevnsDsigmaDT_cm2_per_keV(cs, 'nue', 30, 9, emParams({ r2e: r2 }), ffCs);
    expect(Math.abs(ours / khanEq1(s2wEff, 30, 9, F2(9)) - 1)).toBeLessThan(1e-10);
  });
  it('anapole equals Khan eq. 25: s2w → s2w(1 − πα a/(18√2 s2w G_F)), rel tol 1e-10', () => {
    const a = 2.88e-32;
    const s2wEff = 0.23857 * (1 - (Math.PI * ALPHA * (a / HBARC2)) / (18 * Math.SQRT2 * 0.23857 * GF));
    const ours = cevnsDsigmaDT_cm2_per_keV(cs, 'numu', 30, 9, emParams({ amu: a }), ffCs);
    expect(Math.abs(ours / khanEq1(s2wEff, 30, 9, F2(9)) - 1)).toBeLessThan(1e-10);
  });
  it('s2w enters linearly in the amplitude with coefficient −2Z (g_p^V = 1/2 − 2 s2w)', () => {
    const t = cevnsTerms(cs, 'nue', 9, ffCs);
    expect(t.amplitude.coefficients.s2w).toBe(-110);
    expect(t.amplitude.constant).toBe(0.5 * 55 - 0.5 * 78);
    const ours = cevnsDsigmaDT_cm2_per_keV(cs, 'nue', 30, 9, emParams({ s2w: 0.2312 }), ffCs);
    expect(Math.abs(ours / khanEq1(0.2312, 30, 9, F2(9)) - 1)).toBeLessThan(1e-12);
  });
});

describe('terms/kinematics split', () => {
  it('K_w at T → 0 equals G_F² M/π in cm²/keV, rel 1e-12', () => {
    const ref = ((GF * GF * cs.mass_GeV) / Math.PI) * HBARC2 * 1e-6;
    expect(Math.abs(cevnsWeakKinematics_cm2_per_keV(cs.mass_GeV, 30, 1e-9) / ref - 1)).toBeLessThan(1e-9);
  });
  it('Klein–Nystrand and Helm configs both run; F² is the only difference (ratio = F² ratio, rel 1e-12)', () => {
    const kn = defaultKleinNystrandConfig();
    const h = cevnsDsigmaDT_cm2_per_keV(cs, 'nue', 30, 9, sm, ffCs);
    const k = cevnsDsigmaDT_cm2_per_keV(cs, 'nue', 30, 9, sm, kn);
    const ratio = cevnsTerms(cs, 'nue', 9, ffCs).formFactorSquared / cevnsTerms(cs, 'nue', 9, kn).formFactorSquared;
    expect(Math.abs(h / k / ratio - 1)).toBeLessThan(1e-12);
  });
});
