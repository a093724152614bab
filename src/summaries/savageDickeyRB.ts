/**
 * Rao–Blackwellised Savage–Dickey density ratio: the posterior density of one parameter θ at a
 * nested point θ₀ estimated without smoothing bias, by averaging over posterior draws ψᵢ of the
 * other parameters the *conditional* density p(θ₀ | ψᵢ, d) (Gelfand & Smith 1990), each computed
 * exactly up to quadrature:
 *
 *   p(θ₀ | ψ, d) = exp ℓ(θ₀, ψ) / ∫ exp ℓ(θ, ψ) dθ,   ℓ = ln L + ln π (unnormalised log posterior),
 *   p̂(θ₀ | d) = (1/n) Σᵢ p(θ₀ | ψᵢ, d),   B₀₁ = p̂(θ₀ | d) / π(θ₀).
 *
 * E[p(θ₀ | ψ, d)] over ψ ~ p(ψ | d) is exactly p(θ₀ | d), so the estimator has no smoothing bias;
 * its Monte Carlo error comes from the autocorrelated draws and is estimated from the per-step
 * walker averages of every ensemble with the rank-free mean-ESS of Vehtari et al. (2021) (see
 * {@link rbSavageDickey}). The 1-D normalisation uses a 65-point scan of ℓ along θ over the prior
 * support, then composite 16-point Gauss–Legendre over the region where ℓ is within 46 (e⁻⁴⁶ ≈
 * 1e−20) of its maximum, with 4 and 8 panels (other counts by option: `panels`, `scanPoints`); the
 * difference of the two is the stated quadrature error (added in quadrature to the MCSE). 258
 * evaluations of ℓ per draw by default (it was 514 with a 129-point scan and 8/16 panels, at the
 * same accuracy on every test case: a Gaussian bulk of ±9.6σ over 4 panels of 16 nodes is
 * integrated to ~1e−12).
 *
 * Savage–Dickey requires the nuisance prior of the nested model to equal the full model's
 * conditional prior at θ₀, which holds for the independent priors of nuem's analyses.
 * References: J. M. Dickey, Ann. Math. Stat. 42 (1971) 204, doi:10.1214/aoms/1177693507;
 * A. E. Gelfand & A. F. M. Smith, JASA 85 (1990) 398, doi:10.1080/01621459.1990.10476213 (Rao–
 * Blackwellised density estimates); Wagenmakers et al. 2010, doi:10.1016/j.cogpsych.2009.12.001;
 * Vehtari et al. 2021, doi:10.1214/20-BA1221 (ESS of the mean).
 * @module
 */
import { mcseMean } from '../diagnostics/mcseMean.js';
import { gaussLegendreRule } from '../numerics/gaussLegendre.js';
import type { BatchLogProb } from '../sampler/types.js';

/** The target and the nested point of {@link conditionalDensityAt} / {@link rbSavageDickey}. */
export interface ConditionalDensitySpec {
  /** unnormalised ln p(θ, ψ | d) (ln L + ln π, any constant) over full coordinate rows n × ndim */
  logJoint: BatchLogProb;
  /** coordinates per row */
  ndim: number;
  /** coordinate index of θ */
  index: number;
  /** θ₀ (parameter units) */
  point: number;
  /** integration range along θ: the prior support, or a range outside which the conditional has no mass (finite) */
  lower: number;
  upper: number;
  /** scan points along θ (default 65) */
  scanPoints?: number;
}

/** Conditional density at the point for one ψ. */
export interface ConditionalDensity {
  /** p(θ₀ | ψ, d) (1/units of θ) */
  density: number;
  /** |I₁₆ − I₈|/I₁₆ of the normalising integral (relative quadrature error estimate) */
  relQuadratureError: number;
}

const GL_ORDER = 16;
/** default scan points along θ */
const SCAN_POINTS = 65;
/** Gauss–Legendre panels of the coarse and the fine normalising integral */
const PANELS_COARSE = 4;
const PANELS_FINE = 8;
const LOG_CUT = 46;

