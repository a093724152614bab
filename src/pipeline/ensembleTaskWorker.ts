/**
 * Worker-thread entry of `nuem run`: receives one {@link EnsembleTask}, posts progress messages
 * and finally the result (chain arrays transferred, not copied). User errors are posted with their
 * parts so the main thread can rethrow them as `UserError`s (exit code 2).
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { isUserError } from '../cli/userError.js';
import { resultTransferList } from '../sampler/parallel/EnsembleRunResult.js';
import { runEnsembleTask, type EnsembleTask } from './ensembleTask.js';

if (parentPort) {
  const port = parentPort;
  port.once('message', (task: EnsembleTask) => {
    runEnsembleTask(task, (progress) => port.postMessage({ progress })).then(
      (result) => port.postMessage({ result }, resultTransferList(result)),
      (e: unknown) =>
        port.postMessage({
          error: isUserError(e)
            ? { user: true, where: e.where, what: e.what, fix: e.fix }
            : { user: false, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) },
        }),
    );
  });
}
