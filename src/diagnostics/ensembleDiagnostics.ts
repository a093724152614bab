/**
 * Convergence diagnostics for ensemble samplers, computed across independent ensembles only.
 *
 * The walkers of one affine-invariant ensemble are not independent chains (each move uses the
 * other walkers), so R̂ across them is invalid; emcee's docs warn against it and ArviZ's
 * `from_emcee` walker→chain mapping is a known pitfall (arviz#2156, #977; Vehtari et al. 2021, arXiv:1903.08008
 * "Ensemble caveat" and §6 item 3). Here each independent ensemble (own seed/initialisation)
 * becomes ONE chain for R̂, and the effective sample size comes from emcee's τ per ensemble.
 *
 * How an ensemble becomes one chain (`combine`):
 * - `'flatten'` (default): all walkers' draws of a step, then the next step (step-major, emcee's
 *   `get_chain(flat=True)` order). Its marginal is the posterior and it keeps time order, so the
 *   split halves of R̂ compare early against late draws. Within-chain variance is the posterior
 *   variance σ², and the variance of a chain's mean is σ²·τ_m/(W·n) for W walkers, n steps and the
 *   autocorrelation time τ_m of the ensemble mean, so R̂² − 1 ≈ (τ_m − 1)/(W·n): R̂ measures how
 *   far the ensembles' means are apart *relative to the posterior width*, which is what R̂ < 1.01
 *   means for independent chains (Vehtari et al. 2021, doi:10.1214/20-BA1221, §3–4). Ensembles
 *   whose means differ by δ·σ give R̂ ≈ 1 + δ²/4 (1.01 at δ ≈ 0.2).
 * - `'walkerMean'`: the per-step mean over walkers. It also keeps time order, but its spread is
 *   σ/√W, so R̂² − 1 ≈ (τ_m − 1)/n: the same disagreement between ensembles counts W times more, and
 *   R̂ < 1.01 asks for about 50 *steps* per τ_m in each split half, whatever the number of walkers.
 *   With two ensembles (four split chains, three degrees of freedom in the between-chain
 *   variance) and tens of parameters, its maximum over parameters stays above 1.01 by chance long
 *   after every posterior mean is known to 1% of its width (docs/statistics.md §7, measured on the
 *   combined CsI + argon analysis). Kept as an option: a much stricter check of the ensemble means.
 * - `'concatenate'`: walkers laid end to end (zeus's `mk` estimator, Foreman-Mackey et al. 2013,
 *   arXiv:1202.3665, and Sokal 1997 (emcee autocorr)). Its marginal is the posterior, but the
 *   split halves are walker groups, not early/late.
 * @module
 */
import { autocorrTime } from './autocorrTime.js';
import { rankRhat } from './rankRhat.js';

/** How an ensemble's walkers become one chain for R̂ (see the module notes). */
export type WalkerCombine = 'flatten' | 'walkerMean' | 'concatenate';

/** One independent ensemble's chain in emcee layout. */
export interface EnsembleChain {
  /** Row-major (nsteps, nwalkers, ndim). */
  chain: ArrayLike<number>;
  nsteps: number;
  nwalkers: number;
  ndim: number;
}

/** Options of {@link ensembleDiagnostics}. */
export interface EnsembleDiagnosticsOptions {
  /** How an ensemble's walkers become one chain for R̂ (default 'flatten'). */
  combine?: WalkerCombine;
  /** Compute R̂ only (τ, essTau and tooShort are then NaN / empty): a run's R̂ decisions need nothing else. */
  rhatOnly?: boolean;
  /** Sokal window factor for τ (default 5). */
  c?: number;
  /** τ reliability rule: flag ensembles with fewer than tol·τ kept steps (default 50). */
  tol?: number;
}

/** Per-parameter result of {@link ensembleDiagnostics}. */
export interface EnsembleParameterDiagnostics {
  /** emcee τ per ensemble, in (unthinned) steps. */
  tau: Float64Array;
  /** Σ over ensembles of n_kept·W / max(1, τ/thin): emcee's N·W/τ, at most one per kept draw. */
  essTau: number;
  /** Rank-normalised split R̂ across ensembles; null with a single ensemble (refused). */
  rhat: number | null;
  /** Per ensemble: true when n_kept < tol·τ/thin (τ itself unreliable). */
  tooShort: boolean[];
}

/** Result of {@link ensembleDiagnostics}. */
export interface EnsembleDiagnostics {
  parameters: EnsembleParameterDiagnostics[];
  nEnsembles: number;
  /** Steps kept per ensemble after discard/thin (R̂ uses the last `min` of them from each). */
  keptSteps: number[];
  /** Explanations, e.g. why R̂ is missing. */
  notes: string[];
}

function keptRows(nsteps: number, discard: number, thin: number): number[] {
  const rows: number[] = [];
  for (let s = discard + thin - 1; s < nsteps; s += thin) rows.push(s);
  return rows;
}

