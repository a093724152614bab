/**
 * `nuem run` without the command line: validate an analysis, build its fast posterior, profile
 * every physics parameter (1-D, and the 2-D plane when there are two), sample independent
 * ensembles until converged (HDF5 chains + sidecars), compute diagnostics and summaries, the
 * best-fit spectra, and write the HTML report. Every user error (bad model file, bad option,
 * unwritable output directory, a `--resume` chain from another analysis) is raised as a
 * `UserError` before anything is written.
 *
 * Output layout: `<chainsDir>/<analysis>/<run>.e<k>.h5` (+ `.json` sidecar) for ensemble k, and
 * `<reportsDir>/<analysis>/<run>/index.html`, and the run's stopping decisions in
 * `<chainsDir>/<analysis>/<run>.decisions.json`. Seeds: ensemble k's stream is derived from the
 * run seed by {@link ensembleRng} (ensemble 0: numpy `RandomState(seed)`, emcee-identical; k ≥ 1:
 * numpy `SeedSequence(seed, spawn_key=(k,))`), so no two (seed, ensemble) pairs share a stream;
 * its initial ball is drawn from a fresh copy of that stream and its sampler continues a second
 * fresh copy (emcee's convention, Foreman-Mackey et al. 2013, arXiv:1202.3665). The ensembles advance in step and stop
 * together (src/pipeline/runEnsemblesInStep.ts).
 * @module
 */
import { parameterUnit } from '../physics/parameters.js';
import { reportProfiles } from '../report/reportProfiles.js';
import { burnAndThin } from '../diagnostics/convergenceCheck.js';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { writeFileAtomic } from '../util/atomicWrite.js';
import { join, resolve } from 'node:path';
import { UserError } from '../cli/userError.js';
import { loadAnalysis, resolveAnalysisPath, type LoadedAnalysis } from '../experiments/loadAnalysis.js';
import { modelHash } from '../experiments/modelHash.js';
import { buildPosterior } from '../likelihood/buildPosterior.js';
import type { PlotParameter } from '../plots/types.js';
import { interestOf, interestSignalEvents, signalEventsAt } from '../profile/profileAnalysis.js';
import { profileTaskCost, runProfileTasksSerial, type ProfileTask, type ProfileTaskResult } from '../profile/profileTasks.js';
import { ModelWorkerPool } from './modelWorkerPool.js';
import type { ProfileReply } from './modelWorker.js';
import type { AnalysisLikelihood } from '../likelihood/buildAnalysisLikelihood.js';
import type { ConditionalValues } from '../summaries/savageDickeyRB.js';
import type { Contour2DResult } from '../profile/contour2D.js';
import type { Profile1DResult } from '../profile/profile1D.js';
import { availableParallelism } from 'node:os';
import { codeProvenance } from '../provenance.js';
import type { BatchLogProb } from '../sampler/types.js';
import { quantileSorted, sortedCopy } from '../summaries/quantiles.js';
import { ENSEMBLE_STREAM_RULE, ensembleRng, ensembleStreamDerivation } from '../random/seedSequence.js';
import type { RngKind } from '../random/rng.js';
import type { ReportDerived, ReportInput, ReportNuisancePull, ReportTempering } from '../report/types.js';
import { priorMoments, type Prior } from '../sampler/priors.js';
import { priorMedian } from '../experimentModel/nuisanceSchema.js';
import { labelWithUnit, emParameterUnit, standardModelPoint } from '../report/parameterDisplay.js';
import { reportPrior } from '../report/priorTable.js';
import { inMemoryFile } from '../util/inMemoryFiles.js';
import { ensembleRankEss } from '../report/ensembleRankEss.js';
import { writeReport } from '../report/writeReport.js';
import { loadToyReports } from '../report/toysReport.js';
import { diagnosticWarnings, DIAGNOSTIC_LIMITS } from '../report/diagnosticsSection.js';
import { rngStateHash } from '../report/rngStateHash.js';
import type { ChainMetadata } from '../sampler/backends/backend.js';
import { checkResumeSettings, readChainSidecar, sidecarPathFor } from '../sampler/backends/hdf5Backend.js';
import { rhatMaxAcross } from './summarizeEnsembles.js';
import type { MoveSpec } from '../sampler/types.js';
import { makeLadder, ladderProblem } from '../sampler/tempering/ladder.js';
import type { ThermodynamicEvidence } from '../sampler/tempering/thermodynamicEvidence.js';
import { priorInSupport } from '../sampler/priors.js';
import { bestFitSpectra, type BestFitSpectrum } from './bestFitSpectra.js';
import { evidenceOfRuns, nestedEvidence, type NestedEvidence } from './temperedEvidence.js';
import { runTemperedTask, type TemperedTask, type TemperedTaskResult } from './temperedTask.js';
import { checkWritableDir } from './checkWritableDir.js';
import { checkSamplerPlan } from './checkSamplerPlan.js';
import { acquireLock, existingRunFiles, missingDirs, mkdirTracked, removeEmptyCreated, runLockPath, type RunLock } from './runLock.js';
import { SIZE_LIMITS } from '../experiments/inputLimits.js';
import type { EnsembleProgress, EnsembleTask, EnsembleTaskResult } from './ensembleTask.js';
import { initialEnsemble } from './initialEnsemble.js';
import { runEnsemblesInStep, type RunDecision } from './runEnsemblesInStep.js';
import { ChainWriter } from './chainWriter.js';
import { finishSummaries, planSummaries, type EnsembleSummaries, type SavageDickeyJob, type RunParameterSummary, type SummaryParameter } from './summarizeEnsembles.js';

/** Stages of a run, in order. */
export type RunStage = 'validate' | 'forward' | 'profile' | 'sample' | 'summarise' | 'report';

/** Something worth telling the user while a run goes on. */
export type RunEvent =
  | { kind: 'stage'; stage: RunStage; message: string }
  | { kind: 'note'; message: string }
  | { kind: 'sampling'; ensembles: readonly EnsembleProgress[] };

/** Options of {@link runAnalysis} (all optional; defaults from the analysis file). */
export interface RunAnalysisOptions {
  /** run id (default `seed<K>`); one path segment of letters, digits, `.`, `_`, `-` */
  runId?: string;
  /** chains root (default `chains`) */
  chainsDir?: string;
  /** reports root (default `reports`) */
  reportsDir?: string;
  /**
   * where `nuem toys` results are looked for (`<toysDir>/<analysis>/*.json`, default `toys`); a 1-D
   * result of this analysis with the same model hash is drawn in the report (src/report/toysReport.ts)
   */
  toysDir?: string;
  /** independent ensembles (default 2; R̂ needs ≥ 2) */
  ensembles?: number;
  /**
   * worker threads; 0 runs the ensembles in this thread. Default (auto, {@link autoThreads}): this
   * thread when one ln p evaluation costs less than {@link AUTO_WORKER_MIN_EVAL_US} per walker,
   * otherwise min(ensembles, cores). The chains do not depend on the choice. The same rule (with
   * the number of profile tasks, or of blocks of B₀₁ draws, in place of the ensembles) sets the
   * worker threads of the profile and the Savage–Dickey stages (`profileWorkers`,
   * `evidenceWorkers` of the result); their results do not depend on it either.
   */
  threads?: number;
  /** continue existing chains of the same analysis, model and run id */
  resume?: boolean;
  /** override sampler.seed */
  seed?: number;
  /** override sampler.walkers */
  walkers?: number;
  /** override the step cap (sampler.untilConverged.maxSteps, or sampler.steps) */
  maxSteps?: number;
  /** override the steps between convergence checks */
  checkEvery?: number;
  /** convergence needs N > tauFactor·τ (default sampler.untilConverged.factor, else 50) */
  tauFactor?: number;
  /** convergence needs |Δτ|/τ < tauRelTol between checks (default 0.01, emcee's recipe) */
  tauRelTol?: number;
  /** RNG stream (default `emcee`) */
  rng?: RngKind;
  /** 1-D profile nodes (default profile.points) */
  profilePoints?: number;
  /** 2-D coarse nodes per axis (default profile.nx / ny) */
  profileGrid?: number;
  /** 2-D refinement depth (default profile.refine) */
  profileRefine?: number;
  /** HDF5 chunk length in steps (default 64) */
  chunkSteps?: number;
  /** parallel tempering with this many temperatures (default: sampler.tempering of the analysis file; 1 = off) */
  temperatures?: number;
  /** progress and stage messages */
  onEvent?: (e: RunEvent) => void;
  /** creation time written to the report (default now) */
  createdAt?: string;
  /** replace an existing run with the same id (without it, an existing run id is refused unless resuming) */
  force?: boolean;
}

/** What a run holds while it goes on: its lock and the directories it created. */
interface RunHold {
  lock: RunLock | null;
  created: string[];
  /** worker threads of the profile and B₀₁ stages (terminated when the run ends) */
  pool?: ModelWorkerPool | null;
}

