/**
 * Does `nuem run coherent-csiar-qee-qmumu` (CsI + argon, 24 parameters) converge, and how fast,
 * for several seeds? Each seed is one whole `nuem run` in a child process (the README's command,
 * with `--seed`), timed from spawn to exit; the run's JSON gives the stage timings, the steps, the
 * R̂ decisions and whether it converged. Seeds differ in their ensemble streams and so in where
 * the τ rule and R̂ are met: this measures the spread of the run time, which one run cannot.
 * Opt-in (`npm run bench -- --only=combinedConvergence`, ≈ 2 min per seed on 2 cores);
 * `NUEM_BENCH_SEEDS=1,2,3` chooses the seeds.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));

interface RunJson {
  timings_s: Record<string, number>;
  sampling_s?: Record<string, number>;
  diagnostics: { converged: boolean; steps: number[]; notes?: string[]; rhat?: Record<string, number>; tau?: Record<string, number> };
}

function nuemRun(seed: number, dir: string): Promise<{ wall_s: number; json: RunJson }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, [main, 'run', 'coherent-csiar-qee-qmumu', '--seed', String(seed), '--json', '--chains-dir', join(dir, 'chains'), '--reports-dir', join(dir, 'reports')], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = Number(process.hrtime.bigint() - t0) / 1e9;
      if (code !== 0) reject(new Error(`nuem run --seed ${seed} exited with ${code}`));
      else resolve({ wall_s: wall, json: JSON.parse(out) as RunJson });
    });
  });
}

/**
 * Runs the seeds one after the other.
 * @returns per seed: wall time, stage timings, steps, converged, R̂ decisions, largest R̂ and τ; load averages
 */
export async function run(): Promise<Record<string, unknown>> {
  const seeds = (process.env.NUEM_BENCH_SEEDS ?? '20261205,1,2').split(',').map(Number);
  const rows: Record<string, unknown>[] = [];
  for (const seed of seeds) {
    const dir = mkdtempSync(join(tmpdir(), 'nuem-bench-conv-'));
    const load0 = loadavg().map((x) => Number(x.toFixed(2)));
    try {
      const { wall_s, json } = await nuemRun(seed, dir);
      const d = json.diagnostics;
      const rhat = Object.entries(d.rhat ?? {}).sort((a, b) => b[1] - a[1])[0];
      const tau = Object.entries(d.tau ?? {}).sort((a, b) => b[1] - a[1])[0];
      rows.push({
        seed,
        wall_s: Number(wall_s.toFixed(1)),
        converged: d.converged,
        steps: d.steps[0],
        decisions: d.notes ?? [],
        rhat_max: rhat ? { parameter: rhat[0], value: Number(rhat[1].toFixed(5)) } : null,
        tau_max: tau ? { parameter: tau[0], value: Number(tau[1].toFixed(1)) } : null,
        timings_s: Object.fromEntries(Object.entries(json.timings_s).map(([k, v]) => [k, Number(v.toFixed(1))])),
        sampling_s: json.sampling_s ? Object.fromEntries(Object.entries(json.sampling_s).map(([k, v]) => [k, Number(v.toFixed(1))])) : undefined,
        load_before: load0,
        load_after: loadavg().map((x) => Number(x.toFixed(2))),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return {
    method: 'one whole `nuem run coherent-csiar-qee-qmumu --seed K --json` per seed in a child process, one after the other; wall from spawn to exit',
    seeds: rows,
  };
}
