/**
 * One independent ensemble of `nuem run`, described by JSON-able data so that it runs the same in
 * a worker thread or in the calling thread (same task ⇒ same chain, bit for bit).
 *
 * The ensemble is sampled in segments of `checkEvery` steps written to an HDF5 chain (emcee
 * layout + sidecar); after each segment τ is estimated on the whole chain and the run stops when
 * N > factor·τ and |Δτ|/τ < relTol for every parameter (emcee monitor tutorial, arXiv:1202.3665;
 * inference.md §2.8), or at `maxSteps`. Check points are multiples of `checkEvery`, and a resumed
 * run recomputes the τ history at the check points it already passed, so a killed and resumed run
 * stops at the same step with the same chain as an uninterrupted one.
 * @module
 */
import { autocorrTime } from '../diagnostics/autocorrTime.js';
import { convergenceCheck } from '../diagnostics/convergenceCheck.js';
import { loadAnalysis } from '../experiments/loadAnalysis.js';
import { buildPosterior } from '../likelihood/buildPosterior.js';
import { makeRng } from '../random/makeRng.js';
import type { RngKind, RngState } from '../random/rng.js';
import type { ChainMetadata, ResumeState } from '../sampler/backends/backend.js';
import { Hdf5Backend, readChainSidecar, sidecarPathFor } from '../sampler/backends/hdf5Backend.js';
import { readChain } from '../sampler/backends/readChain.js';
import { makeMoves } from '../sampler/moves/makeMove.js';
import { runSampler } from '../sampler/runSampler.js';
import type { EnsembleRunResult } from '../sampler/parallel/EnsembleRunResult.js';
import type { MoveSpec } from '../sampler/types.js';
import { MirrorBackend } from './mirrorBackend.js';

/** JSON-able description of one ensemble run. */
export interface EnsembleTask {
  /** absolute path of the analysis file (the worker rebuilds the posterior from it) */
  analysisFile: string;
  /** index of the ensemble (0, 1, …) */
  ensemble: number;
  /** HDF5 chain file (sidecar at `<file>.json`) */
  chainPath: string;
  /** RNG stream kind and the ensemble's seed (sampler stream = fresh generator(seed)) */
  rng: RngKind;
  seed: number;
  nwalkers: number;
  moves: MoveSpec[];
  /** initial positions, row-major nwalkers × ndim (ignored when resuming) */
  initial: number[];
  /** hard cap on the total steps */
  maxSteps: number;
  /** steps between convergence checks (also the segment length) */
  checkEvery: number;
  /** stop early when converged (false: run exactly maxSteps) */
  untilConverged: boolean;
  /** with untilConverged: do not stop before this many steps (default 0) */
  minSteps?: number;
  /** N > factor·τ (default 50) */
  factor?: number;
  /** |Δτ|/τ < relTol (default 0.01) */
  relTol?: number;
  /** continue the existing chain instead of creating a new one */
  resume: boolean;
  /** metadata written to the chain and checked on resume */
  meta: ChainMetadata;
  /** HDF5 chunk length in steps (default 64) */
  chunkSteps?: number;
}

/** Progress of one ensemble. */
export interface EnsembleProgress {
  ensemble: number;
  iteration: number;
  maxSteps: number;
  meanAcceptance: number;
  /** latest τ per parameter, if estimated */
  tau?: number[];
}

/** Result of an {@link EnsembleTask}: the common {@link EnsembleRunResult} (every step, including resumed ones) plus the ensemble's τ history and convergence. */
export interface EnsembleTaskResult extends EnsembleRunResult {
  ensemble: number;
  chainPath: string;
  /** τ per parameter at each check point */
  tauHistory: { steps: number[]; tau: number[][] };
  converged: boolean;
  /** steps taken in this call (0 when a resumed run was already finished) */
  newSteps: number;
}

function tauAt(chain: Float64Array, n: number, W: number, D: number): number[] {
  return Array.from(autocorrTime(chain.subarray(0, n * W * D), n, W, D, { tol: 0, quiet: true }));
}

/**
 * Runs one ensemble (see module doc).
 * @param task - the run description
 * @param onProgress - called after every segment
 * @returns chain, τ history, convergence flag and final RNG state
 */
