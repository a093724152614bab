/**
 * Integrated autocorrelation time of a single series (one walker, one parameter).
 * @module
 */
import { autocorrTime, type AutocorrTimeOptions } from './autocorrTime.js';

/**
 * τ of one series: emcee's `integrated_time` for 1-D input (treated as (N, 1, 1)).
 * Reference: emcee `autocorr.integrated_time` (arXiv:1202.3665; Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr)).
 * @param x - the series (any units)
 * @param opts - c (default 5), tol (default 50), quiet
 * @returns τ in steps
 * @throws AutocorrError when tol·τ > N and quiet is not set
 * @example integratedTime1d(ar1Chain) // returns ~19 for x_i = 0.9 x_{i−1} + U(0,1)
 */
export function integratedTime1d(x: ArrayLike<number>, opts: Omit<AutocorrTimeOptions, 'discard' | 'thin'> = {}): number {
  return autocorrTime(x, x.length, 1, 1, opts)[0];
}
