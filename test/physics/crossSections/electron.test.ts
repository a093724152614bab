import { describe, expect, it } from 'vitest';
import { electronDsigmaDT_cm2_per_keV } from '../../../src/physics/crossSections/electronDsigmaDT.js';
import { maxRecoil_keV } from '../../../src/physics/crossSections/kinematics.js';
import { electronTotalCrossSection_cm2 } from '../../../src/physics/crossSections/totalCrossSection.js';
import { zEff } from '../../../src/physics/crossSections/zEff.js';
import { emParams, type Flavor } from '../../../src/physics/parameters.js';

const GF = 1.1663787e-5;
const ALPHA = 1 / 137.035999;
const HBARC2 = 3.893793721e-28;
const ME = 0.51099895e-3;
const sm = emParams();

/** Vogel & Engel free-electron formula, written in its unexpanded form (spec §2.8), per electron, cm²/keV. */
function vogelEngel(gV: number, gA: number, E_MeV: number, T_keV: number): number {
  const E = E_MeV * 1e-3;
  const T = T_keV * 1e-6;
  const y = 1 - T / E;
  return ((GF * GF * ME) / (2 * Math.PI)) * ((gV + gA) ** 2 + (gV - gA) ** 2 * y * y - (gV * gV - gA * gA) * ((ME * T) / (E * E))) * HBARC2 * 1e-6;
}
const couplings: Record<Flavor, [number, number]> = {
  nue: [0.5 + 2 * 0.23857, 0.5],
  numu: [-0.5 + 2 * 0.23857, -0.5],
  numubar: [-0.5 + 2 * 0.23857, 0.5],
};

describe('neutrino–electron scattering, SM (Vogel & Engel; ESS eq. 4 [REC])', () => {
  it.each(['nue', 'numu', 'numubar'] as const)('%s: per-electron formula × Z (Xe: free electrons), rel tol 1e-12', (f) => {
    const [gV, gA] = couplings[f];
    for (const [E, T] of [[10, 1], [30, 5], [52.8, 20000]] as const) {
      expect(Math.abs(electronDsigmaDT_cm2_per_keV('Xe', f, E, T, sm) / (54 * vogelEngel(gV, gA, E, T)) - 1)).toBeLessThan(1e-12);
    }
  });
  it('Cs uses the stepping Z_eff: the ratio to the free formula is Z_eff(T_e) on both sides of the K and L3 edges', () => {
    const [gV, gA] = couplings.nue;
    for (const T of [35.98, 35.99, 5.01, 5.02, 0.5]) {
      expect(Math.abs(electronDsigmaDT_cm2_per_keV('Cs', 'nue', 30, T, sm) / vogelEngel(gV, gA, 30, T) - zEff('Cs', T))).toBeLessThan(1e-9);
    }
    expect(electronDsigmaDT_cm2_per_keV('Cs', 'nue', 30, 35.99, sm) / electronDsigmaDT_cm2_per_keV('Cs', 'nue', 30, 35.98, sm)).toBeCloseTo(55 / 53, 4);
    expect(electronDsigmaDT_cm2_per_keV('I', 'nue', 30, 0.003, sm)).toBe(0);
  });
  it('zero above T_max = 2E²/(m_e + 2E)', () => {
    const tmax = maxRecoil_keV(30, ME);
    expect(electronDsigmaDT_cm2_per_keV('Cs', 'nue', 30, tmax * (1 + 1e-9), emParams({ qee: 1e-10 }))).toBe(0);
    expect(electronDsigmaDT_cm2_per_keV('Cs', 'nue', 30, tmax * (1 - 1e-6), sm)).toBeGreaterThan(0);
  });
  it('total per free electron equals the analytic integral of the Vogel–Engel formula (E = 30 MeV), rel tol 1e-8', () => {
    for (const f of ['nue', 'numu', 'numubar'] as const) {
      const [gV, gA] = couplings[f];
      const E = 0.03;
      const Tm = (2 * E * E) / (ME + 2 * E);
      const a = (gV + gA) ** 2;
      const b = (gV - gA) ** 2;
      const c = gV * gV - gA * gA;
      const analytic = ((GF * GF * ME) / (2 * Math.PI)) * (a * Tm + (b * E * (1 - (1 - Tm / E) ** 3)) / 3 - (c * ME * Tm * Tm) / (2 * E * E)) * HBARC2;
      expect(Math.abs(electronTotalCrossSection_cm2('Ar', f, 30, sm) / (18 * analytic) - 1)).toBeLessThan(1e-8);
    }
  });
});

