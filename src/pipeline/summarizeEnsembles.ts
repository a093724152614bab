/**
 * Diagnostics and posterior summaries of the independent ensembles of one run: burn-in and
 * thinning from the largest τ (`burnAndThin`), R̂ across ensembles and τ-based ESS
 * (`ensembleDiagnostics`), then, on the pooled kept draws, median, credible interval or one-sided
 * limit with MCSEs (`summarizeParameter`, GetDist's one-tail rule at hard prior bounds) and the
 * Savage–Dickey Bayes factor at θ = 0 for physics parameters whose prior contains 0: with the
 * log-posterior given, Rao–Blackwellised (unbiased, `rbSavageDickey`); without it, the older KDE
 * estimate (`savageDickey`, smoothing bias not in its error; kept for chains read without a model).
 * References: Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr); Hyndman 1996, doi:10.1080/00031305.1996.10474359; Vehtari et al. 2021
 * (doi:10.1214/20-BA1221); Dickey 1971 (doi:10.1214/aoms/1177693507).
 * @module
 */
import { burnAndThin } from '../diagnostics/convergenceCheck.js';
import { ensembleDiagnostics } from '../diagnostics/ensembleDiagnostics.js';
import { priorInSupport, priorLogPdf, type Prior, type ParameterRole } from '../sampler/priors.js';
import type { BatchLogProb } from '../sampler/types.js';
import { savageDickey } from '../summaries/savageDickey.js';
import { rbSavageDickey, rbSavageDickeyBlock, rbSavageDickeyPlan, type ConditionalBlock, type ConditionalDensitySpec, type ConditionalValues, type EnsembleDraws, type RbSavageDickeyOptions } from '../summaries/savageDickeyRB.js';
import { hdiMultimodal } from '../summaries/hdi.js';
import { marginalModes, type MarginalMode } from '../summaries/modes.js';
import { summarizeParameter, type ParameterSummary } from '../summaries/summarizeParameter.js';

/** The part of an ensemble result the summaries need. */
export interface EnsembleSamples {
  /** (nsteps, nwalkers, ndim) row-major */
  chain: Float64Array;
  nsteps: number;
  nwalkers: number;
  ndim: number;
  /** final τ per parameter (steps) */
  tau: readonly number[];
  /** per-walker acceptance fractions */
  acceptanceFraction: ArrayLike<number>;
  converged: boolean;
}

/** A sampled parameter with its display label. */
export interface SummaryParameter {
  name: string;
  label: string;
  role: ParameterRole;
  prior: Prior;
}

/**
 * A parameter for {@link summarizeEnsembles} whose prior may be unknown (a chain written by another
 * program): then no hard bounds and no Savage–Dickey factor.
 */
export type SummaryParameterInput = Omit<SummaryParameter, 'prior'> & { prior?: Prior };

/** Savage–Dickey Bayes factor at a point. */
export interface BayesFactorAtPoint {
  /** θ₀ (parameter units) */
  point: number;
  /** B₀₁ = p(θ₀|d)/p(θ₀): evidence for θ = θ₀ */
  bf01: number;
  /** B₁₀ = 1/B₀₁ */
  bf10: number;
  /** standard error of B₀₁ (Rao–Blackwell: MCSE from the ESS of the per-step averages, plus quadrature; KDE: batch means, smoothing bias not included) */
  bf01Se: number;
  /** 'rao-blackwell' (unbiased) or 'kde' (smoothing-biased) */
  method: 'rao-blackwell' | 'kde';
  /** Rao–Blackwell only: draws averaged and the ESS of their per-step averages */
  draws?: number;
  ess?: number;
}

/**
 * Range along θ that holds all of the prior's (hence the posterior's) mass, for the 1-D
 * normalisation of the Rao–Blackwellised Savage–Dickey estimate: the support of bounded priors,
 * μ ± 40σ for a normal, [0, 40σ] for a half-normal and [0, e^{μ+40σ}] for a log-normal (mass outside
 * < 1e−300).
 * @param prior - the parameter's prior
 * @returns [lower, upper]
 */
export function priorIntegrationRange(prior: Prior): [number, number] {
  switch (prior.type) {
    case 'uniform':
    case 'loguniform':
    case 'truncnormal':
      return [prior.min, prior.max];
    case 'halfnormal':
      return [0, 40 * prior.sigma];
    case 'normal':
      return [prior.mu - 40 * prior.sigma, prior.mu + 40 * prior.sigma];
    case 'lognormal':
      return [0, Math.exp(prior.mu + 40 * prior.sigma)];
  }
}