/** A 1-D profile result in the run summary. */
export interface RunProfile1D {
  parameter: string;
  cl: number;
  deltaChi2: number;
  best: { x: number; chi2: number };
  intervals: Array<{ lo: number; hi: number; loOpen: boolean; hiOpen: boolean }>;
}

/** What a run produced (also what `nuem run --json` prints). */
export interface RunResult {
  analysis: { id: string; title: string; file: string };
  run: string;
  modelHash: string;
  seed: number;
  ensembles: number;
  walkers: number;
  paths: { chains: string[]; sidecars: string[]; report: string };
  profiles: { oneD: RunProfile1D[]; twoD?: { parameters: [string, string]; cl: number; deltaChi2: number; best: { x: number; y: number; chi2: number }; polygons: number; touchesBoundary: boolean } };
  posterior: Array<Pick<RunParameterSummary, 'name' | 'label' | 'role' | 'median' | 'mean' | 'sd' | 'lo' | 'hi' | 'kind' | 'prob' | 'method' | 'mcse' | 'savageDickey' | 'modes' | 'hdiRegion'>>;
  diagnostics: {
    converged: boolean;
    steps: number[];
    newSteps: number[];
    burn: number;
    thin: number;
    draws: number;
    tau: Record<string, number>;
    rhat: Record<string, number | null>;
    essTau: Record<string, number>;
    acceptance: number;
    warnings: string[];
    /** informational notes (why R̂ is missing, R̂ extension rounds) */
    notes: string[];
  };
  bestFit: { parameters: Record<string, number>; chi2: number; experiments: Array<Pick<BestFitSpectrum, 'experiment' | 'alpha' | 'beta' | 'chi2' | 'nuisances'>> };
  code: { version: string; commit: string };
  timings_s: Record<string, number>;
  /** inside the sampling stage: sampler steps and τ monitoring in the ensembles (summed over ensembles), chain writing and R̂ decisions in the coordinator, wall seconds */
  sampling_s: { sampler: number; monitor: number; write: number; rhat: number };
  /** worker threads the ensembles ran in (0: the calling thread), given or chosen by {@link autoThreads}; absent for tempered runs */
  threads?: number;
  /**
   * worker threads the profiles ran in (0: the calling thread; each profile task whole in one
   * thread, the results bit-identical in every layout), given (--threads, at most one per task)
   * or chosen by {@link autoThreads}
   */
  profileWorkers: number;
  /** worker threads that computed the conditional densities of the Rao–Blackwellised B₀₁ draws (0: the calling thread; results bit-identical in every layout) */
  evidenceWorkers: number;
  /** parallel tempering (with --temperatures or sampler.tempering): ladder, swaps, evidences */
  tempering?: RunTempering;
  /** SM fits (a nuisance with `interest: true`): its profile and the fitted signal events */
  interest?: RunInterest;
}

/** The parameter of interest of an SM fit (a nuisance) and the fitted signal events. */
export interface RunInterest {
  /** the nuisance's name (its profile is also in `profiles.oneD`) */
  parameter: string;
  /** profile best fit of the nuisance */
  best: number;
  /** expected signal events per experiment at the profile best fit and at the ends of the profile intervals (other nuisances profiled) */
  signalEvents: Array<{ experiment: string; best: number; intervals: Array<{ lo: number; hi: number }>; posterior: { median: number; lo: number; hi: number; prob: number } }>;
}

/** The tempering part of a run's result. */
export interface RunTempering {
  temperatures: number;
  /** final ladder of each ensemble (fixed after adaptSteps) */
  betas: number[][];
  adaptSteps: number;
  /** swap acceptance per adjacent pair, per ensemble */
  swapAcceptance: number[][];
  /** chain files of the hotter rungs, per ensemble */
  rungFiles: string[][];
  /** ln Z of the full model (null when the ladder does not reach β = 0) */
  evidence: ThermodynamicEvidence | null;
  /** nested models θ = 0 with their evidence Bayes factors and the Savage–Dickey cross-check */
  nested: NestedEvidence[];
}

/**
 * The report's view of a run's tempering record (evidence table and swap diagnostics).
 * @param t - the run's tempering result
 * @returns ladders, swap acceptance, ln Z and the nested models' Bayes factors
 */
export function reportTempering(t: RunTempering): ReportTempering {
  return {
    betas: t.betas,
    swapAcceptance: t.swapAcceptance,
    adaptSteps: t.adaptSteps,
    ...(t.evidence ? { evidence: { lnZ: t.evidence.lnZ, discretisationError: t.evidence.discretisationError, mcse: t.evidence.mcse } } : {}),
    nested: t.nested.map((n) => ({
      parameter: n.parameter,
      point: n.point,
      lnZ: n.evidence.lnZ,
      lnZDiscretisation: n.evidence.discretisationError,
      lnZMcse: n.evidence.mcse,
      bf01: n.bayesFactor.bf01,
      lnBf01Discretisation: n.bayesFactor.discretisationError,
      lnBf01Mcse: n.bayesFactor.mcse,
      ...(n.savageDickey ? { savageDickey: n.savageDickey } : {}),
      ...(n.agreementZ !== undefined ? { agreementZ: n.agreementZ } : {}),
    })),
  };
}

const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

interface SamplerPlan {
  factor: number;
  walkers: number;
  seed: number;
  maxSteps: number;
  checkEvery: number;
  untilConverged: boolean;
  moves: MoveSpec[];
  /** parallel tempering: initial ladder and adaptation steps */
  tempering?: { betas: number[]; adaptSteps: number };
}

function positiveInt(v: number | undefined, flag: string): void {
  if (v !== undefined && !(Number.isInteger(v) && v > 0)) throw new UserError(flag, `must be a positive integer, got ${v}`, `give e.g. ${flag} 2`);
}

function samplerPlan(analysis: LoadedAnalysis, ndim: number, opts: RunAnalysisOptions): SamplerPlan {
  const s = analysis.spec.sampler;
  const where = `${analysis.file}: sampler`;
  if (!s && (opts.walkers === undefined || opts.seed === undefined || opts.maxSteps === undefined)) {
    throw new UserError(where, 'the analysis has no sampler settings', 'add sampler: { walkers: 32, untilConverged: { maxSteps: 20000 }, seed: 1 }, or pass --walkers, --seed and --max-steps');
  }
  positiveInt(opts.walkers, '--walkers');
  positiveInt(opts.maxSteps, '--max-steps');
  positiveInt(opts.checkEvery, '--check-every');
  if (opts.seed !== undefined && !(Number.isInteger(opts.seed) && opts.seed >= 0 && opts.seed < 2 ** 32)) {
    throw new UserError('--seed', `must be an integer in [0, 2^32), got ${opts.seed}`, 'give e.g. --seed 1');
  }
  const walkers = opts.walkers ?? s!.walkers;
  if (walkers < 2 * ndim) {
    throw new UserError(opts.walkers !== undefined ? '--walkers' : `${where}.walkers`, `${walkers} walkers are fewer than twice the ${ndim} sampled parameters`, `use at least ${2 * ndim} walkers`);
  }
  const untilConverged = s ? s.untilConverged !== undefined : true;
  const maxSteps = opts.maxSteps ?? s?.untilConverged?.maxSteps ?? s?.steps ?? 1;
  const checkEvery = opts.checkEvery ?? s?.untilConverged?.checkEvery ?? 100;
  if (opts.tauFactor !== undefined && !(opts.tauFactor > 0 && Number.isFinite(opts.tauFactor))) {
    throw new UserError('--tau-factor', `must be a positive number, got ${opts.tauFactor}`, 'give e.g. --tau-factor 50');
  }
  if (opts.tauRelTol !== undefined && !(opts.tauRelTol > 0 && opts.tauRelTol < 1)) {
    throw new UserError('tauRelTol', `must lie in (0, 1), got ${opts.tauRelTol}`, 'give e.g. 0.01');
  }
  const fromFile = (s?.untilConverged as { factor?: number } | undefined)?.factor;
  const factor = opts.tauFactor ?? fromFile ?? 50;
  const tempering = temperingPlan(analysis, ndim, opts, maxSteps);
  return {
    factor,
    walkers,
    seed: opts.seed ?? s!.seed,
    maxSteps,
    checkEvery: Math.min(checkEvery, maxSteps),
    untilConverged,
    moves: (s?.moves as MoveSpec[] | undefined) ?? [{ type: 'stretch' }],
    ...(tempering ? { tempering } : {}),
  };
}

