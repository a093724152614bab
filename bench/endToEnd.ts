/**
 * End-to-end benchmark (issue 12): `nuem run models/analyses/default.yaml` against emcee + numpy on
 * the identical posterior with the same moves and convergence rule (bench/emcee_default.py: 2
 * ensembles × 32 walkers, DE 0.7 + stretch 0.3, check every 250 steps, N > 50 τ and |Δτ|/τ < 1 %),
 * in one process, interleaved: nuem, emcee, nuem, emcee, nuem.
 *
 * Reported: wall time to a converged posterior (nuem: the whole `nuem run` process — validation,
 * forward model, profiles, sampling, summaries, report — and its sampling stage alone; emcee: its
 * sampling loops only, both ensembles serially, as the script times them), the ESS per second of the
 * slowest parameter (ESS = Σ over ensembles of W·(N − burn)/τ, burn = 2·max τ, the τ-based ESS
 * both codes' rule implies; nuem's own value from its summary), their ratios, where nuem's sampling
 * stage went (sampler, τ monitoring, chain writing, R̂ decisions), and the load averages, because the
 * machine may be shared. Without /usr/bin/python3 or emcee the emcee side is reported as
 * unavailable and the benchmark still succeeds.
 * @module
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');
const EMCEE = join(ROOT, 'bench/emcee_default.py');
const QUICK = process.argv.includes('--quick');

interface NuemRun {
  wall_s: number;
  timings_s: Record<string, number>;
  sampling_s: { sampler: number; monitor: number; write: number; rhat: number };
  steps: number[];
  converged: boolean;
  rhat_max: number;
  ess_min: number;
  slowest: string;
  tau: Record<string, number>;
  warnings: string[];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
}

const load = (): number[] => loadavg().map((x) => Number(x.toFixed(2)));

function nuemRun(dir: string, extra: string[] = []): NuemRun | { error: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CLI, 'run', 'models/analyses/default.yaml', '--json', '--chains-dir', join(dir, 'chains'), '--reports-dir', join(dir, 'reports'), '--force', ...extra], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 900_000,
  });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) return { error: `nuem run failed (${r.status}): ${(r.stderr ?? '').slice(-300)}` };
  const j = JSON.parse(r.stdout) as {
    timings_s: Record<string, number>;
    sampling_s: NuemRun['sampling_s'];
    diagnostics: { steps: number[]; converged: boolean; rhat: Record<string, number>; essTau: Record<string, number>; tau: Record<string, number>; warnings: string[] };
  };
  const ess = Object.entries(j.diagnostics.essTau).sort((a, b) => a[1] - b[1])[0]!;
  return {
    wall_s: wall,
    timings_s: j.timings_s,
    sampling_s: j.sampling_s,
    steps: j.diagnostics.steps,
    converged: j.diagnostics.converged,
    rhat_max: Math.max(...Object.values(j.diagnostics.rhat)),
    ess_min: ess[1],
    slowest: ess[0],
    tau: j.diagnostics.tau,
    warnings: j.diagnostics.warnings,
  };
}

interface EmceeRun {
  wall_s_serial: number;
  process_wall_s: number;
  steps: number[];
  tau_last: number[][];
  ess_min: number;
  emcee: string;
}

function emceeRun(): EmceeRun | { error: string } {
  if (!existsSync('/usr/bin/python3')) return { error: 'emcee side unavailable: /usr/bin/python3 not found' };
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/python3', [EMCEE, process.execPath, CLI], { cwd: ROOT, encoding: 'utf8', timeout: 900_000 });
  const wall = (performance.now() - t0) / 1000;
  if (r.status !== 0) return { error: `emcee side unavailable: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()} (apt-get install -y python3-emcee)` };
  const j = JSON.parse(r.stdout) as { emcee: string; steps: number[]; tau_last: number[][]; wall_s_serial: number; walkers: number };
  // τ-based ESS of the slowest parameter, Σ_k W (N_k − 2 max τ_k)/τ_k,d, minimised over d
  const D = j.tau_last[0]!.length;
  let ess = Infinity;
  for (let d = 0; d < D; d++) {
    let e = 0;
    j.tau_last.forEach((tau, k) => (e += (j.walkers * (j.steps[k]! - Math.ceil(2 * Math.max(...tau)))) / tau[d]!));
    ess = Math.min(ess, e);
  }
  return { wall_s_serial: j.wall_s_serial, process_wall_s: wall, steps: j.steps, tau_last: j.tau_last, ess_min: ess, emcee: j.emcee };
}

/** Runs the end-to-end benchmark (see module doc). */
export async function run(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'nuem-e2e-'));
  const loads: Record<string, number[]> = { start: load() };
  try {
    const nuem: NuemRun[] = [];
    const emcee: EmceeRun[] = [];
    const errors: string[] = [];
    const rounds = QUICK ? 1 : 2;
    const pushN = (): void => {
      const r = nuemRun(dir);
      if ('error' in r) errors.push(r.error);
      else nuem.push(r);
    };
    pushN();
    for (let i = 0; i < rounds; i++) {
      const e = emceeRun();
      loads[`after_emcee_${i + 1}`] = load();
      if ('error' in e) {
        errors.push(e.error);
        break;
      }
      emcee.push(e);
      pushN();
      loads[`after_nuem_${i + 2}`] = load();
    }
    // one run with the ensembles in this thread: the sampling stage's split without thread overlap
    const serial = nuemRun(dir, ['--threads', '0']);
    loads.end = load();
    if (nuem.length === 0) return { error: errors.join('; ') };
    const nWall = median(nuem.map((r) => r.wall_s));
    const nSample = median(nuem.map((r) => r.timings_s.sample!));
    const nEssPerS = median(nuem.map((r) => r.ess_min / r.wall_s));
    const eWall = emcee.length ? median(emcee.map((r) => r.wall_s_serial)) : null;
    const eEssPerS = emcee.length ? median(emcee.map((r) => r.ess_min / r.wall_s_serial)) : null;
    const share = (r: NuemRun): Record<string, number> => ({
      monitor_over_sampler: r.sampling_s.monitor / r.sampling_s.sampler,
      write_over_sample_stage: r.sampling_s.write / r.timings_s.sample!,
      rhat_over_sample_stage: r.sampling_s.rhat / r.timings_s.sample!,
    });
    return {
      problem: 'models/analyses/default.yaml: 2 ensembles x 32 walkers, DE 0.7 + stretch 0.3, N > 50 tau and |dtau|/tau < 1% every 250 steps (nuem also R-hat < 1.01 across ensembles)',
      machine: { cpu: cpus()[0]?.model ?? 'unknown', logical_cpus: cpus().length, node: process.version },
      load_average_1_5_15min: loads,
      nuem_runs: nuem,
      nuem_wall_s_median: nWall,
      nuem_sample_stage_s_median: nSample,
      nuem_ess_per_s_slowest_median: nEssPerS,
      nuem_sampling_split: nuem.map(share),
      nuem_threads0: 'error' in serial ? serial : { wall_s: serial.wall_s, timings_s: serial.timings_s, sampling_s: serial.sampling_s, steps: serial.steps, split: share(serial) },
      emcee_runs: emcee,
      emcee_wall_s_median: eWall,
      emcee_ess_per_s_slowest_median: eEssPerS,
      speedup_wall_nuem_run_vs_emcee_sampling: eWall !== null ? eWall / nWall : null,
      speedup_wall_nuem_sampling_vs_emcee_sampling: eWall !== null ? eWall / nSample : null,
      ess_per_s_ratio: eEssPerS !== null ? nEssPerS / eEssPerS : null,
      errors,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
