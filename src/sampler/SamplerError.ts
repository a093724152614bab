/**
 * Errors raised by the sampler for problems in its input (bad log-probability values, a
 * degenerate initial ensemble, too few walkers). The CLI turns them into one-line user errors.
 * @module
 */

/** A sampler input problem: what went wrong (`message`) and how to fix it (`fix`). */
export class SamplerError extends Error {
  /**
   * @param what - what is wrong (includes offending parameter values where relevant)
   * @param fix - how to fix it
   */
  constructor(
    what: string,
    readonly fix: string,
  ) {
    super(what);
    this.name = 'SamplerError';
  }
}
