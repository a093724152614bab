/**
 * `nuem sample --ensembles N [--threads T]`: N independent ensembles of the same target with
 * streams derived from the run seed K (ensemble i: {@link ensembleRng}(rng, K, i), numpy SeedSequence
 * spawn; ensemble 0 is the single run's stream), run in worker threads by {@link runEnsembles}; each writes its own chain
 * `<out>` with the suffix `-e<i>` before the extension (chain.h5 → chain-e0.h5, chain-e1.h5, …).
 * Same seed ⇒ same chain, so the result does not depend on the thread count (tested). Several
 * chains started from different seeds are what split R̂ across chains needs (Vehtari et al. 2021,
 * arXiv:1903.08008; Vehtari et al. 2021, arXiv:1903.08008).
 * @module
 */
import { existsSync } from 'node:fs';
import { codeProvenance } from '../provenance.js';
import type { ChainMetadata } from './backends/backend.js';
import type { EnsembleJob, EnsembleJobResult } from './parallel/EnsembleJob.js';
import { runEnsembles } from './parallel/runEnsembles.js';
import { SamplerError } from './SamplerError.js';
import { samplingModelHash, type SamplingRunOptions } from './SamplingRunOptions.js';
import type { TargetSpec } from './TargetSpec.js';

/** Options of {@link runEnsemblesFromOptions}. */
export interface RunEnsemblesFromOptions extends SamplingRunOptions {
  /** target by module path (closures cannot cross threads) */
  target: TargetSpec;
  /** number of ensembles (≥ 1) */
  ensembles: number;
  /** worker threads (default min(ensembles, cores)); 0 runs them one after another in this thread */
  threads?: number;
}

/** Summary of one ensemble. */
export interface EnsembleSummary {
  ensemble: number;
  seed: number;
  iteration: number;
  meanAcceptance: number;
  /** mean and sd per parameter over steps ≥ ⌊iteration/4⌋ */
  parameters: { name: string; mean: number; sd: number }[];
  warnings: string[];
  out?: string;
}

/**
 * Output path of ensemble `i`: `-e<i>` inserted before the last extension (or appended).
 * @param out - base path, e.g. `chain.h5`
 * @param i - ensemble index
 * @returns e.g. `chain-e3.h5`
 */
export function ensembleOutPath(out: string, i: number): string {
  const slash = Math.max(out.lastIndexOf('/'), out.lastIndexOf('\\'));
  const dot = out.lastIndexOf('.');
  return dot > slash + 1 ? `${out.slice(0, dot)}-e${i}${out.slice(dot)}` : `${out}-e${i}`;
}

/**
 * Runs the ensembles (see module doc).
 * @param o - target, seeds, moves, ensemble and thread counts, outputs
 * @returns one summary per ensemble, in ensemble order, and the raw job results (chains when no `out`)
 * @throws SamplerError for bad counts or existing outputs without `force`
 */
export async function runEnsemblesFromOptions(o: RunEnsemblesFromOptions): Promise<{ ensembles: EnsembleSummary[]; results: EnsembleJobResult[] }> {
  if (!Number.isInteger(o.ensembles) || o.ensembles < 1) throw new SamplerError(`--ensembles must be an integer ≥ 1, got ${o.ensembles}`, 'give the number of independent ensembles, e.g. --ensembles 4');
  if (o.threads !== undefined && !(Number.isInteger(o.threads) && o.threads >= 0)) throw new SamplerError(`--threads must be an integer ≥ 0, got ${o.threads}`, 'give the number of worker threads (0 = run in this thread)');
  const modelHash = samplingModelHash(o.model);
  const jobs: EnsembleJob[] = [];
  for (let i = 0; i < o.ensembles; i++) {
    const seed = o.seed;
    const job: EnsembleJob = { target: o.target, nwalkers: o.nwalkers, nsteps: o.nsteps, seed, ensemble: i, rng: o.rng, moves: o.moves };
    if (o.out) {
      const path = ensembleOutPath(o.out, i);
      if (existsSync(path) && !o.force) throw new SamplerError(`--out: ${path} already exists`, 'pass --force to overwrite it or choose another --out');
      const meta: ChainMetadata = {
        parameterNames: [],
        analysisId: o.analysisId,
        modelHash,
        nwalkers: o.nwalkers,
        ndim: 0,
        seed,
        moves: o.moves,
        settings: { rng: o.rng, nsteps: o.nsteps, ensemble: i, ensembles: o.ensembles },
        code: codeProvenance(),
      };
      job.out = { path, meta };
    }
    jobs.push(job);
  }
  const results = await runEnsembles(jobs, o.threads === undefined ? {} : { threads: o.threads });
  const ensembles = results.map((r, i): EnsembleSummary => {
    let acc = 0;
    for (let w = 0; w < r.nwalkers; w++) acc += r.acceptanceFraction[w]!;
    return {
      ensemble: i,
      seed: r.seed,
      iteration: r.nsteps,
      meanAcceptance: acc / r.nwalkers,
      parameters: r.parameters,
      warnings: r.warnings,
      ...(r.out ? { out: r.out } : {}),
    };
  });
  return { ensembles, results };
}
