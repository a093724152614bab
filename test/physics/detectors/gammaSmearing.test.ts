import { describe, expect, it } from 'vitest';
import { gammaSmearingBinProbability, gammaSmearingPdf_perPE, gammaShapeRate } from '../../../src/physics/detectors/gammaSmearing.js';
import { integrateCompositeGaussLegendre } from '../../../src/numerics/gaussLegendre.js';

const res = { a0_keVee: 0.0749, b0_per_keVee: 9.56 }; // physics.md §3.2

describe('gamma smearing P(x | E_ee) of COHERENT CsI (physics.md §3.2)', () => {
  it('gammaSmearingBinProbability(0, ∞, E) is 1 (normalisation, exact identity, 1e-14)', () => {
    for (const E of [0.05, 0.3, 1, 4.5]) expect(Math.abs(gammaSmearingBinProbability(0, Infinity, E, res) - 1)).toBeLessThan(1e-14);
  });
  it('the PDF integrates to the incomplete-gamma bin probabilities (quadrature vs P(k, βx), 1e-10)', () => {
    for (const E of [0.2, 1, 3]) {
      for (const [lo, hi] of [[8, 12], [24, 32], [50, 60]] as [number, number][]) {
        const edges = Array.from({ length: 41 }, (_, i) => lo + ((hi - lo) * i) / 40);
        const quad = integrateCompositeGaussLegendre((x) => gammaSmearingPdf_perPE(x, E, res), edges, 8);
        expect(Math.abs(quad - gammaSmearingBinProbability(lo, hi, E, res))).toBeLessThan(1e-10);
      }
    }
  });
  it('has mean E_ee / a0 = 13.35 PE/keVee × E_ee (light yield, physics.md §3.1; 1e-9 relative)', () => {
    const E = 2;
    const { shape, rate_per_PE } = gammaShapeRate(E, res);
    expect(Math.abs(shape / rate_per_PE / (E / 0.0749) - 1)).toBeLessThan(1e-12);
    const edges = Array.from({ length: 401 }, (_, i) => i * 0.75);
    const mean = integrateCompositeGaussLegendre((x) => x * gammaSmearingPdf_perPE(x, E, res), edges, 8);
    expect(Math.abs(mean / (E / 0.0749) - 1)).toBeLessThan(1e-9);
    expect(Math.abs(1 / 0.0749 - 13.35)).toBeLessThan(0.01);
  });
});
