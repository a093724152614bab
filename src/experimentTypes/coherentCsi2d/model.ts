/**
 * The COHERENT CsI[Na] 2021 likelihood in PE × arrival time (arXiv:2110.07730, PRL 129, 081801):
 *
 *   μ_ij(θ, ν) = (1 + ν_flux) Σ_g S_g,i(θ; ν_qf0, ν_qf1, ν_eff) T_g,j(δ)
 *              + (1 + ν_brn) B_i T^BRN_j(δ_brn) + (1 + ν_nin) N_i T^NIN_j(δ) + N_AC (1 + ν_ss) s_ij
 *
 * - i: PE bin, j: time bin; g ∈ {prompt (ν_μ), delayed (ν_e + ν̄_μ)};
 * - S_g,i: CEvNS counts per PE bin from the reference spectrum (recoil → quenching → gamma
 *   smearing → ε_E, src/physics/spectrum), an exact quadratic in the EM parameters θ (the fast
 *   forward model, per flavour). The quenching and efficiency systematics interpolate between
 *   the nominal and the release's ±1σ response curves per bin and flavour (HistFactory-style
 *   vertical interpolation, K. Cranmer et al., CERN-OPEN-2012-016, interpolation code 2: quadratic
 *   inside ±1σ, linear outside): S(α) = S₀ + α D₁ + g(α) D₂, D₁ = (S₊ − S₋)/2,
 *   D₂ = (S₊ + S₋ − 2S₀)/2, g = α² for |α| ≤ 1 and 2|α| − 1 beyond (C¹ at ±1). Since each template
 *   is an exact quadratic in θ, so is the morph, and the coefficients D₁, D₂ are precomputed;
 * - T_g,j(δ): ε_T-weighted arrival fractions of the SNS timing model (src/physics/timing),
 *   shifted by the timing offset δ, tabulated against δ (cubic interpolation, ≤ 1e-9);
 * - B_i, N_i: released BRN/NIN PE PDFs (content of bin i over the PDF's total); T^BRN, T^NIN:
 *   released time distributions (events, all PE) with ε_T, shifted by δ_brn (BRN) and δ (NIN, the
 *   neutrino timing), tabulated (linear, ≤ 3e-7 events);
 * - s_ij: steady-state shape from the AC sample (normalised to 1), N_AC the AC count.
 *
 * −2 ln L = 2 Σ_ij [μ_ij − n_ij + n_ij ln(n_ij/μ_ij)] + 2 [N_ss − N_AC + N_AC ln(N_AC/N_ss)], with
 * N_ss = N_AC (1 + ν_ss): Poisson in every bin of the coincident sample (Cash 1979, ApJ 228, 939;
 * Baker & Cousins 1984, NIM 221, 437) and the AC count as a second Poisson observation of the
 * steady-state normalisation. Priors of the nuisances are separate ({@link Csi2dModel.minus2LogPrior}).
 */
import { buildForwardModel } from '../../forward/buildForwardModel.js';
import type { ForwardModel } from '../../forward/forwardModel.js';
import type { QuadraticTerm } from '../../forward/quadraticMonomials.js';
import { FLAVORS, emParams, type EmParameterName, type EmParams, type Flavor } from '../../physics/parameters.js';
import { computeSpectrum } from '../../physics/spectrum/computeSpectrum.js';
import type { Experiment } from '../../physics/spectrum/experiment.js';
import { binnedArrivalFractions, FLAVOR_ARRIVAL, interpolateShiftTable, shiftedHistogramInBins, shiftTable, interpolateShiftTableDerivative, type ShiftTable } from '../../physics/timing/snsArrivalTime.js';
import { nuisancePenalty } from '../../experimentModel/nuisancePenalty.js';
import { CSI2D_VARIANTS, type Csi2dInputs, type Csi2dNuisance, type Csi2dVariant } from './load.js';
import type { Csi2dEffect } from './schema.js';

/** Morph components, in storage order: nominal, then (D₁, D₂) of quenching 0, quenching 1, efficiency. */
const N_COMP = 7;
/** Range of the tabulated shifts (µs): ±1 µs, 10σ of the default timing priors. */
const SHIFT_RANGE: readonly [number, number] = [-1, 1];

