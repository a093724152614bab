/**
 * Coverage studies: the 2-D highest-posterior-density test against the analytic content of a
 * bivariate normal (mass inside radius r is 1 − e^{−r²/2}), and a small seeded 2-D coverage run
 * on Khan's (q_ee, q_μμ) analysis through the construction (Wilks with 2 dof, FC, HPD), checked
 * for its bookkeeping: snapped truth, the toy counts, fractions with binomial errors, the
 * t_c-noise error in [0, ½], and the CSV columns.
 */
import { describe, expect, it } from 'vitest';
import { loadAnalysis } from '../../src/experiments/loadAnalysis.js';
import { computeCoverage, coverageCsv, posteriorMassAbove2d } from '../../src/toys/coverage.js';
import type { PointResult, ToyConfig } from '../../src/toys/construction.js';
import { finalizeResult } from '../../src/toys/result.js';
import { contextFromConfig } from '../../src/toys/runPoints.js';

describe('2-D HPD mass', () => {
  it.each([1, 2.2957, 4.6052])('standard bivariate normal on a 241 × 241 grid over [−6, 6]²: mass above the density at r² = %f is 1 − e^{−r²/2} within a quarter of the mass of one grid shell at r (r·h·e^{−r²/2}/4)', (r2) => {
    const n = 241;
    const h = 12 / (n - 1);
    const m2lnL = new Float64Array(n * n);
    for (let iy = 0; iy < n; iy++) for (let ix = 0; ix < n; ix++) m2lnL[iy * n + ix] = (-6 + ix * h) ** 2 + (-6 + iy * h) ** 2;
    // node on the x axis nearest to radius r; nodes of the shell |ρ − r| < h/2 (mass ≈ r·h·e^{−r²/2})
    // are counted in or out by their exact radius, so the grid sum differs from the disc by a
    // fraction of that shell
    const ix = Math.round((Math.sqrt(r2) + 6) / h);
    const rNode = -6 + ix * h;
    const j = 120 * n + ix;
    expect(Math.abs(posteriorMassAbove2d(n, n, m2lnL, j) - (1 - Math.exp(-(rNode * rNode) / 2)))).toBeLessThan((rNode * h * Math.exp(-(rNode * rNode) / 2)) / 4);
  });
});

describe('2-D coverage (khan2022-qee-qmumu, 5 × 5 grid, 20 coverage toys)', () => {
  it('rows: truth snapped to a node, Wilks/FC/HPD fractions with binomial errors, t_c error, CSV; FC ⊇ Wilks when t_c > χ²₂', () => {
    const analysis = loadAnalysis('khan2022-qee-qmumu');
    const config: ToyConfig = {
      analysis: analysis.id,
      analysisFile: analysis.file,
      modelHash: 'test',
      axes: [
        { name: 'qee', min: -6e-7, max: 1.2e-6, scale: 'linear', points: 5 },
        { name: 'qmumu', min: -4e-7, max: 1e-6, scale: 'linear', points: 5 },
      ],
      toys: 12,
      cl: 0.9,
      seed: '3',
      nuisances: 'profile',
      innerPoints: 25,
    };
    // the coverage study needs only t_c from the construction: a synthetic belt with t uniform on
    // [0, 10) at every node (t_c = 9.0 at 90%) keeps the test fast; the coverage toys are real
    const t = Array.from({ length: 100 }, (_, i) => i / 10);
    const points: PointResult[] = Array.from({ length: 25 }, (_, j) => ({ index: j, theta: [0, 0], tObs: 0, thetaHat: [0, 0], nuisances: [0, 0], t }));
    const result = finalizeResult(config, points);
    expect(result.tcSmooth[6]).toBeCloseTo(8.91, 10); // type-7 quantile of 0, 0.1, …, 9.9 at 0.9
    const rows = computeCoverage(contextFromConfig(config), result, [[0.1e-7, -0.2e-7]], 20);
    expect(rows).toHaveLength(1);
    const r = rows[0]!;
    // nodes: qee −6e-7 + k·4.5e-7 → 0 is not a node; nearest to 1e-8 is k = 1 (−1.5e-7); qmumu −4e-7 + k·3.5e-7 → k = 1 (−5e-8)
    expect(r.point[0]).toBeCloseTo(-1.5e-7, 20);
    expect(r.point[1]).toBeCloseTo(-5e-8, 20);
    expect(r.index).toBe(1 * 5 + 1);
    for (const f of [r.wilks, r.fc, r.bayes]) {
      expect(f.covered).toBeGreaterThanOrEqual(0);
      expect(f.covered).toBeLessThanOrEqual(20);
      expect(f.fraction).toBe(f.covered / 20);
      expect(f.error).toBeCloseTo(Math.sqrt((f.fraction * (1 - f.fraction)) / 20), 15);
    }
    // t_c = 8.91 > Δχ²₂(0.9) = 4.61 at every node: every toy Wilks covers, FC covers too
    expect(r.fc.covered).toBeGreaterThanOrEqual(r.wilks.covered);
    expect(r.fcCriticalError).toBeGreaterThanOrEqual(0);
    expect(r.fcCriticalError).toBeLessThanOrEqual(0.5);
    const csv = coverageCsv(rows, ['qee', 'qmumu'], 0.9);
    expect(csv.split('\n')[1]).toBe('truth_qee,truth_qmumu,toys,wilks,wilks_error,fc,fc_error,fc_tc_error,bayes,bayes_error');
    expect(csv).toMatch(/regions of \(qee, qmumu\)/);
  }, 60_000);
});
