/**
 * Runs the independent ensembles of `nuem run`, one worker thread per ensemble at a time
 * (`threads` workers), or serially in this thread (`threads: 0`). Each task owns its seeded
 * generators, so the results do not depend on the thread count. Under tsx/vitest the worker is
 * started through an eval bootstrap that registers tsx first (stack.md §6).
 * @module
 */
import { startWorker } from '../sampler/parallel/startWorker.js';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { UserError } from '../cli/userError.js';
import { runEnsembleTask, type EnsembleProgress, type EnsembleTask, type EnsembleTaskResult } from './ensembleTask.js';

/** Options of {@link runEnsembleTasks}. */
export interface RunEnsembleTasksOptions {
  /** worker threads (default min(tasks, available cores)); 0 runs serially in this thread */
  threads?: number;
  /** progress of any ensemble */
  onProgress?: (p: EnsembleProgress) => void;
}

type WorkerMessage =
  | { progress: EnsembleProgress }
  | { result: EnsembleTaskResult }
  | { error: { user: true; where: string; what: string; fix?: string } | { user: false; message: string } };

function startTaskWorker(): Worker {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return startWorker(new URL(`./ensembleTaskWorker${ext}`, import.meta.url));
}

function runInWorker(task: EnsembleTask, live: Set<Worker>, onProgress?: (p: EnsembleProgress) => void): Promise<EnsembleTaskResult> {
  return new Promise((resolve, reject) => {
    const w = startTaskWorker();
    live.add(w);
    let settled = false;
    const finish = (f: () => void): void => {
      if (settled) return;
      settled = true;
      live.delete(w);
      void w.terminate();
      f();
    };
    w.on('message', (m: WorkerMessage) => {
      if ('progress' in m) onProgress?.(m.progress);
      else if ('result' in m) finish(() => resolve(m.result));
      else {
        const e = m.error;
        finish(() => reject(e.user ? new UserError(e.where, e.what, e.fix) : new Error(`ensemble ${task.ensemble} (seed ${task.seed}) failed in a worker: ${e.message}`)));
      }
    });
    w.on('error', (e) => finish(() => reject(e)));
    w.on('exit', (code) => finish(() => reject(new Error(`ensemble ${task.ensemble} worker exited with code ${code} before finishing`))));
    w.postMessage(task);
  });
}

/**
 * Runs the tasks, in parallel when `threads > 0`.
 * @param tasks - independent ensembles
 * @param opts - thread count and progress callback
 * @returns results in task order
 */
export async function runEnsembleTasks(tasks: readonly EnsembleTask[], opts: RunEnsembleTasksOptions = {}): Promise<EnsembleTaskResult[]> {
  const threads = Math.min(tasks.length, opts.threads ?? availableParallelism());
  const results: EnsembleTaskResult[] = new Array(tasks.length);
  if (threads <= 0) {
    for (let i = 0; i < tasks.length; i++) results[i] = await runEnsembleTask(tasks[i]!, opts.onProgress);
    return results;
  }
  let next = 0;
  let failed = false;
  const live = new Set<Worker>();
  const lane = async (): Promise<void> => {
    while (next < tasks.length && !failed) {
      const i = next++;
      results[i] = await runInWorker(tasks[i]!, live, opts.onProgress);
    }
  };
  try {
    await Promise.all(Array.from({ length: threads }, lane));
  } catch (e) {
    // stop the other ensembles: their chains stay resumable up to their last written chunk
    failed = true;
    await Promise.all([...live].map((w) => w.terminate()));
    throw e;
  }
  return results;
}
