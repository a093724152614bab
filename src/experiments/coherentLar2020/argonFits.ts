/**
 * Fits of the argon model: the maximum-likelihood point over EM parameters and nuisances
 * (penalised by the nuisance priors), and the collaboration's check, the number of CEvNS events
 * with the signal normalisation free (arXiv:2006.12659 Table 2: 159 ± 43), with its
 * −2Δln L curve and the significance against no CEvNS.
 *
 * Normal priors enter as Gaussian penalties ((x − μ)/σ)²; truncated normal priors as the same
 * penalty plus their bounds; uniform priors as bounds only (`src/likelihood/poissonFit.ts`).
 */
import { fitPoisson, type PoissonFitResult } from '../../likelihood/poissonFit.js';
import type { ArgonModel, ArgonNuisance } from './argonModel.js';

/**
 * Penalty and bounds of a nuisance prior (normal: penalty; truncated normal: penalty and bounds;
 * uniform: bounds).
 *
 * @param n - the nuisance
 * @returns the Gaussian penalty (or null) and the bounds, in the nuisance's units
 * @example priorPenalty(argonNuisances(release, 0)[0]).penalty // returns { mean: 0, sigma: 0.1 }
 */
export function priorPenalty(n: ArgonNuisance): { penalty: { mean: number; sigma: number } | null; lower: number; upper: number } {
  const p = n.prior;
  if (p.type === 'normal') return { penalty: { mean: p.mu, sigma: p.sigma }, lower: -Infinity, upper: Infinity };
  if (p.type === 'truncnormal') return { penalty: { mean: p.mu, sigma: p.sigma }, lower: p.min, upper: p.max };
  return { penalty: null, lower: p.min, upper: p.max };
}

/** Result of {@link fitArgon}. */
export interface ArgonFit {
  /** EM parameters at the minimum */
  theta: Float64Array;
  /** nuisances at the minimum */
  nu: Float64Array;
  /** CEvNS events at the minimum (in the 3-D window) */
  cevnsEvents: number;
  /** −2 ln L + penalties at the minimum (deviance form) */
  chi2: number;
  /** the raw fit (variables: [N_CEvNS if free], θ, ν) */
  fit: PoissonFitResult;
}

/** Options of {@link fitArgon}. */
export interface FitArgonOptions {
  /** fit the number of CEvNS events freely (the signal normalisation); default false */
  freeSignal?: boolean;
  /** hold the CEvNS event number fixed at this value (implies a free-normalisation parametrisation) */
  fixedCevnsEvents?: number;
  /** start values of θ (default the fixed point of the model, 0s) */
  theta0?: ArrayLike<number>;
  /** start values of ν (default the nominal values) */
  nu0?: ArrayLike<number>;
  /** scales of θ (default 1e-7 each) */
  thetaScales?: ArrayLike<number>;
  /** EM parameters held at their start values (indices into θ) */
  fixedTheta?: readonly number[];
  /** nuisances held at their start values (indices into ν) */
  fixedNu?: readonly number[];
  /**
   * centres of the nuisance penalties (default the prior means): toys draw them from the priors
   * (the "global observables" of a frequentist toy, Cranmer et al., CERN-OPEN-2012-016 §2)
   */
  penaltyCentres?: ArrayLike<number>;
}

/**
 * Maximum-likelihood fit of the argon model to its data.
 *
 * With `freeSignal`, the first variable is the number of CEvNS events N in the window, and the
 * CEvNS prediction is rescaled to N at every ν (so N is what the collaboration's free CEvNS
 * normalisation measures; the signal-rate nuisances then only act through the shape).
 *
 * @param model - the argon model
 * @param opts - options
 * @returns the fit
 * @example fitArgon(model, { freeSignal: true }).cevnsEvents // ≈ 159 with the released PDFs
 */
