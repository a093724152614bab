/**
 * `type: binned`: bring your own binned data (issue "nuem in the physicist's toolbox"). The
 * signal is nuem's CEvNS / electron-scattering prediction for the file's target, beam and
 * exposure, through the file's detector response (an existing detector block, or a migration
 * matrix from true recoil energy to the analysis bins), on the exact quadratic fast path of
 * `src/forward/`. Expected counts per bin:
 *
 *   μ_i(θ, ν) = (1 + ν_sig) s_i(θ) + b_i (1 + ν_bkg)        (normalisation uncertainty), or
 *   μ_i(θ, ν) = (1 + ν_sig) s_i(θ) + b_i (1 + ν_bkg,i)      (per-bin uncertainty),
 *
 * with ν_sig ~ N(0, σ_sig) (`signal-norm`), ν_bkg ~ N(0, σ_bkg) (`bkg-norm`) or
 * ν_bkg,i ~ N(0, δb_i/b_i) (`bkg-<i>`, i 1-based), and a Poisson or Gaussian statistic in the bins
 * (`src/experimentModel/binnedStatistics.ts`). The gradient in ν is analytic.
 * @module
 */
import { UserError } from '../../cli/userError.js';
import { registerExperimentType, type ExperimentDefinition } from '../../experimentModel/registry.js';
import { devianceWeights, binnedDeviance, drawBinned } from '../../experimentModel/binnedStatistics.js';
import type { BinnedData, ExpectedBreakdown, ExperimentModel, NuisanceDeclaration, Observable } from '../../experimentModel/types.js';
import { experimentSchema } from '../../experiments/experimentSchema.js';
import { resolveExperimentCommon, resolveExperimentFile } from '../../experiments/loadExperiment.js';
import { buildForwardModel } from '../../forward/buildForwardModel.js';
import type { ForwardModel } from '../../forward/forwardModel.js';
import { FLAVORS, type EmParameterName, type Flavor } from '../../physics/parameters.js';
import type { Experiment } from '../../physics/spectrum/experiment.js';
import type { Rng } from '../../random/rng.js';
import { binnedExperimentSchema, type BinnedExperimentFile } from './schema.js';

/** The resolved content of a binned experiment (plain data; hashed into the model hash). */
export interface BinnedConfig {
  /** The physics experiment (target, beam, exposure, response, bins) the signal is computed for. */
  readonly experiment: Experiment;
  /** The analysis observable. */
  readonly observable: Observable;
  /** Statistic of the bins. */
  readonly statistic: 'poisson' | 'gaussian';
  /** The data. */
  readonly data: BinnedData;
  /** 0-based bins in the likelihood. */
  readonly binsUsed: readonly number[];
  /** Background per bin (zeros without a background block). */
  readonly background: Float64Array;
  /** How the background uncertainty enters: none, one normalisation, or one nuisance per bin (the bin indices). */
  readonly backgroundMode: 'none' | 'normalisation' | 'per-bin';
  /** per-bin mode: the 0-based bin of each `bkg-<i>` nuisance, in nuisance order */
  readonly perBinBins: readonly number[];
}

const AXIS_LABEL: Record<string, string> = { PE: 'photoelectrons', keVnr: 'nuclear recoil energy', keVee: 'electron-equivalent energy' };

