/**
 * The run loop of the parallel-tempered ensemble sampler: steps a {@link TemperedEnsemble}, appends
 * every rung's step to its own chain backend, and records per step the walker-mean ln L of every
 * rung (the input of the thermodynamic evidence) and the swaps.
 *
 * Storage: rung t goes to `backends[t]` in the usual emcee layout (positions; `log_prob` holds the
 * *untempered* ln π + ln L of the stored positions, so every file reads like a posterior chain and
 * ln L = log_prob − ln π is recoverable). Every backend's resume snapshot carries the complete
 * tempered state (all rungs, ladder, swap counts and the generator) in its `rng` field, tagged
 * `kind: 'parallel-tempering'`. Resume: the run continues from the file with the fewest persisted
 * steps; backends that persisted more skip the re-generated steps they already hold (the chain is
 * deterministic, so those steps are identical), and the result equals an uninterrupted run's.
 * @module
 */
import { rngFromState } from '../../random/makeRng.js';
import { ensembleRng } from '../../random/seedSequence.js';
import type { RngKind, RngState } from '../../random/rng.js';
import type { ChainBackend, ResumeState } from '../backends/backend.js';
import { makeMoves } from '../moves/makeMove.js';
import { SamplerError } from '../SamplerError.js';
import type { MoveSpec } from '../types.js';
import type { AdaptationSettings } from './ladder.js';
import { TemperedEnsemble, type TemperedState, type TemperedTarget } from './TemperedEnsemble.js';

/** What every rung's resume snapshot holds in its `rng` field. */
export interface TemperedResumeTag {
  kind: 'parallel-tempering';
  rung: number;
  rng: RngState;
  state: TemperedState;
}

/** Options of {@link runTempered}. */
export interface RunTemperedOptions {
  target: TemperedTarget;
  nwalkers: number;
  ndim: number;
  moves: MoveSpec[];
  /** initial ladder (β = 1 first); on resume the saved ladder is used */
  betas: readonly number[];
  /** adapt the ladder during the first `until` steps (ptemcee defaults lag 10 000, time 100) */
  adaptation?: AdaptationSettings & { until: number };
  /** generator kind and run seed (ignored on resume) */
  rng: RngKind;
  seed: number;
  /** ensemble index k of the run: the generator is stream k of the seed (src/random/seedSequence.ts; default 0 = RandomState(seed)) */
  ensemble?: number;
  /** initial positions W × D, shared by all rungs (ignored on resume) */
  initial?: ArrayLike<number>;
  /** total steps (including resumed ones) */
  nsteps: number;
  /** one backend per rung (created or opened for resume by the caller) */
  backends: readonly ChainBackend[];
  /** resume snapshots from `openForResume` of every backend (same order); absent: a new run */
  resume?: readonly ResumeState[];
  parameterNames?: readonly string[];
  /** called after every step */
  onStep?: (e: TemperedEnsemble) => void;
}

/** What {@link runTempered} returns. */
export interface TemperedRunResult {
  /** total steps */
  iteration: number;
  /** steps taken in this call */
  newSteps: number;
  ensemble: TemperedEnsemble;
  state: TemperedState;
  rngState: RngState;
  /** per step of this call (from `firstStep`): walker-mean ln L of every rung, row-major (steps × T) */
  meanLogLikelihood: Float64Array;
  /** per step of this call: walker-mean (ln L)² of every rung (steps × T) */
  meanSquareLogLikelihood: Float64Array;
  /** ladder of every step of this call, row-major (steps × T) */
  betaHistory: Float64Array;
  /** first step index of the histories */
  firstStep: number;
}

/**
 * Reads the tempered tag of a resume snapshot.
 * @param r - a backend's resume state
 * @returns the tag, or null if the chain was not written by the tempered sampler
 */
export function temperedTag(r: ResumeState): TemperedResumeTag | null {
  const tag = r.rng as TemperedResumeTag | undefined;
  return tag && tag.kind === 'parallel-tempering' ? tag : null;
}

