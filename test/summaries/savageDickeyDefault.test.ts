/**
 * The Rao–Blackwellised Savage–Dickey B₀₁ of the default analysis (q_ee = 0 and q_μμ = 0) against
 * an independent exact integration of the same posterior (test/helpers/defaultAnalysisExact.ts:
 * α, β analytically, q by Gauss–Legendre; converged to 1e−12 between 24 and 96 panels).
 * Exact: B₀₁(q_ee = 0) = 2.23472, B₀₁(q_μμ = 0) = 7.10592 (the KDE estimate of nuem ≤ 0.1 gave
 * 2.45 ± 0.03 and 6.75 ± 0.07). Each seed: two ensembles of 32 walkers (70% DE + 30% stretch, the
 * analysis file's moves), 1500 steps, the first 500 dropped; |B̂ − B| < 3 SE for every seed
 * (suite: 2 seeds; NUEM_LONG_STATS=1: 20 seeds with the coverage rule of savageDickeyRB.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { loadAnalysis, resolveAnalysisPath } from '../../src/experiments/loadAnalysis.js';
import { buildPosterior } from '../../src/likelihood/buildPosterior.js';
import { chisquareQuantile } from '../../src/numerics/stdlib.js';
import { makeRng } from '../../src/random/makeRng.js';
import { MemoryBackend } from '../../src/sampler/backends/memoryBackend.js';
import { initialBall } from '../../src/sampler/initialBall.js';
import { makeMoves } from '../../src/sampler/moves/makeMove.js';
import { runSampler } from '../../src/sampler/runSampler.js';
import { rbSavageDickey } from '../../src/summaries/savageDickeyRB.js';
import { defaultAnalysisExact } from '../helpers/defaultAnalysisExact.js';

const LONG = process.env.NUEM_LONG_STATS === '1';
const SEEDS = LONG ? 20 : 2;

describe('default analysis: Rao–Blackwellised Savage–Dickey vs exact integration', () => {
  const exact = defaultAnalysisExact(24);
  it('the exact integration is converged (24 vs 48 panels) and reproduces the recorded values', () => {
    const fine = defaultAnalysisExact(48);
    expect(Math.abs(fine.bf01.qee / exact.bf01.qee - 1)).toBeLessThan(1e-9);
    expect(Math.abs(fine.bf01.qmumu / exact.bf01.qmumu - 1)).toBeLessThan(1e-9);
    // values quoted in docs/statistics.md (5 significant digits)
    expect(exact.bf01.qee).toBeCloseTo(2.23472, 4);
    expect(exact.bf01.qmumu).toBeCloseTo(7.10592, 4);
  });
  it(`B01 covers the exact value over ${SEEDS} seeds`, { timeout: LONG ? 1_200_000 : 60_000 }, async () => {
    const analysis = loadAnalysis(resolveAnalysisPath('default'));
    const post = buildPosterior(analysis);
    const W = 32;
    const D = 4;
    const zs: number[] = [];
    for (let s = 0; s < SEEDS; s++) {
      const ens = [];
      for (let e = 0; e < 2; e++) {
        const seed = 7000 + 10 * s + e;
        const backend = new MemoryBackend();
        const init = initialBall(makeRng("default", seed), W, D, 1).map((v, k) => v * [1e-7, 5e-8, 0.05, 0.2][k % D]!);
        for (let i = 0; i < W * D; i++) init[i] = init[i]! + [1e-7, 1e-8, 0, 0][i % D]!;
        await runSampler({ logProb: post.logProbBatch, nwalkers: W, ndim: D, moves: makeMoves([{ type: 'de', weight: 0.7 }, { type: 'stretch', weight: 0.3 }]), rng: makeRng('default', seed + 500), initial: init, nsteps: 1500, backend });
        ens.push({ chain: backend.getChain().subarray(500 * W * D), nsteps: 1000, nwalkers: W });
      }
      for (const [index, name, lo, hi] of [[0, 'qee', -1.2e-6, 1.2e-6], [1, 'qmumu', -8e-7, 8e-7]] as const) {
        const r = rbSavageDickey(ens, { logJoint: post.logProbBatch, ndim: D, index, point: 0, lower: lo, upper: hi }, 1 / (hi - lo), { maxDraws: 1024 });
        const z = (r.bayesFactor01 - exact.bf01[name]) / r.bayesFactor01Se;
        zs.push(z);
        if (!LONG) expect(Math.abs(z), `${name}: ${r.bayesFactor01} ± ${r.bayesFactor01Se} vs exact ${exact.bf01[name]}`).toBeLessThan(3);
      }
    }
    if (LONG) {
      const inside = zs.filter((z) => Math.abs(z) < 2).length;
      const n = zs.length;
      expect(inside, zs.map((z) => z.toFixed(2)).join(' ')).toBeGreaterThanOrEqual(Math.floor(n * 0.9545 - 3 * Math.sqrt(n * 0.9545 * 0.0455)));
      const sumZ2 = zs.reduce((a, z) => a + z * z, 0);
      expect(sumZ2).toBeLessThan(chisquareQuantile(0.999, n));
      expect(sumZ2).toBeGreaterThan(chisquareQuantile(0.001, n));
    }
  });
});
