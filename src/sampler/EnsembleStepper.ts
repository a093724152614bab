/**
 * One ensemble step: move choice, red/blue split, batched log-probability and Metropolis–Hastings
 * accept/reject. This is the only place where the split and the accept rule live; moves only
 * propose. All buffers are preallocated, so a step allocates nothing.
 *
 * Draw order per step (emcee 3.1.x `EnsembleSampler.sample` + `RedBlueMove.propose`, Foreman-Mackey et al. 2013, arXiv:1202.3665):
 * 1. one `random_sample` to pick the move (even with one move);
 * 2. red/blue moves: `shuffle(arange(W) % nsplits)`; for each split s: the move's draws, one batched
 *    log-probability call for the active walkers, then one uniform per active walker in ascending
 *    walker index; accept if (logHastings + lnp(Y)) − lnp(X) > ln U. Accepted walkers are updated
 *    before the next split (the complement of split s+1 sees them).
 * 3. `mh` moves: proposals for all walkers, one batched call, W uniforms; accept if
 *    ln U < (lnp(Y) − lnp(X)) + logHastings (emcee `MHMove`).
 * Reference: Foreman-Mackey et al. 2013 (arXiv:1202.3665) Algorithm 3; emcee `moves/red_blue.py`,
 * `moves/mh.py`, `ensemble.py`.
 * @module
 */
import type { Rng } from '../random/rng.js';
import { SamplerError } from './SamplerError.js';
import type { BatchLogProb, Move, ProposalContext } from './types.js';

/** A move with its mixture weight. */
export interface WeightedMove {
  move: Move;
  weight: number;
}

/** Options of {@link EnsembleStepper}. */
export interface StepperOptions {
  logProb: BatchLogProb;
  nwalkers: number;
  ndim: number;
  moves: WeightedMove[];
  /** parameter names for error messages (default x0, x1, …) */
  parameterNames?: readonly string[];
  /** allow nwalkers < 2·ndim for red/blue moves (emcee `live_dangerously`) */
  liveDangerously?: boolean;
  /** extra numbers per walker that `logProb` writes into its `aux` argument (default 0: none) */
  auxDim?: number;
}

/**
 * Formats a parameter vector as `name=value, …` for error messages.
 * @param x - coordinates, row-major
 * @param offset - index of the first coordinate of the point
 * @param ndim - dimension
 * @param names - parameter names (default x0, x1, …)
 * @returns the formatted point
 */
export function formatPoint(x: ArrayLike<number>, offset: number, ndim: number, names?: readonly string[]): string {
  const parts: string[] = [];
  for (let d = 0; d < ndim; d++) parts.push(`${names?.[d] ?? `x${d}`}=${x[offset + d]}`);
  return parts.join(', ');
}

/**
 * Checks a batch of log-probabilities: NaN and +∞ are errors naming the parameter values.
 * @param lp - log-probabilities
 * @param coords - the points, row-major
 * @param n - number of points
 * @param ndim - dimension
 * @param names - parameter names
 */
export function checkLogProbs(lp: Float64Array, coords: Float64Array, n: number, ndim: number, names?: readonly string[]): void {
  for (let i = 0; i < n; i++) {
    const v = lp[i]!;
    if (v !== v || v === Infinity) {
      throw new SamplerError(
        `log-probability is ${v} at ${formatPoint(coords, i * ndim, ndim, names)}`,
        'return a finite number or -Infinity (zero density) for every parameter vector; check the likelihood and prior supports there',
      );
    }
  }
}

function checkCoords(coords: Float64Array, n: number, ndim: number, names?: readonly string[]): void {
  // fast path: c − c is 0 for every finite c and NaN for ±∞/NaN, so one branch-free pass decides
  let probe = 0;
  for (let k = 0; k < n * ndim; k++) probe += coords[k]! - coords[k]!;
  if (probe === 0) return;
  for (let k = 0; k < n * ndim; k++) {
    if (!Number.isFinite(coords[k]!)) {
      const i = Math.floor(k / ndim);
      throw new SamplerError(
        `a proposal has a non-finite parameter value: ${formatPoint(coords, i * ndim, ndim, names)}`,
        'the walkers have diverged: check the prior supports (improper priors let walkers run to infinity) and the move settings',
      );
    }
  }
}

