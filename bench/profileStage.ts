/**
 * The profile stage of `nuem run coherent-csiar-qee-qmumu` at its production settings (1-D qee and
 * qmumu with 61 nodes, the 2-D plane 21 × 21 with 3 refinements): (1) each task alone in this
 * thread (`runProfileTasksSerial`: wall, process CPU, outer evaluations, nuisance fits through
 * `profiledChi2`); (2) the stage as the run computes it, a pool of two model workers started and
 * the three tasks run by `runProfileTasksInPool`. With `NUEM_BENCH_BASE=<dir>` (a copy of an older
 * build: `<dir>/dist/src/...`, with `package.json`, `models/` and a `node_modules` link beside it)
 * the older build is timed too, alternating with this one (old, new for each task; new, old, new
 * for the stage), so both see the same load; the 90% interval ends and best χ² are compared.
 * docs/performance.md, "1-D profiles of coherent-csiar-qee-qmumu: local inner brackets".
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The modules a build provides for this bench. */
interface Build {
  readonly label: string;
  serial(task: unknown): { result: { evaluations: number; best: { chi2: number }; intervals?: Array<{ lo: number; hi: number }> }; fits: number };
  stage(): Promise<{ seconds: number[] }>;
}

async function buildOf(label: string, srcRoot: string): Promise<Build> {
  const imp = async (p: string): Promise<Record<string, unknown>> => (await import(pathToFileURL(join(srcRoot, p)).href)) as Record<string, unknown>;
  /* eslint-disable @typescript-eslint/no-explicit-any */
  const { loadAnalysis, resolveAnalysisPath } = (await imp('experiments/loadAnalysis.js')) as any;
  const { buildPosterior } = (await imp('likelihood/buildPosterior.js')) as any;
  const { runProfileTasksSerial } = (await imp('profile/profileTasks.js')) as any;
  const { ModelWorkerPool } = (await imp('pipeline/modelWorkerPool.js')) as any;
  const { runProfileTasksInPool } = (await imp('pipeline/runAnalysis.js')) as any;
  const file = resolveAnalysisPath('coherent-csiar-qee-qmumu');
  const analysis = loadAnalysis(file);
  const lik = buildPosterior(analysis).likelihood;
  lik.profiledChi2([0, 0]); // JIT warm-up
  let fits = 0;
  const counted = new Proxy(lik, {
    get(t, k) {
      if (k === 'profiledChi2') {
        return (theta: ArrayLike<number>) => {
          fits++;
          return t.profiledChi2(theta);
        };
      }
      return t[k];
    },
  });
  return {
    label,
    serial(task) {
      fits = 0;
      const result = runProfileTasksSerial(counted, analysis, [task])[0].result;
      return { result, fits };
    },
    async stage() {
      const pool = ModelWorkerPool.start(2, { analysisFile: file });
      const seconds: number[] = [];
      await runProfileTasksInPool(pool, analysis, TASKS, lik, seconds);
      await pool.terminate();
      return { seconds };
    },
  };
  /* eslint-enable @typescript-eslint/no-explicit-any */
}

const TASKS = [
  { kind: 'oneD', name: 'qee', opts: {} },
  { kind: 'oneD', name: 'qmumu', opts: {} },
  { kind: 'twoD', names: ['qee', 'qmumu'], opts: {} },
] as const;

const r2 = (x: number): number => Number(x.toFixed(2));
const load = (): string => loadavg().map((v) => v.toFixed(2)).join(' ');

/**
 * Runs the benchmark.
 * @returns per task and build: wall and CPU seconds, evaluations, nuisance fits, load; the pooled stage per build; the relative differences of the 1-D results between builds
 */
export async function run(): Promise<Record<string, unknown>> {
  const base = process.env.NUEM_BENCH_BASE;
  const current = await buildOf('this build', join(import.meta.dirname, '..', 'src'));
  const builds = base ? [await buildOf(`base ${base}`, join(base, 'dist', 'src')), current] : [current];
  const tasks: Record<string, unknown>[] = [];
  const compared: Record<string, unknown>[] = [];
  for (const task of TASKS) {
    const results: Array<ReturnType<Build['serial']>> = [];
    for (const b of builds) {
      const l0 = load();
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const r = b.serial(task);
      const wallS = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      results.push(r);
      tasks.push({ build: b.label, task: task.kind === 'twoD' ? 'qee×qmumu 2-D' : `${task.name} 1-D`, wallS: r2(wallS), cpuS: r2((c.user + c.system) / 1e6), evaluations: r.result.evaluations, fits: r.fits, load: `${l0} → ${load()}` });
    }
    if (results.length === 2 && task.kind === 'oneD') {
      const [a, b] = results.map((r) => r.result);
      compared.push({
        task: task.name,
        bestChi2Diff: b!.best.chi2 - a!.best.chi2,
        intervalRelDiff: a!.intervals!.map((iv, k) => [b!.intervals![k]!.lo / iv.lo - 1, b!.intervals![k]!.hi / iv.hi - 1]),
      });
    }
  }
  const stage: Record<string, unknown>[] = [];
  for (const b of builds.length === 2 ? [builds[1]!, builds[0]!, builds[1]!] : builds) {
    const l0 = load();
    const t0 = performance.now();
    const s = await b.stage();
    stage.push({ build: b.label, wallS: r2((performance.now() - t0) / 1000), taskS: s.seconds.map(r2), load: `${l0} → ${load()}` });
  }
  return { tasks, stage, compared };
}
