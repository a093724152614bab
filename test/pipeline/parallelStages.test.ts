/**
 * The profile and Savage–Dickey stages of `nuem run` in worker threads give the numbers of the
 * one-thread computation bit for bit:
 * - profile tasks (1-D scans of CsI + argon, with and without another free charge minimised
 *   inside, the nuisance of interest of argon), whose nuisance
 *   fits chain warm starts (`profile.warmStart: true`): one thread in task order, one thread in
 *   reverse order (a task does not depend on what ran before it) and a pool of two workers agree
 *   exactly, and the calling thread continues from the same warm-start state (the 2-D plane in
 *   workers: test/pipeline/runAnalysis.test.ts, default analysis with --threads 2);
 * - the conditional densities of B₀₁ draws computed by two workers in blocks equal those of one
 *   thread, and summaries finished from block-wise conditionals equal `summarizeEnsembles`.
 * Coarse settings keep the test short (about 10–20 s on two loaded cores).
 */
import { describe, it, expect, afterAll } from 'vitest';
import { loadAnalysis, resolveAnalysisPath } from '../../src/experiments/loadAnalysis.js';
import { buildPosterior } from '../../src/likelihood/buildPosterior.js';
import { runProfileTasksSerial, type ProfileTask } from '../../src/profile/profileTasks.js';
import { ModelWorkerPool } from '../../src/pipeline/modelWorkerPool.js';
import { conditionalsInPool, nominalRows, runProfileTasksInPool } from '../../src/pipeline/runAnalysis.js';
import { conditionalDensities, type ConditionalBlock } from '../../src/summaries/savageDickeyRB.js';
import { finishSummaries, planSummaries, summarizeEnsembles, type EnsembleSamples } from '../../src/pipeline/summarizeEnsembles.js';
import type { ConditionalValues } from '../../src/summaries/savageDickeyRB.js';

const pools: ModelWorkerPool[] = [];
afterAll(async () => {
  for (const p of pools) await p.terminate();
});

describe('profile tasks in worker threads', () => {
  const cases: Array<{ id: string; tasks: ProfileTask[] }> = [
    {
      // CsI + argon: without the warm-start reset between tasks, the reversed order changes the
      // first scan point (checked by disabling resetWarmStart: 1205.563 → 1205.433)
      id: 'coherent-csiar-qee',
      tasks: [
        { kind: 'oneD', name: 'qee', opts: { points: 7 } },
        { kind: 'oneD', name: 'qee', opts: { points: 5, cl: 0.68 } },
      ],
    },
    {
      // one other physics parameter: local-bracket inner minimisation and nominal-start checks,
      // which save and restore the warm-start state inside the task (src/profile/profileAnalysis.ts)
      id: 'coherent-csiar-qee-qmumu',
      tasks: [{ kind: 'oneD', name: 'qmumu', opts: { points: 5 } }],
    },
  ];
  for (const c of cases) {
    it(`${c.id} (warm starts): serial, reversed serial and two workers agree bit for bit`, async () => {
      const file = resolveAnalysisPath(c.id);
      const analysis = loadAnalysis(file);
      expect(analysis.spec.profile.warmStart).toBe(true);
      const lik = buildPosterior(analysis).likelihood;
      const pool = ModelWorkerPool.start(2, { analysisFile: file });
      pools.push(pool);
      const serial = runProfileTasksSerial(lik, analysis, c.tasks);
      // the state the serial run leaves: what a profile at a point after it gives
      const theta = serial[0]!.kind === 'twoD' ? [serial[0]!.result.best.x, serial[0]!.result.best.y] : [serial[0]!.result.best.x];
      const afterSerial = lik.profiledChi2Details(theta);
      // (one task: its reverse order is the same run)
      const reversed = c.tasks.length > 1 ? runProfileTasksSerial(lik, analysis, [...c.tasks].reverse()).reverse() : serial;
      const lik2 = buildPosterior(analysis).likelihood;
      const parallel = await runProfileTasksInPool(pool, analysis, c.tasks, lik2);
      expect(reversed).toEqual(serial);
      expect(parallel).toEqual(serial);
      // the calling thread continues from the warm-start state of the last task, as after the serial run
      expect(lik2.profiledChi2Details(theta)).toEqual(afterSerial);
      // the comparison is not vacuous: real profiles came back
      expect(serial.map((r) => r.kind)).toEqual(c.tasks.map((t) => t.kind));
      expect(serial.every((r) => r.result.evaluations >= 6)).toBe(true);
    }, 120_000);
  }

  it('argon SM fit: the profile of the nuisance of interest in a worker equals this thread', async () => {
    const file = resolveAnalysisPath('coherent-ar2020-sm');
    const analysis = loadAnalysis(file);
    const lik = buildPosterior(analysis).likelihood;
    const pool = ModelWorkerPool.start(1, { analysisFile: file });
    pools.push(pool);
    const tasks: ProfileTask[] = [{ kind: 'interest', opts: { points: 7 } }];
    const serial = runProfileTasksSerial(lik, analysis, tasks);
    expect(await runProfileTasksInPool(pool, analysis, tasks, buildPosterior(analysis).likelihood)).toEqual(serial);
  }, 60_000);
});

