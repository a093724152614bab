/**
 * Expected counts per bin by direct numerical integration: the slow, obviously-correct
 * REFERENCE path (docs/physics.md §D.3). Fixed quadrature grids (see spectrumPlan.ts) make the
 * result an exactly linear functional of the cross sections, which the fast forward model
 * reproduces. `gridScale` multiplies every grid's node count (convergence checks).
 *
 * Plans are memoised per experiment object and grid scale (a WeakMap: results are identical with
 * or without the cache; it only saves the parameter-independent work).
 */
import { cevnsDsigmaDT_cm2_per_keV } from '../crossSections/cevnsDsigmaDT.js';
import { electronDsigmaDT_cm2_per_keV } from '../crossSections/electronDsigmaDT.js';
import { FLAVORS, type EmParameterName, type EmParams, type Flavor } from '../parameters.js';
import { flatBackgroundCounts } from '../detectors/flatBackgroundCounts.js';
import type { Channel, Experiment } from './experiment.js';
import { prepareSpectrum, type DenseLinear, type DenseSquares, type FluxAveragedTerms, type SpectrumPlan } from './spectrumPlan.js';

export type { Channel } from './experiment.js';

/** Expected (and, where available, observed and background) counts per bin. */
export interface SpectrumResult {
  /** bin edges */
  edges: number[];
  /** unit of the edges */
  unit: Experiment['unit'];
  /** total expected signal counts per bin (all flavours and channels; no background) */
  expected: Float64Array;
  /** signal per flavour */
  byFlavor: Record<Flavor, Float64Array>;
  /** signal per channel (a channel not in the experiment is all zeros) */
  byChannel: Record<Channel, Float64Array>;
  /** observed counts (e.g. C − AC) */
  observed?: Float64Array;
  /** uncertainty of the observed counts */
  observedSigma?: Float64Array;
  /** expected background counts */
  background?: Float64Array;
}

/** Options of the reference computation. */
export interface ComputeSpectrumOptions {
  /** multiplies the node count of every quadrature grid (default 1) */
  gridScale?: number;
  /**
   * 'terms' (default): assemble the cross sections from the precomputed flux-averaged kinematic
   * integrals and parameter-independent terms; 'direct': call cevnsDsigmaDT_cm2_per_keV /
   * electronDsigmaDT_cm2_per_keV at every (E_k, T_j) node. Both are the same sum (tested to
   * rounding); 'direct' is the literal reading of the formula and is ~10× slower.
   */
  mode?: 'terms' | 'direct';
}

/** Evaluates a dense affine function of the parameters on every node into `out`. */
function linearAt(d: DenseLinear, p: EmParams, out: Float64Array): void {
  out.set(d.constant);
  for (const k in d.coefficients) {
    const v = p[k as EmParameterName];
    if (v === 0) continue;
    const c = d.coefficients[k as EmParameterName]!;
    for (let j = 0; j < out.length; j++) out[j]! += c[j]! * v;
  }
}

/** Adds factor[j] · Σ_name w[name][j] θ_name² to `out`. */
function addSquaresAt(d: DenseSquares, p: EmParams, factor: Float64Array, scale: number, out: Float64Array): void {
  for (const k in d) {
    const v = p[k as EmParameterName];
    if (v === 0) continue;
    const w = d[k as EmParameterName]!;
    const v2 = scale * v * v;
    for (let j = 0; j < out.length; j++) out[j]! += factor[j]! * w[j]! * v2;
  }
}

/**
 * Adds targets × Σ_k W_k dσ/dT(E_k, T_j) for one scatterer and flavour to `out`, assembled from the
 * precomputed pieces exactly as cevnsDsigmaDT_cm2_per_keV / electronDsigmaDT_cm2_per_keV assemble the
 * cross section (F² K_w [A² + Σ d θ²] + F² K_m Σ m θ²; Z_eff [K_vv (g_V² + Σ d θ²) + K_va g_V g_A + K_aa g_A²] + K_m Σ m θ²).
 */
function addRateFromTerms(t: FluxAveragedTerms, p: EmParams, targets: number, scratch: Float64Array, out: Float64Array): void {
  if (t.kind === 'nucleus') {
    linearAt(t.amplitude, p, scratch);
    for (let j = 0; j < out.length; j++) out[j]! += targets * t.weak[j]! * scratch[j]! * scratch[j]!;
    addSquaresAt(t.incoherentWeak, p, t.weak, targets, out);
    addSquaresAt(t.magneticWeights, p, t.magnetic, targets, out);
    return;
  }
  linearAt(t.vector, p, scratch);
  for (let j = 0; j < out.length; j++) {
    const g = scratch[j]!;
    out[j]! += targets * (t.vv[j]! * g * g + t.va[j]! * g + t.aa[j]!);
  }
  addSquaresAt(t.incoherentWeak, p, t.vv, targets, out);
  addSquaresAt(t.magneticWeights, p, t.magnetic, targets, out);
}

const planCache = new WeakMap<Experiment, Map<number, SpectrumPlan>>();

/**
 * The (memoised) plan of an experiment.
 *
 * @param exp - experiment
 * @param gridScale - grid scale
 * @returns the parameter-independent plan
 * @example spectrumPlan(coherent, 1) === spectrumPlan(coherent, 1) // returns true
 * Reference: see spectrumPlan.ts.
 */
export function spectrumPlan(exp: Experiment, gridScale = 1): SpectrumPlan {
  let m = planCache.get(exp);
  if (!m) planCache.set(exp, (m = new Map()));
  let plan = m.get(gridScale);
  if (!plan) m.set(gridScale, (plan = prepareSpectrum(exp, gridScale)));
  return plan;
}

