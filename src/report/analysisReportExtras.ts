/**
 * Profiles and spectra for a report made from stored chains (`nuem report`): the chain stores
 * only draws, so the analysis named in its metadata is loaded again and, with the fast forward
 * model, the 1-D profile likelihood of every physics parameter (and the 2-D contour when there are
 * exactly two) and the best-fit spectrum against the observed (or Asimov) data are recomputed.
 * Methods: `profileAnalysis1D/2D` (Wilks thresholds, PDG Statistics review §40.4.2.2) and
 * `bestFitSpectra` (Khan arXiv:2201.10578 eq. 7; ESS arXiv:2409.10652 eq. 15–16).
 */
import { existsSync } from 'node:fs';
import { loadAnalysis, type LoadedAnalysis } from '../experiments/loadAnalysis.js';
import { modelHash } from '../experiments/modelHash.js';
import { buildAnalysisLikelihood } from '../likelihood/buildAnalysisLikelihood.js';
import { forwardModelPrediction } from '../likelihood/forwardModelPrediction.js';
import { interestSignalEvents, profileAnalysis1D, profileAnalysis2D, profileInterest1D } from '../profile/profileAnalysis.js';
import { bestFitSpectra } from '../pipeline/bestFitSpectra.js';
import type { ChainMetadata } from '../sampler/backends/backend.js';
import type { PlotParameter, SpectrumData } from '../plots/types.js';
import { reportProfiles } from './reportProfiles.js';
import type { PublishedValue, ReportDerived, ReportPrior, ReportProfile1D, ReportProfile2D } from './types.js';
import { emParameterUnit, labelWithUnit, standardModelPoint } from './parameterDisplay.js';
import { reportPrior } from './priorTable.js';

/** Options of {@link analysisReportExtras}. */
export interface AnalysisExtrasOptions {
  /** skip profiles and spectra (only labels, title and published values) */
  noProfile?: boolean;
  /** 1-D scan nodes (default: the analysis' profile.points) */
  points?: number;
  /** 2-D coarse nodes per axis (default: profile.nx/ny) */
  grid?: number;
  /** 2-D refinement depth (default: profile.refine) */
  refine?: number;
}

/** What the analysis adds to a chain report. */
export interface AnalysisReportExtras {
  /** the analysis was found and loaded */
  found: boolean;
  /** the chain names an analysis file that could not be loaded (worth a line on stderr) */
  missing: boolean;
  /** title of the analysis */
  title?: string;
  /** description of the analysis */
  description?: string;
  /** display labels (with units) by parameter name */
  labels: Map<string, Omit<PlotParameter, 'name'>>;
  /** published intervals */
  published?: PublishedValue[];
  /** profile likelihoods */
  profiles?: { oneD: ReportProfile1D[]; twoD?: ReportProfile2D[] };
  /** best-fit spectra per experiment */
  spectra?: SpectrumData[];
  /** plain-text notes for the report (e.g. why profiles are missing) */
  notes: string[];
  /** priors of the sampled parameters */
  priors?: ReportPrior[];
  /** Standard-Model values of the physics parameters */
  standardModel?: Record<string, number>;
  /** corner-plot contour levels chosen in the analysis file (`report.levels`) */
  levels?: readonly number[];
  /** SM fits: the nuisance of interest */
  interest?: { parameter: string };
  /** SM fits: the fitted signal events at the profile best fit and interval ends */
  derived?: ReportDerived[];
}

/**
 * Splits a label like `q_ee [e]` into the name part and its unit.
 *
 * @param label - label, optionally ending in `[unit]`
 * @returns label without the unit, and the unit (undefined when none)
 */
export function splitUnit(label: string): { label: string; unit?: string } {
  const m = /^(.*\S)\s*\[([^\]]*)\]\s*$/.exec(label);
  return m ? { label: m[1]!, unit: m[2]! } : { label };
}

