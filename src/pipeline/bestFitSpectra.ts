/**
 * Expected against observed counts per bin for every experiment of an analysis, at the best fit:
 * best-fit total (1 + α̂)·s(θ̂) + (1 + β̂)·B with the nuisances profiled at θ̂ (Khan
 * arXiv:2201.10578 eq. 7), the θ = 0 expectation s(0) + B, and the data (observed counts and σ, or
 * the Asimov data with σ = √N for the Asimov likelihoods, ESS arXiv:2409.10652 eq. 15–16). Each
 * spectrum carries its legend labels (`dataLabel`: observed or Asimov; `expectedLabel`: θ = 0).
 * @module
 */
import type { LoadedAnalysis } from '../experiments/loadAnalysis.js';
import type { AnalysisLikelihood, ExperimentFit } from '../likelihood/buildAnalysisLikelihood.js';
import { projectOnto, type ExperimentModel } from '../experimentModel/types.js';
import type { SpectrumData } from '../plots/types.js';

/** One experiment's spectrum (or one projection of it) at the best fit, with the profiled nuisances. */
export interface BestFitSpectrum extends SpectrumData {
  /** experiment id */
  experiment: string;
  /** profiled signal scale α̂ (0 for experiments without one) */
  alpha: number;
  /** profiled background scale β̂ (0 for experiments without one) */
  beta: number;
  /** χ² of this experiment at the best fit (data + pulls) */
  chi2: number;
  /** the observable this spectrum is projected on (multi-observable experiments: one spectrum per observable) */
  observable?: string;
  /** the experiment's profiled nuisances at the best fit, by its own names */
  nuisances?: Record<string, number>;
}

const UNIT_LABEL: Record<string, string> = { PE: 'photoelectrons', keVnr: 'nuclear recoil energy', keVee: 'electron-equivalent energy' };

/**
 * @param analysis - loaded analysis
 * @param lik - its likelihood
 * @param theta - best-fit physics parameters, in `lik.physicsNames` order
 * @returns one spectrum per experiment
 */
export function bestFitSpectra(analysis: LoadedAnalysis, lik: AnalysisLikelihood, theta: readonly number[]): BestFitSpectrum[] {
  const details = lik.profiledChi2Details(theta);
  const lk = analysis.spec.likelihood;
  const asimovPoint = (lk && 'asimov' in lk ? lk.asimov : undefined) ?? {};
  const fixed = analysis.spec.fixed;
  return lik.terms.flatMap((term, k) => {
    const exp = term.experiment;
    if (!exp || !term.prediction || !lk) return projectedSpectra(term.model, theta, details.perExperiment[k]!);
    const nBins = exp.edges.length - 1;
    const bkg = term.prediction.background ?? new Float64Array(nBins);
    const s = lik.signal(k, theta);
    const s0 = lik.signal(k, lik.physicsNames.map(() => 0));
    const p = details.perExperiment[k]!;
    const bestFit = Float64Array.from(s, (v, i) => (1 + p.alpha) * v + (1 + p.beta) * bkg[i]!);
    const expected = Float64Array.from(s0, (v, i) => v + bkg[i]!);
    let observed: Float64Array;
    let sigma: Float64Array;
    let dataLabel: string;
    if (exp.observed && (lk.type === 'khan-chi2' || lk.type === 'poisson')) {
      observed = Float64Array.from(exp.observed.counts);
      sigma = lk.type === 'khan-chi2' ? Float64Array.from(exp.observed.sigma) : Float64Array.from(observed, (v) => Math.sqrt(Math.max(v, 1)));
      dataLabel = 'observed';
    } else {
      const theta0 = lik.physicsNames.map((n) => (asimovPoint as Record<string, number>)[n] ?? (fixed as Record<string, number>)[n] ?? 0);
      const sa = lik.signal(k, theta0);
      observed = Float64Array.from(sa, (v, i) => v + bkg[i]!);
      sigma = Float64Array.from(observed, (v) => Math.sqrt(Math.max(v, 0)));
      dataLabel = 'Asimov data';
    }
    return [{
      experiment: exp.id,
      alpha: p.alpha,
      beta: p.beta,
      chi2: p.chi2,
      edges: exp.edges,
      observed,
      sigma,
      expected,
      background: Float64Array.from(bkg, (v) => (1 + p.beta) * v),
      bestFit,
      xLabel: UNIT_LABEL[exp.unit] ?? exp.unit,
      xUnit: exp.unit,
      title: `${exp.title}: ${dataLabel}, best fit (α̂ = ${p.alpha.toFixed(3)}, β̂ = ${p.beta.toFixed(3)}) and θ = 0`,
      // legend entries: which data, and what the θ = 0 curve is
      dataLabel: dataLabel === 'observed' ? 'observed (±1σ)' : 'Asimov data (±√N)',
      expectedLabel: 'expected without EM effect (θ = 0)',
    }];
  });
}