/** The ladder of a tempered run from --temperatures or the analysis file's sampler.tempering (undefined: not tempered). */
function temperingPlan(analysis: LoadedAnalysis, ndim: number, opts: RunAnalysisOptions, maxSteps: number): SamplerPlan['tempering'] {
  const t = analysis.spec.sampler?.tempering;
  if (opts.temperatures !== undefined && !(Number.isInteger(opts.temperatures) && opts.temperatures >= 1 && opts.temperatures <= 64)) {
    throw new UserError('--temperatures', `must be an integer from 1 to 64, got ${opts.temperatures}`, 'give e.g. --temperatures 8 (1 turns tempering off)');
  }
  if (opts.temperatures === 1) return undefined;
  // an explicit sampler.tempering.adaptSteps is used as given; the default 500 is capped at a quarter of the step cap
  const adaptSteps = t?.adaptSteps ?? Math.min(500, Math.floor(maxSteps / 4));
  if (opts.temperatures !== undefined) return { betas: makeLadder(ndim, opts.temperatures), adaptSteps };
  if (!t) return undefined;
  if (t.ladder) {
    const problem = ladderProblem(t.ladder);
    if (problem) throw new UserError(`${analysis.file}: sampler.tempering.ladder`, problem, 'list inverse temperatures from 1 down to 0, strictly decreasing');
    return { betas: t.ladder.slice(), adaptSteps };
  }
  return { betas: makeLadder(ndim, t.temperatures!), adaptSteps };
}

/** Checks the chains a `--resume` would continue, before any work (exit 2 on any mismatch). */
function checkResumable(paths: readonly string[], meta: (k: number) => ChainMetadata, trace: boolean): void {
  paths.forEach((path, k) => {
    const side = sidecarPathFor(path);
    // (a run that left a trace: an ensemble without a complete chain file starts again)
    if (trace && !(existsSync(path) && existsSync(side))) return;
    if (!existsSync(path)) throw new UserError(path, 'there is no chain to resume', 'run without --resume to start a new chain (or give the --run id of an existing run)');
    if (!existsSync(side)) throw new UserError(path, `has no sidecar ${side}, so it cannot be resumed`, 'start a new run without --resume or with another --run id');
    const stored = readChainSidecar(side).meta;
    const want = meta(k);
    if (stored.analysisId !== want.analysisId) {
      throw new UserError(path, `chain belongs to analysis "${stored.analysisId}", not "${want.analysisId}"`, 'resume it with its own analysis file, or drop --resume / choose another --run id');
    }
    if (stored.modelHash !== want.modelHash) {
      throw new UserError(path, `chain was run with another model (hash ${stored.modelHash.slice(0, 12)}…, now ${want.modelHash.slice(0, 12)}…)`, 'restore the model files the chain was run with, or start a new run without --resume');
    }
    if (stored.nwalkers !== want.nwalkers || stored.ndim !== want.ndim || stored.parameterNames.join(',') !== want.parameterNames.join(',')) {
      throw new UserError(path, `chain has ${stored.nwalkers} walkers × [${stored.parameterNames.join(', ')}], the run asks for ${want.nwalkers} × [${want.parameterNames.join(', ')}]`, 'resume with the same --walkers, or start a new run');
    }
    checkResumeSettings(path, stored, want);
  });
}

function evenlyThinned(draws: Float64Array, d: number, max: number): Float64Array {
  const n = draws.length / d;
  if (n <= max) return draws;
  const stride = Math.ceil(n / max);
  const m = Math.ceil(n / stride);
  const out = new Float64Array(m * d);
  for (let i = 0; i < m; i++) out.set(draws.subarray(i * stride * d, (i * stride + 1) * d), i * d);
  return out;
}

/** A prior as a short text, e.g. `normal(0, 0.1)`. */
function priorText(p: Prior): string {
  switch (p.type) {
    case 'normal':
    case 'lognormal':
      return `${p.type}(${p.mu}, ${p.sigma})`;
    case 'truncnormal':
      return `truncnormal(${p.mu}, ${p.sigma}; [${p.min}, ${p.max}])`;
    case 'halfnormal':
      return `halfnormal(${p.sigma})`;
    case 'uniform':
    case 'loguniform':
      return `${p.type}(${p.min}, ${p.max})`;
  }
}

/**
 * The report's nuisance rows: every sampled nuisance with its prior (centre = median, width =
 * standard deviation), its profile-likelihood value at the best fit and its posterior mean ± sd.
 */
function nuisancePulls(analysis: LoadedAnalysis, lik: ReturnType<typeof buildPosterior>['likelihood'], theta: readonly number[], summaries: readonly RunParameterSummary[]): ReportNuisancePull[] {
  const nu = lik.profiledChi2Details(theta).nu;
  // the nuisance of interest of an SM fit is a result, not a systematic: it is not in the pull plot
  return lik.combined.nuisances.flatMap((n, g) => {
    if (n.name === analysis.interest?.name) return [];
    const r = analysis.nuisances.find((q) => q.name === n.name)!;
    const s = summaries.find((q) => q.name === n.name);
    return {
      name: n.name,
      label: r.label ?? n.name,
      priorCenter: priorMedian(n.prior),
      priorWidth: priorMoments(n.prior).sd,
      bestFit: nu[g]!,
      ...(s ? { posterior: { mean: s.mean, sd: s.sd } } : {}),
      prior: priorText(n.prior),
      ...(r.source ? { source: r.source } : {}),
      experiments: [...new Set(n.members.map((m) => analysis.definitions[m.model]!.id))],
    };
  });
}

/**
 * Runs an analysis end to end (see module doc).
 * @param idOrPath - analysis id (models/analyses/<id>.yaml) or path to an analysis file
 * @param opts - output directories, run id, ensembles, overrides, progress callback
 * @returns paths, profiles, posterior summaries, diagnostics and the best fit
 * @throws UserError for invalid input (exit code 2), before anything is written
 */
export async function runAnalysis(idOrPath: string, opts: RunAnalysisOptions = {}): Promise<RunResult> {
  const hold: RunHold = { lock: null, created: [] };
  let ok = false;
  try {
    const r = await runAnalysisHeld(idOrPath, opts, hold);
    ok = true;
    return r;
  } finally {
    await hold.pool?.terminate().catch(() => {});
    hold.lock?.release();
    // a failed run leaves no empty directories (its chain files stay, to be resumed)
    if (!ok) removeEmptyCreated(hold.created);
  }
}