function loadBinned(f: BinnedExperimentFile, file: string): ExperimentDefinition<BinnedConfig> {
  let experiment: Experiment;
  const dataFiles: string[] = [];
  if (f.response.type === 'detector') {
    // the existing detector blocks, validated with every rule of a detector-response file
    const asFile = { kind: 'experiment', id: f.id, title: f.title, target: f.target, beam: f.beam, channels: f.channels, detector: f.response.detector };
    const r = experimentSchema.safeParse(asFile);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const path = issue.path.map(String);
      const where = path[0] === 'detector' ? ['response', ...path] : path;
      throw new UserError(`${file}: ${where.join('.')}`, issue.message, 'see docs/models.md ("binned" experiments)');
    }
    experiment = resolveExperimentFile(r.data, file);
    dataFiles.push(...experiment.dataFiles);
    // the user's data and background replace whatever the detector block carries
    experiment = { ...experiment, dataFiles: [...experiment.dataFiles], observed: undefined, background: undefined } as unknown as Experiment;
    delete (experiment as { observed?: unknown }).observed;
    delete (experiment as { background?: unknown }).background;
  } else {
    const m = f.response;
    const nTrue = m.trueEdges_keVnr.length - 1;
    const matrix = new Float64Array(m.matrix.length * nTrue);
    m.matrix.forEach((row, i) => row.forEach((v, j) => (matrix[i * nTrue + j] = v)));
    experiment = {
      ...resolveExperimentCommon(f, file),
      unit: m.observable.unit,
      edges: [...m.edges],
      response: { type: 'matrix', trueEdges_keV: [...m.trueEdges_keVnr], matrix },
      timingFactors: { numu: 1, nue: 1, numubar: 1 },
      dataFiles: [],
    };
  }
  const nBins = experiment.edges.length - 1;
  if (f.data.counts.length !== nBins) {
    throw new UserError(`${file}: data.counts`, `${f.data.counts.length} counts for ${nBins} bins of the response`, `give ${nBins} values, one per analysis bin`);
  }
  const observable: Observable =
    f.response.type === 'matrix'
      ? { ...f.response.observable, edges: [...f.response.edges] }
      : { name: experiment.unit, label: AXIS_LABEL[experiment.unit] ?? experiment.unit, unit: experiment.unit, edges: [...experiment.edges] };
  const first = f.data.bins ? f.data.bins.first - 1 : 0;
  const last = f.data.bins ? f.data.bins.last - 1 : nBins - 1;
  const binsUsed = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const data: BinnedData = {
    counts: Float64Array.from(f.data.counts),
    ...(f.data.sigma ? { sigma: Float64Array.from(f.data.sigma) } : {}),
    kind: 'observed',
  };
  const background = f.background ? Float64Array.from(f.background.counts) : new Float64Array(nBins);
  const nuisances: NuisanceDeclaration[] = [];
  const sn = f.signal?.normalisation;
  if (sn) {
    nuisances.push({ name: 'signal-norm', prior: { type: 'normal', mu: 0, sigma: sn.relative }, nominal: 0, width: sn.relative, source: sn.source, label: 'signal normalisation', unit: '', ...(sn.shared ? { shared: sn.shared } : {}) });
  }
  const u = f.background?.uncertainty;
  const perBinBins: number[] = [];
  if (u?.type === 'normalisation') {
    nuisances.push({ name: 'bkg-norm', prior: { type: 'normal', mu: 0, sigma: u.relative }, nominal: 0, width: u.relative, source: u.source, label: 'background normalisation', unit: '', ...(u.shared ? { shared: u.shared } : {}) });
  } else if (u?.type === 'per-bin') {
    u.absolute.forEach((a, i) => {
      const b = background[i]!;
      if (!(a > 0 && b > 0) || !binsUsed.includes(i)) return;
      perBinBins.push(i);
      nuisances.push({ name: `bkg-${i + 1}`, prior: { type: 'normal', mu: 0, sigma: a / b }, nominal: 0, width: a / b, source: u.source, label: `background bin ${i + 1}`, unit: '' });
    });
  }
  return {
    type: 'binned',
    id: f.id,
    title: f.title,
    file,
    dataFiles,
    nuisances,
    config: { experiment, observable, statistic: f.data.statistic, data, binsUsed, background, backgroundMode: u?.type ?? 'none', perBinBins },
  };
}

class BinnedModel implements ExperimentModel {
  readonly type = 'binned';
  readonly id: string;
  readonly title: string;
  readonly observables: readonly Observable[];
  readonly nBins: number;
  readonly binsUsed: readonly number[];
  readonly statistic: 'poisson' | 'gaussian';
  readonly physicsNames: readonly EmParameterName[];
  readonly nuisances: readonly NuisanceDeclaration[];
  readonly data: BinnedData;
  private readonly s: Float64Array;
  private readonly mu: Float64Array;
  private readonly w: Float64Array;
  private readonly iSig: number;
  private readonly iBkg: number;
  private readonly iBin: Int32Array; // per bin: nuisance index of bkg-<i>, or −1

  constructor(
    private readonly def: ExperimentDefinition<BinnedConfig>,
    private readonly fm: ForwardModel,
    data: BinnedData,
  ) {
    const c = def.config;
    this.id = def.id;
    this.title = def.title;
    this.observables = [c.observable];
    this.nBins = c.experiment.edges.length - 1;
    this.binsUsed = c.binsUsed;
    this.statistic = c.statistic;
    this.physicsNames = fm.paramNames;
    this.nuisances = def.nuisances;
    this.data = data;
    this.s = new Float64Array(this.nBins);
    this.mu = new Float64Array(this.nBins);
    this.w = new Float64Array(this.nBins);
    this.iSig = def.nuisances.findIndex((n) => n.name === 'signal-norm');
    this.iBkg = c.backgroundMode === 'normalisation' ? def.nuisances.findIndex((n) => n.name === 'bkg-norm') : -1;
    this.iBin = new Int32Array(this.nBins).fill(-1);
    c.perBinBins.forEach((bin) => (this.iBin[bin] = def.nuisances.findIndex((n) => n.name === `bkg-${bin + 1}`)));
  }