export function fitArgon(model: ArgonModel, opts: FitArgonOptions = {}): ArgonFit {
  const dT = model.physicsNames.length;
  const dN = model.nuisances.length;
  const free = opts.freeSignal === true || opts.fixedCevnsEvents !== undefined;
  const off = free ? 1 : 0;
  const n = off + dT + dN;
  const penalties: Array<{ mean: number; sigma: number } | null> = [];
  const lower: number[] = [];
  const upper: number[] = [];
  const scales: number[] = [];
  const x0: number[] = [];
  if (free) {
    penalties.push(null);
    lower.push(0);
    upper.push(Infinity);
    scales.push(10);
    x0.push(opts.fixedCevnsEvents ?? 100);
  }
  for (let k = 0; k < dT; k++) {
    penalties.push(null);
    lower.push(-Infinity);
    upper.push(Infinity);
    scales.push(opts.thetaScales?.[k] ?? 1e-7);
    x0.push(opts.theta0?.[k] ?? 0);
  }
  for (let k = 0; k < dN; k++) {
    const nz = model.nuisances[k]!;
    const p = priorPenalty(nz);
    penalties.push(p.penalty && opts.penaltyCentres ? { mean: opts.penaltyCentres[k]!, sigma: p.penalty.sigma } : p.penalty);
    lower.push(p.lower);
    upper.push(p.upper);
    scales.push(nz.width);
    x0.push(opts.nu0?.[k] ?? nz.nominal);
  }
  const parts = new Float64Array(model.nBins);
  const expected = (x: Float64Array, out: Float64Array): void => {
    const theta = x.subarray(off, off + dT);
    const nu = x.subarray(off + dT);
    if (!free) {
      model.expected(theta, nu, out);
      return;
    }
    // rescale the CEvNS part to N events: μ = bkg + N · cevns(1)/Σcevns(1)
    model.expected(theta, nu, out, 0);
    model.expected(theta, nu, parts, 1);
    let s = 0;
    for (let b = 0; b < out.length; b++) s += parts[b]! - out[b]!;
    const f = x[0]! / s;
    for (let b = 0; b < out.length; b++) out[b]! += f * (parts[b]! - out[b]!);
  };
  const fixed = [...(opts.fixedCevnsEvents !== undefined ? [0] : []), ...(opts.fixedTheta ?? []).map((k) => off + k), ...(opts.fixedNu ?? []).map((k) => off + dT + k)];
  const fit = fitPoisson({ nVars: n, nBins: model.nBins, data: model.data, expected, penalties, scales, lower, upper }, x0, { fixed });
  const theta = fit.x.slice(off, off + dT);
  const nu = fit.x.slice(off + dT);
  let cevnsEvents: number;
  if (free) cevnsEvents = fit.x[0]!;
  else {
    const a = new Float64Array(model.nBins);
    const b = new Float64Array(model.nBins);
    model.expected(theta, nu, a, 1);
    model.expected(theta, nu, b, 0);
    cevnsEvents = 0;
    for (let i = 0; i < a.length; i++) cevnsEvents += a[i]! - b[i]!;
  }
  return { theta, nu, cevnsEvents, chi2: fit.f, fit };
}

/** The CEvNS-count measurement: best fit, 68% interval from −2Δln L = 1, significance. */
export interface CevnsCountMeasurement {
  /** best-fit events */
  best: number;
  /** lower and upper 1σ ends (−2Δln L = 1) */
  interval: [number, number];
  /** −2Δln L at N = 0 */
  deltaChi2AtZero: number;
  /** √(−2Δln L at N = 0): the significance against no CEvNS (Wilks; one parameter) */
  significance: number;
  /** the curve: events and −2Δln L */
  curve: Array<{ events: number; deltaChi2: number }>;
  /** nuisances at the best fit */
  nu: Float64Array;
}

/**
 * Profiles −2Δln L in the number of CEvNS events (all nuisances profiled at every point).
 *
 * @param model - the argon model (θ held at its start values)
 * @param grid - events at which to evaluate the curve (default 0 … 400 in steps of 10)
 * @returns the measurement
 * @example measureCevnsCount(releaseTemplateModel).best // ≈ 159
 * Reference: Wilks, Ann. Math. Statist. 9 (1938) 60 (−2Δln L ~ χ²₁).
 */
