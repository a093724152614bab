/**
 * One independent *tempered* ensemble of `nuem run --temperatures N`: the same JSON-able task as
 * {@link EnsembleTask} plus the ladder, run in segments of `checkEvery` steps until the β = 1 chain
 * meets the same convergence rule (N > factor·τ, |Δτ|/τ < relTol) or `maxSteps`.
 *
 * Files: rung 0 (β = 1) is the usual `<run>.e<k>.h5` (emcee layout + sidecar); rung t ≥ 1 is
 * `<run>.e<k>.t<t>.h5`. All rungs store untempered ln π + ln L as `log_prob` (src/sampler/tempering/
 * runTempered.ts), so the per-step ⟨ln L⟩ of every rung — the input of the evidence — is rebuilt
 * from the files on resume. A nested model (one physics parameter fixed, e.g. q = 0, for the
 * evidence Bayes factor) runs the same way with `fix` and `memoryOnly` (no files).
 * @module
 */
import { autocorrTime } from '../diagnostics/autocorrTime.js';
import { convergenceCheck } from '../diagnostics/convergenceCheck.js';
import { loadAnalysis } from '../experiments/loadAnalysis.js';
import { buildPosterior, type Posterior } from '../likelihood/buildPosterior.js';
import type { RngState } from '../random/rng.js';
import type { ChainBackend, ResumeState } from '../sampler/backends/backend.js';
import { Hdf5Backend } from '../sampler/backends/hdf5Backend.js';
import { MemoryBackend } from '../sampler/backends/memoryBackend.js';
import { readChain } from '../sampler/backends/readChain.js';
import { priorLogPdf, type SampledParameter } from '../sampler/priors.js';
import { runTempered } from '../sampler/tempering/runTempered.js';
import type { TemperedState, TemperedTarget } from '../sampler/tempering/TemperedEnsemble.js';
import type { BatchLogProb } from '../sampler/types.js';
import type { EnsembleProgress, EnsembleTask, EnsembleTaskResult } from './ensembleTask.js';
import { MirrorBackend } from './mirrorBackend.js';

/** A tempered ensemble task. */
export interface TemperedTask extends EnsembleTask {
  /** initial ladder, β = 1 first (last 0 for the evidence) */
  betas: number[];
  /** adapt the ladder during the first `adaptSteps` steps (0: never) */
  adaptSteps: number;
  /** run a nested model: this coordinate (index into the full model's coordinates) fixed at `value` */
  fix?: { index: number; value: number };
  /** keep every rung in memory only (nested-model runs) */
  memoryOnly?: boolean;
  /** run at least this many steps even when converged earlier (R̂ extensions, nested models as long as the full one) */
  minSteps?: number;
}

/** What a tempered task adds to an {@link EnsembleTaskResult}. */
export interface TemperedTaskResult extends EnsembleTaskResult {
  tempering: {
    /** ladder at the end (fixed after `adaptSteps`) */
    betas: number[];
    adaptSteps: number;
    /** accepted / proposed swaps per adjacent pair (pair t − 1, t at index t − 1), whole run */
    swapAcceptance: number[];
    /** walker-mean ln L and ln² L per step and rung, row-major (nsteps × T), every step of the run */
    meanLogLikelihood: Float64Array;
    meanSquareLogLikelihood: Float64Array;
    /** chain files of the rungs (empty for memory-only runs) */
    rungPaths: string[];
  };
}

/**
 * Path of rung t's chain file.
 * @param chainPath - the β = 1 chain file `<run>.e<k>.h5`
 * @param t - rung index (0 is the chain itself)
 * @returns `<run>.e<k>.t<t>.h5` for t ≥ 1
 */
export function rungPath(chainPath: string, t: number): string {
  return t === 0 ? chainPath : chainPath.replace(/\.h5$/, '') + `.t${t}.h5`;
}

/**
 * The tempered target of an analysis posterior (optionally with one coordinate fixed).
 * @param parameters - the posterior's sampled parameters (priors)
 * @param logLikelihood - the posterior's batched ln L over the full coordinates
 * @param fix - a coordinate fixed at a value (nested model)
 * @returns ln π and ln L over the (reduced) coordinates
 */
export function temperedTarget(parameters: readonly SampledParameter[], logLikelihood: BatchLogProb, fix?: { index: number; value: number }): TemperedTarget {
  const D = parameters.length;
  const kept = parameters.map((_, d) => d).filter((d) => !fix || d !== fix.index);
  const priors = kept.map((d) => parameters[d]!.prior);
  const Dr = kept.length;
  let full = new Float64Array(0);
  return {
    logPrior: (x, n, out) => {
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let k = 0; k < Dr && s !== -Infinity; k++) s += priorLogPdf(priors[k]!, x[i * Dr + k]!);
        out[i] = s;
      }
    },
    logLikelihood: !fix
      ? logLikelihood
      : (x, n, out) => {
          if (full.length < n * D) full = new Float64Array(n * D);
          for (let i = 0; i < n; i++) {
            for (let k = 0; k < Dr; k++) full[i * D + kept[k]!] = x[i * Dr + k]!;
            full[i * D + fix.index] = fix.value;
          }
          logLikelihood(full, n, out);
        },
  };
}

