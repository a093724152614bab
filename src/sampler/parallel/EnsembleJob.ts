/**
 * One independent ensemble run described by JSON-able data, so it can run in a worker thread
 * and give exactly the result of running it in the calling thread (same seed ⇒ same chain).
 * Seeding (`--rng emcee`): ensemble k's stream is {@link ensembleRng}(rng, seed, k) (ensemble 0:
 * numpy `RandomState(seed)`, emcee-identical; k ≥ 1: numpy `SeedSequence(seed, spawn_key=(k,))`);
 * initial ball from a fresh copy of it, sampler stream from a second fresh copy, as emcee 3.1.x
 * with `np.random.seed(seed)` (Foreman-Mackey et al. 2013, arXiv:1202.3665).
 * @module
 */
import { ensembleRng, ensembleStreamDerivation } from '../../random/seedSequence.js';
import type { RngKind } from '../../random/rng.js';
import type { ChainBackend, ChainMetadata } from '../backends/backend.js';
import { Hdf5Backend } from '../backends/hdf5Backend.js';
import { MemoryBackend } from '../backends/memoryBackend.js';
import { MomentTee } from '../MomentTee.js';
import { initialBall } from '../initialBall.js';
import { makeMoves } from '../moves/makeMove.js';
import { runSampler } from '../runSampler.js';
import { resolveTarget, type TargetSpec } from '../TargetSpec.js';
import type { MoveSpec } from '../types.js';
import type { EnsembleRunResult } from './EnsembleRunResult.js';

/** JSON-able description of one ensemble run. */
export interface EnsembleJob {
  target: TargetSpec;
  nwalkers: number;
  nsteps: number;
  /** run seed */
  seed: number;
  /** ensemble index k (default 0); the stream is ensembleRng(rng, seed, k) */
  ensemble?: number;
  rng: RngKind;
  moves: MoveSpec[];
  /** initial ball radius (default 0.1) and centre (default 0) */
  initScale?: number | number[];
  initCenter?: number[];
  /**
   * Write the chain to this HDF5 file (emcee layout + sidecar, default checkpoint policy) instead
   * of returning it: memory then stays bounded by the backend's buffer, and the result's `chain`
   * and `logProb` are empty. The file is created (overwritten) by the job.
   */
  out?: { path: string; meta: ChainMetadata };
}

/** Result of an {@link EnsembleJob}: the common {@link EnsembleRunResult} plus the job's seed, moments and output file. */
export interface EnsembleJobResult extends EnsembleRunResult {
  seed: number;
  /** per-parameter mean and sd over steps ≥ ⌊nsteps/4⌋ (all walkers) */
  parameters: { name: string; mean: number; sd: number }[];
  /** the HDF5 file written (when the job had `out`) */
  out?: string;
}

/**
 * Runs the job in the current thread.
 * @param job - the run description
 * @returns chain, log-probabilities, acceptance
 */
export async function runEnsembleJob(job: EnsembleJob): Promise<EnsembleJobResult> {
  const target = await resolveTarget(job.target);
  const D = target.ndim;
  const initial = initialBall(ensembleRng(job.rng, job.seed, job.ensemble ?? 0), job.nwalkers, D, job.initScale ?? 0.1, job.initCenter);
  const memory = job.out ? null : new MemoryBackend();
  memory?.reserve(job.nsteps, job.nwalkers, D);
  let store: ChainBackend;
  if (job.out) {
    const h5 = new Hdf5Backend(job.out.path);
    await h5.create({
      ...job.out.meta,
      nwalkers: job.nwalkers,
      ndim: D,
      seed: job.seed,
      parameterNames: target.parameterNames,
      settings: { ...job.out.meta.settings, rngStream: ensembleStreamDerivation(job.seed, job.ensemble ?? 0) },
    });
    store = h5;
  } else store = memory!;
  const tee = new MomentTee(store, 0, D);
  let res;
  try {
    res = await runSampler({
      logProb: target.logProb,
      nwalkers: job.nwalkers,
      ndim: D,
      moves: makeMoves(job.moves, target.parameterNames),
      rng: ensembleRng(job.rng, job.seed, job.ensemble ?? 0),
      initial,
      nsteps: job.nsteps,
      backend: tee,
      parameterNames: target.parameterNames,
    });
  } finally {
    await store.close();
  }
  const mom = tee.moments(Math.floor(res.iteration / 4));
  return {
    seed: job.seed,
    nsteps: res.iteration,
    nwalkers: job.nwalkers,
    ndim: D,
    chain: memory ? memory.getChain().slice() : new Float64Array(0),
    logProb: memory ? memory.getLogProb().slice() : new Float64Array(0),
    acceptanceFraction: res.acceptanceFraction.slice(),
    rngState: res.rngState,
    warnings: res.warnings,
    parameters: target.parameterNames.map((name, d) => ({ name, ...mom[d]! })),
    ...(job.out ? { out: job.out.path } : {}),
  };
}
