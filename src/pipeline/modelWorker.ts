/**
 * Worker-thread entry of the {@link ModelWorkerPool}: rebuilds the analysis' posterior from its
 * file (the text is registered first when the file exists only in memory, i.e. was read from
 * standard input), once, then answers the coordinator's requests in order: a profile task
 * ({@link runProfileTask}) or the Rao–Blackwellised Savage–Dickey conditional densities of a block
 * of draws ({@link conditionalDensities}). Every result is computed by the same code, from the
 * same model, as in the calling thread, so it is bit-identical to the serial computation (a
 * profile task also returns the warm-start state it ended in). User
 * errors are posted with their parts so the coordinator rethrows them as `UserError`s.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { isUserError } from '../cli/userError.js';
import { loadAnalysis, type LoadedAnalysis } from '../experiments/loadAnalysis.js';
import { buildPosterior, type Posterior } from '../likelihood/buildPosterior.js';
import { runProfileTask, type ProfileTask, type ProfileTaskResult } from '../profile/profileTasks.js';
import type { WarmStartState } from '../experimentModel/combinedLikelihood.js';
import { conditionalDensities, type ConditionalBlock } from '../summaries/savageDickeyRB.js';
import { registerInMemoryFile } from '../util/inMemoryFiles.js';

/** Where a worker's model comes from. */
export interface ModelSource {
  /** absolute path of the analysis file */
  analysisFile: string;
  /** its text when it exists only in memory (read from standard input) */
  analysisText?: string;
}

/** A request from the coordinator. */
export type ModelWorkerRequest =
  | { id: number; init: ModelSource }
  | { id: number; profile: ProfileTask }
  | { id: number; conditionals: ConditionalBlock };

/** What a profile request returns: the task's result and the warm-start state it ended in. */
export interface ProfileReply {
  result: ProfileTaskResult;
  warmState: WarmStartState;
  /** wall seconds the task took in the worker */
  seconds: number;
}

/** A reply to the coordinator. */
export type ModelWorkerReply = { id: number; ok: unknown } | { id: number; error: { user: true; where: string; what: string; fix?: string } | { user: false; message: string } };

if (parentPort) {
  const port = parentPort;
  let model: { analysis: LoadedAnalysis; posterior: Posterior } | null = null;
  const need = (): { analysis: LoadedAnalysis; posterior: Posterior } => {
    if (!model) throw new Error('model worker: no init request before the first task');
    return model;
  };
  const handle = (m: ModelWorkerRequest): { value: unknown; transfer: ArrayBuffer[] } => {
    if ('init' in m) {
      if (m.init.analysisText !== undefined) registerInMemoryFile(m.init.analysisFile, m.init.analysisText);
      const analysis = loadAnalysis(m.init.analysisFile);
      model = { analysis, posterior: buildPosterior(analysis) };
      return { value: null, transfer: [] };
    }
    if ('profile' in m) {
      const { analysis, posterior } = need();
      const t0 = performance.now();
      const result = runProfileTask(posterior.likelihood, analysis, m.profile);
      return { value: { result, warmState: posterior.likelihood.combined.warmStartState(), seconds: (performance.now() - t0) / 1000 } satisfies ProfileReply, transfer: [] };
    }
    const r = conditionalDensities(need().posterior.logProbBatch, m.conditionals);
    return { value: r, transfer: [r.density.buffer as ArrayBuffer, r.relQuadratureError.buffer as ArrayBuffer] };
  };
  // requests are handled synchronously, one message at a time, so they run in the order sent
  port.on('message', (m: ModelWorkerRequest) => {
    let reply: ModelWorkerReply;
    let transfer: ArrayBuffer[] = [];
    try {
      const r = handle(m);
      reply = { id: m.id, ok: r.value };
      transfer = r.transfer;
    } catch (e) {
      reply = {
        id: m.id,
        error: isUserError(e) ? { user: true, where: e.where, what: e.what, fix: e.fix } : { user: false, message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) },
      };
    }
    port.postMessage(reply, transfer);
  });
}