/**
 * τ, τ-based ESS and (with ≥ 2 ensembles) rank-normalised split R̂ across independent ensembles.
 * Reference: emcee `integrated_time` and N·W/τ (arXiv:1202.3665); Vehtari et al. 2021,
 * doi:10.1214/20-BA1221; Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr); Vehtari et al. 2021, arXiv:1903.08008 (ensemble caveat), §6 item 3.
 * @param ensembles - independent ensembles (same ndim); never walkers of one ensemble split apart
 * @param discard - leading steps dropped from each ensemble
 * @param thin - keep every thin-th step after discard (emcee rows discard+thin−1, +thin, …)
 * @param opts - combine rule, c, tol
 * @returns per-parameter τ per ensemble, essTau, rhat (null for one ensemble) and notes
 * @throws RangeError on inconsistent shapes or nothing left after discard/thin
 * @example ensembleDiagnostics([e1], 1000, 1).parameters[0].essTau // returns 9000·32/τ for one 32-walker ensemble
 */
export function ensembleDiagnostics(
  ensembles: readonly EnsembleChain[],
  discard: number,
  thin: number,
  opts: EnsembleDiagnosticsOptions = {},
): EnsembleDiagnostics {
  const combine = opts.combine ?? 'flatten';
  const tol = opts.tol ?? 50;
  if (ensembles.length === 0) throw new RangeError('ensembleDiagnostics: no ensembles given');
  const ndim = ensembles[0].ndim;
  ensembles.forEach((e, i) => {
    if (e.ndim !== ndim) throw new RangeError(`ensembleDiagnostics: ensemble ${i} has ndim ${e.ndim}, ensemble 0 has ${ndim}`);
    if (e.chain.length !== e.nsteps * e.nwalkers * e.ndim) {
      throw new RangeError(`ensembleDiagnostics: ensemble ${i} has ${e.chain.length} values, expected nsteps·nwalkers·ndim`);
    }
  });
  const rows = ensembles.map((e) => keptRows(e.nsteps, discard, thin));
  rows.forEach((r, i) => {
    if (r.length < 4) throw new RangeError(`ensembleDiagnostics: ensemble ${i} keeps ${r.length} steps after discard ${discard}, thin ${thin}; need ≥ 4`);
  });
  const taus = ensembles.map((e) => (opts.rhatOnly ? new Float64Array(ndim).fill(NaN) : autocorrTime(e.chain, e.nsteps, e.nwalkers, e.ndim, { discard, thin, tol: 0, c: opts.c })));
  const nCommon = Math.min(...rows.map((r) => r.length));
  const notes: string[] = [];
  const single = ensembles.length < 2;
  if (single) {
    notes.push('R-hat needs at least two independent ensembles; walkers of one ensemble are not independent chains, so it is not computed');
  }
  if (!single && rows.some((r) => r.length !== nCommon)) {
    notes.push(`ensembles differ in length; R-hat uses the last ${nCommon} kept steps of each`);
  }
  const parameters: EnsembleParameterDiagnostics[] = [];
  for (let d = 0; d < ndim; d++) {
    const tau = Float64Array.from(taus, (t) => t[d]);
    let essTau = 0;
    const tooShort: boolean[] = [];
    if (!opts.rhatOnly) ensembles.forEach((e, i) => {
      const tauKept = tau[i] / thin;
      essTau += (rows[i].length * e.nwalkers) / Math.max(1, tauKept);
      tooShort.push(!(tol * tauKept <= rows[i].length));
    });
    let rhat: number | null = null;
    if (!single) {
      const chains = ensembles.map((e, i) => combineWalkers(e, rows[i].slice(rows[i].length - nCommon), d, combine));
      rhat = rankRhat(chains);
    }
    parameters.push({ tau, essTau: opts.rhatOnly ? NaN : essTau, rhat, tooShort });
  }
  return { parameters, nEnsembles: ensembles.length, keptSteps: rows.map((r) => r.length), notes };
}

/**
 * One chain from an ensemble's walkers for parameter d (see the module notes for the two rules).
 * @param e - the ensemble
 * @param rows - step indices to use
 * @param d - parameter index
 * @param combine - 'flatten', 'walkerMean' or 'concatenate'
 * @returns the combined chain
 * @example combineWalkers(e, [0, 1, 2], 0, 'walkerMean') // returns the walker mean at steps 0–2
 */
export function combineWalkers(e: EnsembleChain, rows: readonly number[], d: number, combine: WalkerCombine): Float64Array {
  const w = e.nwalkers;
  if (combine === 'flatten') {
    const out = new Float64Array(rows.length * w);
    rows.forEach((s, i) => {
      for (let k = 0; k < w; k++) out[i * w + k] = e.chain[(s * w + k) * e.ndim + d];
    });
    return out;
  }
  if (combine === 'walkerMean') {
    return Float64Array.from(rows, (s) => {
      let sum = 0;
      for (let k = 0; k < w; k++) sum += e.chain[(s * w + k) * e.ndim + d];
      return sum / w;
    });
  }
  const out = new Float64Array(rows.length * w);
  for (let k = 0; k < w; k++) rows.forEach((s, i) => (out[k * rows.length + i] = e.chain[(s * w + k) * e.ndim + d]));
  return out;
}
