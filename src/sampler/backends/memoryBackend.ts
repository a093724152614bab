/**
 * In-memory chain store implementing {@link ChainBackend}: grows by doubling, keeps the resume
 * snapshot taken at `flush()` (end of run), and offers emcee-style accessors (`getChain(discard, thin)`, acceptance).
 * Reference: emcee `backends/backend.py` (in-memory `Backend`).
 * @module
 */
import type { ChainBackend, ChainMetadata, ResumeState } from './backend.js';
import { SamplerError } from '../SamplerError.js';

/** Chain store in typed arrays (see module doc). */
export class MemoryBackend implements ChainBackend {
  private chain = new Float64Array(0);
  private lp = new Float64Array(0);
  private acc = new Float64Array(0);
  private n = 0;
  private W = 0;
  private D = 0;
  private meta: ChainMetadata | null = null;
  private last: ResumeState | null = null;
  private pending: (() => ResumeState) | null = null;

  /** walkers per step (0 before the first append) */
  get nwalkers(): number {
    return this.W;
  }

  /** parameters per walker (0 before the first append) */
  get ndim(): number {
    return this.D;
  }

  /** steps stored */
  get iteration(): number {
    return this.n;
  }

  /** metadata given to {@link create} */
  get metadata(): ChainMetadata | null {
    return this.meta;
  }

  /** Starts an empty chain. */
  async create(meta: ChainMetadata): Promise<void> {
    this.meta = meta;
    this.n = 0;
    this.chain = new Float64Array(0);
    this.lp = new Float64Array(0);
    this.acc = new Float64Array(meta.nwalkers);
    this.last = null;
  }

  /** Returns the state after the last appended step; refuses another shape or analysis. */
  async openForResume(meta: ChainMetadata): Promise<ResumeState> {
    if (!this.meta || !this.last) throw new SamplerError('memory backend: nothing to resume', 'run the sampler first');
    if (meta.nwalkers !== this.meta.nwalkers || meta.ndim !== this.meta.ndim || meta.analysisId !== this.meta.analysisId || meta.modelHash !== this.meta.modelHash) {
      throw new SamplerError('memory backend: resume metadata does not match the stored chain', 'resume with the same analysis, model, walkers and dimension');
    }
    return this.last;
  }

  /**
   * Copies one step (coords are copied; the caller reuses its buffers). Synchronous.
   * @param coords - positions after the step, nwalkers × ndim row-major
   * @param logProb - their log-probabilities
   * @param accepted - per-walker 0/1 acceptance of this step
   * @param snapshot - resume state after this step (taken at {@link flush})
   */
  append(coords: Float64Array, logProb: Float64Array, accepted: Uint8Array, snapshot: () => ResumeState): void {
    this.appendSync(coords, logProb, accepted);
    // keep the closure; it is valid until the sampler's next step, and flush() (called by the run
    // loop right after the last step) turns it into the stored resume state
    this.pending = snapshot;
  }

  /**
   * Preallocates room for `steps` more steps (avoids regrowth and GC in long runs).
   * @param steps - additional steps expected
   * @param nwalkers - walkers per step
   * @param ndim - parameters per walker
   */
  reserve(steps: number, nwalkers: number, ndim: number): void {
    const cap = this.n + steps;
    if (cap * nwalkers * ndim <= this.chain.length) return;
    const c = new Float64Array(cap * nwalkers * ndim);
    c.set(this.chain.subarray(0, this.n * nwalkers * ndim));
    this.chain = c;
    const l = new Float64Array(cap * nwalkers);
    l.set(this.lp.subarray(0, this.n * nwalkers));
    this.lp = l;
  }

  /** Synchronous append without snapshot (used by the run loop's convergence store). */
  appendSync(coords: ArrayLike<number>, logProb: ArrayLike<number>, accepted?: ArrayLike<number>): void {
    const W = logProb.length;
    const D = coords.length / W;
    if (this.n === 0) {
      this.W = W;
      this.D = D;
    } else if (W !== this.W || D !== this.D) throw new RangeError(`memory backend: step shape ${W}×${D} differs from ${this.W}×${this.D}`);
    if (this.acc.length !== W) this.acc = new Float64Array(W);
    if ((this.n + 1) * W * D > this.chain.length) {
      const cap = Math.max(16, 2 * (this.n + 1));
      const c = new Float64Array(cap * W * D);
      c.set(this.chain.subarray(0, this.n * W * D));
      this.chain = c;
      const l = new Float64Array(cap * W);
      l.set(this.lp.subarray(0, this.n * W));
      this.lp = l;
    }
    this.chain.set(coords, this.n * W * D);
    this.lp.set(logProb, this.n * W);
    if (accepted) for (let i = 0; i < W; i++) this.acc[i]! += accepted[i]!;
    this.n++;
  }

  /** Takes the resume snapshot of the last appended step. */
  async flush(): Promise<void> {
    if (this.pending) {
      this.last = this.pending();
      this.pending = null;
    }
  }
  /** No-op (memory). */
  async close(): Promise<void> {}

  /**
   * Stored samples, row-major (steps, nwalkers, ndim) after dropping `discard` steps and keeping
   * every `thin`-th (emcee rows discard+thin−1, discard+2·thin−1, …).
   * @param discard - leading steps dropped
   * @param thin - thinning factor ≥ 1
   * @returns a view (thin = 1) or a copy
   */
  getChain(discard = 0, thin = 1): Float64Array {
    const stride = this.W * this.D;
    if (thin === 1) return this.chain.subarray(discard * stride, this.n * stride);
    const rows: number[] = [];
    for (let t = discard + thin - 1; t < this.n; t += thin) rows.push(t);
    const out = new Float64Array(rows.length * stride);
    rows.forEach((t, k) => out.set(this.chain.subarray(t * stride, (t + 1) * stride), k * stride));
    return out;
  }

  /** @returns log-probabilities, (steps, nwalkers) row-major (a view) */
  getLogProb(): Float64Array {
    return this.lp.subarray(0, this.n * this.W);
  }

  /** @returns cumulative accepted proposals per walker (since {@link create}) */
  get accepted(): Float64Array {
    return this.acc;
  }
}
