/**
 * The ensembles of `nuem run`, advanced in step and stopped together, with every stopping
 * decision persisted so a killed run resumes to exactly the chains of an uninterrupted one.
 *
 * Each ensemble is an {@link EnsembleRunner} in a worker thread (ensemble k on worker k mod
 * threads) or, with `threads: 0`, in this thread. The coordinator asks all of them to reach the
 * next check point (a multiple of `checkEvery`, or `maxSteps`), then decides from their reports:
 * - every ensemble has met the τ rule (N > factor·τ, |Δτ|/τ < relTol; emcee's monitor recipe,
 *   arXiv:1202.3665) at a check of the current round (N ≥ the round's minimum length), not
 *   necessarily the same check: each ensemble's own emcee stopping point has been passed, and the
 *   noisy 1 % stability test need not pass in all ensembles at once (docs/statistics.md §7)
 *   → with one ensemble, stop (where emcee stops); with several,
 *   compute R̂ across them on their equal-length chains (rank-normalised split R̂, Vehtari et al.
 *   2021, doi:10.1214/20-BA1221): R̂ < limit → stop; otherwise all continue to
 *   ⌈1.5·N / checkEvery⌉·checkEvery steps and the rule is applied again there (at most
 *   `maxRounds` times);
 * - N = maxSteps → stop (not converged unless the rule held).
 * Every R̂ evaluation and its outcome, and a converged stop, are written to the run's decision file
 * (`<run>.decisions.json` next to the chains, replaced atomically) *before* any ensemble moves past
 * that point; a resumed run reads them back instead of recomputing them, replays the τ checks the
 * chains already passed, and so takes the same decisions at the same steps.
 *
 * The HDF5 chain files are written by a writer thread of their own ({@link ChainWriter},
 * src/pipeline/chainWriter.ts) from the row batches the runners post (each batch carries the
 * resume state after its last row): the coordinator forwards the batches at every check point
 * (their buffers transferred, not copied) and does not wait, so file creation, appending, every
 * persist and the final persist + fsync run beside the sampling, in both layouts. A kill loses at most the rows after the last
 * persist: one persist interval of `Hdf5Backend`, plus the rows still queued for the writer,
 * which the coordinator keeps below {@link MAX_WRITER_LAG} steps at every check point. The
 * coordinator keeps its own copy of the rows only where the runners cannot share theirs: with
 * worker threads it copies each batch once (for R̂ and the result); in this thread it reads the
 * positions from the runners' stores and keeps only the log-probabilities.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { UserError } from '../cli/userError.js';
import { readChainSidecar, sidecarPathFor } from '../sampler/backends/hdf5Backend.js';
import { readChain } from '../sampler/backends/readChain.js';
import { startWorker } from '../sampler/parallel/startWorker.js';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { ChainWriter } from './chainWriter.js';
import { EnsembleRunner, type CheckReport, type EnsembleFinal, type EnsembleProgress, type EnsembleResumeData, type EnsembleTask, type EnsembleTaskResult, type RowBatch } from './ensembleTask.js';
import type { RunnerMessage, RunnerRequest } from './ensembleTaskWorker.js';
import type { EnsembleSamples } from './summarizeEnsembles.js';

/** One persisted decision of the coordinator. */
export interface RunDecision {
  /** common length of the ensembles when it was taken */
  step: number;
  /** largest R̂ over parameters at that length (null: not computable, or not evaluated) */
  rhatMax: number | null;
  /** extend: all continue to `to` steps; stop: the run ends at `step` */
  action: 'extend' | 'stop';
  /** for extend: the new minimum length */
  to?: number;
  /** for stop: converged (τ rule and R̂), rounds (R̂ still above the limit after the last round) or rhat-unavailable */
  reason?: 'converged' | 'rounds' | 'rhat-unavailable';
}

/** Content of `<run>.decisions.json`. */
export interface RunDecisionFile {
  format: 'nuem-run-decisions';
  formatVersion: 1;
  /** settings the decisions depend on */
  settings: { checkEvery: number; maxSteps: number; untilConverged: boolean; factor: number; relTol: number; rhatLimit: number; extension: number; maxRounds: number; ensembles: number };
  decisions: RunDecision[];
}

