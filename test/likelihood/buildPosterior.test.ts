import { describe, it, expect } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadAnalysis } from '../../src/experiments/loadAnalysis.js';
import { buildPosterior } from '../../src/likelihood/buildPosterior.js';
import type { PredictionFactory } from '../../src/likelihood/buildAnalysisLikelihood.js';
import { profileAnalysis1D } from '../../src/profile/profileAnalysis.js';
import { deltaChi2ForConfidence } from '../../src/profile/deltaChi2ForConfidence.js';

// toy prediction: s_i(q) = t_i (1 + q/q0)  (linear in q), fixed background
const T = Float64Array.from([50, 40, 30, 20, 10]);
const B = Float64Array.from([5, 5, 5, 5, 5]);
const Q0 = 1e-8;
const toy: PredictionFactory = (_exp, free) => ({
  signal: {
    paramNames: free,
    nBins: 5,
    evaluate(theta, out) {
      for (let i = 0; i < 5; i++) out[i] = T[i]! * (1 + theta[0]! / Q0);
    },
  },
  background: B,
});

const dir = mkdtempSync(join(tmpdir(), 'nuem-post-'));
function analysis(lk: Record<string, unknown>) {
  const f = join(dir, `a${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(
    f,
    stringify({
      kind: 'analysis',
      id: 'toy',
      title: 'toy',
      experiments: ['ess-ge'],
      parameters: [{ name: 'qee', role: 'physics', prior: { type: 'uniform', min: -5e-8, max: 5e-8 } }],
      likelihood: lk,
    }),
  );
  return loadAnalysis(f);
}

describe('buildPosterior(analysis, factory)', () => {
  it('ln p = −χ²_data/2 + ln π(q) + ln N(α; 0, σ_α) + ln N(β; 0, σ_β) (pulls counted once, as priors; 1e-12)', () => {
    const a = analysis({ type: 'asimov-chi2', sigmaAlpha: 0.1, sigmaBeta: 0.2 });
    const post = buildPosterior(a, toy);
    expect(post.paramNames).toEqual(['qee', 'alpha', 'beta']);
    const chi2 = post.likelihood.terms[0]!.chi2!;
    const pts = [
      [1e-9, 0.05, -0.1],
      [-3e-9, -0.2, 0.3],
    ];
    const coords = Float64Array.from(pts.flat());
    const out = new Float64Array(2);
    post.logProbBatch(coords, 2, out);
    pts.forEach(([q, al, be], k) => {
      const s = T.map((t) => t * (1 + q! / Q0));
      const lnN = (x: number, s: number) => -0.5 * (x / s) ** 2 - Math.log(s) - 0.5 * Math.log(2 * Math.PI);
      const want = -0.5 * chi2.dataChi2(s, al!, be!) - Math.log(1e-7) + lnN(al!, 0.1) + lnN(be!, 0.2);
      expect(out[k]).toBeCloseTo(want, 12);
    });
  });
  it('a pinned nuisance (σ = 0) is not sampled and stays at 0', () => {
    const post = buildPosterior(analysis({ type: 'asimov-chi2', sigmaAlpha: 0, sigmaBeta: 0.2 }), toy);
    expect(post.paramNames).toEqual(['qee', 'beta']);
  });
  it('outside the prior support the posterior is −∞', () => {
    const post = buildPosterior(analysis({ type: 'asimov-chi2', sigmaAlpha: 0.1, sigmaBeta: 0.2 }), toy);
    const out = new Float64Array(1);
    post.logProbBatch(Float64Array.from([6e-8, 0, 0]), 1, out);
    expect(out[0]).toBe(-Infinity);
  });
  it('profile of a linear toy with pinned nuisances: Asimov interval is ±√(Δχ²/F), F = Σ (t_i/q0)²/(t_i+b_i) (analytic, 1e-6)', () => {
    const a = analysis({ type: 'asimov-chi2', sigmaAlpha: 0, sigmaBeta: 0 });
    const post = buildPosterior(a, toy);
    const r = profileAnalysis1D(post.likelihood, a, 'qee', { points: 41 });
    let F = 0;
    for (let i = 0; i < 5; i++) F += (T[i]! / Q0) ** 2 / (T[i]! + B[i]!);
    const half = Math.sqrt(deltaChi2ForConfidence(0.9, 1) / F);
    expect(r.intervals).toHaveLength(1);
    expect(r.intervals[0]!.hi / half).toBeCloseTo(1, 6);
    expect(r.intervals[0]!.lo / -half).toBeCloseTo(1, 6);
  });
});
