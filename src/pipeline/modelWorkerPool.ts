/**
 * A few worker threads, each holding its own copy of an analysis' posterior (rebuilt from the
 * analysis file, src/pipeline/modelWorker.ts), that share out independent pieces of work: the
 * profile tasks of a run (src/profile/profileTasks.ts) and the blocks of draws of the
 * Rao–Blackwellised Savage–Dickey estimate (src/summaries/savageDickeyRB.ts). Each worker takes the
 * next piece when it has finished its last one; results come back in request order, so what the
 * caller computes from them is the same for any number of workers and any timing. A worker is
 * referenced (keeps the process alive) only while it has a request pending, so a pool the caller
 * forgot to terminate cannot hang the process.
 * @module
 */
import type { Worker } from 'node:worker_threads';
import { UserError } from '../cli/userError.js';
import { startWorker } from '../sampler/parallel/startWorker.js';
import type { ModelSource, ModelWorkerReply, ModelWorkerRequest } from './modelWorker.js';

/** A request without its id (the pool numbers them). */
export type ModelWorkerTask = { profile: Extract<ModelWorkerRequest, { profile: unknown }>['profile'] } | { conditionals: Extract<ModelWorkerRequest, { conditionals: unknown }>['conditionals'] };

interface PoolWorker {
  request(m: ModelWorkerTask | { init: ModelSource }, transfer?: ArrayBuffer[]): Promise<unknown>;
  terminate(): Promise<void>;
}

function poolWorker(): PoolWorker {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const w: Worker = startWorker(new URL(`./modelWorker${ext}`, import.meta.url));
  w.unref();
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let next = 0;
  let dead: Error | null = null;
  const failAll = (e: Error): void => {
    dead ??= e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  w.on('message', (m: ModelWorkerReply) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (pending.size === 0) w.unref();
    if ('ok' in m) p.resolve(m.ok);
    else {
      const e = m.error;
      p.reject(e.user ? new UserError(e.where, e.what, e.fix) : new Error(`a model worker failed: ${e.message}`));
    }
  });
  w.on('error', (e) => failAll(e));
  w.on('exit', (code) => failAll(new Error(`model worker exited with code ${code}`)));
  return {
    request: (m, transfer = []) =>
      new Promise((resolve, reject) => {
        if (dead) return reject(dead);
        const id = next++;
        pending.set(id, { resolve, reject });
        w.ref();
        w.postMessage({ id, ...m } as ModelWorkerRequest, transfer);
      }),
    terminate: async () => {
      w.removeAllListeners('exit');
      await w.terminate();
    },
  };
}

/** Worker threads holding the analysis' posterior; see the module doc. */
export class ModelWorkerPool {
  private constructor(
    private readonly workers: PoolWorker[],
    private readonly ready: Promise<unknown>[],
  ) {}

  /**
   * Starts `size` workers; each starts rebuilding the model at once (≈ 0.5 s of module loading and
   * model building before its first task, overlapping whatever the caller does meanwhile).
   * @param size - worker threads (≥ 1)
   * @param source - the analysis file (and its text when it was read from standard input)
   * @returns the pool
   */
  static start(size: number, source: ModelSource): ModelWorkerPool {
    if (!(Number.isInteger(size) && size >= 1)) throw new RangeError(`ModelWorkerPool: size must be an integer ≥ 1, got ${size}`);
    const workers = Array.from({ length: size }, () => poolWorker());
    const ready = workers.map((w) => w.request({ init: { analysisFile: source.analysisFile, ...(source.analysisText !== undefined ? { analysisText: source.analysisText } : {}) } }));
    // a failed start is reported by the first task given to that worker
    for (const r of ready) r.catch(() => {});
    return new ModelWorkerPool(workers, ready);
  }

  /** Number of worker threads. */
  get size(): number {
    return this.workers.length;
  }

  /**
   * Runs the tasks on the workers, each worker taking the next task (in the order given) when it is
   * free, and returns the results in task order.
   * @param tasks - independent tasks
   * @param transfer - for each task, buffers to transfer rather than copy (optional)
   * @returns the results, in task order
   * @throws the first task's error (UserError kept as such)
   */
  async run(tasks: readonly ModelWorkerTask[], transfer?: (i: number) => ArrayBuffer[]): Promise<unknown[]> {
    const out = new Array<unknown>(tasks.length);
    let next = 0;
    await Promise.all(
      this.workers.map(async (w, k) => {
        await this.ready[k];
        while (next < tasks.length) {
          const i = next++;
          out[i] = await w.request(tasks[i]!, transfer?.(i) ?? []);
        }
      }),
    );
    return out;
  }

  /** Stops every worker. */
  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
