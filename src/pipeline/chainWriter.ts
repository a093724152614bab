/**
 * The chain writer of `nuem run`, seen from the coordinator: a worker thread
 * (src/pipeline/chainWriterWorker.ts) that owns the HDF5 chain files, so creating them, appending
 * the row batches, the periodic persists and the final persist + fsync all run beside the
 * sampling instead of in its thread. The coordinator gathers the row batches and posts them
 * together at each check point ({@link ChainWriter.post}: one message instead of one per batch,
 * their buffers transferred) and does not wait, except for a resume (it needs the state), for a
 * writer that fell too far behind, and at the very end ({@link ChainWriter.close}).
 *
 * Errors of the writer surface as they did in the coordinator: user errors as the same one-line
 * `UserError` (rebuilt from their parts), anything else as an `Error` with its message; they are
 * held in {@link ChainWriter.error} for the coordinator to check at its next step, and
 * {@link ChainWriter.close} rejects with them.
 * @module
 */
import type { Worker } from 'node:worker_threads';
import { UserError } from '../cli/userError.js';
import type { ChainMetadata, ResumeState } from '../sampler/backends/backend.js';
import { startWorker } from '../sampler/parallel/startWorker.js';
import type { WriterBatch, WriterErrorPayload, WriterMessage, WriterRequest } from './chainWriterWorker.js';
import type { RowBatch } from './ensembleTask.js';

function toError(e: WriterErrorPayload): Error {
  return e.user ? new UserError(e.where, e.what, e.fix) : new Error(`writing a chain failed: ${e.message}`);
}

/** A writer thread started ahead by {@link ChainWriter.prewarm}, not yet taken. */
let spare: ChainWriter | null = null;

/** Client of the chain-writer thread (see module doc). */
export class ChainWriter {
  /**
   * Starts a writer thread ahead of its use, so that loading it (Node's worker start-up and the
   * HDF5 library's WebAssembly, ~0.3 s of CPU) overlaps the stages before sampling instead of the
   * sampling itself. At most one spare exists; it does not keep the process alive while unused.
   */
  static prewarm(): void {
    if (spare && !spare.dead) return;
    spare = new ChainWriter();
    spare.worker.unref();
  }

  /**
   * The spare writer of {@link ChainWriter.prewarm} if there is a live one, else a new writer.
   * @returns a writer for one run (terminate it when done)
   */
  static take(): ChainWriter {
    const w = spare && !spare.dead ? spare : new ChainWriter();
    spare = null;
    w.worker.ref();
    return w;
  }

  private readonly worker: Worker;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  private nextId = 1;
  private err: Error | null = null;
  private dead: Error | null = null;
  /** per ensemble: end row of the last batch posted / acknowledged */
  private readonly posted = new Map<number, number>();
  private readonly acked = new Map<number, number>();
  private ackWaiters: Array<() => void> = [];
  /** batches gathered since the last post */
  private gathered: WriterBatch[] = [];
  /** wall ms the coordinator spent posting (copying nothing: the buffers are transferred) */
  postMs = 0;

