/**
 * The state and one step of a parallel-tempered ensemble sampler (Vousden, Farr & Mandel 2016,
 * MNRAS 455, 1919, doi:10.1093/mnras/stv2422; their `ptemcee`): one affine-invariant ensemble per
 * inverse temperature β, each sampling π(x) L(x)^β with the usual moves (an
 * {@link EnsembleStepper} per rung), then swaps between neighbouring rungs, then (optionally) one
 * adaptation step of the ladder.
 *
 * Draw order per step (fixed, so the same seed gives the same chains): the ensemble step of every
 * rung from β = 1 to the hottest; then for each pair (i − 1, i) from the hottest pair down, two
 * permutations of the walkers (i's, then i − 1's), then one uniform per walker; walker pᵢ[k] of
 * rung i and p_{i−1}[k] of rung i − 1 swap when ln u_k < (β_{i−1} − βᵢ)(ln L(x_{i,pᵢ[k]}) − ln L(x_{i−1,p_{i−1}[k]}))
 * (the Metropolis ratio of exchanging the two states; ptemcee `_temperature_swaps`).
 * Each walker carries ln L and ln π (the stepper's aux values), so swaps and ladder changes
 * recompute the tempered ln π + β ln L without new likelihood calls.
 * @module
 */
import type { Rng } from '../../random/rng.js';
import { EnsembleStepper, type WeightedMove } from '../EnsembleStepper.js';
import { SamplerError } from '../SamplerError.js';
import type { BatchLogProb } from '../types.js';
import { adaptLadder, ladderProblem, type AdaptationSettings } from './ladder.js';

/** A target split into prior and likelihood (tempering raises only the likelihood to β). */
export interface TemperedTarget {
  /** ln π over rows n × ndim (−∞ outside the support) */
  logPrior: BatchLogProb;
  /** ln L over rows n × ndim (called only where ln π is finite) */
  logLikelihood: BatchLogProb;
}

/** JSON-able state of a {@link TemperedEnsemble} after a step (resume). */
export interface TemperedState {
  /** steps done */
  iteration: number;
  /** current ladder, β = 1 first */
  betas: number[];
  /** per rung: positions (W × D), ln L, ln π, cumulative accepted moves per walker */
  coords: number[][];
  logLikelihood: number[][];
  logPrior: number[][];
  accepted: number[][];
  /** cumulative accepted swaps per adjacent pair and the swaps proposed per pair */
  swapsAccepted: number[];
  swapsProposed: number;
}

/** Options of {@link TemperedEnsemble}. */
export interface TemperedEnsembleOptions {
  target: TemperedTarget;
  nwalkers: number;
  ndim: number;
  /** moves for each rung (called once per rung: moves may keep per-ensemble state) */
  moves: () => WeightedMove[];
  /** initial ladder, β = 1 first, strictly decreasing, ≥ 0 */
  betas: readonly number[];
  /** ladder adaptation while `iteration < adaptUntil` (default: none) */
  adaptation?: AdaptationSettings & { until: number };
  parameterNames?: readonly string[];
}

/** ln π and ln L of a batch into aux (n × 2: ln L, ln π) and the tempered value into out. */
function temperedLogProb(target: TemperedTarget, betas: number[], rung: number, ndim: number): BatchLogProb {
  let sub = new Float64Array(0);
  let lpri = new Float64Array(0);
  let ll = new Float64Array(0);
  let idx = new Int32Array(0);
  return (coords, n, out, aux) => {
    if (lpri.length < n) {
      lpri = new Float64Array(n);
      ll = new Float64Array(n);
      idx = new Int32Array(n);
      sub = new Float64Array(n * ndim);
    }
    target.logPrior(coords, n, lpri);
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (lpri[i]! === -Infinity) continue;
      idx[m] = i;
      for (let d = 0; d < ndim; d++) sub[m * ndim + d] = coords[i * ndim + d]!;
      m++;
    }
    for (let i = 0; i < n; i++) {
      out[i] = -Infinity;
      if (aux) {
        aux[2 * i] = -Infinity;
        aux[2 * i + 1] = lpri[i]!;
      }
    }
    if (m === 0) return;
    target.logLikelihood(sub, m, ll);
    const beta = betas[rung]!;
    for (let k = 0; k < m; k++) {
      const i = idx[k]!;
      const l = ll[k]!;
      // β = 0 samples the prior: a −∞ likelihood still has zero density there (0·∞ is not 0 here)
      out[i] = l === -Infinity ? -Infinity : lpri[i]! + beta * l;
      if (aux) aux[2 * i] = l;
    }
  };
}

