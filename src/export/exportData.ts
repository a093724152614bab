/**
 * What `nuem export` writes, computed once for every format: the kept draws of one or more chain
 * files (independent ensembles of one posterior), their names, labels, units and priors, and the
 * posterior summary table.
 *
 * Burn-in and thinning follow `nuem run` (src/pipeline/summarizeEnsembles.ts): τ of every file
 * (emcee's integrated autocorrelation time, Goodman & Weare 2010 doi:10.2140/camcos.2010.5.65;
 * Foreman-Mackey et al. arXiv:1202.3665), burn-in 2·max τ and thinning ⌊min τ / 2⌋ over all files
 * (`burnAndThin`), and the kept rows of every file are emcee's `get_chain(discard, thin)` rows
 * `discard + thin − 1, discard + 2·thin − 1, …`. `--discard` and `--thin` replace either number.
 * @module
 */
import { existsSync } from 'node:fs';
import { UserError } from '../cli/userError.js';
import { autocorrTime } from '../diagnostics/autocorrTime.js';
import { convergenceCheck } from '../diagnostics/convergenceCheck.js';
import { loadAnalysis, type LoadedAnalysis } from '../experiments/loadAnalysis.js';
import { modelHash } from '../experiments/modelHash.js';
import { summarizeEnsembles, type EnsembleSummaries, type SummaryParameterInput } from '../pipeline/summarizeEnsembles.js';
import type { ChainData } from '../sampler/backends/readChain.js';
import type { Prior } from '../sampler/priors.js';
import { latexLabel } from './latexLabel.js';

/** How many steps to drop and how to thin: a number, or `'auto'` for the τ rule of `nuem run`. */
export type StepChoice = number | 'auto';

/** Options of {@link exportData}. */
export interface ExportDataOptions {
  /** file path of every chain, in the order of `chains` (for messages and provenance) */
  paths: readonly string[];
  /** steps dropped from the start of every file (default `'auto'`: 2·max τ) */
  discard?: StepChoice;
  /** keep every `thin`-th step after the burn-in (default `'auto'`: ⌊min τ / 2⌋) */
  thin?: StepChoice;
  /** credible probability of the summary intervals (default 0.9) */
  prob?: number;
}

/** One exported parameter. */
export interface ExportParameter {
  name: string;
  /** plain-text label without the unit */
  label: string;
  /** LaTeX label (GetDist `.paramnames`), from {@link latexLabel} */
  latex: string;
  /** unit (`1` dimensionless, `''` unknown) */
  unit: string;
  /** physics parameter or nuisance (foreign chains: every parameter counts as physics) */
  role: 'physics' | 'nuisance';
  /** the sampling prior when the chain's analysis could be loaded */
  prior?: Prior;
}

/** The kept draws of one chain file. */
export interface ExportEnsemble {
  path: string;
  chain: ChainData;
  /** step indices kept, increasing */
  steps: number[];
}

/** Everything the writers need. */
export interface ExportData {
  parameters: ExportParameter[];
  ensembles: ExportEnsemble[];
  /** steps dropped from the start of every file */
  discard: number;
  /** thinning of the kept steps */
  thin: number;
  /** how discard and thin were chosen */
  discardRule: string;
  /** summaries of the pooled kept draws (the numbers `nuem run` prints) */
  summary: EnsembleSummaries;
  /** credible probability of the summary intervals */
  prob: number;
  /** analysis id and model hash (nuem chains), for provenance */
  analysisId?: string;
  modelHash?: string;
  /** code version and commit that wrote the first chain (nuem chains) */
  chainCode?: unknown;
  /** things worth a line on stderr (e.g. the analysis file changed since the chain was written) */
  notes: string[];
}