/** Options of {@link runEnsemblesInStep}. */
export interface InStepOptions {
  /** worker threads (default min(ensembles, cores)); 0 runs the ensembles in this thread */
  threads?: number;
  /** continue the chains on disk (their sidecars hold the resume states) */
  resume: boolean;
  /** the run's decision file */
  decisionsPath: string;
  /** R̂ limit (default 1.01) */
  rhatLimit?: number;
  /** largest R̂ over parameters across ensembles of equal length (null when not computable) */
  rhatMax: (ensembles: EnsembleSamples[]) => number | null;
  /** progress after each check point */
  onProgress?: (p: readonly EnsembleProgress[]) => void;
  /** messages worth telling the user (extensions) */
  onNote?: (message: string) => void;
  /**
   * Return before the chain files are closed: the final persist + fsync then runs while the
   * caller goes on, and the caller must await {@link InStepResult.closed} (which rejects with the
   * writer's error) before it reports the run. Default false: closed before returning.
   */
  deferClose?: boolean;
}

/** What {@link runEnsemblesInStep} returns. */
export interface InStepResult {
  results: EnsembleTaskResult[];
  decisions: RunDecision[];
  /**
   * Wall seconds, summed over ensembles where several run at once: sampling and monitoring in the
   * runners; chain writing as far as the coordinator waits for it (posting the batches, reopening
   * chains to resume, holding back a writer that fell behind, and the final close unless
   * deferred); R̂ decisions in the coordinator.
   */
  timing: { samplingS: number; monitoringS: number; writingS: number; rhatS: number };
  /**
   * Settles when every chain file is closed (final persist + fsync) and the writer thread has
   * stopped, with the wall seconds the writer thread spent in HDF5 work; rejects with the writer's
   * first error. Already settled unless `deferClose` was set.
   */
  closed: Promise<{ busyS: number }>;
}

/** Extension factor of the R̂ rounds and their maximum number. */
const EXTENSION = 1.5;
const MAX_ROUNDS = 8;

/**
 * Most steps (per ensemble) the chain writer may lag behind the sampler at a check point before
 * the coordinator waits for it; with the persist interval this bounds what a kill can lose.
 */
export const MAX_WRITER_LAG = 4096;

/** Growable rows (the coordinator's copy of each chain; with wd = 0 only the log-probabilities). */
class Mirror {
  chain: Float64Array;
  logProb: Float64Array;
  n = 0;
  constructor(
    private readonly wd: number,
    private readonly w: number,
    capacity: number,
  ) {
    this.chain = new Float64Array(Math.max(1, capacity) * wd);
    this.logProb = new Float64Array(Math.max(1, capacity) * w);
  }
  append(chain: Float64Array, logProb: Float64Array, rows: number): void {
    // the log-probabilities decide the growth (the positions may be absent, wd = 0)
    while ((this.n + rows) * this.w > this.logProb.length) {
      const c = new Float64Array(this.chain.length * 2);
      c.set(this.chain);
      this.chain = c;
      const l = new Float64Array(this.logProb.length * 2);
      l.set(this.logProb);
      this.logProb = l;
    }
    this.chain.set(chain.subarray(0, rows * this.wd), this.n * this.wd);
    this.logProb.set(logProb.subarray(0, rows * this.w), this.n * this.w);
    this.n += rows;
  }
}

/** Where runners live: a worker thread or this thread. */
interface Host {
  request(m: RunnerRequest): Promise<unknown>;
  terminate(): Promise<void>;
}

