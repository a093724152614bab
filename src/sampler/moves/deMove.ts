/**
 * Differential-evolution move, emcee main-branch form (PR #480): for each active walker pick an
 * ordered pair (p, q), p ≠ q, uniformly from the complement C, and propose
 * Y = X_k + γ (C_q − C_p), γ = γ₀ (1 + σ N(0,1)), γ₀ = 2.38/√(2 ndim); symmetric (log Hastings 0).
 * Reference: ter Braak, Stat. Comput. 16 (2006) 239, doi:10.1007/s11222-006-8769-1;
 * Nelson et al., ApJS 210 (2014) 11, doi:10.1088/0067-0049/210/1/11; emcee main `moves/de.py`;
 * ter Braak 2006, doi:10.1007/s11222-006-8769-1. Draw order: nActive `randint(nPairs)` (pair indices, emcee's
 * `choice(nPairs, size)`), then nActive standard normals.
 * Pair enumeration (as emcee): lower-triangle (row, col) pairs of an nC × nC matrix in row-major
 * order, then the same pairs swapped; a pair (p0, p1) gives C[p1] − C[p0].
 *
 * Block form (`params`): the difference is added only to a block of coordinates, the others stay
 * where they are, and γ₀ defaults to 2.38/√(2·block size). The proposal is still symmetric given
 * the complementary ensemble (the pair (p, q) and its swap are equally likely), so the log Hastings
 * factor stays 0: a DE update of a subset of the parameters, like the randomized subspace updates
 * of DREAM (Vrugt et al., Int. J. Nonlin. Sci. Num. 10 (2009) 273), here with a fixed, named
 * subset. Used in a mixture with the full move, it lets a few strongly coupled
 * coordinates take the large steps a low-dimensional DE allows (γ₀ ≈ 1 for 3 coordinates instead
 * of 0.34 for 24). Same draw order as the full move.
 * @module
 */
import type { Move, MoveSpec, ProposalContext } from '../types.js';

/** DE move (see module doc). */
export class DEMove implements Move {
  readonly name = 'de';
  readonly kind = 'redblue' as const;
  readonly nsplits = 2;
  private g0 = 0;
  private pairN = -1;
  private p0 = new Int32Array(0);
  private p1 = new Int32Array(0);
  private idx = new Int32Array(0);
  private readonly dims: Int32Array | null;

  /**
   * @param sigma - relative spread of γ (default 1e-5)
   * @param gamma0 - mean γ (default 2.38/√(2·d), d = ndim or the block size)
   * @param block - move only these coordinates: their indices (`dims`, distinct, in [0, ndim)) and
   *   the names they came from (`params`, kept for {@link describe})
   */
  constructor(
    readonly sigma: number = 1.0e-5,
    readonly gamma0?: number,
    readonly block?: { readonly params: readonly string[]; readonly dims: readonly number[] },
  ) {
    if (block) {
      if (block.dims.length === 0 || new Set(block.dims).size !== block.dims.length || block.dims.some((d) => !Number.isInteger(d) || d < 0)) {
        throw new RangeError('DE move: the block needs distinct non-negative coordinate indices');
      }
      this.dims = Int32Array.from(block.dims);
    } else this.dims = null;
  }

  /** Sets γ₀ from the dimension of the moved coordinates when not given; checks the block fits. */
  setup(ndim: number): void {
    if (this.dims && this.dims.some((d) => d >= ndim)) throw new RangeError(`DE move: block coordinate beyond the ${ndim} parameters`);
    this.g0 = this.gamma0 ?? 2.38 / Math.sqrt(2 * (this.dims ? this.dims.length : ndim));
  }

  private buildPairs(n: number): void {
    const half = (n * (n - 1)) / 2;
    this.p0 = new Int32Array(2 * half);
    this.p1 = new Int32Array(2 * half);
    let k = 0;
    for (let r = 1; r < n; r++) {
      for (let c = 0; c < r; c++) {
        this.p0[k] = r;
        this.p1[k] = c;
        this.p0[k + half] = c;
        this.p1[k + half] = r;
        k++;
      }
    }
    this.pairN = n;
  }

  /** Fills proposals; log Hastings factors are 0. */
  propose(ctx: ProposalContext): void {
    const { rng, ndim, walkers, nActive, complement, nComplement, proposal, logHastings } = ctx;
    if (nComplement < 2) throw new RangeError('DE move needs at least 2 walkers in the complement');
    if (this.pairN !== nComplement) this.buildPairs(nComplement);
    if (this.idx.length < nActive) this.idx = new Int32Array(nActive);
    const npairs = this.p0.length;
    for (let i = 0; i < nActive; i++) this.idx[i] = rng.randint(npairs);
    const g0 = this.g0;
    for (let i = 0; i < nActive; i++) {
      const gamma = g0 * (1 + this.sigma * rng.standardNormal());
      const k = this.idx[i]!;
      const a = this.p0[k]! * ndim;
      const b = this.p1[k]! * ndim;
      const dims = this.dims;
      if (dims) {
        for (let d = 0; d < ndim; d++) proposal[i * ndim + d] = walkers[i * ndim + d]!;
        for (let j = 0; j < dims.length; j++) {
          const d = dims[j]!;
          proposal[i * ndim + d] = walkers[i * ndim + d]! + gamma * (complement[b + d]! - complement[a + d]!);
        }
      } else {
        for (let d = 0; d < ndim; d++) {
          proposal[i * ndim + d] = walkers[i * ndim + d]! + gamma * (complement[b + d]! - complement[a + d]!);
        }
      }
      logHastings[i] = 0;
    }
  }

  /** @returns JSON spec */
  describe(): MoveSpec {
    return {
      type: 'de',
      sigma: this.sigma,
      ...(this.gamma0 === undefined ? {} : { gamma0: this.gamma0 }),
      ...(this.block ? { params: [...this.block.params] } : {}),
    };
  }
}
