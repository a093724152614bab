/**
 * Scintillation (quenching) response of COHERENT CsI[Na]: a quartic polynomial in the nuclear
 * recoil energy, E_ee(T) = a T + b T² + c T³ + d T⁴ with T in MeVnr and E_ee in MeVee.
 *
 * Source: COHERENT CsI 2021 release, `scintRespCoefficients.txt` (arXiv:2110.07730 supplemental
 * material); spec docs/physics.md §D.1. Negative values (which the fit never reaches in 0–50 keVnr)
 * are clipped to 0 (docs/physics.md §2).
 */

/** The four coefficients (a, b, c, d) of the quartic, for T in MeVnr and E_ee in MeVee. */
export type QuenchingPolynomial = readonly [number, number, number, number];

/**
 * Electron-equivalent energy of a nuclear recoil.
 *
 * @param recoil_keVnr - nuclear recoil kinetic energy T (keVnr)
 * @param coefficients - quartic coefficients (a, b, c, d) for MeVnr → MeVee
 * @returns E_ee(T) in keVee, clipped at 0
 * @example quenchedEnergy_keVee(10, [0.0554628, 4.30681, -111.707, 840.384]) // returns ~0.8820
 * Reference: arXiv:2110.07730 release (scintRespCoefficients.txt); docs/physics.md §D.1.
 */
export function quenchedEnergy_keVee(recoil_keVnr: number, coefficients: QuenchingPolynomial): number {
  const x = recoil_keVnr * 1e-3;
  const [a, b, c, d] = coefficients;
  const eeMeV = x * (a + x * (b + x * (c + x * d)));
  return eeMeV > 0 ? eeMeV * 1e3 : 0;
}