/** A ladder of ensembles with swaps (see module doc). */
export class TemperedEnsemble {
  readonly nwalkers: number;
  readonly ndim: number;
  readonly ntemps: number;
  /** current ladder (mutated by adaptation) */
  readonly betas: number[];
  /** one stepper per rung, β = 1 first */
  readonly rungs: EnsembleStepper[];
  /** cumulative accepted swaps per adjacent pair (pair i − 1, i at index i − 1) */
  readonly swapsAccepted: Float64Array;
  /** accepted swaps per pair in the last step */
  readonly swapsLastStep: Float64Array;
  /** swaps proposed per pair so far (W per step) */
  swapsProposed = 0;
  iteration = 0;
  private readonly adaptation?: AdaptationSettings & { until: number };
  private readonly permA: Int32Array;
  private readonly permB: Int32Array;
  private readonly tmp: Float64Array;

  /** @param opts - target, shape, moves, ladder, adaptation */
  constructor(opts: TemperedEnsembleOptions) {
    const problem = ladderProblem(opts.betas);
    if (problem) throw new SamplerError(`temperature ladder: ${problem}`, 'give inverse temperatures 1 = β₀ > β₁ > … ≥ 0, or a number of temperatures');
    this.nwalkers = opts.nwalkers;
    this.ndim = opts.ndim;
    this.betas = opts.betas.slice();
    this.ntemps = this.betas.length;
    this.rungs = this.betas.map(
      (_, t) =>
        new EnsembleStepper({
          logProb: temperedLogProb(opts.target, this.betas, t, opts.ndim),
          nwalkers: opts.nwalkers,
          ndim: opts.ndim,
          moves: opts.moves(),
          parameterNames: opts.parameterNames,
          auxDim: 2,
        }),
    );
    this.swapsAccepted = new Float64Array(Math.max(0, this.ntemps - 1));
    this.swapsLastStep = new Float64Array(Math.max(0, this.ntemps - 1));
    this.adaptation = opts.adaptation;
    this.permA = new Int32Array(opts.nwalkers);
    this.permB = new Int32Array(opts.nwalkers);
    this.tmp = new Float64Array(opts.ndim);
  }

  /**
   * Starts every rung from the same initial positions (or its own: `coords.length === T·W·D`).
   * @param coords - W × D positions, or T × W × D
   */
  initialise(coords: ArrayLike<number>): void {
    const n = this.nwalkers * this.ndim;
    const own = coords.length === this.ntemps * n;
    if (!own && coords.length !== n) throw new SamplerError(`initial ensemble has ${coords.length} values, expected nwalkers·ndim = ${n} (or that times the ${this.ntemps} temperatures)`, 'pass nwalkers × ndim coordinates');
    this.rungs.forEach((r, t) => r.setState(own ? Array.prototype.slice.call(coords, t * n, (t + 1) * n) : coords));
    this.iteration = 0;
  }

  /** @returns the JSON-able state (resume) */
  getState(): TemperedState {
    return {
      iteration: this.iteration,
      betas: this.betas.slice(),
      coords: this.rungs.map((r) => Array.from(r.coords)),
      logLikelihood: this.rungs.map((r) => Array.from({ length: this.nwalkers }, (_, w) => r.aux[2 * w]!)),
      logPrior: this.rungs.map((r) => Array.from({ length: this.nwalkers }, (_, w) => r.aux[2 * w + 1]!)),
      accepted: this.rungs.map((r) => Array.from(r.acceptedTotal)),
      swapsAccepted: Array.from(this.swapsAccepted),
      swapsProposed: this.swapsProposed,
    };
  }

