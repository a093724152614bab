/**
 * Neutrino arrival-time model of a pulsed π⁺ decay-at-rest source (the SNS), shared by every SNS
 * experiment (CsI, argon, …).
 *
 * Protons hit the target with a Gaussian time profile (mean μ, width σ). Each π⁺ decays after an
 * exponential time with lifetime τ_π, giving the prompt ν_μ; the μ⁺ it produces decays after a
 * further exponential time with lifetime τ_μ, giving the delayed ν_e and ν̄_μ. The arrival-time
 * densities (travel time is common to all flavours and absorbed in μ) are therefore
 *
 *   prompt:  f_p(t) = (G ⊗ E_π)(t)                                    E_τ(u) = e^{−u/τ}/τ, u ≥ 0
 *   delayed: f_d(t) = (G ⊗ E_π ⊗ E_μ)(t) = [τ_μ (G ⊗ E_μ)(t) − τ_π (G ⊗ E_π)(t)] / (τ_μ − τ_π)
 *
 * where G is the Gaussian pulse; G ⊗ E_τ is the exponentially modified Gaussian (EMG), whose CDF is
 * Φ(z) − exp(s²/2 − z s) Φ(z − s) with z = (t − μ)/σ and s = σ/τ (e.g. Grushka, Anal. Chem. 44
 * (1972) 1733; the decay-chain form of f_d is the Bateman solution, H. Bateman, Proc. Camb. Phil.
 * Soc. 15 (1910) 423). For σ = 0 the pulse is a δ at μ and the EMG becomes a shifted exponential.
 *
 * Observed rates are weighted by the detector's timing efficiency ε_T(t) (COHERENT CsI: 1 up to
 * t₀, then exp(−λ(t − t₀)), zero outside the analysis window; `timingEfficiency.ts`). Binned
 * integrals ∫_bin ε_T f dt are closed-form: on the flat part they are CDF differences; on the
 * exponential part e^{−λt}(G ⊗ E_τ)(t) = e^{−λμ + λ²σ²/2} (τ'/τ) (G' ⊗ E_τ')(t) with
 * 1/τ' = 1/τ + λ and G' the Gaussian with mean μ − λσ² (complete the square in the convolution).
 *
 * A timing offset δ (a nuisance parameter) moves every arrival time: μ → μ + δ.
 *
 * Sources of the numbers used with this model: pulse mean 440 ± 200 ns and width 150 ns from the
 * COHERENT LAr data release (arXiv:2006.12659 ancillary file LArParametersAnlA.yaml,
 * `snsPOTTraceTiming`; copied as models/data in the experiments that use it); lifetimes from PDG
 * (R. L. Workman et al., PTEP 2022, 083C01; τ_π = 26.033 ns, τ_μ = 2.1969811 µs).
 */
import { erfc, erfcx } from '../../numerics/stdlib.js';
import type { Flavor } from '../parameters.js';
import type { TimingEfficiencyModel } from '../detectors/timingEfficiency.js';

/** Which decay produces a flavour: prompt (π⁺ → μ⁺ν_μ) or delayed (μ⁺ → e⁺ν_e ν̄_μ). */
export type ArrivalKind = 'prompt' | 'delayed';

/** Arrival-time group of each flavour of a π⁺ DAR source. */
export const FLAVOR_ARRIVAL: Readonly<Record<Flavor, ArrivalKind>> = Object.freeze({ numu: 'prompt', nue: 'delayed', numubar: 'delayed' });

/** Parameters of the SNS arrival-time model (all times in µs). */
export interface SnsTimingModel {
  /** mean of the Gaussian proton pulse μ (µs, in the detector's time coordinate) */
  pulseMean_us: number;
  /** width σ of the Gaussian proton pulse (µs); 0 means a δ pulse */
  pulseSigma_us: number;
  /** π⁺ lifetime τ_π (µs) */
  pionLifetime_us: number;
  /** μ⁺ lifetime τ_μ (µs) */
  muonLifetime_us: number;
}