async function runAnalysisHeld(idOrPath: string, opts: RunAnalysisOptions, hold: RunHold): Promise<RunResult> {
  const emit = opts.onEvent ?? ((): void => {});
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string): void => {
    const now = performance.now();
    timings[name] = (now - t) / 1000;
    t = now;
  };

  // 1. validate everything before any work
  // (nothing is printed before validation has passed: a user error stays a single line)
  const file = resolveAnalysisPath(idOrPath);
  const analysis = loadAnalysis(file);
  const nuisanceLabels = new Map(analysis.spec.parameters.map((p) => [p.name, p.label ?? p.name]));
  const params: SummaryParameter[] = [
    ...analysis.physics.map((p) => ({ name: p.name, label: p.label, role: 'physics' as const, prior: p.prior })),
    ...analysis.nuisances.filter((n) => n.prior).map((n) => ({ name: n.name, label: nuisanceLabels.get(n.name) ?? n.label ?? n.name.replace(/^([^.]+)\.(.+)$/, '$1 ($2)'), role: 'nuisance' as const, prior: n.prior! })),
  ];
  // α, β (detector-response normalisations) are dimensionless; other nuisances declare their unit
  const nuisanceUnits = new Map(analysis.nuisances.map((n) => [n.name, n.unit ?? (n.target ? '1' : '')]));
  const D = params.length;
  const plan = samplerPlan(analysis, D, opts);
  positiveInt(opts.ensembles, '--ensembles');
  positiveInt(opts.profilePoints, '--profile-points');
  const nEns = opts.ensembles ?? 2;
  const sw = `${analysis.file}: sampler`;
  checkSamplerPlan({
    walkers: plan.walkers,
    maxSteps: plan.maxSteps,
    seed: plan.seed,
    ensembles: nEns,
    moves: plan.moves,
    ndim: D,
    paramNames: params.map((p) => p.name),
    where: {
      walkers: opts.walkers !== undefined ? '--walkers' : `${sw}.walkers`,
      maxSteps: opts.maxSteps !== undefined ? '--max-steps' : `${sw}.${analysis.spec.sampler?.steps !== undefined ? 'steps' : 'untilConverged.maxSteps'}`,
      seed: opts.seed !== undefined ? '--seed' : `${sw}.seed`,
      ensembles: '--ensembles',
      moves: `${sw}.moves`,
    },
  });
  if (opts.profilePoints !== undefined && opts.profilePoints > SIZE_LIMITS.profilePoints) {
    throw new UserError('--profile-points', `${opts.profilePoints} nodes are more than the supported ${SIZE_LIMITS.profilePoints}`, `give between 5 and ${SIZE_LIMITS.profilePoints}`);
  }
  if (opts.threads !== undefined && !(Number.isInteger(opts.threads) && opts.threads >= 0 && opts.threads <= SIZE_LIMITS.threads)) {
    throw new UserError('--threads', `${opts.threads} threads are outside the supported range [0, ${SIZE_LIMITS.threads}]`, 'give e.g. --threads 2 (0 runs the ensembles in this thread)');
  }
  const runId = opts.runId ?? `seed${plan.seed}`;
  if (!RUN_ID.test(runId) || runId.length > SIZE_LIMITS.idLength) {
    throw new UserError('--run', `"${runId.length > 80 ? `${runId.slice(0, 77)}...` : runId}" cannot be a run id (file name)`, `use at most ${SIZE_LIMITS.idLength} letters, digits, ".", "_" and "-" (starting with a letter or digit)`);
  }
  const chainsRoot = opts.chainsDir ?? 'chains';
  const reportsRoot = opts.reportsDir ?? 'reports';
  const chainDir = checkWritableDir(join(chainsRoot, analysis.id), '--chains-dir');
  checkWritableDir(join(reportsRoot, analysis.id, runId), '--reports-dir');
  const chainPaths = Array.from({ length: nEns }, (_, k) => join(chainDir, `${runId}.e${k}.h5`));
  // this run owns its outputs: one process at a time per run id (a lock, stale locks of dead
  // processes taken over), and an existing run id only with --resume or --force
  const reportDir = resolve(reportsRoot, analysis.id, runId);
  hold.created.push(...missingDirs(reportDir));
  mkdirTracked(chainDir, hold.created);
  hold.lock = acquireLock(runLockPath(chainDir, runId), `run ${analysis.id}/${runId}`, `--run ${runId}`);
  if (!opts.resume) {
    const existing = existingRunFiles(chainDir, reportDir, runId);
    if (existing.length > 0 && !opts.force) {
      throw new UserError(`--run ${runId}`, `run ${runId} of analysis ${analysis.id} already exists (${existing.length} file(s), e.g. ${existing[0]})`, 'continue it with --resume, replace it with --force, or choose another --run id');
    }
    for (const f of existing) rmSync(f, { force: true });
  }
  const hash = modelHash(analysis);
  const code = codeProvenance();
  const meta = (k: number): ChainMetadata => ({
    parameterNames: params.map((p) => p.name),
    parameterLabels: params.map((p) => p.label),
    parameterUnits: params.map((p) => (p.role === 'physics' ? parameterUnit(p.name) : nuisanceUnits.get(p.name) ?? '')),
    analysisId: analysis.id,
    modelHash: hash,
    nwalkers: plan.walkers,
    ndim: D,
    seed: plan.seed,
    priors: params.map((p) => ({ name: p.name, role: p.role, prior: p.prior })),
    moves: plan.moves,
    settings: { run: runId, ensemble: k, ensembles: nEns, rng: opts.rng ?? 'emcee', rngStream: ensembleStreamDerivation(plan.seed, k), rngStreamRule: ENSEMBLE_STREAM_RULE, maxSteps: plan.maxSteps, checkEvery: plan.checkEvery, tauFactor: plan.factor, tauRelTol: opts.tauRelTol ?? 0.01, untilConverged: plan.untilConverged, analysisFile: file, ...(plan.tempering ? { tempering: { rung: 0, initialBetas: plan.tempering.betas, adaptSteps: plan.tempering.adaptSteps } } : {}) },
    code,
  });
  // a run killed before it wrote any chain file (e.g. while profiling) is resumed by starting it
  // again; it left a trace (its stale lock, taken over above, or its decision file). With no trace
  // at all there is no such run, and --resume is refused.
  let resume = opts.resume ?? false;
  const trace = hold.lock.tookOverStale || existsSync(join(chainDir, `${runId}.decisions.json`));
  if (resume && chainPaths.every((p) => !existsSync(p) && !existsSync(sidecarPathFor(p)))) {
    if (!trace) {
      throw new UserError(chainPaths[0]!, 'there is no chain to resume', 'run without --resume to start a new chain (or give the --run id of an existing run)');
    }
    resume = false;
  }
  // the chain writer creates the files in its own thread, so a run killed just after sampling
  // began may have some chain files (or a file without its sidecar) and not the others: with a
  // trace of the run, those ensembles start again (as their uninterrupted run did)
  const ready = (p: string): boolean => existsSync(p) && existsSync(sidecarPathFor(p));
  if (resume && trace && !chainPaths.some(ready)) resume = false;
  if (resume) {
    // a tempered run continues with the ladder plan it started with (the default adaptation length
    // depends on the step cap, which --max-steps may change between the runs)
    const saved = readChainSidecar(sidecarPathFor(chainPaths.find((p) => !trace || ready(p)) ?? chainPaths[0]!)).meta.settings?.tempering as { initialBetas?: number[]; adaptSteps?: number } | undefined;
    if (plan.tempering || saved) {
      if (!plan.tempering || !saved?.initialBetas || saved.initialBetas.length !== plan.tempering.betas.length) {
        throw new UserError(chainPaths[0]!, `the chain was written ${saved?.initialBetas ? `with ${saved.initialBetas.length} temperatures` : 'without tempering'}, the run asks for ${plan.tempering ? `${plan.tempering.betas.length} temperatures` : 'no tempering'}`, 'resume with the same --temperatures (or sampler.tempering) as the first run, or start a new --run');
      }
      plan.tempering.betas = saved.initialBetas.slice();
      plan.tempering.adaptSteps = saved.adaptSteps ?? plan.tempering.adaptSteps;
    }
    checkResumable(chainPaths, meta, trace);
  } else {
    const existing = chainPaths.filter((p) => existsSync(p));
    if (existing.length > 0) emit({ kind: 'note', message: `starting over: ${existing.length} existing chain file(s) of run ${runId} will be replaced (use --resume to continue them)` });
  }
  // the chain writer thread of a plain run starts now: its start-up (and the HDF5 library's
  // compilation) overlaps the forward model and the profiles instead of the sampling
  if (!plan.tempering) ChainWriter.prewarm();
    emit({ kind: 'stage', stage: 'validate', message: `validated ${file} (analysis ${analysis.id}, run ${runId}, model hash ${hash.slice(0, 12)}…)` });
  lap('validate');

  // 2. the fast forward model and posterior
  emit({ kind: 'stage', stage: 'forward', message: `building the fast forward model of ${analysis.definitions.map((e) => e.id).join(', ')}` });
  const posterior = buildPosterior(analysis);
  const lik = posterior.likelihood;
  lap('forward');

  // 3. profiles
  const physicsNames = analysis.physics.map((p) => p.name);
  if (physicsNames.length > 0) emit({ kind: 'stage', stage: 'profile', message: `profiling ${physicsNames.join(', ')}${physicsNames.length === 2 ? ' (1-D each and the 2-D plane)' : ''}` });
  // an SM fit: the nuisance of interest (other nuisances minimised, EM parameters fixed)
  const interest = analysis.interest ? interestOf(lik, analysis) : undefined;
  if (interest) emit({ kind: 'stage', stage: 'profile', message: `profiling the parameter of interest ${interest.name} (every other nuisance minimised)` });
  // every profile is an independent task (warm starts chain inside a task only), computed in this
  // thread or, when ln p is expensive, in worker threads with bit-identical results
  const pointsOpt = opts.profilePoints ? { points: opts.profilePoints } : {};
  const profileTasks: ProfileTask[] = [
    ...physicsNames.map((name): ProfileTask => ({ kind: 'oneD', name, opts: pointsOpt })),
    ...(physicsNames.length === 2
      ? [
          {
            kind: 'twoD',
            names: [physicsNames[0]!, physicsNames[1]!],
            opts: { ...(opts.profileGrid ? { nx: opts.profileGrid, ny: opts.profileGrid } : {}), ...(opts.profileRefine !== undefined ? { refine: opts.profileRefine } : {}) },
          } satisfies ProfileTask,
        ]
      : []),
    ...(interest ? [{ kind: 'interest', opts: pointsOpt } satisfies ProfileTask] : []),
  ];
  let lnpCostUs: number | undefined;
  // timed before any profile: the first measurement (≈ 20 ms) only warms the JIT up (cold, the
  // default analysis' 0.14 µs per walker measured 2 µs, the combined one's 15 µs 44 µs)
  const lnpCost = (): number =>
    (lnpCostUs ??= (() => {
      const rows = nominalRows(analysis, lik, plan.walkers);
      lnpCostPerWalkerUs(posterior.logProbBatch, rows, plan.walkers);
      return lnpCostPerWalkerUs(posterior.logProbBatch, rows, plan.walkers);
    })());
  const workersFor = (pieces: number): number => (pieces < 2 ? 0 : opts.threads !== undefined ? Math.min(opts.threads, pieces) : autoThreads(lnpCost(), pieces));
  const modelSource = { analysisFile: file, ...(inMemoryFile(file) !== undefined ? { analysisText: inMemoryFile(file)! } : {}) };
  const poolOf = async (size: number): Promise<ModelWorkerPool> => {
    if (hold.pool && hold.pool.size === size) return hold.pool;
    await hold.pool?.terminate();
    hold.pool = ModelWorkerPool.start(size, modelSource);
    return hold.pool;
  };
  const profileWorkers = workersFor(profileTasks.length);
  const taskSeconds: number[] = [];
  const profileResults =
    profileWorkers > 0
      ? await runProfileTasksInPool(await poolOf(profileWorkers), analysis, profileTasks, lik, taskSeconds)
      : profileTasks.map((task) => {
          const t0 = performance.now();
          const r = runProfileTasksSerial(lik, analysis, [task])[0]!;
          taskSeconds.push((performance.now() - t0) / 1000);
          return r;
        });
  if (profileTasks.length > 1) {
    const what = (tk: ProfileTask): string => (tk.kind === 'oneD' ? `${tk.name} 1-D` : tk.kind === 'twoD' ? `${tk.names.join('×')} 2-D` : `${interest?.name ?? 'interest'} 1-D`);
    emit({ kind: 'note', message: `profile tasks (${profileWorkers > 0 ? `${profileWorkers} worker threads` : 'this thread'}): ${profileTasks.map((tk, k) => `${what(tk)} ${taskSeconds[k]!.toFixed(1)} s`).join(', ')}` });
  }
  const oneD: Profile1DResult[] = profileResults.filter((r) => r.kind === 'oneD').map((r) => r.result as Profile1DResult);
  const twoDResult = profileResults.find((r) => r.kind === 'twoD');
  const twoD: Contour2DResult | undefined = twoDResult ? (twoDResult.result as Contour2DResult) : undefined;
  const profileBest = twoD ? [twoD.best.x, twoD.best.y] : physicsNames.length === 1 ? [oneD[0]!.best.x] : oneD.map((r) => r.best.x);
  const interestResult0 = profileResults.find((r) => r.kind === 'interest');
  const interestProfile = interestResult0 ? (interestResult0.result as Profile1DResult) : undefined;
  const profileNames = [...physicsNames, ...(interest ? [interest.name] : [])];
  const profiles1D = [...oneD, ...(interestProfile ? [interestProfile] : [])];
  lap('profile');

  // 4. initial ensembles around the profile best fit, then sampling
  const bestDetails = lik.profiledChi2Details(profileBest);
  const center: number[] = [];
  const scale: number[] = [];
  params.forEach((p, d) => {
    if (p.role === 'physics') {
      const r = oneD[d]!;
      const widths = r.intervals.map((iv) => iv.hi - iv.lo);
      const axis = analysis.physics[d]!.scan;
      const w = widths.length > 0 ? Math.max(...widths) : axis ? axis.max - axis.min : 1;
      center.push(profileBest[d]!);
      scale.push(0.1 * w);
    } else {
      const n = analysis.nuisances.find((q) => q.name === p.name)!;
      const g = lik.combined.nuisances.findIndex((q) => q.name === p.name);
      if (interestProfile && p.name === interest!.name) {
        // the parameter of interest: around its profile best fit, a tenth of its widest interval
        const widths = interestProfile.intervals.map((iv) => iv.hi - iv.lo);
        center.push(interestProfile.best.x);
        scale.push(0.1 * (widths.length > 0 ? Math.max(...widths) : n.sigma));
      } else {
        center.push(bestDetails.nu[g]!);
        scale.push(0.1 * n.sigma);
      }
    }
  });
  const rngKind: RngKind = opts.rng ?? 'emcee';
  const analysisText = inMemoryFile(file);
  const tasks: EnsembleTask[] = chainPaths.map((chainPath, k) => ({
    analysisFile: file,
    // a model file read from standard input goes to the workers with the task (read only once)
    ...(analysisText !== undefined ? { analysisText } : {}),
    ensemble: k,
    chainPath,
    rng: rngKind,
    seed: plan.seed,
    nwalkers: plan.walkers,
    moves: plan.moves,
    initial: Array.from(initialEnsemble(params.map((p) => p.prior), center, scale, plan.walkers, ensembleRng(rngKind, plan.seed, k))),
    maxSteps: plan.maxSteps,
    checkEvery: plan.checkEvery,
    untilConverged: plan.untilConverged,
    factor: plan.factor,
    ...(opts.tauRelTol !== undefined ? { relTol: opts.tauRelTol } : {}),
    resume,
    meta: meta(k),
    ...(opts.chunkSteps ? { chunkSteps: opts.chunkSteps } : {}),
  }));
  mkdirSync(chainDir, { recursive: true });
  emit({
    kind: 'stage',
    stage: 'sample',
    message: `sampling ${nEns} independent ensemble(s) of ${plan.walkers} walkers × ${D} parameters (${plan.untilConverged ? `until N > ${plan.factor}·τ and τ is stable to 1%, at most ${plan.maxSteps} steps` : `${plan.maxSteps} steps`}) into ${chainDir}`,
  });
  const prob = analysis.spec.profile.cl;
  const tempering = plan.tempering;
  const warnings0: string[] = [];
  // tempered ensembles run one after the other in this thread (src/pipeline/temperedTask.ts)
  const runTempered = async (ts: readonly TemperedTask[], report?: (p: EnsembleProgress) => void): Promise<TemperedTaskResult[]> => {
    const out: TemperedTaskResult[] = [];
    for (const tk of ts) out.push(await runTemperedTask(tk, report, posterior));
    return out;
  };
  const lastTau = (rs: readonly EnsembleTaskResult[]) => rs.map((r) => ({ ...r, tau: r.tauHistory.tau.map((row) => row[row.length - 1]!) }));
  let results: EnsembleTaskResult[];
  let decisions: RunDecision[];
  let samplingTimes = { sampler: 0, monitor: 0, write: 0, rhat: 0 };
  let threadsUsed: number | undefined;
  // the chain writer's close (plain runs), awaited before the report; `closed` never rejects unhandled
  let chainsClosed: Promise<unknown> = Promise.resolve();
  if (tempering) {
    const progress: EnsembleProgress[] = tasks.map((tk) => ({ ensemble: tk.ensemble, iteration: 0, maxSteps: tk.maxSteps, meanAcceptance: 0 }));
    const onProgress = (p: EnsembleProgress): void => {
      progress[p.ensemble] = p;
      emit({ kind: 'sampling', ensembles: progress });
    };
    const sampleTempered = (ts: readonly EnsembleTask[]): Promise<TemperedTaskResult[]> =>
      runTempered(
        ts.map((tk) => ({ ...tk, betas: tempering.betas, adaptSteps: tempering.adaptSteps })),
        onProgress,
      );
    const t0 = performance.now();
    // every R̂ extension decision is written (temp file + rename) before the ensembles move past it,
    // so a run killed inside an extension round resumes to the same lengths: the first pass of a
    // resumed run continues every ensemble to the last persisted target, and the rounds go on from
    // there (the same rule as the plain run's decision file, src/pipeline/runEnsemblesInStep.ts)
    const decisionsPath = join(chainDir, `${runId}.decisions.json`);
    const persisted: RunDecision[] = [];
    if (resume && existsSync(decisionsPath)) {
      let doc: { format?: string; decisions?: RunDecision[] };
      try {
        doc = JSON.parse(readFileSync(decisionsPath, 'utf8')) as typeof doc;
      } catch {
        throw new UserError(decisionsPath, 'is not a readable decision file', `restore it, or start the run again without --resume (--force)`);
      }
      if (doc.format !== 'nuem-tempered-decisions' || !Array.isArray(doc.decisions)) throw new UserError(decisionsPath, 'is not the decision file of a tempered run', 'resume with the same --temperatures, or start again with --force');
      persisted.push(...doc.decisions);
    }
    const target = persisted.reduce((m, d) => (d.action === 'extend' && d.to !== undefined ? Math.max(m, d.to) : m), 0);
    results = await sampleTempered(target > 0 ? tasks.map((tk) => ({ ...tk, resume: true, minSteps: target })) : tasks);
    decisions = [...persisted];
    // R̂ across tempered ensembles (Vehtari et al. 2021, doi:10.1214/20-BA1221): below the limit or
    // all continue to 1.5× their length (at most 8 rounds, counted with the persisted ones)
    for (let round = persisted.length; plan.untilConverged && nEns > 1 && round < 8; round++) {
      const longest = Math.max(...results.map((r) => r.nsteps));
      const rh = rhatMaxAcross(lastTau(results), D, tempering.adaptSteps);
      if (!results.every((r) => r.converged) || rh === null || rh < DIAGNOSTIC_LIMITS.rhatMax || longest >= plan.maxSteps) break;
      const minSteps = Math.min(plan.maxSteps, Math.ceil((1.5 * longest) / plan.checkEvery) * plan.checkEvery);
      decisions.push({ step: longest, rhatMax: rh, action: 'extend', to: minSteps });
      writeFileAtomic(decisionsPath, `${JSON.stringify({ format: 'nuem-tempered-decisions', decisions }, null, 1)}\n`);
      emit({ kind: 'note', message: `every tempered ensemble meets the τ rule but R̂ = ${rh.toFixed(3)} ≥ ${DIAGNOSTIC_LIMITS.rhatMax} across ensembles: continuing all of them to ${minSteps} steps` });
      const more = await sampleTempered(tasks.map((tk) => ({ ...tk, resume: true, minSteps })));
      more.forEach((r, k) => (r.newSteps += results[k]!.newSteps));
      results = more;
    }
    samplingTimes = { ...samplingTimes, sampler: (performance.now() - t0) / 1000 };
  } else {
    const decisionsPath = join(chainDir, `${runId}.decisions.json`);
    const threads = opts.threads ?? autoThreads(lnpCostPerWalkerUs(posterior.logProbBatch, tasks[0]!.initial, plan.walkers), nEns);
    threadsUsed = threads;
    if (opts.threads === undefined && threads === 0 && nEns > 1) {
      emit({ kind: 'note', message: `ensembles run in this thread: ln p costs less than ${AUTO_WORKER_MIN_EVAL_US} µs per walker, where worker start-up outweighs the parallel gain (--threads N forces workers)` });
    }
    const inStep = await runEnsemblesInStep(tasks, {
      threads,
      resume,
      decisionsPath,
      rhatLimit: DIAGNOSTIC_LIMITS.rhatMax,
      rhatMax: (ens) => rhatMaxAcross(ens, D),
      onProgress: (p: readonly EnsembleProgress[]) => emit({ kind: 'sampling', ensembles: p }),
      onNote: (message) => emit({ kind: 'note', message }),
      // the chains' final persist + fsync runs in the writer thread during B₀₁ and the summaries
      deferClose: true,
    });
    chainsClosed = inStep.closed;
    results = inStep.results;
    decisions = inStep.decisions;
    // where the sampling stage's time went (wall seconds, summed over ensembles running at once)
    samplingTimes = { sampler: inStep.timing.samplingS, monitor: inStep.timing.monitoringS, write: inStep.timing.writingS, rhat: inStep.timing.rhatS };
  }
  const newSteps = results.map((r) => r.newSteps);
  lap('sample');
  // the Rao–Blackwellised Savage–Dickey estimate (one 1-D quadrature per draw) is part of this summary
  // a tempered run's β = 1 chain is kept only after the ladder stopped adapting
  // B₀₁ draws: the analysis file's report.savageDickeyDraws (fewer for an expensive likelihood, e.g. the
  // argon and combined analyses), else 4096; never a timing, so the same chains give the same summaries
  const sdDraws = analysis.spec.report?.savageDickeyDraws;
  const summaryPlan = planSummaries(lastTau(results), params, prob, { logPosterior: posterior.logProbBatch, ...(sdDraws ? { savageDickeyDraws: sdDraws } : {}), ...(tempering ? { minBurn: tempering.adaptSteps } : {}) });
  // the conditional densities of the B₀₁ draws are independent: in worker threads when ln p is
  // expensive (blocks of draws, results in draw order, so the sums are those of one thread)
  const sdRows = summaryPlan.savageDickey.reduce((a, j) => a + j.block.n, 0);
  const evidenceWorkers = sdRows >= 2 * SD_BLOCK_MIN_ROWS ? workersFor(Math.floor(sdRows / SD_BLOCK_MIN_ROWS)) : 0;
  const sdConditionals = evidenceWorkers > 0 ? await conditionalsInPool(await poolOf(evidenceWorkers), summaryPlan.savageDickey) : undefined;
  await hold.pool?.terminate();
  hold.pool = null;
  const sums: EnsembleSummaries = finishSummaries(summaryPlan, sdConditionals);
  let temperingResult: RunTempering | undefined;
  if (tempering) {
    const tr = results as TemperedTaskResult[];
    const full = evidenceOfRuns(tr, sums.burn);
    const nested: NestedEvidence[] = [];
    if (full) {
      for (const [d, p] of params.entries()) {
        if (p.role !== 'physics' || !priorInSupport(p.prior, 0)) continue;
        emit({ kind: 'note', message: `evidence of the nested model ${p.name} = 0: ${nEns} tempered ensemble(s) of ${tempering.betas.length} temperatures` });
        const nt: TemperedTask[] = tasks.map((tk) => ({ ...tk, betas: tempering.betas, adaptSteps: tempering.adaptSteps, fix: { index: d, value: 0 }, memoryOnly: true, resume: false, minSteps: Math.min(...tr.map((r) => r.nsteps)) }));
        const nr = await runTempered(nt);
        for (const r of nr) warnings0.push(...r.warnings);
        const tauN = Array.from({ length: D - 1 }, (_, j) => Math.max(...nr.map((r) => r.tauHistory.tau[j]![r.tauHistory.tau[j]!.length - 1]!)));
        const burnN = tauN.every((v) => Number.isFinite(v) && v > 0) ? burnAndThin(tauN).burn : Math.floor(Math.min(...nr.map((r) => r.nsteps)) / 2);
        const ev = evidenceOfRuns(nr, Math.min(burnN, Math.floor(Math.min(...nr.map((r) => r.nsteps)) / 2)));
        const sd = sums.parameters[d]!.savageDickey;
        if (ev) nested.push(nestedEvidence(p.name, 0, ev, full, sd ? { bf01: sd.bf01, bf01Se: sd.bf01Se } : undefined));
      }
    } else {
      warnings0.push(`no evidence: the temperature ladder ends at β = ${tr[0]!.tempering.betas.at(-1)}, not 0 (the prior), or too few steps after burn-in and adaptation`);
    }
    temperingResult = {
      temperatures: tempering.betas.length,
      betas: tr.map((r) => r.tempering.betas),
      adaptSteps: tempering.adaptSteps,
      swapAcceptance: tr.map((r) => r.tempering.swapAcceptance),
      rungFiles: tr.map((r) => r.tempering.rungPaths.slice(1)),
      evidence: full,
      nested,
    };
  }
  lap('evidence');

  // 5. diagnostics and summaries
  emit({ kind: 'stage', stage: 'summarise', message: 'computing diagnostics and summaries' });
  // real problems (not converged, stuck walkers, a chain too short for its τ) are warnings and raise
  // the report's banner; what only explains the run (why R̂ is missing, the R̂ rounds) is a note
  const informational = (x: string): boolean => /^R-hat needs at least two independent ensembles/.test(x);
  const warnings = [...results.flatMap((r) => r.warnings), ...sums.notes.filter((x) => !informational(x)), ...warnings0];
  const notes = [
    ...sums.notes.filter(informational),
    ...decisions
      .filter((d) => d.action === 'extend')
      .map((d) => `at ${d.step} steps every ensemble met the τ rule but R̂ = ${d.rhatMax!.toFixed(4)} ≥ ${DIAGNOSTIC_LIMITS.rhatMax}: all ensembles continued to ${d.to} steps`),
  ];

  // best fit: the profile minimum, or the sample with the highest likelihood if that is lower
  let theta = profileBest.slice();
  let chi2Best = lik.profiledChi2(theta);
  {
    const n = sums.nDraws;
    const ll = new Float64Array(n);
    posterior.logLikelihoodBatch(sums.draws, n, ll);
    let bi = 0;
    for (let i = 1; i < n; i++) if (ll[i]! > ll[bi]!) bi = i;
    const cand = Array.from(sums.draws.subarray(bi * D, bi * D + physicsNames.length));
    const c2 = lik.profiledChi2(cand);
    if (c2 < chi2Best) [theta, chi2Best] = [cand, c2];
  }
  const spectra = bestFitSpectra(analysis, lik, theta);
  const interestResult = interestProfile ? interestEvents(analysis, lik, interestProfile, sums.draws, D, physicsNames.length, prob) : undefined;
  // the chain files are complete (final persist + fsync) before the run reports them; the time
  // still waited here is chain writing on the critical path
  {
    const tw = performance.now();
    await chainsClosed;
    samplingTimes = { ...samplingTimes, write: samplingTimes.write + (performance.now() - tw) / 1000 };
  }
  lap('summarise');

  // 6. report
  emit({ kind: 'stage', stage: 'report', message: 'writing the report' });
  // labels split into name and unit (axis titles read `q_ee [10⁻⁷ e]`, not `q_ee [e] [10⁻⁷]`), log scans stay log
  const logScale = new Set<string>(analysis.physics.filter((p) => p.scan?.scale === 'log').map((p) => p.name));
  // units from the label, else the EM parameter's or the nuisance's declared unit (shown even without a `label:`)
  const plotParams: PlotParameter[] = params.map((p) => ({
    name: p.name,
    ...labelWithUnit(p.label, p.role === 'physics' ? emParameterUnit(p.name) : nuisanceUnits.get(p.name)),
    ...(logScale.has(p.name) ? { scale: 'log' as const } : {}),
  }));
  // rank-normalised bulk/tail ESS need ≥ 2 independent ensembles (Vehtari et al. 2021 §4.3; src/report/ensembleRankEss.ts)
  const rankEss = nEns >= 2 ? ensembleRankEss(results, sums.burn, sums.thin) : null;
  const rngHash = rngStateHash(results.map((r) => r.rngState));
  const traceStride = Math.max(1, Math.ceil(results[0]!.nsteps / 200));
  const traceRows: number[] = [];
  for (let s = 0; s < results[0]!.nsteps; s += traceStride) traceRows.push(s);
  const r0 = results[0]!;
  const traceValues = new Float64Array(traceRows.length * r0.nwalkers * D);
  traceRows.forEach((s, i) => traceValues.set(r0.chain.subarray(s * r0.nwalkers * D, (s + 1) * r0.nwalkers * D), i * r0.nwalkers * D));
  const input: ReportInput = {
    analysis: {
      id: analysis.id,
      title: analysis.title,
      ...(analysis.spec.description ? { description: analysis.spec.description } : {}),
    },
    run: { id: runId },
    parameters: plotParams,
    runs: [{ label: `${runId} (${nEns} ensemble${nEns > 1 ? 's' : ''} pooled)`, samples: evenlyThinned(sums.draws, D, 60000) }],
    summaries: sums.parameters.map((s) => ({
      parameter: s.name,
      median: s.median,
      interval: { lo: s.lo, hi: s.hi, prob: s.prob, kind: s.kind === 'upper' ? 'upper' : s.kind === 'lower' ? 'lower' : s.method === 'hdi' ? 'hdi' : 'eti' },
      mcse: s.mcse.median,
      ...(s.savageDickey ? { bayesFactor: { point: s.savageDickey.point, bf01: s.savageDickey.bf01, bf01Se: s.savageDickey.bf01Se } } : {}),
      ...(s.modes && s.modes.length > 1 ? { modes: s.modes } : {}),
      ...(s.hdiRegion ? { hdiRegion: s.hdiRegion } : {}),
    })),
    profiles: reportProfiles(profileNames, profiles1D, twoD),
    published: analysis.spec.published.map((p) => ({ parameter: p.parameter, lo: p.interval[0], hi: p.interval[1], cl: p.cl, source: p.source })),
    // legends name the data (observed or Asimov) and the θ = 0 expectation (set by bestFitSpectra)
    spectra,
    pulls: nuisancePulls(analysis, lik, theta, sums.parameters),
    ...(interestResult ? { interest: { parameter: interestResult.run.parameter }, derived: interestResult.derived } : {}),
    standardModel: standardModelPoint(physicsNames),
    priors: params.map((p) => reportPrior(p.name, p.role, p.prior, p.role === 'physics' ? `analysis file ${analysis.id}` : analysis.nuisances.find((n) => n.name === p.name)?.source)),
    ...(analysis.spec.report?.levels ? { corner: { levels: { kind: 'mass' as const, masses: analysis.spec.report.levels } } } : {}),
    diagnostics: {
      nSteps: Math.max(...results.map((r) => r.nsteps)),
      nWalkers: plan.walkers,
      nEnsembles: nEns,
      // the τ(N) plot needs at least two estimates
      ...(r0.tauHistory.steps.length >= 2 ? { tauHistory: { steps: r0.tauHistory.steps, tau: r0.tauHistory.tau } } : {}),
      tau: sums.parameters.map((s) => s.tau),
      ...(sums.rhatMax !== null ? { rhat: sums.parameters.map((s) => s.rhat as number) } : {}),
      essTau: sums.parameters.map((s) => s.essTau),
      ...(rankEss ? { essBulk: rankEss.essBulk, essTail: rankEss.essTail } : {}),
      acceptance: sums.acceptance,
      acceptanceFractions: results.flatMap((r) => Array.from(r.acceptanceFraction)),
      converged: sums.converged,
      warnings,
      notes,
    },
    ...(temperingResult ? { tempering: reportTempering(temperingResult) } : {}),
    trace: { steps: traceRows, nWalkers: r0.nwalkers, nParams: D, values: traceValues, burnIn: sums.burn },
    provenance: {
      seed: nEns > 1 ? `${plan.seed} (per-ensemble streams: ${ENSEMBLE_STREAM_RULE})` : plan.seed,
      rngStateHash: rngHash,
      modelHash: hash,
      codeVersion: code.version,
      gitCommit: code.commit,
      node: code.node,
      dependencies: code.dependencies,
      timings_s: { ...timings },
      chainFiles: chainPaths,
      createdAt: opts.createdAt ?? new Date().toISOString(),
    },
  };
  // Feldman–Cousins results of `nuem toys` for this analysis and model, as `nuem report` shows them
  const toys = loadToyReports(opts.toysDir ?? 'toys', analysis.id, hash);
  if (toys.toys.length) input.toys = toys.toys;
  for (const n of toys.notes) if (!notes.includes(n)) notes.push(n);
  const reportPath = await writeReport(reportsRoot, input);
  lap('report');
  // the limits the report checks (R̂, ESS, N/τ, acceptance) also go into the printed result
  for (const w of diagnosticWarnings(plotParams, input.diagnostics)) if (!warnings.includes(w)) warnings.push(w);

  const byName = <T>(f: (s: RunParameterSummary) => T): Record<string, T> => Object.fromEntries(sums.parameters.map((s) => [s.name, f(s)]));
  return {
    analysis: { id: analysis.id, title: analysis.title, file },
    run: runId,
    modelHash: hash,
    seed: plan.seed,
    ensembles: nEns,
    walkers: plan.walkers,
    paths: { chains: chainPaths, sidecars: chainPaths.map(sidecarPathFor), report: resolve(reportPath) },
    profiles: {
      oneD: profiles1D.map((r, d) => ({ parameter: profileNames[d]!, cl: r.cl, deltaChi2: r.deltaChi2, best: { x: r.best.x, chi2: r.best.chi2 }, intervals: r.intervals.map((iv) => ({ ...iv })) })),
      ...(twoD
        ? { twoD: { parameters: [physicsNames[0]!, physicsNames[1]!] as [string, string], cl: twoD.cl, deltaChi2: twoD.deltaChi2, best: twoD.best, polygons: twoD.polygons.length, touchesBoundary: twoD.touchesBoundary } }
        : {}),
    },
    posterior: sums.parameters.map((s) => ({
      name: s.name,
      label: s.label,
      role: s.role,
      median: s.median,
      mean: s.mean,
      sd: s.sd,
      lo: s.lo,
      hi: s.hi,
      kind: s.kind,
      prob: s.prob,
      method: s.method,
      mcse: s.mcse,
      ...(s.savageDickey ? { savageDickey: s.savageDickey } : {}),
      ...(s.modes && s.modes.length > 1 ? { modes: s.modes } : {}),
      ...(s.hdiRegion ? { hdiRegion: s.hdiRegion } : {}),
    })),
    diagnostics: {
      converged: sums.converged,
      steps: results.map((r) => r.nsteps),
      newSteps,
      burn: sums.burn,
      thin: sums.thin,
      draws: sums.nDraws,
      tau: byName((s) => s.tau),
      rhat: byName((s) => s.rhat),
      essTau: byName((s) => s.essTau),
      acceptance: sums.acceptance,
      warnings,
      notes,
    },
    bestFit: {
      parameters: Object.fromEntries(physicsNames.map((n, d) => [n, theta[d]!])),
      chi2: chi2Best,
      // detector-response experiments: α̂, β̂ (as before); other experiment types: all their nuisances
      experiments: lik.profiledChi2Details(theta).perExperiment.map((p, k) =>
        lik.terms[k]!.chi2
          ? { experiment: lik.terms[k]!.id, alpha: p.alpha, beta: p.beta, chi2: p.chi2 }
          : { experiment: lik.terms[k]!.id, alpha: p.alpha, beta: p.beta, chi2: p.chi2, nuisances: Object.fromEntries(p.nuNames.map((n, j) => [n, p.nu[j]!])) },
      ),
    },
    code: { version: code.version, commit: code.commit },
    timings_s: timings,
    sampling_s: samplingTimes,
    ...(threadsUsed !== undefined ? { threads: threadsUsed } : {}),
    profileWorkers,
    evidenceWorkers,
    ...(temperingResult ? { tempering: temperingResult } : {}),
    ...(interestResult ? { interest: interestResult.run } : {}),
  };
}

