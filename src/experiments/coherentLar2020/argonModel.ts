/**
 * The COHERENT CENNS-10 argon experiment (2020 release, "Analysis A"): expected events in the
 * 12 × 8 × 10 bins of reconstructed energy × F90 × t_trig and the Poisson likelihood of the
 * released on-beam data (arXiv:2006.12659; models/data/coherent-lar-2020).
 *
 *   μ_b(θ, ν) = CEvNS_b(θ, ν) + N_BRN·[B_b + Σ_s Δ_s,b(α_s)]₊ + N_del·D_b + N_SS·S_b
 *
 * - CEvNS (computed by nuem, companion §5): per energy bin i and flavour group the counts
 *   s_i^prompt, s_i^delayed of `argonSignal.ts` (any EM parameters; QF nuisances a, b), then the
 *   F90 distribution of that energy bin from the released CEvNS PDF, F_ik = Σ_t C_ikt / Σ_kt C_ikt
 *   (energy bins ≥ 60 keVee, where the released PDF is empty and the SM signal is < 1e-3 events,
 *   take the F90 distribution of the last non-empty bin), and the arrival-time distribution of
 *   each flavour group from the SNS timing model with the release's proton pulse (mean μ_p + δ,
 *   width 150 ns): CEvNS_ikt = n · F_ik(α_F90) · (s_i^prompt P_t(δ) + s_i^delayed D_t(δ)), with the
 *   normalisation n = (1 + f_flux)(1 + f_mass)(1 + f_other)·(signal scale).
 * - The F90 systematic (companion Table 3, "CEvNS F90 E dependence") morphs F_ik by the relative
 *   change of the released ±1σ PDFs' (energy, F90) projections, r±_ik = C±_ik/C_ik − 1, with the
 *   interpolation of `src/likelihood/templateMorphing.ts`; the factor is clipped at 0.
 * - Backgrounds: the released prompt-BRN, delayed-BRN and steady-state PDFs, each normalised to
 *   unit sum, times its event count N (a nuisance with the release's prior). The prompt-BRN shape
 *   systematics (energy, t_trig mean, t_trig width) morph B with the ±1σ PDFs, also normalised to
 *   unit sum (they are shape systematics; the count prior carries the rate); the one-sided width
 *   PDF is symmetrised. The BRN sum is clipped at 0 per bin.
 *
 * ln L = −½ D with the Poisson deviance D = 2 Σ_b [μ_b − n_b + n_b ln(n_b/μ_b)] (Cash 1979,
 * ApJ 228, 939; Baker & Cousins 1984, NIM 221, 437). The priors of ν are not part of ln L.
 */
import { morphTemplate, morphWeights, type MorphTemplate } from '../../likelihood/templateMorphing.js';
import type { EmParameterName, EmParams, Flavor } from '../../physics/parameters.js';
import { binnedArrivalFractions, interpolateShiftTable, shiftTable, type ArrivalKind, type ShiftTable } from '../../physics/timing/snsArrivalTime.js';
import { buildArgonSignalModel, type ArgonSignalModel, type ArgonSignalOptions } from './argonSignal.js';
import { LAR_BINNING, LAR_SHAPE, type LarRelease } from './release.js';

/** A prior in the project's data form (src/sampler/priors.ts). */
export type ArgonPrior =
  | { type: 'normal'; mu: number; sigma: number }
  | { type: 'truncnormal'; mu: number; sigma: number; min: number; max: number }
  | { type: 'uniform'; min: number; max: number };

/** What a nuisance of the argon model does (the `effect:` of the model file). */
export type ArgonEffect =
  | 'signal-flux'
  | 'signal-mass'
  | 'signal-other'
  | 'qf-a'
  | 'qf-b'
  | 'pulse-shift'
  | 'cevns-f90'
  | 'brn-prompt-events'
  | 'brn-delayed-events'
  | 'ss-events'
  | 'brn-energy'
  | 'brn-timing-mean'
  | 'brn-timing-width';

/** All effects, in the order of the default nuisance list. */
export const ARGON_EFFECTS: readonly ArgonEffect[] = Object.freeze([
  'signal-flux',
  'signal-mass',
  'signal-other',
  'qf-a',
  'qf-b',
  'pulse-shift',
  'cevns-f90',
  'brn-prompt-events',
  'brn-delayed-events',
  'ss-events',
  'brn-energy',
  'brn-timing-mean',
  'brn-timing-width',
] as ArgonEffect[]);

/** One nuisance of the argon model. */
export interface ArgonNuisance {
  /** name (unique in the experiment) */
  name: string;
  /** what it does */
  effect: ArgonEffect;
  /** prior */
  prior: ArgonPrior;
  /** value at which the model gives its nominal prediction */
  nominal: number;
  /** typical 1σ scale */
  width: number;
  /** source of the prior */
  source: string;
  /** unit of the value ('' for dimensionless) */
  unit: string;
  /** sharing key in combined analyses (e.g. sns-flux) */
  shared?: string;
}

