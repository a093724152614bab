/** Standard-Model values of the neutrino charge radii and anapole moments (Khan eq. 17–18, 24). */
import { ELECTRON_MASS_MeV, FERMI_CONSTANT_GeVm2, MUON_MASS_MeV, TAU_MASS_MeV, W_MASS_GeV } from '../../units/constants.js';
import { GeVm2ToCm2, MeVToGeV } from '../../units/conversions.js';

/**
 * SM neutrino charge radius ⟨r²⟩ = −G_F/(2√2 π²) [3 − 2 ln(m_ℓ²/m_W²)].
 * Khan eq. 17 is printed with π instead of π²; only π² reproduces his eq. 18 numbers
 * (−0.83, −0.48, −0.30 × 10^-32 cm²), see docs/physics.md §4 and docs/physics.md.
 * Reference: Bernabéu et al., PRL 89 (2002) 101802 (the formula Khan cites).
 * @param leptonMass_MeV - charged-lepton mass m_ℓ in MeV
 * @returns ⟨r²⟩ in cm²
 */
export function smChargeRadiusSquared_cm2(leptonMass_MeV: number): number {
  const ratio = MeVToGeV(leptonMass_MeV) / W_MASS_GeV;
  const r2_GeVm2 = (-FERMI_CONSTANT_GeVm2 / (2 * Math.SQRT2 * Math.PI * Math.PI)) * (3 - 2 * Math.log(ratio * ratio));
  return GeVm2ToCm2(r2_GeVm2);
}

/** SM charge radii in cm² computed from {@link smChargeRadiusSquared_cm2}: e ≈ −0.828e-32, μ ≈ −0.481e-32, τ ≈ −0.297e-32. */
export const SM_CHARGE_RADIUS_SQUARED_cm2 = Object.freeze({
  e: smChargeRadiusSquared_cm2(ELECTRON_MASS_MeV),
  mu: smChargeRadiusSquared_cm2(MUON_MASS_MeV),
  tau: smChargeRadiusSquared_cm2(TAU_MASS_MeV),
});

/**
 * SM anapole moments in cm² as printed in Khan eq. 24 (4.98, 2.88, 1.80 × 10^-32 = −6 ⟨r²⟩;
 * Khan's eq. 23 "a = −⟨r²⟩/6" is a typo, eq. 24 and 25 are mutually consistent; docs/physics.md §4).
 */
export const SM_ANAPOLE_cm2 = Object.freeze({ e: 4.98e-32, mu: 2.88e-32, tau: 1.8e-32 });
