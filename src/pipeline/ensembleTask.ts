/**
 * One independent ensemble of `nuem run`, driven step by step by the coordinator
 * (src/pipeline/runEnsemblesInStep.ts), the same in a worker thread or in the calling thread (same
 * init ⇒ same chain, bit for bit).
 *
 * The runner samples only when told to (`advance(target)`), so all ensembles of a run move in step
 * and stop at the same length. At every multiple of `checkEvery` it applies the τ rule
 * N > factor·τ and |Δτ|/τ < relTol against the previous check (emcee monitor tutorial,
 * arXiv:1202.3665; Sokal 1997) through {@link TauRuleMonitor}, which computes emcee's τ only where
 * the verdict can matter: not below the minimum length the coordinator asked for (R̂ extension
 * rounds), and parameter by parameter until one fails. The steps it takes leave as
 * row batches (split at HDF5 chunk boundaries, each carrying the resume state after its last
 * row) through `sink`: the coordinator forwards them to the chain-writer thread, off this thread's critical
 * path. A resumed runner gets the rows already on disk and replays the τ updates at the check
 * points they cover, so its τ history — and every decision taken from it — equals the
 * uninterrupted run's.
 * @module
 */
import { TauRuleMonitor } from '../diagnostics/tauRuleMonitor.js';
import { loadAnalysis } from '../experiments/loadAnalysis.js';
import { registerInMemoryFile } from '../util/inMemoryFiles.js';
import { buildPosterior } from '../likelihood/buildPosterior.js';
import type { RngKind, RngState } from '../random/rng.js';
import { ensembleRng } from '../random/seedSequence.js';
import type { ChainBackend, ChainMetadata, ResumeState } from '../sampler/backends/backend.js';
import { makeMoves } from '../sampler/moves/makeMove.js';
import { runSampler } from '../sampler/runSampler.js';
import type { EnsembleRunResult } from '../sampler/parallel/EnsembleRunResult.js';
import type { BatchLogProb, MoveSpec } from '../sampler/types.js';
import type { WeightedMove } from '../sampler/EnsembleStepper.js';

/** JSON-able description of one ensemble (plus, on resume, the rows already on disk). */
export interface EnsembleTask {
  /** absolute path of the analysis file (the runner rebuilds the posterior from it) */
  analysisFile: string;
  /** the analysis file's text when it exists only in memory (read from standard input); registered under `analysisFile` by the runner */
  analysisText?: string;
  /** index of the ensemble (0, 1, …) */
  ensemble: number;
  /** HDF5 chain file (sidecar at `<file>.json`), written by the coordinator */
  chainPath: string;
  /** RNG stream kind and the run seed; the stream is {@link ensembleRng}(rng, seed, ensemble) */
  rng: RngKind;
  seed: number;
  nwalkers: number;
  moves: MoveSpec[];
  /** initial positions, row-major nwalkers × ndim (ignored when resuming) */
  initial: number[];
  /** hard cap on the total steps */
  maxSteps: number;
  /** steps between convergence checks */
  checkEvery: number;
  /** stop early when converged (false: run exactly maxSteps) */
  untilConverged: boolean;
  /** N > factor·τ (default 50) */
  factor?: number;
  /** |Δτ|/τ < relTol (default 0.01) */
  relTol?: number;
  /** continue the existing chain instead of creating a new one */
  resume: boolean;
  /** metadata written to the chain and checked on resume */
  meta: ChainMetadata;
  /** HDF5 chunk length in steps (default 64); row batches end at chunk boundaries */
  chunkSteps?: number;
}

/** What a resumed runner continues from: the persisted state and the rows before it. */
export interface EnsembleResumeData {
  state: ResumeState;
  /** (nsteps, nwalkers, ndim) positions already on disk */
  chain: Float64Array;
  nsteps: number;
  /** the coordinator's extension decisions so far ({@link minStepsAt} replays the minimum lengths the runner was told) */
  extensions?: Array<{ step: number; to: number }>;
}

/**
 * The minimum length in force at check `n`: the target of the latest extension decided before n
 * (0 when none), as the coordinator sends it with each `advance`.
 * @param extensions - extension decisions (step taken, new minimum length)
 * @param n - check point (steps)
 * @returns minimum length in steps
 */
export function minStepsAt(extensions: ReadonlyArray<{ step: number; to: number }>, n: number): number {
  let m = 0;
  for (const e of extensions) if (e.step < n) m = Math.max(m, e.to);
  return m;
}

/** Progress of one ensemble. */
export interface EnsembleProgress {
  ensemble: number;
  iteration: number;
  maxSteps: number;
  meanAcceptance: number;
  /** latest τ per parameter, if estimated */
  tau?: number[];
  /** the τ rule's factor (convergence needs N > factor·τ) when the run samples until converged; absent for a fixed length */
  tauFactor?: number;
}