/** Per-bin pieces of the expectation (for reports and tests). */
export interface Csi2dParts {
  /** CEvNS per flavour, PE-major [nPE × nT] */
  byFlavor: Record<Flavor, Float64Array>;
  /** CEvNS, all flavours */
  signal: Float64Array;
  /** beam-related neutrons */
  brn: Float64Array;
  /** neutrino-induced neutrons */
  nin: Float64Array;
  /** steady state */
  ss: Float64Array;
  /** total */
  total: Float64Array;
}

/** The built 2-D model (allocation-free evaluation). */
export interface Csi2dModel {
  /** experiment id */
  readonly id: string;
  /** free EM parameters, θ order */
  readonly paramNames: readonly EmParameterName[];
  /** nuisances, ν order */
  readonly nuisances: readonly Csi2dNuisance[];
  /** PE edges */
  readonly edgesPE: readonly number[];
  /** time edges (µs) */
  readonly edgesT: readonly number[];
  /** number of PE bins */
  readonly nPE: number;
  /** number of time bins */
  readonly nT: number;
  /** nPE × nT; bin (i, j) is index i·nT + j */
  readonly nBins: number;
  /** coincident counts per bin */
  readonly observed: Float64Array;
  /** anti-coincident counts per bin */
  readonly anticoincident: Float64Array;
  /** total AC count N_AC */
  readonly acTotal: number;
  /** nominal values of the nuisances (0 for all) */
  readonly nominalNuisances: Float64Array;
  /** expected coincident counts μ_ij at (θ, ν) into out (length ≥ nBins) */
  expected(theta: ArrayLike<number>, nu: ArrayLike<number>, out: Float64Array): void;
  /** all pieces (fresh arrays) */
  parts(theta: ArrayLike<number>, nu: ArrayLike<number>): Csi2dParts;
  /** −2 ln L (Poisson C bins + AC Poisson constraint), without priors; +∞ if some μ ≤ 0 where n > 0 */
  minus2LogL(theta: ArrayLike<number>, nu: ArrayLike<number>): number;
  /** Σ of the prior penalties −2[ln π(ν) − max ln π] (src/experimentModel/nuisancePenalty.ts) */
  minus2LogPrior(nu: ArrayLike<number>): number;
  /** −2 ln L with Poisson data `counts` (e.g. a toy) and AC total `acCount` instead of the observed ones */
  minus2LogLFor(counts: Float64Array, acCount: number, theta: ArrayLike<number>, nu: ArrayLike<number>): number;
  /**
   * −2 ln L for the given data (as minus2LogLFor) and its analytic gradient ∂(−2 ln L)/∂ν_k into
   * `grad` (chain rule through μ_ij: ∂(−2 ln L)/∂μ = 2(1 − n/μ); the morph, shift-table and
   * normalisation derivatives are exact derivatives of the interpolants used).
   */
  minus2LogLGradFor(counts: Float64Array, acCount: number, theta: ArrayLike<number>, nu: ArrayLike<number>, grad: Float64Array): number;
  /** total CEvNS events in the ROI at (θ, ν) */
  signalEvents(theta: ArrayLike<number>, nu: ArrayLike<number>): number;
  /** the precomputed arrays (read-only; for benchmarks against a minimal loop and for tests) */
  readonly internals: Csi2dInternals;
}

