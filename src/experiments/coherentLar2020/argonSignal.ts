/**
 * The CEvNS signal of COHERENT CENNS-10 computed by nuem, following the recipe of the release's
 * companion note (arXiv:2006.12659 §5, step 1): recoil spectrum → quenching factor QF = a + b·T →
 * Gaussian resolution σ = A√E → acceptance ε(E_reco) → counts per reconstructed-energy bin
 * (models/data/coherent-lar-2020). Energy bins only: the F90 and t_trig distributions are applied
 * by `argonModel.ts`.
 *
 * Reference path: the project's spectrum plan (recoil quadrature, flux-weighted neutrino-energy
 * nodes, cross-section terms; src/physics/spectrum/spectrumPlan.ts) of an Ar-40 target, with the
 * CENNS-10 response matrix R_ij(a, b) = P(bin i, accepted | T_j) (src/physics/detectors/
 * cenns10Response.ts) in place of the generic one. Counts are then exactly linear in R.
 *
 * Fast path: the quenching nuisances enter through R only. R is expanded in
 * u_a = (a − a₀)/σ_a and u_b = (b − b₀)/σ_b as a quartic along each axis (five-point central
 * differences at 0, ±1σ, ±2σ) plus the u_a·u_b term (from the corner (1σ, 1σ)):
 *   R(u) ≈ R₀ + Σ_{k=1..4} (u_a^k R_{a,k} + u_b^k R_{b,k}) + u_a u_b R_ab,
 * and the ten monomial matrices are stacked into one 120-row matrix, so ONE quadratic forward model
 * (src/forward) in the free EM parameters gives all six at once, exact in the EM parameters. The
 * expansion error in (u_a, u_b) is tested against the reference at ±1σ and ±2σ
 * (test/experiments/coherentLar2020/argon.test.ts).
 *
 * Target: Ar-40 nuclei, with the number of atoms of natural argon (molar mass 39.948 g/mol,
 * IUPAC conventional atomic weight) in the 24.4 kg fiducial mass. Natural argon's ³⁶Ar (0.334%)
 * and ³⁸Ar (0.063%) change the SM rate by about −0.1% (tested), far below the 2.5% mass and
 * 10% flux uncertainties, so they are not modelled separately.
 */
import { buildForwardModelFromSpectra, type ForwardModel, type SpectrumParts } from '../../forward/index.js';
import { larBinProbabilities, larQuenchedEnergy_keVee, type Cenns10Efficiency } from '../../physics/detectors/cenns10Response.js';
import { defaultHelmConfig, type FormFactorConfig } from '../../physics/nuclei/formFactor.js';
import type { NuclearTargetId } from '../../physics/nuclei/nuclearTarget.js';
import { emParams, type EmParameterName, type EmParams, type Flavor } from '../../physics/parameters.js';
import { evaluateSpectrumPlan, spectrumPlan } from '../../physics/spectrum/computeSpectrum.js';
import type { Experiment } from '../../physics/spectrum/experiment.js';
import type { SpectrumPlan } from '../../physics/spectrum/spectrumPlan.js';
import { LAR_BINNING, type LarRelease } from './release.js';

/** Molar mass of natural argon, g/mol (IUPAC conventional atomic weight 39.948). */
export const NATURAL_ARGON_MOLAR_MASS_g_per_mol = 39.948;

/** Options of the argon signal. */
export interface ArgonSignalOptions {
  /** nuclear form factor (default Helm with the Ar default radius of src/physics/nuclei/formFactor.ts) */
  formFactor?: FormFactorConfig;
  /** nuclear target id (default 'Ar40') */
  nucleus?: NuclearTargetId;
  /** multiplies every quadrature grid (convergence checks; default 1) */
  gridScale?: number;
}

/**
 * The physics `Experiment` of CENNS-10 at the nominal quenching factor: target, beam, exposure,
 * energy axis. Its `response` (a Gaussian response with the release QF) only sets the recoil
 * integration range and break points of the plan; the counts use `argonResponseMatrix`.
 *
 * @param release - the release (parameters)
 * @param opts - form factor, nucleus
 * @returns the experiment (lower edge at the first acceptance node, 0.25 keVee, below which ε = 0)
 * @example argonPhysicsExperiment(release).beam.baseline_m // returns 27.5
 * Reference: arXiv:2006.12659 §2.8 (exposure, distance, mass, ν/proton, QF, resolution).
 */
