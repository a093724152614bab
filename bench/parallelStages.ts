/**
 * The profile and Savage–Dickey stages of `nuem run` in one thread against a pool of two model
 * workers (src/pipeline/modelWorkerPool.ts), side by side in one process on the combined CsI +
 * argon analysis `coherent-csiar-qee-qmumu`: (1) the conditional densities of 1024 B₀₁ draws (qee,
 * rows near the nominal point), one thread and the pool alternating, twice; (2) three profile
 * tasks at reduced settings (1-D qee and qmumu with 9 nodes, the 2-D plane 7 × 7 with one
 * refinement). Wall and process CPU time (`process.cpuUsage`, all threads); the pool's start-up
 * (module loading, model building, first calls) is timed apart; the results are checked to be
 * identical.
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
  const n = 1024;
  const rows = nominalRows(analysis, post.likelihood, n);
  const width = post.parameters.map((q) => ('sigma' in q.prior ? q.prior.sigma : 0));
  for (let i = 0; i < n; i++) for (let d = 2; d < D; d++) rows[i * D + d]! += 0.3 * width[d]! * Math.sin(1 + i * 7 + d * 3);
  const prior = post.parameters[0]!.prior as { min: number; max: number };
  const block: ConditionalBlock = { ndim: D, index: 0, point: 0, lower: prior.min, upper: prior.max, rows, n };

  const load0 = loadavg();
  // the pool's start-up (module loading, model building, the JIT's first calls) is timed on its own
  const startup = await timed(async () => {
    const p = ModelWorkerPool.start(2, { analysisFile: file });
    await conditionalsInPool(p, [{ index: 0, block: { ...block, rows: rows.slice(0, 128 * D), n: 128 } }]);
    return p;
  });
  const pool = startup.value;
  conditionalDensities(post.logProbBatch, { ...block, rows: rows.slice(0, 64 * D), n: 64 });
  // alternating one thread / pool, twice; the faster of each
  const best = { pS: Infinity, pP: Infinity, bS: Infinity, bP: Infinity, cpu: { pS: 0, pP: 0, bS: 0, bP: 0 } };
  let identical = true;
  for (let round = 0; round < 2; round++) {
    const bs = await timed(() => conditionalDensities(post.logProbBatch, block));
    const bp = await timed(() => conditionalsInPool(pool, [{ index: 0, block }]));
    identical &&= isDeepStrictEqual(Array.from(bs.value.density), Array.from(bp.value.get(0)!.density));
    if (bs.wallS < best.bS) [best.bS, best.cpu.bS] = [bs.wallS, bs.cpuS];
    if (bp.wallS < best.bP) [best.bP, best.cpu.bP] = [bp.wallS, bp.cpuS];
  }
  const ps = await timed(() => runProfileTasksSerial(post.likelihood, analysis, tasks));
  const pp = await timed(() => runProfileTasksInPool(pool, analysis, tasks, buildPosterior(analysis).likelihood));
  identical &&= isDeepStrictEqual(ps.value, pp.value);
  [best.pS, best.cpu.pS, best.pP, best.cpu.pP] = [ps.wallS, ps.cpuS, pp.wallS, pp.cpuS];
  await pool.terminate();
  const load1 = loadavg();
  return {
    method: 'coherent-csiar-qee-qmumu: B01 conditional densities of 1024 draws (one thread / pool of 2 workers, alternating, twice, faster of each) and three profile tasks (1-D qee, qmumu 9 nodes; 2-D 7x7, refine 1; once each); pool start-up (2 workers: modules, model, 128 warm-up draws) timed apart; wall and process CPU seconds',
    load_before: load0.map(r2),
    load_after: load1.map(r2),
    pool_startup_wall_s: r2(startup.wallS),
    b01_serial_wall_s: r2(best.bS),
    b01_pool_wall_s: r2(best.bP),
    b01_serial_over_pool: r2(best.bS / best.bP),
    b01_cpu_s: [r2(best.cpu.bS), r2(best.cpu.bP)],
    profile_serial_wall_s: r2(best.pS),
    profile_pool_wall_s: r2(best.pP),
    profile_serial_over_pool: r2(best.pS / best.pP),
    profile_cpu_s: [r2(best.cpu.pS), r2(best.cpu.pP)],
    identical,
  };
}
