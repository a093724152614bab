import { describe, expect, it } from 'vitest';
import { maxRecoil_keV } from '../../../src/physics/crossSections/kinematics.js';
import { cevnsTargetDsigmaDT_cm2_per_keV, cevnsTotalCrossSection_cm2, electronTotalCrossSection_cm2 } from '../../../src/physics/crossSections/totalCrossSection.js';
import { cevnsDsigmaDT_cm2_per_keV } from '../../../src/physics/crossSections/cevnsDsigmaDT.js';
import { integrateCompositeGaussLegendre, logEdges } from '../../../src/numerics/gaussLegendre.js';
import { defaultHelmConfig } from '../../../src/physics/nuclei/formFactor.js';
import { nuclearTarget } from '../../../src/physics/nuclei/nuclearTarget.js';
import { emParams } from '../../../src/physics/parameters.js';

const GF = 1.1663787e-5;
const HBARC2 = 3.893793721e-28;
const sm = emParams();
const pointLike = { type: 'klein-nystrand', rA_coefficient_fm: 0, a_fm: 0 } as const; // F ≡ 1

describe('total CEvNS cross section', () => {
  it('point nucleus: equals the analytic ∫ (G_F²M/π) Q_W² (1 − T/E − MT/2E²) dT, rel tol 1e-9', () => {
    const cs = nuclearTarget('Cs133').isotopes[0]!;
    const M = cs.mass_GeV;
    const E = 0.03;
    const Tm = (2 * E * E) / (M + 2 * E);
    const QW = 55 * (0.5 - 2 * 0.23857) - 78 * 0.5;
    const analytic = ((GF * GF * M) / Math.PI) * QW * QW * (Tm - (Tm * Tm) / (2 * E) - (M * Tm * Tm) / (4 * E * E)) * HBARC2;
    expect(Math.abs(cevnsTotalCrossSection_cm2('Cs133', 'numu', 30, sm, pointLike) / analytic - 1)).toBeLessThan(1e-9);
  });
  it('Helm total agrees with an independent composite Gauss–Legendre integral (log grid), rel tol 1e-7', () => {
    const iso = nuclearTarget('I127').isotopes[0]!;
    const ff = defaultHelmConfig(53);
    const p = emParams({ qee: 1e-8 });
    const tmax = maxRecoil_keV(40, iso.mass_GeV);
    const gl = integrateCompositeGaussLegendre((u) => Math.exp(u) * cevnsDsigmaDT_cm2_per_keV(iso, 'nue', 40, Math.exp(u), p, ff), logEdges(0.1, tmax, 40).map(Math.log), 12);
    expect(Math.abs(cevnsTotalCrossSection_cm2('I127', 'nue', 40, p, ff, 0.1) / gl - 1)).toBeLessThan(1e-7);
  });
  it('multi-isotope targets are abundance-weighted per nucleus (Xe: Σ f_i dσ_i/dT, rel 1e-14)', () => {
    const xe = nuclearTarget('Xe');
    const manual = xe.isotopes.reduce((s, i) => s + i.abundance * cevnsDsigmaDT_cm2_per_keV(i, 'nue', 30, 5, sm, defaultHelmConfig(54)), 0);
    expect(Math.abs(cevnsTargetDsigmaDT_cm2_per_keV('Xe', 'nue', 30, 5, sm) / manual - 1)).toBeLessThan(1e-14);
  });
  it('N² scaling (ESS eq. 2 prose): point-like σ(Xe)/σ(Ar) ≈ (N_Xe/N_Ar)² × M-dependence within 10%', () => {
    const r = cevnsTotalCrossSection_cm2('Xe', 'numu', 30, sm, pointLike) / cevnsTotalCrossSection_cm2('Ar40', 'numu', 30, sm, pointLike);
    // σ ∝ Q_W² × M T_max ∝ Q_W² at E ≪ M; Q_W ≈ −N/2 + small proton part
    const qw = (Z: number, N: number) => Z * (0.5 - 2 * 0.23857) - N / 2;
    expect(Math.abs(r / (qw(54, 77.3) / qw(18, 22)) ** 2 - 1)).toBeLessThan(0.1);
  });
});

describe('total EES cross section', () => {
  it('Cs with Z_eff steps: the total equals Σ over step intervals of the free formula × Z_eff (checked against Xe-style Z = 55 minus the deficit), i.e. it is below 55 free electrons but above 53', () => {
    const cs = electronTotalCrossSection_cm2('Cs', 'nue', 30, sm);
    const free55 = (electronTotalCrossSection_cm2('Xe', 'nue', 30, sm) / 54) * 55;
    expect(cs).toBeLessThan(free55);
    expect(cs).toBeGreaterThan((free55 * 53) / 55);
  });
  it('with a millicharge the total grows like 1/T_min (pure EM ∝ 1/T²): σ(T_min)/σ(T_min/2) → 1/2 for Xe at q = 1e-9', () => {
    const p = emParams({ qee: 1e-9 });
    const a = electronTotalCrossSection_cm2('Xe', 'nue', 30, p, 1e-3);
    const b = electronTotalCrossSection_cm2('Xe', 'nue', 30, p, 5e-4);
    expect(Math.abs(a / b - 0.5)).toBeLessThan(0.01);
  });
});