/**
 * The nuisances of the argon model with the priors of the release YAML (nominal = prior mean).
 *
 * @param release - the release
 * @param otherSigma - relative width of the CEvNS normalisation not covered by flux, mass and QF
 *   (see the experiment model file for its derivation); 0 leaves the nuisance out
 * @returns the declarations in `ARGON_EFFECTS` order
 * @example argonNuisances(release, 0.08)[0].prior // returns { type: 'normal', mu: 0, sigma: 0.1 }
 * Reference: arXiv:2006.12659 §2.8 and Table 2 (LArParametersAnlA.yaml).
 */
export function argonNuisances(release: LarRelease, otherSigma: number): ArgonNuisance[] {
  const P = release.parameters;
  const Y = 'models/data/coherent-lar-2020/LArParametersAnlA.yaml';
  const n = (name: string, effect: ArgonEffect, mu: number, sigma: number, unit: string, source: string, extra: Partial<ArgonNuisance> = {}): ArgonNuisance => ({
    name,
    effect,
    prior: { type: 'normal', mu, sigma },
    nominal: mu,
    width: sigma,
    unit,
    source,
    ...extra,
  });
  const events = (name: string, effect: ArgonEffect, v: { value: number; sigma: number }, key: string): ArgonNuisance => ({
    name,
    effect,
    prior: { type: 'truncnormal', mu: v.value, sigma: v.sigma, min: 0, max: v.value + 20 * v.sigma },
    nominal: v.value,
    width: v.sigma,
    unit: 'events',
    source: `${Y} ${key}: ${v.value} ± ${v.sigma} events (Gaussian constraint, companion §2.3–2.4), truncated at 0`,
  });
  const list: ArgonNuisance[] = [
    n('ar_flux', 'signal-flux', 0, P.nuPerFlavorPerProton.sigma / P.nuPerFlavorPerProton.value, '', `${Y} neutrinosPerProton: ${P.nuPerFlavorPerProton.value} ± ${P.nuPerFlavorPerProton.sigma} per flavour per proton (relative)`, { shared: 'sns-flux' }),
    n('ar_mass', 'signal-mass', 0, P.fiducialMass_kg.sigma / P.fiducialMass_kg.value, '', `${Y} fiducialMass: ${P.fiducialMass_kg.value} ± ${P.fiducialMass_kg.sigma} kg (relative)`),
    n('ar_cevns_other', 'signal-other', 0, otherSigma, '', 'rest of the release CEvNS prediction uncertainty (128 ± 17) after flux, mass and QF, in quadrature (models/experiments/coherent-lar-2020.yaml)'),
    n('ar_qf_a', 'qf-a', P.qfA.value, P.qfA.sigma, '', `${Y} larQF a: ${P.qfA.value} ± ${P.qfA.sigma}`),
    n('ar_qf_b', 'qf-b', P.qfB.value, P.qfB.sigma, '1/keVnr', `${Y} larQF b: ${P.qfB.value} ± ${P.qfB.sigma} per keVnr (no correlation with a is given)`),
    n('ar_time', 'pulse-shift', 0, P.pulseMean_ns.sigma * 1e-3, 'us', `${Y} snsPOTTraceTiming a: pulse mean ${P.pulseMean_ns.value} ± ${P.pulseMean_ns.sigma} ns (shift of the mean, µs)`),
    n('ar_cevns_f90', 'cevns-f90', 0, 1, '', 'companion Table 3 "CEvNS F90 E dependence": cevnspdf±1sigF90.txt as ±1σ'),
    events('ar_brn', 'brn-prompt-events', P.prediction.brnPrompt, 'promptBeamRelatedNeutronPredictionNormalization'),
    events('ar_brn_delayed', 'brn-delayed-events', P.prediction.brnDelayed, 'delayedBeamRelatedNeutronPredictionNormalization'),
    { ...events('ar_ss', 'ss-events', P.prediction.steadyState, 'ssBackgroundPredictionNormalization'), prior: { type: 'normal', mu: P.prediction.steadyState.value, sigma: P.prediction.steadyState.sigma } },
    n('ar_brn_energy', 'brn-energy', 0, 1, '', 'companion Table 3 "BRN E dist.": brnpdf±1sigEnergy.txt as ±1σ'),
    n('ar_brn_tmean', 'brn-timing-mean', 0, 1, '', 'companion Table 3 "BRN t_trig mean": brnpdf±1sigBRNTimingMean.txt as ±1σ'),
    n('ar_brn_twidth', 'brn-timing-width', 0, 1, '', 'companion Table 3 "BRN t_trig width": brnpdfBRNTimingWidthSyst.txt as +1σ, symmetrised'),
  ];
  list[9]!.source = `${Y} ssBackgroundPredictionNormalization: ${P.prediction.steadyState.value} ± ${P.prediction.steadyState.sigma} events (bkgpdf.txt sums to 3152, companion Table 2 quotes 3152 ± 25)`;
  return otherSigma > 0 ? list : list.filter((x) => x.effect !== 'signal-other');
}

