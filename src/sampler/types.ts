/**
 * Shared sampler types: the batched log-probability and the move contract.
 * Reference: emcee `moves/red_blue.py`, `moves/mh.py` (Foreman-Mackey et al. 2013, arXiv:1202.3665).
 * @module
 */
import type { Rng } from '../random/rng.js';

/**
 * Log-probability evaluated for a batch of walkers at once.
 * `coords` holds `n` points row-major (n × ndim); write ln p of point i to `out[i]`.
 * −∞ is allowed (zero density); NaN or +∞ stops the run with an error.
 * `aux` (only passed by a stepper built with `auxDim > 0`, e.g. the tempered sampler) receives
 * `auxDim` extra numbers per point, row-major n × auxDim (e.g. ln L and ln π separately); the
 * stepper keeps them with the walker that accepts the point. Ordinary targets ignore it.
 */
export type BatchLogProb = (coords: Float64Array, n: number, out: Float64Array, aux?: Float64Array) => void;

/** Arguments of a move's proposal (all arrays preallocated by the sampler). */
export interface ProposalContext {
  /** the generator (draw order matters for emcee parity) */
  rng: Rng;
  ndim: number;
  /** active walkers, row-major nActive × ndim */
  walkers: Float64Array;
  nActive: number;
  /** complementary walkers, row-major nComplement × ndim, the complement sub-ensembles concatenated in split order */
  complement: Float64Array;
  nComplement: number;
  /** sizes of the complement's sub-ensembles, in order (length nsplits − 1) */
  complementSizes: readonly number[];
  /** output: proposals, row-major nActive × ndim */
  proposal: Float64Array;
  /** output: log Hastings factor per proposal (added to the log-probability difference) */
  logHastings: Float64Array;
}

/**
 * An ensemble move. `redblue` moves update `nsplits` sub-ensembles in turn, each against the
 * others (its complement); `mh` moves propose for the whole ensemble at once (no complement,
 * no split shuffle), as emcee's `MHMove`.
 */
export interface Move {
  /** short name, e.g. `stretch` */
  readonly name: string;
  readonly kind: 'redblue' | 'mh';
  /** number of sub-ensembles for `redblue` moves (2, or 4 for DE-snooker); 1 for `mh` */
  readonly nsplits: number;
  /** Called once per step before the splits (e.g. to set ndim-dependent defaults). */
  setup?(ndim: number, nwalkers: number): void;
  /** Fills `ctx.proposal` and `ctx.logHastings`. */
  propose(ctx: ProposalContext): void;
  /** JSON description (for metadata and worker transport). */
  describe(): MoveSpec;
}

/** JSON-able move description; see {@link makeMove}. */
export type MoveSpec =
  | { type: 'stretch'; a?: number; weight?: number }
  | { type: 'walk'; s?: number; weight?: number }
  | { type: 'de'; sigma?: number; gamma0?: number; params?: string[]; weight?: number }
  | { type: 'desnooker'; gammas?: number; weight?: number }
  | { type: 'gaussian'; sigma?: number | number[]; cov?: number[][]; weight?: number };
