/**
 * Benchmark section `sampler`: nuem's ensemble sampler side by side with emcee 3.1.4 on the
 * problem of shared/tools/bench_emcee.py (inference.md §5): 2-D Gaussian, unit variances, ρ = 0.9,
 * 32 walkers × 10,000 stretch steps, seeds 42…46, one warm-up run, median of 5.
 * nuem is timed in two blocks of 5 runs, before and after emcee's 5 runs, and the median of all 10
 * is used, so slow drifts of the shared machine's load affect both sides alike.
 * Reports evals/s for both, nuem's sampler overhead per proposal (sampler time minus a bare
 * batched log-prob loop over the same number of evaluations), the HDF5 checkpoint overhead at the
 * default policy (runs interleaved with memory-backend runs; create + run + close timed, so the
 * final fsync is included) and with a persist + fsync after every 64-step chunk, and peak RSS of
 * `nuem sample --out` for 10⁴ and 10⁵ steps (child processes). `BENCH_QUICK=1` shortens everything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeRng } from '../src/random/makeRng.js';
import { DEFAULT_CHECKPOINT_INTERVAL_MS, DEFAULT_MAX_BUFFER_STEPS, Hdf5Backend, type Hdf5BackendOptions } from '../src/sampler/backends/hdf5Backend.js';
import type { ChainBackend } from '../src/sampler/backends/backend.js';
import { MemoryBackend } from '../src/sampler/backends/memoryBackend.js';
import { initialBall } from '../src/sampler/initialBall.js';
import { StretchMove } from '../src/sampler/moves/stretchMove.js';
import { runSampler } from '../src/sampler/runSampler.js';
import { gaussianTarget } from '../src/sampler/targets/gaussianTarget.js';

const W = 32,
  D = 2,
  STEPS = 10_000;
const QUICK = process.env.BENCH_QUICK === '1';
const REPEATS = QUICK ? 2 : 5;
const NEVALS = W * STEPS + W;

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : 0.5 * (s[m - 1]! + s[m]!);
};
const now = (): number => Number(process.hrtime.bigint()) / 1e9;

async function timeRun(seed: number, backend?: ChainBackend): Promise<number> {
  const logProb = gaussianTarget(D, 0.9);
  const initial = initialBall(makeRng('emcee', seed), W, D);
  const t0 = now();
  await runSampler({ logProb, nwalkers: W, ndim: D, moves: new StretchMove(), rng: makeRng('emcee', seed), initial, nsteps: STEPS, backend: backend ?? new MemoryBackend() });
  return now() - t0;
}

/** create + run + close with an Hdf5Backend (close persists the tail and, unless durable: false, fsyncs). */
async function timeH5Run(seed: number, path: string, opts: Hdf5BackendOptions): Promise<number> {
  const logProb = gaussianTarget(D, 0.9);
  const initial = initialBall(makeRng('emcee', seed), W, D);
  const t0 = now();
  const be = new Hdf5Backend(path, opts);
  await be.create({ parameterNames: ['x0', 'x1'], analysisId: 'bench', modelHash: 'bench', nwalkers: W, ndim: D, seed });
  await runSampler({ logProb, nwalkers: W, ndim: D, moves: new StretchMove(), rng: makeRng('emcee', seed), initial, nsteps: STEPS, backend: be });
  await be.close();
  return now() - t0;
}

/** Interleaves memory and HDF5 runs (same seeds); returns both medians. */
async function checkpointPair(dir: string, tag: string, opts: Hdf5BackendOptions, repeats: number): Promise<{ mem: number; h5: number }> {
  const tm: number[] = [];
  const th: number[] = [];
  for (let r = 0; r < repeats; r++) {
    tm.push(await timeRun(42 + r));
    th.push(await timeH5Run(42 + r, join(dir, `${tag}${r}.h5`), opts));
  }
  return { mem: median(tm), h5: median(th) };
}