function tauAt(chain: Float64Array, n: number, W: number, D: number): number[] {
  return Array.from(autocorrTime(chain.subarray(0, n * W * D), n, W, D, { tol: 0, quiet: true }));
}

/**
 * Runs one tempered ensemble (module doc).
 * @param task - the run description
 * @param onProgress - called after every segment
 * @param built - the posterior of `task.analysisFile` when the caller has built it already (same thread)
 * @returns the β = 1 chain with its τ history and convergence, plus the tempering record
 */
export async function runTemperedTask(task: TemperedTask, onProgress?: (p: EnsembleProgress) => void, built?: Posterior): Promise<TemperedTaskResult> {
  const posterior = built ?? buildPosterior(loadAnalysis(task.analysisFile));
  const target = temperedTarget(posterior.parameters, posterior.logLikelihoodBatch, task.fix);
  const W = task.nwalkers;
  const D = posterior.paramNames.length - (task.fix ? 1 : 0);
  const names = posterior.paramNames.filter((_, d) => !task.fix || d !== task.fix.index);
  const T = task.betas.length;
  const factor = task.factor ?? 50;
  const relTol = task.relTol ?? 0.01;
  const every = task.checkEvery;
  const paths = Array.from({ length: T }, (_, t) => rungPath(task.chainPath, t));
  const cold = new MirrorBackend(task.memoryOnly ? new MemoryBackend() : new Hdf5Backend(paths[0]!, { chunkSteps: task.chunkSteps ?? 64 }));
  const backends: ChainBackend[] = [cold, ...paths.slice(1).map((p) => (task.memoryOnly ? new MemoryBackend() : new Hdf5Backend(p, { chunkSteps: task.chunkSteps ?? 64 })))];
  const metaOf = (t: number) => ({ ...task.meta, parameterNames: names, ndim: D, settings: { ...task.meta.settings, tempering: { rung: t, initialBetas: task.betas, adaptSteps: task.adaptSteps } } });
  const meanLL: number[] = [];
  const meanSq: number[] = [];
  let resume: ResumeState[] | undefined;
  const history: { steps: number[]; tau: number[][] } = { steps: [], tau: [] };
  const tauSeries: number[][] = [];
  const record = (n: number): boolean => {
    const t = tauAt(cold.memory.getChain(), n, W, D);
    history.steps.push(n);
    tauSeries.push(t);
    return convergenceCheck(tauSeries, n, { factor, relTol }).converged;
  };
  let converged = false;
  let start = 0;
  if (task.resume && !task.memoryOnly) {
    resume = [];
    for (let t = 0; t < T; t++) {
      const st = t === 0 ? await cold.openForResume(metaOf(0)) : await backends[t]!.openForResume(metaOf(t));
      resume.push(st);
    }
    start = Math.min(...resume.map((r) => r.iteration));
    // per-step ⟨ln L⟩ of every rung from the files: ln L = log_prob − ln π
    const lp = new Float64Array(W);
    const perRung: Float64Array[][] = [];
    for (let t = 0; t < T; t++) {
      const c = await readChain(paths[t]!);
      if (t === 0) cold.preload(c.chain, c.logProb, start, W, D);
      const m = new Float64Array(start);
      const q = new Float64Array(start);
      for (let s = 0; s < start; s++) {
        target.logPrior(c.chain.subarray(s * W * D, (s + 1) * W * D), W, lp);
        let a = 0;
        let b = 0;
        for (let w = 0; w < W; w++) {
          const l = c.logProb[s * W + w]! - lp[w]!;
          a += l;
          b += l * l;
        }
        m[s] = a / W;
        q[s] = b / W;
      }
      perRung.push([m, q]);
    }
    for (let s = 0; s < start; s++) {
      for (let t = 0; t < T; t++) {
        meanLL.push(perRung[t]![0]![s]!);
        meanSq.push(perRung[t]![1]![s]!);
      }
    }
    for (let c = every; c <= start; c += every) converged = record(c);
  } else {
    for (let t = 0; t < T; t++) await backends[t]!.create(metaOf(t));
  }
  let iteration = start;
  let rngState: RngState | undefined;
  let state: TemperedState | undefined;
  let swapAcc: number[] = [];
  const warnings: string[] = [];
  const acceptedOf = (): Float64Array => Float64Array.from(state ? state.accepted[0]! : new Array<number>(W).fill(0));
  const report = (): void =>
    onProgress?.({
      ensemble: task.ensemble,
      iteration,
      maxSteps: task.maxSteps,
      meanAcceptance: iteration > 0 ? acceptedOf().reduce((s, v) => s + v, 0) / (W * iteration) : 0,
      ...(tauSeries.length > 0 ? { tau: tauSeries[tauSeries.length - 1] } : {}),
    });
  const done = (): boolean => iteration >= task.maxSteps || (task.untilConverged && converged && iteration >= Math.max(task.minSteps ?? 0, 2 * task.adaptSteps));
  let first = true;
  const initial = task.fix ? dropCoordinate(task.initial, W, D + 1, task.fix.index) : task.initial;
  while (!done()) {
    const targetSteps = Math.min(task.maxSteps, (Math.floor(iteration / every) + 1) * every);
    const res = await runTempered({
      target,
      nwalkers: W,
      ndim: D,
      moves: task.moves,
      betas: state?.betas ?? task.betas,
      ...(task.adaptSteps > 0 ? { adaptation: { lag: 10000, time: 100, until: task.adaptSteps } } : {}),
      rng: task.rng,
      seed: task.seed,
      ensemble: task.ensemble,
      initial,
      nsteps: targetSteps,
      backends,
      parameterNames: names,
      ...(first && resume ? { resume } : state ? { resume: backends.map(() => ({ iteration, coords: [], logProb: [], accepted: [], rng: { kind: 'parallel-tempering', rung: 0, rng: rngState!, state: state! } })) } : {}),
    });
    first = false;
    for (const v of res.meanLogLikelihood) meanLL.push(v);
    for (const v of res.meanSquareLogLikelihood) meanSq.push(v);
    iteration = res.iteration;
    rngState = res.rngState;
    state = res.state;
    swapAcc = state.swapsAccepted.map((a) => (state!.swapsProposed > 0 ? a / state!.swapsProposed : 0));
    if (iteration % every === 0) converged = record(iteration);
    report();
  }
  for (const b of backends) await b.close();
  if (!state) {
    // a resumed run that was already finished: the state is the saved one
    const tag = resume?.[0]?.rng as { state: TemperedState; rng: RngState } | undefined;
    state = tag?.state;
    rngState = tag?.rng;
    swapAcc = state ? state.swapsAccepted.map((a) => (state!.swapsProposed > 0 ? a / state!.swapsProposed : 0)) : [];
    report();
  }
  if (task.untilConverged && !converged) {
    const last = tauSeries[tauSeries.length - 1];
    warnings.push(
      `tempered ensemble ${task.ensemble}${task.fix ? ' (nested model)' : ''} did not converge within ${task.maxSteps} steps (needs N > ${factor}·τ and |Δτ|/τ < ${relTol}; last τ = ${last ? last.map((v) => v.toFixed(1)).join(', ') : 'n/a'}): raise sampler.untilConverged.maxSteps or --max-steps`,
    );
  }
  if (!task.untilConverged && (history.steps.length === 0 || history.steps[history.steps.length - 1] !== iteration)) {
    const t = tauAt(cold.memory.getChain(), iteration, W, D);
    history.steps.push(iteration);
    tauSeries.push(t);
    converged = convergenceCheck(tauSeries, iteration, { factor, relTol }).converged;
  }
  history.tau = Array.from({ length: D }, (_, d) => tauSeries.map((t) => t[d]!));
  const accepted = acceptedOf();
  return {
    ensemble: task.ensemble,
    chainPath: task.chainPath,
    nsteps: iteration,
    nwalkers: W,
    ndim: D,
    chain: cold.memory.getChain().slice(),
    logProb: cold.memory.getLogProb().slice(),
    acceptanceFraction: Float64Array.from(accepted, (a) => (iteration > 0 ? a / iteration : 0)),
    tauHistory: history,
    converged,
    rngState: rngState!,
    newSteps: iteration - start,
    warnings,
    tempering: {
      betas: state ? state.betas.slice() : task.betas.slice(),
      adaptSteps: task.adaptSteps,
      swapAcceptance: swapAcc,
      meanLogLikelihood: Float64Array.from(meanLL),
      meanSquareLogLikelihood: Float64Array.from(meanSq),
      rungPaths: task.memoryOnly ? [] : paths,
    },
  };
}

function dropCoordinate(x: readonly number[], W: number, D: number, index: number): number[] {
  const out: number[] = [];
  for (let w = 0; w < W; w++) for (let d = 0; d < D; d++) if (d !== index) out.push(x[w * D + d]!);
  return out;
}
