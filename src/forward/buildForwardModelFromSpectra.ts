/**
 * Builds a `ForwardModel` from any spectrum function that is an exact quadratic in the free
 * parameters (in practice the reference path `computeSpectrum`; see `buildForwardModel`).
 *
 * Steps (issue 3; docs/performance.md "Forward model"):
 * 1. pack total, per-flavour and per-channel counts into one vector per evaluation;
 * 2. balance the finite-difference steps (`balancedScales`), starting from `initialParameterStep`;
 * 3. identify the quadratic (`identifyQuadratic`), by default only its structurally nonzero
 *    monomials (`nonzeroQuadraticTerms`: per flavour, the coherent parameters' linear, square and
 *    cross terms and the incoherent ones' squares); the terms a flavour cannot have are set to
 *    exactly zero in that flavour's part, and the kernel runs over the union only. With
 *    `structure: 'full'`, all (d+1)(d+2)/2 monomials with 1 + 2d + d(d−1)/2 evaluations;
 * 4. verify at d + 1 further points (u_k = 2 along each axis, catching any cubic or
 *    non-polynomial dependence per parameter, and one joint point for the cross terms) and throw
 *    if any output deviates by more than `verifyRelTol`·|ref| + `verifyAbsTol`; a wrong structure
 *    assumption (a cross term between flavours, a linear term of a transition charge, a parameter
 *    acting on a flavour it should not) fails here like any other non-quadratic dependence;
 * 5. with several components (one per channel), repeat 2–4 per component and add the fits.
 */
import { emParams, FLAVORS, type EmParameterName, type EmParams } from '../physics/parameters.js';
import { balancedScales } from './balancedScales.js';
import { FORWARD_CHANNELS, type ForwardModel, type SpectrumParts } from './forwardModel.js';
import { identifyQuadratic, type QuadraticFit } from './identifyQuadratic.js';
import { initialParameterStep } from './initialParameterStep.js';
import { nonzeroQuadraticTerms } from './nonzeroQuadraticTerms.js';
import { fullQuadraticTerms, quadraticTermLabels, quadraticTermCount, type QuadraticTerm } from './quadraticMonomials.js';
import { quadraticSurface } from './quadraticSurface.js';
import { rescaleQuadraticFit } from './rescaleQuadraticFit.js';

/** Options of `buildForwardModelFromSpectra` / `buildForwardModel`. */
export interface ForwardModelOptions {
  /** First-guess steps per free parameter (parameter units); default `initialParameterStep`. */
  initialSteps?: Partial<Record<EmParameterName, number>>;
  /** Skip `balancedScales` and use the initial steps as they are (default false). */
  fixedSteps?: boolean;
  /** Relative tolerance of the build-time verification (default 1e-9). */
  verifyRelTol?: number;
  /** Absolute tolerance of the build-time verification, in counts (default 1e-12). */
  verifyAbsTol?: number;
  /** Skip the build-time verification (default false). */
  skipVerification?: boolean;
  /**
   * Which monomials to identify and store: `physics` (default) only those that can be nonzero given
   * how each parameter enters each flavour (`nonzeroQuadraticTerms`, from `parameterCoupling`);
   * `full` all (d+1)(d+2)/2, for a spectrum function without that structure.
   */
  structure?: 'physics' | 'full';
}

/** Number of packed blocks: total, three flavours, two channels. */
const N_BLOCKS = 1 + FLAVORS.length + FORWARD_CHANNELS.length;

/** A spectrum function: counts per bin at a full EM parameter point. */
export type SpectrumFunction = (p: EmParams) => SpectrumParts;

/**
 * Builds the fast forward model from one spectrum function or from several components whose
 * sum is the spectrum (e.g. one per detection channel).
 *
 * Components matter for accuracy, not for exactness: a single finite-difference step per
 * parameter cannot balance outputs whose natural scales differ by orders of magnitude (the
 * millicharge step that balances electron scattering, ~1e-10 e, is 3000 times smaller than the
 * one that balances CEvNS, ~3e-7 e, docs/physics.md §4, §6). Each component therefore gets its own
 * balanced steps and its own identification; the fits are then re-expressed in the first
 * component's steps (`rescaleQuadraticFit`) and added term by term.
 * @param components spectrum function(s); each must be exactly quadratic in the free parameters,
 *   with the flavour structure of the physics unless `opts.structure` is `full`
 *   (e.g. `(p) => computeSpectrum(expRestrictedToOneChannel, p)`); their outputs are added
 * @param freeParams free parameters, in the order θ will use; no duplicates
 * @param fixed values of all other parameters (and the expansion point of the free ones);
 *   missing entries take the `emParams` defaults
 * @param opts options
 * @returns the model; throws if verification shows a non-quadratic dependence
 * @example buildForwardModelFromSpectra((p) => computeSpectrum(exp, p), ['qee', 'qmumu']).evaluate([1e-8, 0], out)
 * Reference: issue 3; docs/physics.md §4, §6 (why the rates are quadratic).
 */
