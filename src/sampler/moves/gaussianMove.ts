/**
 * Gaussian Metropolis move on the whole ensemble (emcee `GaussianMove`, "vector" mode): every
 * walker gets its own independent displacement, Y_k = X_k + L n_k, n_k ~ N(0, I_ndim), with
 * L = diag(σ) (scalar or per-dimension σ) or the Cholesky factor of a full covariance.
 * Symmetric (log Hastings 0). Unlike emcee ≤ 3.1.6 with a full covariance (one shared
 * displacement for all walkers, fixed by emcee PR #571), draws are per walker.
 * Reference: Metropolis et al., J. Chem. Phys. 21 (1953) 1087, doi:10.1063/1.1699114;
 * emcee `moves/gaussian.py`, `moves/mh.py`; emcee 3.1.4 moves, arXiv:1202.3665.
 * Draw order (emcee diagonal case): nwalkers × ndim standard normals, row-major.
 * @module
 */
import type { Move, MoveSpec, ProposalContext } from '../types.js';

/** Gaussian Metropolis move (see module doc). */
export class GaussianMove implements Move {
  readonly name = 'gaussian';
  readonly kind = 'mh' as const;
  readonly nsplits = 1;
  private readonly chol: Float64Array | null;
  private readonly sigmas: number[] | null;
  private readonly n: Float64Array;

  /**
   * @param scale - σ (same units as the parameters): a number (isotropic), one σ per dimension,
   *   or a full covariance matrix (ndim × ndim, symmetric positive definite)
   */
  constructor(readonly scale: number | number[] | number[][]) {
    if (typeof scale === 'number') {
      if (!(scale > 0)) throw new RangeError(`gaussian move: sigma must be > 0, got ${scale}`);
      this.sigmas = [scale];
      this.chol = null;
      this.n = new Float64Array(0);
    } else if (scale.every((v) => typeof v === 'number')) {
      const s = scale as number[];
      if (!s.every((v) => v > 0)) throw new RangeError('gaussian move: every sigma must be > 0');
      this.sigmas = s;
      this.chol = null;
      this.n = new Float64Array(0);
    } else {
      const cov = scale as number[][];
      const d = cov.length;
      const L = new Float64Array(d * d);
      for (let i = 0; i < d; i++) {
        if (cov[i]!.length !== d) throw new RangeError('gaussian move: covariance must be square');
        for (let j = 0; j <= i; j++) {
          let s = cov[i]![j]!;
          for (let k = 0; k < j; k++) s -= L[i * d + k]! * L[j * d + k]!;
          if (i === j) {
            if (!(s > 0)) throw new RangeError('gaussian move: covariance is not positive definite');
            L[i * d + i] = Math.sqrt(s);
          } else L[i * d + j] = s / L[j * d + j]!;
        }
      }
      this.sigmas = null;
      this.chol = L;
      this.n = new Float64Array(d);
    }
  }

  /** Fills proposals; log Hastings factors are 0. */
  propose(ctx: ProposalContext): void {
    const { rng, ndim, walkers, nActive, proposal, logHastings } = ctx;
    const sig = this.sigmas;
    if (sig) {
      if (sig.length !== 1 && sig.length !== ndim) throw new RangeError(`gaussian move: ${sig.length} sigmas for ${ndim} dimensions`);
      const iso = sig.length === 1;
      for (let i = 0; i < nActive; i++) {
        for (let d = 0; d < ndim; d++) {
          const s = iso ? sig[0]! : sig[d]!;
          proposal[i * ndim + d] = walkers[i * ndim + d]! + s * rng.standardNormal();
        }
        logHastings[i] = 0;
      }
      return;
    }
    const L = this.chol!;
    const n = this.n;
    if (n.length !== ndim) throw new RangeError(`gaussian move: covariance is ${n.length}-dimensional, problem has ${ndim}`);
    for (let i = 0; i < nActive; i++) {
      for (let d = 0; d < ndim; d++) n[d] = rng.standardNormal();
      for (let d = 0; d < ndim; d++) {
        let acc = 0.0;
        for (let k = 0; k <= d; k++) acc += L[d * ndim + k]! * n[k]!;
        proposal[i * ndim + d] = walkers[i * ndim + d]! + acc;
      }
      logHastings[i] = 0;
    }
  }

  /** @returns JSON spec */
  describe(): MoveSpec {
    return this.chol ? { type: 'gaussian', cov: this.scale as number[][] } : { type: 'gaussian', sigma: this.scale as number | number[] };
  }
}