/** Options of the argon model. */
export interface ArgonModelOptions extends ArgonSignalOptions {
  /** free EM parameters (θ order); default none */
  physicsNames?: readonly EmParameterName[];
  /** fixed EM parameters */
  fixed?: Partial<EmParams>;
  /** the nuisances (any subset of effects; absent effects stay at their nominal values) */
  nuisances: readonly ArgonNuisance[];
  /** where the CEvNS prediction comes from: nuem's computation (default), or the released PDF (cevnspdf.txt, θ unused) */
  signal?: 'nuem' | 'release';
  /** data to fit (default: the released on-beam data) */
  data?: Float64Array;
}

/** Expected events split into parts. */
export interface ArgonParts {
  /** total per bin */
  total: Float64Array;
  /** CEvNS per flavour per bin */
  cevns: Record<Flavor, Float64Array>;
  /** prompt BRN per bin */
  brnPrompt: Float64Array;
  /** delayed BRN per bin */
  brnDelayed: Float64Array;
  /** steady-state background per bin */
  steadyState: Float64Array;
}

/** The argon model (interface of an experiment model; see module header). */
export interface ArgonModel {
  /** experiment id */
  readonly id: string;
  /** title */
  readonly title: string;
  /** observables (energy, F90, t_trig), row-major, last fastest */
  readonly observables: ReadonlyArray<{ name: string; label: string; unit: string; edges: readonly number[] }>;
  /** 960 */
  readonly nBins: number;
  /** free EM parameters */
  readonly physicsNames: readonly EmParameterName[];
  /** nuisances (ν order) */
  readonly nuisances: readonly ArgonNuisance[];
  /** data per bin */
  readonly data: Float64Array;
  /** the fast signal model (undefined with signal: 'release') */
  readonly signal?: ArgonSignalModel;
  /** SM-like reference of the released CEvNS PDF (events per bin) */
  readonly releasedCevns: Float64Array;
  /**
   * The precomputed arrays of the fast path (read-only; exposed so that bench/argon.ts can time a
   * hand-written loop over the same arithmetic): F90 | energy, its morph, time tables, unit-sum
   * background shapes, BRN morphs and their non-empty bins, and the data bins with n > 0.
   */
  readonly kernelData: {
    f90: Float64Array;
    f90Morph: MorphTemplate;
    promptTable: ShiftTable;
    delayedTable: ShiftTable;
    brn: Float64Array;
    brnBins: Int32Array;
    brnMorphs: readonly MorphTemplate[];
    brnDelayed: Float64Array;
    steadyState: Float64Array;
    observedBins: Int32Array;
    constant: number;
  };
  /**
   * Expected events per bin. Allocation-free.
   * @param theta EM parameters
   * @param nu nuisances
   * @param out destination (960)
   * @param signalScale multiplies the CEvNS part (default 1; the "free normalisation" fits)
   */
  expected(theta: ArrayLike<number>, nu: ArrayLike<number>, out: Float64Array, signalScale?: number): void;
  /** The parts (fresh arrays). */
  expectedParts(theta: ArrayLike<number>, nu: ArrayLike<number>, signalScale?: number): ArgonParts;
  /** ln L = −½ Poisson deviance (−∞ where μ_b ≤ 0 with n_b > 0). */
  logLikelihood(theta: ArrayLike<number>, nu: ArrayLike<number>, signalScale?: number): number;
  /**
   * ln L and its analytic gradient ∂ln L/∂ν = −Σ_b (1 − n_b/μ_b) ∂μ_b/∂ν (exact derivatives of
   * every step of `expected`, including the quenching expansion, the time interpolation and the
   * morphs; clipped bins contribute 0).
   * @param theta EM parameters
   * @param nu nuisances
   * @param grad receives ∂ln L/∂ν_j (length ≥ nuisances)
   * @returns ln L
   */
  logLikelihoodGradient(theta: ArrayLike<number>, nu: ArrayLike<number>, grad: Float64Array): number;
  /** The same model with other data. */
  withData(data: Float64Array): ArgonModel;
}

const { nE, nF, nT, nBins } = LAR_SHAPE;

function normalised(a: Float64Array): Float64Array {
  let s = 0;
  for (const v of a) s += v;
  return a.map((v) => v / s);
}

/** Sums a 3-D template over time: (energy, F90) projection, 96 values. */
function energyF90(a: Float64Array): Float64Array {
  const out = new Float64Array(nE * nF);
  for (let ik = 0; ik < nE * nF; ik++) for (let t = 0; t < nT; t++) out[ik]! += a[ik * nT + t]!;
  return out;
}