function bareLogProb(): number {
  const lp = gaussianTarget(D, 0.9);
  const x = initialBall(makeRng('emcee', 0), W / 2, D);
  const out = new Float64Array(W / 2);
  let sink = 0;
  const t0 = now();
  for (let i = 0; i < 2 * STEPS; i++) {
    x[0] = x[0]! + 1e-12; // defeat hoisting
    lp(x, W / 2, out);
    sink += out[0]!;
  }
  const dt = now() - t0;
  if (sink === 42) process.stderr.write('');
  return dt;
}

const EMCEE_SNIPPET = `
import time, numpy as np, emcee, json
ICOV = np.linalg.inv(np.array([[1.0, 0.9], [0.9, 1.0]]))
def lp(x): return -0.5 * (x @ ICOV @ x)
def run(seed):
    p0 = 1e-1 * np.random.RandomState(seed).randn(32, 2)
    np.random.seed(seed)
    s = emcee.EnsembleSampler(32, 2, lp)
    t0 = time.perf_counter(); s.run_mcmc(p0, 10000, progress=False); return time.perf_counter() - t0, s
run(0)
ts = []
for r in range(REPEATS):
    dt, s = run(42 + r); ts.append(dt)
    if r == 0: chain = s.get_chain()
print(json.dumps({"times": ts, "emcee": emcee.__version__, "chain_sum": float(chain.sum()), "chain_last": chain[-1].ravel().tolist()}))
`;

function emceeBench(): { evals_per_s: number; median_s: number; version: string; chainLast: number[] } | { error: string } {
  if (!existsSync('/usr/bin/python3')) return { error: '/usr/bin/python3 not found' };
  const r = spawnSync('/usr/bin/python3', ['-c', EMCEE_SNIPPET.replace('REPEATS', String(REPEATS))], { encoding: 'utf8', timeout: 600_000 });
  if (r.status !== 0) return { error: `emcee not available (${(r.stderr || '').trim().split('\n').pop()})` };
  const j = JSON.parse(r.stdout) as { times: number[]; emcee: string; chain_last: number[] };
  const m = median(j.times);
  return { evals_per_s: NEVALS / m, median_s: m, version: j.emcee, chainLast: j.chain_last };
}

function peakRss(steps: number, dir: string): { steps: number; peak_rss_MB: number; wall_s: number } | { error: string } {
  const main = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
  const out = join(dir, `rss${steps}.h5`);
  const code = `import(${JSON.stringify('file://' + main)}).then(m => m.main(['node','nuem','sample','--steps','${steps}','--out',${JSON.stringify(out)},'--force','--no-progress'])).then(c => { process.stderr.write('MAXRSS_KB ' + process.resourceUsage().maxRSS + '\\n'); process.exitCode = c; })`;
  const t0 = now();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', timeout: 1_800_000 });
  const m = /MAXRSS_KB (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) return { error: `child failed: ${(r.stderr ?? '').slice(-300)}` };
  return { steps, peak_rss_MB: Number(m[1]) / 1024, wall_s: now() - t0 };
}

function machine(): Record<string, unknown> {
  const l = spawnSync('lscpu', [], { encoding: 'utf8' });
  const model = /Model name:\s*(.+)/.exec(l.stdout ?? '')?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown';
  return { cpu: model, logical_cpus: cpus().length, node: process.version };
}

const load1 = (): number => Number(loadavg()[0]!.toFixed(2));

