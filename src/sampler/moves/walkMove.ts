/**
 * Walk move (Goodman & Weare 2010 §3, "walk move"), scaled to emcee's proposal covariance:
 * Y = X_k + Σ_j Z_j (C_j − C̄) / √(s − 1), Z_j ~ N(0, 1), over s helpers C_j drawn without
 * replacement from the complement. Y − X_k ~ N(0, cov(C_helpers)) (sample covariance, ddof = 1),
 * the distribution of emcee's `WalkMove`; symmetric, so log Hastings = 0.
 * Reference: Goodman & Weare, doi:10.2140/camcos.2010.5.65, §3 (their walk uses Σ Z_j (C_j − C̄),
 * covariance (s−1)·cov); emcee `moves/walk.py`; Goodman & Weare 2010, doi:10.2140/camcos.2010.5.65.
 * Draw order per active walker: if s < nComplement, a legacy `permutation(nComplement)` (shuffle of
 * 0..n−1) whose first s entries are the helpers; then s standard normals.
 * @module
 */
import type { Move, MoveSpec, ProposalContext } from '../types.js';

/** Walk move (see module doc). */
export class WalkMove implements Move {
  readonly name = 'walk';
  readonly kind = 'redblue' as const;
  readonly nsplits = 2;
  private perm = new Int32Array(0);
  private zs = new Float64Array(0);

  /** @param s - number of helper walkers (default: the whole complement); ≥ 2 */
  constructor(readonly s?: number) {
    if (s !== undefined && !(Number.isInteger(s) && s >= 2)) throw new RangeError(`walk move: s must be an integer ≥ 2, got ${s}`);
  }

  /** Fills proposals; log Hastings factors are 0. */
  propose(ctx: ProposalContext): void {
    const { rng, ndim, walkers, nActive, complement, nComplement, proposal, logHastings } = ctx;
    const s0 = this.s === undefined ? nComplement : this.s;
    if (s0 > nComplement) throw new RangeError(`walk move: s = ${s0} exceeds the complement size ${nComplement}`);
    if (s0 < 2) throw new RangeError(`walk move needs at least 2 helper walkers, complement has ${nComplement}`);
    if (this.perm.length < nComplement) this.perm = new Int32Array(nComplement);
    if (this.zs.length < s0) this.zs = new Float64Array(s0);
    const perm = this.perm;
    const zs = this.zs;
    const scale = 1.0 / Math.sqrt(s0 - 1);
    for (let i = 0; i < nActive; i++) {
      for (let k = 0; k < nComplement; k++) perm[k] = k;
      if (s0 < nComplement) rng.shuffle(perm, nComplement);
      for (let k = 0; k < s0; k++) zs[k] = rng.standardNormal();
      for (let d = 0; d < ndim; d++) {
        let m = 0.0;
        for (let k = 0; k < s0; k++) m += complement[perm[k]! * ndim + d]!;
        m = m / s0;
        let acc = 0.0;
        for (let k = 0; k < s0; k++) acc += zs[k]! * (complement[perm[k]! * ndim + d]! - m);
        proposal[i * ndim + d] = walkers[i * ndim + d]! + acc * scale;
      }
      logHastings[i] = 0;
    }
  }

  /** @returns JSON spec */
  describe(): MoveSpec {
    return this.s === undefined ? { type: 'walk' } : { type: 'walk', s: this.s };
  }
}
