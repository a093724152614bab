/**
 * A chain backend that forwards every step to a primary backend (the HDF5 file) and keeps an
 * in-memory copy of the whole chain, so the run loop can estimate τ on the full chain at every
 * convergence check without reading the file back (τ from the whole chain, as emcee estimates it: Foreman-Mackey et al. 2013, arXiv:1202.3665).
 * @module
 */
import type { ChainBackend, ChainMetadata, ResumeState } from '../sampler/backends/backend.js';
import { MemoryBackend } from '../sampler/backends/memoryBackend.js';

/** Forwards to `primary` and mirrors positions and log-probabilities into memory. */
export class MirrorBackend implements ChainBackend {
  /** The in-memory copy (all steps, including steps loaded before a resume). */
  readonly memory = new MemoryBackend();

  /**
   * @param primary - the backend that persists the chain
   */
  constructor(readonly primary: ChainBackend) {}

  /** Steps stored by the primary backend. */
  get iteration(): number {
    return this.primary.iteration;
  }

  /**
   * Starts a new chain in both stores.
   * @param meta - run metadata
   */
  async create(meta: ChainMetadata): Promise<void> {
    await this.memory.create(meta);
    await this.primary.create(meta);
  }

  /**
   * Opens the primary chain for resuming; the caller loads the old steps with {@link preload}.
   * @param meta - run metadata (checked by the primary backend)
   * @returns the primary backend's resume state
   */
  async openForResume(meta: ChainMetadata): Promise<ResumeState> {
    await this.memory.create(meta);
    return this.primary.openForResume(meta);
  }

  /**
   * Copies steps written earlier (read from the chain file) into the in-memory copy.
   * @param chain - (nsteps, nwalkers, ndim) row-major positions
   * @param logProb - (nsteps, nwalkers) row-major log-probabilities
   * @param nsteps - number of steps to copy
   * @param nwalkers - walkers
   * @param ndim - dimension
   */
  preload(chain: Float64Array, logProb: Float64Array, nsteps: number, nwalkers: number, ndim: number): void {
    for (let t = 0; t < nsteps; t++) {
      this.memory.appendSync(chain.subarray(t * nwalkers * ndim, (t + 1) * nwalkers * ndim), logProb.subarray(t * nwalkers, (t + 1) * nwalkers));
    }
  }

  /**
   * Adds one step to both stores.
   * @param coords - positions nwalkers × ndim
   * @param logProb - log-probabilities
   * @param accepted - per-walker 0/1 acceptance of this step
   * @param snapshot - resume state after this step
   * @returns the primary backend's result as is (no async wrapper, so a synchronous primary costs
   *   the run loop no await per step)
   */
  append(coords: Float64Array, logProb: Float64Array, accepted: Uint8Array, snapshot: () => ResumeState): void | Promise<void> {
    this.memory.appendSync(coords, logProb, accepted);
    return this.primary.append(coords, logProb, accepted, snapshot);
  }

  /** Persists buffered steps of the primary backend. */
  async flush(): Promise<void> {
    await this.primary.flush();
  }

  /** Closes the primary backend. */
  async close(): Promise<void> {
    await this.primary.close();
  }
}
