/**
 * Reusable orchestration behind `nuem sample` (and later `nuem run`): builds the generators and
 * initial ensemble, opens the backend (memory or HDF5 with resume), runs the sampler with a
 * progress bar on stderr, and returns a summary (acceptance, posterior moments after a burn-in of
 * a quarter of the final length,
 * τ when converged-mode ran, warnings). No commander code here.
 * Seeding with `rng = 'emcee'`: walkers start at centre + 0.1·randn(W, D) from a fresh
 * mt19937(seed), and the sampler's stream is a second fresh mt19937(seed): the chain equals
 * emcee 3.1.4's for the same seed (test/sampler/emceeGolden.test.ts).
 * @module
 */
import { existsSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { codeProvenance } from '../provenance.js';
import { makeRng } from '../random/makeRng.js';
import type { ChainBackend, ChainMetadata, ResumeState } from './backends/backend.js';
import { Hdf5Backend } from './backends/hdf5Backend.js';
import { MemoryBackend } from './backends/memoryBackend.js';
import { MomentTee } from './MomentTee.js';
import { initialBall } from './initialBall.js';
import { makeMoves } from './moves/makeMove.js';
import { runSampler, type UntilConverged } from './runSampler.js';
import { SamplerError } from './SamplerError.js';
import { samplingModelHash, type SamplingRunOptions } from './SamplingRunOptions.js';
import type { ResolvedTarget } from './targets/builtinTarget.js';

/** Options of {@link runFromOptions}. */
export interface RunFromOptions extends SamplingRunOptions {
  target: ResolvedTarget;
  /** continue the chain in `out` */
  resume?: boolean;
  untilConverged?: UntilConverged | boolean;
  /** initial ball centre / radius (default 0 / 0.1) */
  initCenter?: number[];
  initScale?: number | number[];
  /** draw a progress bar on stderr (default true) */
  progress?: boolean;
}

/** What {@link runFromOptions} returns. */
export interface SampleSummary {
  iteration: number;
  stepsThisRun: number;
  meanAcceptance: number;
  /** per-parameter mean and standard deviation over steps ≥ discard (all walkers; on resume: this run's steps only) */
  parameters: { name: string; mean: number; sd: number }[];
  discard: number;
  converged: boolean;
  tau?: number[];
  warnings: string[];
  out?: string;
  backend: ChainBackend;
}

/**
 * Runs one sampling job end to end (see module doc).
 * @param o - target, seeds, moves, output and resume options
 * @returns the run summary
 * @throws SamplerError for bad combinations (resume without file, existing file without --force)
 */
export async function runFromOptions(o: RunFromOptions): Promise<SampleSummary> {
  const D = o.target.ndim;
  const modelHash = samplingModelHash(o.model);
  const meta: ChainMetadata = {
    parameterNames: o.target.parameterNames,
    analysisId: o.analysisId,
    modelHash,
    nwalkers: o.nwalkers,
    ndim: D,
    seed: o.seed,
    moves: o.moves,
    settings: { rng: o.rng, nsteps: o.nsteps, untilConverged: o.untilConverged ?? false },
    code: codeProvenance(),
  };
  let inner: ChainBackend;
  let resume: ResumeState | undefined;
  if (o.out) {
    const exists = existsSync(o.out);
    if (o.resume && !exists) throw new SamplerError(`--resume: ${o.out} does not exist`, 'run once without --resume to create it');
    if (!o.resume && exists && !o.force) throw new SamplerError(`--out: ${o.out} already exists`, 'pass --resume to continue it or --force to overwrite it');
    inner = new Hdf5Backend(o.out);
    if (o.resume) resume = await inner.openForResume(meta);
    else await inner.create(meta);
  } else {
    if (o.resume) throw new SamplerError('--resume needs --out <file.h5>', 'give the chain file to continue');
    inner = new MemoryBackend();
    await inner.create(meta);
  }
  const start = resume?.iteration ?? 0;
  const uc = o.untilConverged === true ? {} : o.untilConverged || undefined;
  const total = uc ? (uc.maxSteps ?? o.nsteps) : o.nsteps;
  const tee = new MomentTee(inner, start, D);
  const showBar = o.progress ?? true;
  const bar = showBar
    ? new cliProgress.SingleBar(
        {
          format: 'sampling [{bar}] {percentage}% | {value}/{total} steps | acceptance {acc} | ETA {eta_formatted}',
          stream: process.stderr,
          noTTYOutput: true,
          notTTYSchedule: 5000,
          hideCursor: false,
        },
        cliProgress.Presets.legacy,
      )
    : null;
  bar?.start(total, start, { acc: '-' });
  try {
    const res = await runSampler({
      logProb: o.target.logProb,
      nwalkers: o.nwalkers,
      ndim: D,
      moves: makeMoves(o.moves),
      rng: resume ? undefined : makeRng(o.rng, o.seed),
      initial: resume ? undefined : initialBall(makeRng(o.rng, o.seed), o.nwalkers, D, o.initScale ?? 0.1, o.initCenter),
      nsteps: o.nsteps,
      backend: tee,
      resume,
      untilConverged: uc,
      parameterNames: o.target.parameterNames,
      onProgress: (p) => bar?.update(p.iteration, { acc: p.meanAcceptance.toFixed(3) }),
    });
    bar?.stop();
    let acc = 0;
    for (let i = 0; i < o.nwalkers; i++) acc += res.acceptanceFraction[i]!;
    const discard = Math.floor(res.iteration / 4);
    const mom = tee.moments(discard);
    return {
      iteration: res.iteration,
      stepsThisRun: res.iteration - start,
      meanAcceptance: acc / o.nwalkers,
      parameters: o.target.parameterNames.map((name, d) => ({ name, ...mom[d]! })),
      discard,
      converged: res.converged,
      tau: res.tau,
      warnings: res.warnings,
      out: o.out,
      backend: inner,
    };
  } finally {
    bar?.stop();
    await inner.close();
  }
}
