/**
 * Worker-thread entry of `nuem run`: hosts one or more {@link EnsembleRunner}s and answers the
 * coordinator's requests (`start`, `advance`, `final`), one at a time, in order. Row batches are
 * posted as they are produced (their buffers transferred, not copied), before the report of the
 * step they lead up to, so the coordinator always holds the rows a report speaks about. User
 * errors are posted with their parts so the main thread can rethrow them as `UserError`s (exit 2).
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { isUserError } from '../cli/userError.js';
import { EnsembleRunner, type EnsembleResumeData, type EnsembleTask, type RowBatch } from './ensembleTask.js';

/** A request from the coordinator. */
export type RunnerRequest =
  | { id: number; start: { task: EnsembleTask; resume?: EnsembleResumeData } }
  | { id: number; ensemble: number; advance: number; minSteps?: number }
  | { id: number; ensemble: number; final: true };

/** A message to the coordinator. */
export type RunnerMessage =
  | { batch: RowBatch }
  | { id: number; ok: unknown }
  | { id: number; error: { user: true; where: string; what: string; fix?: string } | { user: false; message: string } };

if (parentPort) {
  const port = parentPort;
  const runners = new Map<number, EnsembleRunner>();
  const sink = (b: RowBatch): void => port.postMessage({ batch: b } satisfies RunnerMessage, [b.chain.buffer, b.logProb.buffer, b.accepted.buffer] as ArrayBuffer[]);
  let queue: Promise<void> = Promise.resolve();
  const handle = async (m: RunnerRequest): Promise<unknown> => {
    if ('start' in m) {
      const r = EnsembleRunner.start(m.start.task, sink, m.start.resume);
      runners.set(m.start.task.ensemble, r);
      return { iteration: r.iteration };
    }
    const r = runners.get(m.ensemble);
    if (!r) throw new Error(`no runner for ensemble ${m.ensemble}`);
    if ('advance' in m) return r.advance(m.advance, m.minSteps);
    const f = r.final();
    return { ...f, newSteps: r.newSteps };
  };
  port.on('message', (m: RunnerRequest) => {
    queue = queue.then(() =>
      handle(m).then(
        (ok) => port.postMessage({ id: m.id, ok } satisfies RunnerMessage),
        (e: unknown) =>
          port.postMessage({
            id: m.id,
            error: isUserError(e)
              ? { user: true, where: e.where, what: e.what, fix: e.fix }
              : { user: false, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) },
          } satisfies RunnerMessage),
      ),
    );
  });
}
