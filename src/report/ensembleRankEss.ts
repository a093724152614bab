/**
 * Rank-normalised bulk and tail ESS across independent ensembles. Each ensemble becomes ONE chain
 * with its walkers laid end to end (`combineWalkers(..., 'concatenate')`, zeus's `mk` estimator,
 * Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr)): its marginal is the posterior, so the quantile-based tail ESS is
 * meaningful. (R̂ uses the same draws in step order, `'flatten'`, so its split halves are early and
 * late draws; see src/diagnostics `ensembleDiagnostics`.) Walkers of one ensemble are never treated as independent chains, so
 * fewer than two ensembles give no result. References: Vehtari et al. 2021,
 * doi:10.1214/20-BA1221, §4.3; Vehtari et al. 2021, arXiv:1903.08008 (ensemble caveat), §6 item 3.
 */
import { combineWalkers, type EnsembleChain } from '../diagnostics/ensembleDiagnostics.js';
import { essBulk } from '../diagnostics/essBulk.js';
import { essTail } from '../diagnostics/essTail.js';

/** Rank-normalised ESS per parameter. */
export interface EnsembleRankEss {
  /** bulk ESS per parameter (draws) */
  essBulk: number[];
  /** tail ESS per parameter (draws) */
  essTail: number[];
}

/**
 * Bulk and tail ESS of every parameter from ≥ 2 independent ensembles.
 *
 * @param ensembles - independent ensembles (own seed and start), emcee layout (nsteps, nwalkers, ndim)
 * @param discard - leading steps dropped from every ensemble (burn-in, steps)
 * @param thin - keep every thin-th step after the burn-in
 * @returns bulk and tail ESS per parameter, or null with fewer than two ensembles or fewer than
 *   8 kept steps in the shortest ensemble
 */
export function ensembleRankEss(ensembles: readonly EnsembleChain[], discard: number, thin: number): EnsembleRankEss | null {
  if (ensembles.length < 2) return null;
  const ndim = ensembles[0]!.ndim;
  const nCommon = Math.min(...ensembles.map((e) => Math.floor(Math.max(0, e.nsteps - discard) / Math.max(1, thin))));
  if (!(nCommon >= 8) || ensembles.some((e) => e.ndim !== ndim)) return null;
  // the last nCommon kept steps of every ensemble (same length for the split-chain estimators)
  const rows = ensembles.map((e) => Array.from({ length: nCommon }, (_, i) => e.nsteps - 1 - (nCommon - 1 - i) * Math.max(1, thin)));
  const out: EnsembleRankEss = { essBulk: [], essTail: [] };
  for (let d = 0; d < ndim; d++) {
    const chains = ensembles.map((e, i) => combineWalkers(e, rows[i]!, d, 'concatenate'));
    out.essBulk.push(essBulk(chains));
    out.essTail.push(essTail(chains));
  }
  return out;
}
