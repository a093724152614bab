import { describe, it, expect } from 'vitest';
import { makeChi2 } from '../../src/likelihood/makeChi2.js';
import { gaussianDataSpec, asimovSpec, poissonDataSpec } from '../../src/likelihood/binnedLikelihoodSpec.js';

// Khan-like inputs: spec §3.3 table (N_obs = C − AC, σ = √(C+AC), B = BRN + NIN), 9 PE bins.
const OBS = Float64Array.from([7, 49, 80, 54, 39, 35, 28, 15, -24]);
const SIG = Float64Array.from([3.87, 15.65, 19.18, 17.32, 15.78, 20.95, 19.8, 21.14, 20.45]);
const BKG = Float64Array.from([0.069, 1.599, 2.826, 2.994, 2.68, 4.314, 3.283, 3.359, 2.876]);
// a plausible SM-like signal shape (events per bin), not a physics number: only used as input
const SIGNAL = Float64Array.from([5, 60, 75, 58, 42, 50, 28, 12, 4]);
const KHAN_BINS = [1, 2, 3, 4, 5, 6, 7, 8];

/** Brute-force minimiser: a 101×101 grid, zoomed 8 times around the best node. */
function bruteForceMin(f: (a: number, b: number) => number, a0: number, a1: number, b0: number, b1: number) {
  let best = { a: 0, b: 0, f: Infinity };
  for (let pass = 0; pass < 8; pass++) {
    for (let i = 0; i <= 100; i++) {
      for (let j = 0; j <= 100; j++) {
        const a = a0 + ((a1 - a0) * i) / 100;
        const b = b0 + ((b1 - b0) * j) / 100;
        const v = f(a, b);
        if (v < best.f) best = { a, b, f: v };
      }
    }
    const da = (a1 - a0) / 20;
    const db = (b1 - b0) / 20;
    [a0, a1, b0, b1] = [best.a - da, best.a + da, best.b - db, best.b + db];
  }
  return best;
}

describe('makeChi2 (gaussian, Khan eq. 7 arXiv:2201.10578)', () => {
  const chi2 = makeChi2(gaussianDataSpec(OBS, SIG, BKG, { sigmaAlpha: 0.127, sigmaBeta: 0.6, bins: KHAN_BINS }));

  it('evaluate(s) with no nuisances equals the hand sum over bins 2..9 (exact to 1e-12)', () => {
    let want = 0;
    for (const i of KHAN_BINS) want += ((OBS[i]! - SIGNAL[i]! - BKG[i]!) / SIG[i]!) ** 2;
    expect(chi2.evaluate(SIGNAL)).toBeCloseTo(want, 12);
    expect(chi2.evaluate(SIGNAL, { alpha: 0.1, beta: -0.3 })).toBeCloseTo(
      chi2.dataChi2(SIGNAL, 0.1, -0.3) + (0.1 / 0.127) ** 2 + (0.3 / 0.6) ** 2,
      12,
    );
  });

  it('profileNuisances(s) agrees with a brute-force grid minimiser (χ² to 1e-8, α, β to 1e-5)', () => {
    const p = chi2.profileNuisances(SIGNAL);
    const bf = bruteForceMin((a, b) => chi2.evaluate(SIGNAL, { alpha: a, beta: b }), -1, 1, -3, 3);
    expect(Math.abs(p.chi2 - bf.f)).toBeLessThan(1e-8);
    expect(p.chi2).toBeLessThanOrEqual(bf.f + 1e-12);
    expect(Math.abs(p.alpha - bf.a)).toBeLessThan(1e-5);
    expect(Math.abs(p.beta - bf.b)).toBeLessThan(1e-5);
  });

  it('linear solve is exact: χ²(θ* + δ) − χ²(θ*) = δᵀHδ for a quadratic (rel. 1e-9)', () => {
    const p = chi2.profileNuisances(SIGNAL);
    // Hessian/2 of the quadratic, assembled independently from the spec
    let A = 1 / 0.127 ** 2;
    let B = 0;
    let C = 1 / 0.6 ** 2;
    for (const i of KHAN_BINS) {
      const w = 1 / SIG[i]! ** 2;
      A += w * SIGNAL[i]! ** 2;
      B += w * SIGNAL[i]! * BKG[i]!;
      C += w * BKG[i]! ** 2;
    }
    for (const [da, db] of [
      [0.1, 0],
      [0, 0.7],
      [-0.05, 0.3],
      [0.2, -0.9],
    ] as const) {
      const diff = chi2.evaluate(SIGNAL, { alpha: p.alpha + da, beta: p.beta + db }) - p.chi2;
      const quad = A * da * da + 2 * B * da * db + C * db * db;
      expect(Math.abs(diff - quad) / quad).toBeLessThan(1e-9);
    }
  });

  it('logLikelihood(s, α, β) = −dataChi2/2 (pulls are left to the priors)', () => {
    expect(chi2.logLikelihood(SIGNAL, 0.1, 0.2)).toBeCloseTo(-0.5 * chi2.dataChi2(SIGNAL, 0.1, 0.2), 12);
  });

  it('σ_α = 0 pins α at 0 and σ_β = ∞ leaves β free (exact 1-D solve)', () => {
    const c = makeChi2(gaussianDataSpec(OBS, SIG, BKG, { sigmaAlpha: 0, sigmaBeta: Infinity, bins: KHAN_BINS }));
    const p = c.profileNuisances(SIGNAL);
    expect(p.alpha).toBe(0);
    let num = 0;
    let den = 0;
    for (const i of KHAN_BINS) {
      const w = 1 / SIG[i]! ** 2;
      num += w * (OBS[i]! - SIGNAL[i]! - BKG[i]!) * BKG[i]!;
      den += w * BKG[i]! ** 2;
    }
    expect(p.beta).toBeCloseTo(num / den, 12);
  });

  it('rejects a signal with the wrong number of bins', () => {
    expect(() => chi2.evaluate(new Float64Array(3))).toThrow(/bins/);
  });
});

