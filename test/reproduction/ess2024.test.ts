/**
 * ESS 2024 (arXiv:2409.10652) reproduction checks with the calibrated defaults of the analysis
 * files (60 recoil bins, background over beam-on time; docs/reproduction.md). Tolerance ±30%
 * stated before computing (spec §6 row 18); qualitative facts of spec §6 row 19 exactly.
 */
import { describe, it, expect } from 'vitest';
import { loadAnalysis } from '../../src/experiments/loadAnalysis.js';
import { buildAnalysisLikelihood } from '../../src/likelihood/buildAnalysisLikelihood.js';
import { forwardModelPrediction } from '../../src/likelihood/forwardModelPrediction.js';
import { profileAnalysis1D } from '../../src/profile/profileAnalysis.js';
import { comparePublished } from '../../src/profile/comparePublished.js';
import { hullOfIntervals } from '../../src/profile/profile1D.js';

const hull = new Map<string, [number, number]>();
function interval(id: string): [number, number] {
  let h = hull.get(id);
  if (!h) {
    const a = loadAnalysis(id);
    const r = profileAnalysis1D(buildAnalysisLikelihood(a, forwardModelPrediction), a, a.physics[0]!.name, { points: 61 });
    expect(r.intervals.some((i) => i.loOpen || i.hiOpen)).toBe(false);
    h = hullOfIntervals(r.intervals);
    hull.set(id, h);
    if (a.spec.published[0]) {
      const c = comparePublished(id, a.spec.published[0], r);
      expect(c.failures, `${id}: ${c.failures.join('; ')}`).toEqual([]);
    }
  }
  return h;
}

describe('ESS 2024 Table 2 (diagonal charges, 1e-9 e inferred)', () => {
  it('q_μμ within ±30% for Ge, Xe and CsI, and Ge gives the tightest bound (spec §6 rows 18–19)', () => {
    const ge = interval('ess2024-ge-qmumu');
    const xe = interval('ess2024-xe-qmumu');
    const csi = interval('ess2024-csi-qmumu');
    expect(ge[1] - ge[0]).toBeLessThan(xe[1] - xe[0]);
    expect(ge[1] - ge[0]).toBeLessThan(csi[1] - csi[0]);
  });
  it('q_ee on Ge is asymmetric with the longer side positive, as published [−3.9, 4.9]', () => {
    const [lo, hi] = interval('ess2024-ge-qee');
    expect(hi).toBeGreaterThan(-lo * 1.1);
  });
});

describe('ESS 2024 Table 2 (transition charges, 1e-8 e inferred)', () => {
  it('transition intervals are symmetric (no interference, spec §2.6) and ordered q_eμ < q_μτ < q_eτ on Ge', () => {
    const emu = interval('ess2024-ge-qemu');
    const mutau = interval('ess2024-ge-qmutau');
    const etau = interval('ess2024-ge-qetau');
    for (const [lo, hi] of [emu, mutau, etau]) expect(Math.abs(hi + lo) / hi).toBeLessThan(1e-6);
    expect(emu[1]).toBeLessThan(mutau[1]);
    expect(mutau[1]).toBeLessThan(etau[1]);
    // flux components felt: 3, 2, 1 of (ν_μ, ν_e, ν̄_μ) with similar rates → bounds ∝ 1 : √(3/2) : √3 (spec §5.4), ±15%
    expect(mutau[1] / emu[1] / Math.sqrt(1.5)).toBeGreaterThan(0.85);
    expect(mutau[1] / emu[1] / Math.sqrt(1.5)).toBeLessThan(1.15);
    expect(etau[1] / emu[1] / Math.sqrt(3)).toBeGreaterThan(0.85);
    expect(etau[1] / emu[1] / Math.sqrt(3)).toBeLessThan(1.15);
  });
});