/** Precomputed arrays of a built model (see the module header for what they hold). */
export interface Csi2dInternals {
  /** monomials of the free parameters, in storage order */
  readonly terms: readonly QuadraticTerm[];
  /** expansion point and steps of u = (θ − center)/scale */
  readonly center: Float64Array;
  /** steps */
  readonly scale: Float64Array;
  /** coefficients [group (prompt, delayed)][PE bin][component (nominal, q0 D₁, q0 D₂, q1 D₁, q1 D₂, eff D₁, eff D₂)][term] */
  readonly byGroup: Float64Array;
  /** shift tables: prompt, delayed (cubic), BRN, NIN (linear) */
  readonly tables: { prompt: ShiftTable; delayed: ShiftTable; brn: ShiftTable; nin: ShiftTable };
  /** BRN and NIN PE weights */
  readonly brnPE: Float64Array;
  /** NIN PE weights */
  readonly ninPE: Float64Array;
  /** steady-state shape (sums to 1) */
  readonly ss: Float64Array;
  /** nuisance index per effect (−1 if absent) */
  readonly index: Readonly<Record<Csi2dEffect, number>>;
  /** Σ_b (n ln n − n) of the observed C counts and of the AC count */
  readonly constants: { c: number; ac: number };
}

/** Quadratic coefficients per flavour, per PE bin, in the common coordinates u = (θ − c)/s. */
interface FlavourCoefficients {
  /** [flavour][bin][term] flattened */
  c: Float64Array;
}

/** Evaluates the free-parameter monomials of `terms` at u. */
function monomials(terms: readonly QuadraticTerm[], u: ArrayLike<number>, out: Float64Array): void {
  for (let t = 0; t < terms.length; t++) {
    const term = terms[t]!;
    out[t] = term.length === 0 ? 1 : term.length === 1 ? u[term[0]]! : u[term[0]]! * u[term[1]]!;
  }
}

/**
 * Exact per-flavour coefficients of one variant in the common coordinates: the variant's model is
 * an exact quadratic, so its values at u = 0, ±e_k and e_k + e_l determine the coefficients.
 */
function extractCoefficients(fm: ForwardModel | undefined, constant: Record<Flavor, Float64Array> | undefined, terms: readonly QuadraticTerm[], center: Float64Array, scale: Float64Array, nPE: number): FlavourCoefficients {
  const nTerms = terms.length;
  const c = new Float64Array(FLAVORS.length * nPE * nTerms);
  if (!fm) {
    FLAVORS.forEach((f, fi) => {
      for (let i = 0; i < nPE; i++) c[(fi * nPE + i) * nTerms] = constant![f][i]!;
    });
    return { c };
  }
  const d = center.length;
  const out = { byFlavor: Object.fromEntries(FLAVORS.map((f) => [f, new Float64Array(nPE)])) as Record<Flavor, Float64Array>, byChannel: { cevns: new Float64Array(nPE), electron: new Float64Array(nPE) } };
  const at = (u: number[]): Float64Array[] => {
    const theta = u.map((v, k) => center[k]! + v * scale[k]!);
    fm.evaluateParts(theta, out);
    return FLAVORS.map((f) => Float64Array.from(out.byFlavor[f]));
  };
  const zero = new Array<number>(d).fill(0);
  const f0 = at(zero);
  const plus: Float64Array[][] = [];
  const minus: Float64Array[][] = [];
  for (let k = 0; k < d; k++) {
    const u = [...zero];
    u[k] = 1;
    plus.push(at(u));
    u[k] = -1;
    minus.push(at(u));
  }
  const lin = (fi: number, k: number, i: number): number => 0.5 * (plus[k]![fi]![i]! - minus[k]![fi]![i]!);
  const sq = (fi: number, k: number, i: number): number => 0.5 * (plus[k]![fi]![i]! + minus[k]![fi]![i]!) - f0[fi]![i]!;
  terms.forEach((term, t) => {
    let cross: Float64Array[] | undefined;
    if (term.length === 2 && term[0] !== term[1]) {
      const u = [...zero];
      u[term[0]] = 1;
      u[term[1]] = 1;
      cross = at(u);
    }
    for (let fi = 0; fi < FLAVORS.length; fi++) {
      for (let i = 0; i < nPE; i++) {
        let v: number;
        if (term.length === 0) v = f0[fi]![i]!;
        else if (term.length === 1) v = lin(fi, term[0], i);
        else if (term[0] === term[1]) v = sq(fi, term[0], i);
        else {
          const [k, l] = term;
          v = cross![fi]![i]! - f0[fi]![i]! - lin(fi, k, i) - lin(fi, l, i) - sq(fi, k, i) - sq(fi, l, i);
        }
        c[(fi * nPE + i) * nTerms + t] = v;
      }
    }
  });
  return { c };
}