export function argonPhysicsExperiment(release: LarRelease, opts: ArgonSignalOptions = {}): Experiment {
  const P = release.parameters;
  const edges = [...LAR_BINNING.energyEdges_keVee];
  edges[0] = release.efficiency.energy_keVee[0]!;
  return {
    id: 'coherent-lar-2020',
    title: 'COHERENT CENNS-10 liquid argon 2020 (Analysis A)',
    file: '',
    dataFiles: [],
    target: {
      mass_kg: P.fiducialMass_kg.value,
      molarMass_g_per_mol: NATURAL_ARGON_MOLAR_MASS_g_per_mol,
      elements: [{ atom: 'Ar', nucleus: opts.nucleus ?? 'Ar40', atomsPerFormulaUnit: 1 }],
      formFactor: opts.formFactor ?? defaultHelmConfig(18),
    },
    beam: { id: 'SNS', nuPerFlavorPerProton: P.nuPerFlavorPerProton.value, protonsOnTarget: P.protonsOnTarget, baseline_m: P.distance_m },
    exposure: { type: 'fixed' },
    channels: ['cevns'],
    unit: 'keVee',
    edges,
    response: {
      type: 'gaussian',
      resolution: { sigma0_keV: P.resolutionA_sqrtkeVee, threshold_keV: 1, form: 'sqrt-ratio' },
      efficiency: 1,
      // MeVnr → MeVee quartic: E = a T + (1000 b) T² with T in MeV
      nuclearQuenching: [P.qfA.value, P.qfB.value * 1e3, 0, 0],
    },
    timingFactors: { numu: 1, nue: 1, numubar: 1 },
  };
}

/**
 * CENNS-10 response matrix on recoil nodes: R[i·n + j] = P(reconstructed in energy bin i and
 * accepted | recoil T_j), for QF = a + b·T.
 *
 * @param nodes_keVnr - recoil nodes T_j (keVnr)
 * @param edges_keVee - reconstructed-energy edges (keVee)
 * @param efficiency - acceptance table
 * @param resolutionA - σ/E · √E (keVee^½)
 * @param a - QF intercept
 * @param b - QF slope (per keVnr)
 * @returns row-major matrix (bins × nodes)
 * @example argonResponseMatrix(Float64Array.of(40), [0, 10, 20], eff, 0.58, 0.246, 0.00078) // ≈ [0.5, 0.4]
 * Reference: arXiv:2006.12659 §5 steps 1(a)–(e).
 */
export function argonResponseMatrix(nodes_keVnr: ArrayLike<number>, edges_keVee: ArrayLike<number>, efficiency: Cenns10Efficiency, resolutionA: number, a: number, b: number): Float64Array {
  const nB = edges_keVee.length - 1;
  const n = nodes_keVnr.length;
  const R = new Float64Array(nB * n);
  const col = new Float64Array(nB);
  for (let j = 0; j < n; j++) {
    larBinProbabilities(larQuenchedEnergy_keVee(nodes_keVnr[j]!, a, b), edges_keVee, efficiency, resolutionA, col);
    for (let i = 0; i < nB; i++) R[i * n + j] = col[i]!;
  }
  return R;
}

/** The plan with another response matrix (nRows rows) in place of the generic one. */
function planWithResponse(plan: SpectrumPlan, R: Float64Array, nRows: number): SpectrumPlan {
  const cp = plan.channels[0]!;
  // evaluateSpectrumPlan reads the number of output rows from the edges: give it nRows + 1 of them
  const experiment: Experiment = { ...plan.experiment, edges: Array.from({ length: nRows + 1 }, (_, i) => i) };
  return { ...plan, experiment, channels: [{ ...cp, response: R }] };
}

/**
 * Reference signal: accepted CEvNS counts per reconstructed-energy bin and flavour, integrated
 * over all arrival times, for any EM parameters and quenching factor.
 *
 * @param release - the release
 * @param p - EM parameters (emParams())
 * @param qf - quenching factor (a, b per keVnr); default the release values
 * @param opts - options
 * @returns counts per energy bin (12) for each flavour
 * @example argonSignalReference(release, emParams()).nue.reduce((x, y) => x + y) // ≈ 55 events
 * Reference: arXiv:2006.12659 §5; docs/physics.md §5 (cross section).
 */
export function argonSignalReference(release: LarRelease, p: EmParams, qf?: { a: number; b: number }, opts: ArgonSignalOptions = {}): Record<Flavor, Float64Array> {
  const P = release.parameters;
  const plan = spectrumPlan(argonPhysicsExperiment(release, opts), opts.gridScale ?? 1);
  const edges = LAR_BINNING.energyEdges_keVee;
  const R = argonResponseMatrix(plan.channels[0]!.recoil.nodes_keV, edges, release.efficiency, P.resolutionA_sqrtkeVee, qf?.a ?? P.qfA.value, qf?.b ?? P.qfB.value);
  const s = evaluateSpectrumPlan(planWithResponse(plan, R, edges.length - 1), p);
  return s.byFlavor;
}