describe('Savage–Dickey conditional densities in worker threads', () => {
  it('argon qee–qmumu: two workers in blocks equal one thread bit for bit', async () => {
    const file = resolveAnalysisPath('coherent-ar2020-qee-qmumu');
    const analysis = loadAnalysis(file);
    const post = buildPosterior(analysis);
    const D = post.paramNames.length;
    const n = 150;
    // rows near the nominal point (deterministic offsets of a third of each nuisance's prior width)
    const rows = nominalRows(analysis, post.likelihood, n);
    const width = post.parameters.map((q) => ('sigma' in q.prior ? q.prior.sigma : 0));
    for (let i = 0; i < n; i++) for (let d = 2; d < D; d++) rows[i * D + d]! += 0.3 * width[d]! * Math.sin(1 + i * 7 + d * 3);
    const prior = post.parameters[0]!.prior as { min: number; max: number };
    const block: ConditionalBlock = { ndim: D, index: 0, point: 0, lower: prior.min, upper: prior.max, rows, n };
    const serial = conditionalDensities(post.logProbBatch, block);
    expect(serial.density.every((v) => Number.isFinite(v) && v > 0)).toBe(true);
    const pool = ModelWorkerPool.start(2, { analysisFile: file });
    pools.push(pool);
    const par = await conditionalsInPool(pool, [{ index: 0, block }]);
    expect(Array.from(par.get(0)!.density)).toEqual(Array.from(serial.density));
    expect(Array.from(par.get(0)!.relQuadratureError)).toEqual(Array.from(serial.relQuadratureError));
  }, 60_000);

  it('summaries finished from block-wise conditional densities equal summarizeEnsembles', () => {
    // a correlated 2-D Gaussian posterior, two "ensembles" of pseudo-random draws (LCG), θ₀ = 0 inside the uniform prior
    const logPost = (x: Float64Array, m: number, out: Float64Array): void => {
      for (let i = 0; i < m; i++) {
        const a = x[2 * i]! - 0.3;
        const b = x[2 * i + 1]! + 0.1;
        out[i] = -0.5 * (a * a - 1.2 * a * b + b * b) / 0.64;
      }
    };
    let s = 12345;
    const u = (): number => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
    const ens = (): EnsembleSamples => {
      const nsteps = 200;
      const W = 8;
      const chain = new Float64Array(nsteps * W * 2);
      for (let i = 0; i < chain.length; i++) chain[i] = 2 * (u() + u() + u() - 1.5);
      return { chain, nsteps, nwalkers: W, ndim: 2, tau: [3, 3], acceptanceFraction: new Float64Array(W).fill(0.3), converged: true };
    };
    const ensembles = [ens(), ens()];
    const params = ['a', 'b'].map((name) => ({ name, label: name, role: 'physics' as const, prior: { type: 'uniform' as const, min: -5, max: 5 } }));
    const opts = { logPosterior: logPost, savageDickeyDraws: 512 };
    const reference = summarizeEnsembles(ensembles, params, 0.9, opts);
    const plan = planSummaries(ensembles, params, 0.9, opts);
    expect(plan.savageDickey.map((j) => j.index)).toEqual([0, 1]);
    const given = new Map<number, ConditionalValues>();
    for (const j of plan.savageDickey) {
      // three uneven blocks, concatenated in order
      const cuts = [0, 37, 200, j.block.n];
      const density = new Float64Array(j.block.n);
      const rel = new Float64Array(j.block.n);
      for (let k = 0; k + 1 < cuts.length; k++) {
        const b = { ...j.block, rows: j.block.rows.slice(cuts[k]! * 2, cuts[k + 1]! * 2), n: cuts[k + 1]! - cuts[k]! };
        const c = conditionalDensities(logPost, b);
        density.set(c.density, cuts[k]!);
        rel.set(c.relQuadratureError, cuts[k]!);
      }
      given.set(j.index, { density, relQuadratureError: rel });
    }
    const finished = finishSummaries(plan, given);
    expect(finished).toEqual(reference);
    expect(reference.parameters[0]!.savageDickey!.draws).toBe(512);
  });
});