/** Runs the sampler benchmark (see module doc). */
export async function run(): Promise<Record<string, unknown>> {
  const loadStart = load1();
  await timeRun(0); // warm-up (JIT)
  const tMem: number[] = [];
  for (let r = 0; r < REPEATS; r++) tMem.push(await timeRun(42 + r));
  const tBare: number[] = [];
  for (let r = 0; r < 3; r++) tBare.push(bareLogProb());
  const mBare = median(tBare);
  const emcee = emceeBench();
  const loadAfterEmcee = load1();
  for (let r = 0; r < REPEATS; r++) tMem.push(await timeRun(42 + r));
  const mMem = median(tMem);
  const dir = mkdtempSync(join(tmpdir(), 'nuem-bench-'));
  try {
    await timeH5Run(0, join(dir, 'warm.h5'), {}); // warm-up of the HDF5 path
    const repeatsH5 = QUICK ? 2 : REPEATS;
    const def = await checkpointPair(dir, 'default', {}, repeatsH5);
    const every = await checkpointPair(dir, 'every', { checkpointIntervalMs: 0, durable: true }, QUICK ? 1 : 3);
    const everyNoFsync = await checkpointPair(dir, 'everynf', { checkpointIntervalMs: 0, durable: false }, QUICK ? 1 : 3);
    const loadAfterH5 = load1();
    // parity check: the emcee chain's last step equals nuem's for seed 42
    let parity: boolean | string = 'n/a';
    if ('chainLast' in emcee) {
      const be = new MemoryBackend();
      await runSampler({ logProb: gaussianTarget(D, 0.9), nwalkers: W, ndim: D, rng: makeRng('emcee', 42), initial: initialBall(makeRng('emcee', 42), W, D), nsteps: STEPS, backend: be });
      const c = be.getChain();
      parity = emcee.chainLast.every((v, i) => v === c[(STEPS - 1) * W * D + i]);
    }
    const rss = [peakRss(10_000, dir)];
    if (!QUICK) rss.push(peakRss(100_000, dir));
    const overhead = (p: { mem: number; h5: number }): number => p.h5 / p.mem - 1;
    // the same absolute checkpoint cost on top of a 1 ms/eval likelihood (adds 320,032 ms to both runs)
    const at1ms = (p: { mem: number; h5: number }): number => (p.h5 - p.mem) / (NEVALS * 1e-3 + p.mem);
    return {
      problem: '2-D Gaussian rho=0.9, 32 walkers x 10000 stretch steps, median of ' + 2 * REPEATS + ' nuem runs (5 before, 5 after emcee) and ' + REPEATS + ' emcee runs',
      machine: machine(),
      load_average_1min: { start: loadStart, after_emcee: loadAfterEmcee, after_checkpoint_runs: loadAfterH5 },
      nuem_median_s: mMem,
      nuem_evals_per_s: NEVALS / mMem,
      nuem_us_per_ensemble_step: (1e6 * mMem) / STEPS,
      bare_logprob_median_s: mBare,
      overhead_us_per_proposal: ((mMem - mBare) / (W * STEPS)) * 1e6,
      emcee_evals_per_s: 'evals_per_s' in emcee ? emcee.evals_per_s : null,
      emcee_median_s: 'median_s' in emcee ? emcee.median_s : null,
      emcee_note: 'error' in emcee ? emcee.error : `emcee ${emcee.version}, vectorize=False (bench_emcee.py case a)`,
      speedup_vs_emcee: 'median_s' in emcee ? emcee.median_s / mMem : null,
      chain_identical_to_emcee_seed42: parity,
      hdf5_default_median_s: def.h5,
      memory_paired_median_s: def.mem,
      checkpoint_overhead: overhead(def),
      checkpoint_overhead_at_1ms_per_eval: at1ms(def),
      checkpoint_overhead_every_chunk: overhead(every),
      checkpoint_overhead_every_chunk_at_1ms_per_eval: at1ms(every),
      checkpoint_overhead_every_chunk_no_fsync: overhead(everyNoFsync),
      checkpoint_note: `default policy = persist every ${DEFAULT_CHECKPOINT_INTERVAL_MS} ms or ${DEFAULT_MAX_BUFFER_STEPS} buffered steps, fsync at close (durable 'periodic'); every_chunk = persist + fsync after every 64-step chunk (durable true); timed: create + run + close vs the memory backend, interleaved`,
      peak_rss: rss,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