export function measureCevnsCount(model: ArgonModel, grid: readonly number[] = Array.from({ length: 41 }, (_, i) => 10 * i)): CevnsCountMeasurement {
  const fixedTheta = Array.from({ length: model.physicsNames.length }, (_, k) => k);
  const best = fitArgon(model, { freeSignal: true, fixedTheta });
  const at = (N: number, nu0?: ArrayLike<number>): number => fitArgon(model, { fixedCevnsEvents: N, fixedTheta, nu0 }).chi2 - best.chi2;
  const curve = grid.map((events) => ({ events, deltaChi2: at(events, best.nu) }));
  const solve = (lo: number, hi: number): number => {
    // bisection for Δ = 1 between a point inside (Δ < 1) and one outside
    let a = lo;
    let b = hi;
    for (let i = 0; i < 40; i++) {
      const m = 0.5 * (a + b);
      if (at(m, best.nu) < 1) a = m;
      else b = m;
    }
    return 0.5 * (a + b);
  };
  const N = best.cevnsEvents;
  let hi = N + 50;
  while (at(hi, best.nu) < 1) hi += 50;
  let lo = Math.max(0, N - 50);
  while (lo > 0 && at(lo, best.nu) < 1) lo = Math.max(0, lo - 50);
  const d0 = at(0, best.nu);
  return {
    best: N,
    interval: [lo === 0 && d0 < 1 ? 0 : solve(N, lo), solve(N, hi)],
    deltaChi2AtZero: d0,
    significance: Math.sqrt(Math.max(0, d0)),
    curve,
    nu: best.nu,
  };
}

/** Pseudo-data of one toy: the model at nominal nuisances and fixed θ, Poisson in every bin, and penalty centres drawn from the priors. */
interface ArgonToyData {
  theta: Float64Array;
  nu: Float64Array;
  /** true number of CEvNS events (signal part of the expectation) */
  nTrue: number;
  data: Float64Array;
  centres: Float64Array;
}

/**
 * Draws one toy's pseudo-data and randomised global observables (penalty centres).
 * Reference: Cranmer et al., CERN-OPEN-2012-016 (toys with randomised global observables).
 */
function argonToyData(model: ArgonModel, draw: (lambda: number) => number, normal: () => number): ArgonToyData {
  const theta = new Float64Array(model.physicsNames.length);
  const nu = Float64Array.from(model.nuisances, (n) => n.nominal);
  const mu = new Float64Array(model.nBins);
  const bkg = new Float64Array(model.nBins);
  model.expected(theta, nu, mu, 1);
  model.expected(theta, nu, bkg, 0);
  let nTrue = 0;
  for (let b = 0; b < mu.length; b++) nTrue += mu[b]! - bkg[b]!;
  const data = mu.map((v) => draw(v));
  const centres = Float64Array.from(model.nuisances, (n) => {
    const p = priorPenalty(n).penalty;
    return p ? p.mean + p.sigma * normal() : n.nominal;
  });
  return { theta, nu, nTrue, data, centres };
}

/** Pulls of one toy. */
export interface ArgonToyPulls {
  /** (N̂ − N_true)/σ̂_N of the CEvNS events */
  cevns: number;
  /** (ν̂_k − ν_true,k)/σ̂_k per nuisance */
  nuisances: Float64Array;
  /** the fit converged */
  converged: boolean;
}

/**
 * One toy: Poisson pseudo-data of the model at the nominal nuisances with N_true CEvNS events
 * (the SM prediction), penalty centres drawn from the priors, refit with the CEvNS events free.
 *
 * @param model - the argon model (θ at its fixed values)
 * @param draw - Poisson variate generator (rng bound), e.g. `(l) => poissonVariate(rng, l)`
 * @param normal - standard-normal generator (rng bound)
 * @returns pulls (σ̂ from the curvature at the minimum)
 * @example argonToy(model, (l) => poissonVariate(rng, l), () => rng.standardNormal()).cevns
 * Reference: Cranmer et al., CERN-OPEN-2012-016 (toys with randomised global observables).
 */
