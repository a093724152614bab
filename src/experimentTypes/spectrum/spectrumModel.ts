/**
 * The energy-only likelihoods of a detector-response ("spectrum") experiment behind the experiment
 * interface, one sibling per analysis `likelihood.type`:
 * - `khan-chi2`: Gaussian χ² on N_obs = C − AC with σ = √(C + AC) and B = BRN + NIN (Khan,
 *   arXiv:2201.10578 eq. 7);
 * - `asimov-chi2`: Gaussian χ² on Asimov data N_exp = s(θ_A) + B with σ² = N_exp (ESS,
 *   arXiv:2409.10652 eq. 15–16; bins with N_exp ≤ 0 are dropped);
 * - `asimov-poisson`: Poisson deviance on the same Asimov data;
 * - `poisson`: Poisson deviance on the observed counts.
 * All four predict μ_i = (1 + α) s_i(θ) + (1 + β) B_i with the signal scale α and background scale
 * β as the experiment's nuisances (a nuisance of width 0 is pinned at 0 and not declared). The
 * arithmetic is that of `src/likelihood/makeChi2.ts` (the same objects are used), so results are
 * bit-identical to the pre-interface code; the profile over (α, β) keeps its exact solution
 * (2 × 2 normal equations for the Gaussian form, convex damped Newton for the Poisson form).
 * @module
 */
import type { EmParameterName, Flavor } from '../../physics/parameters.js';
import type { Experiment } from '../../physics/spectrum/experiment.js';
import { FLAVORS } from '../../physics/parameters.js';
import type { LikelihoodForm, BinnedLikelihoodSpec } from '../../likelihood/binnedLikelihoodSpec.js';
import { makeChi2, type BinnedChi2 } from '../../likelihood/makeChi2.js';
import type { ExperimentPrediction } from '../../likelihood/buildAnalysisLikelihood.js';
import type { Rng } from '../../random/rng.js';
import { devianceWeights, drawBinned } from '../../experimentModel/binnedStatistics.js';
import type { BinnedData, ExpectedBreakdown, ExpectedComponent, ExperimentModel, NuisanceDeclaration, NuisanceProfile, Observable } from '../../experimentModel/types.js';

/** The analysis likelihood types served by spectrum experiments. */
export type SpectrumLikelihoodType = 'khan-chi2' | 'asimov-chi2' | 'asimov-poisson' | 'poisson';

const AXIS_LABEL: Record<string, string> = { PE: 'photoelectrons', keVnr: 'nuclear recoil energy', keVee: 'electron-equivalent energy' };

/** Everything {@link spectrumModel} needs. */
export interface SpectrumModelInput {
  /** The analysis likelihood type. */
  readonly type: SpectrumLikelihoodType;
  /** The experiment (edges, unit, title). */
  readonly experiment: Experiment;
  /** Its signal model and background. */
  readonly prediction: ExperimentPrediction;
  /** The data χ² (form, data, background, bins and the α, β widths). */
  readonly spec: BinnedLikelihoodSpec;
  /** Declarations of the free nuisances among α (local name `alpha`) and β (`beta`), in that order. */
  readonly nuisances: readonly NuisanceDeclaration[];
}

class SpectrumModel implements ExperimentModel {
  readonly id: string;
  readonly type: SpectrumLikelihoodType;
  readonly title: string;
  readonly observables: readonly Observable[];
  readonly nBins: number;
  readonly binsUsed: readonly number[];
  readonly statistic: LikelihoodForm;
  readonly physicsNames: readonly EmParameterName[];
  readonly nuisances: readonly NuisanceDeclaration[];
  readonly data: BinnedData;
  /** The χ² object of the pre-interface code (exposed for the legacy `AnalysisTerm.chi2`). */
  readonly chi2: BinnedChi2;
  /** The signal model and background (exposed for the legacy `AnalysisTerm.prediction`). */
  readonly prediction: ExperimentPrediction;
  private readonly input: SpectrumModelInput;
  private readonly background: Float64Array;
  private readonly ia: number;
  private readonly ib: number;
  private readonly s: Float64Array;
  private readonly w: Float64Array;

  constructor(input: SpectrumModelInput) {
    const { experiment: exp, prediction, spec } = input;
    this.input = input;
    this.id = exp.id;
    this.type = input.type;
    this.title = exp.title;
    this.observables = [{ name: exp.unit, label: AXIS_LABEL[exp.unit] ?? exp.unit, unit: exp.unit, edges: exp.edges }];
    this.nBins = prediction.signal.nBins;
    this.binsUsed = spec.bins;
    this.statistic = spec.form;
    this.physicsNames = prediction.signal.paramNames;
    this.nuisances = input.nuisances;
    this.chi2 = makeChi2(spec);
    this.prediction = prediction;
    this.background = spec.background;
    this.ia = input.nuisances.findIndex((n) => n.name === 'alpha');
    this.ib = input.nuisances.findIndex((n) => n.name === 'beta');
    const kind = input.type === 'khan-chi2' || input.type === 'poisson' ? 'observed' : 'asimov';
    this.data = { counts: spec.observed, ...(spec.sigma ? { sigma: spec.sigma } : {}), kind };
    this.s = new Float64Array(this.nBins);
    this.w = new Float64Array(this.nBins);
  }

  private alpha(nu: ArrayLike<number>): number {
    return this.ia >= 0 ? nu[this.ia]! : 0;
  }
  private beta(nu: ArrayLike<number>): number {
    return this.ib >= 0 ? nu[this.ib]! : 0;
  }