/** Number of quenching monomials of the expansion: 1, u_a … u_a⁴, u_b … u_b⁴, u_a·u_b. */
export const QF_MONOMIALS = 10;

/** The fast argon signal (energy bins), exact in the free EM parameters. */
export interface ArgonSignalModel {
  /** free EM parameters, in θ order */
  readonly paramNames: readonly EmParameterName[];
  /** the stacked forward model: 240 rows, [prompt; delayed] × 10 quenching monomials × 12 energy bins */
  readonly forward: ForwardModel;
  /** QF centre and 1σ (a, b) used for u_a, u_b */
  readonly qf: { a0: number; sa: number; b0: number; sb: number };
  /**
   * Prompt (ν_μ) and delayed (ν_e + ν̄_μ) counts per energy bin at θ and QF (a, b). Allocation-free.
   * @param theta free EM parameters
   * @param a QF intercept
   * @param b QF slope (per keVnr)
   * @param prompt out: 12 values
   * @param delayed out: 12 values
   * @param byFlavor optional out: per-flavour counts (12 values each)
   */
  evaluate(theta: ArrayLike<number>, a: number, b: number, prompt: Float64Array, delayed: Float64Array, byFlavor?: Record<Flavor, Float64Array>): void;
  /**
   * Derivatives of the prompt and delayed counts per energy bin with respect to a and b (per unit
   * of a and of b), at θ and (a, b). Allocation-free.
   * @param theta free EM parameters
   * @param a QF intercept
   * @param b QF slope
   * @param out four arrays of 12: ∂prompt/∂a, ∂delayed/∂a, ∂prompt/∂b, ∂delayed/∂b
   */
  derivatives(theta: ArrayLike<number>, a: number, b: number, out: [Float64Array, Float64Array, Float64Array, Float64Array]): void;
}

/**
 * Builds the fast argon signal.
 *
 * @param release - the release
 * @param freeParams - free EM parameters (θ order)
 * @param fixed - other EM parameters (and the expansion point)
 * @param opts - options
 * @returns the model
 * @example buildArgonSignalModel(release, ['qee']).evaluate([0], 0.246, 0.00078, prompt, delayed)
 * Reference: module header; src/forward/buildForwardModelFromSpectra.ts.
 */