/**
 * The fitted signal events of an SM fit: at the profile best fit of the nuisance of interest and at
 * its interval ends (other nuisances profiled; `interestSignalEvents`), and their posterior median
 * and equal-tailed interval from at most 4000 evenly thinned draws (each draw's own nuisances).
 */
function interestEvents(
  analysis: LoadedAnalysis,
  lik: ReturnType<typeof buildPosterior>['likelihood'],
  prof: Profile1DResult,
  draws: Float64Array,
  D: number,
  dPhys: number,
  prob: number,
): { run: RunInterest; derived: ReportDerived[] } {
  const name = analysis.interest!.name;
  const at = (x: number): number[] => interestSignalEvents(lik, analysis, x).map((e) => e.events);
  const best = at(prof.best.x);
  const ends = prof.intervals.map((iv) => ({ lo: at(iv.lo), hi: at(iv.hi) }));
  // posterior: the events of each (thinned) draw, with the draw's nuisances (EM parameters fixed)
  const thinned = evenlyThinned(draws, D, 4000);
  const n = thinned.length / D;
  const models = lik.combined.models;
  const perDraw = models.map(() => new Float64Array(n));
  const theta = new Float64Array(dPhys);
  for (let i = 0; i < n; i++) {
    const ev = signalEventsAt(lik.combined, theta, thinned.subarray(i * D + dPhys, (i + 1) * D));
    ev.forEach((v, k) => (perDraw[k]![i] = v));
  }
  const signalEvents = models.map((m, k) => {
    const sorted = sortedCopy(perDraw[k]!);
    return {
      experiment: m.id,
      best: best[k]!,
      intervals: ends.map((e) => ({ lo: e.lo[k]!, hi: e.hi[k]! })),
      posterior: { median: quantileSorted(sorted, 0.5), lo: quantileSorted(sorted, (1 - prob) / 2), hi: quantileSorted(sorted, (1 + prob) / 2), prob },
    };
  });
  const derived: ReportDerived[] = signalEvents.map((e) => ({
    quantity: `fitted signal (CEvNS) events, ${e.experiment}`,
    unit: 'events',
    profile: { best: e.best, intervals: e.intervals.map((iv) => ({ ...iv, cl: prof.cl })) },
    posterior: e.posterior,
    note: `expected signal in the bins of the likelihood, with ${name} at its best fit / interval ends and every other nuisance profiled; posterior: the same for each draw`,
  }));
  return { run: { parameter: name, best: prof.best.x, signalEvents }, derived };
}

