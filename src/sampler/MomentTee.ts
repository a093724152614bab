/**
 * A chain backend wrapper that accumulates per-block moment sums of every parameter while
 * forwarding each step, so posterior means and standard deviations after any burn-in come out at
 * the end of a run without keeping the chain in memory (used by `nuem sample` and the ensemble
 * jobs).
 * @module
 */
import type { ChainBackend, ChainMetadata, ResumeState } from './backends/backend.js';

/** Steps per block of the moment accumulator. */
const BLOCK = 10;

/**
 * Backend wrapper accumulating, per block of {@link BLOCK} steps, shifted sums Σ(x − x₀) and
 * Σ(x − x₀)² of every parameter (x₀ = first sample), so moments after any burn-in (a quarter of
 * the final length, known only at the end with --until-converged) come out without keeping the
 * chain in memory. Delegates everything to the wrapped backend.
 */
export class MomentTee implements ChainBackend {
  private sums = new Float64Array(0);
  private counts: number[] = [];
  private shift: Float64Array | null = null;
  /**
   * @param inner - the backend every call is forwarded to
   * @param step - index of the first step that will be appended (the resume point, or 0)
   * @param ndim - parameters per walker
   */
  constructor(
    readonly inner: ChainBackend,
    private step: number,
    readonly ndim: number,
  ) {}
  /** steps stored by the wrapped backend */
  get iteration(): number {
    return this.inner.iteration;
  }
  /**
   * Forwards to the wrapped backend.
   * @param meta - run metadata
   * @returns the wrapped call's promise
   */
  create(meta: ChainMetadata): Promise<void> {
    return this.inner.create(meta);
  }
  /**
   * Forwards to the wrapped backend.
   * @param meta - run metadata
   * @returns the wrapped backend's resume state
   */
  openForResume(meta: ChainMetadata): Promise<ResumeState> {
    return this.inner.openForResume(meta);
  }
  /**
   * Adds the step to the block sums, then forwards it.
   * @param coords - positions nwalkers × ndim
   * @param logProb - log-probabilities
   * @param accepted - per-walker 0/1 acceptance
   * @param snapshot - resume state after this step
   * @returns the wrapped backend's result (nothing when it is synchronous)
   */
  append(coords: Float64Array, logProb: Float64Array, accepted: Uint8Array, snapshot: () => ResumeState): void | Promise<void> {
    const D = this.ndim;
    if (!this.shift) this.shift = coords.slice(0, D);
    const blk = Math.floor(this.step / BLOCK);
    if ((blk + 1) * 2 * D > this.sums.length) {
      const grown = new Float64Array(Math.max(64, 2 * (blk + 1)) * 2 * D);
      grown.set(this.sums);
      this.sums = grown;
    }
    while (this.counts.length <= blk) this.counts.push(0);
    for (let i = 0; i < logProb.length; i++) {
      for (let d = 0; d < D; d++) {
        const x = coords[i * D + d]! - this.shift[d]!;
        this.sums[blk * 2 * D + d]! += x;
        this.sums[blk * 2 * D + D + d]! += x * x;
      }
    }
    this.counts[blk]! += logProb.length;
    this.step++;
    return this.inner.append(coords, logProb, accepted, snapshot);
  }
  /**
   * Mean and sample standard deviation per parameter over steps ≥ discard (rounded down to a block
   * boundary; this run's steps only), from shifted sums (Chan, Golub & LeVeque 1983,
   * doi:10.1080/00031305.1983.10483115).
   * @param discard - burn-in steps (absolute step index)
   * @returns one { mean, sd } per parameter
   */
  moments(discard: number): { mean: number; sd: number }[] {
    const D = this.ndim;
    const out: { mean: number; sd: number }[] = [];
    for (let d = 0; d < D; d++) {
      let n = 0,
        s = 0,
        s2 = 0;
      for (let b = Math.floor(discard / BLOCK); b < this.counts.length; b++) {
        n += this.counts[b]!;
        s += this.sums[b * 2 * D + d]!;
        s2 += this.sums[b * 2 * D + D + d]!;
      }
      const m = n > 0 ? s / n : NaN;
      out.push({ mean: m + (this.shift?.[d] ?? 0), sd: n > 1 ? Math.sqrt(Math.max(0, (s2 - n * m * m) / (n - 1))) : NaN });
    }
    return out;
  }
  /** @returns the wrapped backend's flush */
  flush(): Promise<void> {
    return this.inner.flush();
  }
  /** @returns the wrapped backend's close */
  close(): Promise<void> {
    return this.inner.close();
  }
}

