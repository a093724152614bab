/**
 * Assembles a {@link ReportInput} from chains read from disk: burn-in and thinning from τ
 * (`burnAndThin`), τ history at growing N (`autocorrTime`), the convergence rule
 * (`convergenceCheck`), R̂ across independent ensembles and τ-based ESS (`ensembleDiagnostics`),
 * rank-normalised bulk/tail ESS across ≥ 2 ensembles (`ensembleRankEss`), acceptance (`acceptanceReport`) and per-parameter summaries (`summarizeParameter`).
 * References are in those functions (Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr); Hyndman 1996, doi:10.1080/00031305.1996.10474359).
 */
import { rngStateHash } from './rngStateHash.js';
import type { ChainData } from '../sampler/backends/readChain.js';
import type { PlotParameter, SampleRun } from '../plots/types.js';
import { autocorrTime, burnAndThin, convergenceCheck, ensembleDiagnostics, acceptanceReport } from '../diagnostics/index.js';
import { summarizeParameter } from '../summaries/index.js';
import { ensembleRankEss } from './ensembleRankEss.js';
import type { ReportInput, PublishedValue, ReportProvenance, IntervalKind } from './types.js';

/** Extra information for {@link reportInputFromChains}. */
export interface ChainReportOptions {
  /** run id (default from the first chain's file name) */
  runId: string;
  /** labels for the compared chains (default `compare-1`, …) */
  compareLabels?: readonly string[];
  /** analysis title (default the analysis id) */
  title?: string;
  /** parameter labels/units/scales by name (default: the name, linear) */
  parameters?: ReadonlyMap<string, Omit<PlotParameter, 'name'>>;
  /** published intervals */
  published?: readonly PublishedValue[];
  /** credible probability of the summary intervals (default 0.9) */
  prob?: number;
  /** chain file paths for the provenance */
  chainFiles?: readonly string[];
  /** extra provenance */
  provenance: Pick<ReportProvenance, 'codeVersion' | 'gitCommit' | 'node' | 'dependencies' | 'createdAt' | 'timings_s'>;
  /** serialised RNG state at the end of the main chain (hashed into the provenance) */
  rngState?: unknown;
  /** how many posterior draws to keep at most per run (default 60 000; evenly thinned) */
  maxDraws?: number;
}

function flatten(c: ChainData, discard: number, thin: number, maxDraws: number): Float64Array {
  const rows: number[] = [];
  for (let t = discard; t < c.nsteps; t += thin) rows.push(t);
  let stride = 1;
  while ((rows.length / stride) * c.nwalkers > maxDraws) stride++;
  const kept = rows.filter((_, i) => i % stride === 0);
  const out = new Float64Array(kept.length * c.nwalkers * c.ndim);
  let o = 0;
  for (const t of kept) {
    const base = t * c.nwalkers * c.ndim;
    for (let k = 0; k < c.nwalkers * c.ndim; k++) out[o++] = c.chain[base + k] as number;
  }
  return out;
}

/**
 * Builds the report input.
 *
 * @param chains - the main chain first, then chains to compare (all with the same parameters)
 * @param opts - labels, published values, provenance
 * @returns the report input
 * @throws Error when chains disagree in their parameters or are too short to analyse
 */