export function buildArgonSignalModel(release: LarRelease, freeParams: readonly EmParameterName[], fixed: Partial<EmParams> = {}, opts: ArgonSignalOptions = {}): ArgonSignalModel {
  const P = release.parameters;
  const plan = spectrumPlan(argonPhysicsExperiment(release, opts), opts.gridScale ?? 1);
  const nodes = plan.channels[0]!.recoil.nodes_keV;
  const edges = LAR_BINNING.energyEdges_keVee;
  const nE = edges.length - 1;
  const n = nodes.length;
  const a0 = P.qfA.value;
  const sa = P.qfA.sigma;
  const b0 = P.qfB.value;
  const sb = P.qfB.sigma;
  const Rat = (ua: number, ub: number): Float64Array => argonResponseMatrix(nodes, edges, release.efficiency, P.resolutionA_sqrtkeVee, a0 + ua * sa, b0 + ub * sb);
  // 5-point central differences per axis (exact for a quartic in each u) and one corner for u_a·u_b
  const R0 = Rat(0, 0);
  const A = [Rat(-2, 0), Rat(-1, 0), Rat(1, 0), Rat(2, 0)];
  const B = [Rat(0, -2), Rat(0, -1), Rat(0, 1), Rat(0, 2)];
  const Rpp = Rat(1, 1);
  const block = nE * n;
  const stacked = new Float64Array(QF_MONOMIALS * block);
  const axis = (m2: number, m1: number, p1: number, p2: number, f0: number): [number, number, number, number] => [
    (m2 - 8 * m1 + 8 * p1 - p2) / 12,
    (-m2 + 16 * m1 - 30 * f0 + 16 * p1 - p2) / 24,
    (-m2 + 2 * m1 - 2 * p1 + p2) / 12,
    (m2 - 4 * m1 + 6 * f0 - 4 * p1 + p2) / 24,
  ];
  for (let k = 0; k < block; k++) {
    const f0 = R0[k]!;
    const ca = axis(A[0]![k]!, A[1]![k]!, A[2]![k]!, A[3]![k]!, f0);
    const cb = axis(B[0]![k]!, B[1]![k]!, B[2]![k]!, B[3]![k]!, f0);
    // value at (1, 1) minus the pure-axis parts at (1, 0) and (0, 1) gives the u_a·u_b coefficient
    const cab = Rpp[k]! - A[2]![k]! - B[2]![k]! + f0;
    const c = [f0, ...ca, ...cb, cab];
    for (let m = 0; m < QF_MONOMIALS; m++) stacked[m * block + k] = c[m]!;
  }
  const stackedPlan = planWithResponse(plan, stacked, QF_MONOMIALS * nE);
  const nRows = QF_MONOMIALS * nE;
  // One forward model whose outputs are [prompt rows; delayed rows] (2 × 120): its total is all
  // the fast path needs (one kernel call); the per-flavour parts are kept for reports.
  const zero = new Float64Array(nRows);
  const stackedSpectrum = (p: EmParams): SpectrumParts => {
    const f = evaluateSpectrumPlan(stackedPlan, p).byFlavor;
    const cat = (a: Float64Array, b: Float64Array): Float64Array => {
      const o = new Float64Array(2 * nRows);
      o.set(a);
      o.set(b, nRows);
      return o;
    };
    const numu = cat(f.numu, zero);
    const nue = cat(zero, f.nue);
    const numubar = cat(zero, f.numubar);
    const expected = cat(f.numu, f.nue.map((v, i) => v + f.numubar[i]!));
    return { expected, byFlavor: { numu, nue, numubar }, byChannel: { cevns: expected, electron: new Float64Array(2 * nRows) } };
  };
  const sm = stackedSpectrum(emParams(fixed)).expected;
  let scale = 0;
  for (let i = 0; i < nE; i++) scale += sm[i]! + sm[nRows + i]!;
  const forward = buildForwardModelFromSpectra(stackedSpectrum, freeParams, fixed, { verifyAbsTol: 1e-10 * Math.max(scale, 1) });
  const rows = new Float64Array(2 * nRows);
  const fl = { numu: new Float64Array(2 * nRows), nue: new Float64Array(2 * nRows), numubar: new Float64Array(2 * nRows) };
  const parts = { byFlavor: fl, byChannel: { cevns: new Float64Array(2 * nRows), electron: new Float64Array(2 * nRows) } };
  /** Σ_m w_m src[off + m·nE + i] for the ten monomials. */
  const combine = (src: Float64Array, off: number, w: Float64Array, dst: Float64Array, add: boolean): void => {
    for (let i = 0; i < nE; i++) {
      let v = 0;
      for (let m = 0; m < QF_MONOMIALS; m++) v += w[m]! * src[off + m * nE + i]!;
      if (add) dst[i]! += v;
      else dst[i] = v;
    }
  };
  const w = new Float64Array(QF_MONOMIALS);
  const weights = (a: number, b: number): void => {
    const ua = (a - a0) / sa;
    const ub = (b - b0) / sb;
    const a2 = ua * ua;
    const b2 = ub * ub;
    w[0] = 1;
    w[1] = ua;
    w[2] = a2;
    w[3] = a2 * ua;
    w[4] = a2 * a2;
    w[5] = ub;
    w[6] = b2;
    w[7] = b2 * ub;
    w[8] = b2 * b2;
    w[9] = ua * ub;
  };
  const da = new Float64Array(QF_MONOMIALS);
  const db = new Float64Array(QF_MONOMIALS);
  return {
    paramNames: Object.freeze([...freeParams]),
    forward,
    qf: { a0, sa, b0, sb },
    derivatives(theta, a, b, out) {
      const ua = (a - a0) / sa;
      const ub = (b - b0) / sb;
      da.fill(0);
      db.fill(0);
      da[1] = 1 / sa;
      da[2] = (2 * ua) / sa;
      da[3] = (3 * ua * ua) / sa;
      da[4] = (4 * ua * ua * ua) / sa;
      da[9] = ub / sa;
      db[5] = 1 / sb;
      db[6] = (2 * ub) / sb;
      db[7] = (3 * ub * ub) / sb;
      db[8] = (4 * ub * ub * ub) / sb;
      db[9] = ua / sb;
      forward.evaluate(theta, rows);
      combine(rows, 0, da, out[0], false);
      combine(rows, nRows, da, out[1], false);
      combine(rows, 0, db, out[2], false);
      combine(rows, nRows, db, out[3], false);
    },
    evaluate(theta, a, b, prompt, delayed, byFlavor) {
      weights(a, b);
      forward.evaluate(theta, rows);
      combine(rows, 0, w, prompt, false);
      combine(rows, nRows, w, delayed, false);
      if (byFlavor) {
        forward.evaluateParts(theta, parts);
        combine(fl.numu, 0, w, byFlavor.numu, false);
        combine(fl.nue, nRows, w, byFlavor.nue, false);
        combine(fl.numubar, nRows, w, byFlavor.numubar, false);
      }
    },
  };
}