  /** @param s - a state from {@link getState} (same shape) */
  setState(s: TemperedState): void {
    if (s.betas.length !== this.ntemps || s.coords.length !== this.ntemps) throw new SamplerError(`saved state has ${s.betas.length} temperatures, the sampler ${this.ntemps}`, 'resume with the same number of temperatures');
    s.betas.forEach((b, t) => (this.betas[t] = b));
    this.rungs.forEach((r, t) => {
      const aux = new Float64Array(2 * this.nwalkers);
      const lp = new Float64Array(this.nwalkers);
      for (let w = 0; w < this.nwalkers; w++) {
        aux[2 * w] = s.logLikelihood[t]![w]!;
        aux[2 * w + 1] = s.logPrior[t]![w]!;
        lp[w] = this.tempered(aux[2 * w + 1]!, aux[2 * w]!, this.betas[t]!);
      }
      r.setState(s.coords[t]!, lp, s.accepted[t]!, aux);
    });
    this.swapsAccepted.set(s.swapsAccepted);
    this.swapsProposed = s.swapsProposed;
    this.iteration = s.iteration;
  }

  private tempered(lpri: number, ll: number, beta: number): number {
    return ll === -Infinity || lpri === -Infinity ? -Infinity : lpri + beta * ll;
  }

  /**
   * One step: every rung's ensemble move, swaps, adaptation (module doc).
   * @param rng - the sampler's generator
   */
  step(rng: Rng): void {
    for (const r of this.rungs) r.step(rng);
    this.swap(rng);
    this.iteration++;
    const a = this.adaptation;
    if (a && this.iteration <= a.until && this.ntemps >= 3) {
      const ratios = Array.from(this.swapsLastStep, (v) => v / this.nwalkers);
      adaptLadder(this.betas, ratios, this.iteration, a);
      this.rungs.forEach((r, t) => {
        for (let w = 0; w < this.nwalkers; w++) r.logProb[w] = this.tempered(r.aux[2 * w + 1]!, r.aux[2 * w]!, this.betas[t]!);
      });
    }
  }

  private swap(rng: Rng): void {
    const W = this.nwalkers;
    const D = this.ndim;
    this.swapsLastStep.fill(0);
    for (let i = this.ntemps - 1; i > 0; i--) {
      const hot = this.rungs[i]!;
      const cold = this.rungs[i - 1]!;
      const dBeta = this.betas[i - 1]! - this.betas[i]!;
      const pa = this.permA;
      const pb = this.permB;
      for (let k = 0; k < W; k++) {
        pa[k] = k;
        pb[k] = k;
      }
      rng.shuffle(pa, W);
      rng.shuffle(pb, W);
      let nacc = 0;
      for (let k = 0; k < W; k++) {
        const u = rng.randomSample();
        const wh = pa[k]!;
        const wc = pb[k]!;
        const llH = hot.aux[2 * wh]!;
        const llC = cold.aux[2 * wc]!;
        const logRatio = dBeta * (llH - llC);
        if (!(logRatio > Math.log(u))) continue;
        nacc++;
        const t = this.tmp;
        for (let d = 0; d < D; d++) t[d] = hot.coords[wh * D + d]!;
        for (let d = 0; d < D; d++) hot.coords[wh * D + d] = cold.coords[wc * D + d]!;
        for (let d = 0; d < D; d++) cold.coords[wc * D + d] = t[d]!;
        const priH = hot.aux[2 * wh + 1]!;
        const priC = cold.aux[2 * wc + 1]!;
        hot.aux[2 * wh] = llC;
        hot.aux[2 * wh + 1] = priC;
        cold.aux[2 * wc] = llH;
        cold.aux[2 * wc + 1] = priH;
        hot.logProb[wh] = this.tempered(priC, llC, this.betas[i]!);
        cold.logProb[wc] = this.tempered(priH, llH, this.betas[i - 1]!);
      }
      this.swapsLastStep[i - 1] = nacc;
      this.swapsAccepted[i - 1]! += nacc;
    }
    this.swapsProposed += W;
  }
}