export function buildForwardModelFromSpectra(
  components: SpectrumFunction | readonly SpectrumFunction[],
  freeParams: readonly EmParameterName[],
  fixed: Partial<EmParams> = {},
  opts: ForwardModelOptions = {},
): ForwardModel {
  const started = performance.now();
  if (new Set(freeParams).size !== freeParams.length) throw new Error(`buildForwardModel: duplicate free parameters in [${freeParams.join(', ')}]`);
  const list = typeof components === 'function' ? [components] : components;
  if (list.length === 0) throw new Error('buildForwardModel: no spectrum components');
  const base = emParams(fixed);
  const d = freeParams.length;
  const center = Float64Array.from(freeParams, (n) => base[n]);
  const guess = Float64Array.from(freeParams, (n) => opts.initialSteps?.[n] ?? initialParameterStep(n));
  const structure = opts.structure ?? 'physics';
  if (structure !== 'physics' && structure !== 'full') throw new Error(`buildForwardModel: unknown structure "${String(structure)}" (use physics or full)`);
  const nonzero = structure === 'physics' ? nonzeroQuadraticTerms(freeParams, center) : undefined;
  const terms: readonly QuadraticTerm[] = nonzero ? nonzero.terms : fullQuadraticTerms(d);
  let nBins = -1;
  let referenceEvaluations = 0;
  let verificationMaxRelDiff = 0;
  const componentScales: Float64Array[] = [];
  let sum: QuadraticFit | undefined;

  for (const spectrumAt of list) {
    const p: EmParams = { ...base };
    const packed = (theta: Float64Array): Float64Array => {
      for (let k = 0; k < d; k++) p[freeParams[k]] = theta[k];
      const s = spectrumAt(p);
      referenceEvaluations++;
      if (nBins < 0) nBins = s.expected.length;
      const v = new Float64Array(N_BLOCKS * nBins);
      let off = 0;
      const put = (a: Float64Array): void => {
        if (a.length !== nBins) throw new Error(`buildForwardModel: spectrum part has ${a.length} bins, expected ${nBins}`);
        v.set(a, off);
        off += nBins;
      };
      put(s.expected);
      for (const f of FLAVORS) put(s.byFlavor[f]);
      for (const c of FORWARD_CHANNELS) put(s.byChannel[c]);
      return v;
    };
    const balanced = opts.fixedSteps ? undefined : balancedScales(packed, center, guess, 3, nonzero?.shapes);
    const scale = balanced ? balanced.scale : guess;
    componentScales.push(scale);
    const fit = identifyQuadratic(packed, center, scale, terms);
    // Terms a flavour cannot have are exactly zero in its part (rounding residue of the shared
    // differences would otherwise remain there).
    if (nonzero) {
      FLAVORS.forEach((f, i) => {
        nonzero.byFlavor[f].forEach((can, t) => can || fit.coefficients.fill(0, t * fit.nOut + (1 + i) * nBins, t * fit.nOut + (2 + i) * nBins));
      });
    }
    // A parameter this component does not depend on at all (bit-identical outputs, e.g. ν_τ
    // properties at a π-DAR source with structure 'full') gets exactly zero coefficients instead
    // of rounding residue.
    if (balanced) balanced.active.forEach((on, k) => on || zeroTermsOf(fit, k));
    if (!opts.skipVerification) {
      verificationMaxRelDiff = Math.max(verificationMaxRelDiff, verifyFit(fit, packed, freeParams, opts.verifyRelTol ?? 1e-9, opts.verifyAbsTol ?? 1e-12, nonzero !== undefined));
    }
    if (!sum) sum = fit;
    else {
      const r = rescaleQuadraticFit(fit, sum.scale);
      const C = Float64Array.from(sum.coefficients);
      for (let i = 0; i < C.length; i++) C[i] += r.coefficients[i];
      sum = { ...sum, coefficients: C, evaluations: sum.evaluations + fit.evaluations };
    }
  }
  const fit = sum!;
  const total = quadraticSurface(fit, 0, nBins);
  const parts = quadraticSurface(fit, nBins, (N_BLOCKS - 1) * nBins);
  const nParts = (N_BLOCKS - 1) * nBins;
  const scratch = new Float64Array(nParts);
  return {
    paramNames: Object.freeze([...freeParams]),
    nBins,
    nTerms: fit.nTerms,
    fullTerms: quadraticTermCount(d),
    terms: fit.terms,
    basisBytes: total.coefficients.byteLength + parts.coefficients.byteLength,
    referenceEvaluations,
    precompute_ms: performance.now() - started,
    center,
    scale: fit.scale,
    componentScales,
    totalCoefficients: total.coefficients,
    termLabels: Object.freeze(quadraticTermLabels(freeParams, fit.terms)),
    verificationMaxRelDiff,
    // the kernel itself (no wrapper): one call target per model at the caller's call site
    evaluate: total.evaluate,
    evaluateParts(theta, out) {
      if (out.expected) total.evaluate(theta, out.expected);
      parts.evaluate(theta, scratch);
      let off = 0;
      for (let f = 0; f < FLAVORS.length; f++, off += nBins) {
        const dst = out.byFlavor[FLAVORS[f]];
        for (let b = 0; b < nBins; b++) dst[b] = scratch[off + b];
      }
      for (let c = 0; c < FORWARD_CHANNELS.length; c++, off += nBins) {
        const dst = out.byChannel[FORWARD_CHANNELS[c]];
        for (let b = 0; b < nBins; b++) dst[b] = scratch[off + b];
      }
    },
    evaluateBatch(thetas, n, out) {
      for (let i = 0; i < n; i++) total.evaluate(thetas, out, i * nBins, i * d);
    },
  };
}

