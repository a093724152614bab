/**
 * The contract every chain backend (memory, HDF5) fulfils. The sampler appends one ensemble
 * step at a time; a backend may buffer and must write whole chunks. At every write it persists
 * a {@link ResumeState} taken from `snapshot()`, so a killed run can resume from the last write
 * and then produce exactly the chain of an uninterrupted run.
 */

/** Everything needed to continue a run bit for bit after the last persisted step. */
export interface ResumeState {
  /** number of steps persisted so far (the next step index) */
  iteration: number;
  /** walker positions after step `iteration − 1`, row-major nwalkers × ndim */
  coords: number[];
  /** log-probabilities of `coords`, length nwalkers */
  logProb: number[];
  /** cumulative accepted proposals per walker, length nwalkers */
  accepted: number[];
  /** serialised RNG state (see `src/random`), enough to continue the stream exactly */
  rng: unknown;
}

/** Metadata written next to every chain (JSON sidecar) and used to refuse a wrong `--resume`. */
export interface ChainMetadata {
  /** parameter names in coordinate order */
  parameterNames: string[];
  /** analysis id (or built-in target id), checked on resume */
  analysisId: string;
  /** hash of the model (analysis + experiments + data files), checked on resume */
  modelHash: string;
  nwalkers: number;
  ndim: number;
  /** seed the run was started with */
  seed: number;
  /** display labels, one per parameter (default: the names); written to the HDF5 file as `parameter_labels` */
  parameterLabels?: string[];
  /** units, one per parameter (`1` dimensionless, `''` unknown); written to the HDF5 file as `parameter_units` */
  parameterUnits?: string[];
  /** free-form descriptions of priors, moves, sampler settings */
  priors?: unknown;
  moves?: unknown;
  settings?: Record<string, unknown>;
  /** code provenance (`codeProvenance()` from src/provenance.ts) */
  code?: unknown;
}

/** A chain store. `append` is called once per ensemble step, in order. */
export interface ChainBackend {
  /** steps stored (persisted or buffered) */
  readonly iteration: number;
  /** Starts a new chain (erasing any previous one) with the given metadata. */
  create(meta: ChainMetadata): Promise<void>;
  /**
   * Opens an existing chain for resuming; returns the state after its last persisted step.
   * Must throw a UserError if `meta` does not match what is stored (other analysis, model hash, shape).
   */
  openForResume(meta: ChainMetadata): Promise<ResumeState>;
  /**
   * Adds one step. `coords` is nwalkers × ndim row-major, `logProb` nwalkers, `accepted` the
   * per-walker 0/1 acceptance of this step. `snapshot()` returns the resume state *after* this
   * step; call it only when the step is persisted.
   * May complete synchronously (return nothing): the run loop awaits only a returned promise, so
   * backends that buffer in memory should return `void` on steps that do no asynchronous work
   * (an `await` per step costs a measurable share of a cheap target's step time).
   */
  append(coords: Float64Array, logProb: Float64Array, accepted: Uint8Array, snapshot: () => ResumeState): void | Promise<void>;
  /** Persists whatever is buffered (end of run). */
  flush(): Promise<void>;
  /** Flushes and releases resources. */
  close(): Promise<void>;
}