export function reportInputFromChains(chains: readonly ChainData[], opts: ChainReportOptions): ReportInput {
  const main = chains[0];
  if (!main) throw new Error('reportInputFromChains: no chain');
  for (const c of chains) {
    if (c.ndim !== main.ndim || c.parameterNames.join(',') !== main.parameterNames.join(',')) {
      throw new Error(`reportInputFromChains: compared chains must have the parameters ${main.parameterNames.join(', ')}, got ${c.parameterNames.join(', ')}`);
    }
    if (c.nsteps < 20) throw new Error(`reportInputFromChains: a chain has only ${c.nsteps} steps; run longer (at least 20)`);
  }
  const d = main.ndim;
  const params: PlotParameter[] = main.parameterNames.map((name) => ({ name, label: name, ...(opts.parameters?.get(name) ?? {}) }));

  // τ history of the main chain at N = nsteps / 2^m
  const steps: number[] = [];
  for (let n = main.nsteps; n >= 20 && steps.length < 8; n = Math.floor(n / 2)) steps.unshift(n);
  const tauRows = steps.map((n) => autocorrTime(main.chain.subarray(0, n * main.nwalkers * d), n, main.nwalkers, d, { quiet: true }));
  const tauFinal = tauRows[tauRows.length - 1] as Float64Array;
  // the convergence rule compares τ now with τ 100 steps earlier (as `nuem sample --until-converged`)
  const nPrev = Math.max(20, main.nsteps - 100);
  const tauPrev = autocorrTime(main.chain.subarray(0, nPrev * main.nwalkers * d), nPrev, main.nwalkers, d, { quiet: true });
  const verdict = convergenceCheck([tauPrev, tauFinal], main.nsteps);
  const finite = Array.from(tauFinal).every(Number.isFinite);
  const { burn, thin } = finite ? burnAndThin(tauFinal) : { burn: Math.floor(main.nsteps / 2), thin: 1 };
  const discard = Math.min(burn, main.nsteps - 2);

  // ensembles of the same analysis and model count as independent ensembles for R̂
  const same = chains.filter((c) => c.meta?.analysisId === main.meta?.analysisId && c.meta?.modelHash === main.meta?.modelHash);
  const sameEnsembles = same.map((c) => ({ chain: c.chain, nsteps: c.nsteps, nwalkers: c.nwalkers, ndim: c.ndim }));
  const ensDiscard = Math.min(discard, Math.min(...same.map((c) => c.nsteps)) - 4);
  const ens = ensembleDiagnostics(sameEnsembles, ensDiscard, 1);
  const rank = ensembleRankEss(sameEnsembles, ensDiscard, 1);
  const acc = acceptanceReport(main.accepted, main.nsteps);

  const maxDraws = opts.maxDraws ?? 60000;
  const runs: SampleRun[] = chains.map((c, r) => ({
    label: r === 0 ? opts.runId : (opts.compareLabels?.[r - 1] ?? `compare-${r}`),
    samples: flatten(c, Math.min(discard, c.nsteps - 2), thin, maxDraws),
  }));
  const mainDraws = runs[0]!.samples;
  const nMain = mainDraws.length / d;
  const prob = opts.prob ?? 0.9;
  const summaries = params.map((p, k) => {
    const col = new Float64Array(nMain);
    for (let s = 0; s < nMain; s++) col[s] = mainDraws[s * d + k] as number;
    const ess = ens.parameters[k]?.essTau;
    const s = summarizeParameter(col, { prob, ...(ess && Number.isFinite(ess) ? { ess: Math.min(ess, nMain) } : {}) });
    const kind: IntervalKind = s.kind === 'upper' ? 'upper' : s.kind === 'lower' ? 'lower' : s.method === 'hdi' ? 'hdi' : 'eti';
    return { parameter: p.name, median: s.median, interval: { lo: s.lo, hi: s.hi, prob: s.prob, kind }, mcse: s.mcse.median };
  });

  // thinned trace (≤ 200 rows)
  const tStride = Math.max(1, Math.ceil(main.nsteps / 200));
  const tRows: number[] = [];
  for (let t = 0; t < main.nsteps; t += tStride) tRows.push(t);
  const traceVals = new Float64Array(tRows.length * main.nwalkers * d);
  tRows.forEach((t, i) => traceVals.set(main.chain.subarray(t * main.nwalkers * d, (t + 1) * main.nwalkers * d), i * main.nwalkers * d));

  const warnings = [...verdict.reasons.map((r) => r.replace(/^parameter (\d+)/, (_, k: string) => params[Number(k)]?.label ?? `parameter ${k}`)), ...acc.warnings, ...ens.notes.filter((n) => /short|unreliable/i.test(n))];
  const meta = main.meta;
  const rngState = opts.rngState;
  return {
    // the id becomes a directory name: characters outside [A-Za-z0-9._-] (e.g. `builtin:gaussian`) become '_'
    analysis: { id: (meta?.analysisId ?? 'unknown-analysis').replace(/[^A-Za-z0-9._-]/g, '_'), title: opts.title ?? meta?.analysisId ?? 'chain report' },
    run: { id: opts.runId },
    parameters: params,
    runs,
    summaries,
    published: opts.published,
    diagnostics: {
      nSteps: main.nsteps,
      nWalkers: main.nwalkers,
      nEnsembles: same.length,
      // the τ(N) plot needs estimates at two or more lengths (chains of 20–39 steps have one)
      ...(steps.length >= 2 ? { tauHistory: { steps, tau: params.map((_, k) => tauRows.map((row) => row[k] as number)) } } : {}),
      tau: Array.from(tauFinal),
      rhat: ens.parameters.every((p) => p.rhat !== null) ? ens.parameters.map((p) => p.rhat as number) : undefined,
      essTau: ens.parameters.map((p) => p.essTau),
      ...(rank ? { essBulk: rank.essBulk, essTail: rank.essTail } : {}),
      acceptance: acc.mean,
      acceptanceFractions: Array.from(acc.fractions),
      converged: verdict.converged,
      warnings,
    },
    trace: { steps: tRows, nWalkers: main.nwalkers, nParams: d, values: traceVals, burnIn: discard },
    provenance: {
      seed: meta?.seed ?? 'unknown',
      modelHash: meta?.modelHash,
      rngStateHash: rngState === undefined ? undefined : rngStateHash(rngState),
      chainFiles: opts.chainFiles,
      ...opts.provenance,
    },
  };
}