/** Options of {@link summarizeEnsembles}. */
export interface SummarizeEnsemblesOptions extends KeptSteps {
  /** the unnormalised log-posterior over the same coordinates: enables the Rao–Blackwellised Savage–Dickey estimate */
  logPosterior?: BatchLogProb;
  /** draw budget of the Rao–Blackwellised estimate (default 4096) */
  savageDickeyDraws?: number;
  /** discard at least this many steps (a tempered run's ladder-adaptation period), even when 2·τ is shorter */
  minBurn?: number;
}

/** Summary of one parameter. */
export interface RunParameterSummary extends ParameterSummary {
  name: string;
  label: string;
  role: ParameterRole;
  /** largest τ over ensembles (steps) */
  tau: number;
  /** rank-normalised split R̂ across ensembles (null with one ensemble) */
  rhat: number | null;
  /** τ-based effective sample size of the kept draws */
  essTau: number;
  /** Savage–Dickey at 0 (physics parameters whose prior contains 0) */
  savageDickey?: BayesFactorAtPoint;
  /** modes of a multimodal marginal with their masses (absent when unimodal; src/summaries/modes.ts) */
  modes?: MarginalMode[];
  /** multimodal marginals: the highest-density region at `prob`, one interval per mode it covers */
  hdiRegion?: { intervals: { lo: number; hi: number }[]; prob: number };
}

/** Result of {@link summarizeEnsembles}. */
export interface EnsembleSummaries {
  /** steps dropped from the start of every ensemble */
  burn: number;
  /** thinning of the kept steps */
  thin: number;
  /** kept draws, pooled over ensembles, row-major (n × ndim) */
  draws: Float64Array;
  /** number of pooled draws */
  nDraws: number;
  parameters: RunParameterSummary[];
  /** every ensemble met the convergence rule */
  converged: boolean;
  /** mean acceptance over all walkers */
  acceptance: number;
  /** largest R̂ over parameters (null with one ensemble) */
  rhatMax: number | null;
  /** smallest τ-based ESS over parameters */
  essMin: number;
  /** explanations (e.g. why R̂ is missing, short ensembles) */
  notes: string[];
}

/** Burn-in and thinning chosen by the caller instead of the τ rule (either may be given alone). */
export interface KeptSteps {
  /** steps dropped from the start of every ensemble */
  burn?: number;
  /** keep every `thin`-th step after the burn-in (emcee's `get_chain(discard, thin)` rows) */
  thin?: number;
}

/**
 * Burn-in and thinning from the largest τ over ensembles (`burnAndThin`, cut back to keep ≥ 4
 * thinned steps), and the across-ensemble diagnostics (R̂, τ-based ESS) of the kept steps — the
 * part of {@link summarizeEnsembles} that the run's R̂ decisions need.
 */
function keptDiagnostics(
  ensembles: readonly EnsembleSamples[],
  D: number,
  fixed: KeptSteps = {},
  minBurn = 0,
  rhatOnly = false,
): { burn: number; thin: number; maxTau: number[]; notes: string[]; ens: ReturnType<typeof ensembleDiagnostics> } {
  const minSteps = Math.min(...ensembles.map((e) => e.nsteps));
  const maxTau = Array.from({ length: D }, (_, d) => Math.max(...ensembles.map((e) => e.tau[d] ?? NaN)));
  const finite = maxTau.every((t) => Number.isFinite(t) && t > 0);
  const bt = finite ? burnAndThin(maxTau) : { burn: Math.floor(minSteps / 2), thin: 1 };
  const notes: string[] = [];
  // keep at least 4 thinned steps per ensemble (needed by R̂); a longer burn-in is cut back and said so
  let burn = fixed.burn ?? Math.max(bt.burn, minBurn);
  let thin = fixed.thin ?? bt.thin;
  if (fixed.burn !== undefined || fixed.thin !== undefined) {
    // the caller chose (e.g. `nuem export --discard/--thin`): used as given, checked by the caller
  } else if (burn > minSteps / 2) {
    notes.push(`burn-in 2·τ = ${burn} steps is more than half the chain (${minSteps} steps); only the first half is discarded: the chain is too short for its τ`);
    burn = Math.floor(minSteps / 2);
  }
  if (fixed.thin === undefined) while (thin > 1 && Math.floor((minSteps - burn) / thin) < 4) thin = Math.max(1, Math.floor(thin / 2));
  const ens = ensembleDiagnostics(
    ensembles.map((e) => ({ chain: e.chain, nsteps: e.nsteps, nwalkers: e.nwalkers, ndim: e.ndim })),
    burn,
    thin,
    { rhatOnly },
  );
  return { burn, thin, maxTau, notes, ens };
}