/**
 * Runs profile tasks on a worker pool, the most expensive first ({@link profileTaskCost}; each
 * worker takes the next task when free), and returns the results in task order. Each task runs
 * whole in one worker from a reset warm-start state, so the results equal
 * {@link runProfileTasksSerial}'s bit for bit (test/pipeline/parallelStages.test.ts); `lik` is then
 * left in the warm-start state the last task (in task order) ended in, as after the serial run.
 * @param pool - workers holding the analysis' model
 * @param analysis - the loaded analysis (for the cost estimates)
 * @param tasks - the profiles
 * @param lik - this thread's likelihood of the same model (receives the final warm-start state)
 * @param seconds - if given, receives each task's wall seconds in its worker, in task order
 * @returns their results, in task order
 */
export async function runProfileTasksInPool(pool: ModelWorkerPool, analysis: LoadedAnalysis, tasks: readonly ProfileTask[], lik: Pick<AnalysisLikelihood, 'combined'>, seconds?: number[]): Promise<ProfileTaskResult[]> {
  const order = tasks.map((_, i) => i).sort((a, b) => profileTaskCost(tasks[b]!, analysis) - profileTaskCost(tasks[a]!, analysis) || a - b);
  const res = (await pool.run(order.map((i) => ({ profile: tasks[i]! })))) as ProfileReply[];
  const out = new Array<ProfileReply>(tasks.length);
  order.forEach((i, k) => (out[i] = res[k]!));
  if (out.length > 0) lik.combined.setWarmStartState(out[out.length - 1]!.warmState);
  seconds?.push(...out.map((r) => r.seconds));
  return out.map((r) => r.result);
}

