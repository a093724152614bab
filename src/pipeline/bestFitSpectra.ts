/**
 * Expected against observed counts per bin for every experiment of an analysis, at the best fit:
 * best-fit total (1 + α̂)·s(θ̂) + (1 + β̂)·B with the nuisances profiled at θ̂ (Khan
 * arXiv:2201.10578 eq. 7), the θ = 0 expectation s(0) + B, and the data (observed counts and σ, or
 * the Asimov data with σ = √N for the Asimov likelihoods, ESS arXiv:2409.10652 eq. 15–16). Each
 * spectrum carries its legend labels (`dataLabel`: observed or Asimov; `expectedLabel`: θ = 0).
 * @module
 */
import type { LoadedAnalysis } from '../experiments/loadAnalysis.js';
import type { AnalysisLikelihood } from '../likelihood/buildAnalysisLikelihood.js';
import type { SpectrumData } from '../plots/types.js';

/** One experiment's spectrum at the best fit, with the profiled nuisances. */
export interface BestFitSpectrum extends SpectrumData {
  /** experiment id */
  experiment: string;
  /** profiled signal scale α̂ */
  alpha: number;
  /** profiled background scale β̂ */
  beta: number;
  /** χ² of this experiment at the best fit (data + pulls) */
  chi2: number;
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
  const asimovPoint = ('asimov' in lk ? lk.asimov : undefined) ?? {};
  const fixed = analysis.spec.fixed;
  return lik.terms.map((term, k) => {
    const exp = term.experiment;
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
    return {
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
    };
  });
}
