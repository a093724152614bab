/**
 * profiledFunction / profileAnalysis1D with several other free physics parameters: an analytic
 * correlated-Gaussian χ² in three parameters, where the profile of one parameter is known exactly.
 */
import { describe, it, expect } from 'vitest';
import { profileAnalysis1D, profiledFunction } from '../../src/profile/profileAnalysis.js';
import { deltaChi2ForConfidence } from '../../src/profile/deltaChi2ForConfidence.js';
import type { AnalysisLikelihood } from '../../src/likelihood/buildAnalysisLikelihood.js';
import type { LoadedAnalysis } from '../../src/experiments/loadAnalysis.js';

// χ²(θ) = (θ − μ)ᵀ C⁻¹ (θ − μ) + χ²₀ with a correlated covariance C. Minimising over θ₂, θ₃ gives
// (θ₁ − μ₁)²/C₁₁ + χ²₀ (Schur complement), so the profile interval is μ₁ ± √Δχ² · √C₁₁
// (James, "Statistical Methods in Experimental Physics", 2nd ed., §9.3; PDG Statistics §40.4.2.2).
// Scales differ by 10⁸ (a millicharge-like θ₁) and θ₂ is scanned on a log axis.
const mu = [2e-8, 3, -0.5];
const sd = [1e-8, 0.8, 0.3];
const rho = [
  [1, 0.6, -0.4],
  [0.6, 1, 0.3],
  [-0.4, 0.3, 1],
];
const C = rho.map((row, i) => row.map((r, j) => r * sd[i]! * sd[j]!));
function inverse3(m: number[][]): number[][] {
  const [a, b, c] = m[0]!;
  const [d, e, f] = m[1]!;
  const [g, h, k] = m[2]!;
  const A = e! * k! - f! * h!;
  const B = -(d! * k! - f! * g!);
  const Cc = d! * h! - e! * g!;
  const det = a! * A + b! * B + c! * Cc;
  return [
    [A / det, -(b! * k! - c! * h!) / det, (b! * f! - c! * e!) / det],
    [B / det, (a! * k! - c! * g!) / det, -(a! * f! - c! * d!) / det],
    [Cc / det, -(a! * h! - b! * g!) / det, (a! * e! - b! * d!) / det],
  ];
}
const Cinv = inverse3(C);
const chi2zero = 12.5;
let calls = 0;
const lik = {
  physicsNames: ['qee', 'qmumu', 'qemu'],
  terms: [],
  profiledChi2(theta: ArrayLike<number>): number {
    calls++;
    let s = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) s += (theta[i]! - mu[i]!) * Cinv[i]![j]! * (theta[j]! - mu[j]!);
    return s + chi2zero;
  },
} as unknown as AnalysisLikelihood;
const analysis = {
  id: 'gauss3',
  file: 'gauss3.yaml',
  physics: [
    { name: 'qee', scan: { min: -6e-8, max: 1e-7, scale: 'linear' } },
    { name: 'qmumu', scan: { min: 0.1, max: 30, scale: 'log' } },
    { name: 'qemu', scan: { min: -3, max: 2, scale: 'linear' } },
  ],
  spec: { profile: { points: 41, cl: 0.9, nx: 11, ny: 11, refine: 0 } },
} as unknown as LoadedAnalysis;

describe('profile with two other free physics parameters (Nelder–Mead inner minimisation)', () => {
  it('the profiled χ² equals the Schur-complement form (θ₁ − μ₁)²/C₁₁ + χ²₀ (analytic; tol 1e-8 absolute)', () => {
    const f = profiledFunction(lik, analysis, ['qee']);
    for (const q of [-3e-8, 0, 2e-8, 4.5e-8]) {
      expect(Math.abs(f([q]) - ((q - mu[0]!) ** 2 / C[0]![0]! + chi2zero))).toBeLessThan(1e-8);
    }
  });

  it('the 90% interval of θ₁ is μ₁ ± √Δχ²·√C₁₁ to 1e-6 of its half-width (analytic marginal of a Gaussian)', () => {
    calls = 0;
    const r = profileAnalysis1D(lik, analysis, 'qee');
    const half = Math.sqrt(deltaChi2ForConfidence(0.9, 1)) * Math.sqrt(C[0]![0]!);
    expect(r.intervals).toHaveLength(1);
    const iv = r.intervals[0]!;
    expect(iv.loOpen || iv.hiOpen).toBe(false);
    expect(Math.abs(iv.lo - (mu[0]! - half)) / half).toBeLessThan(1e-6);
    expect(Math.abs(iv.hi - (mu[0]! + half)) / half).toBeLessThan(1e-6);
    expect(Math.abs(r.best.x - mu[0]!) / sd[0]!).toBeLessThan(1e-6);
    expect(Math.abs(r.best.chi2 - chi2zero)).toBeLessThan(1e-8);
    expect(calls).toBeLessThan(200_000); // the Nelder–Mead budget (400 per parameter) bounds the work
  });

  it('profiling θ₂ (log axis) over θ₁ and θ₃ gives μ₂ ± √Δχ²·√C₂₂ to 1e-6 of its half-width (analytic)', () => {
    const r = profileAnalysis1D(lik, analysis, 'qmumu');
    const half = Math.sqrt(deltaChi2ForConfidence(0.9, 1)) * Math.sqrt(C[1]![1]!);
    const iv = r.intervals[0]!;
    expect(r.intervals).toHaveLength(1);
    expect(Math.abs(iv.lo - (mu[1]! - half)) / half).toBeLessThan(1e-6);
    expect(Math.abs(iv.hi - (mu[1]! + half)) / half).toBeLessThan(1e-6);
  });
});
