/**
 * The fast forward model: expected counts per bin as an exact quadratic in the free EM parameters.
 *
 * Built once per experiment and parameter set by `buildForwardModel` (or
 * `buildForwardModelFromSpectra` for any spectrum function); afterwards every evaluation costs
 * O(bins × terms) multiply-adds with no allocation, over only the monomials that the physics allows
 * to be nonzero (cross terms between parameters of different flavours, between incoherent
 * parameters, and the linear terms of incoherent parameters expanded about 0 are exactly zero). Physics basis: every EM parameter enters the
 * scattering amplitude linearly or adds an incoherent square (docs/physics.md §4, §6), and flux,
 * detector response and binning are linear in the cross section, so the reference path with fixed
 * quadrature grids is itself an exact polynomial of degree ≤ 2 (issue 3).
 */
import type { EmParameterName, Flavor } from '../physics/parameters.js';
import type { QuadraticTerm } from './quadraticMonomials.js';

/** Detection channels of a spectrum (same names as `Channel` of the reference path). */
export type ForwardChannel = 'cevns' | 'electron';

/** All channels in storage order. */
export const FORWARD_CHANNELS: readonly ForwardChannel[] = Object.freeze(['cevns', 'electron'] as ForwardChannel[]);

/** Per-flavour and per-channel parts of a spectrum (the shape returned by the reference path). */
export interface SpectrumParts {
  /** Expected counts per bin (all flavours and channels). */
  expected: Float64Array;
  /** Expected counts per bin by neutrino flavour. */
  byFlavor: Record<Flavor, Float64Array>;
  /** Expected counts per bin by channel. */
  byChannel: Record<ForwardChannel, Float64Array>;
}

/** Destination of `ForwardModel.evaluateParts`; arrays of length nBins, written in place. */
export interface SpectrumPartsOut {
  /** If given, receives the total expected counts. */
  expected?: Float64Array;
  /** Receives the per-flavour counts. */
  byFlavor: Record<Flavor, Float64Array>;
  /** Receives the per-channel counts. */
  byChannel: Record<ForwardChannel, Float64Array>;
}

/** A precomputed quadratic forward model (see module header). */
export interface ForwardModel {
  /** Free parameters, in the order of θ. */
  readonly paramNames: readonly EmParameterName[];
  /** Number of bins. */
  readonly nBins: number;
  /**
   * Number of stored monomials: those that can be nonzero given how each parameter enters each
   * flavour (physics structure), at most `fullTerms`.
   */
  readonly nTerms: number;
  /** Number of monomials of a full quadratic in the free parameters, (d+1)(d+2)/2. */
  readonly fullTerms: number;
  /** The stored monomials (variable indices into `paramNames`), in `termLabels` order. */
  readonly terms: readonly QuadraticTerm[];
  /** Bytes held by all coefficient arrays (total and parts). */
  readonly basisBytes: number;
  /** Number of reference-path evaluations used to build the model (scales, basis, verification). */
  readonly referenceEvaluations: number;
  /** Wall time spent building, ms. */
  readonly precompute_ms: number;
  /** Expansion point θ0 (the fixed values of the free parameters), in parameter units. */
  readonly center: Float64Array;
  /** Steps s_k in which the stored coefficients are expressed (u = (θ − center)/scale), parameter units. */
  readonly scale: Float64Array;
  /** Balanced steps of each spectrum component (one per channel when built per channel). */
  readonly componentScales: readonly Float64Array[];
  /**
   * Coefficients of the total counts, bin-major `[nBins × nTerms]`, multiplying the monomials of
   * u = (θ − center)/scale in `termLabels` order (read-only; exposed for exact gradients and benchmarks).
   */
  readonly totalCoefficients: Float64Array;
  /** Labels of the stored monomials in storage order, e.g. `['1', 'qee', 'qmumu', 'qee^2', 'qmumu^2']`. */
  readonly termLabels: readonly string[];
  /** Largest relative deviation |fast − ref|/|ref| seen at the build-time verification points. */
  readonly verificationMaxRelDiff: number;
  /**
   * Expected counts per bin at θ. Allocation-free.
   * @param theta free-parameter values in `paramNames` order (parameter units)
   * @param out destination, length ≥ nBins
   */
  evaluate(theta: ArrayLike<number>, out: Float64Array): void;
  /**
   * Per-flavour and per-channel parts (and optionally the total) at θ. Allocation-free.
   * @param theta free-parameter values in `paramNames` order
   * @param out destination arrays, each of length ≥ nBins
   */
  evaluateParts(theta: ArrayLike<number>, out: SpectrumPartsOut): void;
  /**
   * Expected counts for n points. Allocation-free.
   * @param thetas row-major n × d parameter values
   * @param n number of points
   * @param out row-major n × nBins destination
   */
  evaluateBatch(thetas: ArrayLike<number>, n: number, out: Float64Array): void;
}
