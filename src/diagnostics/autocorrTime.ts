/**
 * emcee's integrated autocorrelation time for an ensemble chain laid out (nsteps, nwalkers, ndim).
 *
 * For each parameter: the normalised ACF of every walker (FFT, zero padding to 2·nextPowerOfTwo(N)),
 * averaged over walkers (the mean of *normalised* ACFs, emcee 3's choice — not the ACF of the walker
 * mean, which Goodman & Weare used and which can be over-confident for short chains), then
 * τ(M) = 2·Σ_{t≤M} ρ̄(t) − 1 and Sokal's window: the smallest M with M ≥ c·τ(M).
 * Reference: emcee `autocorr.integrated_time` (Foreman-Mackey et al. 2013, arXiv:1202.3665);
 * Goodman & Weare 2010 (doi:10.2140/camcos.2010.5.65); Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr).
 * @module
 */
import { autocorrFunction1d } from './autocorrFunction1d.js';
import { autoWindow } from './autoWindow.js';
import { AutocorrError } from './AutocorrError.js';

/** Options of {@link autocorrTime}. */
export interface AutocorrTimeOptions {
  /** Sokal window factor c (default 5, emcee). */
  c?: number;
  /** Required chain length in units of τ: error when tol·τ > steps analysed (default 50; 0 disables). */
  tol?: number;
  /** When true, return the estimate instead of throwing {@link AutocorrError} (default false). */
  quiet?: boolean;
  /** Leading steps to drop before the analysis (default 0). */
  discard?: number;
  /** Keep every `thin`-th step after `discard` (emcee: rows discard+thin−1, +thin, …); τ is reported in original steps (default 1). */
  thin?: number;
}

/**
 * Integrated autocorrelation time per parameter of an emcee-layout chain.
 * Reference: emcee `integrated_time` / `get_autocorr_time(discard, thin)` (arXiv:1202.3665; Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr)).
 * @param chain - samples, row-major (nsteps, nwalkers, ndim), any units
 * @param nsteps - number of steps (rows)
 * @param nwalkers - walkers per step
 * @param ndim - parameters per walker
 * @param opts - window factor, tolerance, quiet flag, discard and thin
 * @returns Float64Array(ndim) of τ in steps (of the unthinned chain)
 * @throws AutocorrError when `tol·τ > steps analysed` for any parameter and `quiet` is not set
 * @throws RangeError when the chain length does not match the shape or no steps remain
 * @example autocorrTime(chain, 10000, 32, 2, { discard: 1000 }) // returns ~[32.4, 31.5] (Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr) stretch run)
 */
export function autocorrTime(
  chain: ArrayLike<number>,
  nsteps: number,
  nwalkers: number,
  ndim: number,
  opts: AutocorrTimeOptions = {},
): Float64Array {
  const c = opts.c ?? 5;
  const tol = opts.tol ?? 50;
  const discard = opts.discard ?? 0;
  const thin = opts.thin ?? 1;
  if (chain.length !== nsteps * nwalkers * ndim) {
    throw new RangeError(`autocorrTime: chain has ${chain.length} values, expected nsteps·nwalkers·ndim = ${nsteps * nwalkers * ndim}`);
  }
  if (!Number.isInteger(thin) || thin < 1 || !Number.isInteger(discard) || discard < 0) {
    throw new RangeError(`autocorrTime: discard (${discard}) must be an integer ≥ 0 and thin (${thin}) an integer ≥ 1`);
  }
  const rows: number[] = [];
  for (let s = discard + thin - 1; s < nsteps; s += thin) rows.push(s);
  const n = rows.length;
  if (n < 1) throw new RangeError(`autocorrTime: no steps left after discard = ${discard}, thin = ${thin} (nsteps = ${nsteps})`);
  const tau = new Float64Array(ndim);
  const series = new Float64Array(n);
  const mean = new Float64Array(n);
  for (let d = 0; d < ndim; d++) {
    mean.fill(0);
    for (let w = 0; w < nwalkers; w++) {
      for (let i = 0; i < n; i++) series[i] = chain[(rows[i] * nwalkers + w) * ndim + d];
      const f = autocorrFunction1d(series);
      for (let i = 0; i < n; i++) mean[i] += f[i];
    }
    // running τ(M) = 2 Σ_{t≤M} ρ̄(t) − 1
    const taus = new Float64Array(n);
    let cum = 0;
    for (let i = 0; i < n; i++) {
      cum += mean[i] / nwalkers;
      taus[i] = 2 * cum - 1;
    }
    tau[d] = thin * taus[autoWindow(taus, c)];
  }
  if (tol > 0 && !opts.quiet) {
    for (let d = 0; d < ndim; d++) if (tol * (tau[d] / thin) > n) throw new AutocorrError(tau, n, tol);
  }
  return tau;
}
