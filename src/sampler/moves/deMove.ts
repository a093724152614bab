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

  /**
   * @param sigma - relative spread of γ (default 1e-5)
   * @param gamma0 - mean γ (default 2.38/√(2·ndim))
   */
  constructor(
    readonly sigma: number = 1.0e-5,
    readonly gamma0?: number,
  ) {}

  /** Sets γ₀ from ndim when not given. */
  setup(ndim: number): void {
    this.g0 = this.gamma0 ?? 2.38 / Math.sqrt(2 * ndim);
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
      for (let d = 0; d < ndim; d++) {
        proposal[i * ndim + d] = walkers[i * ndim + d]! + gamma * (complement[b + d]! - complement[a + d]!);
      }
      logHastings[i] = 0;
    }
  }

  /** @returns JSON spec */
  describe(): MoveSpec {
    return this.gamma0 === undefined ? { type: 'de', sigma: this.sigma } : { type: 'de', sigma: this.sigma, gamma0: this.gamma0 };
  }
}
