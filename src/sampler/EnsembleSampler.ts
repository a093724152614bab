/**
 * emcee-style front end of the ensemble sampler for library users: a log-probability of one
 * point, `new EnsembleSampler(nwalkers, ndim, logProb, { seed })`, `await runMcmc(p0, nsteps)`,
 * then `getChain({ discard, thin, flat })`, `acceptanceFraction` and `getAutocorrTime()` with
 * emcee's meanings. The work is done by {@link runSampler} with a {@link MemoryBackend}; with the
 * default `rng: 'emcee'` and the default stretch move the chain is emcee 3.1.4's for the same
 * seed (numpy `RandomState(seed)` stream), as the golden tests in test/sampler check.
 * Reference: Foreman-Mackey et al. 2013 (arXiv:1202.3665); Goodman & Weare 2010
 * (doi:10.2140/camcos.2010.5.65).
 * @module
 */
import { autocorrTime } from '../diagnostics/autocorrTime.js';
import { makeRng } from '../random/makeRng.js';
import type { RngKind, RngState } from '../random/rng.js';
import type { ResumeState } from './backends/backend.js';
import { MemoryBackend } from './backends/memoryBackend.js';
import type { WeightedMove } from './EnsembleStepper.js';
import { makeMoves, parseMoveSpec } from './moves/makeMove.js';
import { StretchMove } from './moves/stretchMove.js';
import { runSampler, type ProgressInfo, type UntilConverged } from './runSampler.js';
import { SamplerError } from './SamplerError.js';
import type { BatchLogProb, Move } from './types.js';

/** Log-probability of one point θ (length ndim): ln p(θ) up to a constant; −∞ outside the support. */
export type LogProbFn = (theta: Float64Array) => number;

/** Options of {@link EnsembleSampler}. */
export interface EnsembleSamplerOptions {
  /** seed in [0, 2³² − 1] of the generator (default 0, as numpy `RandomState(0)`) */
  seed?: number;
  /** `emcee` (numpy legacy stream, bit-for-bit emcee, default) or `default` (faster ziggurat normals) */
  rng?: RngKind;
  /**
   * moves: a spec string as in `nuem sample --moves` (e.g. `de:0.8,desnooker:0.2`), one move, or
   * weighted moves (default: emcee's stretch move, a = 2)
   */
  moves?: string | Move | WeightedMove[];
  /** the log-probability already takes a batch (n × ndim row-major, writes n values to `out`) */
  vectorized?: boolean;
  /** parameter names (used in error messages) */
  parameterNames?: readonly string[];
}

/** Options of {@link EnsembleSampler.runMcmc}. */
export interface RunMcmcOptions {
  /** stop early by emcee's autocorrelation rule (the run's `nsteps` is then the cap) */
  untilConverged?: Omit<UntilConverged, 'maxSteps'>;
  /** progress callback (every `progressEvery` steps and at the end) */
  onProgress?: (p: ProgressInfo) => void;
  progressEvery?: number;
  /** skip emcee's check that the initial ensemble is not degenerate */
  skipInitialStateCheck?: boolean;
}

/** Options of {@link EnsembleSampler.getChain} and {@link EnsembleSampler.getLogProb} (emcee `get_chain`). */
export interface GetChainOptions {
  /** leading steps dropped (default 0) */
  discard?: number;
  /** keep every `thin`-th step (default 1) */
  thin?: number;
  /** merge steps and walkers into one axis (default false) */
  flat?: boolean;
}

/** Where a run ended: positions, log-probabilities and the generator state (emcee `State`). */
export interface SamplerState {
  /** positions, nwalkers × ndim */
  coords: number[][];
  /** ln p of each walker */
  logProb: number[];
  /** generator state after the last step (continues the stream bit for bit) */
  rngState: RngState;
}

/**
 * emcee's `EnsembleSampler` for a user's log-probability (see the module doc).
 *
 * @example
 * ```ts
 * const s = new EnsembleSampler(32, 2, (x) => -0.5 * (x[0]! ** 2 + x[1]! ** 2), { seed: 42 });
 * await s.runMcmc(p0, 2000);
 * const draws = s.getChain({ discard: 500, flat: true }); // number[][] (draws × ndim)
 * ```
 */
export class EnsembleSampler {
  /** walkers in the ensemble */
  readonly nwalkers: number;
  /** parameters per walker */
  readonly ndim: number;
  private readonly batch: BatchLogProb;
  private readonly moves: WeightedMove[];
  private readonly rngKind: RngKind;
  private readonly seed: number;
  private readonly names?: readonly string[];
  private readonly backend = new MemoryBackend();
  private state: ResumeState | null = null;
  private acceptedTotal = new Float64Array(0);