/** Rows [from, to) of one ensemble and the resume state after row to − 1. */
export interface RowBatch {
  ensemble: number;
  from: number;
  to: number;
  /** (to − from, nwalkers, ndim) positions */
  chain: Float64Array;
  /** (to − from, nwalkers) log-probabilities */
  logProb: Float64Array;
  /** (to − from, nwalkers) per-step 0/1 acceptance */
  accepted: Uint8Array;
  /** state after the last row */
  snapshot: ResumeState;
}

/** What a runner reports when it reached a step the coordinator asked for. */
export interface CheckReport {
  ensemble: number;
  iteration: number;
  /** latest τ computed per parameter (NaN where none yet; the monitor computes τ only where a verdict needs it) */
  tau?: number[];
  /**
   * the τ rule has held at a check of the current round (checks ≥ the coordinator's minimum
   * length) up to the latest check point ≤ iteration — not necessarily at that check
   */
  tauConverged: boolean;
  meanAcceptance: number;
}

/** The runner's part of the result (the coordinator holds the rows). */
export interface EnsembleFinal {
  ensemble: number;
  nsteps: number;
  acceptanceFraction: Float64Array;
  rngState: RngState;
  /** τ per parameter at each step where the monitor computed any (NaN where it did not need that parameter), always complete at the last step */
  tauHistory: { steps: number[]; tau: number[][] };
  converged: boolean;
  warnings: string[];
  /** wall seconds this runner spent sampling (steps, batching) and monitoring (τ updates and the rule) */
  timing: { samplingS: number; monitoringS: number };
}

/** Result of an ensemble of `nuem run`: the common {@link EnsembleRunResult} (every step, including resumed ones) plus the ensemble's τ history and convergence. */
export interface EnsembleTaskResult extends EnsembleRunResult {
  ensemble: number;
  chainPath: string;
  /** τ per parameter at each check point */
  tauHistory: { steps: number[]; tau: number[][] };
  converged: boolean;
  /** steps taken in this call (0 when a resumed run was already finished) */
  newSteps: number;
}

/** Largest runner position store allocated up front (bytes of virtual memory; only written rows become resident). */
const MAX_PREALLOC_BYTES = 512 * 2 ** 20;

/** The monitor's rows (one per step) turned into one τ series per parameter. */
function historyByParameter(h: { steps: number[]; tau: number[][] }, D: number): { steps: number[]; tau: number[][] } {
  return { steps: h.steps, tau: Array.from({ length: D }, (_, d) => h.tau.map((row) => row[d]!)) };
}

/** A growable (steps, width) row store. */
class Rows {
  data: Float64Array;
  n = 0;
  constructor(readonly width: number, capacity: number) {
    this.data = new Float64Array(Math.max(1, capacity) * width);
  }
  push(row: ArrayLike<number>): void {
    if ((this.n + 1) * this.width > this.data.length) {
      const d = new Float64Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data.set(row, this.n * this.width);
    this.n++;
  }
}

/** Chain backend of a runner: keeps positions for τ and hands rows on in chunk-aligned batches. */
class BatchingBackend implements ChainBackend {
  private from: number;
  private readonly logProbBuf: Rows;
  private acc: Uint8Array;
  private accN = 0;
  private last: (() => ResumeState) | null = null;

  constructor(
    readonly memory: Rows,
    private readonly W: number,
    private readonly chunkSteps: number,
    private readonly ensemble: number,
    private readonly sink: (b: RowBatch) => void,
  ) {
    this.from = memory.n;
    this.logProbBuf = new Rows(W, chunkSteps);
    this.acc = new Uint8Array(chunkSteps * W);
  }

  get iteration(): number {
    return this.memory.n;
  }

  async create(): Promise<void> {}

  async openForResume(): Promise<ResumeState> {
    throw new Error('BatchingBackend: resume goes through the runner');
  }

  append(coords: Float64Array, logProb: Float64Array, accepted: Uint8Array, snapshot: () => ResumeState): void {
    this.memory.push(coords);
    this.logProbBuf.push(logProb);
    if ((this.accN + 1) * this.W > this.acc.length) {
      const a = new Uint8Array(this.acc.length * 2);
      a.set(this.acc);
      this.acc = a;
    }
    this.acc.set(accepted, this.accN * this.W);
    this.accN++;
    this.last = snapshot;
    if (this.memory.n % this.chunkSteps === 0) this.emit();
  }