/** Mutable ensemble state plus preallocated work buffers (see module doc). */
export class EnsembleStepper {
  readonly nwalkers: number;
  readonly ndim: number;
  /** current positions, row-major nwalkers × ndim */
  readonly coords: Float64Array;
  /** current log-probabilities */
  readonly logProb: Float64Array;
  /** 0/1 acceptance of the last step per walker */
  readonly acceptedStep: Uint8Array;
  /** cumulative accepted proposals per walker */
  readonly acceptedTotal: Float64Array;
  /** per-walker auxiliary values of the current positions, row-major nwalkers × auxDim (see {@link BatchLogProb}) */
  readonly aux: Float64Array;
  /** numbers per walker in {@link aux} */
  readonly auxDim: number;
  private readonly newAux: Float64Array;
  private readonly moves: WeightedMove[];
  private readonly cdf: Float64Array;
  private readonly logProbFn: BatchLogProb;
  private readonly names?: readonly string[];
  private readonly liveDangerously: boolean;
  private readonly inds: Int32Array;
  /** walker indices grouped by split (ascending within a split), filled once per step */
  private readonly bySplit: Int32Array;
  /** start of split s in {@link bySplit}; length nsplits + 1 of the largest move */
  private splitStart: Int32Array;
  private readonly activeIdx: Int32Array;
  private readonly active: Float64Array;
  private readonly complement: Float64Array;
  private readonly proposal: Float64Array;
  private readonly logHastings: Float64Array;
  private readonly newLp: Float64Array;
  private readonly sizes: number[] = [];
  private readonly ctx: ProposalContext;

  /** @param opts - target, shape, moves (weights are normalised as in emcee) */
  constructor(opts: StepperOptions) {
    const { nwalkers: W, ndim: D } = opts;
    if (!Number.isInteger(W) || W < 2) throw new SamplerError(`nwalkers must be an integer ≥ 2, got ${W}`, 'use more walkers');
    if (!Number.isInteger(D) || D < 1) throw new SamplerError(`ndim must be an integer ≥ 1, got ${D}`, 'give at least one parameter');
    if (opts.moves.length === 0) throw new SamplerError('no moves given', 'give at least one move (default: stretch)');
    this.nwalkers = W;
    this.ndim = D;
    this.moves = opts.moves;
    this.logProbFn = opts.logProb;
    this.names = opts.parameterNames;
    this.liveDangerously = opts.liveDangerously ?? false;
    // emcee: weights /= sum(weights) (sequential sum for < 8 moves, like numpy), then choice():
    // cdf = cumsum(p); cdf /= cdf[-1]
    let sum = 0;
    for (const m of opts.moves) {
      if (!(m.weight > 0) || !Number.isFinite(m.weight)) throw new SamplerError(`move ${m.move.name} has weight ${m.weight}`, 'use positive finite weights');
      sum += m.weight;
    }
    const p = opts.moves.map((m) => m.weight / sum);
    this.cdf = new Float64Array(p.length);
    let acc = 0;
    for (let i = 0; i < p.length; i++) this.cdf[i] = acc += p[i]!;
    const last = this.cdf[p.length - 1]!;
    for (let i = 0; i < p.length; i++) this.cdf[i] = this.cdf[i]! / last;
    this.coords = new Float64Array(W * D);
    this.logProb = new Float64Array(W);
    this.acceptedStep = new Uint8Array(W);
    this.acceptedTotal = new Float64Array(W);
    this.auxDim = opts.auxDim ?? 0;
    if (!(Number.isInteger(this.auxDim) && this.auxDim >= 0)) throw new SamplerError(`auxDim must be a non-negative integer, got ${opts.auxDim}`, 'give 0 or the number of auxiliary values per walker');
    this.aux = new Float64Array(W * this.auxDim);
    this.newAux = new Float64Array(W * this.auxDim);
    this.inds = new Int32Array(W);
    this.bySplit = new Int32Array(W);
    this.splitStart = new Int32Array(2);
    this.activeIdx = new Int32Array(W);
    this.active = new Float64Array(W * D);
    this.complement = new Float64Array(W * D);
    this.proposal = new Float64Array(W * D);
    this.logHastings = new Float64Array(W);
    this.newLp = new Float64Array(W);
    this.ctx = {
      rng: undefined as unknown as Rng,
      ndim: D,
      walkers: this.active,
      nActive: 0,
      complement: this.complement,
      nComplement: 0,
      complementSizes: this.sizes,
      proposal: this.proposal,
      logHastings: this.logHastings,
    };
    for (const { move } of opts.moves) {
      if (move.kind === 'redblue' && W < 2 * D && !this.liveDangerously) {
        throw new SamplerError(
          `${W} walkers for ${D} parameters: ensemble moves need nwalkers ≥ 2·ndim = ${2 * D}`,
          `use at least ${2 * D} walkers (emcee's rule; fewer walkers stay on a lower-dimensional subspace)`,
        );
      }
      if (move.kind === 'redblue' && W < 2 * move.nsplits) {
        throw new SamplerError(`the ${move.name} move splits the ensemble into ${move.nsplits} parts: ${W} walkers are too few`, `use at least ${2 * move.nsplits} walkers`);
      }
    }
  }

