/**
 * Errors caused by the user's input (bad model files, bad flags, missing data files).
 *
 * The CLI prints them as one line, `nuem: <where>: <what>. Fix: <fix>`, with no stack trace,
 * and exits with code 2. Every other error is a bug or a runtime failure: exit code 1.
 */
export class UserError extends Error {
  /** Process exit code used for user errors. */
  readonly exitCode = 2;
  /**
   * @param where - file and path inside it (e.g. `models/x.yaml: parameters[1].prior.sigma`), or the flag (`--set`)
   * @param what - what is wrong
   * @param fix - how to fix it
   */
  constructor(
    readonly where: string,
    readonly what: string,
    readonly fix?: string,
  ) {
    super(`${where}: ${what}${fix ? `. Fix: ${fix}` : ''}`);
    this.name = 'UserError';
  }
}

/**
 * Tells user errors apart from bugs.
 *
 * @param e - anything thrown
 * @returns true if `e` is a {@link UserError}
 */
export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}
