/**
 * Worker-thread entry: receives {@link EnsembleJob}s, runs them with {@link runEnsembleJob},
 * posts results back (chains transferred, not copied). Errors are posted as `{ error }`.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { runEnsembleJob, type EnsembleJob } from './EnsembleJob.js';
import { resultTransferList } from './EnsembleRunResult.js';

if (parentPort) {
  const port = parentPort;
  port.on('message', (msg: { id: number; job: EnsembleJob } | 'exit') => {
    if (msg === 'exit') {
      port.close();
      return;
    }
    runEnsembleJob(msg.job).then(
      (r) => port.postMessage({ id: msg.id, result: r }, resultTransferList(r)),
      (e: unknown) => port.postMessage({ id: msg.id, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }),
    );
  });
}