/** Reusable buffers for one spec (one allocation per call of {@link rbSavageDickey}). */
class ConditionalWorkspace {
  readonly rows: Float64Array;
  readonly out: Float64Array;
  readonly xs: Float64Array;
  readonly glX: Float64Array;
  readonly glW: Float64Array;
  constructor(
    readonly spec: ConditionalDensitySpec,
    readonly scan: number,
    readonly coarsePanels: number = PANELS_COARSE,
    readonly finePanels: number = PANELS_FINE,
  ) {
    const maxRows = Math.max(scan + 1, finePanels * GL_ORDER);
    this.rows = new Float64Array(maxRows * spec.ndim);
    this.out = new Float64Array(maxRows);
    this.xs = new Float64Array(scan + 1);
    for (let k = 0; k < scan; k++) this.xs[k] = spec.lower + ((spec.upper - spec.lower) * k) / (scan - 1);
    this.xs[scan] = spec.point;
    this.glX = new Float64Array(finePanels * GL_ORDER);
    this.glW = new Float64Array(finePanels * GL_ORDER);
  }
  /** ℓ at θ = xs[k] (k < m) with the other coordinates from `psi`, into `out` */
  eval(psi: ArrayLike<number>, psiOffset: number, xs: ArrayLike<number>, m: number): Float64Array {
    const { ndim: D, index } = this.spec;
    const rows = this.rows;
    for (let k = 0; k < m; k++) {
      for (let d = 0; d < D; d++) rows[k * D + d] = psi[psiOffset + d]!;
      rows[k * D + index] = xs[k]!;
    }
    this.spec.logJoint(rows, m, this.out);
    for (let k = 0; k < m; k++) {
      const v = this.out[k]!;
      if (v !== v || v === Infinity) throw new RangeError(`savageDickeyRB: log density is ${v} at coordinate ${index} = ${xs[k]}`);
    }
    return this.out;
  }
  /** composite Gauss–Legendre nodes/weights of `panels` (≤ finePanels) equal panels on [a, b] into glX/glW */
  panels(a: number, b: number, panels: number): void {
    const rule = gaussLegendreRule(GL_ORDER);
    const h = (b - a) / panels;
    for (let p = 0; p < panels; p++) {
      const mid = a + (p + 0.5) * h;
      for (let j = 0; j < GL_ORDER; j++) {
        this.glX[p * GL_ORDER + j] = mid + 0.5 * h * rule.nodes[j]!;
        this.glW[p * GL_ORDER + j] = 0.5 * h * rule.weights[j]!;
      }
    }
  }
}

function conditionalWith(ws: ConditionalWorkspace, psi: ArrayLike<number>, off: number): ConditionalDensity {
  const { lower: lo, upper: hi, point } = ws.spec;
  const G = ws.scan;
  const xs = ws.xs;
  const l = ws.eval(psi, off, xs, G + 1);
  let m = -Infinity;
  for (let k = 0; k < G; k++) if (l[k]! > m) m = l[k]!;
  const lPoint = l[G]!;
  if (lPoint > m) m = lPoint;
  if (m === -Infinity) throw new RangeError(`savageDickeyRB: the log density is −∞ along the whole range [${lo}, ${hi}] of coordinate ${ws.spec.index}`);
  let first = G;
  let last = -1;
  for (let k = 0; k < G; k++) {
    if (l[k]! > m - LOG_CUT) {
      if (first === G) first = k;
      last = k;
    }
  }
  // the bulk, widened by one scan step each side (the scan cannot see a peak narrower than a step)
  const a = first === G ? Math.max(lo, point - (hi - lo) / (G - 1)) : xs[Math.max(0, first - 1)]!;
  const b = first === G ? Math.min(hi, point + (hi - lo) / (G - 1)) : xs[Math.min(G - 1, last + 1)]!;
  const integral = (panels: number): number => {
    ws.panels(a, b, panels);
    const n = panels * GL_ORDER;
    const v = ws.eval(psi, off, ws.glX, n);
    let s = 0;
    for (let k = 0; k < n; k++) s += ws.glW[k]! * Math.exp(v[k]! - m);
    return s;
  };
  const coarse = integral(ws.coarsePanels);
  const fine = integral(ws.finePanels);
  const pointValue = point >= lo && point <= hi ? Math.exp(lPoint - m) : 0;
  return { density: pointValue / fine, relQuadratureError: Math.abs(fine - coarse) / fine };
}

/**
 * p(θ₀ | ψ, d) for one point ψ (the row's θ coordinate is ignored): see the module doc.
 * @param spec - target, coordinate, point and integration range
 * @param row - a full coordinate row (ψ and any θ)
 * @returns the conditional density (1/units of θ) and its relative quadrature error
 * @throws RangeError when ℓ is NaN/+∞ or −∞ along the whole range
 * @example conditionalDensityAt({ logJoint: (x, n, o) => { for (let i = 0; i < n; i++) o[i] = -0.5 * x[i]! ** 2; }, ndim: 1, index: 0, point: 0, lower: -10, upper: 10 }, [0]).density // returns 0.3989422804 (1/√(2π))
 */
