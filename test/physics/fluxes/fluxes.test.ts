import { describe, expect, it } from 'vitest';
import { integrateAdaptive } from '../../../src/numerics/gaussKronrod.js';
import {
  delayedSpectrum_perMeV,
  MAX_NEUTRINO_ENERGY_MeV,
  PROMPT_ENERGY_MeV,
} from '../../../src/physics/fluxes/pionDecayAtRest.js';
import {
  ESS_SOURCE_PER_YEAR,
  essProtonsPerYear,
  fluxNormalization_per_cm2,
  SNS_COHERENT_CSI_2021,
} from '../../../src/physics/fluxes/darSource.js';
import { brentMinimize } from '../../../src/numerics/brentMinimize.js';

describe('π-DAR spectra (spec §2.4)', () => {
  it('spec §6 row 1: prompt energy 29.7921 MeV, tol 1e-4 MeV', () => {
    expect(Math.abs(PROMPT_ENERGY_MeV - 29.7921)).toBeLessThan(1e-4);
  });
  it('endpoint m_μ/2 = 52.8292 MeV', () => {
    expect(Math.abs(MAX_NEUTRINO_ENERGY_MeV - 52.8291878)).toBeLessThan(1e-6);
  });
  it.each(['nue', 'numubar'] as const)('%s shape integrates to 1 over [0, m_μ/2], tol 1e-12', (f) => {
    const r = integrateAdaptive((E) => delayedSpectrum_perMeV(f, E), 0, MAX_NEUTRINO_ENERGY_MeV, { relTol: 1e-14 });
    expect(Math.abs(r.value - 1)).toBeLessThan(1e-12);
  });
  it('ν_e peaks at m_μ/3 = 35.2 MeV (spec §2.4), tol 1e-6 MeV; ν̄_μ rises to the endpoint', () => {
    const r = brentMinimize((E) => -delayedSpectrum_perMeV('nue', E), 1, 52);
    expect(Math.abs(r.x - 105.6583755 / 3)).toBeLessThan(1e-6);
    expect(delayedSpectrum_perMeV('numubar', 52.8)).toBeGreaterThan(delayedSpectrum_perMeV('numubar', 50));
  });
  it('zero outside [0, m_μ/2]; numu has no density (prompt line is a delta)', () => {
    expect(delayedSpectrum_perMeV('nue', 52.9)).toBe(0);
    expect(delayedSpectrum_perMeV('numubar', -1)).toBe(0);
    expect(() => delayedSpectrum_perMeV('numu' as 'nue', 30)).toThrow(RangeError);
  });
});

describe('flux normalisation η = r N_POT/(4π L²)', () => {
  it('spec §6 row 2: COHERENT (0.0848, 3.198e23, 19.3 m) → 5.7936e14 cm^-2, rel tol 1e-4', () => {
    expect(Math.abs(fluxNormalization_per_cm2(SNS_COHERENT_CSI_2021) / 5.7936e14 - 1)).toBeLessThan(1e-4);
  });
  it('Khan rounding 3.20e23 POT → 5.7972e14 cm^-2 [HLP], rel tol 1e-4', () => {
    expect(Math.abs(fluxNormalization_per_cm2({ ...SNS_COHERENT_CSI_2021, protonsOnTarget: 3.2e23 }) / 5.7972e14 - 1)).toBeLessThan(1e-4);
  });
  it('spec §6 row 3: ESS (0.3, 2.8e23, 20 m) → 1.6711e15 cm^-2 per year, rel tol 1e-4', () => {
    expect(Math.abs(fluxNormalization_per_cm2({ ...ESS_SOURCE_PER_YEAR, protonsOnTarget: 2.8e23 }) / 1.6711e15 - 1)).toBeLessThan(1e-4);
  });
  it('ESS N_POT/yr from 5 MW, 2 GeV, 5000 h = 2.81e23 (spec §5.1 [HLP]) = P t/(E e) exactly', () => {
    expect(Math.abs(essProtonsPerYear(5, 2, 5000) / 2.81e23 - 1)).toBeLessThan(2e-3);
    expect(essProtonsPerYear(5, 2, 5000)).toBeCloseTo((5e6 * 5000 * 3600) / (2e9 * 1.602176634e-19), -12);
    expect(ESS_SOURCE_PER_YEAR.protonsOnTarget).toBe(essProtonsPerYear(5, 2, 5000));
  });
});
