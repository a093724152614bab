/**
 * Goodman & Weare (2010) affine-invariant stretch move, parallel (red/blue) form.
 * Y = C_j + z (X_k − C_j) = C_j − (C_j − X_k) z with z ~ g(z) ∝ 1/√z on [1/a, a],
 * log Hastings (ndim − 1) ln z.
 * Reference: Goodman & Weare, CAMCoS 5 (2010) 65, doi:10.2140/camcos.2010.5.65, eq. (7)–(10);
 * Foreman-Mackey et al. 2013 (arXiv:1202.3665) §3; emcee `moves/stretch.py`; Goodman & Weare 2010, doi:10.2140/camcos.2010.5.65.
 * Draw order (emcee): nActive uniforms for z, then nActive `randint(nComplement)`.
 * @module
 */
import type { Move, MoveSpec, ProposalContext } from '../types.js';

/** Stretch move (see module doc). */
export class StretchMove implements Move {
  readonly name = 'stretch';
  readonly kind = 'redblue' as const;
  readonly nsplits = 2;
  private z = new Float64Array(0);

  /** @param a - stretch scale a > 1 (default 2, Goodman & Weare 2010) */
  constructor(readonly a: number = 2.0) {
    if (!(a > 1)) throw new RangeError(`stretch move: a must be > 1, got ${a}`);
  }

  /** Fills proposals and log Hastings factors. */
  propose(ctx: ProposalContext): void {
    const { rng, ndim, walkers, nActive, complement, nComplement, proposal, logHastings } = ctx;
    if (this.z.length < nActive) this.z = new Float64Array(nActive);
    const z = this.z;
    const a = this.a;
    for (let i = 0; i < nActive; i++) {
      const t = (a - 1.0) * rng.randomSample() + 1;
      z[i] = (t * t) / a;
      logHastings[i] = (ndim - 1.0) * Math.log(z[i]!);
    }
    // randint(n) = randomInterval(n − 1) (numpy legacy); validate n once instead of per draw
    if (!(nComplement >= 1)) throw new RangeError(`stretch move: empty complementary ensemble`);
    const maxIndex = nComplement - 1;
    for (let i = 0; i < nActive; i++) {
      const j = rng.randomInterval(maxIndex);
      const zi = z[i]!;
      const oi = i * ndim;
      const oj = j * ndim;
      for (let d = 0; d < ndim; d++) {
        const c = complement[oj + d]!;
        proposal[oi + d] = c - (c - walkers[oi + d]!) * zi;
      }
    }
  }

  /** @returns JSON spec */
  describe(): MoveSpec {
    return { type: 'stretch', a: this.a };
  }
}