  /**
   * @param nwalkers - number of walkers (≥ 2·ndim, even numbers as in emcee)
   * @param ndim - number of parameters
   * @param logProb - ln p(θ) of one point (or of a batch with `vectorized: true`)
   * @param opts - seed, generator kind, moves
   */
  constructor(nwalkers: number, ndim: number, logProb: LogProbFn | BatchLogProb, opts: EnsembleSamplerOptions = {}) {
    if (!Number.isInteger(nwalkers) || nwalkers < 1) throw new SamplerError(`nwalkers must be a positive integer, got ${nwalkers}`, 'pass e.g. 32');
    if (!Number.isInteger(ndim) || ndim < 1) throw new SamplerError(`ndim must be a positive integer, got ${ndim}`, 'pass the number of parameters');
    this.nwalkers = nwalkers;
    this.ndim = ndim;
    this.seed = opts.seed ?? 0;
    this.rngKind = opts.rng ?? 'emcee';
    this.names = opts.parameterNames;
    if (opts.vectorized) this.batch = logProb as BatchLogProb;
    else {
      const one = logProb as LogProbFn;
      this.batch = (coords, n, out) => {
        for (let i = 0; i < n; i++) out[i] = one(coords.subarray(i * ndim, (i + 1) * ndim));
      };
    }
    const m = opts.moves;
    this.moves = m === undefined ? [{ move: new StretchMove(), weight: 1 }] : typeof m === 'string' ? makeMoves(parseMoveSpec(m)) : Array.isArray(m) ? m : [{ move: m, weight: 1 }];
  }

  /** steps taken so far */
  get iteration(): number {
    return this.backend.iteration;
  }

  /** accepted proposals / steps, per walker (emcee `acceptance_fraction`) */
  get acceptanceFraction(): number[] {
    const n = this.iteration;
    return Array.from(this.acceptedTotal, (a) => (n > 0 ? a / n : 0));
  }

  /**
   * Advances the ensemble by `nsteps` steps (emcee `run_mcmc`). The first call needs the initial
   * positions; later calls continue from where the previous one stopped (pass `null`), with the
   * same random stream, so two runs of 500 steps give the chain of one run of 1000.
   *
   * @param initial - nwalkers × ndim start positions (rows, or one row-major array), or `null` to continue
   * @param nsteps - steps to add
   * @param opts - convergence stopping, progress
   * @returns the state after the last step
   */
  async runMcmc(initial: ArrayLike<ArrayLike<number>> | ArrayLike<number> | null, nsteps: number, opts: RunMcmcOptions = {}): Promise<SamplerState> {
    if (!Number.isInteger(nsteps) || nsteps < 0) throw new SamplerError(`nsteps must be a non-negative integer, got ${nsteps}`, 'pass a whole number of steps');
    const W = this.nwalkers;
    const D = this.ndim;
    const start = this.iteration;
    let p0: Float64Array | undefined;
    if (initial !== null) {
      p0 = flattenInitial(initial, W, D);
      if (start > 0) throw new SamplerError('runMcmc: the sampler already holds a chain', 'pass null as the initial state to continue it, or make a new EnsembleSampler');
    } else if (!this.state) throw new SamplerError('runMcmc: nothing to continue', 'pass the initial positions (nwalkers × ndim) on the first call');
    if (start === 0) {
      await this.backend.create({ parameterNames: [...(this.names ?? Array.from({ length: D }, (_, d) => `param_${d}`))], analysisId: 'library', modelHash: '', nwalkers: W, ndim: D, seed: this.seed });
    }
    const uc = opts.untilConverged ? { ...opts.untilConverged, maxSteps: start + nsteps } : undefined;
    const result = await runSampler({
      logProb: this.batch,
      nwalkers: W,
      ndim: D,
      moves: this.moves,
      rng: this.state ? undefined : makeRng(this.rngKind, this.seed),
      initial: p0,
      resume: this.state ?? undefined,
      nsteps: start + nsteps,
      backend: this.backend,
      untilConverged: uc,
      onProgress: opts.onProgress,
      progressEvery: opts.progressEvery,
      parameterNames: this.names,
      skipInitialStateCheck: opts.skipInitialStateCheck,
    });
    this.acceptedTotal = Float64Array.from(result.accepted);
    this.state = {
      iteration: result.iteration,
      coords: Array.from(result.coords),
      logProb: Array.from(result.logProb),
      accepted: Array.from(result.accepted),
      rng: result.rngState,
    };
    return this.getLastSample();
  }

