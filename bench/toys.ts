/**
 * Benchmark section `toys`: the issue-13 speed goal, a 1-D Feldman–Cousins band for Khan's q_ee
 * (khan2022-qee, 100 grid points × 1000 pseudo-experiments) with 2 worker threads, wall time from
 * starting the workers to the finished result (construction + critical values + FC set). Side by
 * side in the same run: 10 points × 1000 toys with 1 and with 2 threads (thread speed-up), and the
 * per-toy cost. The load average is recorded because the machine is shared. `BENCH_QUICK=1` runs
 * 20 points × 200 toys instead of the full band.
 */
import { loadavg, availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { loadAnalysis } from '../src/experiments/loadAnalysis.js';
import { modelHash } from '../src/experiments/modelHash.js';
import type { ToyConfig } from '../src/toys/construction.js';
import { runPoints } from '../src/toys/runPoints.js';
import { finalizeResult } from '../src/toys/result.js';

const QUICK = process.env.BENCH_QUICK === '1';
const now = (): number => Number(process.hrtime.bigint()) / 1e9;

/**
 * Runs the section.
 *
 * @returns timings (seconds) and the FC interval found
 */
export async function run(): Promise<Record<string, unknown>> {
  const analysis = loadAnalysis('khan2022-qee');
  const p = analysis.physics[0]!;
  const config = (points: number, toys: number): ToyConfig => ({
    analysis: analysis.id,
    analysisFile: resolve(analysis.file),
    modelHash: modelHash(analysis),
    axes: [{ name: p.name, min: p.scan!.min, max: p.scan!.max, scale: p.scan!.scale, points }],
    toys,
    cl: 0.9,
    seed: '20240916',
    nuisances: 'profile',
    innerPoints: 25,
  });
  const load0 = loadavg();
  const small = config(10, QUICK ? 200 : 1000);
  const idx = Array.from({ length: 10 }, (_, i) => i);
  let t = now();
  const one = await runPoints(small, idx, { threads: 1 });
  const t1 = now() - t;
  t = now();
  const two = await runPoints(small, idx, { threads: 2 });
  const t2 = now() - t;
  const same = JSON.stringify(one) === JSON.stringify(two);
  const [points, toys] = QUICK ? [20, 200] : [100, 1000];
  const full = config(points, toys);
  t = now();
  const res = finalizeResult(full, await runPoints(full, Array.from({ length: points }, (_, i) => i), { threads: 2 }));
  const tFull = now() - t;
  return {
    analysis: 'khan2022-qee',
    cores: availableParallelism(),
    // 1, 5 and 15 minute load averages before and after (the machine is shared)
    loadavg_before: load0,
    loadavg_after: loadavg(),
    band: { points, toys, threads: 2, seconds: tFull, goal_seconds: 60, fc: res.fcIntervals, wilks: res.wilks.intervals },
    threads_1_vs_2: { points: 10, toys: small.toys, seconds_1: t1, seconds_2: t2, speedup: t1 / t2, identical: same },
    us_per_toy_1_thread: (t1 / (10 * small.toys)) * 1e6,
  };
}
