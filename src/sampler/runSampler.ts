/**
 * The sampler run loop: initial checks, one {@link EnsembleStepper} step per iteration, a
 * backend append per step (with a resume snapshot), optional convergence stopping, progress
 * callbacks and stuck-walker warnings.
 *
 * Resume: pass `resume` (a {@link ResumeState} from a backend); the generator is rebuilt from its
 * state and the run continues to `nsteps` *total* steps, giving exactly the chain of an
 * uninterrupted run.
 * Convergence (`untilConverged`): every `checkEvery` steps, τ = emcee integrated autocorrelation
 * time of the whole chain so far (c = 5); stop when, for every parameter, factor·τ < steps and
 * |Δτ|/τ < relTol since the previous check (emcee `docs/tutorials/monitor.ipynb`; Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr)).
 * Reference: Foreman-Mackey et al. 2013 (arXiv:1202.3665).
 * @module
 */
import { autocorrTime } from '../diagnostics/autocorrTime.js';
import { rngFromState } from '../random/makeRng.js';
import type { Rng, RngState } from '../random/rng.js';
import type { ChainBackend, ResumeState } from './backends/backend.js';
import { MemoryBackend } from './backends/memoryBackend.js';
import { EnsembleStepper, type WeightedMove } from './EnsembleStepper.js';
import { walkersConditionNumber } from './initialStateCheck.js';
import { StretchMove } from './moves/stretchMove.js';
import { SamplerError } from './SamplerError.js';
import type { BatchLogProb, Move } from './types.js';

/** A walker whose acceptance fraction is below this after the run is reported as stuck. */
export const STUCK_ACCEPTANCE = 0.02;
/** Largest accepted condition number of the scaled initial ensemble (emcee's 1e8). */
export const MAX_INITIAL_CONDITION = 1e8;

/** Stopping rule settings (emcee monitor tutorial defaults). */
export interface UntilConverged {
  /** require factor·τ < steps (default 50) */
  factor?: number;
  /** require |Δτ|/τ < relTol between checks (default 0.01) */
  relTol?: number;
  /** steps between checks (default 100) */
  checkEvery?: number;
  /** hard limit on total steps (default: `nsteps`) */
  maxSteps?: number;
}

/** Progress callback argument. */
export interface ProgressInfo {
  iteration: number;
  total: number;
  meanAcceptance: number;
  /** latest τ estimate (untilConverged only) */
  tau?: number[];
}

/** Options of {@link runSampler}. */
export interface RunSamplerOptions {
  logProb: BatchLogProb;
  nwalkers: number;
  ndim: number;
  /** one move, or a weighted mixture (default stretch, a = 2) */
  moves?: Move | WeightedMove[];
  /** the sampler's generator (ignored on resume: rebuilt from the saved state) */
  rng?: Rng;
  /** initial positions, row-major nwalkers × ndim (ignored on resume) */
  initial?: ArrayLike<number>;
  /** total number of steps (including resumed ones); with untilConverged the default maxSteps */
  nsteps: number;
  /** where steps go (default: a new {@link MemoryBackend}); `create`/`openForResume` are the caller's job */
  backend?: ChainBackend;
  /** state to continue from */
  resume?: ResumeState;
  untilConverged?: UntilConverged;
  /** called every `progressEvery` steps and at the end */
  onProgress?: (p: ProgressInfo) => void;
  progressEvery?: number;
  parameterNames?: readonly string[];
  /** skip the conditioning check of the initial ensemble */
  skipInitialStateCheck?: boolean;
  /** allow nwalkers < 2·ndim */
  liveDangerously?: boolean;
}

/** What a run returns. */
export interface SamplerResult {
  /** total steps in the chain (including resumed ones) */
  iteration: number;
  /** final positions and log-probabilities */
  coords: Float64Array;
  logProb: Float64Array;
  /** cumulative accepted proposals per walker */
  accepted: Float64Array;
  /** accepted / iteration per walker */
  acceptanceFraction: Float64Array;
  /** stuck walkers and other advisories */
  warnings: string[];
  /** true if the convergence rule stopped the run */
  converged: boolean;
  /** last τ estimate (untilConverged only) */
  tau?: number[];
  /** the generator state after the last step */
  rngState: RngState;
  backend: ChainBackend;
}

function normaliseMoves(m: RunSamplerOptions['moves']): WeightedMove[] {
  if (m === undefined) return [{ move: new StretchMove(), weight: 1 }];
  if (Array.isArray(m)) return m;
  return [{ move: m, weight: 1 }];
}

/**
 * Runs the ensemble sampler (see module doc).
 * @param opts - target, shape, moves, generator, initial state or resume state, steps, backend
 * @returns the final state, acceptance and warnings
 */