  /** Starts the writer thread (it loads h5wasm while the caller goes on); see also {@link ChainWriter.take}. */
  constructor() {
    const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
    this.worker = startWorker(new URL(`./chainWriterWorker${ext}`, import.meta.url));
    this.worker.on('message', (m: WriterMessage) => {
      if ('acked' in m) {
        for (const [k, to] of m.acked) this.acked.set(k, to);
        const ws = this.ackWaiters;
        this.ackWaiters = [];
        for (const w of ws) w();
        return;
      }
      if ('failed' in m) {
        this.err ??= toError(m.failed);
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if ('ok' in m) p.resolve(m.ok);
      else p.reject(toError(m.error));
    });
    const die = (e: Error): void => {
      this.dead ??= e;
      this.err ??= e;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
      const ws = this.ackWaiters;
      this.ackWaiters = [];
      for (const w of ws) w();
    };
    this.worker.on('error', (e) => die(new Error(`the chain writer thread failed: ${e.message}`)));
    this.worker.on('exit', (code) => die(new Error(`the chain writer thread exited with code ${code}`)));
  }

  /** The first error of the writer, or null. */
  get error(): Error | null {
    return this.err;
  }

  private request<T>(m: { op: 'resume'; ensemble: number; path: string; chunkSteps: number; meta: ChainMetadata } | { op: 'close' }): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker.postMessage({ ...m, id } as WriterRequest);
    });
  }

  /**
   * Queues the creation of a new chain file (errors surface through {@link ChainWriter.error}).
   * @param ensemble - ensemble index
   * @param path - HDF5 chain file
   * @param chunkSteps - HDF5 chunk length in steps
   * @param meta - chain metadata
   */
  create(ensemble: number, path: string, chunkSteps: number, meta: ChainMetadata): void {
    this.posted.set(ensemble, 0);
    this.acked.set(ensemble, 0);
    this.worker.postMessage({ op: 'create', ensemble, path, chunkSteps, meta } satisfies WriterRequest);
  }

  /**
   * Reopens a chain for resuming (`Hdf5Backend.openForResume` in the writer thread).
   * @param ensemble - ensemble index
   * @param path - HDF5 chain file
   * @param chunkSteps - HDF5 chunk length in steps
   * @param meta - metadata of the run that continues it
   * @returns the resume state after the last persisted step
   */
  async openForResume(ensemble: number, path: string, chunkSteps: number, meta: ChainMetadata): Promise<ResumeState> {
    const s = await this.request<ResumeState>({ op: 'resume', ensemble, path, chunkSteps, meta });
    this.posted.set(ensemble, s.iteration);
    this.acked.set(ensemble, s.iteration);
    return s;
  }

  /**
   * Gathers a row batch for the next {@link ChainWriter.post}; its buffers are transferred then
   * (the caller must not reuse them).
   * @param b - the batch
   */
  append(b: RowBatch): void {
    this.gathered.push({ ensemble: b.ensemble, to: b.to, rows: b.to - b.from, chain: b.chain, logProb: b.logProb, accepted: b.accepted, snapshot: b.snapshot });
  }

  /** Posts the gathered batches to the writer in one message, their buffers transferred. */
  post(): void {
    if (this.gathered.length === 0) return;
    const t = performance.now();
    const batches = this.gathered;
    this.gathered = [];
    const transfer: ArrayBuffer[] = [];
    for (const b of batches) transfer.push(b.chain.buffer as ArrayBuffer, b.logProb.buffer as ArrayBuffer, b.accepted.buffer as ArrayBuffer);
    this.worker.postMessage({ op: 'append', batches } satisfies WriterRequest, transfer);
    for (const b of batches) this.posted.set(b.ensemble, b.to);
    this.postMs += performance.now() - t;
  }

  /** Largest number of rows posted but not yet written, over ensembles (gathered rows not counted). */
  get lag(): number {
    let m = 0;
    for (const [k, p] of this.posted) m = Math.max(m, p - (this.acked.get(k) ?? 0));
    return m;
  }

  /**
   * Waits until the writer is at most `rows` rows behind on every ensemble (or failed).
   * @param rows - allowed lag in steps
   */
  async waitLag(rows: number): Promise<void> {
    while (this.lag > rows && !this.dead && !this.err) await new Promise<void>((r) => this.ackWaiters.push(r));
  }

  /**
   * Closes every chain (final persist + fsync) after all batches posted before.
   * @returns wall seconds the writer thread spent in HDF5 work over its life
   * @throws the writer's first error
   */
  async close(): Promise<{ busyS: number }> {
    this.post();
    const r = await this.request<{ busyS: number }>({ op: 'close' });
    if (this.err) throw this.err;
    return r;
  }

  /** Stops the writer thread (after {@link ChainWriter.close}, or to abandon it). */
  async terminate(): Promise<void> {
    this.worker.removeAllListeners('exit');
    this.dead ??= new Error('the chain writer was stopped');
    await this.worker.terminate();
  }
}