/**
 * Largest rank-normalised split R̂ over parameters across the ensembles, on the kept steps — the
 * same number {@link summarizeEnsembles} reports as `rhatMax` (Vehtari et al. 2021,
 * doi:10.1214/20-BA1221).
 * @param ensembles - ≥ 2 independent ensembles (chain, nsteps, shape, final τ)
 * @param D - parameters
 * @param minBurn - discard at least this many steps (see {@link SummarizeEnsemblesOptions.minBurn})
 * @returns max R̂, or null when it cannot be computed (one ensemble)
 */
export function rhatMaxAcross(ensembles: readonly EnsembleSamples[], D: number, minBurn = 0): number | null {
  const { ens } = keptDiagnostics(ensembles, D, {}, minBurn, true);
  const rh = ens.parameters.map((p) => p.rhat);
  return rh.every((r) => r !== null) ? Math.max(...(rh as number[])) : null;
}

/**
 * @param ensembles - independent ensembles of the same posterior (same ndim)
 * @param parameters - parameters in coordinate order (names, labels, priors)
 * @param prob - credible probability of intervals and limits (e.g. 0.9)
 * @param opts - burn-in and/or thinning chosen by the caller (default: from τ as above), the
 *   log-posterior for the Rao–Blackwellised Savage–Dickey estimate, a minimum burn-in
 * @returns burn/thin, pooled draws, per-parameter summaries and diagnostics
 * @throws RangeError when the ensembles are too short to analyse (fewer than 8 steps)
 */
export function summarizeEnsembles(ensembles: readonly EnsembleSamples[], parameters: readonly SummaryParameterInput[], prob: number, opts: SummarizeEnsemblesOptions = {}): EnsembleSummaries {
  return finishSummaries(planSummaries(ensembles, parameters, prob, opts));
}

/** One Rao–Blackwellised Savage–Dickey estimate of {@link planSummaries}: its conditional densities can be computed elsewhere (worker threads). */
export interface SavageDickeyJob {
  /** coordinate (parameter) index */
  index: number;
  /** all the draws of the estimate, in summation order, with the quadrature settings */
  block: ConditionalBlock;
}

/**
 * The first half of {@link summarizeEnsembles}: burn-in, thinning, diagnostics and kept draws, and
 * the Savage–Dickey estimates still to compute (`savageDickey`), so that their conditional
 * densities, the expensive part, can be computed in worker threads before {@link finishSummaries}.
 */
export interface SummaryPlan {
  /** the Rao–Blackwellised Savage–Dickey estimates the summaries will contain */
  readonly savageDickey: readonly SavageDickeyJob[];
  /** @internal the state {@link finishSummaries} continues from */
  readonly state: PlanState;
}

interface PlanState {
  ensembles: readonly EnsembleSamples[];
  parameters: readonly SummaryParameterInput[];
  prob: number;
  opts: SummarizeEnsemblesOptions;
  D: number;
  burn: number;
  thin: number;
  maxTau: number[];
  notes: string[];
  ens: ReturnType<typeof ensembleDiagnostics>;
  draws: Float64Array;
  n: number;
  keptSteps: number;
  kept: () => EnsembleDraws[];
}

/** Prior integration range, prior density at 0 and spec of parameter d's Rao–Blackwellised estimate, or null when it has none. */
function rbSpecOf(st: Pick<PlanState, 'opts' | 'D' | 'keptSteps'>, p: SummaryParameterInput, d: number): { spec: ConditionalDensitySpec; priorDensity: number; options: RbSavageDickeyOptions } | null {
  if (!(p.role === 'physics' && p.prior && priorInSupport(p.prior, 0) && st.opts.logPosterior && st.keptSteps >= 8)) return null;
  const [lower, upper] = priorIntegrationRange(p.prior);
  // module defaults: 65 scan points, 4/8 Gauss–Legendre panels (258 log-posterior calls per draw)
  return {
    spec: { logJoint: st.opts.logPosterior, ndim: st.D, index: d, point: 0, lower, upper },
    priorDensity: Math.exp(priorLogPdf(p.prior, 0)),
    options: st.opts.savageDickeyDraws ? { maxDraws: st.opts.savageDickeyDraws } : {},
  };
}