function tryLoad(meta: ChainMetadata): { analysis?: LoadedAnalysis; tried: string[]; error?: string } {
  const tried: string[] = [];
  const file = typeof meta.settings?.['analysisFile'] === 'string' ? (meta.settings['analysisFile'] as string) : undefined;
  const refs = [meta.analysisId, ...(file && existsSync(file) ? [file] : [])];
  let error: string | undefined;
  for (const ref of refs) {
    tried.push(ref);
    try {
      return { analysis: loadAnalysis(ref), tried };
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
  }
  return { tried, error };
}

/**
 * Loads the chain's analysis and computes what a report needs beyond the draws.
 *
 * @param meta - chain metadata (analysis id, model hash, settings.analysisFile)
 * @param opts - grid sizes, or `noProfile` to skip the computation
 * @returns labels, published values, profiles, spectra and notes; `found: false` with a note when
 *   the analysis cannot be loaded (built-in targets, foreign chains, moved files)
 */
export function analysisReportExtras(meta: ChainMetadata | null, opts: AnalysisExtrasOptions = {}): AnalysisReportExtras {
  const out: AnalysisReportExtras = { found: false, missing: false, labels: new Map(), notes: [] };
  if (!meta?.analysisId) {
    out.notes.push('the chain names no analysis, so profile likelihoods and spectra are not shown');
    return out;
  }
  if (meta.analysisId.startsWith('builtin:')) {
    out.notes.push(`the chain samples the built-in target ${meta.analysisId}, which has no analysis file: profile likelihoods and spectra are not shown`);
    return out;
  }
  const { analysis, tried, error } = tryLoad(meta);
  if (!analysis) {
    out.missing = true;
    out.notes.push(`analysis "${meta.analysisId}" could not be loaded (tried ${tried.join(', ')}: ${error ?? 'not found'}), so profile likelihoods and spectra are not shown`);
    return out;
  }
  out.found = true;
  out.title = analysis.title;
  out.description = analysis.spec.description;
  // units from the label, else the EM parameter's or the nuisance's declared unit
  for (const p of analysis.physics) out.labels.set(p.name, { ...labelWithUnit(p.label, emParameterUnit(p.name)), ...(p.scan?.scale === 'log' ? { scale: 'log' as const } : {}) });
  for (const n of analysis.nuisances) if (!out.labels.has(n.name)) out.labels.set(n.name, labelWithUnit(n.label ?? n.name, n.unit));
  for (const p of analysis.spec.parameters) if (!out.labels.has(p.name)) out.labels.set(p.name, splitUnit(p.label ?? p.name));
  out.standardModel = standardModelPoint(analysis.physics.map((p) => p.name));
  out.priors = [
    ...analysis.physics.map((p) => reportPrior(p.name, 'physics', p.prior, `analysis file ${analysis.id}`)),
    ...analysis.nuisances.filter((n) => n.prior).map((n) => reportPrior(n.name, 'nuisance', n.prior!, n.source)),
  ];
  if (analysis.spec.report?.levels) out.levels = analysis.spec.report.levels;
  out.published = analysis.spec.published.map((p) => ({ parameter: p.parameter, lo: p.interval[0], hi: p.interval[1], cl: p.cl, source: p.source }));
  const hash = modelHash(analysis);
  if (meta.modelHash && meta.modelHash !== hash) {
    out.notes.push(`the analysis file ${analysis.file} has changed since the chain was written (model hash ${hash}, chain ${meta.modelHash}): profiles and spectra are of the current file`);
  }
  if (opts.noProfile) {
    out.notes.push('profile likelihoods and spectra were skipped (--no-profile)');
    return out;
  }
  const lik = buildAnalysisLikelihood(analysis, forwardModelPrediction);
  const names: string[] = analysis.physics.map((p) => p.name);
  const oneD = names.map((n) => profileAnalysis1D(lik, analysis, n, opts.points ? { points: opts.points } : {}));
  const twoD =
    names.length === 2
      ? profileAnalysis2D(lik, analysis, [names[0]!, names[1]!], { ...(opts.grid ? { nx: opts.grid, ny: opts.grid } : {}), ...(opts.refine !== undefined ? { refine: opts.refine } : {}) })
      : undefined;
  if (analysis.interest) {
    // an SM fit: the nuisance of interest, profiled with every other nuisance minimised
    const ip = profileInterest1D(lik, analysis, opts.points ? { points: opts.points } : {});
    oneD.push(ip);
    names.push(analysis.interest.name);
    out.interest = { parameter: analysis.interest.name };
    const at = (x: number): number[] => interestSignalEvents(lik, analysis, x).map((e) => e.events);
    const best = at(ip.best.x);
    const ends = ip.intervals.map((iv) => ({ lo: at(iv.lo), hi: at(iv.hi) }));
    out.derived = lik.combined.models.map((m, k) => ({
      quantity: `fitted signal (CEvNS) events, ${m.id}`,
      unit: 'events',
      profile: { best: best[k]!, intervals: ends.map((e) => ({ lo: e.lo[k]!, hi: e.hi[k]!, cl: ip.cl })) },
      note: `expected signal in the bins of the likelihood, with ${analysis.interest!.name} at its best fit / interval ends and every other nuisance profiled`,
    }));
  }
  out.profiles = reportProfiles(names, oneD, twoD);
  if (twoD?.touchesBoundary) out.notes.push(`the ${Math.round(100 * twoD.cl)}% CL profile contour reaches the scan boundary and is cut there`);
  // best fit: the 2-D minimum with two parameters, otherwise the 1-D minima (exact for one parameter)
  const theta = twoD ? [twoD.best.x, twoD.best.y] : oneD.slice(0, analysis.physics.length).map((r) => r.best.x);
  out.spectra = bestFitSpectra(analysis, lik, theta).map((sp) => ({
    ...sp,
    dataLabel: /Asimov/.test(sp.title ?? '') ? 'Asimov data (±√N)' : 'observed (±1σ)',
    expectedLabel: 'expected without EM effect (θ = 0)',
  }));
  return out;
}