describe('EES with EM parameters (spec §2.8)', () => {
  it('millicharge: q-even excess per electron = 2πα²q²/(m_e T²) · [1 + y² − m_e T/E²]/2 (pure-EM limit), rel 1e-9', () => {
    const q = 1e-10;
    for (const T of [0.5, 3]) {
      const plus = electronDsigmaDT_cm2_per_keV('Xe', 'nue', 30, T, emParams({ qee: q }));
      const minus = electronDsigmaDT_cm2_per_keV('Xe', 'nue', 30, T, emParams({ qee: -q }));
      const base = electronDsigmaDT_cm2_per_keV('Xe', 'nue', 30, T, sm);
      const Tg = T * 1e-6;
      const E = 0.03;
      const y = 1 - Tg / E;
      const ref = ((2 * Math.PI * ALPHA * ALPHA * q * q) / (ME * Tg * Tg)) * ((1 + y * y - (ME * Tg) / (E * E)) / 2) * HBARC2 * 1e-6;
      expect(Math.abs(((plus + minus) / 2 - base) / (54 * ref) - 1)).toBeLessThan(1e-9);
    }
  });
  it('sign: the electron shift is opposite to the nuclear one (g_V → g_V − δ), so a small positive q_ee lowers ν_e–e scattering (g_V > 0)', () => {
    const T = 5;
    const base = electronDsigmaDT_cm2_per_keV('Xe', 'nue', 30, T, sm);
    expect(electronDsigmaDT_cm2_per_keV('Xe', 'nue', 30, T, emParams({ qee: 1e-14 }))).toBeLessThan(base);
  });
  it('transition charges are even in q and equal the diagonal pure-EM part (rel 1e-10)', () => {
    const q = 2e-11;
    const at = (p: object) => electronDsigmaDT_cm2_per_keV('Cs', 'numu', 30, 2, emParams(p));
    expect(at({ qmutau: q })).toBe(at({ qmutau: -q }));
    const diag = (at({ qmumu: q }) + at({ qmumu: -q })) / 2 - at({});
    expect(Math.abs((at({ qemu: q }) - at({})) / diag - 1)).toBeLessThan(1e-10);
    expect(at({ qetau: q })).toBe(at({}));
  });
  it('magnetic moment adds Z_eff πα²μ²/m_e² (1/T − 1/E) (Vogel & Engel 1989 eq. 2), rel 1e-9', () => {
    const mu = 1e-10;
    const T = 2;
    const extra = electronDsigmaDT_cm2_per_keV('Cs', 'nue', 30, T, emParams({ mue: mu })) - electronDsigmaDT_cm2_per_keV('Cs', 'nue', 30, T, sm);
    const ref = zEff('Cs', T) * ((Math.PI * ALPHA * ALPHA * mu * mu) / (ME * ME)) * (1 / (T * 1e-6) - 1 / 0.03) * HBARC2 * 1e-6;
    expect(Math.abs(extra / ref - 1)).toBeLessThan(1e-9);
  });
  it('charge radius shifts g_V by +√2πα⟨r²⟩/(3G_F) for electrons (opposite to protons), rel 1e-10', () => {
    const r2 = -0.83e-32;
    const [gV, gA] = couplings.nue;
    const shifted = gV + (Math.SQRT2 * Math.PI * ALPHA * (r2 / HBARC2)) / (3 * GF);
    expect(Math.abs(electronDsigmaDT_cm2_per_keV('Xe', 'nue', 30, 7, emParams({ r2e: r2 })) / (54 * vogelEngel(shifted, gA, 30, 7)) - 1)).toBeLessThan(1e-10);
  });
});
