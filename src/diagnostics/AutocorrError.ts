/**
 * The error raised when a chain is too short for a reliable autocorrelation time.
 * @module
 */

/**
 * Thrown by {@link autocorrTime} / {@link integratedTime1d} when `tol·τ > nsteps` for some parameter
 * (emcee `AutocorrError`, Foreman-Mackey et al. 2013, arXiv:1202.3665, and Sokal 1997 (emcee autocorr)). The estimate is still attached as `tau`.
 */
export class AutocorrError extends Error {
  /** The (unreliable) τ estimate per parameter, in steps. */
  readonly tau: Float64Array;
  /**
   * @param tau - τ per parameter, in steps
   * @param nsteps - steps per walker that were analysed
   * @param tol - required number of τ per chain length
   */
  constructor(tau: Float64Array, nsteps: number, tol: number) {
    const worst = Math.max(...Array.from(tau));
    super(
      `The chain is shorter than ${tol} autocorrelation times (${nsteps} steps per walker, ` +
        `max tau = ${worst.toPrecision(4)}, so at least ${Math.ceil(tol * worst)} steps are needed). ` +
        `Run longer, or pass quiet: true to use the estimate anyway.`,
    );
    this.name = 'AutocorrError';
    this.tau = tau;
  }
}