export async function runSampler(opts: RunSamplerOptions): Promise<SamplerResult> {
  const { nwalkers: W, ndim: D } = opts;
  const stepper = new EnsembleStepper({
    logProb: opts.logProb,
    nwalkers: W,
    ndim: D,
    moves: normaliseMoves(opts.moves),
    parameterNames: opts.parameterNames,
    liveDangerously: opts.liveDangerously,
  });
  let rng: Rng;
  let iteration: number;
  if (opts.resume) {
    const r = opts.resume;
    rng = rngFromState(r.rng as RngState);
    stepper.setState(r.coords, r.logProb, r.accepted);
    iteration = r.iteration;
  } else {
    if (!opts.rng) throw new SamplerError('runSampler: no generator given', 'pass rng (makeRng(kind, seed))');
    if (!opts.initial) throw new SamplerError('runSampler: no initial ensemble given', 'pass initial (nwalkers × ndim)');
    rng = opts.rng;
    if (!opts.skipInitialStateCheck) {
      const { cond, reason } = walkersConditionNumber(opts.initial, W, D);
      if (!(cond <= MAX_INITIAL_CONDITION)) {
        throw new SamplerError(
          `initial ensemble is degenerate (${reason ?? `condition number ${cond.toExponential(2)} > 1e8`})`,
          'start the walkers at distinct, linearly independent points (e.g. a small Gaussian ball around a good point, or draws from the prior)',
        );
      }
    }
    stepper.setState(opts.initial);
    iteration = 0;
  }
  const backend = opts.backend ?? new MemoryBackend();
  const uc = opts.untilConverged;
  const maxSteps = uc?.maxSteps ?? opts.nsteps;
  const total = uc ? maxSteps : opts.nsteps;
  if (!Number.isInteger(total) || total < 0) throw new SamplerError(`steps must be a non-negative integer, got ${total}`, 'give --steps as an integer');
  const factor = uc?.factor ?? 50;
  const relTol = uc?.relTol ?? 0.01;
  const checkEvery = uc?.checkEvery ?? 100;
  // the convergence test needs the chain: the memory backend has it, others get a local copy
  const store = uc ? (backend instanceof MemoryBackend ? backend : new MemoryBackend()) : null;
  if (backend instanceof MemoryBackend) backend.reserve(total - iteration, W, D);
  if (store && store !== backend) store.reserve(total - iteration, W, D);
  const progressEvery = opts.progressEvery ?? Math.max(1, Math.floor(total / 100));
  let tau: number[] | undefined;
  let oldTau: number[] | undefined;
  let converged = false;
  let current = iteration;
  const snapshot = (): ResumeState => {
    if (current !== iteration) throw new Error('snapshot() called after the sampler moved on: call it inside append()');
    return {
      iteration,
      coords: Array.from(stepper.coords),
      logProb: Array.from(stepper.logProb),
      accepted: Array.from(stepper.acceptedTotal),
      rng: rng.getState(),
    };
  };
  const meanAcc = (): number => {
    let s = 0;
    for (let i = 0; i < W; i++) s += stepper.acceptedTotal[i]!;
    return iteration > 0 ? s / (W * iteration) : 0;
  };
  while (iteration < total) {
    stepper.step(rng);
    iteration++;
    current = iteration;
    // await only when the backend really does asynchronous work on this step (see ChainBackend.append)
    const pending = backend.append(stepper.coords, stepper.logProb, stepper.acceptedStep, snapshot);
    if (pending !== undefined) await pending;
    if (store && store !== backend) store.appendSync(stepper.coords, stepper.logProb, stepper.acceptedStep);
    if (uc && iteration % checkEvery === 0 && store!.iteration >= 2) {
      const t = autocorrTime(store!.getChain(), store!.iteration, W, D, { tol: 0, quiet: true });
      tau = Array.from(t);
      const ok = tau.every((v, d) => Number.isFinite(v) && factor * v < store!.iteration && oldTau !== undefined && Math.abs(oldTau[d]! - v) / v < relTol);
      oldTau = tau;
      if (ok) converged = true;
    }
    if (opts.onProgress && (iteration % progressEvery === 0 || converged || iteration === total)) {
      opts.onProgress({ iteration, total, meanAcceptance: meanAcc(), tau });
    }
    if (converged) break;
  }
  await backend.flush();
  const af = new Float64Array(W);
  const warnings: string[] = [];
  const stuck: number[] = [];
  for (let i = 0; i < W; i++) {
    af[i] = iteration > 0 ? stepper.acceptedTotal[i]! / iteration : 0;
    if (iteration >= 100 && af[i]! < STUCK_ACCEPTANCE) stuck.push(i);
  }
  if (stuck.length > 0) {
    warnings.push(
      `${stuck.length} of ${W} walkers accepted fewer than ${STUCK_ACCEPTANCE * 100}% of their proposals (walkers ${stuck.slice(0, 10).join(', ')}${stuck.length > 10 ? ', …' : ''}): they may be stuck in a low-probability region; discard them or restart from a better initial ensemble`,
    );
  }
  if (uc && !converged) {
    warnings.push(`not converged after ${iteration} steps (need ${factor}·τ < steps and |Δτ|/τ < ${relTol}; last τ = ${tau ? tau.map((v) => v.toFixed(1)).join(', ') : 'n/a'})`);
  }
  return {
    iteration,
    coords: stepper.coords,
    logProb: stepper.logProb,
    accepted: stepper.acceptedTotal,
    acceptanceFraction: af,
    warnings,
    converged,
    tau,
    rngState: rng.getState(),
    backend,
  };
}