function workerHost(onBatch: (b: RowBatch) => void): Host {
  const ext = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const w: Worker = startWorker(new URL(`./ensembleTaskWorker${ext}`, import.meta.url));
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();
  let dead: Error | null = null;
  const failAll = (e: Error): void => {
    dead ??= e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  w.on('message', (m: RunnerMessage) => {
    if ('batch' in m) {
      onBatch(m.batch);
      return;
    }
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if ('ok' in m) p.resolve(m.ok);
    else {
      const e = m.error;
      p.reject(e.user ? new UserError(e.where, e.what, e.fix) : new Error(`an ensemble failed in a worker: ${e.message}`));
    }
  });
  w.on('error', (e) => failAll(e));
  w.on('exit', (code) => failAll(new Error(`ensemble worker exited with code ${code}`)));
  return {
    request: (m) =>
      new Promise((resolve, reject) => {
        if (dead) return reject(dead);
        pending.set(m.id, { resolve, reject });
        w.postMessage(m);
      }),
    terminate: async () => {
      w.removeAllListeners('exit');
      await w.terminate();
    },
  };
}

function localHost(onBatch: (b: RowBatch) => void, runners: Map<number, EnsembleRunner>): Host {
  return {
    request: async (m) => {
      if ('start' in m) {
        const r = EnsembleRunner.start(m.start.task, onBatch, m.start.resume);
        runners.set(m.start.task.ensemble, r);
        return { iteration: r.iteration };
      }
      const r = runners.get(m.ensemble)!;
      if ('advance' in m) return r.advance(m.advance, m.minSteps);
      return { ...r.final(), newSteps: r.newSteps };
    },
    terminate: async () => {},
  };
}

function readDecisions(path: string, settings: RunDecisionFile['settings']): RunDecision[] {
  if (!existsSync(path)) return [];
  let f: RunDecisionFile;
  try {
    f = JSON.parse(readFileSync(path, 'utf8')) as RunDecisionFile;
  } catch (e) {
    throw new UserError(path, `cannot read the run's decision file (${(e as Error).message})`, 'restore it, or start the run again without --resume');
  }
  if (f?.format !== 'nuem-run-decisions' || !Array.isArray(f.decisions)) throw new UserError(path, 'is not a nuem run decision file', 'restore it, or start the run again without --resume');
  // decisions taken under other settings (e.g. another step cap) are not this run's: they are
  // taken again (they are a deterministic function of the chains and the settings)
  const same = (Object.keys(settings) as Array<keyof typeof settings>).every((k) => f.settings?.[k] === settings[k]);
  return same ? f.decisions : [];
}

/**
 * Runs the ensembles in step (see module doc).
 * @param tasks - one per ensemble (same shape, settings and posterior)
 * @param opts - threads, resume, decision file, R̂ function, callbacks
 * @returns per-ensemble results (rows, τ history, acceptance, RNG state) and the decisions taken
 */
export async function runEnsemblesInStep(tasks: readonly EnsembleTask[], opts: InStepOptions): Promise<InStepResult> {
  const t0 = tasks[0]!;
  const W = t0.nwalkers;
  const D = t0.meta.ndim;
  const every = t0.checkEvery;
  const maxSteps = t0.maxSteps;
  const rhatLimit = opts.rhatLimit ?? 1.01;
  const nEns = tasks.length;
  const settings: RunDecisionFile['settings'] = { checkEvery: every, maxSteps, untilConverged: t0.untilConverged, factor: t0.factor ?? 50, relTol: t0.relTol ?? 0.01, rhatLimit, extension: EXTENSION, maxRounds: MAX_ROUNDS, ensembles: nEns };
  const decisions: RunDecision[] = opts.resume ? readDecisions(opts.decisionsPath, settings) : [];
  const persistDecisions = (): void => {
    const f: RunDecisionFile = { format: 'nuem-run-decisions', formatVersion: 1, settings, decisions };
    writeFileAtomic(opts.decisionsPath, `${JSON.stringify(f, null, 1)}\n`);
  };

  const threads = Math.min(nEns, opts.threads ?? availableParallelism());
  const local = threads <= 0;
  // in this thread the runners' own stores hold the positions: the coordinator keeps only ln p
  const mirrors = tasks.map(() => new Mirror(local ? 0 : W * D, W, Math.min(maxSteps, 4096)));
  const runners = new Map<number, EnsembleRunner>();
  const chainOf = (k: number, n: number): Float64Array => (local ? runners.get(k)!.chain : mirrors[k]!.chain).subarray(0, n * W * D);
  // the writer thread (started ahead by runAnalysis, else now) loads the HDF5 library while the runs below are prepared
  const writer = ChainWriter.take();
  let writingMs = 0;
  let rhatMs = 0;
  const onBatch = (b: RowBatch): void => {
    mirrors[b.ensemble]!.append(b.chain, b.logProb, b.to - b.from);
    writer.append(b);
  };
  let closed: Promise<{ busyS: number }> | null = null;
  let hosts: Host[] = [];
  try {
    // resume: the rows on disk and the states after them, read before any runner starts. An
    // ensemble killed before its first persist (sidecar at step 0) simply starts again: nothing of
    // it reached the disk, and its stream starts from the seed, so this equals the uninterrupted run.
    const resumeData: (EnsembleResumeData | undefined)[] = [];
    const fresh: boolean[] = tasks.map(() => !opts.resume);
    if (opts.resume) {
      for (let k = 0; k < nEns; k++) {
        const tk = tasks[k]!;
        // no chain file or sidecar yet (killed before the writer thread created them; runAnalysis
        // checked the run left a trace) or nothing persisted: this ensemble starts again
        const side = sidecarPathFor(tk.chainPath);
        const persisted = existsSync(tk.chainPath) && existsSync(side) ? readChainSidecar(side).iteration : 0;
        if (persisted === 0) {
          fresh[k] = true;
          resumeData.push(undefined);
          continue;
        }
        const old = await readChain(tk.chainPath);
        const tr = performance.now();
        const state = await writer.openForResume(k, tk.chainPath, tk.chunkSteps ?? 64, tk.meta);
        writingMs += performance.now() - tr;
        const n = Math.min(persisted, state.iteration, old.nsteps);
        const chain = old.chain.slice(0, n * W * D);
        mirrors[k]!.append(chain, old.logProb.subarray(0, n * W), n);
        resumeData.push({ state, chain, nsteps: n, extensions: decisions.filter((d) => d.action === 'extend').map((d) => ({ step: d.step, to: d.to! })) });
      }
    }
    if (decisions.length === 0) persistDecisions();
    // new chain files are created by the writer while the runners load the model and start sampling
    for (let k = 0; k < nEns; k++) if (fresh[k]) writer.create(k, tasks[k]!.chainPath, tasks[k]!.chunkSteps ?? 64, tasks[k]!.meta);

    hosts = local ? [localHost(onBatch, runners)] : Array.from({ length: threads }, () => workerHost(onBatch));
    const hostOf = (k: number): Host => hosts[local ? 0 : k % threads]!;
    let nextId = 1;
    const call = <T>(k: number, m: Omit<RunnerRequest, 'id'>): Promise<T> => hostOf(k).request({ id: nextId++, ...m } as RunnerRequest) as Promise<T>;
    // a writer error stops the run at the next check point; a writer that fell behind is waited for
    const checkWriter = async (): Promise<void> => {
      writer.post();
      if (writer.error) throw writer.error;
      if (writer.lag > MAX_WRITER_LAG) {
        const tw = performance.now();
        await writer.waitLag(MAX_WRITER_LAG);
        writingMs += performance.now() - tw;
        if (writer.error) throw writer.error;
      }
    };

    const progress: EnsembleProgress[] = tasks.map((tk) => ({ ensemble: tk.ensemble, iteration: 0, maxSteps, meanAcceptance: 0 }));
    await Promise.all(tasks.map((tk, k) => call<{ iteration: number }>(k, { start: { task: tk, ...(resumeData[k] ? { resume: resumeData[k] } : {}) } })));

    let n = 0;
    let minSteps = 0;
    let rounds = 0;
    for (;;) {
      const target = Math.min(maxSteps, (Math.floor(n / every) + 1) * every);
      const reports = await Promise.all(tasks.map((_, k) => call<CheckReport>(k, { ensemble: k, advance: target, minSteps })));
      await checkWriter();
      n = target;
      reports.forEach((r, k) => {
        progress[k] = {
          ensemble: tasks[k]!.ensemble,
          iteration: r.iteration,
          maxSteps,
          meanAcceptance: r.meanAcceptance,
          ...(r.tau ? { tau: r.tau } : progress[k]!.tau ? { tau: progress[k]!.tau } : {}),
          ...(settings.untilConverged ? { tauFactor: settings.factor } : {}),
        };
      });
      opts.onProgress?.(progress);
      const stored = decisions.find((d) => d.step === n);
      if (stored?.action === 'stop') break;
      // the step cap is a setting, not a decision: it is not persisted (a resume may raise it)
      if (n >= maxSteps) break;
      if (!t0.untilConverged) continue;
      // a report's tauConverged says the τ rule held at a check of the current round (EnsembleRunner)
      if (!reports.every((r) => r.tauConverged) || n < minSteps) continue;
      if (nEns === 1) {
        decisions.push({ step: n, rhatMax: null, action: 'stop', reason: 'converged' });
        persistDecisions();
        break;
      }
      let d = stored;
      if (!d) {
        const samples: EnsembleSamples[] = reports.map((r, k) => ({
          chain: chainOf(k, n),
          nsteps: n,
          nwalkers: W,
          ndim: D,
          tau: r.tau ?? [],
          acceptanceFraction: new Float64Array(W),
          converged: true,
        }));
        const tr = performance.now();
        const rh = opts.rhatMax(samples);
        rhatMs += performance.now() - tr;
        if (rh === null) d = { step: n, rhatMax: null, action: 'stop', reason: 'rhat-unavailable' };
        else if (rh < rhatLimit) d = { step: n, rhatMax: rh, action: 'stop', reason: 'converged' };
        else if (rounds >= MAX_ROUNDS) d = { step: n, rhatMax: rh, action: 'stop', reason: 'rounds' };
        else d = { step: n, rhatMax: rh, action: 'extend', to: Math.min(maxSteps, Math.ceil((EXTENSION * n) / every) * every) };
        decisions.push(d);
        persistDecisions();
      }
      if (d.action === 'stop') break;
      rounds++;
      minSteps = d.to!;
      opts.onNote?.(`every ensemble has met the τ rule by ${n} steps but R̂ = ${d.rhatMax!.toFixed(3)} ≥ ${rhatLimit} across ensembles: continuing all of them to ${minSteps} steps`);
    }

    // every row has been posted to the writer (a runner posts its batches before its report): the
    // final persist + fsync starts now, beside the runners' final τ and the copies below
    const closing = writer.close();
    closed = closing.finally(() => writer.terminate());
    // settled by the caller (deferClose) or below; never an unhandled rejection in between
    closed.catch(() => {});
    const finals = await Promise.all(tasks.map((_, k) => call<EnsembleFinal & { newSteps: number }>(k, { ensemble: k, final: true })));
    const results: EnsembleTaskResult[] = finals.map((f, k) => ({
      ensemble: f.ensemble,
      chainPath: tasks[k]!.chainPath,
      nsteps: f.nsteps,
      nwalkers: W,
      ndim: D,
      chain: chainOf(k, f.nsteps).slice(),
      logProb: mirrors[k]!.logProb.slice(0, f.nsteps * W),
      acceptanceFraction: f.acceptanceFraction,
      rngState: f.rngState,
      warnings: f.warnings,
      tauHistory: f.tauHistory,
      converged: f.converged,
      newSteps: f.newSteps,
    }));
    writingMs += writer.postMs;
    if (!opts.deferClose) {
      const tc = performance.now();
      await closed;
      writingMs += performance.now() - tc;
    }
    const sum = (f: (x: EnsembleFinal) => number): number => finals.reduce((a, x) => a + f(x), 0);
    return { results, decisions, timing: { samplingS: sum((x) => x.timing.samplingS), monitoringS: sum((x) => x.timing.monitoringS), writingS: writingMs / 1000, rhatS: rhatMs / 1000 }, closed };
  } catch (e) {
    // the chains stay resumable up to their last persisted rows; write what already arrived
    try {
      await (closed ?? writer.close());
    } catch {
      /* the original error matters more */
    }
    await writer.terminate();
    throw e;
  } finally {
    await Promise.all(hosts.map((h) => h.terminate()));
  }
}