export async function runEnsembleTask(task: EnsembleTask, onProgress?: (p: EnsembleProgress) => void): Promise<EnsembleTaskResult> {
  const analysis = loadAnalysis(task.analysisFile);
  const posterior = buildPosterior(analysis);
  const W = task.nwalkers;
  const D = posterior.paramNames.length;
  const factor = task.factor ?? 50;
  const relTol = task.relTol ?? 0.01;
  const every = task.checkEvery;
  const backend = new MirrorBackend(new Hdf5Backend(task.chainPath, { chunkSteps: task.chunkSteps ?? 64 }));
  const moves = makeMoves(task.moves);
  const history: { steps: number[]; tau: number[][] } = { steps: [], tau: [] };
  const tauSeries: number[][] = [];
  const record = (n: number): boolean => {
    const t = tauAt(backend.memory.getChain(), n, W, D);
    history.steps.push(n);
    tauSeries.push(t);
    return convergenceCheck(tauSeries, n, { factor, relTol }).converged;
  };

  let state: ResumeState | undefined;
  let converged = false;
  let start = 0;
  if (task.resume) {
    const persisted = readChainSidecar(sidecarPathFor(task.chainPath)).iteration;
    const old = await readChain(task.chainPath);
    state = await backend.openForResume(task.meta);
    const n = Math.min(persisted, state.iteration, old.nsteps);
    backend.preload(old.chain, old.logProb, n, W, D);
    start = state.iteration;
    for (let c = every; c <= start; c += every) converged = record(c);
  } else {
    await backend.create(task.meta);
  }
  let rngState: RngState = (state?.rng as RngState | undefined) ?? makeRng(task.rng, task.seed).getState();
  let accepted = state ? Float64Array.from(state.accepted) : new Float64Array(W);
  let iteration = start;
  const warnings: string[] = [];
  const report = (): void =>
    onProgress?.({
      ensemble: task.ensemble,
      iteration,
      maxSteps: task.maxSteps,
      meanAcceptance: iteration > 0 ? accepted.reduce((s, v) => s + v, 0) / (W * iteration) : 0,
      ...(tauSeries.length > 0 ? { tau: tauSeries[tauSeries.length - 1] } : {}),
    });
  const done = (): boolean => iteration >= task.maxSteps || (task.untilConverged && converged && iteration >= (task.minSteps ?? 0));
  while (!done()) {
    const target = Math.min(task.maxSteps, (Math.floor(iteration / every) + 1) * every);
    const res = await runSampler({
      logProb: posterior.logProbBatch,
      nwalkers: W,
      ndim: D,
      moves,
      nsteps: target,
      backend,
      parameterNames: posterior.paramNames,
      ...(state ? { resume: state } : { rng: makeRng(task.rng, task.seed), initial: Float64Array.from(task.initial) }),
    });
    iteration = res.iteration;
    accepted = Float64Array.from(res.accepted);
    rngState = res.rngState;
    state = { iteration, coords: Array.from(res.coords), logProb: Array.from(res.logProb), accepted: Array.from(res.accepted), rng: res.rngState };
    if (iteration % every === 0) converged = record(iteration);
    if (done()) warnings.push(...res.warnings);
    report();
  }
  await backend.close();
  if (iteration === start) report();
  if (task.untilConverged && !converged) {
    const last = tauSeries[tauSeries.length - 1];
    warnings.push(
      `ensemble ${task.ensemble} did not converge within ${task.maxSteps} steps (needs N > ${factor}·τ and |Δτ|/τ < ${relTol}; last τ = ${last ? last.map((v) => v.toFixed(1)).join(', ') : 'n/a'}): raise sampler.untilConverged.maxSteps or --max-steps`,
    );
  }
  if (!task.untilConverged && (history.steps.length === 0 || history.steps[history.steps.length - 1] !== iteration)) {
    const t = tauAt(backend.memory.getChain(), iteration, W, D);
    history.steps.push(iteration);
    tauSeries.push(t);
    converged = convergenceCheck(tauSeries, iteration, { factor, relTol }).converged;
  }
  history.tau = Array.from({ length: D }, (_, d) => tauSeries.map((t) => t[d]!));
  return {
    ensemble: task.ensemble,
    chainPath: task.chainPath,
    nsteps: iteration,
    nwalkers: W,
    ndim: D,
    chain: backend.memory.getChain().slice(),
    logProb: backend.memory.getLogProb().slice(),
    acceptanceFraction: Float64Array.from(accepted, (a) => (iteration > 0 ? a / iteration : 0)),
    tauHistory: history,
    converged,
    rngState,
    newSteps: iteration - start,
    warnings,
  };
}