  expected(theta: ArrayLike<number>, nu: ArrayLike<number>, out: Float64Array): void {
    const s = this.s;
    this.prediction.signal.evaluate(theta, s);
    const a = this.alpha(nu);
    const b = this.beta(nu);
    for (let i = 0; i < this.nBins; i++) out[i] = (1 + a) * s[i]! + (1 + b) * this.background[i]!;
  }

  expectedParts(theta: ArrayLike<number>, nu: ArrayLike<number>): ExpectedBreakdown {
    const a = this.alpha(nu);
    const b = this.beta(nu);
    const total = new Float64Array(this.nBins);
    this.expected(theta, nu, total);
    const components: ExpectedComponent[] = [];
    const signal = this.prediction.signal as { evaluateParts?: (t: ArrayLike<number>, o: { byFlavor: Record<Flavor, Float64Array>; byChannel: Record<string, Float64Array> }) => void };
    if (typeof signal.evaluateParts === 'function') {
      const byFlavor = Object.fromEntries(FLAVORS.map((f) => [f, new Float64Array(this.nBins)])) as Record<Flavor, Float64Array>;
      const byChannel = { cevns: new Float64Array(this.nBins), electron: new Float64Array(this.nBins) };
      signal.evaluateParts(theta, { byFlavor, byChannel });
      for (const f of FLAVORS) components.push({ name: f, kind: 'signal', flavor: f, counts: byFlavor[f].map((v) => (1 + a) * v) });
    } else {
      const s = new Float64Array(this.nBins);
      this.prediction.signal.evaluate(theta, s);
      components.push({ name: 'signal', kind: 'signal', counts: s.map((v) => (1 + a) * v) });
    }
    const bkg = this.prediction.background;
    if (bkg) {
      const parts = this.input.experiment.background?.type === 'fixed' ? this.input.experiment.background.components : undefined;
      const names = parts ? Object.keys(parts) : [];
      if (names.length > 0) for (const n of names) components.push({ name: n, kind: 'background', counts: parts![n]!.map((v) => (1 + b) * v) });
      else components.push({ name: 'background', kind: 'background', counts: bkg.map((v) => (1 + b) * v) });
    }
    return { total, components };
  }

  logLikelihood(theta: ArrayLike<number>, nu: ArrayLike<number>): number {
    const s = this.s;
    this.prediction.signal.evaluate(theta, s);
    return this.chi2.logLikelihood(s, this.alpha(nu), this.beta(nu));
  }

  logLikelihoodGradient(theta: ArrayLike<number>, nu: ArrayLike<number>, grad: Float64Array): number {
    const s = this.s;
    this.prediction.signal.evaluate(theta, s);
    const a = this.alpha(nu);
    const b = this.beta(nu);
    const ll = this.chi2.logLikelihood(s, a, b);
    const mu = new Float64Array(this.nBins);
    for (let i = 0; i < this.nBins; i++) mu[i] = (1 + a) * s[i]! + (1 + b) * this.background[i]!;
    devianceWeights(this.statistic, this.data, mu, this.binsUsed, this.w);
    let ga = 0;
    let gb = 0;
    for (const i of this.binsUsed) {
      ga += this.w[i]! * s[i]!;
      gb += this.w[i]! * this.background[i]!;
    }
    if (this.ia >= 0) grad[this.ia] = -0.5 * ga;
    if (this.ib >= 0) grad[this.ib] = -0.5 * gb;
    return ll;
  }

  profileNuisances(theta: ArrayLike<number>): NuisanceProfile {
    const s = this.s;
    this.prediction.signal.evaluate(theta, s);
    const p = this.chi2.profileNuisances(s);
    const nu = new Float64Array(this.nuisances.length);
    if (this.ia >= 0) nu[this.ia] = p.alpha;
    if (this.ib >= 0) nu[this.ib] = p.beta;
    return { chi2: p.chi2, dataChi2: p.dataChi2, nu };
  }

  generate(theta: ArrayLike<number>, nu: ArrayLike<number>, rng: Rng): BinnedData {
    const mu = new Float64Array(this.nBins);
    this.expected(theta, nu, mu);
    return drawBinned(this.statistic, mu, this.data, rng);
  }

  withData(data: BinnedData): ExperimentModel {
    if (data.counts.length !== this.nBins) throw new RangeError(`data have ${data.counts.length} bins, experiment ${this.id} has ${this.nBins}`);
    if (this.statistic === 'gaussian' && !data.sigma) throw new Error(`experiment ${this.id} (${this.type}) needs data.sigma`);
    const spec: BinnedLikelihoodSpec = Object.freeze({ ...this.input.spec, observed: data.counts, ...(this.statistic === 'gaussian' ? { sigma: data.sigma! } : {}) });
    const m = new SpectrumModel({ ...this.input, spec });
    (m as { data: BinnedData }).data = data;
    return m;
  }
}

/**
 * Builds a spectrum experiment's model for one of the four analysis likelihood types.
 * @param input - experiment, prediction, data χ² spec and the free nuisances' declarations
 * @returns the model (also exposing the legacy `chi2` and `prediction`)
 */
export function spectrumModel(input: SpectrumModelInput): ExperimentModel & { readonly chi2: BinnedChi2; readonly prediction: ExperimentPrediction } {
  const names = input.nuisances.map((n) => n.name);
  if (names.some((n) => n !== 'alpha' && n !== 'beta') || new Set(names).size !== names.length) {
    throw new Error(`spectrum experiments own only the nuisances alpha and beta (got ${names.join(', ')})`);
  }
  return new SpectrumModel(input);
}