export function argonToy(model: ArgonModel, draw: (lambda: number) => number, normal: () => number): ArgonToyPulls {
  const { theta, nu, nTrue, data, centres } = argonToyData(model, draw, normal);
  const fixedTheta = Array.from({ length: theta.length }, (_, k) => k);
  const f = fitArgon(model.withData(data), { freeSignal: true, fixedCevnsEvents: undefined, fixedTheta, penaltyCentres: centres, nu0: nu });
  const n = f.fit.x.length;
  const sd = (k: number): number => Math.sqrt(f.fit.covariance[k * n + k]!);
  const off = 1 + theta.length;
  return {
    cevns: (f.cevnsEvents - nTrue) / sd(0),
    nuisances: Float64Array.from(model.nuisances, (_, k) => (f.nu[k]! - nu[k]!) / sd(off + k)),
    converged: f.fit.converged,
  };
}

/** One toy of the coverage check: −2Δln L at the true values (profile likelihood). */
export interface ArgonToyCoverage {
  /** −2Δln L of the CEvNS event number at its true value (all nuisances profiled) */
  deltaChi2Cevns: number;
  /** −2Δln L of the pulse shift at its true value (CEvNS events and the other nuisances profiled) */
  deltaChi2Shift: number;
  /** the free fit converged */
  converged: boolean;
}

/**
 * One toy for the coverage of profile-likelihood intervals: pseudo-data and penalty centres as in
 * {@link argonToy}; the free fit, then fits with the CEvNS events fixed at their true value and
 * with the pulse shift fixed at its true value. The true value lies inside the 68.27% (90%)
 * interval {x : −2Δln L(x) < 1 (2.71)} exactly when the returned Δ is below that level, so the
 * fraction of toys below the level is the interval's coverage. Every fixed fit is started both at
 * the free fit's minimiser and at the nominal values, and the lower χ² is kept (the profile in the
 * pulse shift has several local minima).
 *
 * @param model - the argon model (θ at its fixed values); must have a `pulse-shift` nuisance
 * @param draw - Poisson variate generator (rng bound)
 * @param normal - standard-normal generator (rng bound)
 * @returns the two −2Δln L values
 * @example argonToyCoverage(model, (l) => poissonVariate(rng, l), () => rng.standardNormal()).deltaChi2Cevns < 1
 * Reference: Cowan, Cranmer, Gross, Vitells, Eur. Phys. J. C 71 (2011) 1554 (profile likelihood
 * ratio; coverage by toys); Cranmer et al., CERN-OPEN-2012-016 (randomised global observables).
 */
export function argonToyCoverage(model: ArgonModel, draw: (lambda: number) => number, normal: () => number): ArgonToyCoverage {
  const { theta, nu, nTrue, data, centres } = argonToyData(model, draw, normal);
  const toy = model.withData(data);
  const fixedTheta = Array.from({ length: theta.length }, (_, k) => k);
  const base = { freeSignal: true, fixedTheta, penaltyCentres: centres } as const;
  const best = fitArgon(toy, { ...base, nu0: nu });
  const lower = (a: ArgonFit, b: ArgonFit): ArgonFit => (b.chi2 < a.chi2 ? b : a);
  const atN = lower(fitArgon(toy, { ...base, fixedCevnsEvents: nTrue, nu0: best.nu }), fitArgon(toy, { ...base, fixedCevnsEvents: nTrue, nu0: nu }));
  const iShift = model.nuisances.findIndex((n) => n.effect === 'pulse-shift');
  if (iShift < 0) throw new Error('argonToyCoverage: the model has no pulse-shift nuisance');
  const startBest = Float64Array.from(best.nu);
  startBest[iShift] = nu[iShift]!;
  const atShift = lower(fitArgon(toy, { ...base, fixedNu: [iShift], nu0: startBest }), fitArgon(toy, { ...base, fixedNu: [iShift], nu0: nu }));
  // the free fit may itself stop in a local minimum above a constrained one: the minimum is the lowest seen
  const chi2Min = Math.min(best.chi2, atN.chi2, atShift.chi2);
  return { deltaChi2Cevns: atN.chi2 - chi2Min, deltaChi2Shift: atShift.chi2 - chi2Min, converged: best.fit.converged };
}