/** Drops the first `skip` appends, then forwards (a backend that already holds those steps). */
class SkipAhead implements ChainBackend {
  private left: number;
  constructor(
    private readonly inner: ChainBackend,
    skip: number,
  ) {
    this.left = skip;
  }
  get iteration(): number {
    return this.inner.iteration;
  }
  create(): Promise<void> {
    throw new Error('SkipAhead: create');
  }
  openForResume(): Promise<ResumeState> {
    throw new Error('SkipAhead: openForResume');
  }
  append(coords: Float64Array, logProb: Float64Array, accepted: Uint8Array, snapshot: () => ResumeState): void | Promise<void> {
    if (this.left > 0) {
      this.left--;
      return;
    }
    return this.inner.append(coords, logProb, accepted, snapshot);
  }
  flush(): Promise<void> {
    return this.inner.flush();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/**
 * Runs (or continues) a tempered run to `nsteps` total steps (module doc).
 * @param o - target, shape, moves, ladder, generator, backends, resume snapshots
 * @returns final state, histories of this call and the generator state
 * @throws SamplerError for inconsistent resume snapshots or a bad initial ensemble
 */
export async function runTempered(o: RunTemperedOptions): Promise<TemperedRunResult> {
  const T = o.betas.length;
  if (o.backends.length !== T) throw new SamplerError(`${o.backends.length} chain backends for ${T} temperatures`, 'give one backend per temperature');
  const ens = new TemperedEnsemble({ target: o.target, nwalkers: o.nwalkers, ndim: o.ndim, moves: () => makeMoves(o.moves, o.parameterNames), betas: o.betas, adaptation: o.adaptation, parameterNames: o.parameterNames });
  let rng;
  const backends: ChainBackend[] = o.backends.slice();
  if (o.resume) {
    if (o.resume.length !== T) throw new SamplerError(`${o.resume.length} resume states for ${T} temperatures`, 'resume every temperature of the run');
    const tags = o.resume.map((r, t) => {
      const tag = temperedTag(r);
      if (!tag) throw new SamplerError(`chain of temperature ${t} was not written by the tempered sampler`, 'resume it without --temperatures, or start a new run');
      return tag;
    });
    let from = tags[0]!;
    for (const tg of tags) if (tg.state.iteration < from.state.iteration) from = tg;
    ens.setState(from.state);
    rng = rngFromState(from.rng);
    tags.forEach((tg, t) => {
      const skip = tg.state.iteration - from.state.iteration;
      if (skip > 0) backends[t] = new SkipAhead(o.backends[t]!, skip);
    });
  } else {
    if (!o.initial) throw new SamplerError('runTempered: no initial ensemble given', 'pass initial (nwalkers × ndim)');
    ens.initialise(o.initial);
    rng = ensembleRng(o.rng, o.seed, o.ensemble ?? 0);
  }
  const start = ens.iteration;
  const steps = Math.max(0, o.nsteps - start);
  const W = o.nwalkers;
  const meanLL = new Float64Array(steps * T);
  const meanSq = new Float64Array(steps * T);
  const betaHist = new Float64Array(steps * T);
  const untempered = new Float64Array(W);
  let snapState: TemperedState | null = null;
  let snapRng: RngState | null = null;
  let snapIter = -1;
  const snapshotFor = (t: number) => (): ResumeState => {
    if (snapIter !== ens.iteration) {
      snapState = ens.getState();
      snapRng = rng.getState();
      snapIter = ens.iteration;
    }
    const r = ens.rungs[t]!;
    return {
      iteration: ens.iteration,
      coords: Array.from(r.coords),
      logProb: Array.from({ length: W }, (_, w) => r.aux[2 * w]! + r.aux[2 * w + 1]!),
      accepted: Array.from(r.acceptedTotal),
      rng: { kind: 'parallel-tempering', rung: t, rng: snapRng!, state: snapState! } satisfies TemperedResumeTag,
    };
  };
  for (let k = 0; k < steps; k++) {
    ens.step(rng);
    for (let t = 0; t < T; t++) {
      const r = ens.rungs[t]!;
      let s = 0;
      let q = 0;
      for (let w = 0; w < W; w++) {
        s += r.aux[2 * w]!;
        q += r.aux[2 * w]! * r.aux[2 * w]!;
        untempered[w] = r.aux[2 * w]! + r.aux[2 * w + 1]!;
      }
      meanLL[k * T + t] = s / W;
      meanSq[k * T + t] = q / W;
      betaHist[k * T + t] = ens.betas[t]!;
      const pending = backends[t]!.append(r.coords, untempered, r.acceptedStep, snapshotFor(t));
      if (pending !== undefined) await pending;
    }
    o.onStep?.(ens);
  }
  for (const b of backends) await b.flush();
  return { iteration: ens.iteration, newSteps: steps, ensemble: ens, state: ens.getState(), rngState: rng.getState(), meanLogLikelihood: meanLL, meanSquareLogLikelihood: meanSq, betaHistory: betaHist, firstStep: start };
}
