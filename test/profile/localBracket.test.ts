/**
 * The local-bracket inner minimisation of 1-D profiles with one other free physics parameter
 * (`profiledFunction`'s `localBracket`, used by `profileAnalysis1D`): a point between two fully
 * evaluated neighbours minimises the other parameter only in the inner basins found there.
 *
 * Analytic part: χ²(x, t) = min over two basins in t whose depths and positions depend on x, so
 * the exact profile min_t χ² is known in closed form; the profile must equal it at points between
 * scan nodes where
 * - the global inner minimum changes basin between the two neighbours,
 * - the global inner minimum lies in a narrow basin that is never the best inner node at either
 *   neighbour (found only because that basin competes, `competingBasins`),
 * - the inner minimum moves more than two inner cells between neighbours (fallback to the grid),
 * and the 1-D intervals must equal the analytic ones (same construction as
 * test/profile/profileAnalysis.test.ts, PDG Statistics §40.4.2.2).
 */
import { describe, it, expect } from 'vitest';
import { competingBasins, profileAnalysis1D, profiledFunction } from '../../src/profile/profileAnalysis.js';
import { deltaChi2ForConfidence } from '../../src/profile/deltaChi2ForConfidence.js';
import type { AnalysisLikelihood } from '../../src/likelihood/buildAnalysisLikelihood.js';
import type { LoadedAnalysis } from '../../src/experiments/loadAnalysis.js';

/** A likelihood of (x, t) from χ²(x, t), counting calls. */
function likOf(chi2: (x: number, t: number) => number): AnalysisLikelihood & { calls: number } {
  const lik = {
    calls: 0,
    physicsNames: ['qee', 'qmumu'],
    profiledChi2(theta: ArrayLike<number>): number {
      lik.calls++;
      return chi2(theta[0]!, theta[1]!);
    },
  };
  return lik as unknown as AnalysisLikelihood & { calls: number };
}
/** Outer x on [−1, 1], inner t on [−3, 3] (25 inner nodes: spacing 0.25). */
const analysis = {
  id: 'twobasin',
  file: 'twobasin.yaml',
  physics: [
    { name: 'qee', scan: { min: -1, max: 1, scale: 'linear' } },
    { name: 'qmumu', scan: { min: -3, max: 3, scale: 'linear' } },
  ],
  spec: { profile: { points: 21, cl: 0.9, warmStart: false } },
} as unknown as LoadedAnalysis;
const STEP = 2 / 20;

/** Evaluates the scan nodes (full inner grid), then every midpoint (local brackets) and compares with `exact`. */
function checkMidpoints(chi2: (x: number, t: number) => number, exact: (x: number) => number, tol: number): { maxError: number; callsPerMidpoint: number } {
  const lik = likOf(chi2);
  const f = profiledFunction(lik, analysis, ['qee'], 25, undefined, { localBracket: 1.0001 * STEP });
  for (let k = 0; k <= 20; k++) expect(f([-1 + k * STEP])).toBeCloseTo(exact(-1 + k * STEP), 8);
  const before = lik.calls;
  let maxError = 0;
  for (let k = 0; k < 20; k++) {
    for (const s of [0.23, 0.5, 0.81]) {
      const x = -1 + (k + s) * STEP;
      const v = f([x]);
      maxError = Math.max(maxError, Math.abs(v - exact(x)));
      expect(v - exact(x)).toBeLessThan(tol);
    }
  }
  return { maxError, callsPerMidpoint: (lik.calls - before) / 60 };
}

