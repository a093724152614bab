/**
 * `nuem sample --temperatures N`: the parallel-tempered ensemble sampler (src/sampler/tempering)
 * on a built-in target. A built-in target is a normalised density p(x); tempering needs a proper
 * prior for its hottest rung (β = 0), so the tempered posterior is π(x) p(x)^β with π uniform on
 * the box [−H, H]^D (`--prior-half-width H`, default 20). The β = 1 rung then samples p
 * restricted to the box, and the evidence Z = ∫ π p dx equals (2H)^−D times the mass of p inside
 * the box, i.e. ln Z = −D ln(2H) when p has negligible mass outside it. The summary prints this
 * value next to the thermodynamic-integration estimate, as a check.
 *
 * Files with `--out chain.h5`: rung 0 (β = 1) is `chain.h5` in the usual emcee layout (plus
 * sidecar); rung t ≥ 1 is `chain.t<t>.h5`. Every rung stores the untempered ln π + ln p as
 * `log_prob`, and every snapshot holds the whole tempered state, so `--resume` continues all rungs
 * to exactly the chains of an uninterrupted run (src/sampler/tempering/runTempered.ts). The
 * evidence and the moments use the steps after the ladder's adaptation (`--adapt-steps`, default
 * 500) and after a quarter of the run; with fewer steps there is no evidence.
 * @module
 */
import { existsSync } from 'node:fs';
import { codeProvenance } from '../../provenance.js';
import { makeRng } from '../../random/makeRng.js';
import type { ChainBackend, ChainMetadata, ResumeState } from '../backends/backend.js';
import { Hdf5Backend } from '../backends/hdf5Backend.js';
import { MemoryBackend } from '../backends/memoryBackend.js';
import { readChain } from '../backends/readChain.js';
import { initialBall } from '../initialBall.js';
import { SamplerError } from '../SamplerError.js';
import { samplingModelHash, type SamplingRunOptions } from '../SamplingRunOptions.js';
import type { ResolvedTarget } from '../targets/builtinTarget.js';
import type { BatchLogProb } from '../types.js';
import { makeLadder } from './ladder.js';
import { runTempered } from './runTempered.js';
import type { TemperedTarget } from './TemperedEnsemble.js';
import { thermodynamicEvidence, type ThermodynamicEvidence } from './thermodynamicEvidence.js';

/** Options of {@link runTemperedFromOptions}. */
export interface RunTemperedFromOptions extends SamplingRunOptions {
  target: ResolvedTarget;
  /** number of temperatures (≥ 2; default ladder of src/sampler/tempering/ladder.ts) */
  temperatures: number;
  /** half-width H of the uniform prior box [−H, H]^D */
  priorHalfWidth: number;
  /** ladder adaptation steps (default 500; part of the chain's identity, so the same on resume) */
  adaptSteps?: number;
  /** continue the chains in `out` */
  resume?: boolean;
}

/** What {@link runTemperedFromOptions} returns. */
export interface TemperedSampleSummary {
  iteration: number;
  stepsThisRun: number;
  temperatures: number;
  /** ladder at the end (fixed after adaptSteps) */
  betas: number[];
  adaptSteps: number;
  /** swap acceptance of each adjacent pair over the whole run */
  swapAcceptance: number[];
  /** mean acceptance of the β = 1 walkers' moves */
  meanAcceptance: number;
  /** β = 1 mean and standard deviation per parameter over the steps after adaptSteps (and a quarter of the run) */
  parameters: { name: string; mean: number; sd: number }[];
  discard: number;
  /** ln Z by thermodynamic integration with its errors, and the value for a normalised target inside the prior box */
  evidence: (Pick<ThermodynamicEvidence, 'lnZ' | 'discretisationError' | 'mcse'> & { expectedForNormalisedTarget: number }) | null;
  out?: string;
  rungFiles: string[];
}

/**
 * Path of rung t's chain next to the β = 1 chain.
 * @param out - the β = 1 chain file
 * @param t - rung index (0: the file itself)
 * @returns `<out without .h5>.t<t>.h5`
 */
export function temperedRungPath(out: string, t: number): string {
  return t === 0 ? out : out.replace(/\.h5$/, '') + `.t${t}.h5`;
}

/**
 * Runs a tempered sampling job end to end (module doc).
 * @param o - target, ladder size, prior box, seeds, moves, output and resume options
 * @returns the run summary
 * @throws SamplerError for bad combinations (resume without files, existing files without --force)
 */