export function conditionalDensityAt(spec: ConditionalDensitySpec, row: ArrayLike<number>): ConditionalDensity {
  checkSpec(spec);
  return conditionalWith(new ConditionalWorkspace(spec, spec.scanPoints ?? SCAN_POINTS), row, 0);
}

function checkSpec(spec: ConditionalDensitySpec): void {
  if (!(Number.isFinite(spec.lower) && Number.isFinite(spec.upper) && spec.lower < spec.upper)) {
    throw new RangeError(`savageDickeyRB: integration range must be finite with lower < upper, got [${spec.lower}, ${spec.upper}]`);
  }
  if (!(Number.isInteger(spec.index) && spec.index >= 0 && spec.index < spec.ndim)) throw new RangeError(`savageDickeyRB: index ${spec.index} is not a coordinate of ${spec.ndim}`);
  const g = spec.scanPoints ?? SCAN_POINTS;
  if (!(Number.isInteger(g) && g >= 9)) throw new RangeError(`savageDickeyRB: scanPoints must be an integer ≥ 9, got ${g}`);
}

/** One ensemble's kept draws, in sampler order. */
export interface EnsembleDraws {
  /** row-major (nsteps, nwalkers, ndim) */
  chain: ArrayLike<number>;
  nsteps: number;
  nwalkers: number;
}

/** Options of {@link rbSavageDickey}. */
export interface RbSavageDickeyOptions {
  /** at most this many draws (ψ rows) enter the average (default 4096): every ensemble contributes the same evenly spaced steps, all walkers of each */
  maxDraws?: number;
  /**
   * Gauss–Legendre panels of the coarse and the fine normalising integral over the bulk (default
   * [4, 8]; the fine one is used, |fine − coarse|/fine is the stated quadrature error). Fewer
   * panels cost fewer log-density evaluations per draw (16·(coarse + fine) + scan + 1); the stated
   * error shows whether they suffice.
   */
  panels?: readonly [number, number];
  /**
   * the conditional densities of the plan's rows, already computed (e.g. by worker threads,
   * {@link conditionalDensities} of blocks of {@link rbSavageDickeyPlan}'s rows, in row order);
   * default: computed here
   */
  conditionals?: ConditionalValues;
}

/** Result of {@link rbSavageDickey}. */
export interface RbSavageDickeyResult {
  /** B₀₁ = p̂(θ₀|d)/π(θ₀) */
  bayesFactor01: number;
  /** 1/B₀₁ */
  bayesFactor10: number;
  /** p̂(θ₀|d) (1/units of θ) */
  posteriorDensity: number;
  /** π(θ₀) as given */
  priorDensity: number;
  /** standard error of B₀₁: MCSE and quadrature error added in quadrature */
  bayesFactor01Se: number;
  /** Monte Carlo part of the standard error of B₀₁ */
  bayesFactor01Mcse: number;
  /** largest relative quadrature error over the draws */
  relQuadratureError: number;
  /** draws used (steps per ensemble × walkers × ensembles) */
  draws: number;
  /** steps used per ensemble */
  steps: number;
  /** effective sample size of the per-step walker averages (Vehtari et al. 2021 ESS of the mean) */
  ess: number;
  /** 'rao-blackwell' */
  method: 'rao-blackwell';
}

/**
 * Rao–Blackwellised Savage–Dickey B₀₁ (module doc) with its standard error.
 *
 * MCSE: for each ensemble e, yₑ(t) = mean over walkers of p(θ₀ | ψ_{t,w}, d) at the used steps t;
 * p̂ is the mean of all yₑ(t) and its MCSE is `mcseMean` of the chains yₑ (Vehtari et al. 2021
 * §3.2: sd/√ESS with the autocorrelation of every chain and the between-chain variance). Using
 * walker averages makes the correlation between walkers of one ensemble part of yₑ's variance.
 * @param ensembles - independent ensembles' kept draws (same walkers; a single ensemble is split in halves by the ESS)
 * @param spec - target, coordinate, point and integration range
 * @param priorDensity - π(θ₀) of the full model's marginal prior (1/units of θ), > 0
 * @param opts - draw budget
 * @returns B₀₁, its standard error and the parts of it
 * @throws RangeError for fewer than 8 usable steps per ensemble or a bad spec
 * @example rbSavageDickey([{ chain, nsteps, nwalkers }], { logJoint, ndim: 2, index: 0, point: 0, lower: -1, upper: 1 }, 0.5).bayesFactor01
 */