  /**
   * Sets the state: positions and (optionally) their log-probabilities and cumulative acceptance.
   * Without `logProb`, evaluates the batch and requires every value to be finite.
   * @param coords - row-major nwalkers × ndim
   * @param logProb - known log-probabilities (resume)
   * @param acceptedTotal - cumulative accepted counts (resume)
   * @param aux - known auxiliary values (resume; with `logProb`), nwalkers × auxDim
   */
  setState(coords: ArrayLike<number>, logProb?: ArrayLike<number>, acceptedTotal?: ArrayLike<number>, aux?: ArrayLike<number>): void {
    const W = this.nwalkers,
      D = this.ndim;
    if (coords.length !== W * D) throw new SamplerError(`initial ensemble has ${coords.length} values, expected nwalkers·ndim = ${W * D}`, 'pass nwalkers × ndim coordinates');
    this.coords.set(coords);
    if (acceptedTotal) this.acceptedTotal.set(acceptedTotal);
    else this.acceptedTotal.fill(0);
    if (logProb && (this.auxDim === 0 || aux)) {
      this.logProb.set(logProb);
      if (aux) this.aux.set(aux);
      return;
    }
    checkCoords(this.coords, W, D, this.names);
    this.logProbFn(this.coords, W, this.logProb, this.auxDim > 0 ? this.aux : undefined);
    for (let i = 0; i < W; i++) {
      const v = this.logProb[i]!;
      if (!Number.isFinite(v)) {
        throw new SamplerError(
          `initial walker ${i} has log-probability ${v} at ${formatPoint(this.coords, i * D, D, this.names)}`,
          'start every walker inside the prior support where the likelihood is finite (e.g. sample the initial ensemble from the prior or a small ball around a good point)',
        );
      }
    }
  }