export async function runTemperedFromOptions(o: RunTemperedFromOptions): Promise<TemperedSampleSummary> {
  const D = o.target.ndim;
  const W = o.nwalkers;
  const T = o.temperatures;
  const H = o.priorHalfWidth;
  if (!(Number.isInteger(T) && T >= 2)) throw new SamplerError(`--temperatures must be an integer ≥ 2, got ${T}`, 'give e.g. --temperatures 8');
  if (!(H > 0 && Number.isFinite(H))) throw new SamplerError(`--prior-half-width must be a positive number, got ${H}`, 'give e.g. --prior-half-width 20');
  const adaptSteps = o.adaptSteps ?? 500;
  const lnBox = -D * Math.log(2 * H);
  const logPrior: BatchLogProb = (x, n, out) => {
    for (let i = 0; i < n; i++) {
      let inside = true;
      for (let d = 0; d < D && inside; d++) if (!(Math.abs(x[i * D + d]!) <= H)) inside = false;
      out[i] = inside ? lnBox : -Infinity;
    }
  };
  const target: TemperedTarget = { logPrior, logLikelihood: o.target.logProb };
  const betas = makeLadder(D, T);
  const paths = o.out ? Array.from({ length: T }, (_, t) => temperedRungPath(o.out!, t)) : [];
  const meta = (t: number): ChainMetadata => ({
    parameterNames: o.target.parameterNames,
    analysisId: o.analysisId,
    modelHash: samplingModelHash({ model: o.model, tempering: { temperatures: T, priorHalfWidth: H, adaptSteps } }),
    nwalkers: W,
    ndim: D,
    seed: o.seed,
    moves: o.moves,
    settings: { rng: o.rng, nsteps: o.nsteps, tempering: { rung: t, temperatures: T, initialBetas: betas, adaptSteps, priorHalfWidth: H } },
    code: codeProvenance(),
  });
  let backends: ChainBackend[];
  let resume: ResumeState[] | undefined;
  if (o.out) {
    const existing = paths.filter((p) => existsSync(p));
    if (o.resume && existing.length < T) throw new SamplerError(`--resume: ${paths.find((p) => !existsSync(p))} does not exist`, 'run once without --resume to create every rung');
    if (!o.resume && existing.length > 0 && !o.force) throw new SamplerError(`--out: ${existing[0]} already exists`, 'pass --resume to continue it or --force to overwrite it');
    backends = paths.map((p) => new Hdf5Backend(p));
    if (o.resume) {
      resume = [];
      for (let t = 0; t < T; t++) resume.push(await backends[t]!.openForResume(meta(t)));
    } else {
      for (let t = 0; t < T; t++) await backends[t]!.create(meta(t));
    }
  } else {
    if (o.resume) throw new SamplerError('--resume needs --out <file.h5>', 'give the chain file to continue');
    backends = Array.from({ length: T }, () => new MemoryBackend());
    for (let t = 0; t < T; t++) await backends[t]!.create(meta(t));
  }
  const start = resume ? Math.min(...resume.map((r) => r.iteration)) : 0;
  const res = await runTempered({
    target,
    nwalkers: W,
    ndim: D,
    moves: o.moves,
    betas,
    ...(adaptSteps > 0 ? { adaptation: { lag: 10000, time: 100, until: adaptSteps } } : {}),
    rng: o.rng,
    seed: o.seed,
    initial: initialBall(makeRng(o.rng, o.seed), W, D, 0.1),
    nsteps: o.nsteps,
    backends,
    ...(resume ? { resume } : {}),
    parameterNames: o.target.parameterNames,
  });
  for (const b of backends) await b.close();

  // every rung's β = 1 chain and ln p (= log_prob − ln π) per step, from the files or from memory
  const rungs = o.out ? await Promise.all(paths.map((p) => readChain(p))) : (backends as MemoryBackend[]).map((b) => ({ chain: b.getChain(), logProb: b.getLogProb() }));
  const n = res.iteration;
  const discard = Math.max(adaptSteps, Math.floor(n / 4));
  const meanLL = new Float64Array((n - discard) * T);
  const meanSq = new Float64Array((n - discard) * T);
  for (let t = 0; t < T; t++) {
    const lp = rungs[t]!.logProb;
    for (let s = discard; s < n; s++) {
      let a = 0;
      let b = 0;
      for (let w = 0; w < W; w++) {
        const l = lp[s * W + w]! - lnBox;
        a += l;
        b += l * l;
      }
      meanLL[(s - discard) * T + t] = a / W;
      meanSq[(s - discard) * T + t] = b / W;
    }
  }
  let evidence: TemperedSampleSummary['evidence'] = null;
  if (n - discard >= 8) {
    const ev = thermodynamicEvidence([{ betas: res.state.betas.slice(), meanLogLikelihood: meanLL, meanSquareLogLikelihood: meanSq, steps: n - discard }]);
    evidence = { lnZ: ev.lnZ, discretisationError: ev.discretisationError, mcse: ev.mcse, expectedForNormalisedTarget: lnBox };
  }
  const cold = rungs[0]!.chain;
  const parameters = o.target.parameterNames.map((name, d) => {
    let m = 0;
    let q = 0;
    const k = (n - discard) * W;
    for (let s = discard; s < n; s++) for (let w = 0; w < W; w++) m += cold[(s * W + w) * D + d]!;
    m /= k;
    for (let s = discard; s < n; s++) for (let w = 0; w < W; w++) q += (cold[(s * W + w) * D + d]! - m) ** 2;
    return { name, mean: m, sd: Math.sqrt(q / (k - 1)) };
  });
  const accepted = res.state.accepted[0]!;
  let acc = 0;
  for (let w = 0; w < W; w++) acc += accepted[w]!;
  const proposed = res.state.swapsProposed;
  return {
    iteration: n,
    stepsThisRun: n - start,
    temperatures: T,
    betas: res.state.betas.slice(),
    adaptSteps,
    swapAcceptance: res.state.swapsAccepted.map((a) => (proposed > 0 ? a / proposed : 0)),
    meanAcceptance: n > 0 ? acc / (W * n) : 0,
    parameters,
    discard,
    evidence,
    ...(o.out ? { out: o.out } : {}),
    rungFiles: paths.slice(1),
  };
}
