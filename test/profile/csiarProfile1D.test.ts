/**
 * 1-D profiles of coherent-csiar-qee-qmumu (CsI + argon, the other charge minimised inside, warm
 * started nuisance fits) on a coarse scan (13 nodes instead of 61, to keep the test at ≈ 5–10 s per
 * parameter) against
 * - the production numbers of the code before the local-bracket inner minimisation (61 nodes,
 *   commit b730004, docs/performance.md "1-D profiles of coherent-csiar-qee-qmumu"): 90% interval
 *   ends within 1e-6 relative, best-fit χ² within 1e-6 (measured: ≤ 2.3e-10 and ≤ 4.6e-11 — the
 *   interval ends are found by root finding, so they do not depend on the node spacing);
 * - an independent brute-force profile: the other charge on a 49-node grid over its scan range,
 *   Brent around every grid minimum within 5 of the lowest, every nuisance fit from the nominal
 *   values (no warm start): at the best fit the profile is not above it by more than 1e-6 (a missed
 *   inner minimum would be), and at both interval ends the brute-force χ² equals the level within
 *   1e-6 (an interval end that drifted by 1e-6 relative moves χ² by ≈ 3e-2 there).
 */
import { describe, it, expect } from 'vitest';
import { loadAnalysis, resolveAnalysisPath } from '../../src/experiments/loadAnalysis.js';
import { buildPosterior } from '../../src/likelihood/buildPosterior.js';
import { runProfileTasksSerial } from '../../src/profile/profileTasks.js';
import type { Profile1DResult } from '../../src/profile/profile1D.js';
import { brentMinimize } from '../../src/numerics/brentMinimize.js';
import { scanNodes } from '../../src/profile/scanAxis.js';

/** `nuem run coherent-csiar-qee-qmumu` before this change (61 nodes, cl 0.9; /tmp run of b730004, 2026-12-06). */
const REFERENCE = {
  qmumu: { lo: -3.617095316997482e-8, hi: 8.303815857956186e-8, chi2: 1118.3736381151957 },
  qee: { lo: -1.1037811981597822e-7, hi: 1.266428726721473e-7, chi2: 1118.373638115378 },
} as const;

const file = resolveAnalysisPath('coherent-csiar-qee-qmumu');
const analysis = loadAnalysis(file);
const lik = buildPosterior(analysis).likelihood;
const coldAnalysis = loadAnalysis(file);
(coldAnalysis.spec.profile as { warmStart: boolean }).warmStart = false;
const cold = buildPosterior(coldAnalysis).likelihood;

/** Brute-force profile of `name` at x (see module doc). */
function bruteForce(name: 'qee' | 'qmumu', x: number): number {
  const other = name === 'qee' ? 'qmumu' : 'qee';
  const pi = cold.physicsNames.indexOf(name);
  const oi = cold.physicsNames.indexOf(other);
  const axis = coldAnalysis.physics.find((p) => p.name === other)!.scan!;
  const nodes = scanNodes(axis, 49);
  const theta = new Float64Array(2);
  const f = (t: number): number => {
    theta[pi] = x;
    theta[oi] = t;
    return cold.profiledChi2(theta);
  };
  const v = nodes.map(f);
  const lowest = Math.min(...v);
  let best = lowest;
  v.forEach((c, b) => {
    if (c > lowest + 5 || c > (v[b - 1] ?? Infinity) || c > (v[b + 1] ?? Infinity)) return;
    const m = brentMinimize(f, nodes[Math.max(b - 1, 0)]!, nodes[Math.min(b + 1, nodes.length - 1)]!, { absTol: 1e-7 * (axis.max - axis.min) });
    best = Math.min(best, m.fx);
  });
  return best;
}

describe('coherent-csiar-qee-qmumu 1-D profiles (local-bracket inner minimisation)', () => {
  for (const name of ['qmumu', 'qee'] as const) {
    it(`${name}: 90% interval and best fit as before (61 nodes) and on the brute-force profile`, () => {
      const r = runProfileTasksSerial(lik, analysis, [{ kind: 'oneD', name, opts: { points: 13 } }])[0]!.result as Profile1DResult;
      const ref = REFERENCE[name];
      expect(r.intervals).toHaveLength(1);
      const iv = r.intervals[0]!;
      expect(Math.abs(iv.lo / ref.lo - 1)).toBeLessThan(1e-6);
      expect(Math.abs(iv.hi / ref.hi - 1)).toBeLessThan(1e-6);
      expect(Math.abs(r.best.chi2 - ref.chi2)).toBeLessThan(1e-6);
      expect(r.best.chi2 - bruteForce(name, r.best.x)).toBeLessThan(1e-6);
      expect(Math.abs(bruteForce(name, iv.lo) - r.level)).toBeLessThan(1e-6);
      expect(Math.abs(bruteForce(name, iv.hi) - r.level)).toBeLessThan(1e-6);
    }, 60_000);
  }
});