/** Step and half-range of the tabulated pulse-shift grid (µs): ±2 µs = ±10σ of the release's 200 ns. */
const SHIFT_STEP_us = 0.0025;
const SHIFT_HALF_RANGE_us = 2;

/** PDG lifetimes (R. L. Workman et al., PTEP 2022, 083C01): τ_π = 26.033 ns, τ_μ = 2.1969811 µs. */
const PION_LIFETIME_us = 0.026033;
const MUON_LIFETIME_us = 2.1969811;

/** Time-bin fractions of one flavour group tabulated against the pulse shift (src/physics/timing). */
function timeTable(kind: ArrivalKind, mean_us: number, width_us: number): ShiftTable {
  const m = { pulseMean_us: mean_us, pulseSigma_us: width_us, pionLifetime_us: PION_LIFETIME_us, muonLifetime_us: MUON_LIFETIME_us };
  return shiftTable((d) => binnedArrivalFractions(kind, LAR_BINNING.timeEdges_us, m, undefined, d), nT, [-SHIFT_HALF_RANGE_us, SHIFT_HALF_RANGE_us], SHIFT_STEP_us, 'cubic');
}

/** Shared, data-independent pieces of the model. */
interface Core {
  release: LarRelease;
  opts: ArgonModelOptions;
  signal?: ArgonSignalModel;
  f90: Float64Array;
  f90Morph: MorphTemplate;
  promptTable: ShiftTable;
  delayedTable: ShiftTable;
  brn: Float64Array;
  brnBins: Int32Array;
  brnMorphs: Array<{ effect: ArgonEffect; t: MorphTemplate }>;
  delayed: Float64Array;
  ss: Float64Array;
  released: Float64Array;
}

function buildCore(release: LarRelease, opts: ArgonModelOptions): Core {
  const T = release.templates;
  const P = release.parameters;
  // F90 | energy from the released CEvNS PDF
  const c2 = energyF90(T.cevns);
  const f90 = new Float64Array(nE * nF);
  let last = -1;
  for (let i = 0; i < nE; i++) {
    let s = 0;
    for (let k = 0; k < nF; k++) s += c2[i * nF + k]!;
    if (s > 0) last = i;
    const src = s > 0 ? i : last;
    let ss = 0;
    for (let k = 0; k < nF; k++) ss += c2[src * nF + k]!;
    for (let k = 0; k < nF; k++) f90[i * nF + k] = c2[src * nF + k]! / ss;
  }
  const rel = (alt: Float64Array): Float64Array => {
    const a2 = energyF90(alt);
    return a2.map((v, j) => (c2[j]! > 0 ? v / c2[j]! - 1 : 0));
  };
  const f90Morph = morphTemplate('cevns-f90', new Float64Array(nE * nF), rel(T.cevnsF90Plus), rel(T.cevnsF90Minus));
  const pulse = P.pulseMean_ns.value * 1e-3;
  const width = P.pulseWidth_ns * 1e-3;
  const brn = normalised(T.brnPrompt);
  const brnMorphs = [
    { effect: 'brn-energy' as ArgonEffect, t: morphTemplate('brn-energy', brn, normalised(T.brnEnergyPlus), normalised(T.brnEnergyMinus)) },
    { effect: 'brn-timing-mean' as ArgonEffect, t: morphTemplate('brn-timing-mean', brn, normalised(T.brnTimingMeanPlus), normalised(T.brnTimingMeanMinus)) },
    { effect: 'brn-timing-width' as ArgonEffect, t: morphTemplate('brn-timing-width', brn, normalised(T.brnTimingWidth)) },
  ];
  const nz: number[] = [];
  for (let b = 0; b < nBins; b++) if (brn[b]! !== 0 || brnMorphs.some((m) => m.t.up[b] !== 0 || m.t.down[b] !== 0)) nz.push(b);
  return {
    release,
    opts,
    signal: (opts.signal ?? 'nuem') === 'nuem' ? buildArgonSignalModel(release, opts.physicsNames ?? [], opts.fixed ?? {}, opts) : undefined,
    f90,
    f90Morph,
    promptTable: timeTable('prompt', pulse, width),
    delayedTable: timeTable('delayed', pulse, width),
    brn,
    brnBins: Int32Array.from(nz),
    brnMorphs,
    delayed: normalised(T.brnDelayed),
    ss: normalised(T.steadyState),
    released: Float64Array.from(T.cevns),
  };
}

/**
 * Builds the argon model.
 *
 * @param release - the release (readLarRelease)
 * @param opts - free/fixed EM parameters, nuisances, signal source, data
 * @returns the model
 * @example buildArgonModel(release, { nuisances: argonNuisances(release, 0.08) }).logLikelihood([], nominal)
 * Reference: module header.
 */
export function buildArgonModel(release: LarRelease, opts: ArgonModelOptions): ArgonModel {
  return fromCore(buildCore(release, opts), opts.data ?? release.templates.data);
}