/** Sets every coefficient of a monomial containing variable k to zero (in place). */
function zeroTermsOf(fit: QuadraticFit, k: number): void {
  fit.terms.forEach((term, t) => (term as readonly number[]).includes(k) && fit.coefficients.fill(0, t * fit.nOut, (t + 1) * fit.nOut));
}

/**
 * Checks a fit against f at d + 1 points off the identification stencil: u_k = 2 on each axis
 * (a cubic or non-polynomial dependence on parameter k shows there) and one joint point with
 * mixed signs (cross terms). With a structured fit, a monomial wrongly assumed to be zero shows
 * up at these points too. Throws naming the parameter and the output block on failure.
 * @returns the largest relative deviation seen
 */
function verifyFit(
  fit: QuadraticFit,
  f: (theta: Float64Array) => Float64Array,
  names: readonly string[],
  relTol: number,
  absTol: number,
  structured: boolean,
): number {
  const nBins = fit.nOut / N_BLOCKS;
  const blocks = ['total', ...FLAVORS, ...FORWARD_CHANNELS];
  const d = fit.dim;
  const all = quadraticSurface(fit);
  const fast = new Float64Array(fit.nOut);
  const theta = new Float64Array(d);
  let worst = 0;
  for (let k = 0; k <= d; k++) {
    for (let j = 0; j < d; j++) theta[j] = fit.center[j] + (k === d ? (j % 2 === 0 ? 1.3 : -0.7) : j === k ? 2 : 0) * fit.scale[j];
    const ref = f(theta);
    all.evaluate(theta, fast);
    for (let o = 0; o < fit.nOut; o++) {
      const diff = Math.abs(fast[o] - ref[o]);
      if (ref[o] !== 0) worst = Math.max(worst, diff / Math.abs(ref[o]));
      if (diff > relTol * Math.abs(ref[o]) + absTol) {
        const what = k === d ? `the cross terms of [${names.join(', ')}]` : `parameter ${names[k]}`;
        const kind = structured ? 'an exact quadratic with the flavour structure of the physics (parameterCoupling)' : 'an exact quadratic';
        throw new Error(
          `buildForwardModel: the spectrum is not ${kind} in ${what} (${blocks[Math.floor(o / nBins)]} part, bin ${o % nBins}: fast ${fast[o]} vs reference ${ref[o]}). ` +
            'Fix: keep it fixed, or use cachedReference / an interpolated grid for non-polynomial parameters' +
            (structured ? "; for a spectrum function without that structure build with structure: 'full'." : '.'),
        );
      }
    }
  }
  return worst;
}
