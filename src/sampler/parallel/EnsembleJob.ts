/**
 * One independent ensemble run described by JSON-able data, so it can run in a worker thread
 * and give exactly the result of running it in the calling thread (same seed ⇒ same chain).
 * Seeding (`--rng emcee`): initial ball from a fresh generator(seed), sampler stream from a
 * second fresh generator(seed), as emcee 3.1.x with `np.random.seed(seed)` (inference.md §2.2).
 * @module
 */
import { makeRng } from '../../random/makeRng.js';
import type { RngKind, RngState } from '../../random/rng.js';
import { MemoryBackend } from '../backends/memoryBackend.js';
import { initialBall } from '../initialBall.js';
import { makeMoves } from '../moves/makeMove.js';
import { runSampler } from '../runSampler.js';
import { resolveTarget, type TargetSpec } from '../TargetSpec.js';
import type { MoveSpec } from '../types.js';

/** JSON-able description of one ensemble run. */
export interface EnsembleJob {
  target: TargetSpec;
  nwalkers: number;
  nsteps: number;
  seed: number;
  rng: RngKind;
  moves: MoveSpec[];
  /** initial ball radius (default 0.1) and centre (default 0) */
  initScale?: number | number[];
  initCenter?: number[];
}

/** Result of an {@link EnsembleJob}. */
export interface EnsembleJobResult {
  seed: number;
  nsteps: number;
  nwalkers: number;
  ndim: number;
  /** (nsteps, nwalkers, ndim) row-major */
  chain: Float64Array;
  /** (nsteps, nwalkers) row-major */
  logProb: Float64Array;
  acceptanceFraction: Float64Array;
  rngState: RngState;
  warnings: string[];
}

/**
 * Runs the job in the current thread.
 * @param job - the run description
 * @returns chain, log-probabilities, acceptance
 */
export async function runEnsembleJob(job: EnsembleJob): Promise<EnsembleJobResult> {
  const target = await resolveTarget(job.target);
  const D = target.ndim;
  const initial = initialBall(makeRng(job.rng, job.seed), job.nwalkers, D, job.initScale ?? 0.1, job.initCenter);
  const backend = new MemoryBackend();
  const res = await runSampler({
    logProb: target.logProb,
    nwalkers: job.nwalkers,
    ndim: D,
    moves: makeMoves(job.moves),
    rng: makeRng(job.rng, job.seed),
    initial,
    nsteps: job.nsteps,
    backend,
    parameterNames: target.parameterNames,
  });
  return {
    seed: job.seed,
    nsteps: res.iteration,
    nwalkers: job.nwalkers,
    ndim: D,
    chain: backend.getChain().slice(),
    logProb: backend.getLogProb().slice(),
    acceptanceFraction: res.acceptanceFraction.slice(),
    rngState: res.rngState,
    warnings: res.warnings,
  };
}
