/**
 * Runs grid points of a toy construction, in this thread or in worker threads. Each point is a
 * pure function of the settings and its index (per-toy streams, src/toys/toyStream.ts), so the
 * results do not depend on the number of threads or on which thread computed which point.
 */
import { availableParallelism } from 'node:os';
import { loadAnalysis } from '../experiments/loadAnalysis.js';
import { buildAnalysisLikelihood } from '../likelihood/buildAnalysisLikelihood.js';
import { forwardModelPrediction } from '../likelihood/forwardModelPrediction.js';
import { startWorker } from '../sampler/parallel/startWorker.js';
import { toyBackend } from './backend.js';
import { computePoint, constructionContext, type ConstructionContext, type PointResult, type ToyConfig } from './construction.js';

/**
 * The construction context of a settings object (loads the analysis and builds its likelihood).
 *
 * @param config - settings
 * @returns the context
 */
export function contextFromConfig(config: ToyConfig): ConstructionContext {
  const analysis = loadAnalysis(config.analysisFile);
  const lik = buildAnalysisLikelihood(analysis, forwardModelPrediction);
  return constructionContext(config, analysis, toyBackend(lik));
}

/** Options of {@link runPoints}. */
export interface RunPointsOptions {
  /** Worker threads (1: this thread; default: available cores, at most the number of points). */
  readonly threads?: number;
  /** Called after each finished point (in completion order). */
  readonly onPoint?: (result: PointResult, done: number, total: number) => void;
}

/**
 * Default thread count: the cores Node reports.
 *
 * @returns os.availableParallelism()
 */
export function defaultThreads(): number {
  return availableParallelism();
}

/**
 * Computes the given grid points.
 *
 * @param config - settings
 * @param indices - grid indices to compute
 * @param opts - threads and a per-point callback
 * @returns the results, sorted by index
 */
export async function runPoints(config: ToyConfig, indices: readonly number[], opts: RunPointsOptions = {}): Promise<PointResult[]> {
  const threads = Math.max(1, Math.min(opts.threads ?? defaultThreads(), indices.length));
  const results: PointResult[] = [];
  let done = 0;
  const finish = (r: PointResult): void => {
    results.push(r);
    done++;
    opts.onPoint?.(r, done, indices.length);
  };
  if (threads === 1) {
    const ctx = contextFromConfig(config);
    for (const j of indices) finish(computePoint(ctx, j));
  } else {
    const url = new URL(import.meta.url.endsWith('.ts') ? './toyWorker.ts' : './toyWorker.js', import.meta.url);
    const queue = [...indices];
    await Promise.all(
      Array.from({ length: threads }, () =>
        new Promise<void>((resolve, reject) => {
          const w = startWorker(url);
          const next = (): void => {
            const j = queue.shift();
            if (j === undefined) {
              void w.terminate().then(() => resolve());
              return;
            }
            w.postMessage({ index: j });
          };
          w.on('message', (m: { ready?: true; result?: PointResult; error?: string }) => {
            if (m.error) {
              void w.terminate();
              reject(new Error(`toy worker: ${m.error}`));
              return;
            }
            if (m.result) finish(m.result);
            next();
          });
          w.on('error', reject);
          w.postMessage({ config });
        }),
      ),
    );
  }
  return results.sort((a, b) => a.index - b.index);
}