describe('makeChi2 (Asimov, ESS eq. 15-16 as reconstructed in spec §5.3)', () => {
  const sm = Float64Array.from([120, 80, 40, 15, 4]);
  const bkg = Float64Array.from([10, 10, 10, 10, 10]);
  it('the SM prediction gives χ² = 0 with α = β = 0 for both forms (exact)', () => {
    for (const form of ['gaussian', 'poisson'] as const) {
      const c = makeChi2(asimovSpec(form, sm, bkg, { sigmaAlpha: 0.1, sigmaBeta: 0.1 }));
      const p = c.profileNuisances(sm);
      expect(p.chi2).toBeLessThan(1e-18);
      expect(Math.abs(p.alpha)).toBeLessThan(1e-9);
    }
  });
  it('gaussian Asimov uses σ_i² = N_exp^i', () => {
    const c = makeChi2(asimovSpec('gaussian', sm, bkg, { sigmaAlpha: 0.1, sigmaBeta: 0.1 }));
    const s = sm.map((x) => 1.1 * x);
    let want = 0;
    for (let i = 0; i < 5; i++) want += (0.1 * sm[i]!) ** 2 / (sm[i]! + bkg[i]!);
    expect(c.dataChi2(s, 0, 0)).toBeCloseTo(want, 10);
  });
  it('for small deviations the Poisson and Gaussian Asimov χ² agree to second order (rel. 3% at a 2% shift)', () => {
    const g = makeChi2(asimovSpec('gaussian', sm, bkg, { sigmaAlpha: 0.05, sigmaBeta: 0.2 }));
    const p = makeChi2(asimovSpec('poisson', sm, bkg, { sigmaAlpha: 0.05, sigmaBeta: 0.2 }));
    const s = sm.map((x, i) => x * (1 + 0.02 * (i - 2)));
    const a = g.profileNuisances(s).chi2;
    const b = p.profileNuisances(s).chi2;
    expect(Math.abs(a - b) / a).toBeLessThan(0.03);
  });
});

describe('makeChi2 (poisson, Cash 1979)', () => {
  const counts = Float64Array.from([0, 3, 12, 25, 9, 2]);
  const bkg = Float64Array.from([0.5, 1, 2, 2, 1, 0.5]);
  const sig = Float64Array.from([0.2, 4, 8, 20, 10, 1]);
  const c = makeChi2(poissonDataSpec(counts, bkg, { sigmaAlpha: 0.2, sigmaBeta: 0.5 }));
  it('profileNuisances agrees with a brute-force grid minimiser (χ² to 1e-8, α, β to 1e-4)', () => {
    const p = c.profileNuisances(sig);
    const bf = bruteForceMin((a, b) => c.evaluate(sig, { alpha: a, beta: b }), -0.9, 1.5, -0.9, 3);
    expect(Math.abs(p.chi2 - bf.f)).toBeLessThan(1e-8);
    expect(p.chi2).toBeLessThanOrEqual(bf.f + 1e-10);
    expect(Math.abs(p.alpha - bf.a)).toBeLessThan(1e-4);
    expect(Math.abs(p.beta - bf.b)).toBeLessThan(1e-4);
  });
  it('dataChi2 equals the Poisson deviance 2Σ[μ − n + n ln(n/μ)] (n = 0 term 2μ)', () => {
    let want = 0;
    for (let i = 0; i < 6; i++) {
      const mu = sig[i]! + bkg[i]!;
      want += counts[i]! > 0 ? mu - counts[i]! + counts[i]! * Math.log(counts[i]! / mu) : mu;
    }
    expect(c.dataChi2(sig, 0, 0)).toBeCloseTo(2 * want, 12);
  });
  it('logLikelihood is −∞ when a prediction goes negative', () => {
    expect(c.logLikelihood(sig, -1.5, 0)).toBe(-Infinity);
  });
});
