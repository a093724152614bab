/**
 * Khan 2022 (arXiv:2201.10578) reproduction checks with the full forward model (COHERENT CsI 2021
 * release, timing-efficiency variant). Tolerances are those stated in spec §4 before computing:
 * lower edges ±25%, upper edges ±50%, side of the asymmetry exact. The failing cells of
 * docs/reproduction.md are checked here for their cause, not for agreement.
 */
import { describe, it, expect } from 'vitest';
import { loadAnalysis } from '../../src/experiments/loadAnalysis.js';
import { buildAnalysisLikelihood, type AnalysisLikelihood } from '../../src/likelihood/buildAnalysisLikelihood.js';
import { forwardModelPrediction } from '../../src/likelihood/forwardModelPrediction.js';
import { profileAnalysis1D } from '../../src/profile/profileAnalysis.js';
import { hullOfIntervals, type Profile1DResult } from '../../src/profile/profile1D.js';
import { comparePublished } from '../../src/profile/comparePublished.js';

const cache = new Map<string, { lik: AnalysisLikelihood; r: Profile1DResult }>();
function run(id: string) {
  let c = cache.get(id);
  if (!c) {
    const a = loadAnalysis(id);
    const lik = buildAnalysisLikelihood(a, forwardModelPrediction);
    c = { lik, r: profileAnalysis1D(lik, a, a.physics[0]!.name) };
    cache.set(id, c);
  }
  return c;
}
const compare = (id: string) => {
  const a = loadAnalysis(id);
  return comparePublished(id, a.spec.published[0]!, run(id).r);
};

describe('Khan 2022 millicharges (eq. 10)', () => {
  it('Q_μμ: both edges within tolerance and the positive side longer, as published [−0.55, 0.75]e-7', () => {
    const c = compare('khan2022-qmumu');
    expect(c.failures).toEqual([]);
    expect(Math.abs(c.ours[1])).toBeGreaterThan(Math.abs(c.ours[0]));
  });
  it('Q_ee: lower edge within ±25% of −1.10e-7 and the positive side longer', () => {
    const c = compare('khan2022-qee');
    expect(Math.abs(c.ratio[0] - 1)).toBeLessThanOrEqual(0.25);
    expect(Math.abs(c.ours[1])).toBeGreaterThan(Math.abs(c.ours[0]));
  });
  it('Q_ee upper edge (cause of the mismatch): two minima with Δχ² < 1 between them, so the edge sits on a flat χ² (spec §4)', () => {
    const { r } = run('khan2022-qee');
    expect(r.minima.length).toBeGreaterThanOrEqual(2);
    const [m1, m2] = [...r.minima].sort((p, q) => p.x - q.x).slice(-2);
    expect(m2!.x).toBeGreaterThan(3e-7); // the second minimum near the weak-charge cancellation (Q_0 ≈ 3.4e-7 at 11 keV)
    // highest χ² between the two minima, from the scan
    const between = r.points.filter((p) => p.x > m1!.x && p.x < m2!.x);
    const barrier = Math.max(...between.map((p) => p.chi2)) - r.best.chi2;
    expect(barrier).toBeLessThan(1);
    // the profile at Khan's upper edge is below our level: his 3.90e-7 lies inside the flat region
    const near = r.points.reduce((p, q) => (Math.abs(q.x - 3.9e-7) < Math.abs(p.x - 3.9e-7) ? q : p));
    expect(near.chi2 - r.best.chi2).toBeLessThan(r.deltaChi2);
  });
});

describe('Khan 2022 magnetic moments (eq. 14)', () => {
  it('μ_νe: symmetric interval within tolerance of ±0.40e-8 μ_B', () => {
    const c = compare('khan2022-mue');
    expect(c.failures).toEqual([]);
    expect(c.ours[0]).toBeCloseTo(-c.ours[1], 15);
  });
  it('μ_νμ (cause of the mismatch): the bound ratio μ_e/μ_μ is ~√(ν_μ+ν̄_μ rate / ν_e rate) ≈ 1.5, not the printed 10', () => {
    const e = hullOfIntervals(run('khan2022-mue').r.intervals)[1];
    const m = hullOfIntervals(run('khan2022-mumu').r.intervals)[1];
    // the magnetic-moment rate adds μ² R_flavour incoherently (spec §2.7): two μ flavours vs one e flavour
    // give a ratio near √2; spectral differences move it by < 20%. Published: 0.40/0.04 = 10.
    expect(e / m).toBeGreaterThan(1.2);
    expect(e / m).toBeLessThan(1.7);
  });
});

describe('Khan 2022 charge radii and anapoles (eq. 20, 26)', () => {
  it('⟨r²⟩_νe and ⟨r²⟩_νμ: within tolerance, longer negative side', () => {
    for (const id of ['khan2022-r2e', 'khan2022-r2mu']) expect(compare(id).failures).toEqual([]);
  });
  it('a_ν is ⟨r²⟩_ν mapped by a = −6⟨r²⟩ (Khan eq. 24–25): the two profiles coincide (1e-6 relative)', () => {
    const r2 = run('khan2022-r2e').lik;
    const an = run('khan2022-ae').lik;
    for (const a of [-5e-31, 2e-31, 1.5e-30, 3.9e-30]) {
      const x = r2.profiledChi2([-a / 6]);
      const y = an.profiledChi2([a]);
      expect(Math.abs(x - y) / x).toBeLessThan(1e-6);
    }
    // so a_νe's lower edge is −6 × ⟨r²⟩_νe's upper edge; Khan's numbers obey the same map (−0.60 = −6 × 0.10)
    const rUp = hullOfIntervals(run('khan2022-r2e').r.intervals)[1];
    const aLo = hullOfIntervals(run('khan2022-ae').r.intervals)[0];
    expect(aLo / (-6 * rUp)).toBeCloseTo(1, 4);
  });
});
