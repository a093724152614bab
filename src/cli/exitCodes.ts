/**
 * Exit codes of `nuem` and the failure that carries code 3: a `nuem run --strict` whose chains did
 * not converge (the chains and the report are still written; the summary is printed first).
 */

/** Exit codes: 0 ok, 1 failure inside nuem, 2 bad input, 3 `--strict` run not converged. */
export const EXIT_CODES = Object.freeze({ ok: 0, failure: 1, badInput: 2, notConverged: 3 });

/** Thrown by `nuem run --strict` when the run ends without meeting the convergence rule (exit code 3). */
export class NotConvergedError extends Error {
  /** Process exit code. */
  readonly exitCode = EXIT_CODES.notConverged;
  /**
   * @param where - the analysis and run (e.g. `default run seed20240916`)
   * @param what - which diagnostics failed
   * @param fix - how to get a converged run
   */
  constructor(
    readonly where: string,
    readonly what: string,
    readonly fix: string,
  ) {
    super(`${where}: ${what}. Fix: ${fix}`);
    this.name = 'NotConvergedError';
  }
}