describe('local-bracket inner minimisation (analytic two-basin χ²)', () => {
  it('the global basin changes between neighbours: every point between nodes equals the exact profile', () => {
    // basin A at t = −1 + 0.3x (depth x²), basin B at t = 1.6 − 0.2x (depth 0.4 − 0.8x): B is lower for x > ≈ 0.35
    const cA = (x: number) => x * x;
    const cB = (x: number) => 0.4 - 0.8 * x;
    const chi2 = (x: number, t: number) => Math.min(((t + 1 - 0.3 * x) / 0.7) ** 2 + cA(x), ((t - 1.6 + 0.2 * x) / 0.5) ** 2 + cB(x));
    const r = checkMidpoints(chi2, (x) => Math.min(cA(x), cB(x)), 1e-9);
    // cheaper than the grid: 25 nodes + Brent + start ≈ 40 calls for a full point
    expect(r.callsPerMidpoint).toBeLessThan(30);
  });

  it('a narrow basin that is never the best inner node at a neighbour is still found between them', () => {
    // B: width 0.2 in t at t = 1.5 (a node), depth −1 + ((x − 0.05)/0.04)² — deepest between the nodes 0 and 0.1,
    // where A (depth x²) is the best node at both neighbours; B is a grid minimum there that competes
    const cA = (x: number) => x * x;
    const cB = (x: number) => -1 + ((x - 0.05) / 0.04) ** 2;
    const chi2 = (x: number, t: number) => Math.min(((t + 1) / 1) ** 2 + cA(x), ((t - 1.5) / 0.2) ** 2 + cB(x));
    const lik = likOf(chi2);
    const f = profiledFunction(lik, analysis, ['qee'], 25, undefined, { localBracket: 1.0001 * STEP });
    f([0]);
    f([0.1]);
    // at both nodes A is lower (0 against 0.5625, 0.01 against 0.5625) …
    expect(cA(0)).toBeLessThan(cB(0));
    expect(cA(0.1)).toBeLessThan(cB(0.1));
    // … and between them B is the global minimum
    expect(f([0.05])).toBeCloseTo(-1, 9);
    expect(f([0.04])).toBeCloseTo(Math.min(cA(0.04), cB(0.04)), 9);
  });

  it('competingBasins keeps the best node and every grid minimum whose parabola could reach it', () => {
    const v = [5, 3, 4, 9, 1, 2, 8, 2.5, 9];
    // minima at 1 (3 − (5 + 4 − 6) = 0 ≤ 1), 4 (best), 7 (2.5 − (8 + 9 − 5) = −9.5 ≤ 1)
    expect(competingBasins(v, 4)).toEqual([1, 4, 7]);
    // a shallow far minimum does not compete
    expect(competingBasins([5, 4.9, 5, 1, 0, 1], 4)).toEqual([4]);
  });

  it('an inner minimum that moves four cells between neighbours falls back to the full grid', () => {
    // t* = 10x: between neighbours 0.1 apart it moves 1 = four inner cells, so the points between
    // them lie outside (or at the inner ends of) both neighbours' brackets
    const chi2 = (x: number, t: number) => ((t - 10 * x) / 0.3) ** 2 + x * x;
    const r = checkMidpoints(chi2, (x) => (Math.abs(10 * x) <= 3 ? x * x : ((3 * Math.sign(x) - 10 * x) / 0.3) ** 2 + x * x), 1e-9);
    expect(r.maxError).toBeLessThan(1e-9);
  });

  it('profileAnalysis1D with local brackets gives the analytic intervals of a two-basin profile', () => {
    // profile min(cA, cB): cA = ((x + 0.4)/0.2)², cB = ((x − 0.5)/0.15)² + 1 → two disjoint 90% intervals
    const cA = (x: number) => ((x + 0.4) / 0.2) ** 2;
    const cB = (x: number) => ((x - 0.5) / 0.15) ** 2 + 1;
    const chi2 = (x: number, t: number) => Math.min(((t + 1 - 0.3 * x) / 0.7) ** 2 + cA(x), ((t - 1.6 + 0.2 * x) / 0.5) ** 2 + cB(x));
    const lik = likOf(chi2);
    const r = profileAnalysis1D(lik, analysis, 'qee');
    const D = deltaChi2ForConfidence(0.9, 1);
    expect(r.intervals).toHaveLength(2);
    expect(r.intervals[0]!.lo).toBeCloseTo(-0.4 - 0.2 * Math.sqrt(D), 8);
    expect(r.intervals[0]!.hi).toBeCloseTo(-0.4 + 0.2 * Math.sqrt(D), 8);
    expect(r.intervals[1]!.lo).toBeCloseTo(0.5 - 0.15 * Math.sqrt(D - 1), 8);
    expect(r.intervals[1]!.hi).toBeCloseTo(0.5 + 0.15 * Math.sqrt(D - 1), 8);
    expect(r.best.chi2).toBeCloseTo(0, 10);
    for (const p of r.points) expect(p.chi2 - Math.min(cA(p.x), cB(p.x))).toBeLessThan(1e-9);
  });
});