  private emit(): void {
    const k = this.memory.n - this.from;
    if (k === 0 || !this.last) return;
    this.sink({
      ensemble: this.ensemble,
      from: this.from,
      to: this.from + k,
      // the batch's positions are the last k rows of the runner's store (copied once, here)
      chain: this.memory.data.slice(this.from * this.memory.width, this.memory.n * this.memory.width),
      logProb: this.logProbBuf.data.slice(0, k * this.W),
      accepted: this.acc.slice(0, k * this.W),
      snapshot: this.last(),
    });
    this.from += k;
    this.logProbBuf.n = 0;
    this.accN = 0;
    this.last = null;
  }

  async flush(): Promise<void> {
    this.emit();
  }

  async close(): Promise<void> {
    this.emit();
  }
}

/**
 * One ensemble of `nuem run` (see module doc). Create with {@link EnsembleRunner.start}.
 */
export class EnsembleRunner {
  private readonly memory: Rows;
  private readonly monitor: TauRuleMonitor;
  /** check points reached, and the τ rule's verdict there (null: not evaluated, below the minimum length) */
  private readonly steps: number[] = [];
  private readonly verdicts: Array<boolean | null> = [];
  /** the last check at which τ was evaluated and the rule held (−1: none) */
  private lastMet = -1;
  private state: ResumeState | null;
  private readonly started: number;
  private readonly warnings: string[] = [];
  private lastWarnings: string[] = [];
  private samplingMs = 0;
  private monitoringMs = 0;

  private constructor(
    readonly task: EnsembleTask,
    private readonly logProb: BatchLogProb,
    private readonly moves: WeightedMove[],
    private readonly parameterNames: readonly string[],
    private readonly D: number,
    private readonly sink: (b: RowBatch) => void,
    resume: EnsembleResumeData | undefined,
  ) {
    const W = task.nwalkers;
    // room for every step up front (capped at ≈ 512 MB): the pages are touched only as rows arrive,
    // while growing by doubling would fault in and copy each new block again
    this.memory = new Rows(W * D, Math.min(task.maxSteps, Math.max(4096, Math.floor(MAX_PREALLOC_BYTES / (8 * W * D)))));
    this.monitor = new TauRuleMonitor(W, D, { checkEvery: task.checkEvery, factor: task.factor ?? 50, relTol: task.relTol ?? 0.01 });
    this.state = resume?.state ?? null;
    if (resume) {
      for (let t = 0; t < resume.nsteps; t++) this.memory.push(resume.chain.subarray(t * W * D, (t + 1) * W * D));
      const ext = resume.extensions ?? [];
      for (let c = task.checkEvery; c <= resume.nsteps; c += task.checkEvery) this.check(c, minStepsAt(ext, c));
    }
    this.started = this.memory.n;
  }

  /**
   * Builds the posterior and the generator and, on resume, replays the τ checks of the rows given.
   * @param task - the ensemble
   * @param sink - receives the new rows in chunk-aligned batches
   * @param resume - persisted state and rows (resume only)
   * @returns the runner, positioned at the last persisted step
   */
  static start(task: EnsembleTask, sink: (b: RowBatch) => void, resume?: EnsembleResumeData): EnsembleRunner {
    if (task.analysisText !== undefined) registerInMemoryFile(task.analysisFile, task.analysisText);
    const analysis = loadAnalysis(task.analysisFile);
    const posterior = buildPosterior(analysis);
    return new EnsembleRunner(task, posterior.logProbBatch, makeMoves(task.moves, posterior.paramNames), posterior.paramNames, posterior.paramNames.length, sink, resume);
  }

  /** Steps in the chain so far. */
  get iteration(): number {
    return this.memory.n;
  }

  private check(n: number, minSteps: number): void {
    const t0 = performance.now();
    const need = this.task.untilConverged ? minSteps : Infinity;
    this.steps.push(n);
    // once this ensemble has met the τ rule at a check of the current round (≥ minSteps), the rest
    // of the round's checks are recorded as met without evaluating τ: the coordinator stops when
    // every ensemble has met the rule once in the round (src/pipeline/runEnsemblesInStep.ts), so
    // its later verdicts would not change anything (the τ history gets its points in `final`).
    // A resumed run replays the same.
    const metInRound = this.lastMet >= need;
    const v = n < need ? null : metInRound ? true : this.monitor.check(this.memory.data, n, need);
    if (v === true && !metInRound) this.lastMet = n;
    this.verdicts.push(v);
    this.monitoringMs += performance.now() - t0;
  }

  private meanAcceptance(n: number): number {
    if (!this.state || n === 0) return 0;
    return this.state.accepted.reduce((s, v) => s + v, 0) / (this.task.nwalkers * this.state.iteration);
  }

  private report(n: number): CheckReport {
    let i = this.steps.length - 1;
    while (i >= 0 && this.steps[i]! > n) i--;
    const at = i >= 0 && this.steps[i] === n;
    const tau = this.monitor.latest();
    return {
      ensemble: this.task.ensemble,
      iteration: n,
      ...(at && tau.some((v) => !Number.isNaN(v)) ? { tau } : {}),
      tauConverged: i >= 0 ? this.verdicts[i] === true : false,
      meanAcceptance: this.meanAcceptance(n),
    };
  }

