/**
 * Worker-thread entry of the chain writer of `nuem run` (client: src/pipeline/chainWriter.ts). It
 * owns one {@link Hdf5Backend} per ensemble and handles the coordinator's messages strictly in the
 * order they were posted: `create` (new chain file) or `resume` (reopen, answered with the resume
 * state), `append` (the row batches gathered since the last post, each bulk-appended in order with
 * {@link Hdf5Backend.appendRows}, so the backend's checkpoint policy — persist every
 * `checkpointIntervalMs` or `maxBufferSteps` at chunk boundaries — runs here, on this thread's
 * clock) and `close` (final persist and fsync of every chain, answered when done). Every processed
 * `append` is acknowledged with the end row of each ensemble's last batch, which lets the
 * coordinator bound how far the writer may fall behind the sampler.
 *
 * The first error (of `create` or `append`) is posted at once (`failed`, user errors with their
 * parts, so the coordinator rethrows them as the same one-line `UserError`); later batches are then
 * dropped, as the in-thread writer did, and `close` still closes every chain that is open.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { isUserError } from '../cli/userError.js';
import type { ChainMetadata, ResumeState } from '../sampler/backends/backend.js';
import { Hdf5Backend } from '../sampler/backends/hdf5Backend.js';
import { hdf5Ready } from '../util/hdf5Library.js';

/** A serialisable error: a user error with its parts, or anything else by its message. */
export type WriterErrorPayload = { user: true; where: string; what: string; fix?: string } | { user: false; message: string };

/** A message from the coordinator to the writer. */
export type WriterRequest =
  | { op: 'create'; ensemble: number; path: string; chunkSteps: number; meta: ChainMetadata }
  | { op: 'resume'; id: number; ensemble: number; path: string; chunkSteps: number; meta: ChainMetadata }
  | { op: 'append'; batches: WriterBatch[] }
  | { op: 'close'; id: number };

/** One row batch of one ensemble, as the writer receives it. */
export interface WriterBatch {
  ensemble: number;
  /** absolute row after the batch's last row */
  to: number;
  rows: number;
  /** (rows, nwalkers, ndim) positions */
  chain: Float64Array;
  /** (rows, nwalkers) log-probabilities */
  logProb: Float64Array;
  /** (rows, nwalkers) per-step 0/1 acceptance */
  accepted: Uint8Array;
  /** state after the batch's last row */
  snapshot: ResumeState;
}

/** A message from the writer to the coordinator. */
export type WriterMessage =
  | { id: number; ok: unknown }
  | { id: number; error: WriterErrorPayload }
  | { acked: Array<[ensemble: number, to: number]> }
  | { failed: WriterErrorPayload };

/**
 * @param e - anything thrown
 * @returns its serialisable form
 */
export function writerErrorPayload(e: unknown): WriterErrorPayload {
  return isUserError(e) ? { user: true, where: e.where, what: e.what, ...(e.fix !== undefined ? { fix: e.fix } : {}) } : { user: false, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

if (parentPort) {
  const port = parentPort;
  // load the HDF5 library now, while the coordinator is still preparing the run
  hdf5Ready().catch(() => {
    /* the first create or resume reports the failure */
  });
  const backends = new Map<number, Hdf5Backend>();
  let failed = false;
  /** wall ms spent in backend calls (create, resume, append, close) */
  let busyMs = 0;
  const fail = (e: unknown): void => {
    if (failed) return;
    failed = true;
    port.postMessage({ failed: writerErrorPayload(e) } satisfies WriterMessage);
  };
  const handle = async (m: WriterRequest): Promise<void> => {
    const t = performance.now();
    try {
      if (m.op === 'create') {
        if (failed) return;
        const b = new Hdf5Backend(m.path, { chunkSteps: m.chunkSteps });
        backends.set(m.ensemble, b);
        try {
          await b.create(m.meta);
        } catch (e) {
          fail(e);
        }
      } else if (m.op === 'resume') {
        const b = new Hdf5Backend(m.path, { chunkSteps: m.chunkSteps });
        backends.set(m.ensemble, b);
        try {
          const state = await b.openForResume(m.meta);
          port.postMessage({ id: m.id, ok: state } satisfies WriterMessage);
        } catch (e) {
          port.postMessage({ id: m.id, error: writerErrorPayload(e) } satisfies WriterMessage);
        }
      } else if (m.op === 'append') {
        const acked = new Map<number, number>();
        for (const x of m.batches) {
          acked.set(x.ensemble, x.to);
          if (failed) continue;
          try {
            const b = backends.get(x.ensemble);
            if (!b) throw new Error(`chain writer: ensemble ${x.ensemble} has no open chain`);
            const snap = x.snapshot;
            b.appendRows(x.chain, x.logProb, x.accepted, x.rows, () => snap);
          } catch (e) {
            fail(e);
          }
        }
        port.postMessage({ acked: [...acked] } satisfies WriterMessage);
      } else {
        // every chain is closed (final persist + fsync) even after an error, as far as it goes
        let first: unknown = null;
        for (const b of backends.values()) {
          try {
            await b.close();
          } catch (e) {
            first ??= e;
          }
        }
        busyMs += performance.now() - t;
        if (first !== null && !failed) port.postMessage({ id: m.id, error: writerErrorPayload(first) } satisfies WriterMessage);
        else port.postMessage({ id: m.id, ok: { busyS: busyMs / 1000 } } satisfies WriterMessage);
        return;
      }
    } finally {
      if (m.op !== 'close') busyMs += performance.now() - t;
    }
  };
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (m: WriterRequest) => {
    queue = queue.then(() => handle(m)).catch((e: unknown) => fail(e));
  });
}
