/**
 * The "RNG state hash" of a report's provenance: a short fingerprint of the generator state(s) at
 * the end of a run, so two reports can be checked for coming from the same random stream. Shared by
 * `nuem run` (all ensembles' states) and `nuem report` (the state stored in the chain file).
 * @module
 */
import { createHash } from 'node:crypto';

/**
 * Fingerprint of a JSON-serialisable RNG state: `sha256:` and the first 16 hex digits of the
 * SHA-256 digest (FIPS 180-4, doi:10.6028/NIST.FIPS.180-4) of `JSON.stringify(state)`.
 *
 * @param state - the state (any JSON-serialisable value; key order as produced by the generator)
 * @returns e.g. `sha256:49a64717d5d4cb19`
 * @example rngStateHash([1, 2]) // returns 'sha256:49a64717d5d4cb19'
 */
export function rngStateHash(state: unknown): string {
  return `sha256:${createHash('sha256').update(JSON.stringify(state)).digest('hex').slice(0, 16)}`;
}