function tryLoadAnalysis(c: ChainData): { analysis?: LoadedAnalysis; note?: string } {
  const meta = c.meta;
  if (!meta?.analysisId || meta.analysisId.startsWith('builtin:')) return {};
  const file = typeof meta.settings?.['analysisFile'] === 'string' ? (meta.settings['analysisFile'] as string) : undefined;
  for (const ref of [meta.analysisId, ...(file && existsSync(file) ? [file] : [])]) {
    try {
      const analysis = loadAnalysis(ref);
      const hash = modelHash(analysis);
      if (meta.modelHash && meta.modelHash !== hash) {
        return { analysis, note: `the analysis file ${analysis.file} has changed since the chain was written (model hash ${hash.slice(0, 12)}…, chain ${meta.modelHash.slice(0, 12)}…): priors and ranges are those of the current file` };
      }
      return { analysis };
    } catch {
      /* try the next reference */
    }
  }
  return { note: `analysis "${meta.analysisId}" could not be loaded: no priors, so no hard bounds in the summary and "N N" ranges` };
}

function stripUnit(label: string): string {
  const m = /^(.*\S)\s*\[([^\]]*)\]\s*$/.exec(label);
  return m ? m[1]! : label;
}

function parseStep(v: StepChoice | undefined, flag: string, min: number): number | undefined {
  if (v === undefined || v === 'auto') return undefined;
  if (!Number.isInteger(v) || v < min) throw new UserError(flag, `must be "auto" or an integer ≥ ${min}, got "${v}"`, `pass e.g. ${flag} auto or ${flag} ${min === 0 ? 200 : 10}`);
  return v;
}

/**
 * Checks the chains, chooses burn-in and thinning, and summarises the pooled kept draws.
 *
 * @param chains - the chain files read with `readChain` (names already replaced by `--names`)
 * @param opts - paths, `--discard`, `--thin`, `--prob`
 * @returns parameters, kept steps per file, summary and notes
 * @throws UserError when the files disagree (parameters, analysis, model) or are too short
 */