  /**
   * The stored positions (emcee `get_chain`): `[step][walker][param]`, or `[draw][param]` with
   * `flat` (steps and walkers merged, step-major as emcee).
   *
   * @param opts - discard, thin, flat
   * @returns the positions as nested arrays
   */
  getChain(opts: { discard?: number; thin?: number; flat: true }): number[][];
  getChain(opts?: { discard?: number; thin?: number; flat?: false }): number[][][];
  getChain(opts: GetChainOptions = {}): number[][] | number[][][] {
    const { discard, thin } = this.checkSlice(opts);
    const a = this.backend.getChain(discard, thin);
    const W = this.nwalkers;
    const D = this.ndim;
    const rows = a.length / D;
    const flat: number[][] = [];
    for (let r = 0; r < rows; r++) flat.push(Array.from(a.subarray(r * D, (r + 1) * D)));
    if (opts.flat) return flat;
    const out: number[][][] = [];
    for (let t = 0; t < rows / W; t++) out.push(flat.slice(t * W, (t + 1) * W));
    return out;
  }

  /**
   * The stored log-probabilities (emcee `get_log_prob`): `[step][walker]`, or one array with `flat`.
   *
   * @param opts - discard, thin, flat
   * @returns ln p per stored step and walker
   */
  getLogProb(opts: { discard?: number; thin?: number; flat: true }): number[];
  getLogProb(opts?: { discard?: number; thin?: number; flat?: false }): number[][];
  getLogProb(opts: GetChainOptions = {}): number[] | number[][] {
    const { discard, thin } = this.checkSlice(opts);
    const lp = this.backend.getLogProb();
    const W = this.nwalkers;
    const rows: number[][] = [];
    for (let t = discard + thin - 1; t < this.iteration; t += thin) rows.push(Array.from(lp.subarray(t * W, (t + 1) * W)));
    return opts.flat ? rows.flat() : rows;
  }

  /**
   * Integrated autocorrelation time per parameter (emcee `get_autocorr_time`: Sokal's automatic
   * window with c = 5 on the walker-averaged autocorrelation function; Goodman & Weare 2010).
   *
   * @param opts - discard, thin; `tol` (default 50: throws when the chain is shorter than tol·τ;
   *   0 returns the estimate anyway, as emcee's `quiet=True`)
   * @returns τ in steps, one per parameter
   */
  getAutocorrTime(opts: { discard?: number; thin?: number; tol?: number } = {}): number[] {
    const { discard, thin } = this.checkSlice(opts);
    const tol = opts.tol ?? 50;
    return Array.from(autocorrTime(this.backend.getChain(), this.iteration, this.nwalkers, this.ndim, { tol, quiet: tol === 0, discard, thin }));
  }

  /**
   * Where the last run ended (emcee `get_last_sample`).
   *
   * @returns positions, log-probabilities and generator state
   */
  getLastSample(): SamplerState {
    if (!this.state) throw new SamplerError('getLastSample: the sampler has not run', 'call runMcmc first');
    const D = this.ndim;
    const c = this.state.coords;
    return {
      coords: Array.from({ length: this.nwalkers }, (_, w) => c.slice(w * D, (w + 1) * D)),
      logProb: [...this.state.logProb],
      rngState: this.state.rng as RngState,
    };
  }

  private checkSlice(opts: { discard?: number; thin?: number }): { discard: number; thin: number } {
    const discard = opts.discard ?? 0;
    const thin = opts.thin ?? 1;
    if (!Number.isInteger(discard) || discard < 0 || discard > this.iteration) {
      throw new SamplerError(`discard must be an integer in [0, ${this.iteration}], got ${discard}`, 'discard fewer steps than were run');
    }
    if (!Number.isInteger(thin) || thin < 1) throw new SamplerError(`thin must be a positive integer, got ${thin}`, 'pass thin ≥ 1');
    return { discard, thin };
  }
}

function flattenInitial(initial: ArrayLike<ArrayLike<number>> | ArrayLike<number>, W: number, D: number): Float64Array {
  const out = new Float64Array(W * D);
  const first = initial[0];
  if (typeof first === 'number') {
    if (initial.length !== W * D) throw new SamplerError(`initial state has ${initial.length} values, expected nwalkers·ndim = ${W * D}`, 'pass nwalkers rows of ndim values');
    out.set(initial as ArrayLike<number>);
    return out;
  }
  if (initial.length !== W) throw new SamplerError(`initial state has ${initial.length} rows, expected nwalkers = ${W}`, 'pass one row per walker');
  for (let w = 0; w < W; w++) {
    const row = (initial as ArrayLike<ArrayLike<number>>)[w]!;
    if (row.length !== D) throw new SamplerError(`initial state row ${w} has ${row.length} values, expected ndim = ${D}`, 'pass ndim values per walker');
    for (let d = 0; d < D; d++) out[w * D + d] = row[d]!;
  }
  return out;
}