/**
 * First half of {@link summarizeEnsembles} (same arguments): everything up to the Savage–Dickey
 * estimates, which it lists.
 * @param ensembles - as {@link summarizeEnsembles}
 * @param parameters - as {@link summarizeEnsembles}
 * @param prob - as {@link summarizeEnsembles}
 * @param opts - as {@link summarizeEnsembles}
 * @returns the plan, for {@link finishSummaries}
 * @throws RangeError when the ensembles are too short to analyse (fewer than 8 steps)
 */
export function planSummaries(ensembles: readonly EnsembleSamples[], parameters: readonly SummaryParameterInput[], prob: number, opts: SummarizeEnsemblesOptions = {}): SummaryPlan {
  const D = parameters.length;
  const minSteps = Math.min(...ensembles.map((e) => e.nsteps));
  if (!(minSteps >= 8)) throw new RangeError(`summarizeEnsembles: ensembles need at least 8 steps, got ${minSteps}`);
  const { burn, thin, maxTau, notes, ens } = keptDiagnostics(ensembles, D, { ...(opts.burn !== undefined ? { burn: opts.burn } : {}), ...(opts.thin !== undefined ? { thin: opts.thin } : {}) }, opts.minBurn ?? 0);
  notes.push(...ens.notes);
  ens.parameters.forEach((p, d) => {
    p.tooShort.forEach((short, k) => {
      if (short) notes.push(`ensemble ${k}: ${parameters[d]!.label} has fewer than 50·τ kept steps, so its τ is not reliable`);
    });
  });

  // pooled kept draws, in sampler order within each ensemble (step-major, walker, parameter)
  let n = 0;
  for (const e of ensembles) for (let t = burn + thin - 1; t < e.nsteps; t += thin) n += e.nwalkers;
  const draws = new Float64Array(n * D);
  let o = 0;
  for (const e of ensembles) {
    for (let t = burn + thin - 1; t < e.nsteps; t += thin) {
      draws.set(e.chain.subarray(t * e.nwalkers * D, (t + 1) * e.nwalkers * D), o);
      o += e.nwalkers * D;
    }
  }
  // kept steps per ensemble (for the Rao–Blackwellised Savage–Dickey estimate), built once on demand
  const keptSteps = Math.min(...ensembles.map((e) => Math.floor((e.nsteps - burn) / thin)));
  let keptCache: { chain: Float64Array; nsteps: number; nwalkers: number }[] | null = null;
  const kept = (): { chain: Float64Array; nsteps: number; nwalkers: number }[] =>
    (keptCache ??= ensembles.map((e) => {
      const W = e.nwalkers;
      const out = new Float64Array(keptSteps * W * D);
      for (let k = 0; k < keptSteps; k++) {
        const t = burn + thin - 1 + k * thin;
        out.set(e.chain.subarray(t * W * D, (t + 1) * W * D), k * W * D);
      }
      return { chain: out, nsteps: keptSteps, nwalkers: W };
    }));
  const state: PlanState = { ensembles, parameters, prob, opts, D, burn, thin, maxTau, notes, ens, draws, n, keptSteps, kept };
  const savageDickey: SavageDickeyJob[] = [];
  parameters.forEach((p, d) => {
    const rb = rbSpecOf(state, p, d);
    if (rb) savageDickey.push({ index: d, block: rbSavageDickeyBlock(rbSavageDickeyPlan(kept(), rb.spec, rb.priorDensity, rb.options), rb.spec, rb.options) });
  });
  return { savageDickey, state };
}

/**
 * Second half of {@link summarizeEnsembles}: the per-parameter summaries, with the Savage–Dickey
 * estimates from the conditional densities given (computed here when absent). With the
 * conditional densities of every job computed by {@link conditionalDensities} in any layout, the
 * result is bit-identical to {@link summarizeEnsembles}.
 * @param plan - from {@link planSummaries}
 * @param conditionals - conditional densities per job's parameter index, in the job's row order
 * @returns as {@link summarizeEnsembles}
 */