/** Smallest block of B₀₁ draws sent to a worker (≈ 258 ln p calls each; a few ms of work per row at ≥ 5 µs per call). */
export const SD_BLOCK_MIN_ROWS = 64;

/**
 * The conditional densities of every Savage–Dickey job of a summary plan, computed by a worker
 * pool in blocks of consecutive draws (about four blocks per worker and job, so a worker slowed by
 * other load takes fewer), concatenated in draw order: the same numbers as
 * `conditionalDensities` of each whole job in one thread, since every draw is computed by itself.
 * @param pool - workers holding the analysis' model
 * @param jobs - `planSummaries(...).savageDickey`
 * @returns conditional densities per job's parameter index
 */
export async function conditionalsInPool(pool: ModelWorkerPool, jobs: readonly SavageDickeyJob[]): Promise<Map<number, ConditionalValues>> {
  const pieces: Array<{ job: number; from: number; to: number }> = [];
  jobs.forEach((j, k) => {
    const size = Math.max(SD_BLOCK_MIN_ROWS, Math.ceil(j.block.n / (4 * pool.size)));
    for (let from = 0; from < j.block.n; from += size) pieces.push({ job: k, from, to: Math.min(j.block.n, from + size) });
  });
  const messages = pieces.map((p) => {
    const b = jobs[p.job]!.block;
    return { conditionals: { ...b, rows: b.rows.slice(p.from * b.ndim, p.to * b.ndim), n: p.to - p.from } };
  });
  const res = (await pool.run(messages, (i) => [messages[i]!.conditionals.rows.buffer as ArrayBuffer])) as ConditionalValues[];
  const out = new Map<number, ConditionalValues>();
  jobs.forEach((j, k) => {
    const density = new Float64Array(j.block.n);
    const relQuadratureError = new Float64Array(j.block.n);
    pieces.forEach((p, i) => {
      if (p.job !== k) return;
      density.set(res[i]!.density, p.from);
      relQuadratureError.set(res[i]!.relQuadratureError, p.from);
    });
    out.set(j.index, { density, relQuadratureError });
  });
  return out;
}