function fromCore(core: Core, data: Float64Array): ArgonModel {
  const { opts } = core;
  const nuis = opts.nuisances;
  const idx = {} as Record<ArgonEffect, number>;
  for (const e of ARGON_EFFECTS) idx[e] = nuis.findIndex((x) => x.effect === e);
  for (const x of nuis) if (!ARGON_EFFECTS.includes(x.effect)) throw new Error(`argon model: unknown nuisance effect ${x.effect}`);
  const P = core.release.parameters;
  const defaults: Record<ArgonEffect, number> = {
    'signal-flux': 0,
    'signal-mass': 0,
    'signal-other': 0,
    'qf-a': P.qfA.value,
    'qf-b': P.qfB.value,
    'pulse-shift': 0,
    'cevns-f90': 0,
    'brn-prompt-events': P.prediction.brnPrompt.value,
    'brn-delayed-events': P.prediction.brnDelayed.value,
    'ss-events': P.prediction.steadyState.value,
    'brn-energy': 0,
    'brn-timing-mean': 0,
    'brn-timing-width': 0,
  };
  const I = ARGON_EFFECTS.map((e) => idx[e]);
  const D = Float64Array.from(ARGON_EFFECTS, (e) => defaults[e]);
  const E = Object.fromEntries(ARGON_EFFECTS.map((e, k) => [e, k])) as Record<ArgonEffect, number>;
  const val = (nu: ArrayLike<number>, e: ArgonEffect): number => {
    const k = E[e];
    const j = I[k]!;
    return j >= 0 ? nu[j]! : D[k]!;
  };
  const iFlux = I[E['signal-flux']]!;
  const iMass = I[E['signal-mass']]!;
  const iOther = I[E['signal-other']]!;
  const iQa = I[E['qf-a']]!;
  const iQb = I[E['qf-b']]!;
  const iShift = I[E['pulse-shift']]!;
  const iF90 = I[E['cevns-f90']]!;
  const iBrn = I[E['brn-prompt-events']]!;
  const iDel = I[E['brn-delayed-events']]!;
  const iSs = I[E['ss-events']]!;
  const get = (nu: ArrayLike<number>, j: number, d: number): number => (j >= 0 ? nu[j]! : d);
  const qa0 = P.qfA.value;
  const qb0 = P.qfB.value;
  const nBrn0 = P.prediction.brnPrompt.value;
  const nDel0 = P.prediction.brnDelayed.value;
  const nSs0 = P.prediction.steadyState.value;
  void val;
  const prompt = new Float64Array(nE);
  const delayedS = new Float64Array(nE);
  const Pt = new Float64Array(nT);
  const Dt = new Float64Array(nT);
  const Ti = new Float64Array(nT);
  const fmD = new Float64Array(nE * nF);
  const fm = new Float64Array(nE * nF);
  const byFlavor = { numu: new Float64Array(nE), nue: new Float64Array(nE), numubar: new Float64Array(nE) };
  const useNuem = core.signal !== undefined;
  const releasedSum = core.released.reduce((a, b) => a + b, 0);
  const brnMorphIdx = core.brnMorphs.map((m) => idx[m.effect]);
  const nObs = data;
  let constant = 0;
  const obsBins: number[] = [];
  for (let b = 0; b < nBins; b++) {
    const n = nObs[b]!;
    if (n > 0) {
      constant += n * Math.log(n) - n;
      obsBins.push(b);
    }
  }
  const obs = Int32Array.from(obsBins);
  const mu = new Float64Array(nBins);

  /** CEvNS into out (overwrites), optionally per flavour group. */
  const cevns = (theta: ArrayLike<number>, nu: ArrayLike<number>, scale: number, out: Float64Array, flavorOut?: Record<Flavor, Float64Array>): void => {
    const norm = scale * (1 + get(nu, iFlux, 0)) * (1 + get(nu, iMass, 0)) * (1 + get(nu, iOther, 0));
    if (!useNuem) {
      const f = norm;
      for (let b = 0; b < nBins; b++) out[b] = f * core.released[b]!;
      if (flavorOut) {
        flavorOut.numu.fill(0);
        flavorOut.nue.set(out);
        flavorOut.numubar.fill(0);
      }
      return;
    }
    core.signal!.evaluate(theta, get(nu, iQa, qa0), get(nu, iQb, qb0), prompt, delayedS, flavorOut ? byFlavor : undefined);
    const shift = get(nu, iShift, 0);
    interpolateShiftTable(core.promptTable, shift, Pt);
    interpolateShiftTable(core.delayedTable, shift, Dt);
    const w = morphWeights(get(nu, iF90, 0));
    const first = core.f90Morph[w.first];
    const A = core.f90Morph.a;
    for (let j = 0; j < nE * nF; j++) {
      const f = 1 + w.w1 * first[j]! + w.w2 * A[j]!;
      fm[j] = f > 0 ? core.f90[j]! * f : 0;
    }
    for (let i = 0; i < nE; i++) {
      const sp = norm * prompt[i]!;
      const sd = norm * delayedS[i]!;
      // the time shape of this energy bin, then its F90 split
      for (let t = 0; t < nT; t++) Ti[t] = sp * Pt[t]! + sd * Dt[t]!;
      for (let k = 0; k < nF; k++) {
        const F = fm[i * nF + k]!;
        const o = (i * nF + k) * nT;
        for (let t = 0; t < nT; t++) out[o + t] = F * Ti[t]!;
      }
    }
    if (flavorOut) {
      for (const fl of ['numu', 'nue', 'numubar'] as Flavor[]) {
        const dst = flavorOut[fl];
        const T = fl === 'numu' ? Pt : Dt;
        for (let i = 0; i < nE; i++) {
          const s = norm * byFlavor[fl][i]!;
          for (let k = 0; k < nF; k++) {
            const o = (i * nF + k) * nT;
            for (let t = 0; t < nT; t++) dst[o + t] = fm[i * nF + k]! * s * T[t]!;
          }
        }
      }
    }
  };

  /** Adds the backgrounds to out (or writes them into the parts). */
  const backgrounds = (nu: ArrayLike<number>, out: Float64Array, parts?: { brn: Float64Array; del: Float64Array; ss: Float64Array }): void => {
    const nBrn = get(nu, iBrn, nBrn0);
    const nDel = get(nu, iDel, nDel0);
    const nSs = get(nu, iSs, nSs0);
    const ss = core.ss;
    const del = core.delayed;
    if (parts) {
      for (let b = 0; b < nBins; b++) {
        parts.ss[b] = nSs * ss[b]!;
        parts.del[b] = nDel * del[b]!;
      }
    } else for (let b = 0; b < nBins; b++) out[b]! += nSs * ss[b]! + nDel * del[b]!;
    // prompt BRN with up to three shape morphs on its non-empty bins
    const m = core.brnMorphs;
    const a0 = brnMorphIdx[0]! >= 0 ? nu[brnMorphIdx[0]!]! : 0;
    const a1 = brnMorphIdx[1]! >= 0 ? nu[brnMorphIdx[1]!]! : 0;
    const a2 = brnMorphIdx[2]! >= 0 ? nu[brnMorphIdx[2]!]! : 0;
    const w0 = morphWeights(a0);
    const w1 = morphWeights(a1);
    const w2 = morphWeights(a2);
    const f0 = m[0]!.t[w0.first];
    const f1 = m[1]!.t[w1.first];
    const f2 = m[2]!.t[w2.first];
    const A0 = m[0]!.t.a;
    const A1 = m[1]!.t.a;
    const A2 = m[2]!.t.a;
    const bins = core.brnBins;
    const brn = core.brn;
    for (let q = 0; q < bins.length; q++) {
      const b = bins[q]!;
      const v = brn[b]! + w0.w1 * f0[b]! + w0.w2 * A0[b]! + w1.w1 * f1[b]! + w1.w2 * A1[b]! + w2.w1 * f2[b]! + w2.w2 * A2[b]!;
      const c = v > 0 ? nBrn * v : 0;
      if (parts) parts.brn[b] = c;
      else out[b]! += c;
    }
  };


  /** ∂(table interpolation)/∂shift: derivative of the 4-point Lagrange weights (per µs). */
  const interpolateDerivative = (t: ShiftTable, shift_us: number, out: Float64Array): void => {
    const x = (shift_us - t.start_us) / t.step_us;
    if (!(x > 0) || x > t.points - 1) {
      out.fill(0); // clamped outside the grid: constant
      return;
    }
    let k = Math.floor(x) - 1;
    if (k < 0) k = 0;
    else if (k > t.points - 4) k = t.points - 4;
    const p = x - k;
    const d0 = -((p - 2) * (p - 3) + (p - 1) * (p - 3) + (p - 1) * (p - 2)) / 6;
    const d1 = ((p - 2) * (p - 3) + p * (p - 3) + p * (p - 2)) / 2;
    const d2 = -((p - 1) * (p - 3) + p * (p - 3) + p * (p - 1)) / 2;
    const d3 = ((p - 1) * (p - 2) + p * (p - 2) + p * (p - 1)) / 6;
    const v = t.values;
    const r = k * nT;
    const inv = 1 / t.step_us;
    for (let q = 0; q < nT; q++) out[q] = inv * (d0 * v[r + q]! + d1 * v[r + nT + q]! + d2 * v[r + 2 * nT + q]! + d3 * v[r + 3 * nT + q]!);
  };
  /** d(morph weights)/dα: the derivative of Δ(α) = w1·first + w2·a. */
  const morphSlopes = (alpha: number): { first: 's' | 'up' | 'down'; d1: number; d2: number } => {
    if (alpha > 1) return { first: 'up', d1: 1, d2: 0 };
    if (alpha < -1) return { first: 'down', d1: 1, d2: 0 };
    const a2 = alpha * alpha;
    return { first: 's', d1: 1, d2: alpha * (30 + a2 * (-40 + 18 * a2)) };
  };
  const dQ: [Float64Array, Float64Array, Float64Array, Float64Array] = [new Float64Array(nE), new Float64Array(nE), new Float64Array(nE), new Float64Array(nE)];
  const dP = new Float64Array(nT);
  const dD = new Float64Array(nT);
  const resid = new Float64Array(nBins);
  const muG = new Float64Array(nBins);
  const sig = new Float64Array(nBins);

  const gradient = (theta: ArrayLike<number>, nu: ArrayLike<number>, grad: Float64Array): number => {
    grad.fill(0, 0, nuis.length);
    cevns(theta, nu, 1, sig);
    muG.set(sig);
    backgrounds(nu, muG);
    // ln L and the residual weights r_b = −(1 − n_b/μ_b)
    let s = 0;
    for (let b = 0; b < nBins; b++) {
      s += muG[b]!;
      resid[b] = -1;
    }
    for (let q = 0; q < obs.length; q++) {
      const b = obs[q]!;
      const m = muG[b]!;
      if (!(m > 0)) return -Infinity;
      s -= nObs[b]! * Math.log(m);
      resid[b] = -1 + nObs[b]! / m;
    }
    const lnL = -(s + constant);
    const dot = (a: Float64Array): number => {
      let acc = 0;
      for (let b = 0; b < nBins; b++) acc += resid[b]! * a[b]!;
      return acc;
    };
    // signal normalisation factors: ∂μ/∂f = signal/(1 + f)
    const sigDot = dot(sig);
    if (iFlux >= 0) grad[iFlux] = sigDot / (1 + nu[iFlux]!);
    if (iMass >= 0) grad[iMass] = sigDot / (1 + nu[iMass]!);
    if (iOther >= 0) grad[iOther] = sigDot / (1 + nu[iOther]!);
    if (useNuem) {
      const norm = (1 + get(nu, iFlux, 0)) * (1 + get(nu, iMass, 0)) * (1 + get(nu, iOther, 0));
      // cevns() left prompt, delayedS, Pt, Dt, fm for this (θ, ν)
      const sumTF = (sp: Float64Array, sd: Float64Array, Tp: Float64Array, Td: Float64Array, F: Float64Array): number => {
        let acc = 0;
        for (let i = 0; i < nE; i++) {
          for (let t = 0; t < nT; t++) Ti[t] = norm * (sp[i]! * Tp[t]! + sd[i]! * Td[t]!);
          for (let k = 0; k < nF; k++) {
            const f = F[i * nF + k]!;
            if (f === 0) continue;
            const o = (i * nF + k) * nT;
            let r = 0;
            for (let t = 0; t < nT; t++) r += resid[o + t]! * Ti[t]!;
            acc += f * r;
          }
        }
        return acc;
      };
      if (iQa >= 0 || iQb >= 0) {
        core.signal!.derivatives(theta, get(nu, iQa, qa0), get(nu, iQb, qb0), dQ);
        if (iQa >= 0) grad[iQa] = sumTF(dQ[0], dQ[1], Pt, Dt, fm);
        if (iQb >= 0) grad[iQb] = sumTF(dQ[2], dQ[3], Pt, Dt, fm);
      }
      if (iShift >= 0) {
        interpolateDerivative(core.promptTable, nu[iShift]!, dP);
        interpolateDerivative(core.delayedTable, nu[iShift]!, dD);
        grad[iShift] = sumTF(prompt, delayedS, dP, dD, fm);
      }
      if (iF90 >= 0) {
        const w = morphWeights(nu[iF90]!);
        const d = morphSlopes(nu[iF90]!);
        const first = core.f90Morph[w.first];
        const dfirst = core.f90Morph[d.first];
        for (let j = 0; j < nE * nF; j++) {
          const f = 1 + w.w1 * first[j]! + w.w2 * core.f90Morph.a[j]!;
          fmD[j] = f > 0 ? core.f90[j]! * (d.d1 * dfirst[j]! + d.d2 * core.f90Morph.a[j]!) : 0;
        }
        grad[iF90] = sumTF(prompt, delayedS, Pt, Dt, fmD);
      }
    }
    // backgrounds
    if (iSs >= 0) grad[iSs] = dot(core.ss);
    if (iDel >= 0) grad[iDel] = dot(core.delayed);
    // prompt BRN: the three shape morphs unrolled, arrays hoisted out of the bin loop (no per-bin
    // property look-ups, no allocation)
    const m = core.brnMorphs;
    const nBrn = get(nu, iBrn, nBrn0);
    const a0 = brnMorphIdx[0]! >= 0 ? nu[brnMorphIdx[0]!]! : 0;
    const a1 = brnMorphIdx[1]! >= 0 ? nu[brnMorphIdx[1]!]! : 0;
    const a2 = brnMorphIdx[2]! >= 0 ? nu[brnMorphIdx[2]!]! : 0;
    const W0 = morphWeights(a0);
    const W1 = morphWeights(a1);
    const W2 = morphWeights(a2);
    const S0 = morphSlopes(a0);
    const S1 = morphSlopes(a1);
    const S2 = morphSlopes(a2);
    const t0 = m[0]!.t;
    const t1 = m[1]!.t;
    const t2 = m[2]!.t;
    const F0 = t0[W0.first];
    const F1 = t1[W1.first];
    const F2 = t2[W2.first];
    const D0 = t0[S0.first];
    const D1 = t1[S1.first];
    const D2 = t2[S2.first];
    const A0 = t0.a;
    const A1 = t1.a;
    const A2 = t2.a;
    const brn0 = core.brn;
    let gN = 0;
    let gM0 = 0;
    let gM1 = 0;
    let gM2 = 0;
    const bins = core.brnBins;
    for (let q = 0; q < bins.length; q++) {
      const b = bins[q]!;
      const v = brn0[b]! + W0.w1 * F0[b]! + W0.w2 * A0[b]! + W1.w1 * F1[b]! + W1.w2 * A1[b]! + W2.w1 * F2[b]! + W2.w2 * A2[b]!;
      if (!(v > 0)) continue;
      const rb = resid[b]!;
      gN += rb * v;
      const rn = rb * nBrn;
      gM0 += rn * (S0.d1 * D0[b]! + S0.d2 * A0[b]!);
      gM1 += rn * (S1.d1 * D1[b]! + S1.d2 * A1[b]!);
      gM2 += rn * (S2.d1 * D2[b]! + S2.d2 * A2[b]!);
    }
    const gM = [gM0, gM1, gM2];
    if (iBrn >= 0) grad[iBrn] = gN;
    brnMorphIdx.forEach((j, r) => {
      if (j >= 0) grad[j] = gM[r]!;
    });
    return lnL;
  };
  const model: ArgonModel = {
    id: 'coherent-lar-2020',
    title: 'COHERENT CENNS-10 liquid argon 2020 (Analysis A), energy × F90 × t_trig, Poisson likelihood',
    observables: [
      { name: 'energy', label: 'reconstructed energy', unit: 'keVee', edges: LAR_BINNING.energyEdges_keVee },
      { name: 'F90', label: 'F90 (pulse-shape discrimination)', unit: '', edges: LAR_BINNING.f90Edges },
      { name: 'time', label: 't_trig', unit: 'us', edges: LAR_BINNING.timeEdges_us },
    ],
    nBins,
    physicsNames: Object.freeze([...(opts.physicsNames ?? [])]),
    nuisances: nuis,
    data,
    signal: core.signal,
    releasedCevns: core.released,
    kernelData: {
      f90: core.f90,
      f90Morph: core.f90Morph,
      promptTable: core.promptTable,
      delayedTable: core.delayedTable,
      brn: core.brn,
      brnBins: core.brnBins,
      brnMorphs: core.brnMorphs.map((m) => m.t),
      brnDelayed: core.delayed,
      steadyState: core.ss,
      observedBins: obs,
      constant,
    },
    expected(theta, nu, out, signalScale = 1) {
      cevns(theta, nu, signalScale, out);
      backgrounds(nu, out);
    },
    expectedParts(theta, nu, signalScale = 1) {
      const total = new Float64Array(nBins);
      const fl = { numu: new Float64Array(nBins), nue: new Float64Array(nBins), numubar: new Float64Array(nBins) };
      cevns(theta, nu, signalScale, total, fl);
      const parts = { brn: new Float64Array(nBins), del: new Float64Array(nBins), ss: new Float64Array(nBins) };
      backgrounds(nu, total, parts);
      for (let b = 0; b < nBins; b++) total[b] = fl.numu[b]! + fl.nue[b]! + fl.numubar[b]! + parts.brn[b]! + parts.del[b]! + parts.ss[b]!;
      return { total, cevns: fl, brnPrompt: parts.brn, brnDelayed: parts.del, steadyState: parts.ss };
    },
    logLikelihood(theta, nu, signalScale = 1) {
      cevns(theta, nu, signalScale, mu);
      backgrounds(nu, mu);
      let s = 0;
      for (let b = 0; b < nBins; b++) s += mu[b]!;
      for (let q = 0; q < obs.length; q++) {
        const b = obs[q]!;
        const m = mu[b]!;
        if (!(m > 0)) return -Infinity;
        s -= nObs[b]! * Math.log(m);
      }
      return -(s + constant);
    },
    logLikelihoodGradient: gradient,
    withData(d) {
      if (d.length !== nBins) throw new RangeError(`argon model: data have ${d.length} bins, expected ${nBins}`);
      return fromCore(core, d);
    },
  };
  void releasedSum;
  return model;
}