export function finishSummaries(plan: SummaryPlan, conditionals?: ReadonlyMap<number, ConditionalValues>): EnsembleSummaries {
  const { ensembles, parameters, prob, D, burn, thin, maxTau, notes, ens, draws, n, keptSteps, kept } = plan.state;
  const column = (d: number): Float64Array => {
    const c = new Float64Array(n);
    for (let s = 0; s < n; s++) c[s] = draws[s * D + d]!;
    return c;
  };
  const summaries: RunParameterSummary[] = parameters.map((p, d) => {
    const col = column(d);
    const ed = ens.parameters[d]!;
    const bounds = !p.prior ? {} : p.prior.type === 'uniform' || p.prior.type === 'loguniform' || p.prior.type === 'truncnormal' ? { lower: p.prior.min, upper: p.prior.max } : p.prior.type === 'halfnormal' || p.prior.type === 'lognormal' ? { lower: 0 } : {};
    const ess = Number.isFinite(ed.essTau) && ed.essTau > 0 ? Math.min(ed.essTau, n) : undefined;
    const s = summarizeParameter(col, { prob, ...bounds, ...(ess !== undefined ? { ess } : {}) });
    let sd: BayesFactorAtPoint | undefined;
    const rb = rbSpecOf(plan.state, p, d);
    if (rb) {
      const given = conditionals?.get(d);
      const r = rbSavageDickey(kept(), rb.spec, rb.priorDensity, { ...rb.options, ...(given ? { conditionals: given } : {}) });
      sd = { point: 0, bf01: r.bayesFactor01, bf10: r.bayesFactor10, bf01Se: r.bayesFactor01Se, method: 'rao-blackwell', draws: r.draws, ess: r.ess };
    } else if (p.role === 'physics' && p.prior && priorInSupport(p.prior, 0) && n >= 200) {
      const r = savageDickey(col, 0, Math.exp(priorLogPdf(p.prior, 0)), bounds);
      sd = { point: 0, bf01: r.bayesFactor01, bf10: r.bayesFactor10, bf01Se: r.bayesFactor01Se, method: 'kde' };
    }
    // a Bayes factor that is not a finite number (e.g. θ = 0 on the edge of the prior support, where
    // the density ratio is undefined) is not reported rather than printed as NaN or Infinity
    if (sd && !(Number.isFinite(sd.bf01) && Number.isFinite(sd.bf10) && Number.isFinite(sd.bf01Se))) sd = undefined;
    // modes of the marginal (per-ensemble chains of the kept steps give the MCSE of each mode's mass)
    let modes: MarginalMode[] | undefined;
    let hdiRegion: RunParameterSummary['hdiRegion'];
    if (n >= 200 && keptSteps >= 8) {
      const perEnsemble = kept().map((e) => Float64Array.from({ length: e.nsteps * e.nwalkers }, (_, i) => e.chain[i * D + d]!));
      const m = marginalModes(col, { ...bounds, chains: perEnsemble, walkers: ensembles[0]!.nwalkers });
      if (m.length > 1) {
        modes = m;
        hdiRegion = { intervals: hdiMultimodal(col, prob, { bandwidth: 'silverman', ...bounds }).intervals, prob };
      }
    }
    return {
      ...s,
      ...(modes ? { modes, hdiRegion } : {}),
      name: p.name,
      label: p.label,
      role: p.role,
      tau: maxTau[d]!,
      rhat: ed.rhat,
      essTau: ed.essTau,
      ...(sd ? { savageDickey: sd } : {}),
    };
  });
  let accSum = 0;
  let accN = 0;
  for (const e of ensembles) {
    for (let w = 0; w < e.nwalkers; w++) accSum += e.acceptanceFraction[w]!;
    accN += e.nwalkers;
  }
  const rh = summaries.map((s) => s.rhat);
  return {
    burn,
    thin,
    draws,
    nDraws: n,
    parameters: summaries,
    converged: ensembles.every((e) => e.converged),
    acceptance: accSum / accN,
    rhatMax: rh.every((r) => r !== null) ? Math.max(...(rh as number[])) : null,
    essMin: Math.min(...summaries.map((s) => s.essTau)),
    notes,
  };
}