/**
 * Data against the best fit of any experiment, projected on each of its observables: the
 * expectation at (θ̂, ν̂) summed over the other observables, the θ = 0 expectation at the nominal
 * nuisances, the background parts at ν̂, and the data with statistical errors (Poisson: √n per
 * bin, √(Σn) for a projection, with 1 for empty bins; Gaussian: the data σ added in quadrature).
 * Only bins that enter the likelihood are shown.
 * @param model - the experiment
 * @param theta - best-fit EM parameters
 * @param fit - the experiment's profiled fit at θ̂
 * @returns one spectrum per observable
 */
export function projectedSpectra(model: ExperimentModel, theta: readonly number[], fit: ExperimentFit): BestFitSpectrum[] {
  const used = new Uint8Array(model.nBins);
  for (const i of model.binsUsed) used[i] = 1;
  const mask = (v: ArrayLike<number>): Float64Array => Float64Array.from({ length: model.nBins }, (_, i) => (used[i] ? v[i]! : 0));
  const best = model.expectedParts(theta, fit.nu);
  const nominalNu = model.nuisances.map((n) => n.nominal);
  const zero = model.expectedParts(theta.map(() => 0), nominalNu);
  const bkg = new Float64Array(model.nBins);
  for (const c of best.components) if (c.kind === 'background') for (let i = 0; i < model.nBins; i++) bkg[i]! += c.counts[i]!;
  const variance = Float64Array.from(model.data.counts, (n, i) => (model.statistic === 'gaussian' ? model.data.sigma![i]! ** 2 : Math.max(n, 0)));
  const nuisances = Object.fromEntries(model.nuisances.map((n, j) => [n.name, fit.nu[j]!]));
  const pulls = model.nuisances.map((n, j) => `${n.name} = ${formatValue(fit.nu[j]!)}`).join(', ');
  const dataLabel = model.data.kind === 'asimov' ? 'Asimov data (±√N)' : model.data.kind === 'pseudo' ? 'pseudo-data (±1σ)' : 'observed (±1σ stat.)';
  return model.observables.map((o, axis) => {
    const observed = projectOnto(model.observables, mask(model.data.counts), axis);
    const v = projectOnto(model.observables, mask(variance), axis);
    return {
      experiment: model.id,
      alpha: fit.alpha,
      beta: fit.beta,
      chi2: fit.chi2,
      observable: o.name,
      nuisances,
      edges: o.edges,
      observed,
      sigma: v.map((x) => Math.sqrt(model.statistic === 'gaussian' ? x : Math.max(x, 1))),
      expected: projectOnto(model.observables, mask(zero.total), axis),
      background: projectOnto(model.observables, mask(bkg), axis),
      bestFit: projectOnto(model.observables, mask(best.total), axis),
      xLabel: o.label,
      xUnit: o.unit,
      title: `${model.title}: ${model.data.kind === 'asimov' ? 'Asimov data' : 'data'} projected on ${o.label}, best fit${pulls ? ` (${pulls})` : ''} and θ = 0`,
      dataLabel,
      expectedLabel: 'expected without EM effect (θ = 0, nominal nuisances)',
    };
  });
}

function formatValue(v: number): string {
  return Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toFixed(3) : v.toExponential(2);
}
