/**
 * Independent ensembles in parallel with worker_threads (one job per message, `threads`
 * persistent workers), returning results in job order — identical to running the jobs serially,
 * because each job owns its seeded generators. Workers start through {@link startWorker} (also
 * from `.ts` sources under tsx/vitest).
 * @module
 */
import { availableParallelism } from 'node:os';
import { runEnsembleJob, type EnsembleJob, type EnsembleJobResult } from './EnsembleJob.js';
import { startWorker } from './startWorker.js';

/** Options of {@link runEnsembles}. */
export interface RunEnsemblesOptions {
  /** worker threads (default min(jobs, available cores)); 0 runs serially in this thread */
  threads?: number;
}

/**
 * Runs the jobs, in parallel when `threads > 0`.
 * @param jobs - independent ensemble runs (targets by module path, see TargetSpec)
 * @param opts - thread count
 * @returns results in job order
 */
export async function runEnsembles(jobs: EnsembleJob[], opts: RunEnsemblesOptions = {}): Promise<EnsembleJobResult[]> {
  const threads = Math.min(jobs.length, opts.threads ?? availableParallelism());
  if (threads <= 0) {
    const out: EnsembleJobResult[] = [];
    for (const j of jobs) out.push(await runEnsembleJob(j));
    return out;
  }
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const url = new URL(`./ensembleWorker${ext}`, import.meta.url);
  const results: EnsembleJobResult[] = new Array(jobs.length);
  let next = 0;
  const workers = Array.from({ length: threads }, () => startWorker(url));
  try {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve, reject) => {
            const feed = (): void => {
              if (next >= jobs.length) {
                resolve();
                return;
              }
              const id = next++;
              w.postMessage({ id, job: jobs[id] });
            };
            w.on('message', (m: { id: number; result?: EnsembleJobResult; error?: string }) => {
              if (m.error !== undefined) {
                reject(new Error(`ensemble ${m.id} (seed ${jobs[m.id]!.seed}) failed in a worker: ${m.error}`));
                return;
              }
              results[m.id] = m.result!;
              feed();
            });
            w.on('error', reject);
            feed();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return results;
}