  /**
   * Samples up to `target` total steps (nothing when the chain is already that long, e.g. after a
   * resume) and reports τ and the τ rule there.
   * @param target - total steps; a multiple of checkEvery, or maxSteps
   * @param minSteps - the coordinator's current minimum length: the τ rule is not evaluated at
   *   checks below it (default 0)
   * @returns the report at `target`
   */
  async advance(target: number, minSteps = 0): Promise<CheckReport> {
    const task = this.task;
    const every = task.checkEvery;
    if (target > this.memory.n) {
      const from = this.memory.n;
      const backend = new BatchingBackend(this.memory, task.nwalkers, task.chunkSteps ?? 64, task.ensemble, this.sink);
      const t0 = performance.now();
      const res = await runSampler({
        logProb: this.logProb,
        nwalkers: task.nwalkers,
        ndim: this.D,
        moves: this.moves,
        nsteps: target,
        backend,
        parameterNames: this.parameterNames,
        progressEvery: Number.MAX_SAFE_INTEGER,
        ...(this.state ? { resume: this.state } : { rng: ensembleRng(task.rng, task.seed, task.ensemble), initial: Float64Array.from(task.initial) }),
      });
      this.samplingMs += performance.now() - t0;
      this.state = { iteration: res.iteration, coords: Array.from(res.coords), logProb: Array.from(res.logProb), accepted: Array.from(res.accepted), rng: res.rngState };
      this.lastWarnings = res.warnings;
      for (let c = (Math.floor(from / every) + 1) * every; c <= target; c += every) this.check(c, minSteps);
    }
    return this.report(target);
  }

  /**
   * The runner's result at its current length; adds τ at the last step when that is not a check point.
   * @returns acceptance, generator state, τ history, the τ rule's verdict and warnings
   */
  final(): EnsembleFinal {
    const n = this.memory.n;
    const W = this.task.nwalkers;
    const D = this.D;
    const t0 = performance.now();
    // the verdict at the last check point, when the run ended below the minimum length it was
    // evaluated at (a step cap inside an R̂ round), is still reported
    const last = this.verdicts.length - 1;
    if (n > 0) this.monitor.fillHistory(this.memory.data, n, last >= 0 ? [this.steps[last]! - this.task.checkEvery, this.steps[last]!] : []);
    if (last >= 0 && this.verdicts[last] === null) this.verdicts[last] = this.monitor.check(this.memory.data, this.steps[last]!, 0);
    const finalTau = n > 0 ? Array.from(this.monitor.complete(this.memory.data, n)) : [];
    this.monitoringMs += performance.now() - t0;
    // converged: the τ rule held at a check of the last round (verdicts stay true for the rest of the
    // round once it held), or at the last check (a cap inside an R̂ round)
    const converged = last >= 0 && this.report(n).tauConverged;
    const accepted = this.state?.accepted ?? new Array<number>(W).fill(0);
    const warnings = [...this.warnings, ...this.lastWarnings];
    const factor = this.task.factor ?? 50;
    const relTol = this.task.relTol ?? 0.01;
    if (this.task.untilConverged && !converged) {
      warnings.push(
        `ensemble ${this.task.ensemble} did not converge within ${n} steps (needs N > ${factor}·τ and |Δτ|/τ < ${relTol}; last τ = ${finalTau.length ? finalTau.map((v) => v.toFixed(1)).join(', ') : 'n/a'}): raise sampler.untilConverged.maxSteps or --max-steps`,
      );
    }
    return {
      ensemble: this.task.ensemble,
      nsteps: n,
      acceptanceFraction: Float64Array.from(accepted, (a) => (n > 0 ? a / n : 0)),
      rngState: (this.state?.rng as RngState | undefined) ?? ensembleRng(this.task.rng, this.task.seed, this.task.ensemble).getState(),
      tauHistory: historyByParameter(this.monitor.history(), D),
      converged,
      warnings,
      timing: { samplingS: this.samplingMs / 1000, monitoringS: this.monitoringMs / 1000 },
    };
  }

  /** Steps this runner took itself (not loaded on resume). */
  get newSteps(): number {
    return this.memory.n - this.started;
  }

  /**
   * The positions so far, (iteration, nwalkers, ndim) row-major: a view of the runner's own store
   * (no copy; valid until the next `advance`, which may reallocate it), for a coordinator in the
   * same thread.
   */
  get chain(): Float64Array {
    return this.memory.data.subarray(0, this.memory.n * this.task.nwalkers * this.D);
  }
}