/**
 * Rows of the posterior's coordinates at which ln p is timed before any sample exists (the
 * profile stage): each physics parameter at the middle of its scan range (the geometric middle
 * of a log axis; 0 without a scan), each sampled nuisance at its nominal value.
 * @param analysis - the loaded analysis
 * @param lik - its likelihood (global nuisances in coordinate order)
 * @param walkers - rows
 * @returns row-major walkers × ndim
 */
export function nominalRows(analysis: LoadedAnalysis, lik: Pick<AnalysisLikelihood, 'combined'>, walkers: number): Float64Array {
  const row = [
    ...analysis.physics.map((p) => (!p.scan ? 0 : p.scan.scale === 'log' ? Math.sqrt(p.scan.min * p.scan.max) : 0.5 * (p.scan.min + p.scan.max))),
    ...lik.combined.nuisances.map((n) => n.nominal),
  ];
  const out = new Float64Array(walkers * row.length);
  for (let w = 0; w < walkers; w++) out.set(row, w * row.length);
  return out;
}

/**
 * Below this cost of one ln p evaluation per walker (µs) the default runs the ensembles in the
 * calling thread. Measured on the 2-core machine of docs/performance.md ("Results of the evening
 * of 2026-12-05", item 4): the default analysis (≈ 0.3 µs per walker) took 4.5 s in one thread against 5.7 s with
 * two workers (each worker loads the modules and rebuilds the model, ≈ 0.5 s, and the workers and
 * the coordinator contend for the cores); the CsI 2-D analysis (≈ 2 µs) 4.0 s against 3.7 s.
 */
export const AUTO_WORKER_MIN_EVAL_US = 5;

/**
 * Cost of one ln p evaluation per walker (µs): the median of 5 timed batches over the given
 * walkers (each batch repeated until ≥ 4 ms).
 * @param logProb - the batched log-posterior
 * @param initial - positions, row-major walkers × ndim
 * @param walkers - rows in `initial`
 * @returns µs per walker
 */
export function lnpCostPerWalkerUs(logProb: BatchLogProb, initial: ArrayLike<number>, walkers: number): number {
  const coords = Float64Array.from(initial);
  const out = new Float64Array(walkers);
  const per: number[] = [];
  for (let b = 0; b < 5; b++) {
    let reps = 0;
    const t0 = performance.now();
    let dt: number;
    do {
      logProb(coords, walkers, out);
      reps++;
      dt = performance.now() - t0;
    } while (dt < 4);
    per.push((dt * 1000) / (reps * walkers));
  }
  per.sort((a, b) => a - b);
  return per[2]!;
}

/**
 * The default thread count of `nuem run`: 0 (this thread) when ln p is cheap, else one worker per
 * ensemble up to the cores. Only the speed depends on the choice: the ensembles' streams and
 * decisions are the same in every thread layout (test/pipeline/runAnalysis.test.ts checks the
 * chains of both layouts bit for bit).
 * @param costUs - one ln p evaluation per walker, µs ({@link lnpCostPerWalkerUs})
 * @param ensembles - ensembles of the run
 * @returns worker threads to use (0: this thread)
 */
export function autoThreads(costUs: number, ensembles: number): number {
  const cores = availableParallelism();
  if (ensembles < 2 || cores < 2) return 0;
  return costUs < AUTO_WORKER_MIN_EVAL_US ? 0 : Math.min(ensembles, cores);
}