export function rbSavageDickey(ensembles: readonly EnsembleDraws[], spec: ConditionalDensitySpec, priorDensity: number, opts: RbSavageDickeyOptions = {}): RbSavageDickeyResult {
  const plan = rbSavageDickeyPlan(ensembles, spec, priorDensity, opts);
  const c = opts.conditionals ?? conditionalDensities(spec.logJoint, { ...blockSpecOf(spec, opts), rows: plan.rows, n: plan.n });
  if (c.density.length !== plan.n || c.relQuadratureError.length !== plan.n) throw new RangeError(`savageDickeyRB: ${c.density.length} conditional densities given for ${plan.n} draws`);
  return rbSavageDickeyFrom(plan, c, priorDensity);
}

/** The draws of {@link rbSavageDickey}: which rows ψ enter the average, in the order they are summed. */
export interface RbSavageDickeyPlan {
  /** the ψ rows, row-major n × ndim, ensemble-major, then step, then walker */
  rows: Float64Array;
  /** number of rows (used · walkers · ensembles) */
  n: number;
  /** steps used per ensemble */
  used: number;
  /** walkers per ensemble */
  walkers: number;
  /** ensembles */
  ensembles: number;
}

/**
 * Checks the arguments of {@link rbSavageDickey} and gathers the draws it averages over: the same
 * evenly spaced steps of every ensemble (the last one included), all walkers of each.
 * @param ensembles - independent ensembles' kept draws
 * @param spec - target, coordinate, point and integration range
 * @param priorDensity - π(θ₀) (checked only)
 * @param opts - draw budget and panels (checked only)
 * @returns the rows and their layout
 * @throws RangeError as {@link rbSavageDickey}
 */
export function rbSavageDickeyPlan(ensembles: readonly EnsembleDraws[], spec: ConditionalDensitySpec, priorDensity: number, opts: RbSavageDickeyOptions = {}): RbSavageDickeyPlan {
  if (!(priorDensity > 0 && Number.isFinite(priorDensity))) throw new RangeError(`savageDickeyRB: prior density at the point must be positive and finite, got ${priorDensity}`);
  checkSpec(spec);
  if (ensembles.length === 0) throw new RangeError('savageDickeyRB: no ensembles');
  const W = ensembles[0]!.nwalkers;
  const D = spec.ndim;
  const nsteps = Math.min(...ensembles.map((e) => e.nsteps));
  if (ensembles.some((e) => e.nwalkers !== W)) throw new RangeError('savageDickeyRB: ensembles must have the same number of walkers');
  const maxDraws = opts.maxDraws ?? 4096;
  const perEnsemble = Math.max(8, Math.floor(maxDraws / (W * ensembles.length)));
  const used = Math.min(nsteps, perEnsemble);
  if (used < 8) throw new RangeError(`savageDickeyRB: need ≥ 8 steps per ensemble, got ${nsteps}`);
  blockSpecOf(spec, opts);
  // evenly spaced steps over the whole kept chain, the last one included
  const stepIdx = Array.from({ length: used }, (_, k) => Math.floor(((k + 1) * nsteps) / used) - 1);
  const n = used * W * ensembles.length;
  const rows = new Float64Array(n * D);
  let o = 0;
  for (const e of ensembles) {
    for (const t of stepIdx) {
      for (let w = 0; w < W; w++) {
        for (let d = 0; d < D; d++) rows[o++] = e.chain[(t * W + w) * D + d]!;
      }
    }
  }
  return { rows, n, used, walkers: W, ensembles: ensembles.length };
}

/**
 * A block of draws whose conditional densities are wanted, with everything of the
 * {@link ConditionalDensitySpec} except the log density (plain data: it can be posted to a worker
 * thread that holds its own copy of the log density).
 */
export interface ConditionalBlock extends Omit<ConditionalDensitySpec, 'logJoint'> {
  /** Gauss–Legendre panels [coarse, fine] (default [4, 8]) */
  panels?: readonly [number, number];
  /** the ψ rows, row-major n × ndim (their θ coordinate is ignored) */
  rows: Float64Array;
  /** rows in the block */
  n: number;
}

/** Conditional densities of a block of draws. */
export interface ConditionalValues {
  /** p(θ₀ | ψᵢ, d) per row (1/units of θ) */
  density: Float64Array;
  /** relative quadrature error per row */
  relQuadratureError: Float64Array;
}

function blockSpecOf(spec: ConditionalDensitySpec, opts: RbSavageDickeyOptions): Omit<ConditionalBlock, 'rows' | 'n'> & { panels: readonly [number, number] } {
  const [coarsePanels, finePanels] = opts.panels ?? [PANELS_COARSE, PANELS_FINE];
  if (!(Number.isInteger(coarsePanels) && Number.isInteger(finePanels) && coarsePanels >= 1 && finePanels > coarsePanels && finePanels <= 64)) {
    throw new RangeError(`savageDickeyRB: panels must be integers 1 ≤ coarse < fine ≤ 64, got [${coarsePanels}, ${finePanels}]`);
  }
  return { ndim: spec.ndim, index: spec.index, point: spec.point, lower: spec.lower, upper: spec.upper, ...(spec.scanPoints !== undefined ? { scanPoints: spec.scanPoints } : {}), panels: [coarsePanels, finePanels] };
}