/** HistFactory interpolation-code-2 weight of D₂: α² inside ±1, 2|α| − 1 outside. */
function g2(a: number): number {
  const x = Math.abs(a);
  return x <= 1 ? a * a : 2 * x - 1;
}

/**
 * Builds the 2-D model for the given free EM parameters.
 *
 * @param inp - resolved inputs ({@link loadCsi2d})
 * @param freeParams - free EM parameters, θ order ([] for a pure SM model)
 * @param fixed - values of the other EM parameters and the expansion point (default SM, emParams())
 * @returns the model
 * @example buildCsi2dModel(loadCsi2d('coherent-csi-2021-2d'), ['qee', 'qmumu']).minus2LogL([0, 0], new Float64Array(9))
 * Reference: module header (arXiv:2110.07730; HistFactory CERN-OPEN-2012-016).
 */
export function buildCsi2dModel(inp: Csi2dInputs, freeParams: readonly EmParameterName[], fixed: Partial<EmParams> = {}): Csi2dModel {
  const nPE = inp.edgesPE.length - 1;
  const nT = inp.edgesT.length - 1;
  const nBins = nPE * nT;
  const d = freeParams.length;
  const experiments: Array<[string, Experiment]> = [['nominal', inp.base], ...CSI2D_VARIANTS.map((v) => [v, inp.variants[v]] as [string, Experiment])];
  let terms: readonly QuadraticTerm[] = [[]];
  let center = new Float64Array(0);
  let scale = new Float64Array(0);
  const coeffs: Record<string, FlavourCoefficients> = {};
  if (d === 0) {
    const p = emParams(fixed);
    for (const [name, exp] of experiments) coeffs[name] = extractCoefficients(undefined, computeSpectrum(exp, p).byFlavor, terms, center, scale, nPE);
  } else {
    const models = experiments.map(([name, exp]) => [name, buildForwardModel(exp, freeParams, fixed)] as const);
    const nominal = models[0]![1];
    terms = nominal.terms;
    center = Float64Array.from(nominal.center);
    scale = Float64Array.from(nominal.scale);
    for (const [name, fm] of models) {
      if (fm.terms.length !== terms.length) throw new Error(`buildCsi2dModel: variant ${name} has a different monomial structure`);
      coeffs[name] = extractCoefficients(fm, undefined, terms, center, scale, nPE);
    }
  }
  const nTerms = terms.length;
  // Morph components per flavour group (prompt: ν_μ; delayed: ν_e + ν̄_μ) and per flavour (parts)
  const groupOf = FLAVORS.map((f) => (FLAVOR_ARRIVAL[f] === 'prompt' ? 0 : 1));
  const comp = (name: Csi2dVariant | 'nominal') => coeffs[name]!.c;
  const nom = comp('nominal');
  const pairs: Array<[Float64Array, Float64Array]> = [
    [comp('q0plus'), comp('q0minus')],
    [comp('q1plus'), comp('q1minus')],
    [comp('effplus'), comp('effminus')],
  ];
  // byFlav[((fi * nPE + i) * N_COMP + k) * nTerms + t]
  const byFlav = new Float64Array(FLAVORS.length * nPE * N_COMP * nTerms);
  for (let fi = 0; fi < FLAVORS.length; fi++) {
    for (let i = 0; i < nPE; i++) {
      for (let t = 0; t < nTerms; t++) {
        const src = (fi * nPE + i) * nTerms + t;
        const dst = (k: number): number => ((fi * nPE + i) * N_COMP + k) * nTerms + t;
        byFlav[dst(0)] = nom[src]!;
        pairs.forEach(([p, m], s) => {
          byFlav[dst(1 + 2 * s)] = 0.5 * (p[src]! - m[src]!);
          byFlav[dst(2 + 2 * s)] = 0.5 * (p[src]! + m[src]! - 2 * nom[src]!);
        });
      }
    }
  }
  const byGroup = new Float64Array(2 * nPE * N_COMP * nTerms);
  for (let fi = 0; fi < FLAVORS.length; fi++) {
    const g = groupOf[fi]!;
    for (let x = 0; x < nPE * N_COMP * nTerms; x++) byGroup[g * nPE * N_COMP * nTerms + x]! += byFlav[fi * nPE * N_COMP * nTerms + x]!;
  }

  // Time templates against the shifts
  const eff = inp.timingEfficiency;
  const edgesT = inp.edgesT;
  const tPrompt = shiftTable((s) => binnedArrivalFractions('prompt', edgesT, inp.timing, eff, s), nT, SHIFT_RANGE, 0.002, 'cubic');
  const tDelayed = shiftTable((s) => binnedArrivalFractions('delayed', edgesT, inp.timing, eff, s), nT, SHIFT_RANGE, 0.002, 'cubic');
  const tBrn = shiftTable((s) => shiftedHistogramInBins(inp.brn.time.centres, inp.brn.time.values, edgesT, eff, s), nT, SHIFT_RANGE, 0.001, 'linear');
  const tNin = shiftTable((s) => shiftedHistogramInBins(inp.nin.time.centres, inp.nin.time.values, edgesT, eff, s), nT, SHIFT_RANGE, 0.001, 'linear');
  const brnPE = inp.brn.peWeights;
  const ninPE = inp.nin.peWeights;

  // Steady-state shape
  const AC = inp.anticoincident;
  let acTotal = 0;
  for (let b = 0; b < nBins; b++) acTotal += AC[b]!;
  const ss = new Float64Array(nBins);
  if (inp.ssShape === 'binned') for (let b = 0; b < nBins; b++) ss[b] = AC[b]! / acTotal;
  else {
    const pe = new Float64Array(nPE);
    const tt = new Float64Array(nT);
    for (let i = 0; i < nPE; i++) for (let j = 0; j < nT; j++) {
      pe[i]! += AC[i * nT + j]!;
      tt[j]! += AC[i * nT + j]!;
    }
    for (let i = 0; i < nPE; i++) for (let j = 0; j < nT; j++) ss[i * nT + j] = (pe[i]! * tt[j]!) / (acTotal * acTotal);
  }

  // Nuisance indices by effect (−1: absent, held at nominal)
  const idx = (e: Csi2dEffect): number => inp.nuisances.findIndex((n) => n.effect === e);
  const iFlux = idx('signal-normalisation');
  // a second multiplicative signal factor (the part of the CsI normalisation uncertainty that is not
  // the SNS flux, used when the flux is shared with another SNS experiment): S ∝ (1 + ν_flux)(1 + ν_other)
  const iOther = idx('signal-normalisation-other');
  const iQ0 = idx('quenching-model0');
  const iQ1 = idx('quenching-model1');
  const iEff = idx('efficiency');
  const iBrn = idx('brn-normalisation');
  const iNin = idx('nin-normalisation');
  const iBrnT = idx('brn-timing');
  const iSs = idx('ss-normalisation');
  const iT = idx('timing-offset');
  const val = (nu: ArrayLike<number>, i: number): number => (i < 0 ? 0 : nu[i]!);
  const signalFactor = (nu: ArrayLike<number>): number => (1 + val(nu, iFlux)) * (1 + val(nu, iOther));

  // Scratch (allocation-free hot path)
  const u = new Float64Array(d);
  const m = new Float64Array(nTerms);
  const cm = new Float64Array(N_COMP);
  const sPE = new Float64Array(2 * nPE);
  const tp = new Float64Array(nT);
  const td = new Float64Array(nT);
  const tb = new Float64Array(nT);
  const tn = new Float64Array(nT);
  const C = inp.coincident;
  const nlnn = (n: number): number => (n > 0 ? n * Math.log(n) - n : 0);
  let cObs = 0;
  for (let b = 0; b < nBins; b++) cObs += nlnn(C[b]!);
  const acConst = nlnn(acTotal);

  const prepare = (theta: ArrayLike<number>, nu: ArrayLike<number>): void => {
    for (let k = 0; k < d; k++) u[k] = (theta[k]! - center[k]!) / scale[k]!;
    monomials(terms, u, m);
    const a0 = val(nu, iQ0);
    const a1 = val(nu, iQ1);
    const ae = val(nu, iEff);
    cm[0] = 1;
    cm[1] = a0;
    cm[2] = g2(a0);
    cm[3] = a1;
    cm[4] = g2(a1);
    cm[5] = ae;
    cm[6] = g2(ae);
    const fs = signalFactor(nu);
    for (let gi = 0; gi < 2 * nPE; gi++) {
      let s = 0;
      const base = gi * N_COMP * nTerms;
      for (let k = 0; k < N_COMP; k++) {
        const ck = cm[k]!;
        if (ck === 0) continue;
        let acc = 0;
        const o = base + k * nTerms;
        for (let t = 0; t < nTerms; t++) acc += m[t]! * byGroup[o + t]!;
        s += ck * acc;
      }
      sPE[gi] = fs * s;
    }
    const dt = val(nu, iT);
    interpolateShiftTable(tPrompt, dt, tp);
    interpolateShiftTable(tDelayed, dt, td);
    interpolateShiftTable(tNin, dt, tn);
    interpolateShiftTable(tBrn, val(nu, iBrnT), tb);
  };

  const fill = (theta: ArrayLike<number>, nu: ArrayLike<number>, out: Float64Array): void => {
    prepare(theta, nu);
    const kb = 1 + val(nu, iBrn);
    const kn = 1 + val(nu, iNin);
    const kss = acTotal * (1 + val(nu, iSs));
    for (let i = 0; i < nPE; i++) {
      const sp = sPE[i]!;
      const sd = sPE[nPE + i]!;
      const bi = kb * brnPE[i]!;
      const ni = kn * ninPE[i]!;
      const r = i * nT;
      for (let j = 0; j < nT; j++) out[r + j] = sp * tp[j]! + sd * td[j]! + bi * tb[j]! + ni * tn[j]! + kss * ss[r + j]!;
    }
  };

  // fused: μ_ij assembled and consumed in one pass (no store/load of μ)
  const m2ll = (counts: Float64Array, constC: number, acCount: number, constAC: number, theta: ArrayLike<number>, nu: ArrayLike<number>): number => {
    prepare(theta, nu);
    const kb = 1 + val(nu, iBrn);
    const kn = 1 + val(nu, iNin);
    const kss = acTotal * (1 + val(nu, iSs));
    if (!(kss > 0)) return Infinity;
    let s = 0;
    for (let i = 0; i < nPE; i++) {
      const sp = sPE[i]!;
      const sd = sPE[nPE + i]!;
      const bi = kb * brnPE[i]!;
      const ni = kn * ninPE[i]!;
      const r = i * nT;
      for (let j = 0; j < nT; j++) {
        const x = sp * tp[j]! + sd * td[j]! + bi * tb[j]! + ni * tn[j]! + kss * ss[r + j]!;
        const n = counts[r + j]!;
        if (n > 0) {
          if (!(x > 0)) return Infinity;
          s += x - n * Math.log(x);
        } else s += x;
      }
    }
    s += kss - acCount * Math.log(kss);
    return 2 * (s + constC + constAC);
  };


  // gradient scratch
  const accs = new Float64Array(2 * nPE * N_COMP);
  const dtp = new Float64Array(nT);
  const dtd = new Float64Array(nT);
  const dtb = new Float64Array(nT);
  const dtn = new Float64Array(nT);
  const dS = new Float64Array(4 * 2 * nPE); // d S_g,i / d (flux, q0, q1, eff), unscaled by fs for flux
  const dg2 = (a: number): number => (Math.abs(a) <= 1 ? 2 * a : 2 * Math.sign(a));
  const m2llGrad = (counts: Float64Array, acCount: number, theta: ArrayLike<number>, nu: ArrayLike<number>, grad: Float64Array): number => {
    prepare(theta, nu);
    const fs = signalFactor(nu);
    const a0 = val(nu, iQ0);
    const a1 = val(nu, iQ1);
    const ae = val(nu, iEff);
    for (let gi = 0; gi < 2 * nPE; gi++) {
      const base = gi * N_COMP * nTerms;
      let raw = 0;
      for (let k = 0; k < N_COMP; k++) {
        let acc = 0;
        const o = base + k * nTerms;
        for (let t = 0; t < nTerms; t++) acc += m[t]! * byGroup[o + t]!;
        accs[gi * N_COMP + k] = acc;
        raw += cm[k]! * acc;
      }
      const A = (k: number): number => accs[gi * N_COMP + k]!;
      dS[gi] = raw;
      dS[2 * nPE + gi] = fs * (A(1) + dg2(a0) * A(2));
      dS[4 * nPE + gi] = fs * (A(3) + dg2(a1) * A(4));
      dS[6 * nPE + gi] = fs * (A(5) + dg2(ae) * A(6));
    }
    const dt = val(nu, iT);
    interpolateShiftTableDerivative(tPrompt, dt, dtp);
    interpolateShiftTableDerivative(tDelayed, dt, dtd);
    interpolateShiftTableDerivative(tNin, dt, dtn);
    interpolateShiftTableDerivative(tBrn, val(nu, iBrnT), dtb);
    const kb = 1 + val(nu, iBrn);
    const kn = 1 + val(nu, iNin);
    const kss = acTotal * (1 + val(nu, iSs));
    if (!(kss > 0)) return Infinity;
    let s = 0;
    let gFlux = 0, gQ0 = 0, gQ1 = 0, gE = 0, gB = 0, gN = 0, gSs = 0, gT = 0, gBT = 0;
    for (let i = 0; i < nPE; i++) {
      const sp = sPE[i]!;
      const sd = sPE[nPE + i]!;
      const bi = brnPE[i]!;
      const ni = ninPE[i]!;
      const r = i * nT;
      for (let j = 0; j < nT; j++) {
        const x = sp * tp[j]! + sd * td[j]! + kb * bi * tb[j]! + kn * ni * tn[j]! + kss * ss[r + j]!;
        const n = counts[r + j]!;
        let w: number;
        if (n > 0) {
          if (!(x > 0)) return Infinity;
          s += x - n * Math.log(x);
          w = 2 * (1 - n / x);
        } else {
          s += x;
          w = 2;
        }
        const tpj = tp[j]!;
        const tdj = td[j]!;
        gFlux += w * (dS[i]! * tpj + dS[nPE + i]! * tdj);
        gQ0 += w * (dS[2 * nPE + i]! * tpj + dS[3 * nPE + i]! * tdj);
        gQ1 += w * (dS[4 * nPE + i]! * tpj + dS[5 * nPE + i]! * tdj);
        gE += w * (dS[6 * nPE + i]! * tpj + dS[7 * nPE + i]! * tdj);
        gB += w * bi * tb[j]!;
        gN += w * ni * tn[j]!;
        gSs += w * acTotal * ss[r + j]!;
        gT += w * (sp * dtp[j]! + sd * dtd[j]! + kn * ni * dtn[j]!);
        gBT += w * kb * bi * dtb[j]!;
      }
    }
    s += kss - acCount * Math.log(kss);
    gSs += 2 * (1 - acCount / kss) * acTotal;
    grad.fill(0, 0, inp.nuisances.length);
    const put = (k: number, v: number): void => {
      if (k >= 0) grad[k] = v;
    };
    // gFlux is Σ w ∂μ/∂(overall signal factor); chain rule through (1 + ν_flux)(1 + ν_other)
    put(iFlux, gFlux * (1 + val(nu, iOther)));
    put(iOther, gFlux * (1 + val(nu, iFlux)));
    put(iQ0, gQ0);
    put(iQ1, gQ1);
    put(iEff, gE);
    put(iBrn, gB);
    put(iNin, gN);
    put(iSs, gSs);
    put(iT, gT);
    put(iBrnT, gBT);
    let c0 = 0;
    for (let b = 0; b < nBins; b++) {
      const n = counts[b]!;
      if (n > 0) c0 += n * Math.log(n) - n;
    }
    return 2 * (s + c0 + (acCount > 0 ? acCount * Math.log(acCount) - acCount : 0));
  };

  const internals: Csi2dInternals = {
    terms,
    center,
    scale,
    byGroup,
    tables: { prompt: tPrompt, delayed: tDelayed, brn: tBrn, nin: tNin },
    brnPE,
    ninPE,
    ss,
    index: {
      'signal-normalisation': iFlux,
      'signal-normalisation-other': iOther,
      'quenching-model0': iQ0,
      'quenching-model1': iQ1,
      efficiency: iEff,
      'brn-normalisation': iBrn,
      'nin-normalisation': iNin,
      'brn-timing': iBrnT,
      'ss-normalisation': iSs,
      'timing-offset': iT,
    },
    constants: { c: cObs, ac: acConst },
  };
  const nominalNuisances = Float64Array.from(inp.nuisances, (n) => n.nominal);
  return {
    id: inp.id,
    paramNames: Object.freeze([...freeParams]),
    nuisances: Object.freeze(inp.nuisances.map((n) => ({ ...n }))),
    edgesPE: Object.freeze([...inp.edgesPE]),
    edgesT: Object.freeze([...inp.edgesT]),
    nPE,
    nT,
    nBins,
    observed: C,
    anticoincident: AC,
    acTotal,
    nominalNuisances,
    expected: fill,
    parts(theta, nu) {
      const total = new Float64Array(nBins);
      fill(theta, nu, total);
      const kb = 1 + val(nu, iBrn);
      const kn = 1 + val(nu, iNin);
      const kss = acTotal * (1 + val(nu, iSs));
      const fs = signalFactor(nu);
      const byFlavor = Object.fromEntries(FLAVORS.map((f) => [f, new Float64Array(nBins)])) as Record<Flavor, Float64Array>;
      const signal = new Float64Array(nBins);
      const brn = new Float64Array(nBins);
      const nin = new Float64Array(nBins);
      const ssOut = new Float64Array(nBins);
      FLAVORS.forEach((f, fi) => {
        const tt = groupOf[fi] === 0 ? tp : td;
        for (let i = 0; i < nPE; i++) {
          let s = 0;
          const base = (fi * nPE + i) * N_COMP * nTerms;
          for (let k = 0; k < N_COMP; k++) {
            let acc = 0;
            for (let t = 0; t < nTerms; t++) acc += m[t]! * byFlav[base + k * nTerms + t]!;
            s += cm[k]! * acc;
          }
          for (let j = 0; j < nT; j++) {
            const v = fs * s * tt[j]!;
            byFlavor[f][i * nT + j] = v;
            signal[i * nT + j]! += v;
          }
        }
      });
      for (let i = 0; i < nPE; i++) {
        for (let j = 0; j < nT; j++) {
          const b = i * nT + j;
          brn[b] = kb * brnPE[i]! * tb[j]!;
          nin[b] = kn * ninPE[i]! * tn[j]!;
          ssOut[b] = kss * ss[b]!;
        }
      }
      return { byFlavor, signal, brn, nin, ss: ssOut, total };
    },
    minus2LogL: (theta, nu) => m2ll(C, cObs, acTotal, acConst, theta, nu),
    minus2LogLFor(counts, acCount, theta, nu) {
      let c0 = 0;
      for (let b = 0; b < nBins; b++) c0 += nlnn(counts[b]!);
      return m2ll(counts, c0, acCount, nlnn(acCount), theta, nu);
    },
    minus2LogPrior(nu) {
      let s = 0;
      inp.nuisances.forEach((n, k) => (s += nuisancePenalty(n.prior, nu[k]!)));
      return s;
    },
    internals,
    minus2LogLGradFor: m2llGrad,
    signalEvents(theta, nu) {
      prepare(theta, nu);
      let s = 0;
      for (let i = 0; i < nPE; i++) for (let j = 0; j < nT; j++) s += sPE[i]! * tp[j]! + sPE[nPE + i]! * td[j]!;
      return s;
    },
  };
}