  /**
   * Advances the ensemble by one step (see module doc for the draw order).
   * @param rng - the sampler's generator
   */
  step(rng: Rng): void {
    const W = this.nwalkers,
      D = this.ndim;
    const mi = rng.choiceCdf(this.cdf);
    const move = this.moves[mi]!.move;
    move.setup?.(D, W);
    const ctx = this.ctx;
    ctx.rng = rng;
    const acc = this.acceptedStep;
    acc.fill(0);
    const coords = this.coords,
      lp = this.logProb,
      newLp = this.newLp,
      prop = this.proposal,
      lh = this.logHastings;
    if (move.kind === 'mh') {
      this.active.set(coords);
      ctx.nActive = W;
      ctx.nComplement = 0;
      this.sizes.length = 0;
      move.propose(ctx);
      checkCoords(prop, W, D, this.names);
      this.logProbFn(prop, W, newLp, this.auxDim > 0 ? this.newAux : undefined);
      checkLogProbs(newLp, prop, W, D, this.names);
      for (let i = 0; i < W; i++) {
        const u = rng.randomSample();
        const diff = newLp[i]! - lp[i]! + lh[i]!;
        if (diff >= 0 || Math.log(u) < diff) {
          acc[i] = 1;
          lp[i] = newLp[i]!;
          for (let d = 0; d < D; d++) coords[i * D + d] = prop[i * D + d]!;
          for (let q = 0, A = this.auxDim; q < A; q++) this.aux[i * A + q] = this.newAux[i * A + q]!;
          this.acceptedTotal[i]! += 1;
        }
      }
      return;
    }
    const ns = move.nsplits;
    const inds = this.inds;
    for (let i = 0; i < W; i++) inds[i] = i % ns;
    rng.shuffle(inds, W);
    // group walker indices by split once (counting sort, ascending index within a split)
    if (this.splitStart.length < ns + 1) this.splitStart = new Int32Array(ns + 1);
    const start = this.splitStart;
    start.fill(0, 0, ns + 1);
    for (let i = 0; i < W; i++) start[inds[i]! + 1]!++;
    for (let s = 0; s < ns; s++) start[s + 1]! += start[s]!;
    const bySplit = this.bySplit;
    for (let i = 0; i < W; i++) bySplit[start[inds[i]!]!++] = i;
    for (let s = ns; s > 0; s--) start[s] = start[s - 1]!;
    start[0] = 0;
    const active = this.active,
      complement = this.complement,
      activeIdx = this.activeIdx;
    for (let split = 0; split < ns; split++) {
      let nA = 0;
      for (let k = start[split]!; k < start[split + 1]!; k++) {
        const i = bySplit[k]!;
        activeIdx[nA] = i;
        for (let d = 0; d < D; d++) active[nA * D + d] = coords[i * D + d]!;
        nA++;
      }
      // complement: the other splits in split order, each in ascending walker index, with the
      // positions as updated by the splits already done in this step
      let nC = 0;
      this.sizes.length = 0;
      for (let j = 0; j < ns; j++) {
        if (j === split) continue;
        const c0 = nC;
        for (let k = start[j]!; k < start[j + 1]!; k++) {
          const i = bySplit[k]!;
          for (let d = 0; d < D; d++) complement[nC * D + d] = coords[i * D + d]!;
          nC++;
        }
        this.sizes.push(nC - c0);
      }
      ctx.nActive = nA;
      ctx.nComplement = nC;
      move.propose(ctx);
      checkCoords(prop, nA, D, this.names);
      this.logProbFn(prop, nA, newLp, this.auxDim > 0 ? this.newAux : undefined);
      checkLogProbs(newLp, prop, nA, D, this.names);
      for (let a = 0; a < nA; a++) {
        const j = activeIdx[a]!;
        // the uniform is always drawn (stream order); ln u < 0 for u ∈ [0, 1), so a
        // non-negative log ratio accepts without evaluating the logarithm (same decision)
        const u = rng.randomSample();
        const diff = lh[a]! + newLp[a]! - lp[j]!;
        if (diff >= 0 || diff > Math.log(u)) {
          acc[j] = 1;
          lp[j] = newLp[a]!;
          for (let d = 0; d < D; d++) coords[j * D + d] = prop[a * D + d]!;
          for (let q = 0, A = this.auxDim; q < A; q++) this.aux[j * A + q] = this.newAux[a * A + q]!;
          this.acceptedTotal[j]! += 1;
        }
      }
    }
  }
}