export function exportData(chains: readonly ChainData[], opts: ExportDataOptions): ExportData {
  const first = chains[0];
  if (!first) throw new UserError('nuem export', 'no chain file given', 'pass one or more chain files');
  const paths = opts.paths;
  const prob = opts.prob ?? 0.9;
  for (let i = 1; i < chains.length; i++) {
    const c = chains[i]!;
    if (c.parameterNames.join(',') !== first.parameterNames.join(',')) {
      throw new UserError(paths[i]!, `has parameters ${c.parameterNames.join(', ')}, not ${first.parameterNames.join(', ')} like ${paths[0]}`, 'export chains of the same parameters together (or name them with --names)');
    }
    if ((c.meta?.analysisId ?? null) !== (first.meta?.analysisId ?? null) || (c.meta?.modelHash ?? null) !== (first.meta?.modelHash ?? null)) {
      throw new UserError(paths[i]!, `is a chain of ${c.meta?.analysisId ?? 'another program'} (model ${c.meta?.modelHash?.slice(0, 12) ?? '?'}), ${paths[0]} of ${first.meta?.analysisId ?? 'another program'} (model ${first.meta?.modelHash?.slice(0, 12) ?? '?'})`, 'export the ensembles of one run together, other runs separately');
    }
  }
  const minSteps = Math.min(...chains.map((c) => c.nsteps));
  if (minSteps < 8) throw new UserError(paths[chains.findIndex((c) => c.nsteps === minSteps)]!, `has only ${minSteps} steps`, 'export chains of at least 8 steps');
  const fixedDiscard = parseStep(opts.discard, '--discard', 0);
  const fixedThin = parseStep(opts.thin, '--thin', 1);
  if (fixedDiscard !== undefined && fixedDiscard > minSteps - 4) {
    throw new UserError('--discard', `${fixedDiscard} leaves fewer than 4 of the ${minSteps} steps of the shortest chain`, `pass at most --discard ${minSteps - 4}`);
  }
  if (fixedThin !== undefined && Math.floor((minSteps - (fixedDiscard ?? 0)) / fixedThin) < 4) {
    throw new UserError('--thin', `${fixedThin} keeps fewer than 4 steps of the shortest chain (${minSteps} steps)`, 'pass a smaller --thin (or a smaller --discard)');
  }

  const { analysis, note } = tryLoadAnalysis(first);
  const notes = note ? [note] : [];
  const priors = new Map<string, { prior?: Prior; role: 'physics' | 'nuisance'; label?: string }>();
  if (analysis) {
    for (const p of analysis.physics) priors.set(p.name, { prior: p.prior, role: 'physics', label: p.label });
    const declared = new Map(analysis.spec.parameters.map((p) => [p.name, p.label]));
    for (const n of analysis.nuisances) priors.set(n.name, { ...(n.prior ? { prior: n.prior } : {}), role: 'nuisance', ...(declared.get(n.name) ? { label: declared.get(n.name)! } : {}) });
  }
  const parameters: ExportParameter[] = first.parameterNames.map((name, d) => {
    const a = priors.get(name);
    const unit = first.parameterUnits[d] ?? '';
    const label = stripUnit(first.parameterLabels[d] ?? name);
    return { name, label, latex: latexLabel(name, label, unit), unit, role: a?.role ?? 'physics', ...(a?.prior ? { prior: a.prior } : {}) };
  });

  // τ per file over the whole chain, and the convergence rule as `nuem report` applies it
  const ensembles = chains.map((c) => {
    const D = c.ndim;
    const tau = Array.from(autocorrTime(c.chain, c.nsteps, c.nwalkers, D, { quiet: true }));
    const nPrev = Math.max(8, c.nsteps - 100);
    const tauPrev = autocorrTime(c.chain.subarray(0, nPrev * c.nwalkers * D), nPrev, c.nwalkers, D, { quiet: true });
    const acceptanceFraction = Float64Array.from(c.accepted, (a) => a / Math.max(1, c.nsteps));
    const converged = tau.every(Number.isFinite) && convergenceCheck([tauPrev, tau], c.nsteps).converged;
    return { chain: c.chain, nsteps: c.nsteps, nwalkers: c.nwalkers, ndim: D, tau, acceptanceFraction, converged };
  });
  const sumParams: SummaryParameterInput[] = parameters.map((p) => ({ name: p.name, label: p.label, role: p.role, ...(p.prior ? { prior: p.prior } : {}) }));
  let summary: EnsembleSummaries;
  try {
    summary = summarizeEnsembles(ensembles, sumParams, prob, { ...(fixedDiscard !== undefined ? { burn: fixedDiscard } : {}), ...(fixedThin !== undefined ? { thin: fixedThin } : {}) });
  } catch (e) {
    if (e instanceof RangeError) throw new UserError(paths[0]!, e.message.replace(/^summarizeEnsembles: /, ''), 'export longer chains, or choose --discard/--thin');
    throw e;
  }
  const discard = summary.burn;
  const thin = summary.thin;
  const discardRule = `${fixedDiscard !== undefined ? `--discard ${discard}` : `burn-in ${discard} steps (2·max τ over ${chains.length} file(s), at most half the shortest chain)`}, ${fixedThin !== undefined ? `--thin ${thin}` : `thin ${thin} (⌊min τ / 2⌋)`}`;
  const out: ExportEnsemble[] = chains.map((c, i) => {
    const steps: number[] = [];
    for (let t = discard + thin - 1; t < c.nsteps; t += thin) steps.push(t);
    return { path: paths[i]!, chain: c, steps };
  });
  return {
    parameters,
    ensembles: out,
    discard,
    thin,
    discardRule,
    summary,
    prob,
    ...(first.meta?.analysisId ? { analysisId: first.meta.analysisId } : {}),
    ...(first.meta?.modelHash ? { modelHash: first.meta.modelHash } : {}),
    ...(first.meta?.code !== undefined ? { chainCode: first.meta.code } : {}),
    notes: [...notes, ...summary.notes],
  };
}
