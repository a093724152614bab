/**
 * The profile and Savage–Dickey stages of `nuem run` in one thread against a pool of two model
 * workers (src/pipeline/modelWorkerPool.ts), side by side in one process on the combined CsI +
 * argon analysis: (1) three profile tasks of `coherent-csiar-qee-qmumu` at reduced settings (1-D
 * qee and qmumu with 9 nodes, the 2-D plane 7 × 7 with one refinement); (2) the conditional
 * densities of 512 B₀₁ draws (qee, rows near the nominal point). Wall and process CPU time
 * (`process.cpuUsage`, all threads) of each, the pool's start-up (module loading and model
 * building in each worker) included in its wall time; the results are checked to be identical.
 * docs/performance.md, "Profiles and B₀₁ in worker threads".
 */
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { loadAnalysis, resolveAnalysisPath } from '../src/experiments/loadAnalysis.js';
import { buildPosterior } from '../src/likelihood/buildPosterior.js';
import { runProfileTasksSerial, type ProfileTask } from '../src/profile/profileTasks.js';
import { ModelWorkerPool } from '../src/pipeline/modelWorkerPool.js';
import { conditionalsInPool, nominalRows, runProfileTasksInPool } from '../src/pipeline/runAnalysis.js';
import { conditionalDensities, type ConditionalBlock } from '../src/summaries/savageDickeyRB.js';

async function timed<T>(f: () => T | Promise<T>): Promise<{ value: T; wallS: number; cpuS: number }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const c = process.cpuUsage(c0);
  return { value, wallS: (performance.now() - t0) / 1000, cpuS: (c.user + c.system) / 1e6 };
}

const r2 = (x: number): number => Number(x.toFixed(2));

/**
 * Runs the benchmark.
 * @returns wall and CPU seconds of each stage in one thread and with two workers, their ratios, and whether the results are identical
 */
export async function run(): Promise<Record<string, unknown>> {
  const file = resolveAnalysisPath('coherent-csiar-qee-qmumu');
  const analysis = loadAnalysis(file);
  const post = buildPosterior(analysis);
  const tasks: ProfileTask[] = [
    { kind: 'oneD', name: 'qee', opts: { points: 9 } },
    { kind: 'oneD', name: 'qmumu', opts: { points: 9 } },
    { kind: 'twoD', names: ['qee', 'qmumu'], opts: { nx: 7, ny: 7, refine: 1 } },
  ];
  const D = post.paramNames.length;
  const n = 512;
  const rows = nominalRows(analysis, post.likelihood, n);
  const width = post.parameters.map((q) => ('sigma' in q.prior ? q.prior.sigma : 0));
  for (let i = 0; i < n; i++) for (let d = 2; d < D; d++) rows[i * D + d]! += 0.3 * width[d]! * Math.sin(1 + i * 7 + d * 3);
  const prior = post.parameters[0]!.prior as { min: number; max: number };
  const block: ConditionalBlock = { ndim: D, index: 0, point: 0, lower: prior.min, upper: prior.max, rows, n };

  const load0 = loadavg();
  const pSerial = await timed(() => runProfileTasksSerial(post.likelihood, analysis, tasks));
  const bSerial = await timed(() => conditionalDensities(post.logProbBatch, block));
  let pool: ModelWorkerPool | null = null;
  const pPool = await timed(async () => {
    pool = ModelWorkerPool.start(2, { analysisFile: file });
    return runProfileTasksInPool(pool, analysis, tasks, buildPosterior(analysis).likelihood);
  });
  const bPool = await timed(() => conditionalsInPool(pool!, [{ index: 0, block }]));
  await (pool as ModelWorkerPool | null)?.terminate();
  const load1 = loadavg();
  const bPar = bPool.value.get(0)!;
  return {
    method: 'coherent-csiar-qee-qmumu: profile tasks (1-D qee, qmumu 9 nodes; 2-D 7x7, refine 1) and 512 B01 conditional densities, one thread then a pool of 2 workers (start-up in the profile wall time; the B01 pool reused); wall and process CPU seconds',
    load_before: load0.map(r2),
    load_after: load1.map(r2),
    profile_serial_wall_s: r2(pSerial.wallS),
    profile_pool_wall_s: r2(pPool.wallS),
    profile_serial_over_pool: r2(pSerial.wallS / pPool.wallS),
    profile_cpu_s: [r2(pSerial.cpuS), r2(pPool.cpuS)],
    b01_serial_wall_s: r2(bSerial.wallS),
    b01_pool_wall_s: r2(bPool.wallS),
    b01_serial_over_pool: r2(bSerial.wallS / bPool.wallS),
    b01_cpu_s: [r2(bSerial.cpuS), r2(bPool.cpuS)],
    identical: isDeepStrictEqual(pSerial.value, pPool.value) && isDeepStrictEqual(Array.from(bSerial.value.density), Array.from(bPar.density)),
  };
}