/** Standard normal CDF Φ(x), via erfc (accurate in the lower tail). */
function phi(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/**
 * CDF of the exponentially modified Gaussian: P(T ≤ t) for T = μ + σZ + τU, Z ~ N(0,1),
 * U ~ Exp(1). Numerically stable for any σ/τ (erfcx form when the exponential factor would overflow).
 *
 * @param t - time (µs)
 * @param mu - Gaussian mean (µs)
 * @param sigma - Gaussian width (µs), ≥ 0
 * @param tau - exponential mean (µs), > 0
 * @returns the CDF in [0, 1]
 * @example emgCdf(1, 0, 0, 1) // returns 1 − e^{−1} ≈ 0.63212
 * Reference: E. Grushka, Anal. Chem. 44 (1972) 1733 (exponentially modified Gaussian).
 */
export function emgCdf(t: number, mu: number, sigma: number, tau: number): number {
  if (sigma === 0) return t <= mu ? 0 : -Math.expm1(-(t - mu) / tau);
  const z = (t - mu) / sigma;
  const s = sigma / tau;
  // second term exp(s²/2 − z s) Φ(z − s) = ½ exp(−z²/2) erfcx((s − z)/√2)
  const second = s - z >= 0 ? 0.5 * Math.exp(-0.5 * z * z) * erfcx((s - z) / Math.SQRT2) : Math.exp(0.5 * s * s - z * s) * phi(z - s);
  return phi(z) - second;
}

/**
 * Density of the exponentially modified Gaussian (per µs).
 *
 * @param t - time (µs)
 * @param mu - Gaussian mean (µs)
 * @param sigma - Gaussian width (µs), ≥ 0
 * @param tau - exponential mean (µs), > 0
 * @returns d/dt emgCdf
 * @example emgPdf(0.5, 0, 0, 1) // returns e^{−0.5} ≈ 0.60653
 * Reference: E. Grushka, Anal. Chem. 44 (1972) 1733.
 */
export function emgPdf(t: number, mu: number, sigma: number, tau: number): number {
  if (sigma === 0) return t < mu ? 0 : Math.exp(-(t - mu) / tau) / tau;
  const z = (t - mu) / sigma;
  const s = sigma / tau;
  if (s - z >= 0) return (0.5 / tau) * Math.exp(-0.5 * z * z) * erfcx((s - z) / Math.SQRT2);
  return (Math.exp(0.5 * s * s - z * s) * phi(z - s)) / tau;
}

/**
 * Arrival-time density of a flavour group (per µs; integrates to 1 over the whole time axis).
 *
 * @param kind - 'prompt' (ν_μ) or 'delayed' (ν_e, ν̄_μ)
 * @param t_us - arrival time (µs)
 * @param m - timing model
 * @param offset_us - timing offset δ added to every arrival time (µs), default 0
 * @returns f(t) in 1/µs
 * @example arrivalTimePdf('prompt', 0.44, { pulseMean_us: 0.44, pulseSigma_us: 0.15, pionLifetime_us: 0.026033, muonLifetime_us: 2.1969811 })
 * Reference: module header (Gaussian pulse ⊗ π⁺ and μ⁺ decay laws).
 */
export function arrivalTimePdf(kind: ArrivalKind, t_us: number, m: SnsTimingModel, offset_us = 0): number {
  const mu = m.pulseMean_us + offset_us;
  const tp = m.pionLifetime_us;
  if (kind === 'prompt') return emgPdf(t_us, mu, m.pulseSigma_us, tp);
  const tm = m.muonLifetime_us;
  return (tm * emgPdf(t_us, mu, m.pulseSigma_us, tm) - tp * emgPdf(t_us, mu, m.pulseSigma_us, tp)) / (tm - tp);
}

/**
 * Arrival-time CDF of a flavour group.
 *
 * @param kind - 'prompt' or 'delayed'
 * @param t_us - time (µs)
 * @param m - timing model
 * @param offset_us - timing offset δ (µs), default 0
 * @returns P(arrival ≤ t)
 * @example arrivalTimeCdf('delayed', Infinity, model) // returns 1
 * Reference: module header.
 */
export function arrivalTimeCdf(kind: ArrivalKind, t_us: number, m: SnsTimingModel, offset_us = 0): number {
  if (t_us === Infinity) return 1;
  if (t_us === -Infinity) return 0;
  const mu = m.pulseMean_us + offset_us;
  const tp = m.pionLifetime_us;
  if (kind === 'prompt') return emgCdf(t_us, mu, m.pulseSigma_us, tp);
  const tm = m.muonLifetime_us;
  return (tm * emgCdf(t_us, mu, m.pulseSigma_us, tm) - tp * emgCdf(t_us, mu, m.pulseSigma_us, tp)) / (tm - tp);
}

/**
 * ∫_a^b e^{−λ(t − t₀)} (G ⊗ E_τ)(t) dt in closed form (module header: completing the square).
 */
function expWeightedEmgIntegral(a: number, b: number, mu: number, sigma: number, tau: number, lambda: number, t0: number): number {
  if (!(b > a)) return 0;
  if (lambda === 0) return emgCdf(b, mu, sigma, tau) - emgCdf(a, mu, sigma, tau);
  const tauP = 1 / (1 / tau + lambda);
  const muP = mu - lambda * sigma * sigma;
  const logPref = lambda * t0 - lambda * mu + 0.5 * lambda * lambda * sigma * sigma;
  return Math.exp(logPref) * (tauP / tau) * (emgCdf(b, muP, sigma, tauP) - emgCdf(a, muP, sigma, tauP));
}

/** ∫_a^b ε_T(t) (G ⊗ E_τ)(t) dt (ε_T ≡ 1 when `eff` is undefined). */
function efficiencyWeightedEmg(a: number, b: number, mu: number, sigma: number, tau: number, eff: TimingEfficiencyModel | undefined): number {
  if (!eff) return emgCdf(b, mu, sigma, tau) - emgCdf(a, mu, sigma, tau);
  const lo = Math.max(a, eff.window_us[0]);
  const hi = Math.min(b, eff.window_us[1]);
  if (!(hi > lo)) return 0;
  const t0 = eff.plateauEnd_us;
  let s = 0;
  const flatHi = Math.min(hi, t0);
  if (flatHi > lo) s += emgCdf(flatHi, mu, sigma, tau) - emgCdf(lo, mu, sigma, tau);
  const expLo = Math.max(lo, t0);
  if (hi > expLo) s += expWeightedEmgIntegral(expLo, hi, mu, sigma, tau, eff.slope_per_us, t0);
  return s;
}

/**
 * Fraction of a flavour group's neutrinos (weighted by the timing efficiency, if given) arriving
 * in [a, b): ∫_a^b ε_T(t) f(t) dt, closed form.
 *
 * @param kind - 'prompt' or 'delayed'
 * @param a_us - lower edge (µs)
 * @param b_us - upper edge (µs)
 * @param m - timing model
 * @param eff - timing efficiency ε_T (window, plateau, slope); undefined = 1 everywhere
 * @param offset_us - timing offset δ (µs), default 0
 * @returns the weighted fraction (dimensionless)
 * @example arrivalFractionInBin('delayed', 0, 6, model, undefined, 0) // ≈ 0.935 for μ = 0.44, σ = 0.15
 * Reference: module header; ε_T from Newtrinos.jl coherent_csi.jl (see timingEfficiency.ts).
 */
export function arrivalFractionInBin(kind: ArrivalKind, a_us: number, b_us: number, m: SnsTimingModel, eff?: TimingEfficiencyModel, offset_us = 0): number {
  const mu = m.pulseMean_us + offset_us;
  const sg = m.pulseSigma_us;
  const tp = m.pionLifetime_us;
  if (kind === 'prompt') return efficiencyWeightedEmg(a_us, b_us, mu, sg, tp, eff);
  const tm = m.muonLifetime_us;
  return (tm * efficiencyWeightedEmg(a_us, b_us, mu, sg, tm, eff) - tp * efficiencyWeightedEmg(a_us, b_us, mu, sg, tp, eff)) / (tm - tp);
}

/**
 * Binned, efficiency-weighted arrival fractions over arbitrary time bins.
 *
 * @param kind - 'prompt' or 'delayed'
 * @param edges_us - strictly increasing bin edges (µs)
 * @param m - timing model
 * @param eff - timing efficiency (undefined = 1)
 * @param offset_us - timing offset δ (µs), default 0
 * @returns one fraction per bin
 * @example binnedArrivalFractions('prompt', [0, 0.125, 0.25], model) // two fractions
 * Reference: module header.
 */
export function binnedArrivalFractions(kind: ArrivalKind, edges_us: readonly number[], m: SnsTimingModel, eff?: TimingEfficiencyModel, offset_us = 0): Float64Array {
  const out = new Float64Array(edges_us.length - 1);
  for (let i = 0; i < out.length; i++) out[i] = arrivalFractionInBin(kind, edges_us[i]!, edges_us[i + 1]!, m, eff, offset_us);
  return out;
}

/**
 * Binned time templates tabulated on a uniform grid of a shift parameter (e.g. the neutrino
 * timing offset, or a shift of a released background time distribution), for fast
 * allocation-free interpolation inside a likelihood.
 */
export interface ShiftTable {
  /** first grid value of the shift (µs) */
  readonly start_us: number;
  /** grid step (µs) */
  readonly step_us: number;
  /** number of grid points */
  readonly points: number;
  /** number of time bins */
  readonly nBins: number;
  /** row-major [points × nBins] values */
  readonly values: Float64Array;
  /** 'cubic' (4-point Lagrange, smooth templates) or 'linear' (templates with kinks on grid nodes) */
  readonly order: 'cubic' | 'linear';
}

/**
 * Tabulates a binned template as a function of a shift δ on a uniform grid.
 *
 * @param template - δ ↦ binned values (any function, evaluated once per grid point)
 * @param nBins - number of bins it returns
 * @param range_us - [min, max] of δ (µs)
 * @param step_us - grid step (µs)
 * @param order - interpolation order used by {@link interpolateShiftTable}
 * @returns the table
 * @example shiftTable((d) => binnedArrivalFractions('prompt', edges, model, eff, d), 11, [-1, 1], 0.0025, 'cubic')
 * Reference: 4-point Lagrange interpolation, Abramowitz & Stegun 25.2.13.
 */
export function shiftTable(
  template: (shift_us: number) => ArrayLike<number>,
  nBins: number,
  range_us: readonly [number, number],
  step_us: number,
  order: 'cubic' | 'linear',
): ShiftTable {
  const [lo, hi] = range_us;
  if (!(hi > lo) || !(step_us > 0)) throw new RangeError('shiftTable: need max > min and step > 0');
  const points = Math.round((hi - lo) / step_us) + 1;
  if (points < 4) throw new RangeError('shiftTable: need at least 4 grid points');
  const values = new Float64Array(points * nBins);
  for (let k = 0; k < points; k++) {
    const v = template(lo + k * step_us);
    for (let i = 0; i < nBins; i++) values[k * nBins + i] = v[i]!;
  }
  return { start_us: lo, step_us, points, nBins, values, order };
}

/**
 * Interpolates a {@link ShiftTable} at δ into `out` (allocation-free). δ outside the grid is
 * clamped to its ends (the caller's prior should keep δ inside; the grid spans ±10σ by default).
 *
 * @param t - table
 * @param shift_us - δ (µs)
 * @param out - destination of length ≥ nBins
 * @example interpolateShiftTable(table, 0.013, out)
 * Reference: Abramowitz & Stegun 25.2.13 (4-point Lagrange on a uniform grid).
 */
export function interpolateShiftTable(t: ShiftTable, shift_us: number, out: Float64Array): void {
  const n = t.nBins;
  const v = t.values;
  let x = (shift_us - t.start_us) / t.step_us;
  if (!(x > 0)) x = 0;
  else if (x > t.points - 1) x = t.points - 1;
  if (t.order === 'linear') {
    let k = Math.floor(x);
    if (k > t.points - 2) k = t.points - 2;
    const f = x - k;
    const a = k * n;
    const b = a + n;
    for (let i = 0; i < n; i++) out[i] = v[a + i]! + f * (v[b + i]! - v[a + i]!);
    return;
  }
  let k = Math.floor(x) - 1;
  if (k < 0) k = 0;
  else if (k > t.points - 4) k = t.points - 4;
  const p = x - k; // position relative to node k, in [0, 3]
  const w0 = (-(p - 1) * (p - 2) * (p - 3)) / 6;
  const w1 = (p * (p - 2) * (p - 3)) / 2;
  const w2 = (-p * (p - 1) * (p - 3)) / 2;
  const w3 = (p * (p - 1) * (p - 2)) / 6;
  const r0 = k * n;
  const r1 = r0 + n;
  const r2 = r1 + n;
  const r3 = r2 + n;
  for (let i = 0; i < n; i++) out[i] = w0 * v[r0 + i]! + w1 * v[r1 + i]! + w2 * v[r2 + i]! + w3 * v[r3 + i]!;
}

/**
 * Binned time template of a released histogram (fine bins of equal width with uniform density
 * inside each), shifted by δ, weighted by the timing efficiency and integrated over analysis bins.
 * Exact for piecewise-constant densities (overlaps of shifted fine bins with analysis bins; ε_T
 * integrated in closed form on each overlap).
 *
 * @param centres_us - fine-bin centres (µs), equally spaced
 * @param values - fine-bin contents (events)
 * @param edges_us - analysis time edges (µs)
 * @param eff - timing efficiency (undefined = 1)
 * @param shift_us - δ added to every fine bin (µs), default 0
 * @returns events per analysis bin
 * @example shiftedHistogramInBins(brnTrec.t, brnTrec.v, [0, 0.125, 6], eff, 0)
 * Reference: COHERENT CsI release (arXiv:2110.07730) brnTrec.txt / ninTrec.txt format, models/data/coherent-csi-2021/README.md.
 */
export function shiftedHistogramInBins(
  centres_us: ArrayLike<number>,
  values: ArrayLike<number>,
  edges_us: readonly number[],
  eff: TimingEfficiencyModel | undefined,
  shift_us = 0,
): Float64Array {
  const nb = edges_us.length - 1;
  const out = new Float64Array(nb);
  const n = centres_us.length;
  const w = n > 1 ? centres_us[1]! - centres_us[0]! : 1;
  for (let k = 0; k < n; k++) {
    const v = values[k]!;
    if (v === 0) continue;
    const a = centres_us[k]! - 0.5 * w + shift_us;
    const b = a + w;
    const density = v / w;
    for (let i = 0; i < nb; i++) {
      const lo = Math.max(a, edges_us[i]!);
      const hi = Math.min(b, edges_us[i + 1]!);
      if (hi > lo) out[i]! += density * integratedEfficiency(lo, hi, eff);
    }
  }
  return out;
}

/** ∫_lo^hi ε_T(t) dt in closed form (ε_T ≡ 1 when undefined). */
function integratedEfficiency(lo: number, hi: number, eff: TimingEfficiencyModel | undefined): number {
  if (!eff) return hi - lo;
  const a = Math.max(lo, eff.window_us[0]);
  const b = Math.min(hi, eff.window_us[1]);
  if (!(b > a)) return 0;
  const t0 = eff.plateauEnd_us;
  let s = 0;
  if (Math.min(b, t0) > a) s += Math.min(b, t0) - a;
  const e0 = Math.max(a, t0);
  if (b > e0) {
    const l = eff.slope_per_us;
    s += l === 0 ? b - e0 : (Math.exp(-l * (e0 - t0)) - Math.exp(-l * (b - t0))) / l;
  }
  return s;
}

/**
 * Derivative with respect to the shift of the interpolant of {@link interpolateShiftTable}
 * (the exact derivative of the cubic or linear interpolating polynomial; 0 where δ is clamped).
 *
 * @param t - table
 * @param shift_us - δ (µs)
 * @param out - destination of length ≥ nBins, per µs
 * @example interpolateShiftTableDerivative(table, 0.013, dOut)
 * Reference: derivative of the 4-point Lagrange polynomial, Abramowitz & Stegun 25.3.4.
 */
export function interpolateShiftTableDerivative(t: ShiftTable, shift_us: number, out: Float64Array): void {
  const n = t.nBins;
  const v = t.values;
  const x = (shift_us - t.start_us) / t.step_us;
  if (!(x > 0) || x > t.points - 1) {
    out.fill(0, 0, n);
    return;
  }
  const h = t.step_us;
  if (t.order === 'linear') {
    let k = Math.floor(x);
    if (k > t.points - 2) k = t.points - 2;
    const a = k * n;
    for (let i = 0; i < n; i++) out[i] = (v[a + n + i]! - v[a + i]!) / h;
    return;
  }
  let k = Math.floor(x) - 1;
  if (k < 0) k = 0;
  else if (k > t.points - 4) k = t.points - 4;
  const p = x - k;
  // d/dp of the four Lagrange weights
  const d0 = -((p - 2) * (p - 3) + (p - 1) * (p - 3) + (p - 1) * (p - 2)) / 6;
  const d1 = ((p - 2) * (p - 3) + p * (p - 3) + p * (p - 2)) / 2;
  const d2 = -((p - 1) * (p - 3) + p * (p - 3) + p * (p - 1)) / 2;
  const d3 = ((p - 1) * (p - 2) + p * (p - 2) + p * (p - 1)) / 6;
  const r0 = k * n;
  for (let i = 0; i < n; i++) out[i] = (d0 * v[r0 + i]! + d1 * v[r0 + n + i]! + d2 * v[r0 + 2 * n + i]! + d3 * v[r0 + 3 * n + i]!) / h;
}