  /** μ into `out` (and s(θ) into this.s). */
  expected(theta: ArrayLike<number>, nu: ArrayLike<number>, out: Float64Array): void {
    this.fm.evaluate(theta, this.s);
    const fs = 1 + (this.iSig >= 0 ? nu[this.iSig]! : 0);
    const fb = 1 + (this.iBkg >= 0 ? nu[this.iBkg]! : 0);
    const b = this.def.config.background;
    for (let i = 0; i < this.nBins; i++) {
      const k = this.iBin[i]!;
      out[i] = fs * this.s[i]! + b[i]! * (k >= 0 ? 1 + nu[k]! : fb);
    }
  }

  expectedParts(theta: ArrayLike<number>, nu: ArrayLike<number>): ExpectedBreakdown {
    const total = new Float64Array(this.nBins);
    this.expected(theta, nu, total);
    const fs = 1 + (this.iSig >= 0 ? nu[this.iSig]! : 0);
    const byFlavor = Object.fromEntries(FLAVORS.map((f) => [f, new Float64Array(this.nBins)])) as Record<Flavor, Float64Array>;
    this.fm.evaluateParts(theta, { byFlavor, byChannel: { cevns: new Float64Array(this.nBins), electron: new Float64Array(this.nBins) } });
    const bkg = Float64Array.from(total, (t, i) => t - fs * this.s[i]!);
    return {
      total,
      components: [
        ...FLAVORS.map((f) => ({ name: f, kind: 'signal' as const, flavor: f, counts: byFlavor[f].map((v) => fs * v) })),
        { name: 'background', kind: 'background' as const, counts: bkg },
      ],
    };
  }

  logLikelihood(theta: ArrayLike<number>, nu: ArrayLike<number>): number {
    this.expected(theta, nu, this.mu);
    const d = binnedDeviance(this.statistic, this.data, this.mu, this.binsUsed);
    return Number.isFinite(d) ? -0.5 * d : -Infinity;
  }

  logLikelihoodGradient(theta: ArrayLike<number>, nu: ArrayLike<number>, grad: Float64Array): number {
    const ll = this.logLikelihood(theta, nu);
    grad.fill(0, 0, this.nuisances.length);
    if (!Number.isFinite(ll)) return ll;
    devianceWeights(this.statistic, this.data, this.mu, this.binsUsed, this.w);
    const b = this.def.config.background;
    for (const i of this.binsUsed) {
      const w = -0.5 * this.w[i]!;
      if (this.iSig >= 0) grad[this.iSig]! += w * this.s[i]!;
      const k = this.iBin[i]!;
      if (k >= 0) grad[k]! += w * b[i]!;
      else if (this.iBkg >= 0) grad[this.iBkg]! += w * b[i]!;
    }
    return ll;
  }

  generate(theta: ArrayLike<number>, nu: ArrayLike<number>, rng: Rng): BinnedData {
    const mu = new Float64Array(this.nBins);
    this.expected(theta, nu, mu);
    return drawBinned(this.statistic, mu, this.data, rng);
  }

  withData(data: BinnedData): ExperimentModel {
    if (data.counts.length !== this.nBins) throw new RangeError(`data have ${data.counts.length} bins, experiment ${this.id} has ${this.nBins}`);
    if (this.statistic === 'gaussian' && !data.sigma) throw new Error(`experiment ${this.id} (gaussian) needs data.sigma`);
    return new BinnedModel(this.def, this.fm, data);
  }
}

registerExperimentType<BinnedExperimentFile, BinnedConfig>({
  type: 'binned',
  description: "your own binned counts with nuem's signal prediction (detector block or migration matrix), a background with its uncertainty, Poisson or Gaussian",
  schema: binnedExperimentSchema,
  load: (f, ctx) => loadBinned(f, ctx.file),
  build: (def, ctx) => new BinnedModel(def, buildForwardModel(def.config.experiment, ctx.physicsNames, ctx.fixed), def.config.data),
});
