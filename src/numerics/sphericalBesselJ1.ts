/**
 * Spherical Bessel function of the first kind, order 1: j1(x) = sin x/x² − cos x/x.
 * Below |x| = 1e-2 the closed form loses digits to cancellation, so the Taylor series
 * x/3 · (1 − x²/10 + x⁴/280 − x⁶/15120) is used (Abramowitz & Stegun 10.1.2).
 * @param x - argument (dimensionless)
 * @returns j1(x)
 */
export function sphericalBesselJ1(x: number): number {
  const ax = Math.abs(x);
  if (ax < 1e-2) {
    const x2 = x * x;
    return (x / 3) * (1 - (x2 / 10) * (1 - (x2 / 28) * (1 - x2 / 54)));
  }
  return Math.sin(x) / (x * x) - Math.cos(x) / x;
}