/**
 * The block of draws of one parameter's estimate, ready to be cut into pieces for worker threads
 * ({@link conditionalDensities} of each piece, concatenated in order, equals that of the whole).
 * @param plan - from {@link rbSavageDickeyPlan}
 * @param spec - the same spec
 * @param opts - the same options
 * @returns the block of all the plan's rows
 */
export function rbSavageDickeyBlock(plan: RbSavageDickeyPlan, spec: ConditionalDensitySpec, opts: RbSavageDickeyOptions = {}): ConditionalBlock {
  return { ...blockSpecOf(spec, opts), rows: plan.rows, n: plan.n };
}

/**
 * p(θ₀ | ψᵢ, d) for every row of a block (module doc): each row by itself, so any split of the
 * rows into blocks gives the same numbers bit for bit.
 * @param logJoint - the unnormalised log density over full rows
 * @param block - the rows and the quadrature settings
 * @returns densities and relative quadrature errors, in row order
 * @throws RangeError when ℓ is NaN/+∞ or −∞ along the whole range of a row
 */
export function conditionalDensities(logJoint: BatchLogProb, block: ConditionalBlock): ConditionalValues {
  const spec: ConditionalDensitySpec = { logJoint, ndim: block.ndim, index: block.index, point: block.point, lower: block.lower, upper: block.upper, ...(block.scanPoints !== undefined ? { scanPoints: block.scanPoints } : {}) };
  checkSpec(spec);
  const [coarsePanels, finePanels] = block.panels ?? [PANELS_COARSE, PANELS_FINE];
  const ws = new ConditionalWorkspace(spec, spec.scanPoints ?? SCAN_POINTS, coarsePanels, finePanels);
  const density = new Float64Array(block.n);
  const relQuadratureError = new Float64Array(block.n);
  for (let i = 0; i < block.n; i++) {
    const c = conditionalWith(ws, block.rows, i * block.ndim);
    density[i] = c.density;
    relQuadratureError[i] = c.relQuadratureError;
  }
  return { density, relQuadratureError };
}

/**
 * B₀₁ and its standard error from the conditional densities of a plan's rows (the averaging part
 * of {@link rbSavageDickey}, in its fixed summation order).
 * @param plan - from {@link rbSavageDickeyPlan}
 * @param c - conditional densities of `plan.rows`, in row order
 * @param priorDensity - π(θ₀)
 * @returns the result of {@link rbSavageDickey}
 */
export function rbSavageDickeyFrom(plan: RbSavageDickeyPlan, c: ConditionalValues, priorDensity: number): RbSavageDickeyResult {
  const { used, walkers: W } = plan;
  let maxQuad = 0;
  let i = 0;
  const series = Array.from({ length: plan.ensembles }, () => {
    const y = new Float64Array(used);
    for (let k = 0; k < used; k++) {
      let s = 0;
      for (let w = 0; w < W; w++, i++) {
        s += c.density[i]!;
        if (c.relQuadratureError[i]! > maxQuad) maxQuad = c.relQuadratureError[i]!;
      }
      y[k] = s / W;
    }
    return y;
  });
  let sum = 0;
  for (const y of series) for (const v of y) sum += v;
  const density = sum / (used * series.length);
  const allEqual = series.every((y) => y.every((v) => v === series[0]![0]));
  const mcse = allEqual ? 0 : mcseMean(series);
  const sdPart = mcse / density;
  const bf = density / priorDensity;
  const ess = mcse > 0 ? variance(series) / mcse ** 2 : used * series.length;
  return {
    bayesFactor01: bf,
    bayesFactor10: 1 / bf,
    posteriorDensity: density,
    priorDensity,
    bayesFactor01Se: bf * Math.hypot(sdPart, maxQuad),
    bayesFactor01Mcse: mcse / priorDensity,
    relQuadratureError: maxQuad,
    draws: used * W * series.length,
    steps: used,
    ess,
    method: 'rao-blackwell',
  };
}

function variance(series: readonly Float64Array[]): number {
  let n = 0;
  let s = 0;
  for (const y of series) {
    for (const v of y) s += v;
    n += y.length;
  }
  const m = s / n;
  let q = 0;
  for (const y of series) for (const v of y) q += (v - m) ** 2;
  return q / (n - 1);
}