/**
 * Background counts per bin of an experiment (fixed from released templates, or flat ckkd).
 *
 * @param exp - experiment
 * @returns counts per bin, or undefined when the experiment has no background model
 * @example experimentBackground(essGe) // b · m · ΔT · days per bin
 * Reference: docs/physics.md §D.1 (COHERENT BRN + NIN), §D.2 (ESS ckkd).
 */
export function experimentBackground(exp: Experiment): Float64Array | undefined {
  const b = exp.background;
  if (!b) return undefined;
  if (b.type === 'fixed') return Float64Array.from(b.counts);
  const days = exp.exposure.type === 'years' ? exp.exposure.years * exp.exposure.livetimeDaysPerYear : 0;
  return Float64Array.from({ length: exp.edges.length - 1 }, (_, i) =>
    flatBackgroundCounts(b.rate_ckkd, exp.target.mass_kg, exp.edges[i + 1]! - exp.edges[i]!, days),
  );
}

/**
 * Evaluates a precomputed plan at one EM parameter point.
 *
 * @param plan - plan from {@link prepareSpectrum} / {@link spectrumPlan}
 * @param p - full EM parameter point
 * @param mode - 'terms' (precomputed flux-averaged kinematics, default) or 'direct' (cross section at every node)
 * @returns the spectrum
 * @example evaluateSpectrumPlan(spectrumPlan(coherent), emParams()).expected
 * Reference: docs/physics.md §D.3.
 */
export function evaluateSpectrumPlan(plan: SpectrumPlan, p: EmParams, mode: 'terms' | 'direct' = 'terms'): SpectrumResult {
  const exp = plan.experiment;
  const nBins = exp.edges.length - 1;
  const byFlavor = Object.fromEntries(FLAVORS.map((f) => [f, new Float64Array(nBins)])) as Record<Flavor, Float64Array>;
  const byChannel: Record<Channel, Float64Array> = { cevns: new Float64Array(nBins), electron: new Float64Array(nBins) };
  const ff = exp.target.formFactor;
  for (const cp of plan.channels) {
    const nNodes = cp.recoil.nodes_keV.length;
    const rate = new Float64Array(nNodes);
    const scratch = new Float64Array(nNodes);
    for (let f = 0; f < FLAVORS.length; f++) {
      const flavor = FLAVORS[f]!;
      rate.fill(0);
      for (let s = 0; s < cp.scatterers.length; s++) {
        const sc = cp.scatterers[s]!;
        if (mode === 'terms') {
          addRateFromTerms(cp.kinematics[s]![f]!, p, sc.targets, scratch, rate);
          continue;
        }
        const eq = cp.energy[s]![f]!;
        for (let j = 0; j < nNodes; j++) {
          const q = eq[j]!;
          if (q.nodes_MeV.length === 0) continue;
          const T = cp.recoil.nodes_keV[j]!;
          let acc = 0;
          for (let k = 0; k < q.nodes_MeV.length; k++) {
            const E = q.nodes_MeV[k]!;
            const xs =
              sc.kind === 'nucleus'
                ? cevnsDsigmaDT_cm2_per_keV(sc.isotope, flavor, E, T, p, ff)
                : electronDsigmaDT_cm2_per_keV(sc.atom, flavor, E, T, p);
            acc += q.weights[k]! * xs;
          }
          rate[j]! += sc.targets * acc;
        }
      }
      const scale = plan.fluence_per_cm2 * exp.timingFactors[flavor];
      const outF = byFlavor[flavor];
      const outC = byChannel[cp.channel];
      for (let i = 0; i < nBins; i++) {
        let s = 0;
        const row = i * nNodes;
        for (let j = 0; j < nNodes; j++) s += cp.recoil.weights_keV[j]! * cp.response[row + j]! * rate[j]!;
        s *= scale;
        outF[i]! += s;
        outC[i]! += s;
      }
    }
  }
  const expected = new Float64Array(nBins);
  for (const f of FLAVORS) for (let i = 0; i < nBins; i++) expected[i]! += byFlavor[f][i]!;
  const result: SpectrumResult = { edges: [...exp.edges], unit: exp.unit, expected, byFlavor, byChannel };
  if (exp.observed) {
    result.observed = Float64Array.from(exp.observed.counts);
    result.observedSigma = Float64Array.from(exp.observed.sigma);
  }
  const bg = experimentBackground(exp);
  if (bg) result.background = bg;
  return result;
}

/**
 * Expected counts per bin at an EM parameter point (reference path).
 *
 * @param exp - experiment (from loadExperiment)
 * @param p - full EM parameter point (emParams())
 * @param opts - gridScale: multiplies every grid's node count (default 1)
 * @returns expected counts per bin, per flavour and per channel, with observed data and background where available
 * @example computeSpectrum(loadExperiment('coherent-csi-2021'), emParams()).expected // 9 bins, ≈ 370 events in bins 2–9
 * Reference: docs/physics.md §D.3 (arXiv:2201.10578 eq. 5–6; arXiv:2409.10652 eq. 14 [REC]).
 */
export function computeSpectrum(exp: Experiment, p: EmParams, opts: ComputeSpectrumOptions = {}): SpectrumResult {
  const g = opts.gridScale ?? 1;
  if (!(g > 0) || !Number.isFinite(g)) throw new RangeError(`computeSpectrum: gridScale must be a positive number, got ${g}`);
  return evaluateSpectrumPlan(spectrumPlan(exp, g), p, opts.mode ?? 'terms');
}
